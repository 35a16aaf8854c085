import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { ocultarSecretos } from "../cli/secretos.ts";
import { VARIABLE_URL } from "./index.ts";
import { ErrorRed } from "./tipos.ts";
import type {
  AdaptadorRed,
  ContextoAdaptador,
  Correccion,
  FabricaAdaptador,
  PostRemoto,
  Publicacion,
  Reconciliacion,
} from "./tipos.ts";

/**
 * Telegram channel adapter (Bot API). Requests go to `<base>/bot<token>/<method>`: the token is
 * part of the URL path, so every message this module produces is redacted before it leaves.
 *
 * - Posts: `sendPhoto` (multipart upload of the social image, caption up to 1024 characters) or,
 *   without image or when the text does not fit a caption, `sendMessage` (up to 4096 characters)
 *   with the note's link preview. Telegram has no alt-text field for photos, so nothing is sent
 *   for `imagen.alt`; the caption carries the text.
 * - `idRemoto` records the kind of message, because the edit method depends on it:
 *   `foto:<message_id>` (edited with `editMessageCaption`) or `texto:<message_id>`
 *   (`editMessageText`). A bare id or a t.me URL (e.g. from `--resolver`) is accepted too: the
 *   adapter tries `editMessageText` and falls back to `editMessageCaption` if the message has no text.
 * - Reconciliation: the Bot API cannot read a channel's history (no method lists past messages; a
 *   bot only receives new ones as updates, which other consumers may already have taken). So a
 *   lost outcome cannot be decided and `reconciliar` answers `desconocido`: a person checks the
 *   channel and resolves it. Edits are idempotent ("message is not modified" counts as done),
 *   so a lost correction is simply applied again.
 */

/** Environment variable with the bot token given by @BotFather. */
export const VARIABLE_TELEGRAM = "TELEGRAM_BOT_TOKEN";

/** Default API origin; `PRENSA_URL_TELEGRAM` or `ctx.baseUrl` replace it. */
export const URL_TELEGRAM = "https://api.telegram.org";

/** Limits of the Bot API, in UTF-16 code units (how Telegram counts). */
export const LIMITE_PIE = 1024;
export const LIMITE_TEXTO = 4096;

const TIPOS_IMAGEN: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
};

/** The fields of a Telegram `Message` this adapter reads. */
interface MensajeTelegram {
  message_id: number;
  chat?: { id?: number; username?: string };
}

/** Bot API response envelope. */
interface RespuestaTelegram<T> {
  ok: boolean;
  result?: T;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

type Clase = "foto" | "texto";

export const crearAdaptador: FabricaAdaptador = (ctx) => {
  const token = ctx.env[VARIABLE_TELEGRAM]?.trim();
  if (!token) return undefined;
  const cuenta = ctx.institucion.redes.telegram;
  if (!cuenta) return undefined;
  const chatId = cuenta.opciones.chatId ?? (cuenta.usuario.startsWith("@") ? cuenta.usuario : undefined);
  return new AdaptadorTelegram(ctx, token, chatId === undefined ? undefined : String(chatId), cuenta.usuario);
};

class AdaptadorTelegram implements AdaptadorRed {
  readonly red = "telegram" as const;
  readonly edita = true;
  private readonly token: string;
  private readonly base: string;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly env: NodeJS.ProcessEnv;
  private readonly chatId: string | undefined;
  private readonly canal: string;

  constructor(ctx: ContextoAdaptador, token: string, chatId: string | undefined, usuario: string) {
    this.token = token;
    this.base = (ctx.baseUrl ?? ctx.env[VARIABLE_URL.telegram] ?? URL_TELEGRAM).replace(/\/+$/, "");
    this.fetch = ctx.fetch ?? globalThis.fetch;
    this.timeoutMs = ctx.timeoutMs ?? 30_000;
    this.env = { ...ctx.env };
    this.chatId = chatId;
    this.canal = (typeof chatId === "string" && chatId.startsWith("@") ? chatId : usuario).replace(/^@/, "");
  }

  async publicar(p: Publicacion): Promise<PostRemoto> {
    const chat = this.chat();
    if (p.imagen && p.texto.length <= LIMITE_PIE) {
      let datos: Buffer;
      try {
        datos = await readFile(p.imagen.ruta);
      } catch {
        throw new ErrorRed(
          `No se pudo leer la imagen social ${p.imagen.ruta} para publicarla en Telegram. Genere el sitio (npm run build) antes de publicar.`,
          "permanente",
        );
      }
      const formulario = new FormData();
      formulario.append("chat_id", chat);
      formulario.append("caption", p.texto);
      const tipo = TIPOS_IMAGEN[extname(p.imagen.ruta).toLowerCase()] ?? "image/png";
      formulario.append("photo", new Blob([new Uint8Array(datos)], { type: tipo }), basename(p.imagen.ruta));
      // No alt text: the Bot API has no field for it (sendPhoto takes only the caption).
      const mensaje = await this.llamar<MensajeTelegram>("sendPhoto", formulario, "publicar la foto");
      return this.post("foto", mensaje);
    }
    this.validarTexto(p.texto);
    const mensaje = await this.llamar<MensajeTelegram>(
      "sendMessage",
      { chat_id: chat, text: p.texto, link_preview_options: { url: p.enlace, prefer_large_media: true } },
      "publicar el mensaje",
    );
    return this.post("texto", mensaje);
  }

