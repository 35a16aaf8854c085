import { prensaAsincrona as prensa } from "../ayudas/cli.ts";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cargarInstitucion } from "../../scripts/lib/content/index.ts";
import type { Institucion } from "../../scripts/lib/content/index.ts";
import { crearAdaptador } from "../../scripts/lib/networks/telegram.ts";
import type { ErrorRed } from "../../scripts/lib/networks/tipos.ts";
import type { AdaptadorRed, Correccion, PostRemoto, Publicacion } from "../../scripts/lib/networks/tipos.ts";
import { CANAL_CAJICA, iniciarEmuladorTelegram } from "./emuladores/telegram.ts";
import type { CanalEmulado, EmuladorTelegram } from "./emuladores/telegram.ts";
import { errorRedDe, notaCorregida, redaccionDePrueba } from "../ayudas/redes.ts";

const TOKEN = "7312456789:AAHx9pQ-tokenDePruebaTelegram_zYw";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

let carpeta: string;
let institucion: Institucion;
let emu: EmuladorTelegram;

beforeAll(() => {
  carpeta = mkdtempSync(path.join(tmpdir(), "convergente-telegram-"));
  writeFileSync(path.join(carpeta, "festival.png"), PNG);
  institucion = cargarInstitucion();
});
afterAll(() => rmSync(carpeta, { recursive: true, force: true }));
afterEach(async () => emu?.cerrar());

async function preparar(
  opciones: { token?: string; timeoutMs?: number; chatId?: string; canal?: CanalEmulado } = {},
): Promise<AdaptadorRed> {
  emu = await iniciarEmuladorTelegram(TOKEN, opciones.canal);
  const inst: Institucion = opciones.chatId
    ? {
        ...institucion,
        redes: {
          ...institucion.redes,
          telegram: { usuario: "Alcaldía de Cajicá", url: "https://t.me/alcaldiacajica", opciones: { chatId: opciones.chatId } },
        },
      }
    : institucion;
  const adaptador = crearAdaptador({
    institucion: inst,
    env: { TELEGRAM_BOT_TOKEN: opciones.token ?? TOKEN },
    baseUrl: emu.url,
    timeoutMs: opciones.timeoutMs,
  });
  if (!adaptador) throw new Error("el adaptador de Telegram debía crearse con el token");
  return adaptador;
}

function publicacion(extra: Partial<Publicacion> = {}): Publicacion {
  return {
    notaId: "2026/11/festival-del-campesino",
    version: "original",
    texto:
      "Festival del Campesino: este domingo en el parque principal. https://prensa.cajica.gov.co/noticias/2026/11/festival-del-campesino/",
    enlace: "https://prensa.cajica.gov.co/noticias/2026/11/festival-del-campesino/",
    titulo: "Festival del Campesino",
    resumen: "Música, mercado y cocina tradicional",
    imagen: {
      url: "https://prensa.cajica.gov.co/social/2026/11/festival-del-campesino.png",
      ruta: path.join(carpeta, "festival.png"),
      alt: "Campesinos con ruanas junto a un puesto de mercado",
    },
    clave: "2026/11/festival-del-campesino:telegram:original",
    ...extra,
  };
}

function correccion(original: PostRemoto, texto: string): Correccion {
  return {
    original,
    publicacion: publicacion({ version: "correccion-1", texto }),
    errata: `Fe de erratas: ${texto} ${publicacion().enlace}`,
  };
}

/** Runs a promise that must fail; the token (or its secret half) must appear nowhere in the error. */
const fallo = (promesa: Promise<unknown>) => errorRedDe(promesa, [TOKEN, TOKEN.split(":")[1]!]);

function expectTokenEnTodas(): void {
  for (const s of emu.solicitudes) {
    expect(s.tokenCorrecto).toBe(true);
    expect(s.http).toBe("POST");
  }
}

