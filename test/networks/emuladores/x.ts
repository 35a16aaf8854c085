import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import twitterText from "twitter-text";
import { tipoDeBytes } from "./graph.ts";

/**
 * A local X API v2 server implementing the documented contract the adapter uses:
 * - `POST /2/media/upload` (one-shot, multipart: `media`, `media_category`, `media_type`) → 200 `{data:{id, media_key, size, expires_after_secs, image}}`
 * - `POST /2/media/metadata` (JSON `{id, metadata:{alt_text:{text}}}`) → 200 `{data:{id, associated_metadata}}`
 * - `POST /2/tweets` (JSON `{text, media?:{media_ids}, reply?:{in_reply_to_tweet_id}}`) → 201 `{data:{id, text, edit_history_tweet_ids}}`
 * - `GET /2/users/me` → `{data:{id, name, username}}`; with `user.fields=public_metrics` also
 *   `public_metrics:{followers_count, following_count, tweet_count, listed_count, like_count}`
 * - `GET /2/tweets?ids=<1-100 comma-separated>&tweet.fields=public_metrics` → `{data:[{id, text,
 *   edit_history_tweet_ids, public_metrics}], errors?:[resource-not-found per missing id]}`
 *   (https://docs.x.com/x-api/posts/get-posts-by-ids)
 * - `GET /2/users/:id/tweets?max_results&tweet.fields&start_time&pagination_token` → `{data:[...], meta:{result_count,
 *   newest_id, oldest_id, next_token?}}`, newest first, with links rewritten to t.co and the originals in
 *   `entities.urls[].expanded_url`; `max_results` 5-100, `start_time` as YYYY-MM-DDTHH:mm:ssZ keeps only posts
 *   created at or after it (https://docs.x.com/x-api/users/get-posts).
 * - Inbox: `GET /2/users/:id/mentions` (since_id, max_results 5-100, pagination_token,
 *   expansions=author_id → includes.users; https://docs.x.com/x-api/posts/timelines/introduction);
 *   `since_id` on the account's timeline too; `GET /2/dm_events` (MessageCreate events newest
 *   first, expansions=sender_id) and `GET|POST /2/dm_conversations/with/:participant_id/(dm_events|messages)`
 *   (https://docs.x.com/x-api/direct-messages/lookup/integrate,
 *   https://docs.x.com/x-api/direct-messages/manage/introduction): POST answers 201
 *   `{data:{dm_conversation_id, dm_event_id}}`. `mencionar` and `escribirDm` seed what citizens write.
 * - Profile (v1.1, https://developer.x.com/en/docs/accounts-and-users/manage-account-settings/api-reference/post-account-update_profile_image
 *   and .../post-account-update_profile_banner): `POST /1.1/account/update_profile_image.json`
 *   (multipart `image`, GIF/JPEG/PNG up to 700 KB) → 200 with the user; `POST
 *   /1.1/account/update_profile_banner.json` (multipart `banner`) → 201 without body; no image → 400,
 *   too large → 422. The last images are kept in `perfil`.
 * Every request must carry a valid OAuth 1.0a HMAC-SHA1 signature (checked, not just present).
 * Errors use RFC 7807 problem bodies (`{title, detail, type, status}`) and `errors[]`, as X does.
 */

export interface CredencialesX {
  appKey: string;
  appSecret: string;
  accessToken: string;
  accessSecret: string;
}

export interface SolicitudX {
  metodo: string;
  /** Path without query, e.g. "/2/tweets". */
  ruta: string;
  consulta: Record<string, string>;
  /** Parsed JSON body, or multipart fields (files as {bytes, tipo}). */
  cuerpo: unknown;
  /** Parameters of the OAuth Authorization header. */
  oauth: Record<string, string>;
}

export interface TweetGuardado {
  id: string;
  text: string;
  mediaIds: string[];
  respondeA?: string;
  /** Author when it is not the account (a citizen's mention); undefined: the account's own post. */
  autor?: { id: string; username: string; name: string };
  /** in_reply_to_user_id. */
  respondeAUsuario?: string;
  /** When it was created (the emulator's real clock, or given by `agregarTweet`). */
  creado: Date;
  /** Counts X shows (retweet_count, reply_count, like_count, quote_count, bookmark_count, impression_count); 0 when unset. */
  public_metrics?: Partial<Record<(typeof CIFRAS_TWEET)[number], number>>;
}

