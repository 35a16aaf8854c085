import { contador, errorConexion, limpiar, type Plataforma } from "../http.ts";
import { REGISTRO } from "../index.ts";
import { traducirError, URL_TELEGRAM } from "../telegram.ts";
import {
  ErrorRed,
  type FabricaBandeja,
  type LecturaBandeja,
  type MensajeEntrante,
  type PostRemoto,
  type Reconciliacion,
  type RespuestaSaliente,
  type VentanaRespuesta,
} from "../tipos.ts";
import { abierta, cerrada, escribirCursor, leerCursor } from "./comun.ts";

/**
 * Telegram inbox (Bot API, https://core.telegram.org/bots/api):
 * - `getUpdates` with `offset` and `allowed_updates: ["message"]`. Telegram keeps updates 24 hours
 *   and forgets them once a call passes a higher offset, so the cursor is the next offset and it is
 *   sent only on the next run, after this run's messages were filed: a run that dies re-reads them.
 * - What arrives: private messages to the bot (chat.type "private"), and comments in the
 *   channel's linked discussion group (replies in the thread of the automatically forwarded post,
 *   `message_thread_id`; the forwarded post itself, `is_automatic_forward`, is ours and skipped).
 *   Each comment straight under the post is its own conversation; a reply to a comment
 *   (`reply_to_message`) joins the conversation of the comment it answers.
 *   A message sent on behalf of the channel (`sender_chat` = the channel) is the office's own reply.
 * - Replies: `sendMessage` with `reply_parameters` in the group (public), or in the private chat.
 *   A bot can only write privately to someone who started it (wrote to it first), so a private
 *   answer to a group comment is refused with an explanation.
 * - Reconciliation: the Bot API cannot read a chat's history, so a lost send is `desconocido`
 *   unless the failure proves nothing was sent (then the responder simply sends again).
 */

const { nombre: NOMBRE, credenciales, variableUrl } = REGISTRO.telegram;
const VARIABLE_TELEGRAM = credenciales[0]!;

