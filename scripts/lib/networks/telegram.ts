import { contador, errorConexion, errorRed, esperaSegundos, leerImagen, limpiar, type Plataforma } from "./http.ts";
import { REGISTRO } from "./index.ts";
import { ErrorRed } from "./tipos.ts";
import type { Correccion, FabricaAdaptador, PostRemoto, Publicacion, Reconciliacion } from "./tipos.ts";

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
 *   so a lost correction is simply applied again. Because nothing can be checked afterwards, a
 *   failure that proves nothing was sent (connection refused, DNS: see http.ts#nuncaLlego, or a
 *   429) is retried by the publisher without becoming `incierto`.
 */

const { nombre: NOMBRE, credenciales, variableUrl } = REGISTRO.telegram;
/** Environment variable with the bot token given by @BotFather. */
const VARIABLE_TELEGRAM = credenciales[0]!;

/** Default API origin; `PRENSA_URL_TELEGRAM` or `ctx.baseUrl` replace it. */
export const URL_TELEGRAM = "https://api.telegram.org";

/** Limits of the Bot API, in UTF-16 code units (how Telegram counts). */
export const LIMITE_PIE = 1024;
export const LIMITE_TEXTO = 4096;

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
  const base = (ctx.baseUrl ?? ctx.env[variableUrl] ?? URL_TELEGRAM).replace(/\/+$/, "");
  const hacerFetch = ctx.fetch ?? globalThis.fetch;
  const timeoutMs = ctx.timeoutMs ?? 30_000;
  // The token travels in the URL path: it is redacted from every message.
  const plataforma: Plataforma = { nombre: NOMBRE, env: { ...ctx.env }, secretos: [token] };
  const canal = (chatId?.startsWith("@") ? chatId : cuenta.usuario).replace(/^@/, "");
  const cuentaSolicitudes = contador();

  const chat = (): string => {
    if (!chatId) {
      throw errorRed(
        plataforma,
        'Falta el canal de Telegram: escriba redes.telegram.opciones.chatId (por ejemplo "@alcaldiacajica") en config/institucion.yaml.',
        "permanente",
      );
    }
    return chatId;
  };

  const validarTexto = (texto: string): void => {
    if (texto.length > LIMITE_TEXTO) {
      throw errorRed(
        plataforma,
        `El texto para Telegram tiene ${texto.length} caracteres y Telegram admite ${LIMITE_TEXTO}. Acórtelo en la nota.`,
        "permanente",
      );
    }
  };

  /** Public URL: t.me/<channel>/<id> for public channels, t.me/c/<internal id>/<id> for private ones. */
  const post = (clase: Clase, mensaje: MensajeTelegram): PostRemoto => {
    const id = mensaje.message_id;
    const usuario = mensaje.chat?.username ?? canal;
    const chatNumerico = String(mensaje.chat?.id ?? "");
    const url =
      !mensaje.chat?.username && chatNumerico.startsWith("-100")
        ? `https://t.me/c/${chatNumerico.slice(4)}/${id}`
        : `https://t.me/${usuario}/${id}`;
    return { idRemoto: `${clase}:${id}`, url };
  };

  /** One Bot API call: POST, JSON or multipart, with a timeout; failures become redacted ErrorRed. */
  async function llamar<T>(metodo: string, cuerpo: FormData | Record<string, unknown>, accion: string): Promise<T> {
    const url = `${base}/bot${token}/${metodo}`;
    const esFormulario = cuerpo instanceof FormData;
    let respuesta: Response;
    let texto: string;
    cuentaSolicitudes.sumar();
    try {
      respuesta = await hacerFetch(url, {
        method: "POST",
        headers: esFormulario ? undefined : { "content-type": "application/json" },
        body: esFormulario ? cuerpo : JSON.stringify(cuerpo),
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

  /** "message is not modified" means the edit is already there (a repeated correction). */
  async function editar(metodo: string, cuerpo: Record<string, unknown>): Promise<void> {
    try {
      await llamar<unknown>(metodo, cuerpo, "corregir el mensaje");
    } catch (error) {
      if (error instanceof ErrorRed && /message is not modified/i.test(error.message)) return;
      throw error;
    }
  }

  async function editarPie(id: number, texto: string): Promise<void> {
    if (texto.length > LIMITE_PIE) {
      throw errorRed(
        plataforma,
        `El texto corregido para Telegram tiene ${texto.length} caracteres y el pie de una foto admite ${LIMITE_PIE}. Acórtelo en la nota.`,
        "permanente",
      );
    }
    await editar("editMessageCaption", { chat_id: chat(), message_id: id, caption: texto });
  }

  async function editarTexto(id: number, texto: string, enlace: string): Promise<void> {
    await editar("editMessageText", {
      chat_id: chat(),
      message_id: id,
      text: texto,
      link_preview_options: { url: enlace, prefer_large_media: true },
    });
  }

  async function corregir(c: Correccion): Promise<PostRemoto> {
    const { clase, id } = leerIdRemoto(c.original, plataforma);
    const texto = c.publicacion.texto;
    if (clase === "foto") {
      await editarPie(id, texto);
      return c.original;
    }
    validarTexto(texto);
    try {
      await editarTexto(id, texto, c.publicacion.enlace);
    } catch (error) {
      // Unknown kind (bare id or URL): a photo has no text to edit, so edit its caption.
      if (clase === undefined && error instanceof ErrorRed && /no text in the message/i.test(error.message)) {
        await editarPie(id, texto);
        return c.original;
      }
      throw error;
    }
    return c.original;
  }

  return {
    red: "telegram",
    edita: REGISTRO.telegram.capacidades.edita,
    solicitudes: cuentaSolicitudes.total,

    async publicar(p: Publicacion): Promise<PostRemoto> {
      const destino = chat();
      if (p.imagen && p.texto.length <= LIMITE_PIE) {
        const imagen = await leerImagen(plataforma, p.imagen.ruta);
        const formulario = new FormData();
        formulario.append("chat_id", destino);
        formulario.append("caption", p.texto);
        formulario.append("photo", new Blob([imagen.datos], { type: imagen.tipo }), imagen.nombre);
        // No alt text: the Bot API has no field for it (sendPhoto takes only the caption).
        return post("foto", await llamar<MensajeTelegram>("sendPhoto", formulario, "publicar la foto"));
      }
      validarTexto(p.texto);
      const mensaje = await llamar<MensajeTelegram>(
        "sendMessage",
        { chat_id: destino, text: p.texto, link_preview_options: { url: p.enlace, prefer_large_media: true } },
        "publicar el mensaje",
      );
      return post("texto", mensaje);
    },

    async reconciliar(): Promise<Reconciliacion> {
      return {
        estado: "desconocido",
        motivo:
          `La Bot API de Telegram no permite leer el historial del canal, así que no se puede saber si el mensaje salió. ` +
          `Revise https://t.me/${canal} y resuelva con prensa publicar --resolver.`,
      };
    },

    corregir,

    /** Edits are idempotent here: repeating a lost one is the reconciliation. */
    async reconciliarCorreccion(c: Correccion): Promise<Reconciliacion> {
      try {
        return { estado: "publicado", post: await corregir(c) };
      } catch (error) {
        if (error instanceof ErrorRed && error.tipo === "permanente") {
          return { estado: "desconocido", motivo: `No se pudo confirmar la corrección en Telegram: ${error.message}` };
        }
        throw error;
      }
    },
  };
};

/** Reads `foto:123`, `texto:123`, a bare `123` or a `https://t.me/<canal>/123` URL. */
function leerIdRemoto(post: PostRemoto, plataforma: Plataforma): { clase: Clase | undefined; id: number } {
  const conClase = /^(foto|texto):(\d+)$/.exec(post.idRemoto);
  const sinClase = /^(?:https:\/\/t\.me\/.+\/)?(\d+)\/?$/.exec(post.idRemoto);
  const clase = conClase?.[1] as Clase | undefined;
  const id = Number(conClase?.[2] ?? sinClase?.[1]);
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw errorRed(
      plataforma,
      `El identificador del mensaje de Telegram "${post.idRemoto}" no es válido: se esperaba "foto:<id>" o "texto:<id>".`,
      "permanente",
    );
  }
  return { clase, id };
}

/**
 * Maps a Bot API failure (https://core.telegram.org/bots/api#making-requests: `ok: false`,
 * `error_code`, `description`, optional `parameters`): 429 is a refusal (flood control) that waits
 * `parameters.retry_after` seconds; 5xx is transient; 400/401/403/404 are permanent (bad chat,
 * kicked bot, invalid token, validation).
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
    const esperarMs = esperaSegundos(datos?.parameters?.retry_after ?? /retry after (\d+)/i.exec(descripcion)?.[1]);
    const segundos = esperarMs === undefined ? "unos" : String(Math.round(esperarMs / 1000));
    return new ErrorRed(`${base}. Se reintentará después de ${segundos} s.`, "transitorio", {
      esperarMs,
      codigo,
      noProcesado: true,
    });
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
