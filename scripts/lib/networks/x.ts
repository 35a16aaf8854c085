import http from "node:http";
import { ApiPartialResponseError, ApiRequestError, ApiResponseError, TwitterApi } from "twitter-api-v2";
import type { TwitterApiErrorData } from "twitter-api-v2";
import { recortarHasta } from "../copy/recortar.ts";
import { contador, errorConexion, errorHttp, errorRed, leerImagen, limpiar, type Plataforma } from "./http.ts";
import { REGISTRO } from "./index.ts";
import { ErrorRed } from "./tipos.ts";
import type { Correccion, FabricaAdaptador, PostRemoto, Publicacion, Reconciliacion } from "./tipos.ts";

/**
 * X (Twitter) adapter: API v2 through `twitter-api-v2`, OAuth 1.0a user context.
 *
 * Flow of a post: one-shot media upload (`POST /2/media/upload`, multipart, images up to 5 MB),
 * alt text (`POST /2/media/metadata`), then `POST /2/tweets` with the media id. X cannot edit
 * posts through the API, so a correction is one reply with the errata.
 *
 * X charges per request and per post read, so a lost outcome is reconciled by reading only the
 * window that can hold the post: the account's posts since the entry went `enviando`
 * (`GET /2/users/:id/tweets?start_time=…&max_results=10`, a few pages at most), looking for the
 * note URL in `entities.urls[].expanded_url`.
 *
 * The library is pointed at another server with the per-request `prefix` option (its
 * `cloneWithPrefix` cannot be used: it calls a class constructor without `new`). Its transport is
 * `https.request`; for an `http:` base (local emulators) the client gets an `http.Agent` through
 * the `httpAgent` setting, which makes Node's `https.request` speak plain HTTP. So this adapter
 * does not use `ctx.fetch`: the timeout is the library's socket timeout plus a deadline.
 */

const { nombre: NOMBRE, credenciales: VARIABLES_X, variableUrl } = REGISTRO.x;

/** Default API origin; `PRENSA_URL_X` or `ctx.baseUrl` replace it. */
export const URL_X = "https://api.x.com";

/** X's size limit for images sent through the one-shot upload. */
const LIMITE_IMAGEN = 5 * 1024 * 1024;
/** X's limit for alt text. */
const LIMITE_ALT = 1000;
/** Posts per timeline page when reconciling (the endpoint's minimum is 5). */
const POR_PAGINA = 10;
/** Pages read at most when reconciling. */
const PAGINAS = 3;
/** Margin before the `enviando` time, for clocks that disagree. */
const MARGEN_MS = 5 * 60_000;

/** A post as returned by `GET /2/users/:id/tweets` with `tweet.fields=entities,referenced_tweets`. */
interface TweetX {
  id: string;
  text: string;
  entities?: { urls?: { url?: string; expanded_url?: string; unwound_url?: string }[] };
  referenced_tweets?: { type: string; id: string }[];
}

/** X's fixes for its statuses (https://docs.x.com/x-api/fundamentals/response-codes-and-errors). */
const ARREGLOS: Partial<Record<number, string>> = {
  401: `Revise ${VARIABLES_X.join(", ")}: pueden estar vencidas o mal copiadas.`,
  403: "Revise que la app tenga permiso de lectura y escritura y que el token de acceso se haya generado después de darle ese permiso.",
};

/**
 * Maps a `twitter-api-v2` failure to an ErrorRed. 429 is a refusal whose wait comes from the
 * spent window: the 15-minute `x-rate-limit-*` or the 24-hour `x-user-limit-24hour-*` /
 * `x-app-limit-24hour-*` (the publisher moves the entry to that reset). 5xx, network errors, cut
 * responses and timeouts are transient; 401/403/4xx are permanent (403 "duplicate content" gets
 * its own message, which publicar turns into reconciliation).
 */