interface UsuarioTelegram {
  id: number;
  is_bot?: boolean;
  first_name?: string;
  last_name?: string;
  username?: string;
}
interface ChatTelegram {
  id: number;
  type?: string;
  username?: string;
  title?: string;
}
interface MensajeTelegram {
  message_id: number;
  message_thread_id?: number;
  date: number;
  chat: ChatTelegram;
  from?: UsuarioTelegram;
  sender_chat?: ChatTelegram;
  text?: string;
  caption?: string;
  is_automatic_forward?: boolean;
  reply_to_message?: { message_id: number };
}
interface ActualizacionTelegram {
  update_id: number;
  message?: MensajeTelegram;
}
interface RespuestaTelegram<T> {
  ok: boolean;
  result?: T;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

interface CursorTelegram {
  offset: number;
}

/** Updates per call (the API's maximum). */
const POR_LLAMADA = 100;
/** Calls per run at most (10 000 updates): the rest waits for the next run. */
const LLAMADAS = 100;

/** "<chat>:<message>", the external id of a Telegram message (message ids are per chat). */
const idDe = (chat: number, mensaje: number): string => `${chat}:${mensaje}`;

function leerId(id: string): { chat: number; mensaje: number } | undefined {
  const m = /^(-?\d+):(\d+)$/.exec(id);
  return m ? { chat: Number(m[1]), mensaje: Number(m[2]) } : undefined;
}

export const crearBandeja: FabricaBandeja = (ctx) => {
  const token = ctx.env[VARIABLE_TELEGRAM]?.trim();
  const cuenta = ctx.institucion.redes.telegram;
  if (!token || !cuenta) return undefined;
  const base = (ctx.baseUrl ?? ctx.env[variableUrl] ?? URL_TELEGRAM).replace(/\/+$/, "");
  const hacerFetch = ctx.fetch ?? globalThis.fetch;
  const timeoutMs = ctx.timeoutMs ?? 30_000;
  const plataforma: Plataforma = { nombre: NOMBRE, env: { ...ctx.env }, secretos: [token] };
  const canal = (cuenta.opciones.chatId ?? cuenta.usuario).replace(/^@/, "").toLowerCase();
  const cuentaSolicitudes = contador();

  async function llamar<T>(metodo: string, cuerpo: Record<string, unknown>, accion: string): Promise<T> {
    let respuesta: Response;
    let texto: string;
    cuentaSolicitudes.sumar();
    try {
      respuesta = await hacerFetch(`${base}/bot${token}/${metodo}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(cuerpo),
        signal: AbortSignal.timeout(timeoutMs),
      });
      texto = await respuesta.text();
    } catch (error) {
      throw errorConexion(plataforma, error, accion, timeoutMs);
    }
    let datos: RespuestaTelegram<T> | undefined;
    try {
      datos = JSON.parse(texto) as RespuestaTelegram<T>;
    } catch {
      datos = undefined;
    }
    if (datos?.ok === true && datos.result !== undefined) return datos.result;
    throw limpiar(plataforma, traducirError(respuesta.status, datos, texto, metodo, accion));
  }

  /** The channel itself writing (a person of the office answering as the channel). */
  const esCanal = (c: ChatTelegram | undefined): boolean =>
    c !== undefined && (String(c.id) === canal || (c.username ?? "").toLowerCase() === canal);

  function mensajeDe(m: MensajeTelegram): MensajeEntrante | undefined {
    if (m.is_automatic_forward) return undefined;
    const privado = m.chat.type === "private";
    if (!privado && m.chat.type !== "group" && m.chat.type !== "supergroup") return undefined;
    const propio = esCanal(m.sender_chat);
    const autor = m.from ?? { id: m.sender_chat?.id ?? 0 };
    const nombre = [m.from?.first_name, m.from?.last_name].filter(Boolean).join(" ");
    // A comment straight under the channel post opens its own conversation; a reply to a comment joins that one.
    const citado = m.reply_to_message?.message_id;
    const respondeA = citado !== undefined && citado !== m.message_thread_id ? citado : undefined;
    return {
      red: "telegram",
      idExterno: idDe(m.chat.id, m.message_id),
      hilo: privado ? `chat:${m.chat.id}` : idDe(m.chat.id, m.message_id),
      canal: privado ? "privado" : "comentario",
      autor: { id: String(autor.id), usuario: m.from?.username ?? String(autor.id), ...(nombre ? { nombre } : {}) },
      texto: m.text ?? m.caption ?? "",
      ...(m.chat.username ? { enlace: `https://t.me/${m.chat.username}/${m.message_id}` } : {}),
      recibido: new Date(m.date * 1000),
      propio,
      ...(respondeA !== undefined ? { respondeA: idDe(m.chat.id, respondeA) } : {}),
    };
  }

  function ventana(r: Pick<RespuestaSaliente, "mensaje" | "privado">): VentanaRespuesta {
    if (r.mensaje.canal === "privado")
      return r.privado
        ? abierta("La persona escribió al bot: se le responde en ese chat.")
        : cerrada("Es un chat privado con el bot: no tiene respuesta pública. Use /responder-privado.");
    return r.privado
      ? cerrada(
          "El bot de Telegram solo puede escribir en privado a quien lo haya iniciado: responda en el grupo con /responder, o invite a la persona a escribirle al bot.",
        )
      : abierta("Respuesta en el grupo de comentarios del canal, citando el comentario.");
  }

  return {
    red: "telegram",
    solicitudes: cuentaSolicitudes.total,

    async leer(cursor): Promise<LecturaBandeja> {
      let offset = leerCursor<CursorTelegram>(cursor).offset;
      const inicial = offset;
      const mensajes: MensajeEntrante[] = [];
      for (let i = 0; i < LLAMADAS; i++) {
        const lote = await llamar<ActualizacionTelegram[]>(
          "getUpdates",
          { ...(offset !== undefined ? { offset } : {}), limit: POR_LLAMADA, timeout: 0, allowed_updates: ["message"] },
          "leer los mensajes del bot",
        );
        for (const u of lote) {
          const m = u.message ? mensajeDe(u.message) : undefined;
          if (m) mensajes.push(m);
          offset = Math.max(offset ?? 0, u.update_id + 1);
        }
        if (lote.length < POR_LLAMADA) break;
      }
      return { mensajes, cursor: offset !== undefined && offset !== inicial ? escribirCursor({ offset }) : undefined };
    },

    ventana,

    async responder(r: RespuestaSaliente): Promise<PostRemoto> {
      const id = leerId(r.mensaje.idExterno);
      if (!id)
        throw new ErrorRed(`El mensaje de Telegram ${r.mensaje.idExterno} no tiene un identificador válido.`, "permanente");
      const v = ventana(r);
      if (!v.permitida) throw new ErrorRed(v.explicacion, "permanente", { codigo: "ventana" });
      const enviado = await llamar<MensajeTelegram>(
        "sendMessage",
        {
          chat_id: id.chat,
          text: r.texto,
          reply_parameters: { message_id: id.mensaje, allow_sending_without_reply: true },
        },
        "enviar la respuesta",
      );
      const usuario = enviado.chat.username;
      return {
        idRemoto: idDe(enviado.chat.id, enviado.message_id),
        url: usuario ? `https://t.me/${usuario}/${enviado.message_id}` : "",
      };
    },

    async reconciliarRespuesta(): Promise<Reconciliacion> {
      return {
        estado: "desconocido",
        motivo: "La Bot API de Telegram no permite leer el historial del chat: revise en Telegram si la respuesta salió.",
      };
    },
  };
};