const CIFRAS_TWEET = ["retweet_count", "reply_count", "like_count", "quote_count", "bookmark_count", "impression_count"] as const;

export interface MedioGuardado {
  id: string;
  bytes: number;
  png: boolean;
  categoria: string;
  tipo: string;
  alt?: string;
}

/** A canned answer or a transport failure for the next request to one route. */
export type Falla =
  | { estado: number; cuerpo?: unknown; cabeceras?: Record<string, string> }
  /** Destroys the socket before doing anything. */
  | "cortar"
  /** Does the work (the post is created) and then destroys the socket: the answer is lost. */
  | "perder-respuesta"
  /** Never answers. */
  | "colgar";

export interface EmuladorX {
  url: string;
  solicitudes: SolicitudX[];
  tweets: TweetGuardado[];
  medios: Map<string, MedioGuardado>;
  /** Queues a failure for the next request to `ruta`, e.g. "POST /2/tweets". */
  fallar(ruta: string, falla: Falla): void;
  /** "METHOD /path" of every request received, in order. */
  rutas(): string[];
  /** The account's public_metrics (followers_count...), answered by GET /2/users/me with user.fields=public_metrics. */
  cifrasCuenta: Record<string, number>;
  /** Seeds a post made outside the adapter, at a given time (e.g. an older post with the same link). */
  agregarTweet(text: string, creado: Date, respondeA?: string): TweetGuardado;
  /** A citizen's post mentioning the account (optionally replying to one of its posts). */
  mencionar(autor: { id: string; username: string; name: string }, texto: string, respondeA?: string): TweetGuardado;
  /** Direct message events (MessageCreate), oldest first. */
  dms: { id: string; text: string; sender_id: string; dm_conversation_id: string; created_at: string }[];
  /** The account's images as last uploaded (update_profile_image / update_profile_banner). */
  perfil: { imagen?: { bytes: number; tipo: string }; banner?: { bytes: number; tipo: string } };
  /** A citizen writes a DM to the account. */
  escribirDm(autor: { id: string; username: string; name: string }, texto: string): void;
  cerrar(): Promise<void>;
}

export const USUARIO_X = { id: "2244994945", name: "Alcaldía de Cajicá", username: "AlcaldiaCajica" };

