import { afterEach, describe, expect, it } from "vitest";
import { cargarInstitucion } from "../../../scripts/lib/content/index.ts";
import { crearBandeja } from "../../../scripts/lib/networks/bandeja/telegram.ts";
import type { AdaptadorBandeja, MensajeEntrante, RespuestaSaliente } from "../../../scripts/lib/networks/tipos.ts";
import { GRUPO_CAJICA, iniciarEmuladorTelegram, type EmuladorTelegram } from "../emuladores/telegram.ts";

const institucion = cargarInstitucion();
const TOKEN = "123456:bandeja-de-prueba-AAAAAAAAAAAAAAAAAAAA";
let emu: EmuladorTelegram | undefined;

afterEach(async () => {
  if (emu) {
    expect(emu.solicitudes.every((s) => s.tokenCorrecto)).toBe(true);
    await emu.cerrar();
  }
  emu = undefined;
});

async function bandeja(): Promise<AdaptadorBandeja> {
  emu = await iniciarEmuladorTelegram(TOKEN);
  const b = crearBandeja({ institucion, env: { TELEGRAM_BOT_TOKEN: TOKEN, PRENSA_URL_TELEGRAM: emu.url }, timeoutMs: 2000 });
  if (!b) throw new Error("la bandeja debía existir");
  return b;
}

const VECINA = { id: 7001, username: "vecina_cajica", first_name: "Ana" };
const respuesta = (m: MensajeEntrante, privado: boolean): RespuestaSaliente => ({
  red: "telegram",
  mensaje: m,
  texto: "Gracias por escribir. El puesto de salud abre a las 7.",
  privado,
  clave: `local-${m.idExterno}`,
});

describe("bandeja de Telegram", () => {
  it("lee los mensajes al bot y los comentarios del grupo, y confirma las actualizaciones solo en la lectura siguiente", async () => {
    const b = await bandeja();
    emu!.escribir("privado", VECINA, "¿A qué hora abre el puesto de salud?");
    const post = emu!.escribir("grupo", { id: 0, first_name: "" }, "Publicación reenviada del canal", { comoCanal: true });
    const luis = emu!.escribir("grupo", { id: 7002, first_name: "Luis" }, "¿Y el cierre de la vía hasta cuándo?", {
      hilo: post.message_id,
    });
    emu!.escribir("grupo", { id: 0, first_name: "" }, "Hasta el viernes.", {
      hilo: post.message_id,
      respondeA: luis.message_id,
      comoCanal: true,
    });

    const primera = await b.leer(undefined);
    const enGrupo = (id: number) => `${GRUPO_CAJICA.id}:${id}`;
    expect(primera.mensajes.map((m) => [m.canal, m.propio, m.hilo, m.respondeA])).toEqual([
      ["privado", false, "chat:7001", undefined],
      ["comentario", true, enGrupo(post.message_id), undefined],
      ["comentario", false, enGrupo(luis.message_id), undefined],
      ["comentario", true, enGrupo(luis.message_id + 1), enGrupo(luis.message_id)],
    ]);
    expect(emu!.metodos()).toEqual(["getUpdates"]);
    expect(emu!.solicitudes[0]!.cuerpo).toEqual({ limit: 100, timeout: 0, allowed_updates: ["message"] });

    // A run that died before storing the cursor reads the same updates again: nothing was confirmed.
    expect((await b.leer(undefined)).mensajes).toHaveLength(4);
    // With the stored cursor the updates are confirmed and nothing comes back.
    const segunda = await b.leer(primera.cursor);
    expect(segunda).toEqual({ mensajes: [], cursor: undefined });
    expect(emu!.solicitudes.at(-1)!.cuerpo).toMatchObject({ offset: (JSON.parse(primera.cursor!) as { offset: number }).offset });
  });

  it("responde citando el mensaje en el chat privado y en el grupo, y no escribe en privado a quien solo comentó", async () => {
    const b = await bandeja();
    emu!.escribir("privado", VECINA, "¿A qué hora abre el puesto de salud?");
    const post = emu!.escribir("grupo", { id: 0, first_name: "" }, "Publicación", { comoCanal: true });
    emu!.escribir("grupo", { id: 7002, first_name: "Luis" }, "¿Y el cierre?", { hilo: post.message_id });
    const [privado, , comentario] = (await b.leer(undefined)).mensajes;

    const enviado = await b.responder(respuesta(privado!, true));
    expect(emu!.respuestas.at(-1)).toMatchObject({ chat: VECINA.id, respondeA: Number(privado!.idExterno.split(":")[1]) });
    expect(enviado.idRemoto).toBe(`${VECINA.id}:${emu!.respuestas.at(-1)!.message_id}`);

    await b.responder(respuesta(comentario!, false));
    expect(emu!.respuestas.at(-1)).toMatchObject({ chat: GRUPO_CAJICA.id });

    const v = b.ventana(respuesta(comentario!, true), new Date());
    expect(v.permitida).toBe(false);
    expect(v.explicacion).toMatch(/solo puede escribir en privado a quien lo haya iniciado/);
    expect((await b.reconciliarRespuesta(respuesta(comentario!, false))).estado).toBe("desconocido");
  });
});