describe("adaptador de Telegram", () => {
  it("no se crea sin TELEGRAM_BOT_TOKEN", () => {
    expect(crearAdaptador({ institucion, env: {} })).toBeUndefined();
    expect(crearAdaptador({ institucion, env: { TELEGRAM_BOT_TOKEN: " " } })).toBeUndefined();
    expect(crearAdaptador({ institucion, env: { TELEGRAM_BOT_TOKEN: TOKEN } })?.edita).toBe(true);
  });

  it("publica la imagen social con el texto como pie de foto", async () => {
    const tg = await preparar();
    const post = await tg.publicar(publicacion());

    expect(emu.metodos()).toEqual(["sendPhoto"]);
    expectTokenEnTodas();
    const [envio] = emu.solicitudes;
    expect(envio?.tipoContenido).toMatch(/^multipart\/form-data/);
    // Telegram has no alt-text field: exactly these three fields go out.
    expect(Object.keys(envio?.cuerpo ?? {}).sort()).toEqual(["caption", "chat_id", "photo"]);
    expect(envio?.cuerpo.chat_id).toBe("@alcaldiacajica");
    expect(envio?.cuerpo.caption).toBe(publicacion().texto);
    const foto = envio?.cuerpo.photo as { bytes: Buffer; tipo: string; nombre: string };
    expect(foto.bytes.equals(PNG)).toBe(true);
    expect([foto.tipo, foto.nombre]).toEqual(["image/png", "festival.png"]);

    const [mensaje] = emu.mensajes;
    expect(post).toEqual({ idRemoto: `foto:${mensaje?.id}`, url: `https://t.me/alcaldiacajica/${mensaje?.id}` });
  });

  it("publica un mensaje de texto con la vista previa del enlace de la nota", async () => {
    const tg = await preparar();
    const post = await tg.publicar(publicacion({ imagen: undefined }));
    expect(emu.metodos()).toEqual(["sendMessage"]);
    expectTokenEnTodas();
    expect(emu.solicitudes[0]?.tipoContenido).toBe("application/json");
    expect(emu.solicitudes[0]?.cuerpo).toEqual({
      chat_id: "@alcaldiacajica",
      text: publicacion().texto,
      link_preview_options: { url: publicacion().enlace, prefer_large_media: true },
    });
    expect(post).toEqual({ idRemoto: `texto:${emu.mensajes[0]?.id}`, url: `https://t.me/alcaldiacajica/${emu.mensajes[0]?.id}` });
  });

  it("publica como texto con vista previa cuando el texto no cabe en un pie de foto", async () => {
    const tg = await preparar();
    const texto = `${"Programación completa del festival. ".repeat(40)}${publicacion().enlace}`;
    expect(texto.length).toBeGreaterThan(1024);
    const post = await tg.publicar(publicacion({ texto }));
    expect(emu.metodos()).toEqual(["sendMessage"]);
    expect(emu.solicitudes[0]?.cuerpo.text).toBe(texto);
    expect(post.idRemoto).toBe(`texto:${emu.mensajes[0]?.id}`);
  });

  it("forma el enlace t.me/c/… en un canal privado sin nombre de usuario", async () => {
    const tg = await preparar({ chatId: "-1001234567890", canal: { id: -1001234567890, title: "Prensa interna" } });
    const post = await tg.publicar(publicacion({ imagen: undefined }));
    expect(emu.solicitudes[0]?.cuerpo.chat_id).toBe("-1001234567890");
    expect(post.url).toBe(`https://t.me/c/1234567890/${emu.mensajes[0]?.id}`);
  });

  it("corrige una foto editando su pie y un mensaje de texto editando su texto", async () => {
    const tg = await preparar();
    const foto = await tg.publicar(publicacion());
    const texto = await tg.publicar(publicacion({ imagen: undefined, texto: "Otro aviso del festival" }));

    const corregidaFoto = await tg.corregir(correccion(foto, "El festival es el sábado, no el domingo."));
    const corregidoTexto = await tg.corregir(correccion(texto, "El aviso corregido: es el sábado."));
    expect(corregidaFoto).toEqual(foto);
    expect(corregidoTexto).toEqual(texto);

    expect(emu.metodos()).toEqual(["sendPhoto", "sendMessage", "editMessageCaption", "editMessageText"]);
    expectTokenEnTodas();
    const [idFoto, idTexto] = emu.mensajes.map((m) => m.id);
    expect(emu.solicitudes[2]?.cuerpo).toEqual({
      chat_id: "@alcaldiacajica",
      message_id: idFoto,
      caption: "El festival es el sábado, no el domingo.",
    });
    expect(emu.solicitudes[3]?.cuerpo).toEqual({
      chat_id: "@alcaldiacajica",
      message_id: idTexto,
      text: "El aviso corregido: es el sábado.",
      link_preview_options: { url: publicacion().enlace, prefer_large_media: true },
    });
    expect(emu.mensajes.map((m) => [m.texto, m.ediciones])).toEqual([
      ["El festival es el sábado, no el domingo.", 1],
      ["El aviso corregido: es el sábado.", 1],
    ]);
  });

  it("repetir una corrección cuya respuesta se perdió no la aplica dos veces", async () => {
    const tg = await preparar();
    const foto = await tg.publicar(publicacion());
    const c = correccion(foto, "El festival es el sábado.");
    emu.fallar("editMessageCaption", "perder-respuesta");
    expect((await fallo(tg.corregir(c))).tipo).toBe("transitorio");

    // The edit was applied; repeating it gets "message is not modified", which means done.
    expect(await tg.reconciliarCorreccion(c)).toEqual({ estado: "publicado", post: foto });
    expect(emu.metodos()).toEqual(["sendPhoto", "editMessageCaption", "editMessageCaption"]);
    expect(emu.mensajes[0]?.ediciones).toBe(1);
  });

  it("corrige un mensaje registrado a mano por su URL aunque no se sepa si es foto o texto", async () => {
    const tg = await preparar();
    const foto = await tg.publicar(publicacion());
    const aMano: PostRemoto = { idRemoto: foto.url, url: foto.url };
    expect(await tg.corregir(correccion(aMano, "Corrección de la hora."))).toEqual(aMano);
    expect(emu.metodos()).toEqual(["sendPhoto", "editMessageText", "editMessageCaption"]);
    expect(emu.mensajes[0]?.texto).toBe("Corrección de la hora.");
  });

  it("no puede reconciliar una publicación perdida: queda para que una persona la resuelva", async () => {
    const tg = await preparar();
    emu.fallar("sendPhoto", "perder-respuesta");
    expect((await fallo(tg.publicar(publicacion()))).tipo).toBe("transitorio");
    const r = await tg.reconciliar(publicacion());
    expect(r.estado).toBe("desconocido");
    if (r.estado === "desconocido") {
      expect(r.motivo).toContain("no permite leer el historial");
      expect(r.motivo).toContain("https://t.me/alcaldiacajica");
    }
    // Reconciling makes no request at all.
    expect(emu.metodos()).toEqual(["sendPhoto"]);
    expect(emu.mensajes).toHaveLength(1);
  });

  it("trata 429 como transitorio y espera retry_after segundos", async () => {
    const tg = await preparar();
    emu.fallar("sendPhoto", {
      estado: 429,
      cuerpo: {
        ok: false,
        error_code: 429,
        description: "Too Many Requests: retry after 7",
        parameters: { retry_after: 7 },
      },
    });
    const e = await fallo(tg.publicar(publicacion()));
    expect([e.tipo, e.codigo, e.esperarMs, e.noProcesado]).toEqual(["transitorio", 429, 7000, true]);
    expect(e.message).toContain("Too Many Requests: retry after 7");
    expect(emu.metodos()).toEqual(["sendPhoto"]);
    expect(emu.mensajes).toHaveLength(0);
  });

  it("trata los errores 5xx, las conexiones cortadas y los plazos vencidos como transitorios", async () => {
    const tg = await preparar({ timeoutMs: 300 });
    emu.fallar("sendMessage", {
      estado: 502,
      cuerpo: "<html><body><h1>502 Bad Gateway</h1></body></html>",
      cabeceras: { "content-type": "text/html" },
    });
    emu.fallar("sendMessage", { estado: 500, cuerpo: { ok: false, error_code: 500, description: "Internal Server Error" } });
    emu.fallar("sendMessage", "cortar");
    emu.fallar("sendMessage", "colgar");
    const errores: ErrorRed[] = [];
    for (let i = 0; i < 4; i++) errores.push(await fallo(tg.publicar(publicacion({ imagen: undefined }))));
    expect(errores.map((e) => e.tipo)).toEqual(["transitorio", "transitorio", "transitorio", "transitorio"]);
    expect(errores[0]?.message).toContain("502 Bad Gateway");
    expect(errores[2]?.message).toContain("No se pudo publicar el mensaje en Telegram: fetch failed");
    expect(errores[3]?.message).toContain("no respondió");
    // Each of these may come after Telegram sent the message: none proves it was not sent.
    expect(errores.map((e) => e.noProcesado)).toEqual([false, false, false, false]);
    expect(emu.metodos()).toEqual(["sendMessage", "sendMessage", "sendMessage", "sendMessage"]);
    expect(emu.mensajes).toHaveLength(0);
  });

  it("una conexión rechazada o un nombre que no resuelve prueban que nada salió (no es incierto)", async () => {
    const libre = http.createServer();
    await new Promise<void>((r) => libre.listen(0, "127.0.0.1", r));
    const puerto = (libre.address() as AddressInfo).port;
    await new Promise((r) => libre.close(r));
    const tg = crearAdaptador({ institucion, env: { TELEGRAM_BOT_TOKEN: TOKEN }, baseUrl: `http://127.0.0.1:${puerto}` })!;
    const rechazada = await fallo(tg.publicar(publicacion({ imagen: undefined })));
    expect(rechazada).toMatchObject({ tipo: "transitorio", noProcesado: true, codigo: "ECONNREFUSED" });
    expect(rechazada.message).toContain("No llegó a enviarse nada.");
    const dns = crearAdaptador({ institucion, env: { TELEGRAM_BOT_TOKEN: TOKEN }, baseUrl: "http://api.telegram.invalid" })!;
    const sinNombre = await fallo(dns.publicar(publicacion({ imagen: undefined })));
    expect(sinNombre).toMatchObject({ tipo: "transitorio", noProcesado: true });
    expect(["ENOTFOUND", "EAI_AGAIN"]).toContain(sinNombre.codigo);
  });

  it("trata un canal inexistente, un bot expulsado y un token inválido como errores permanentes", async () => {
    const tg = await preparar({ chatId: "@canalquenoexiste" });
    const chat = await fallo(tg.publicar(publicacion()));
    expect([chat.tipo, chat.codigo]).toEqual(["permanente", 400]);
    expect(chat.message).toContain("Bad Request: chat not found");
    expect(chat.message).toContain("redes.telegram.opciones.chatId");
    await emu.cerrar();

    const tg2 = await preparar();
    emu.fallar("sendMessage", {
      estado: 403,
      cuerpo: { ok: false, error_code: 403, description: "Forbidden: bot was kicked from the channel chat" },
    });
    const expulsado = await fallo(tg2.publicar(publicacion({ imagen: undefined })));
    expect([expulsado.tipo, expulsado.codigo]).toEqual(["permanente", 403]);
    expect(expulsado.message).toContain("bot was kicked");
    expect(expulsado.message).toContain("administrador del canal");
    emu.fallar("sendMessage", {
      estado: 400,
      cuerpo: {
        ok: false,
        error_code: 400,
        description: "Bad Request: group chat was upgraded to a supergroup chat",
        parameters: { migrate_to_chat_id: -1009876543210 },
      },
    });
    const migrado = await fallo(tg2.publicar(publicacion({ imagen: undefined })));
    expect(migrado.tipo).toBe("permanente");
    expect(migrado.message).toContain("-1009876543210");
    await emu.cerrar();

    const tg3 = await preparar({ token: "7312456789:AAHotroTokenQueNoEsElDelBot_123" });
    const token = await fallo(tg3.publicar(publicacion()));
    expect([token.tipo, token.codigo]).toEqual(["permanente", 401]);
    expect(token.message).toContain("TELEGRAM_BOT_TOKEN");
    expect(token.message).not.toContain("AAHotroTokenQueNoEsElDelBot_123");
    expect(emu.metodos()).toEqual(["sendPhoto"]);
    expect(emu.solicitudes[0]?.tokenCorrecto).toBe(false);
  });

  it("nunca muestra el token aunque el servidor lo devuelva en su respuesta", async () => {
    const tg = await preparar();
    // A proxy in front of the API that echoes the request path (which carries the token).
    emu.fallar("sendMessage", {
      estado: 404,
      cuerpo: `Cannot POST /bot${TOKEN}/sendMessage`,
      cabeceras: { "content-type": "text/plain" },
    });
    const e = await fallo(tg.publicar(publicacion({ imagen: undefined })));
    expect(e.tipo).toBe("permanente");
    expect(e.message).toContain("Cannot POST /bot[oculto]/sendMessage");

    // A server that does not exist: the connection error names no token either.
    const caido = crearAdaptador({ institucion, env: { TELEGRAM_BOT_TOKEN: TOKEN }, baseUrl: "http://127.0.0.1:9" });
    const red = await fallo(caido!.publicar(publicacion({ imagen: undefined })));
    expect(red.tipo).toBe("transitorio");
  });

  it("rechaza sin llamar a Telegram un texto que supera 4096 caracteres", async () => {
    const tg = await preparar();
    const e = await fallo(tg.publicar(publicacion({ imagen: undefined, texto: "a".repeat(4097) })));
    expect(e.tipo).toBe("permanente");
    expect(e.message).toContain("4096");
    expect(emu.metodos()).toEqual([]);
  });

  it("usa el canal configurado en el ejemplo de Cajicá", () => {
    expect(institucion.redes.telegram?.opciones.chatId).toBe(`@${CANAL_CAJICA.username}`);
  });
});

