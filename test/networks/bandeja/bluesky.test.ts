import { afterEach, describe, expect, it } from "vitest";
import { cargarInstitucion } from "../../../scripts/lib/content/index.ts";
import { rkeyDe } from "../../../scripts/lib/networks/bluesky.ts";
import { crearBandeja } from "../../../scripts/lib/networks/bandeja/bluesky.ts";
import type { AdaptadorBandeja, MensajeEntrante, RespuestaSaliente } from "../../../scripts/lib/networks/tipos.ts";
import { CUENTA_BLUESKY, iniciarEmuladorBlueskyBandeja, type EmuladorBlueskyBandeja } from "../emuladores/bluesky-bandeja.ts";

const institucion = cargarInstitucion();
const CLAVE = "abcd-efgh-ijkl-mnop";
const VECINA = { did: "did:plc:vecinacajica", handle: "vecina.cajica.test", displayName: "Ana" };
let emu: EmuladorBlueskyBandeja | undefined;

afterEach(async () => {
  if (emu) expect(emu.violaciones).toEqual([]);
  await emu?.cerrar();
  emu = undefined;
});

async function bandeja(): Promise<AdaptadorBandeja> {
  emu = await iniciarEmuladorBlueskyBandeja(CLAVE);
  const b = crearBandeja({
    institucion,
    env: { BLUESKY_IDENTIFICADOR: CUENTA_BLUESKY.handle, BLUESKY_CLAVE: CLAVE, PRENSA_URL_BLUESKY: emu.url },
    timeoutMs: 2000,
  });
  if (!b) throw new Error("la bandeja debía existir");
  return b;
}

const respuesta = (m: MensajeEntrante, privado: boolean, texto: string): RespuestaSaliente => ({
  red: "bluesky",
  mensaje: m,
  texto,
  privado,
  clave: `local-${privado ? "p" : "c"}-1`,
  desde: new Date(Date.now() - 3_600_000),
});

describe("bandeja de Bluesky", () => {
  it("lee respuestas, menciones y citas, las respuestas propias y el chat por el proxy, y sigue desde el cursor", async () => {
    const b = await bandeja();
    const post = emu!.publicar("Festival del Campesino este domingo");
    const pregunta = emu!.escribir(VECINA, "¿A qué hora empieza?", "reply", post);
    emu!.escribir(VECINA, "¿Habrá transporte?", "mention");
    emu!.escribirChat(VECINA, "Quiero radicar una petición");

    const primera = await b.leer(undefined);
    expect(primera.mensajes.map((m) => [m.canal, m.autor.usuario, m.propio, m.respondeA ?? null])).toEqual([
      ["mencion", "vecina.cajica.test", false, null],
      ["comentario", "vecina.cajica.test", false, post.uri],
      ["privado", "vecina.cajica.test", false, null],
    ]);
    expect(emu!.nsids()).toEqual([
      "com.atproto.server.createSession",
      "app.bsky.notification.listNotifications",
      "app.bsky.feed.getAuthorFeed",
      "chat.bsky.convo.listConvos",
      "chat.bsky.convo.getMessages",
    ]);
    expect(emu!.solicitudes[1]!.consulta.getAll("reasons")).toEqual(["reply", "mention", "quote"]);

    // The office answers natively: the next read brings only that reply, as its own.
    const suya = await b.responder(respuesta(primera.mensajes[1]!, false, "A las 9 de la mañana."));
    const segunda = await b.leer(primera.cursor);
    expect(segunda.mensajes.filter((m) => m.propio)).toMatchObject([{ idExterno: suya.idRemoto, respondeA: pregunta.uri }]);
    // The cursor is inclusive (the newest instant is read again); the inbox files each id once.
    const vistos = new Set(primera.mensajes.map((m) => m.idExterno));
    expect(segunda.mensajes.filter((m) => !m.propio).every((m) => vistos.has(m.idExterno))).toBe(true);
  });

  it("responde con raíz y padre bajo una clave de registro fija, sin duplicar al repetir, y en privado por el chat", async () => {
    const b = await bandeja();
    const post = emu!.publicar("Jornada de vacunación");
    const pregunta = emu!.escribir(VECINA, "¿Vacunan a niños?", "reply", post);
    emu!.escribirChat(VECINA, "Tengo una queja");
    const { mensajes } = await b.leer(undefined);
    const comentario = mensajes.find((m) => m.canal === "comentario")!;
    const chat = mensajes.find((m) => m.canal === "privado")!;

    const r = respuesta(comentario, false, "Sí, desde los 6 meses.");
    const creada = await b.responder(r);
    expect(creada.idRemoto).toBe(`at://${CUENTA_BLUESKY.did}/app.bsky.feed.post/${rkeyDe(r.clave)}`);
    expect(emu!.posts.at(-1)!.registro.reply).toEqual({
      root: { uri: post.uri, cid: post.cid },
      parent: { uri: pregunta.uri, cid: pregunta.cid },
    });
    // A lost outcome sent again: the PDS refuses the same rkey and the existing reply is returned.
    expect((await b.responder(r)).idRemoto).toBe(creada.idRemoto);
    expect(emu!.posts.filter((p) => p.autor.did === CUENTA_BLUESKY.did && p.registro.reply)).toHaveLength(1);
    expect(await b.reconciliarRespuesta(r)).toMatchObject({ estado: "publicado", post: { idRemoto: creada.idRemoto } });

    expect(b.ventana(respuesta(chat, false, "x"), new Date()).permitida).toBe(false);
    const privada = respuesta(chat, true, "Cuéntenos qué pasó.");
    await b.responder(privada);
    expect([...emu!.chats.values()][0]!.mensajes.at(-1)).toMatchObject({
      text: "Cuéntenos qué pasó.",
      sender: { did: CUENTA_BLUESKY.did },
    });
    expect((await b.reconciliarRespuesta(privada)).estado).toBe("publicado");
    expect(
      emu!.solicitudes.filter((s) => s.nsid.startsWith("chat.")).every((s) => s.proxy === "did:web:api.bsky.chat#bsky_chat"),
    ).toBe(true);
  });
});
