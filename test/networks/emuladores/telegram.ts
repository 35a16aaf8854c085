import http from "node:http";
import type { AddressInfo } from "node:net";
import { tipoDeBytes } from "./graph.ts";

/**
 * A local Telegram Bot API server for one channel, implementing the documented contract the
 * adapter uses: `POST /bot<token>/<method>` with JSON or multipart bodies, answering
 * `{ok:true, result}` or `{ok:false, error_code, description, parameters?}`.
 * - `sendPhoto` (multipart: chat_id, photo file, caption ≤ 1024) and `sendMessage` (text ≤ 4096,
 *   link_preview_options) return a `Message`.
 * - `editMessageCaption` / `editMessageText` return the edited `Message`; same content gives
 *   400 "message is not modified", editing the text of a photo gives 400 "there is no text in
 *   the message to edit", and the reverse "there is no caption in the message to edit".
 * - `getChatMemberCount` (chat_id) returns the channel's member count, an Integer
 *   (https://core.telegram.org/bots/api#getchatmembercount).
 * - `setChatPhoto` (multipart: chat_id, photo file) sets the channel's photo and returns True
 *   (https://core.telegram.org/bots/api#setchatphoto); kept in `fotoDelCanal`.
 * - A wrong token gives 401 "Unauthorized"; an unknown chat 400 "Bad Request: chat not found".
 * - Inbox (https://core.telegram.org/bots/api#getupdates): `getUpdates` (offset, limit,
 *   allowed_updates) returns the queued updates with update_id >= offset; a call with an offset
 *   confirms, so forgets, every earlier update. `escribir` queues what a person writes: to the bot
 *   (private chat) or in the channel's discussion group (a comment in the thread of a forwarded
 *   post, `message_thread_id`). `sendMessage` to a private chat works only for someone who wrote
 *   to the bot (403 "bot can't initiate conversation with a user"), and `reply_parameters` must
 *   name a message of that chat (400 "message to be replied not found").
 */

export interface SolicitudTelegram {
  /** Bot API method, e.g. "sendPhoto". */
  metodo: string;
  /** Whether the path carried the right token. */
  tokenCorrecto: boolean;
  /** HTTP method. */
  http: string;
  tipoContenido: string;
  /** Parsed JSON body, or multipart fields (files as {bytes, tipo, nombre}). */
  cuerpo: Record<string, unknown>;
}

export interface MensajeGuardado {
  id: number;
  clase: "foto" | "texto";
  /** Text of a text message, or caption of a photo. */
  texto: string;
  foto?: { bytes: Buffer; tipo: string; nombre: string };
  vistaPrevia?: unknown;
  ediciones: number;
}

export type Falla =
  { estado: number; cuerpo?: unknown; cabeceras?: Record<string, string> } | "cortar" | "perder-respuesta" | "colgar";

export interface EmuladorTelegram {
  url: string;
  solicitudes: SolicitudTelegram[];
  mensajes: MensajeGuardado[];
  /** Queues a failure for the next call to a Bot API method, e.g. "sendPhoto". */
  fallar(metodo: string, falla: Falla): void;
  /** Bot API methods called, in order. */
  metodos(): string[];
  /** Members of the channel (getChatMemberCount). */
  miembros: number;
  /** The channel's photo as last set with setChatPhoto. */
  fotoDelCanal?: { bytes: Buffer; tipo: string; nombre: string };
  /** Queues an update with what a person writes to the bot or in the discussion group; returns the message. */
  escribir(
    donde: "privado" | "grupo",
    de: { id: number; username?: string; first_name: string },
    texto: string,
    opciones?: { hilo?: number; respondeA?: number; comoCanal?: boolean },
  ): { chat: number; message_id: number };
  /** Messages the bot sent to private chats or the discussion group. */
  respuestas: { chat: number; texto: string; respondeA?: number; message_id: number }[];
  cerrar(): Promise<void>;
}

export interface CanalEmulado {
  id: number;
  username?: string;
  title: string;
}