const redaccion = () => redaccionDePrueba(["telegram"]);

interface EntradaLeida {
  estado: string;
  idRemoto?: string;
  url?: string;
  ultimoError?: { mensaje: string };
  correcciones: { estado: string; modo: string }[];
}
const leerEntrada = (registro: string) =>
  (JSON.parse(readFileSync(registro, "utf8")) as { redes: { telegram: EntradaLeida } }).redes.telegram;

describe("prensa publicar con Telegram", () => {
  it("publica la foto, corrige editando el pie una sola vez y no repite nada", async () => {
    emu = await iniciarEmuladorTelegram(TOKEN);
    const { raiz, nota, registro } = redaccion();
    try {
      const env = { TELEGRAM_BOT_TOKEN: TOKEN, PRENSA_RAIZ: raiz, PRENSA_URL_TELEGRAM: emu.url };
      const primera = await prensa(["publicar", "--ahora", "2026-11-21T08:00:00-05:00"], env);
      expect(primera.error).toBe("");
      expect(primera.codigo, primera.salida).toBe(0);
      expect(emu.metodos()).toEqual(["sendPhoto"]);
      const id = emu.mensajes[0]?.id;
      expect(emu.mensajes[0]?.texto).toContain("https://prensa.cajica.gov.co/noticias/2026/11/festival-del-campesino/");
      expect(primera.salida).toContain(`https://t.me/alcaldiacajica/${id}`);
      expect(leerEntrada(registro)).toMatchObject({
        estado: "publicado",
        idRemoto: `foto:${id}`,
        url: `https://t.me/alcaldiacajica/${id}`,
      });

      writeFileSync(nota, notaCorregida(["telegram"]));
      const segunda = await prensa(["publicar", "--ahora", "2026-11-21T10:00:00-05:00"], env);
      expect(segunda.error).toBe("");
      expect(segunda.codigo).toBe(0);
      const tercera = await prensa(["publicar", "--ahora", "2026-11-21T11:00:00-05:00"], env);
      expect(tercera.codigo).toBe(0);

      expect(emu.metodos()).toEqual(["sendPhoto", "editMessageCaption"]);
      expectTokenEnTodas();
      expect(emu.solicitudes[1]?.cuerpo.message_id).toBe(id);
      expect(emu.mensajes).toHaveLength(1);
      expect(emu.mensajes[0]?.ediciones).toBe(1);
      expect(leerEntrada(registro).correcciones).toMatchObject([{ estado: "publicado", modo: "edicion" }]);
      expect(primera.salida + segunda.salida + tercera.salida).not.toContain(TOKEN);
    } finally {
      rmSync(raiz, { recursive: true, force: true });
    }
  });

  it("deja incierta una foto cuya respuesta se perdió, sin reenviarla", async () => {
    emu = await iniciarEmuladorTelegram(TOKEN);
    const { raiz, registro } = redaccion();
    try {
      emu.fallar("sendPhoto", "perder-respuesta");
      const env = { TELEGRAM_BOT_TOKEN: TOKEN, PRENSA_RAIZ: raiz, PRENSA_URL_TELEGRAM: emu.url };
      const r = await prensa(["publicar", "--ahora", "2026-11-21T08:00:00-05:00"], env);
      expect(r.codigo).toBe(1);
      expect(emu.metodos()).toEqual(["sendPhoto"]);
      expect(emu.mensajes).toHaveLength(1);
      const entrada = leerEntrada(registro);
      expect(entrada.estado).toBe("incierto");
      expect(entrada.ultimoError?.mensaje).toContain("no permite leer el historial");
      expect(r.salida + r.error + readFileSync(registro, "utf8")).not.toContain(TOKEN);
    } finally {
      rmSync(raiz, { recursive: true, force: true });
    }
  });
});
