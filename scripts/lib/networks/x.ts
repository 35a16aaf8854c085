import http from "node:http";
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { ApiPartialResponseError, ApiRequestError, ApiResponseError, TwitterApi } from "twitter-api-v2";
import type { TwitterApiErrorData } from "twitter-api-v2";
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
 * X (Twitter) adapter: API v2 through `twitter-api-v2`, OAuth 1.0a user context.
 *
 * Flow of a post: one-shot media upload (`POST /2/media/upload`, multipart, images up to 5 MB),
 * alt text (`POST /2/media/metadata`), then `POST /2/tweets` with the media id. X cannot edit
 * posts through the API, so a correction is one reply with the errata. A lost outcome is
 * reconciled by reading the account's 100 most recent posts (`GET /2/users/:id/tweets`) and
 * looking for the note URL in `entities.urls[].expanded_url`.
 *
 * The library is pointed at another server with the per-request `prefix` option (its
 * `cloneWithPrefix` cannot be used: it calls a class constructor without `new`). Its transport is
 * `https.request`; for an `http:` base (local emulators) the client gets an `http.Agent` through
 * the `httpAgent` setting, which makes Node's `https.request` speak plain HTTP. So this adapter
 * does not use `ctx.fetch`: the timeout is the library's socket timeout plus a deadline.
 */

/** Environment variables with the OAuth 1.0a credentials (app key/secret, user access token/secret). */
export const VARIABLES_X = ["X_API_KEY", "X_API_SECRET", "X_ACCESS_TOKEN", "X_ACCESS_SECRET"] as const;

/** Default API origin; `PRENSA_URL_X` or `ctx.baseUrl` replace it. */
export const URL_X = "https://api.x.com";

/** X's size limit for images sent through the one-shot upload. */
const LIMITE_IMAGEN = 5 * 1024 * 1024;
/** X's limit for alt text. */
const LIMITE_ALT = 1000;
/** How many recent posts reconciliation reads (the maximum of one timeline page). */
const RECIENTES = 100;

const TIPOS_IMAGEN: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
};

/** A post as returned by `GET /2/users/:id/tweets` with `tweet.fields=entities,referenced_tweets`. */
interface TweetX {
  id: string;
  text: string;
  entities?: { urls?: { url?: string; expanded_url?: string; unwound_url?: string }[] };
  referenced_tweets?: { type: string; id: string }[];
}

interface OpcionesPeticion {
  prefix: string;
  timeout: number;
}

export const crearAdaptador: FabricaAdaptador = (ctx) => {
  const [appKey, appSecret, accessToken, accessSecret] = VARIABLES_X.map((n) => ctx.env[n]?.trim());
  if (!appKey || !appSecret || !accessToken || !accessSecret) return undefined;
  const cuenta = ctx.institucion.redes.x;
  if (!cuenta) return undefined;
  return new AdaptadorX(ctx, { appKey, appSecret, accessToken, accessSecret }, cuenta.usuario, cuenta.opciones);
};

class AdaptadorX implements AdaptadorRed {
  readonly red = "x" as const;
  readonly edita = false;
  private readonly cliente: TwitterApi;
  private readonly peticion: OpcionesPeticion;
  private readonly env: NodeJS.ProcessEnv;
  private readonly usuario: string;
  private usuarioId: string | undefined;

  constructor(
    ctx: ContextoAdaptador,
    credenciales: { appKey: string; appSecret: string; accessToken: string; accessSecret: string },
    usuario: string,
    opciones: Record<string, string | number | boolean>,
  ) {
    const base = (ctx.baseUrl ?? ctx.env[VARIABLE_URL.x] ?? URL_X).replace(/\/+$/, "");
    const agente = base.startsWith("http:") ? new http.Agent() : undefined;
    this.cliente = new TwitterApi(credenciales, agente ? { httpAgent: agente } : {});
    this.peticion = { prefix: `${base}/2/`, timeout: ctx.timeoutMs ?? 30_000 };
    // The secrets are redacted from every message, including when ctx.env is not process.env.
    this.env = { ...ctx.env };
    this.usuario = usuario.replace(/^@/, "");
    const id = opciones.usuarioId;
    this.usuarioId = id === undefined || id === "" ? undefined : String(id);
  }

