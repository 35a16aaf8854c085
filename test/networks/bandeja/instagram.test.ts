import { afterEach, describe, expect, it } from "vitest";
import { cargarInstitucion } from "../../../scripts/lib/content/index.ts";
import { crearBandeja } from "../../../scripts/lib/networks/bandeja/instagram.ts";
import type { AdaptadorBandeja, MensajeEntrante, RespuestaSaliente } from "../../../scripts/lib/networks/tipos.ts";
import { iniciarEmuladorGraph, type EmuladorGraph } from "../emuladores/graph.ts";

const institucion = cargarInstitucion();
const TOKEN = "EAAtokenDeInstagramDeBandeja654321";
const CUENTA = "17841400000000001";
const HORA = 3_600_000;
let emu: EmuladorGraph | undefined;

afterEach(async () => {
  await emu?.cerrar();
  emu = undefined;
});

async function bandeja(): Promise<AdaptadorBandeja> {
  emu = await iniciarEmuladorGraph({ tokenInstagram: TOKEN, cuentaId: CUENTA });
  const b = crearBandeja({ institucion, env: { INSTAGRAM_TOKEN: TOKEN, PRENSA_URL_INSTAGRAM: emu.url }, timeoutMs: 2000 });
  if (!b) throw new Error("la bandeja debía existir");
  return b;
}

const VECINA = { id: "9170001", username: "ana.cajica" };
const respuesta = (m: MensajeEntrante, privado: boolean, texto = "Gracias por escribir."): RespuestaSaliente => ({
  red: "instagram",
  mensaje: m,
  texto,
  privado,
  clave: `local-${m.idExterno}-${privado ? "p" : "c"}`,
});

describe("bandeja de Instagram", () => {
  it("lee los comentarios de las publicaciones con sus respuestas y los mensajes directos", async () => {
    const b = await bandeja();
    const medio = emu!.agregarMedio("Festival del Campesino");
    const comentario = emu!.bandeja.comentar(medio.id, VECINA, "¿Es gratis la entrada?", { haceMs: 2 * HORA });
    emu!.bandeja.comentar(medio.id, { id: CUENTA, username: "alcaldiacajica" }, "Sí, es gratis.", {
      padre: comentario.id,
      haceMs: HORA,
    });
    emu!.bandeja.escribir("instagram", { id: "9170002", username: "luis.g" }, "Tengo una queja", HORA / 2);

    const { mensajes } = await b.leer(undefined);
    expect(mensajes.map((m) => [m.canal, m.autor.usuario, m.propio, m.hilo === comentario.id])).toEqual([
      ["comentario", "ana.cajica", false, true],
      ["comentario", "alcaldiacajica", true, true],
      ["privado", "luis.g", false, false],
    ]);
    expect(emu!.lineas()).toEqual([
      `GET /v26.0/${CUENTA}/media`,
      `GET /v26.0/${medio.id}/comments`,
      `GET /v26.0/${CUENTA}/conversations`,
      `GET /v26.0/${emu!.bandeja.conversaciones[0]!.id}/messages`,
    ]);
    expect(emu!.solicitudes[2]!.consulta.platform).toBe("instagram");
  });

  it("responde al comentario principal del hilo, envía el mensaje privado dentro de la ventana y no responde en público un mensaje directo", async () => {
    const b = await bandeja();
    const medio = emu!.agregarMedio("Vacunación");
    const comentario = emu!.bandeja.comentar(medio.id, VECINA, "¿Qué días vacunan?", { haceMs: HORA });
    emu!.bandeja.escribir("instagram", { id: "9170002", username: "luis.g" }, "¿Hay citas?", HORA);
    const [m, directo] = (await b.leer(undefined)).mensajes;

    const post = await b.responder(respuesta(m!, false, "De lunes a viernes."));
    expect(emu!.solicitudes.at(-1)!.ruta).toBe(`/v26.0/${comentario.id}/replies`);
    expect(await b.reconciliarRespuesta(respuesta(m!, false, "De lunes a viernes."))).toMatchObject({
      estado: "publicado",
      post: { idRemoto: post.idRemoto },
    });

    expect(b.ventana(respuesta(directo!, false), new Date()).permitida).toBe(false);
    await b.responder(respuesta(directo!, true, "Sí, escríbanos su barrio."));
    expect(emu!.solicitudes.at(-1)!.campos).toMatchObject({ messaging_type: "RESPONSE" });
    expect(emu!.bandeja.conversaciones[0]!.mensajes.at(-1)).toMatchObject({ de: { id: CUENTA } });
  });
});