/** The channel's linked discussion group (a supergroup). */
export const GRUPO_CAJICA = { id: -1009876543210, title: "Comentarios Alcaldía de Cajicá", type: "supergroup" } as const;

export const CANAL_CAJICA: CanalEmulado = { id: -1001234567890, username: "alcaldiacajica", title: "Alcaldía de Cajicá" };

export async function iniciarEmuladorTelegram(token: string, canal: CanalEmulado = CANAL_CAJICA): Promise<EmuladorTelegram> {
  const solicitudes: SolicitudTelegram[] = [];
  const mensajes: MensajeGuardado[] = [];
  const fallas = new Map<string, Falla[]>();
  const colgadas = new Set<http.ServerResponse>();
  let siguiente = 41;
  let miembros = 0;
  let fotoDelCanal: EmuladorTelegram["fotoDelCanal"];
  let actualizacion = 500_000;
  const pendientes: { update_id: number; message: Record<string, unknown> }[] = [];
  /** Messages by chat id (ids per chat), to check reply_parameters; and who started the bot. */
  const porChat = new Map<number, Set<number>>();
  const iniciaron = new Set<number>();
  const respuestas: EmuladorTelegram["respuestas"] = [];

  const servidor = http.createServer((req, res) => {
    const trozos: Buffer[] = [];
    req.on("data", (t: Buffer) => trozos.push(t));
    req.on("end", () => {
      atender(req, res, Buffer.concat(trozos)).catch((error: unknown) => {
        responder(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(error)}` });
      });
    });
  });

  async function atender(req: http.IncomingMessage, res: http.ServerResponse, crudo: Buffer): Promise<void> {
    const ruta = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const partes = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(ruta);
    const tipoContenido = req.headers["content-type"] ?? "";
    const cuerpo = await leerCuerpo(tipoContenido, crudo);
    const metodo = partes?.[2] ?? ruta;
    solicitudes.push({ metodo, tokenCorrecto: partes?.[1] === token, http: req.method ?? "", tipoContenido, cuerpo });

    const falla = fallas.get(metodo)?.shift();
    if (falla === "cortar") return void res.socket?.destroy();
    if (falla === "colgar") return void colgadas.add(res);
    if (falla && falla !== "perder-respuesta") return responder(res, falla.estado, falla.cuerpo ?? {}, falla.cabeceras);

    if (!partes) return responder(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    if (partes[1] !== token) return responder(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const [estado, respuesta] = ejecutar(metodo, cuerpo);
    if (falla === "perder-respuesta") return void res.socket?.destroy();
    responder(res, estado, respuesta);
  }

  function malo(descripcion: string): [number, unknown] {
    return [400, { ok: false, error_code: 400, description: `Bad Request: ${descripcion}` }];
  }

  function vista(m: MensajeGuardado): Record<string, unknown> {
    const chat: Record<string, unknown> = { id: canal.id, title: canal.title, type: "channel" };
    if (canal.username) chat.username = canal.username;
    const mensaje: Record<string, unknown> = { message_id: m.id, sender_chat: chat, chat, date: 1795871000 };
    if (m.ediciones > 0) mensaje.edit_date = 1795871100 + m.ediciones;
    if (m.clase === "foto") {
      mensaje.photo = [
        { file_id: `AgAC${m.id}s`, file_unique_id: `s${m.id}`, width: 320, height: 168, file_size: 9000 },
        { file_id: `AgAC${m.id}x`, file_unique_id: `x${m.id}`, width: 1200, height: 630, file_size: 90000 },
      ];
      if (m.texto) mensaje.caption = m.texto;
    } else {
      mensaje.text = m.texto;
      if (m.vistaPrevia) mensaje.link_preview_options = m.vistaPrevia;
    }
    return mensaje;
  }

  function ejecutar(metodo: string, c: Record<string, unknown>): [number, unknown] {
    if (metodo === "getUpdates") {
      const offset = typeof c.offset === "number" ? c.offset : undefined;
      if (offset !== undefined) while (pendientes.length && pendientes[0]!.update_id < offset) pendientes.shift();
      const limite = typeof c.limit === "number" ? c.limit : 100;
      if (limite < 1 || limite > 100) return malo("limit must be between 1 and 100");
      return [200, { ok: true, result: pendientes.slice(0, limite) }];
    }
    if (metodo === "sendMessage" && typeof c.chat_id === "number" && c.chat_id !== canal.id) {
      const destino = c.chat_id;
      if (destino !== GRUPO_CAJICA.id && !iniciaron.has(destino))
        return [403, { ok: false, error_code: 403, description: "Forbidden: bot can't initiate conversation with a user" }];
      const texto = typeof c.text === "string" ? c.text : "";
      if (!texto.trim()) return malo("message text is empty");
      const cita = (c.reply_parameters as { message_id?: number } | undefined)?.message_id;
      if (cita !== undefined && !porChat.get(destino)?.has(cita)) return malo("message to be replied not found");
      const id = siguiente++;
      porChat.set(destino, (porChat.get(destino) ?? new Set()).add(id));
      respuestas.push({ chat: destino, texto, ...(cita !== undefined ? { respondeA: cita } : {}), message_id: id });
      const chat = destino === GRUPO_CAJICA.id ? { ...GRUPO_CAJICA } : { id: destino, type: "private", first_name: "Persona" };
      return [200, { ok: true, result: { message_id: id, chat, date: Math.floor(Date.now() / 1000), text: texto } }];
    }
    const chat = typeof c.chat_id === "string" || typeof c.chat_id === "number" ? String(c.chat_id) : "";
    if (chat !== `@${canal.username ?? ""}` && chat !== String(canal.id)) return malo("chat not found");
    if (metodo === "sendPhoto") {
      const foto = c.photo as MensajeGuardado["foto"] | string | undefined;
      if (!foto || typeof foto === "string") return malo("there is no photo in the request");
      // sendPhoto: "The photo must be at most 10 MB in size" (https://core.telegram.org/bots/api#sendphoto); JPEG or PNG here.
      if (!tipoDeBytes(foto.bytes) || foto.bytes.length > 10 * 1024 * 1024) return malo("IMAGE_PROCESS_FAILED");
      const pie = typeof c.caption === "string" ? c.caption : "";
      if (pie.length > 1024) return malo("message caption is too long");
      const m: MensajeGuardado = { id: siguiente++, clase: "foto", texto: pie, foto, ediciones: 0 };
      mensajes.push(m);
      return [200, { ok: true, result: vista(m) }];
    }
    if (metodo === "sendMessage") {
      const texto = typeof c.text === "string" ? c.text : "";
      if (!texto.trim()) return malo("message text is empty");
      if (texto.length > 4096) return malo("message is too long");
      const m: MensajeGuardado = {
        id: siguiente++,
        clase: "texto",
        texto,
        vistaPrevia: c.link_preview_options,
        ediciones: 0,
      };
      mensajes.push(m);
      return [200, { ok: true, result: vista(m) }];
    }
    if (metodo === "getChatMemberCount") return [200, { ok: true, result: miembros }];
    if (metodo === "setChatPhoto") {
      const foto = c.photo as MensajeGuardado["foto"] | string | undefined;
      // "Photos can't be changed for private chats"; the photo is a new upload (InputFile), never a file_id.
      if (!foto || typeof foto === "string") return malo("there is no photo in the request");
      if (!tipoDeBytes(foto.bytes)) return malo("IMAGE_PROCESS_FAILED");
      fotoDelCanal = foto;
      return [200, { ok: true, result: true }];
    }
    if (metodo === "editMessageText" || metodo === "editMessageCaption") {
      const m = mensajes.find((x) => x.id === Number(c.message_id));
      if (!m) return malo("message to edit not found");
      const nuevo = metodo === "editMessageText" ? c.text : c.caption;
      if (typeof nuevo !== "string") return malo("message text is empty");
      if (metodo === "editMessageText" && m.clase === "foto") return malo("there is no text in the message to edit");
      if (metodo === "editMessageCaption" && m.clase === "texto") {
        return malo("there is no caption in the message to edit");
      }
      if (nuevo.length > (m.clase === "foto" ? 1024 : 4096)) return malo("message is too long");
      if (nuevo === m.texto) {
        return malo(
          "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
        );
      }
      m.texto = nuevo;
      if (metodo === "editMessageText") m.vistaPrevia = c.link_preview_options;
      m.ediciones++;
      return [200, { ok: true, result: vista(m) }];
    }
    return [404, { ok: false, error_code: 404, description: "Not Found: method not found" }];
  }

  await new Promise<void>((listo) => servidor.listen(0, "127.0.0.1", listo));
  const { port } = servidor.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    solicitudes,
    mensajes,
    fallar(metodo, falla) {
      const cola = fallas.get(metodo) ?? [];
      cola.push(falla);
      fallas.set(metodo, cola);
    },
    metodos: () => solicitudes.map((s) => s.metodo),
    respuestas,
    escribir(donde, de, texto, o = {}) {
      const chatId = donde === "privado" ? de.id : GRUPO_CAJICA.id;
      const id = siguiente++;
      porChat.set(chatId, (porChat.get(chatId) ?? new Set()).add(id));
      if (donde === "privado") iniciaron.add(de.id);
      const chat = donde === "privado" ? { id: de.id, type: "private", first_name: de.first_name } : { ...GRUPO_CAJICA };
      const canalChat = {
        id: canal.id,
        title: canal.title,
        type: "channel",
        ...(canal.username ? { username: canal.username } : {}),
      };
      const message: Record<string, unknown> = {
        message_id: id,
        date: Math.floor(Date.now() / 1000),
        chat,
        ...(o.comoCanal
          ? { sender_chat: canalChat }
          : { from: { id: de.id, is_bot: false, first_name: de.first_name, ...(de.username ? { username: de.username } : {}) } }),
        text: texto,
        ...(o.hilo !== undefined ? { message_thread_id: o.hilo, is_topic_message: false } : {}),
        ...(o.respondeA !== undefined || o.hilo !== undefined
          ? { reply_to_message: { message_id: o.respondeA ?? o.hilo, chat, date: 0 } }
          : {}),
      };
      pendientes.push({ update_id: ++actualizacion, message });
      return { chat: chatId, message_id: id };
    },
    get miembros() {
      return miembros;
    },
    set miembros(n: number) {
      miembros = n;
    },
    get fotoDelCanal() {
      return fotoDelCanal;
    },
    cerrar: () =>
      new Promise<void>((listo) => {
        for (const res of colgadas) res.socket?.destroy();
        servidor.closeAllConnections();
        servidor.close(() => listo());
      }),
  };
}

function responder(res: http.ServerResponse, estado: number, cuerpo: unknown, cabeceras: Record<string, string> = {}): void {
  res.writeHead(estado, { "content-type": "application/json", ...cabeceras });
  res.end(typeof cuerpo === "string" ? cuerpo : JSON.stringify(cuerpo));
}

async function leerCuerpo(tipo: string, crudo: Buffer): Promise<Record<string, unknown>> {
  if (crudo.length === 0) return {};
  if (tipo.startsWith("application/json")) return JSON.parse(crudo.toString("utf8")) as Record<string, unknown>;
  if (tipo.startsWith("multipart/form-data")) {
    const formulario = await new Response(new Uint8Array(crudo), { headers: { "content-type": tipo } }).formData();
    const campos: Record<string, unknown> = {};
    for (const [nombre, valor] of formulario) {
      campos[nombre] =
        typeof valor === "string"
          ? valor
          : { bytes: Buffer.from(await valor.arrayBuffer()), tipo: valor.type, nombre: valor.name };
    }
    return campos;
  }
  return { crudo: crudo.toString("utf8") };
}