  async publicar(p: Publicacion): Promise<PostRemoto> {
    const cuerpo: Record<string, unknown> = { text: p.texto };
    if (p.imagen) {
      const mediaId = await this.subirImagen(p.imagen.ruta);
      const alt = recortar(p.imagen.alt.trim(), LIMITE_ALT);
      if (alt) {
        await this.llamar("escribir el texto alternativo de la imagen", () =>
          this.cliente.post("media/metadata", { id: mediaId, metadata: { alt_text: { text: alt } } }, this.peticion),
        );
      }
      cuerpo.media = { media_ids: [mediaId] };
    }
    try {
      return await this.crearPost(cuerpo, "publicar");
    } catch (error) {
      // A duplicate means an earlier attempt whose answer was lost did go out: recover that post.
      if (!esDuplicado(error)) throw error;
      const r = await this.reconciliar(p);
      if (r.estado === "publicado") return r.post;
      throw error;
    }
  }

  async reconciliar(p: Publicacion): Promise<Reconciliacion> {
    const recientes = await this.recientes();
    if (!Array.isArray(recientes)) return recientes;
    const buscado = normalizarUrl(p.enlace);
    const post = recientes.find((t) => !respondeA(t) && urlsDe(t).some((u) => normalizarUrl(u) === buscado));
    return post ? { estado: "publicado", post: this.postRemoto(post.id) } : { estado: "no-publicado" };
  }

  async corregir(c: Correccion): Promise<PostRemoto> {
    const cuerpo = { text: c.errata, reply: { in_reply_to_tweet_id: c.original.idRemoto } };
    try {
      return await this.crearPost(cuerpo, "responder con la fe de erratas");
    } catch (error) {
      if (!esDuplicado(error)) throw error;
      const r = await this.reconciliarCorreccion(c);
      if (r.estado === "publicado") return r.post;
      throw error;
    }
  }

  async reconciliarCorreccion(c: Correccion): Promise<Reconciliacion> {
    const recientes = await this.recientes();
    if (!Array.isArray(recientes)) return recientes;
    const errata = sinEnlaces(c.errata);
    const post = recientes.find((t) => respondeA(t) === c.original.idRemoto && sinEnlaces(t.text) === errata);
    return post ? { estado: "publicado", post: this.postRemoto(post.id) } : { estado: "no-publicado" };
  }

  private async subirImagen(ruta: string): Promise<string> {
    let datos: Buffer;
    try {
      datos = await readFile(ruta);
    } catch {
      throw new ErrorRed(
        `No se pudo leer la imagen social ${ruta} para publicarla en X. Genere el sitio (npm run build) antes de publicar.`,
        "permanente",
      );
    }
    if (datos.length > LIMITE_IMAGEN) {
      throw new ErrorRed(
        `La imagen ${ruta} pesa ${(datos.length / 1024 / 1024).toFixed(1)} MB y X acepta hasta 5 MB.`,
        "permanente",
      );
    }
    const respuesta = await this.llamar("subir la imagen", () =>
      this.cliente.post<{ data?: { id?: string }; media_id_string?: string }>(
        "media/upload",
        {
          media: datos,
          media_category: "tweet_image",
          media_type: TIPOS_IMAGEN[extname(ruta).toLowerCase()] ?? "image/png",
        },
        { ...this.peticion, forceBodyMode: "form-data" },
      ),
    );
    const id = respuesta.data?.id ?? respuesta.media_id_string;
    if (!id) throw new ErrorRed("X aceptó la imagen pero no devolvió su identificador.", "transitorio");
    return id;
  }

  private async crearPost(cuerpo: Record<string, unknown>, accion: string): Promise<PostRemoto> {
    const respuesta = await this.llamar(accion, () =>
      this.cliente.post<{ data?: { id?: string }; errors?: unknown[] }>("tweets", cuerpo, this.peticion),
    );
    const id = respuesta.data?.id;
    if (!id) {
      throw new ErrorRed(
        this.ocultar(`X no creó el post al ${accion}: ${describir(respuesta as TwitterApiErrorData)}.`),
        "permanente",
      );
    }
    return this.postRemoto(id);
  }