export function traducirError(error: unknown, accion: string, plataforma: Plataforma, ahoraMs = Date.now()): ErrorRed {
  if (error instanceof ErrorRed) return limpiar(plataforma, error);
  if (error instanceof ApiResponseError) {
    const estado = error.code;
    const detalle = describir(error.data);
    if (estado === 403 && /duplicate/i.test(detalle)) {
      return errorRed(plataforma, `X rechazó el contenido duplicado al ${accion} (403: ${detalle}).`, "permanente", {
        codigo: 403,
      });
    }
    const diario = ["x-user-limit-24hour", "x-app-limit-24hour"].find((v) => error.headers[`${v}-remaining`] === "0");
    const etiqueta = estado === 429 && diario ? `429, límite de 24 horas ${diario}` : String(estado);
    return errorHttp(plataforma, { estado, detalle, etiqueta, cabeceras: error.headers, arreglos: ARREGLOS, ahoraMs }, accion);
  }
  if (error instanceof ApiPartialResponseError) {
    return errorRed(plataforma, `La respuesta de X se cortó al ${accion}: ${error.responseError.message}.`, "transitorio");
  }
  if (error instanceof ApiRequestError) {
    // twitter-api-v2 1.29 stores the cause as `_options.error` while its `requestError` getter
    // reads `_options.requestError` (undefined): read both.
    const causa: unknown = error.requestError ?? (error as unknown as { _options?: { error?: unknown } })._options?.error;
    return errorConexion(plataforma, causa ?? error, accion);
  }
  const mensaje = error instanceof Error ? error.message : String(error);
  return errorRed(plataforma, `Error inesperado al ${accion} en X: ${mensaje}.`, "permanente");
}