  async reconciliar(_p: Publicacion): Promise<Reconciliacion> {
    return {
      estado: "desconocido",
      motivo:
        `La Bot API de Telegram no permite leer el historial del canal, así que no se puede saber si el mensaje salió. ` +
        `Revise https://t.me/${this.canal} y resuelva con prensa publicar --resolver.`,
    };
  }

  async corregir(c: Correccion): Promise<PostRemoto> {
    const { clase, id } = leerIdRemoto(c.original);
    const texto = c.publicacion.texto;
    const enlace = c.publicacion.enlace;
    if (clase === "foto") {
      await this.editarPie(id, texto);
      return c.original;
    }
    this.validarTexto(texto);
    try {
      await this.editarTexto(id, texto, enlace);
    } catch (error) {
      // Unknown kind (bare id or URL): a photo has no text to edit, so edit its caption.
      if (clase === undefined && error instanceof ErrorRed && /no text in the message/i.test(error.message)) {
        await this.editarPie(id, texto);
        return c.original;
      }
      throw error;
    }
    return c.original;
  }

  /** Edits are idempotent here: repeating a lost one is the reconciliation. */
  async reconciliarCorreccion(c: Correccion): Promise<Reconciliacion> {
    try {
      return { estado: "publicado", post: await this.corregir(c) };
    } catch (error) {
      if (error instanceof ErrorRed && error.tipo === "permanente") {
        return { estado: "desconocido", motivo: `No se pudo confirmar la corrección en Telegram: ${error.message}` };
      }
      throw error;
    }
  }

  private async editarPie(id: number, texto: string): Promise<void> {
    if (texto.length > LIMITE_PIE) {
      throw new ErrorRed(
        `El texto corregido para Telegram tiene ${texto.length} caracteres y el pie de una foto admite ${LIMITE_PIE}. Acórtelo en la nota.`,
        "permanente",
      );
    }
    await this.editar("editMessageCaption", { chat_id: this.chat(), message_id: id, caption: texto });
  }

  private async editarTexto(id: number, texto: string, enlace: string): Promise<void> {
    await this.editar("editMessageText", {
      chat_id: this.chat(),
      message_id: id,
      text: texto,
      link_preview_options: { url: enlace, prefer_large_media: true },
    });
  }

  /** "message is not modified" means the edit is already there (a repeated correction). */
  private async editar(metodo: string, cuerpo: Record<string, unknown>): Promise<void> {
    try {
      await this.llamar<unknown>(metodo, cuerpo, "corregir el mensaje");
    } catch (error) {
      if (error instanceof ErrorRed && /message is not modified/i.test(error.message)) return;
      throw error;
    }
  }

  private chat(): string {
    if (!this.chatId) {
      throw new ErrorRed(
        'Falta el canal de Telegram: escriba redes.telegram.opciones.chatId (por ejemplo "@alcaldiacajica") en config/institucion.yaml.',
        "permanente",
      );
    }
    return this.chatId;
  }

  private validarTexto(texto: string): void {
    if (texto.length > LIMITE_TEXTO) {
      throw new ErrorRed(
        `El texto para Telegram tiene ${texto.length} caracteres y Telegram admite ${LIMITE_TEXTO}. Acórtelo en la nota.`,
        "permanente",
      );
    }
  }

  /** Public URL: t.me/<channel>/<id> for public channels, t.me/c/<internal id>/<id> for private ones. */
  private post(clase: Clase, mensaje: MensajeTelegram): PostRemoto {
    const id = mensaje.message_id;
    const usuario = mensaje.chat?.username ?? this.canal;
    const chatNumerico = String(mensaje.chat?.id ?? "");
    const url =
      !mensaje.chat?.username && chatNumerico.startsWith("-100")
        ? `https://t.me/c/${chatNumerico.slice(4)}/${id}`
        : `https://t.me/${usuario}/${id}`;
    return { idRemoto: `${clase}:${id}`, url };
  }