  /**
   * The account's most recent posts, newest first. Transient errors are thrown (the publisher can
   * try again later); a permanent one means the question cannot be answered: `desconocido`.
   */
  private async recientes(): Promise<TweetX[] | Reconciliacion> {
    try {
      const id = await this.idCuenta();
      const respuesta = await this.llamar("leer los posts recientes de la cuenta", () =>
        this.cliente.get<{ data?: TweetX[]; meta?: { result_count?: number } }>(
          `users/${encodeURIComponent(id)}/tweets`,
          { max_results: RECIENTES, "tweet.fields": "entities,referenced_tweets,created_at" },
          this.peticion,
        ),
      );
      return respuesta.data ?? [];
    } catch (error) {
      if (error instanceof ErrorRed && error.tipo === "permanente") {
        return { estado: "desconocido", motivo: `No se pudo revisar la cuenta de X: ${error.message}` };
      }
      throw error;
    }
  }

  /** The account's numeric id: `redes.x.opciones.usuarioId` or, once per run, `GET /2/users/me`. */
  private async idCuenta(): Promise<string> {
    if (this.usuarioId) return this.usuarioId;
    const yo = await this.llamar("identificar la cuenta", () =>
      this.cliente.get<{ data?: { id?: string } }>("users/me", undefined, this.peticion),
    );
    const id = yo.data?.id;
    if (!id) throw new ErrorRed("X no devolvió el identificador de la cuenta (GET /2/users/me).", "permanente");
    this.usuarioId = id;
    return id;
  }

  private postRemoto(id: string): PostRemoto {
    return { idRemoto: id, url: `https://x.com/${this.usuario}/status/${id}` };
  }

  /** Runs one library call with a deadline and turns every failure into a redacted ErrorRed. */
  private async llamar<T>(accion: string, hacer: () => Promise<T>): Promise<T> {
    let reloj: NodeJS.Timeout | undefined;
    const plazo = new Promise<never>((_, rechazar) => {
      reloj = setTimeout(
        () =>
          rechazar(new ErrorRed(`X no respondió en ${Math.round(this.peticion.timeout / 1000)} s al ${accion}.`, "transitorio")),
        this.peticion.timeout,
      );
    });
    try {
      return await Promise.race([hacer(), plazo]);
    } catch (error) {
      const e = traducirError(error, accion);
      throw new ErrorRed(this.ocultar(e.message), e.tipo, { esperarMs: e.esperarMs, codigo: e.codigo });
    } finally {
      clearTimeout(reloj);
    }
  }

  private ocultar(texto: string): string {
    let salida = texto;
    for (const nombre of VARIABLES_X) {
      const valor = this.env[nombre]?.trim();
      if (valor) salida = salida.split(valor).join("[oculto]");
    }
    return ocultarSecretos(salida, this.env);
  }
}

/**
 * Maps a `twitter-api-v2` failure to the publisher's two classes. 429 waits until
 * `x-rate-limit-reset` (epoch seconds); 5xx, network errors, cut responses and timeouts are
 * transient; 401/403/4xx are permanent (403 "duplicate content" gets its own message).
 */