export async function iniciarEmuladorX(credenciales: CredencialesX): Promise<EmuladorX> {
  const solicitudes: SolicitudX[] = [];
  const tweets: TweetGuardado[] = [];
  const medios = new Map<string, MedioGuardado>();
  const fallas = new Map<string, Falla[]>();
  const perfil: EmuladorX["perfil"] = {};
  const cifrasCuenta: Record<string, number> = {
    followers_count: 0,
    following_count: 0,
    tweet_count: 0,
    listed_count: 0,
    like_count: 0,
  };
  const colgadas = new Set<http.ServerResponse>();
  let siguiente = 1_850_000_000_000_000_001n;
  const nuevoId = () => (siguiente++).toString();
  const dms: EmuladorX["dms"] = [];
  const personas = new Map<string, { id: string; username: string; name: string }>();
  const conversacionDm = (otro: string) => [otro, USUARIO_X.id].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)).join("-");

  const servidor = http.createServer((req, res) => {
    const trozos: Buffer[] = [];
    req.on("data", (t: Buffer) => trozos.push(t));
    req.on("end", () => {
      atender(req, res, Buffer.concat(trozos)).catch((error: unknown) => {
        responder(res, 500, problema("Internal Server Error", String(error), 500));
      });
    });
  });

  async function atender(req: http.IncomingMessage, res: http.ServerResponse, crudo: Buffer): Promise<void> {
    const direccion = new URL(req.url ?? "/", "http://127.0.0.1");
    const metodo = req.method ?? "GET";
    const ruta = direccion.pathname;
    const consulta = Object.fromEntries(direccion.searchParams);
    const oauth = leerOAuth(req.headers.authorization);
    const cuerpo = leerCuerpo(req.headers["content-type"], crudo);
    solicitudes.push({ metodo, ruta, consulta, cuerpo, oauth });

    const cola = fallas.get(`${metodo} ${ruta}`);
    const falla = cola?.shift();
    if (falla === "cortar") return void res.socket?.destroy();
    if (falla === "colgar") return void colgadas.add(res);
    if (falla && falla !== "perder-respuesta") {
      return responder(res, falla.estado, falla.cuerpo ?? {}, falla.cabeceras);
    }

    const url = `http://${req.headers.host ?? ""}${ruta}`;
    if (!firmaValida(metodo, url, consulta, oauth, credenciales)) {
      return responder(res, 401, problema("Unauthorized", "Unauthorized", 401));
    }
    const [estado, respuesta] = ejecutar(metodo, ruta, consulta, cuerpo);
    if (falla === "perder-respuesta") return void res.socket?.destroy();
    responder(res, estado, respuesta);
  }

  function ejecutar(metodo: string, ruta: string, consulta: Record<string, string>, cuerpo: unknown): [number, unknown] {
    if (metodo === "POST" && ruta === "/2/media/upload") {
      const campos = cuerpo as Record<string, unknown> | undefined;
      const media = campos?.media as { bytes: Buffer; tipo: string } | undefined;
      if (!media || !Buffer.isBuffer(media.bytes) || typeof campos?.media_category !== "string") {
        return [400, invalido({ media: ["required"] }, "The `media` and `media_category` fields are required")];
      }
      const id = nuevoId();
      const png = tipoDeBytes(media.bytes) === "image/png";
      // One-shot upload: images (JPEG, PNG, WEBP...) up to 5 MB, and the declared media_type must be the bytes' type.
      const tipoReal = tipoDeBytes(media.bytes);
      if (!tipoReal || (typeof campos.media_type === "string" && campos.media_type !== tipoReal)) {
        return [400, invalido({ media_type: [String(campos.media_type)] }, "The media type does not match the uploaded media")];
      }
      medios.set(id, {
        id,
        bytes: media.bytes.length,
        png,
        categoria: campos.media_category,
        tipo: typeof campos.media_type === "string" ? campos.media_type : "",
      });
      return [
        200,
        {
          data: {
            id,
            media_key: `3_${id}`,
            size: media.bytes.length,
            expires_after_secs: 86400,
            image: { image_type: tipoReal, w: 1200, h: 630 },
          },
        },
      ];
    }
    if (metodo === "POST" && ruta === "/2/media/metadata") {
      const c = cuerpo as { id?: string; metadata?: { alt_text?: { text?: string } } } | undefined;
      const medio = c?.id ? medios.get(c.id) : undefined;
      const alt = c?.metadata?.alt_text?.text;
      if (!medio) return [400, invalido({ id: [String(c?.id)] }, "The media id is not valid")];
      if (typeof alt !== "string" || alt.length > 1000) {
        return [400, invalido({ "metadata.alt_text.text": [String(alt)] }, "alt_text.text must be 1-1000 characters")];
      }
      medio.alt = alt;
      return [200, { data: { id: medio.id, associated_metadata: { alt_text: { text: alt } } } }];
    }
    if (metodo === "POST" && ruta === "/2/tweets") {
      const c = cuerpo as
        { text?: string; media?: { media_ids?: string[] }; reply?: { in_reply_to_tweet_id?: string } } | undefined;
      const texto = c?.text ?? "";
      if (!twitterText.parseTweet(texto).valid) {
        return [400, invalido({ text: [texto] }, "Your Tweet text is too long or empty.")];
      }
      const mediaIds = c?.media?.media_ids ?? [];
      for (const id of mediaIds) {
        if (!medios.has(id)) return [400, invalido({ "media.media_ids": [id] }, `Your media IDs are invalid.`)];
      }
      const respondeA = c?.reply?.in_reply_to_tweet_id;
      if (respondeA && !tweets.some((t) => t.id === respondeA)) {
        return [403, problema("Forbidden", "You attempted to reply to a Tweet that is deleted or not visible to you.", 403)];
      }
      if (tweets.some((t) => t.text === texto)) {
        return [403, problema("Forbidden", "You are not allowed to create a Tweet with duplicate content.", 403)];
      }
      const id = nuevoId();
      tweets.push({ id, text: texto, mediaIds, respondeA, creado: new Date() });
      return [201, { data: { id, text: texto, edit_history_tweet_ids: [id] } }];
    }
    if (metodo === "GET" && ruta === "/2/users/me") {
      const conCifras = (consulta["user.fields"] ?? "").split(",").includes("public_metrics");
      return [200, { data: conCifras ? { ...USUARIO_X, public_metrics: { ...cifrasCuenta } } : USUARIO_X }];
    }
    if (metodo === "GET" && ruta === "/2/tweets") {
      const ids = (consulta.ids ?? "").split(",").filter(Boolean);
      if (ids.length < 1 || ids.length > 100 || ids.some((i) => !/^\d{1,19}$/.test(i))) {
        return [400, invalido({ ids: [consulta.ids ?? ""] }, "The `ids` query parameter value must be 1 to 100 numeric ids")];
      }
      const conCifras = (consulta["tweet.fields"] ?? "").split(",").includes("public_metrics");
      const data = ids
        .map((i) => tweets.find((t) => t.id === i))
        .filter((t): t is TweetGuardado => t !== undefined)
        .map((t) => ({
          id: t.id,
          text: t.text,
          edit_history_tweet_ids: [t.id],
          ...(conCifras ? { public_metrics: Object.fromEntries(CIFRAS_TWEET.map((c) => [c, t.public_metrics?.[c] ?? 0])) } : {}),
        }));
      const errors = ids
        .filter((i) => !tweets.some((t) => t.id === i))
        .map((i) => ({
          value: i,
          detail: `Could not find tweet with ids: [${i}].`,
          title: "Not Found Error",
          resource_type: "tweet",
          parameter: "ids",
          resource_id: i,
          type: "https://api.twitter.com/2/problems/resource-not-found",
        }));
      return [200, { ...(data.length ? { data } : {}), ...(errors.length ? { errors } : {}) }];
    }
    const linea = /^\/2\/users\/([^/]+)\/tweets$/.exec(ruta);
    if (metodo === "GET" && linea) {
      const maximo = Number(consulta.max_results ?? 10);
      if (!Number.isInteger(maximo) || maximo < 5 || maximo > 100) {
        return [400, invalido({ max_results: [String(consulta.max_results)] }, "max_results must be 5-100")];
      }
      const desde = consulta.start_time;
      if (desde !== undefined && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(desde)) {
        return [
          400,
          invalido({ start_time: [desde] }, "Invalid 'start_time':'" + desde + "'. 'start_time' must be in YYYY-MM-DDTHH:mm:ssZ"),
        ];
      }
      const campos = new Set((consulta["tweet.fields"] ?? "").split(","));
      const sinceId = consulta.since_id;
      const todos = (linea[1] === USUARIO_X.id ? [...tweets].reverse().filter((t) => !t.autor) : []).filter(
        (t) => (desde === undefined || t.creado.getTime() >= Date.parse(desde)) && (!sinceId || BigInt(t.id) > BigInt(sinceId)),
      );
      const inicio = consulta.pagination_token ? Number(Buffer.from(consulta.pagination_token, "base64url").toString()) : 0;
      const propios = todos.slice(inicio, inicio + maximo);
      if (propios.length === 0) return [200, { meta: { result_count: 0 } }];
      const data = propios.map((t) => vistaPublica(t, campos));
      const siguiente = inicio + maximo < todos.length ? Buffer.from(String(inicio + maximo)).toString("base64url") : undefined;
      const meta = { result_count: data.length, newest_id: data[0]?.id, oldest_id: data.at(-1)?.id };
      return [200, { data, meta: siguiente ? { ...meta, next_token: siguiente } : meta }];
    }
    const menciones = /^\/2\/users\/([^/]+)\/mentions$/.exec(ruta);
    if (metodo === "GET" && menciones) {
      const maximo = Number(consulta.max_results ?? 10);
      if (!Number.isInteger(maximo) || maximo < 5 || maximo > 100)
        return [400, invalido({ max_results: [String(consulta.max_results)] }, "max_results must be 5-100")];
      const sinceId = consulta.since_id;
      const campos = new Set((consulta["tweet.fields"] ?? "").split(","));
      const todos = (menciones[1] === USUARIO_X.id ? [...tweets].reverse() : []).filter(
        (t) => t.autor && (!sinceId || BigInt(t.id) > BigInt(sinceId)),
      );
      const inicio = consulta.pagination_token ? Number(Buffer.from(consulta.pagination_token, "base64url").toString()) : 0;
      const pagina = todos.slice(inicio, inicio + maximo);
      if (pagina.length === 0) return [200, { meta: { result_count: 0 } }];
      const data = pagina.map((t): Record<string, unknown> & { id: string } => ({
        id: t.id,
        ...vistaPublica(t, campos),
        ...(campos.has("author_id") ? { author_id: t.autor!.id } : {}),
        ...(campos.has("conversation_id") ? { conversation_id: t.respondeA ?? t.id } : {}),
        ...(campos.has("in_reply_to_user_id") && t.respondeAUsuario ? { in_reply_to_user_id: t.respondeAUsuario } : {}),
      }));
      const usuarios = consulta.expansions?.split(",").includes("author_id")
        ? [...new Map(pagina.map((t) => [t.autor!.id, t.autor!])).values()]
        : undefined;
      const siguientePagina =
        inicio + maximo < todos.length ? Buffer.from(String(inicio + maximo)).toString("base64url") : undefined;
      const meta = { result_count: data.length, newest_id: data[0]?.id, oldest_id: data.at(-1)?.id };
      return [
        200,
        {
          data,
          ...(usuarios ? { includes: { users: usuarios } } : {}),
          meta: siguientePagina ? { ...meta, next_token: siguientePagina } : meta,
        },
      ];
    }
    const conPersona = /^\/2\/dm_conversations\/with\/(\d+)\/(messages|dm_events)$/.exec(ruta);
    if (metodo === "GET" && (ruta === "/2/dm_events" || conPersona?.[2] === "dm_events")) {
      const maximo = Number(consulta.max_results ?? 100);
      if (!Number.isInteger(maximo) || maximo < 1 || maximo > 100)
        return [400, invalido({ max_results: [String(consulta.max_results)] }, "max_results must be 1-100")];
      const todos = [...dms].reverse().filter((e) => !conPersona || e.dm_conversation_id === conversacionDm(conPersona[1]!));
      const inicio = consulta.pagination_token ? Number(Buffer.from(consulta.pagination_token, "base64url").toString()) : 0;
      const pagina = todos.slice(inicio, inicio + maximo);
      const data = pagina.map((e) => ({ ...e, event_type: "MessageCreate" }));
      const usuarios = consulta.expansions?.split(",").includes("sender_id")
        ? [...new Set(pagina.map((e) => e.sender_id))].map((id) => (id === USUARIO_X.id ? USUARIO_X : personas.get(id)!))
        : undefined;
      const siguientePagina =
        inicio + maximo < todos.length ? Buffer.from(String(inicio + maximo)).toString("base64url") : undefined;
      return [
        200,
        {
          ...(data.length ? { data } : {}),
          ...(usuarios ? { includes: { users: usuarios } } : {}),
          meta: { result_count: data.length, ...(siguientePagina ? { next_token: siguientePagina } : {}) },
        },
      ];
    }
    if (metodo === "POST" && conPersona?.[2] === "messages") {
      const texto = (cuerpo as { text?: string } | undefined)?.text;
      if (!texto) return [400, invalido({ text: [""] }, "text is required")];
      if (!personas.has(conPersona[1]!))
        return [403, problema("Forbidden", "You are not permitted to send Direct Messages to this user.", 403)];
      const evento = {
        id: nuevoId(),
        text: texto,
        sender_id: USUARIO_X.id,
        dm_conversation_id: conversacionDm(conPersona[1]!),
        created_at: new Date().toISOString(),
      };
      dms.push(evento);
      return [201, { data: { dm_conversation_id: evento.dm_conversation_id, dm_event_id: evento.id } }];
    }
    if (
      metodo === "POST" &&
      (ruta === "/1.1/account/update_profile_image.json" || ruta === "/1.1/account/update_profile_banner.json")
    ) {
      const campo = ruta.includes("banner") ? "banner" : "image";
      const archivo = (cuerpo as Record<string, unknown> | undefined)?.[campo] as { bytes: Buffer } | undefined;
      const tipo = archivo && Buffer.isBuffer(archivo.bytes) ? tipoDeBytes(archivo.bytes) : undefined;
      if (!archivo || !tipo) return [400, { errors: [{ code: 38, message: `${campo} parameter is missing.` }] }];
      if (campo === "image" && archivo.bytes.length > 700 * 1024)
        return [422, { errors: [{ code: 413, message: "The image is too large." }] }];
      if (campo === "image") {
        perfil.imagen = { bytes: archivo.bytes.length, tipo };
        return [200, { id_str: USUARIO_X.id, screen_name: USUARIO_X.username, name: USUARIO_X.name }];
      }
      perfil.banner = { bytes: archivo.bytes.length, tipo };
      return [201, ""];
    }
    return [404, problema("Not Found Error", `No route for ${metodo} ${ruta}`, 404)];
  }

  await new Promise<void>((listo) => servidor.listen(0, "127.0.0.1", listo));
  const { port } = servidor.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    solicitudes,
    tweets,
    medios,
    fallar(ruta, falla) {
      const cola = fallas.get(ruta) ?? [];
      cola.push(falla);
      fallas.set(ruta, cola);
    },
    rutas: () => solicitudes.map((s) => `${s.metodo} ${s.ruta}`),
    perfil,
    cifrasCuenta,
    agregarTweet(text, creado, respondeA) {
      const t: TweetGuardado = { id: nuevoId(), text, mediaIds: [], respondeA, creado };
      tweets.push(t);
      return t;
    },
    dms,
    mencionar(autor, texto, respondeA) {
      personas.set(autor.id, autor);
      const t: TweetGuardado = {
        id: nuevoId(),
        text: `@${USUARIO_X.username} ${texto}`,
        mediaIds: [],
        creado: new Date(),
        autor,
        ...(respondeA ? { respondeA, respondeAUsuario: tweets.find((x) => x.id === respondeA)?.autor?.id ?? USUARIO_X.id } : {}),
      };
      tweets.push(t);
      return t;
    },
    escribirDm(autor, texto) {
      personas.set(autor.id, autor);
      dms.push({
        id: nuevoId(),
        text: texto,
        sender_id: autor.id,
        dm_conversation_id: conversacionDm(autor.id),
        created_at: new Date().toISOString(),
      });
    },
    cerrar: () =>
      new Promise<void>((listo) => {
        for (const res of colgadas) res.socket?.destroy();
        servidor.closeAllConnections();
        servidor.close(() => listo());
      }),
  };
}