  /** One Bot API call: POST, JSON or multipart, with a timeout; failures become redacted ErrorRed. */
  private async llamar<T>(metodo: string, cuerpo: FormData | Record<string, unknown>, accion: string): Promise<T> {
    const url = `${this.base}/bot${this.token}/${metodo}`;
    const esFormulario = cuerpo instanceof FormData;
    let respuesta: Response;
    let texto: string;
    try {
      respuesta = await this.fetch(url, {
        method: "POST",
        headers: esFormulario ? undefined : { "content-type": "application/json" },
        body: esFormulario ? cuerpo : JSON.stringify(cuerpo),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      texto = await respuesta.text();
    } catch (error) {
      throw this.error(errorDeRed(error, accion, this.timeoutMs));
    }
    let datos: RespuestaTelegram<T> | undefined;
    try {
      datos = JSON.parse(texto) as RespuestaTelegram<T>;
    } catch {
      datos = undefined;
    }
    if (datos?.ok === true && datos.result !== undefined) return datos.result;
    throw this.error(traducirError(respuesta.status, datos, texto, metodo, accion));
  }

  /** The same error with the token and any other secret of the environment removed. */
  private error(e: ErrorRed): ErrorRed {
    const limpio = ocultarSecretos(e.message.split(this.token).join("[oculto]"), this.env);
    return new ErrorRed(limpio, e.tipo, { esperarMs: e.esperarMs, codigo: e.codigo });
  }
}

/** Reads `foto:123`, `texto:123`, a bare `123` or a `https://t.me/<canal>/123` URL. */
function leerIdRemoto(post: PostRemoto): { clase: Clase | undefined; id: number } {
  const conClase = /^(foto|texto):(\d+)$/.exec(post.idRemoto);
  const sinClase = /^(?:https:\/\/t\.me\/.+\/)?(\d+)\/?$/.exec(post.idRemoto);
  const clase = conClase?.[1] as Clase | undefined;
  const id = Number(conClase?.[2] ?? sinClase?.[1]);
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new ErrorRed(
      `El identificador del mensaje de Telegram "${post.idRemoto}" no es válido: se esperaba "foto:<id>" o "texto:<id>".`,
      "permanente",
    );
  }
  return { clase, id };
}

/** Network failures and timeouts: transient. */
function errorDeRed(error: unknown, accion: string, timeoutMs: number): ErrorRed {
  const nombre = error instanceof Error ? error.name : "";
  if (nombre === "TimeoutError" || nombre === "AbortError") {
    return new ErrorRed(`Telegram no respondió en ${Math.round(timeoutMs / 1000)} s al ${accion}.`, "transitorio");
  }
  const causa = error instanceof Error && error.cause instanceof Error ? error.cause.message : "";
  const mensaje = error instanceof Error ? error.message : String(error);
  return new ErrorRed(
    `No se pudo conectar con Telegram al ${accion}: ${[mensaje, causa].filter(Boolean).join(": ")}.`,
    "transitorio",
  );
}

/**
 * Maps a Bot API failure: 429 waits `parameters.retry_after` seconds; 5xx is transient;
 * 400/401/403/404 are permanent (bad chat, kicked bot, invalid token, validation).
 */
export function traducirError(
  estadoHttp: number,
  datos: RespuestaTelegram<unknown> | undefined,
  texto: string,
  metodo: string,
  accion: string,
): ErrorRed {
  const codigo = datos?.error_code ?? estadoHttp;
  const descripcion = datos?.description ?? (texto.trim().slice(0, 200) || "sin detalle");
  const base = `Telegram respondió ${codigo} al ${accion} (${metodo}: ${descripcion})`;
  if (codigo === 429) {
    const segundos = datos?.parameters?.retry_after ?? Number(/retry after (\d+)/i.exec(descripcion)?.[1]);
    const esperarMs = Number.isFinite(segundos) ? segundos * 1000 : undefined;
    return new ErrorRed(`${base}. Se reintentará después de ${segundos || "unos"} s.`, "transitorio", { esperarMs, codigo });
  }
  if (codigo >= 500 || estadoHttp >= 500) {
    return new ErrorRed(`${base}. Es un fallo temporal de Telegram.`, "transitorio", { codigo });
  }
  if (datos?.parameters?.migrate_to_chat_id !== undefined) {
    return new ErrorRed(
      `${base}. El grupo ahora es el chat ${datos.parameters.migrate_to_chat_id}: actualice redes.telegram.opciones.chatId en config/institucion.yaml.`,
      "permanente",
      { codigo },
    );
  }
  if (codigo === 401 || codigo === 404) {
    return new ErrorRed(`${base}. Revise ${VARIABLE_TELEGRAM}: el token del bot no es válido o fue revocado.`, "permanente", {
      codigo,
    });
  }
  if (codigo === 403) {
    return new ErrorRed(
      `${base}. El bot debe ser administrador del canal con permiso para publicar y editar mensajes.`,
      "permanente",
      { codigo },
    );
  }
  if (/chat not found/i.test(descripcion)) {
    return new ErrorRed(`${base}. Revise redes.telegram.opciones.chatId en config/institucion.yaml.`, "permanente", {
      codigo,
    });
  }
  return new ErrorRed(`${base}.`, "permanente", { codigo });
}