export function traducirError(error: unknown, accion: string, ahoraMs = Date.now()): ErrorRed {
  if (error instanceof ErrorRed) return error;
  if (error instanceof ApiResponseError) {
    const estado = error.code;
    const detalle = describir(error.data);
    if (estado === 429) {
      const reset = error.rateLimit?.reset ?? Number(cabecera(error.headers["x-rate-limit-reset"]));
      const esperarMs = Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - ahoraMs) : undefined;
      return new ErrorRed(
        `X limitó las solicitudes (429 Too Many Requests) al ${accion}; hay que esperar ${Math.ceil((esperarMs ?? 0) / 1000)} s.`,
        "transitorio",
        { esperarMs, codigo: 429 },
      );
    }
    if (estado >= 500 || estado === 408) {
      return new ErrorRed(`X falló al ${accion} (${estado}: ${detalle}).`, "transitorio", { codigo: estado });
    }
    if (estado === 401) {
      return new ErrorRed(
        `X rechazó las credenciales al ${accion} (401: ${detalle}). Revise ${VARIABLES_X.join(", ")}: pueden estar vencidas o mal copiadas.`,
        "permanente",
        { codigo: 401 },
      );
    }
    if (estado === 403 && /duplicate/i.test(detalle)) {
      return new ErrorRed(`X rechazó el contenido duplicado al ${accion} (403: ${detalle}).`, "permanente", {
        codigo: 403,
      });
    }
    if (estado === 403) {
      return new ErrorRed(
        `X negó el permiso al ${accion} (403: ${detalle}). Revise que la app tenga permiso de lectura y escritura y que el token de acceso se haya generado después de darle ese permiso.`,
        "permanente",
        { codigo: 403 },
      );
    }
    return new ErrorRed(`X rechazó la solicitud al ${accion} (${estado}: ${detalle}).`, "permanente", {
      codigo: estado,
    });
  }
  if (error instanceof ApiPartialResponseError) {
    return new ErrorRed(`La respuesta de X se cortó al ${accion}: ${error.responseError.message}.`, "transitorio");
  }
  if (error instanceof ApiRequestError) {
    // twitter-api-v2 1.29 stores the cause as `_options.error` while its `requestError` getter
    // reads `_options.requestError` (undefined): read both.
    const causa: unknown = error.requestError ?? (error as unknown as { _options?: { error?: unknown } })._options?.error;
    const detalle = causa instanceof Error ? causa.message : "sin detalle";
    const plazo = /timeout/i.test(detalle);
    return new ErrorRed(
      plazo ? `X no respondió a tiempo al ${accion}.` : `No se pudo conectar con X al ${accion}: ${detalle}.`,
      "transitorio",
    );
  }
  const mensaje = error instanceof Error ? error.message : String(error);
  return new ErrorRed(`Error inesperado al ${accion} en X: ${mensaje}.`, "permanente");
}

/** The platform's own words from an RFC 7807 problem and/or its `errors[]`. */
function describir(datos: TwitterApiErrorData | string | undefined): string {
  if (!datos) return "sin detalle";
  if (typeof datos === "string") return datos.slice(0, 300) || "sin detalle";
  const partes = new Set<string>();
  for (const parte of [datos.title, datos.detail, datos.error]) if (parte) partes.add(parte);
  for (const e of datos.errors ?? []) {
    const m = "message" in e ? e.message : (e as { detail?: string }).detail;
    if (m) partes.add(m);
  }
  return [...partes].join(": ") || "sin detalle";
}

function esDuplicado(error: unknown): boolean {
  return error instanceof ErrorRed && error.codigo === 403 && /duplicad/i.test(error.message);
}

function cabecera(valor: string | string[] | undefined): string | undefined {
  return Array.isArray(valor) ? valor[0] : valor;
}

function respondeA(t: TweetX): string | undefined {
  return t.referenced_tweets?.find((r) => r.type === "replied_to")?.id;
}

/** URLs of a post: the expanded ones from `entities.urls` and any written in the text itself. */
function urlsDe(t: TweetX): string[] {
  const urls: string[] = [];
  for (const u of t.entities?.urls ?? []) {
    if (u.expanded_url) urls.push(u.expanded_url);
    if (u.unwound_url) urls.push(u.unwound_url);
  }
  for (const m of t.text.matchAll(/https?:\/\/\S+/g)) urls.push(m[0]);
  return urls;
}

/** Host and path, without scheme, query (UTM tags), fragment or trailing slash. */
export function normalizarUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, "")}`;
  } catch {
    return url.trim();
  }
}

/** Text of a post without links (X rewrites them to t.co) and with X's HTML entities undone. */
function sinEnlaces(texto: string): string {
  return texto
    .replace(/https?:\/\/\S+/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

function recortar(texto: string, limite: number): string {
  const letras = [...texto];
  return letras.length <= limite ? texto : `${letras.slice(0, limite - 1).join("")}…`;
}