/** How X shows a post: links replaced by t.co, `&<>` HTML-escaped, originals in entities. */
function vistaPublica(t: TweetGuardado, campos: Set<string>): Record<string, unknown> {
  const urls: Record<string, unknown>[] = [];
  let texto = "";
  let ultimo = 0;
  for (const m of t.text.matchAll(/https?:\/\/\S+/g)) {
    const corto = `https://t.co/${Buffer.from(m[0]).toString("base64url").slice(-10)}`;
    texto += escapar(t.text.slice(ultimo, m.index)) + corto;
    urls.push({
      start: texto.length - corto.length,
      end: texto.length,
      url: corto,
      expanded_url: m[0],
      display_url: m[0].replace(/^https?:\/\//, "").slice(0, 25),
    });
    ultimo = m.index + m[0].length;
  }
  texto += escapar(t.text.slice(ultimo));
  const vista: Record<string, unknown> = { id: t.id, text: texto, edit_history_tweet_ids: [t.id] };
  if (campos.has("entities") && urls.length > 0) vista.entities = { urls };
  if (campos.has("referenced_tweets") && t.respondeA) {
    vista.referenced_tweets = [{ type: "replied_to", id: t.respondeA }];
  }
  if (campos.has("created_at")) vista.created_at = t.creado.toISOString();
  return vista;
}

function escapar(texto: string): string {
  return texto.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function problema(title: string, detail: string, status: number): Record<string, unknown> {
  return { title, detail, type: "about:blank", status };
}

function invalido(parameters: Record<string, string[]>, message: string): Record<string, unknown> {
  return {
    errors: [{ parameters, message }],
    title: "Invalid Request",
    detail: "One or more parameters to your request was invalid.",
    type: "https://api.twitter.com/2/problems/invalid-request",
  };
}

function responder(res: http.ServerResponse, estado: number, cuerpo: unknown, cabeceras: Record<string, string> = {}): void {
  const tipo = estado >= 400 ? "application/problem+json" : "application/json; charset=utf-8";
  const texto = typeof cuerpo === "string" ? cuerpo : JSON.stringify(cuerpo);
  res.writeHead(estado, { "content-type": tipo, ...cabeceras });
  res.end(texto);
}

function leerCuerpo(tipo: string | undefined, crudo: Buffer): unknown {
  if (crudo.length === 0) return undefined;
  if (tipo?.startsWith("application/json")) return JSON.parse(crudo.toString("utf8")) as unknown;
  if (tipo?.startsWith("multipart/form-data")) return leerMultipart(tipo, crudo);
  return crudo.toString("utf8");
}

/**
 * Multipart parser that keeps each part's raw bytes: the library sends the image as a part without
 * filename (as X accepts), which WHATWG `formData()` would decode as UTF-8 text.
 */
function leerMultipart(tipo: string, crudo: Buffer): Record<string, unknown> {
  const limite = /boundary=("?)([^";]+)\1/.exec(tipo)?.[2];
  if (!limite) throw new Error("multipart sin boundary");
  const separador = Buffer.from(`--${limite}`);
  const campos: Record<string, unknown> = {};
  let inicio = crudo.indexOf(separador);
  while (inicio >= 0) {
    const desde = inicio + separador.length;
    if (crudo.subarray(desde, desde + 2).toString() === "--") break;
    const fin = crudo.indexOf(separador, desde);
    if (fin < 0) break;
    const parte = crudo.subarray(desde + 2, fin - 2); // skip CRLF after the boundary and before the next
    const corte = parte.indexOf("\r\n\r\n");
    const cabeceras = parte.subarray(0, corte).toString("utf8");
    const datos = parte.subarray(corte + 4);
    const nombre = /name="([^"]*)"/.exec(cabeceras)?.[1] ?? "";
    const tipoParte = /content-type:\s*([^\r\n]+)/i.exec(cabeceras)?.[1];
    campos[nombre] = tipoParte ? { bytes: Buffer.from(datos), tipo: tipoParte.trim() } : datos.toString("utf8");
    inicio = fin;
  }
  return campos;
}