export const crearAdaptador: FabricaAdaptador = (ctx) => {
  const [appKey, appSecret, accessToken, accessSecret] = VARIABLES_X.map((n) => ctx.env[n]?.trim());
  if (!appKey || !appSecret || !accessToken || !accessSecret) return undefined;
  const cuenta = ctx.institucion.redes.x;
  if (!cuenta) return undefined;

  const base = (ctx.baseUrl ?? ctx.env[variableUrl] ?? URL_X).replace(/\/+$/, "");
  const agente = base.startsWith("http:") ? new http.Agent() : undefined;
  const cliente = new TwitterApi({ appKey, appSecret, accessToken, accessSecret }, agente ? { httpAgent: agente } : {});
  const peticion = { prefix: `${base}/2/`, timeout: ctx.timeoutMs ?? 30_000 };
  // The secrets are redacted from every message, including when ctx.env is not process.env.
  const plataforma: Plataforma = {
    nombre: NOMBRE,
    env: { ...ctx.env },
    secretos: [appKey, appSecret, accessToken, accessSecret],
  };
  const usuario = cuenta.usuario.replace(/^@/, "");
  let usuarioId = cuenta.opciones.usuarioId || undefined;
  const cuentaSolicitudes = contador();

  /** Runs one library call with a deadline and turns every failure into a redacted ErrorRed. */
  async function llamar<T>(accion: string, hacer: () => Promise<T>): Promise<T> {
    let reloj: NodeJS.Timeout | undefined;
    const plazo = new Promise<never>((_, rechazar) => {
      reloj = setTimeout(
        () =>
          rechazar(
            errorRed(plataforma, `X no respondió en ${Math.round(peticion.timeout / 1000)} s al ${accion}.`, "transitorio", {
              codigo: "timeout",
            }),
          ),
        peticion.timeout,
      );
    });
    cuentaSolicitudes.sumar();
    try {
      return await Promise.race([hacer(), plazo]);
    } catch (error) {
      throw traducirError(error, accion, plataforma);
    } finally {
      clearTimeout(reloj);
    }
  }

  const postRemoto = (id: string): PostRemoto => ({ idRemoto: id, url: `https://x.com/${usuario}/status/${id}` });

  async function subirImagen(ruta: string): Promise<string> {
    const { datos, tipo } = await leerImagen(plataforma, ruta);
    if (datos.byteLength > LIMITE_IMAGEN) {
      throw errorRed(
        plataforma,
        `La imagen ${ruta} pesa ${(datos.byteLength / 1024 / 1024).toFixed(1)} MB y X acepta hasta 5 MB.`,
        "permanente",
      );
    }
    const respuesta = await llamar("subir la imagen", () =>
      cliente.post<{ data?: { id?: string }; media_id_string?: string }>(
        "media/upload",
        { media: Buffer.from(datos), media_category: "tweet_image", media_type: tipo },
        { ...peticion, forceBodyMode: "form-data" },
      ),
    );
    const id = respuesta.data?.id ?? respuesta.media_id_string;
    if (!id) throw errorRed(plataforma, "X aceptó la imagen pero no devolvió su identificador.", "transitorio");
    return id;
  }

  async function crearPost(cuerpo: Record<string, unknown>, accion: string): Promise<PostRemoto> {
    const respuesta = await llamar(accion, () =>
      cliente.post<{ data?: { id?: string }; errors?: unknown[] }>("tweets", cuerpo, peticion),
    );
    const id = respuesta.data?.id;
    if (!id) {
      throw errorRed(plataforma, `X no creó el post al ${accion}: ${describir(respuesta as TwitterApiErrorData)}.`, "permanente");
    }
    return postRemoto(id);
  }

  /** Creates a post; X's 403 "duplicate content" means an earlier attempt whose answer was lost went out: recover that post. */
  async function crearORecuperar(
    cuerpo: Record<string, unknown>,
    accion: string,
    buscarHecho: () => Promise<Reconciliacion>,
  ): Promise<PostRemoto> {
    try {
      return await crearPost(cuerpo, accion);
    } catch (error) {
      if (!esDuplicado(error)) throw error;
      const r = await buscarHecho();
      if (r.estado === "publicado") return r.post;
      throw error;
    }
  }

  /** The account's numeric id: `redes.x.opciones.usuarioId` or, once per run, `GET /2/users/me`. */
  async function idCuenta(): Promise<string> {
    if (usuarioId) return usuarioId;
    const yo = await llamar("identificar la cuenta", () =>
      cliente.get<{ data?: { id?: string } }>("users/me", undefined, peticion),
    );
    const id = yo.data?.id;
    if (!id) throw errorRed(plataforma, "X no devolvió el identificador de la cuenta (GET /2/users/me).", "permanente");
    usuarioId = id;
    return id;
  }

  /**
   * Looks for a post among the account's posts since `desde` (minus a margin), newest first, a few
   * pages at most. Transient errors are thrown (the publisher can try again later); a permanent
   * one means the question cannot be answered: `desconocido`.
   */
  async function buscar(desde: Date | undefined, coincide: (t: TweetX) => boolean): Promise<Reconciliacion> {
    try {
      const id = await idCuenta();
      const consulta: Record<string, string | number> = {
        max_results: POR_PAGINA,
        "tweet.fields": "entities,referenced_tweets,created_at",
      };
      if (desde) consulta.start_time = new Date(desde.getTime() - MARGEN_MS).toISOString().replace(/\.\d{3}Z$/, "Z");
      for (let pagina = 0; pagina < PAGINAS; pagina++) {
        const respuesta = await llamar("leer los posts recientes de la cuenta", () =>
          cliente.get<{ data?: TweetX[]; meta?: { result_count?: number; next_token?: string } }>(
            `users/${encodeURIComponent(id)}/tweets`,
            consulta,
            peticion,
          ),
        );
        const post = (respuesta.data ?? []).find(coincide);
        if (post) return { estado: "publicado", post: postRemoto(post.id) };
        const siguiente = respuesta.meta?.next_token;
        if (!siguiente) return { estado: "no-publicado" };
        consulta.pagination_token = siguiente;
      }
      return {
        estado: "desconocido",
        motivo: `el post no aparece en los ${POR_PAGINA * PAGINAS} posts de la cuenta de X revisados desde el envío`,
      };
    } catch (error) {
      if (error instanceof ErrorRed && error.tipo === "permanente") {
        return { estado: "desconocido", motivo: `No se pudo revisar la cuenta de X: ${error.message}` };
      }
      throw error;
    }
  }

  async function reconciliar(p: Publicacion): Promise<Reconciliacion> {
    const buscado = normalizarUrl(p.enlace);
    return buscar(p.desde, (t) => !respondeA(t) && urlsDe(t).some((u) => normalizarUrl(u) === buscado));
  }

  async function reconciliarCorreccion(c: Correccion): Promise<Reconciliacion> {
    const errata = sinEnlaces(c.errata);
    return buscar(c.publicacion.desde, (t) => respondeA(t) === c.original.idRemoto && sinEnlaces(t.text) === errata);
  }

  return {
    red: "x",
    edita: REGISTRO.x.capacidades.edita,
    solicitudes: cuentaSolicitudes.total,

    async publicar(p: Publicacion): Promise<PostRemoto> {
      const cuerpo: Record<string, unknown> = { text: p.texto };
      if (p.imagen) {
        const mediaId = await subirImagen(p.imagen.ruta);
        const alt = recortarHasta(p.imagen.alt.trim(), (r) => [...r].length <= LIMITE_ALT) ?? "";
        if (alt) {
          await llamar("escribir el texto alternativo de la imagen", () =>
            cliente.post("media/metadata", { id: mediaId, metadata: { alt_text: { text: alt } } }, peticion),
          );
        }
        cuerpo.media = { media_ids: [mediaId] };
      }
      return crearORecuperar(cuerpo, "publicar", () => reconciliar(p));
    },

    reconciliar,

    corregir(c: Correccion): Promise<PostRemoto> {
      const cuerpo = { text: c.errata, reply: { in_reply_to_tweet_id: c.original.idRemoto } };
      return crearORecuperar(cuerpo, "responder con la fe de erratas", () => reconciliarCorreccion(c));
    },

    reconciliarCorreccion,
  };
};

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
