import { afterEach, describe, expect, it } from "vitest";
import { cargarInstitucion } from "../../../scripts/lib/content/index.ts";
import { crearBandeja } from "../../../scripts/lib/networks/bandeja/facebook.ts";
import type { AdaptadorBandeja, MensajeEntrante, RespuestaSaliente } from "../../../scripts/lib/networks/tipos.ts";
import { iniciarEmuladorGraph, type EmuladorGraph } from "../emuladores/graph.ts";

const institucion = cargarInstitucion();
const TOKEN = "EAAtokenDePaginaDeBandeja123456";
const PAGINA = "100064000000001";
const HORA = 3_600_000;
let emu: EmuladorGraph | undefined;

afterEach(async () => {
  await emu?.cerrar();
  emu = undefined;
});

async function bandeja(): Promise<AdaptadorBandeja> {
  emu = await iniciarEmuladorGraph({ tokenFacebook: TOKEN, paginaId: PAGINA });
  const b = crearBandeja({ institucion, env: { FACEBOOK_TOKEN: TOKEN, PRENSA_URL_FACEBOOK: emu.url }, timeoutMs: 2000 });
  if (!b) throw new Error("la bandeja debía existir");
  return b;
}

const VECINA = { id: "5550001", name: "Ana Pérez" };
const PAGINA_COMO_AUTOR = { id: PAGINA, name: "Alcaldía de Cajicá" };
const respuesta = (m: MensajeEntrante, privado: boolean, texto = "Gracias por escribir."): RespuestaSaliente => ({
  red: "facebook",
  mensaje: m,
  texto,
  privado,
  clave: `local-${m.idExterno}-${privado ? "p" : "c"}`,
});

describe("bandeja de Facebook", () => {
  it("lee comentarios con sus respuestas y los mensajes de Messenger, marca como propias las de la página y sigue desde el cursor", async () => {
    const b = await bandeja();
    const post = emu!.agregarPost("Cierre de la vía a Zipaquirá el sábado");
    const comentario = emu!.bandeja.comentar(post.id, VECINA, "¿Hasta qué hora es el cierre?", { haceMs: 2 * HORA });
    emu!.bandeja.comentar(post.id, PAGINA_COMO_AUTOR, "Hasta las 6 p. m.", { padre: comentario.id, haceMs: HORA });
    emu!.bandeja.escribir("messenger", { id: "5550002", name: "Luis Gómez" }, "Quiero pedir una copia del decreto", HORA / 2);

    const primera = await b.leer(undefined);
    expect(
      primera.mensajes.map((m) => [m.canal, m.propio, m.hilo === comentario.id || m.canal === "privado", m.respondeA]),
    ).toEqual([
      ["comentario", true, true, comentario.id],
      ["comentario", false, true, undefined],
      ["privado", false, true, undefined],
    ]);
    expect(emu!.lineas()).toEqual([
      `GET /v26.0/${PAGINA}/posts`,
      `GET /v26.0/${post.id}/comments`,
      `GET /v26.0/${PAGINA}/conversations`,
      `GET /v26.0/${emu!.bandeja.conversaciones[0]!.id}/messages`,
    ]);
    expect(emu!.solicitudes[1]!.consulta).toMatchObject({ filter: "stream", order: "reverse_chronological" });
    expect(emu!.solicitudes[2]!.consulta.platform).toBe("messenger");

    emu!.solicitudes.length = 0;
    const segunda = await b.leer(primera.cursor);
    // The newest message is read again (the cursor is inclusive); the inbox files each id once.
    expect(segunda.mensajes.map((m) => m.canal)).toEqual(["privado"]);
    expect(segunda.cursor).toBeUndefined();
  });

  it("responde en público al comentario y una sola vez en privado, y reconcilia buscando la respuesta de la página", async () => {
    const b = await bandeja();
    const post = emu!.agregarPost("Jornada de vacunación");
    emu!.bandeja.comentar(post.id, VECINA, "¿Vacunan a mayores de 60?", { haceMs: HORA });
    const [m] = (await b.leer(undefined)).mensajes;

    const publica = await b.responder(respuesta(m!, false, "Sí, de 8 a 12."));
    expect(emu!.bandeja.comentarios.find((c) => c.id === publica.idRemoto)).toMatchObject({
      padre: m!.idExterno,
      de: { id: PAGINA },
    });
    expect(await b.reconciliarRespuesta(respuesta(m!, false, "Sí, de 8 a 12."))).toMatchObject({
      estado: "publicado",
      post: { idRemoto: publica.idRemoto },
    });
    expect((await b.reconciliarRespuesta(respuesta(m!, false, "Otro texto"))).estado).toBe("no-publicado");

    const privada = await b.responder(respuesta(m!, true, "Le escribimos por privado."));
    expect(privada.idRemoto).toMatch(/^m_/);
    const envio = emu!.solicitudes.at(-1)!;
    expect(envio.ruta).toBe(`/v26.0/${PAGINA}/messages`);
    expect(JSON.parse(envio.campos.recipient!)).toEqual({ comment_id: m!.idExterno });
    // Graph allows one private reply per comment.
    await expect(b.responder(respuesta(m!, true, "Otra vez"))).rejects.toMatchObject({ tipo: "permanente", codigo: 10 });
  });

  it("respeta las ventanas de Messenger: 24 horas, luego HUMAN_AGENT hasta 7 días, y después explica qué queda", async () => {
    const b = await bandeja();
    emu!.bandeja.escribir("messenger", VECINA, "¿Dónde pago el impuesto predial?", 30 * HORA);
    const [m] = (await b.leer(undefined)).mensajes;
    const ahora = new Date();
    expect(b.ventana(respuesta(m!, false), ahora)).toMatchObject({ permitida: false });
    expect(b.ventana(respuesta(m!, true), ahora)).toMatchObject({
      permitida: true,
      explicacion: expect.stringMatching(/HUMAN_AGENT/) as unknown,
    });

    await b.responder(respuesta(m!, true, "En la Secretaría de Hacienda."));
    const envio = emu!.solicitudes.at(-1)!;
    expect(envio.campos).toMatchObject({ messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" });
    expect(JSON.parse(envio.campos.recipient!)).toEqual({ id: VECINA.id });

    const ocho = b.ventana(respuesta({ ...m!, recibido: new Date(Date.now() - 8 * 24 * HORA) }, true), ahora);
    expect(ocho.permitida).toBe(false);
    expect(ocho.explicacion).toMatch(/Ya pasaron 7 días/);
  });
});