function leerOAuth(cabecera: string | undefined): Record<string, string> {
  const parametros: Record<string, string> = {};
  if (!cabecera?.startsWith("OAuth ")) return parametros;
  for (const m of cabecera.slice(6).matchAll(/([a-z_]+)="([^"]*)"/g)) {
    parametros[m[1] ?? ""] = decodeURIComponent(m[2] ?? "");
  }
  return parametros;
}

/** RFC 3986 percent-encoding, as OAuth 1.0a requires. */
function codificar(texto: string): string {
  return encodeURIComponent(texto).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Verifies an OAuth 1.0a HMAC-SHA1 signature (JSON and multipart bodies are not signed). */
function firmaValida(
  metodo: string,
  url: string,
  consulta: Record<string, string>,
  oauth: Record<string, string>,
  c: CredencialesX,
): boolean {
  if (oauth.oauth_consumer_key !== c.appKey || oauth.oauth_token !== c.accessToken) return false;
  if (oauth.oauth_signature_method !== "HMAC-SHA1" || oauth.oauth_version !== "1.0") return false;
  if (!oauth.oauth_nonce || !/^\d+$/.test(oauth.oauth_timestamp ?? "") || !oauth.oauth_signature) return false;
  const parametros = [
    ...Object.entries(consulta),
    ...Object.entries(oauth).filter(([k]) => k !== "oauth_signature" && k !== "realm"),
  ]
    .map(([k, v]) => [codificar(k), codificar(v)] as const)
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const base = [metodo.toUpperCase(), codificar(url), codificar(parametros)].join("&");
  const clave = `${codificar(c.appSecret)}&${codificar(c.accessSecret)}`;
  const esperada = createHmac("sha1", clave).update(base).digest();
  const recibida = Buffer.from(oauth.oauth_signature, "base64");
  return recibida.length === esperada.length && timingSafeEqual(recibida, esperada);
}
