import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Local emulator of Meta's Graph API v26.0 documented contract, for Facebook Pages and Instagram
 * professional accounts (Facebook Login flow): it checks method, path, version, the Bearer token
 * of each resource and the body fields, keeps the created posts, containers, media and comments,
 * returns the documented success bodies and the documented error body
 * {"error":{"message","type","code","error_subcode","fbtrace_id"}}, and records every request so
 * tests can assert the exact list. Faults (error bodies, cut connections, delays, lost responses)
 * are injected with `fallar`.
 *
 * Images, as each reference documents them:
 * - Page Photos (https://developers.facebook.com/docs/graph-api/reference/page/photos/): a `source`
 *   upload or a public `url`; JPEG, PNG (also BMP, GIF, TIFF, not used here). A file whose bytes
 *   are neither JPEG nor PNG is refused with (#324) "Missing or invalid image file".
 * - IG User Media (https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media),
 *   "Image Specifications — Format: JPEG": Instagram downloads `image_url` after creating the
 *   container; the bytes it finds there are the ones a test registered with `servir(url, bytes)`
 *   (the site). A URL that serves nothing, or bytes that are not JPEG, leave the container in
 *   status_code ERROR ("Media download has failed"), as Instagram reports a failed download.
 */

export const VERSION = "v26.0";

/** Who writes on the inbox side: Facebook gives {name, id}; Instagram {username, id}. */
export interface PersonaGraph {
  id: string;
  name?: string;
  username?: string;
}

/** A comment on a page post or an IG media (a citizen's or the account's own). */
export interface ComentarioGraph {
  id: string;
  red: "facebook" | "instagram";
  /** Post or media commented. */
  objeto: string;
  /** Top-level comment this one replies to. */
  padre?: string;
  de: PersonaGraph;
  texto: string;
  /** Unix ms. */
  creado: number;
  /** A private reply was already sent to it (one per comment). */
  respuestaPrivada?: boolean;
}

/** A Messenger or Instagram messaging conversation with one person. */
export interface ConversacionGraph {
  id: string;
  plataforma: "messenger" | "instagram";
  persona: PersonaGraph;
  mensajes: { id: string; de: PersonaGraph; texto: string; creado: number; etiqueta?: string }[];
}

/**
 * Inbox side of the emulator (what citizens write and the account answers):
 * - GET /{post-id}/comments (filter=stream: replies too, with parent; order=reverse_chronological)
 *   https://developers.facebook.com/docs/graph-api/reference/object/comments;
 *   POST /{comment-id}/comments (the page replies; a reply to a reply goes under the top-level comment);
 * - GET /{ig-media-id}/comments with replies{…}, GET|POST /{ig-comment-id}/replies
 *   https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-comment/replies;
 * - GET /{page-id|ig-user-id}/conversations?platform=messenger|instagram, GET /{conversation-id}/messages
 *   https://developers.facebook.com/docs/messenger-platform/conversations;
 * - POST /{page-id|ig-user-id}/messages, the Send API: recipient {id} inside the 24-hour window
 *   (messaging_type RESPONSE) or up to 7 days with messaging_type MESSAGE_TAG and tag HUMAN_AGENT;
 *   recipient {comment_id}: one private reply per comment within 7 days
 *   (https://developers.facebook.com/docs/messenger-platform/discovery/private-replies). Outside a
 *   window Graph answers (#10) "This message is sent outside of allowed window" (subcode 2018278).
 */
export interface BandejaGraph {
  comentarios: ComentarioGraph[];
  conversaciones: ConversacionGraph[];
  /** A citizen comments (or `de` is the account: a native reply). `haceMs`: how long ago. */
  comentar(objeto: string, de: PersonaGraph, texto: string, opciones?: { padre?: string; haceMs?: number }): ComentarioGraph;
  /** A citizen writes a private message to the page (messenger) or the IG account (instagram). */
  escribir(plataforma: "messenger" | "instagram", de: PersonaGraph, texto: string, haceMs?: number): ConversacionGraph;
}

export interface ArchivoSubido {
  nombre: string;
  tipo: string;
  bytes: number;
  /** true when the bytes start with the PNG signature. */
  png: boolean;
  /** Type read from the bytes (JPEG or PNG signature), whatever the part declared. */
  tipoBytes?: "image/png" | "image/jpeg";
}

/** JPEG (FF D8 FF) or PNG signature, else undefined. */
export function tipoDeBytes(bytes: Uint8Array): "image/png" | "image/jpeg" | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (Buffer.from(bytes.subarray(0, 8)).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  return undefined;
}

export interface SolicitudGraph {
  metodo: string;
  /** Path without query, e.g. "/v26.0/100064000000001/feed". */
  ruta: string;
  consulta: Record<string, string>;
  /** Body fields (urlencoded, multipart or JSON). */
  campos: Record<string, string>;
  archivos: Record<string, ArchivoSubido>;
  autorizacion?: string;
}

export interface FalloGraph {
  metodo?: string;
  /** Exact path or pattern the fault applies to (any when omitted). */
  ruta?: string | RegExp;
  /** How many matching requests it affects (default 1). */
  veces?: number;
  /** Response to send instead of the real one. */
  status?: number;
  cuerpo?: unknown;
  encabezados?: Record<string, string>;
  /** Destroy the socket without answering (network error). */
  cortar?: boolean;
  /** Wait this long before answering (to trigger client timeouts). */
  demoraMs?: number;
  /** Apply the real operation first, then send the fault (a lost response). */
  despues?: boolean;
}

export interface PostFacebook {
  id: string;
  message: string;
  link?: string;
  created_time: string;
  permalink_url: string;
  foto?: { id: string; alt?: string; origen: "source" | "url"; url?: string; archivo?: ArchivoSubido };
}

export interface ContenedorInstagram {
  id: string;
  image_url: string;
  caption: string;
  alt_text?: string;
  /** Type of the bytes Instagram found at image_url (undefined: nothing there). */
  imagen?: "image/png" | "image/jpeg";
  /** Statuses still to report; the last one stays. */
  estados: string[];
  publicado?: string;
}

export interface MedioInstagram {
  id: string;
  caption: string;
  permalink: string;
  timestamp: string;
  alt_text?: string;
  image_url: string;
  comentarios: { id: string; text: string; timestamp: string }[];
}

/**
 * Figures Graph computes for one node (page, post, IG user, IG media), seeded by tests:
 * `campos` are node fields: followers_count, fan_count, media_count, and for a post `shares`
 * ({count}), `reactions` and `comments` ({data: [], summary: {total_count}}), which the post
 * answers when asked as reactions.summary(total_count).limit(0) and comments.summary(...).limit(0);
 * `insights` are metric values by name (a number, or a breakdown such as {like: 3, love: 1}).
 */
export interface CifrasNodo {
  campos?: Record<string, unknown>;
  insights?: Record<string, number | Record<string, number>>;
}

export interface OpcionesEmuladorGraph {
  tokenFacebook?: string;
  tokenInstagram?: string;
  paginaId?: string;
  cuentaId?: string;
  /** Status sequence each new container reports on successive reads (default ["FINISHED"]). */
  estadosContenedor?: string[];
}

export interface EmuladorGraph {
  url: string;
  solicitudes: SolicitudGraph[];
  /** "METHOD /path" of every request, in order. */
  lineas(): string[];
  posts: PostFacebook[];
  contenedores: Map<string, ContenedorInstagram>;
  medios: MedioInstagram[];
  /** Status sequence for containers created from now on. */
  estadosContenedor: string[];
  fallar(fallo: FalloGraph): void;
  /** Seeds a page post made outside the adapter (by a person, or by an earlier run). */
  agregarPost(message: string): PostFacebook;
  /** Seeds an Instagram media made outside the adapter. */
  agregarMedio(caption: string): MedioInstagram;
  /** The bytes the site serves at a public URL (what Instagram downloads for image_url). */
  servir(url: string, bytes: Uint8Array): void;
  /** Figures by node id (see CifrasNodo); nodes without an entry report nothing. */
  cifras: Map<string, CifrasNodo>;
  /** Comments and private messages (the inbox): see BandejaGraph. */
  bandeja: BandejaGraph;
  /** Insight metric names Meta retired: asking for one fails the whole request with (#100). */
  retiradas: Set<string>;
  cerrar(): Promise<void>;
}

class ErrorHttp extends Error {
  readonly status: number;
  readonly cuerpo: unknown;
  constructor(status: number, cuerpo: unknown) {
    super(`HTTP ${status}`);
    this.status = status;
    this.cuerpo = cuerpo;
  }
}

/** IG User insights of the account (https://developers.facebook.com/docs/instagram-platform/reference/instagram-user/insights). */
const METRICAS_IG_CUENTA = new Set([
  "reach",
  "views",
  "total_interactions",
  "accounts_engaged",
  "likes",
  "comments",
  "shares",
  "saves",
  "replies",
  "follows_and_unfollows",
  "profile_links_taps",
]);
/** IG Media insights of a feed post (https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights). */
const METRICAS_IG_MEDIO = new Set([
  "views",
  "reach",
  "total_interactions",
  "likes",
  "comments",
  "shares",
  "saved",
  "profile_visits",
  "profile_activity",
  "follows",
]);

let trazas = 0;
function errorGraph(status: number, message: string, type: string, code: number, subcode?: number): ErrorHttp {
  trazas++;
  return new ErrorHttp(status, {
    error: {
      message,
      type,
      code,
      ...(subcode === undefined ? {} : { error_subcode: subcode }),
      fbtrace_id: `AbCdEf${trazas.toString(36).padStart(5, "0")}`,
    },
  });
}

function noSoportado(metodo: string, id: string): ErrorHttp {
  return errorGraph(
    400,
    `Unsupported ${metodo.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to ` +
      "missing permissions, or does not support this operation. Please read the Graph API documentation at " +
      "https://developers.facebook.com/docs/graph-api",
    "GraphMethodException",
    100,
    33,
  );
}

function parametroFaltante(nombre: string): ErrorHttp {
  return errorGraph(400, `(#100) The parameter ${nombre} is required`, "OAuthException", 100);
}

/** Returns only the requested fields of a node; unknown fields are the documented error. */
function campos(
  nodo: Record<string, unknown>,
  pedidos: string | undefined,
  tipo: string,
  validos: string[],
): Record<string, unknown> {
  const lista = (pedidos ?? "id")
    .split(",")
    .map((c) => c.trim())
    .filter(Boolean);
  const salida: Record<string, unknown> = {};
  for (const campo of lista) {
    if (!validos.includes(campo)) {
      throw errorGraph(400, `(#100) Tried accessing nonexisting field (${campo}) on node type (${tipo})`, "OAuthException", 100);
    }
    if (nodo[campo] !== undefined) salida[campo] = nodo[campo];
  }
  salida.id = nodo.id;
  return salida;
}

async function leerCuerpo(
  req: IncomingMessage,
): Promise<{ campos: Record<string, string>; archivos: Record<string, ArchivoSubido> }> {
  const trozos: Buffer[] = [];
  for await (const trozo of req) trozos.push(trozo as Buffer);
  const crudo = Buffer.concat(trozos);
  const resultado = { campos: {} as Record<string, string>, archivos: {} as Record<string, ArchivoSubido> };
  if (crudo.length === 0) return resultado;
  const tipo = req.headers["content-type"] ?? "";
  if (tipo.startsWith("application/json")) {
    for (const [k, v] of Object.entries(JSON.parse(crudo.toString("utf8")) as Record<string, unknown>)) {
      resultado.campos[k] = typeof v === "string" ? v : JSON.stringify(v);
    }
    return resultado;
  }
  if (!tipo.startsWith("multipart/form-data") && !tipo.startsWith("application/x-www-form-urlencoded")) {
    throw errorGraph(400, `(#100) Unsupported content type: ${tipo || "none"}`, "OAuthException", 100);
  }
  const formulario = await new Request("http://emulador/", {
    method: "POST",
    headers: { "content-type": tipo },
    body: crudo,
  }).formData();
  for (const [clave, valor] of formulario.entries()) {
    if (typeof valor === "string") {
      resultado.campos[clave] = valor;
    } else {
      const bytes = Buffer.from(await valor.arrayBuffer());
      resultado.archivos[clave] = {
        nombre: valor.name,
        tipo: valor.type,
        bytes: bytes.length,
        png: tipoDeBytes(bytes) === "image/png",
        tipoBytes: tipoDeBytes(bytes),
      };
    }
  }
  return resultado;
}

function esUrl(valor: string | undefined): boolean {
  try {
    return valor !== undefined && /^https?:$/.test(new URL(valor).protocol);
  } catch {
    return false;
  }
}

/** Lists an edge newest first, with `limit` and `after` cursors, in Graph's paging shape. */
function listar(url: string, ruta: string, consulta: Record<string, string>, items: Record<string, unknown>[]): unknown {
  const limite = Math.min(Number(consulta.limit ?? 25) || 25, 100);
  const desde = consulta.after ? Number(Buffer.from(consulta.after, "base64url").toString("utf8")) : 0;
  const pagina = items.slice(desde, desde + limite);
  const cursor = (n: number): string => Buffer.from(String(n), "utf8").toString("base64url");
  const fin = desde + pagina.length;
  const paging: Record<string, unknown> = { cursors: { before: cursor(desde), after: cursor(fin) } };
  if (fin < items.length) {
    const siguiente = new URLSearchParams({ ...consulta, after: cursor(fin) });
    paging.next = `${url}${ruta}?${siguiente.toString()}`;
  }
  return { data: pagina, paging };
}

export async function iniciarEmuladorGraph(opciones: OpcionesEmuladorGraph = {}): Promise<EmuladorGraph> {
  const tokenFacebook = opciones.tokenFacebook ?? "EAAtokenDePaginaDePrueba123456";
  const tokenInstagram = opciones.tokenInstagram ?? "EAAtokenDeInstagramDePrueba654321";
  const paginaId = opciones.paginaId ?? "100064000000001";
  const cuentaId = opciones.cuentaId ?? "17841400000000001";
  const solicitudes: SolicitudGraph[] = [];
  const fallos: (FalloGraph & { restantes: number })[] = [];
  const posts: PostFacebook[] = [];
  const contenedores = new Map<string, ContenedorInstagram>();
  const medios: MedioInstagram[] = [];
  const servidas = new Map<string, Uint8Array>();
  const cifras = new Map<string, CifrasNodo>();
  const retiradas = new Set<string>();
  let secuencia = 5000;
  let reloj = Date.parse("2026-11-28T12:00:00Z");
  const nuevoId = (): string => String(++secuencia);
  const marca = (): string => {
    reloj += 60_000;
    return new Date(reloj).toISOString().replace(/\.\d{3}Z$/, "+0000");
  };
  let url = "";

  const emulador: EmuladorGraph = {
    url: "",
    solicitudes,
    lineas: () => solicitudes.map((s) => `${s.metodo} ${s.ruta}`),
    posts,
    contenedores,
    medios,
    estadosContenedor: opciones.estadosContenedor ?? ["FINISHED"],
    fallar(fallo) {
      fallos.push({ ...fallo, restantes: fallo.veces ?? 1 });
    },
    agregarPost(message) {
      const numero = nuevoId();
      const post: PostFacebook = {
        id: `${paginaId}_${numero}`,
        message,
        created_time: marca(),
        permalink_url: `https://www.facebook.com/${paginaId}/posts/${numero}`,
      };
      posts.push(post);
      return post;
    },
    agregarMedio(caption) {
      const id = `179${nuevoId()}`;
      const medio: MedioInstagram = {
        id,
        caption,
        permalink: `https://www.instagram.com/p/C${id}x/`,
        timestamp: marca(),
        image_url: "https://ejemplo.invalid/imagen.png",
        comentarios: [],
      };
      medios.push(medio);
      return medio;
    },
    servir(direccion, bytes) {
      servidas.set(direccion, bytes);
    },
    cifras,
    retiradas,
    bandeja: undefined as unknown as BandejaGraph,
    cerrar: () =>
      new Promise<void>((resolve) => {
        servidor.closeAllConnections();
        servidor.close(() => resolve());
      }),
  };

  function autorizar(solicitud: SolicitudGraph, esperado: string): void {
    if (!solicitud.autorizacion) {
      throw errorGraph(
        400,
        "An active access token must be used to query information about the current user.",
        "OAuthException",
        2500,
      );
    }
    if (solicitud.autorizacion !== `Bearer ${esperado}`) {
      throw errorGraph(400, "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190);
    }
  }

  /**
   * GET /{node}/insights?metric=a,b (https://developers.facebook.com/docs/graph-api/reference/insights,
   * https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights):
   * `metric` is required; a retired or unknown name fails the whole request with (#100); each known
   * metric with data is one item of `data` ({name, period, values:[{value}]} or, for IG User
   * metric_type=total_value, {name, period, total_value:{value}}); a metric without data is absent.
   */
  function insights(nodo: string, s: SolicitudGraph, conocida: (nombre: string) => boolean, periodos: string[]): unknown {
    const pedidas = (s.consulta.metric ?? "").split(",").filter(Boolean);
    if (pedidas.length === 0) {
      throw errorGraph(
        400,
        "(#100) No metric was specified to be fetched. Please specify one or more metrics to be fetched and try again.",
        "OAuthException",
        100,
        1504028,
      );
    }
    const periodo = s.consulta.period ?? "lifetime";
    if (!periodos.includes(periodo)) throw errorGraph(400, `(#100) Invalid period: ${periodo}`, "OAuthException", 100);
    for (const nombre of pedidas) {
      if (retiradas.has(nombre) || !conocida(nombre)) {
        throw errorGraph(400, "(#100) The value must be a valid insights metric", "OAuthException", 100);
      }
    }
    const valores = cifras.get(nodo)?.insights ?? {};
    const data = pedidas
      .filter((n) => valores[n] !== undefined)
      .map((n) => ({
        name: n,
        period: periodo,
        ...(s.consulta.metric_type === "total_value"
          ? { total_value: { value: valores[n] } }
          : { values: [{ value: valores[n] }] }),
        title: n,
        description: n,
        id: `${nodo}/insights/${n}/${periodo}`,
      }));
    return { data, paging: {} };
  }

  const bandeja: BandejaGraph = {
    comentarios: [],
    conversaciones: [],
    comentar(objeto, de, texto, o = {}) {
      const red = medios.some((m) => m.id === objeto) ? "instagram" : "facebook";
      const padre = o.padre ? (bandeja.comentarios.find((c) => c.id === o.padre)?.padre ?? o.padre) : undefined;
      const c: ComentarioGraph = {
        id: red === "instagram" ? `181${nuevoId()}` : `${objeto.split("_")[1] ?? objeto}_${nuevoId()}`,
        red,
        objeto,
        ...(padre ? { padre } : {}),
        de,
        texto,
        creado: Date.now() - (o.haceMs ?? 0),
      };
      bandeja.comentarios.push(c);
      return c;
    },
    escribir(plataforma, de, texto, haceMs = 0) {
      let c = bandeja.conversaciones.find((x) => x.plataforma === plataforma && x.persona.id === de.id);
      if (!c) {
        c = { id: `t_${nuevoId()}`, plataforma, persona: de, mensajes: [] };
        bandeja.conversaciones.push(c);
      }
      c.mensajes.push({ id: `m_${nuevoId()}`, de, texto, creado: Date.now() - haceMs });
      return c;
    },
  };
  emulador.bandeja = bandeja;
  const graphFecha = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+0000");
  const DIA = 86_400_000;
  const fueraDeVentana = () =>
    errorGraph(400, "(#10) This message is sent outside of allowed window.", "OAuthException", 10, 2018278);

  /** Requested field names at the top level (braces of nested fields kept together). */
  function pedidos(fields: string | undefined, validos: string[], tipo: string): void {
    let nivel = 0;
    let actual = "";
    const lista: string[] = [];
    for (const ch of fields ?? "id") {
      if (ch === "{") nivel++;
      if (ch === "}") nivel--;
      if (ch === "," && nivel === 0) {
        lista.push(actual);
        actual = "";
      } else actual += ch;
    }
    lista.push(actual);
    for (const campo of lista.map((c) => c.trim().replace(/\{.*$/, ""))) {
      if (!validos.includes(campo))
        throw errorGraph(
          400,
          `(#100) Tried accessing nonexisting field (${campo}) on node type (${tipo})`,
          "OAuthException",
          100,
        );
    }
  }

  const comentarioFb = (c: ComentarioGraph) => ({
    id: c.id,
    message: c.texto,
    from: { name: c.de.name, id: c.de.id },
    created_time: graphFecha(c.creado),
    ...(c.padre ? { parent: { id: c.padre } } : {}),
    permalink_url: `https://www.facebook.com/${c.objeto}?comment_id=${c.id}`,
  });
  const comentarioIg = (c: ComentarioGraph) => ({
    id: c.id,
    text: c.texto,
    timestamp: graphFecha(c.creado),
    from: { id: c.de.id, username: c.de.username },
    username: c.de.username,
  });

  /** The inbox routes; undefined when the request is not one of them. */
  function operarBandeja(s: SolicitudGraph, nodo: string, arista: string | undefined): unknown {
    const comentario = bandeja.comentarios.find((c) => c.id === nodo);
    const conversacion = bandeja.conversaciones.find((c) => c.id === nodo);
    const esPost = posts.some((p) => p.id === nodo);
    const esMedio = medios.some((m) => m.id === nodo);
    if (s.metodo === "GET" && arista === "comments" && (esPost || esMedio)) {
      autorizar(s, esPost ? tokenFacebook : tokenInstagram);
      if (esPost) {
        pedidos(s.consulta.fields, ["id", "message", "from", "created_time", "parent", "permalink_url"], "Comment");
        const todos = bandeja.comentarios.filter((c) => c.objeto === nodo && (s.consulta.filter === "stream" || !c.padre));
        const orden = s.consulta.order === "reverse_chronological" ? [...todos].reverse() : todos;
        return listar(url, s.ruta, s.consulta, orden.map(comentarioFb));
      }
      pedidos(s.consulta.fields, ["id", "text", "timestamp", "from", "username", "replies"], "IGComment");
      const raiz = bandeja.comentarios.filter((c) => c.objeto === nodo && !c.padre).reverse();
      const conRespuestas = (s.consulta.fields ?? "").includes("replies");
      const previos = medios.find((m) => m.id === nodo)!.comentarios.map((c) => ({ ...c }));
      return listar(url, s.ruta, s.consulta, [
        ...raiz.map((c) => ({
          ...comentarioIg(c),
          ...(conRespuestas ? { replies: { data: bandeja.comentarios.filter((r) => r.padre === c.id).map(comentarioIg) } } : {}),
        })),
        ...previos,
      ]);
    }
    if (comentario && (arista === "comments" || arista === "replies")) {
      const fb = comentario.red === "facebook";
      if ((arista === "comments") !== fb) throw noSoportado(s.metodo, nodo);
      autorizar(s, fb ? tokenFacebook : tokenInstagram);
      if (s.metodo === "GET") {
        const respuestas = bandeja.comentarios.filter((c) => c.padre === (comentario.padre ?? comentario.id)).reverse();
        return listar(
          url,
          s.ruta,
          s.consulta,
          respuestas.map((c): Record<string, unknown> => (fb ? comentarioFb(c) : comentarioIg(c))),
        );
      }
      if (s.metodo === "POST") {
        if (!s.campos.message) throw parametroFaltante("message");
        const cuenta = fb ? { id: paginaId, name: "Alcaldía de Cajicá" } : { id: cuentaId, username: "alcaldiacajica" };
        // Instagram: replies go to the top-level comment; Facebook nests one level too.
        return { id: bandeja.comentar(comentario.objeto, cuenta, s.campos.message, { padre: comentario.id }).id };
      }
    }
    if (conversacion && arista === "messages" && s.metodo === "GET") {
      autorizar(s, conversacion.plataforma === "messenger" ? tokenFacebook : tokenInstagram);
      pedidos(s.consulta.fields, ["id", "message", "from", "to", "created_time"], "Message");
      const items = [...conversacion.mensajes].reverse().map((m) => ({
        id: m.id,
        message: m.texto,
        from:
          conversacion.plataforma === "messenger" ? { name: m.de.name, id: m.de.id } : { username: m.de.username, id: m.de.id },
        created_time: graphFecha(m.creado),
      }));
      return listar(url, s.ruta, s.consulta, items);
    }
    if ((nodo === paginaId || nodo === cuentaId) && (arista === "conversations" || arista === "messages")) {
      const plataforma = nodo === paginaId ? "messenger" : "instagram";
      autorizar(s, plataforma === "messenger" ? tokenFacebook : tokenInstagram);
      if (arista === "conversations" && s.metodo === "GET") {
        if ((s.consulta.platform ?? "messenger") !== plataforma)
          throw errorGraph(
            400,
            "(#100) Param platform must be one of {MESSENGER, INSTAGRAM} for this node",
            "OAuthException",
            100,
          );
        const lista = bandeja.conversaciones
          .filter((c) => c.plataforma === plataforma)
          .map((c) => ({ c, ultimo: Math.max(...c.mensajes.map((m) => m.creado)) }))
          .sort((a, b) => b.ultimo - a.ultimo)
          .map(({ c, ultimo }) => ({ id: c.id, updated_time: graphFecha(ultimo) }));
        return listar(url, s.ruta, s.consulta, lista);
      }
      if (arista === "messages" && s.metodo === "POST") {
        const destinatario = JSON.parse(s.campos.recipient ?? "{}") as { id?: string; comment_id?: string };
        const texto = (JSON.parse(s.campos.message ?? "{}") as { text?: string }).text;
        if (!texto) throw parametroFaltante("message");
        const cuenta: PersonaGraph =
          plataforma === "messenger"
            ? { id: paginaId, name: "Alcaldía de Cajicá" }
            : { id: cuentaId, username: "alcaldiacajica" };
        if (destinatario.comment_id) {
          const c = bandeja.comentarios.find(
            (x) => x.id === destinatario.comment_id && x.red === (plataforma === "messenger" ? "facebook" : "instagram"),
          );
          if (!c) throw errorGraph(400, "(#100) No matching user found", "OAuthException", 100, 2018001);
          if (Date.now() - c.creado > 7 * DIA || c.respuestaPrivada) throw fueraDeVentana();
          c.respuestaPrivada = true;
          const conv = bandeja.escribir(plataforma, c.de, "", 0);
          conv.mensajes.pop();
          const id = `m_${nuevoId()}`;
          conv.mensajes.push({ id, de: cuenta, texto, creado: Date.now() });
          return { recipient_id: c.de.id, message_id: id };
        }
        const conv = bandeja.conversaciones.find((c) => c.plataforma === plataforma && c.persona.id === destinatario.id);
        if (!conv) throw errorGraph(400, "(#100) No matching user found", "OAuthException", 100, 2018001);
        const ultimo = Math.max(...conv.mensajes.filter((m) => m.de.id === conv.persona.id).map((m) => m.creado));
        const tipo = s.campos.messaging_type;
        const dentro =
          tipo === "RESPONSE"
            ? Date.now() - ultimo <= DIA
            : tipo === "MESSAGE_TAG" && s.campos.tag === "HUMAN_AGENT" && Date.now() - ultimo <= 7 * DIA;
        if (!dentro) throw fueraDeVentana();
        const id = `m_${nuevoId()}`;
        conv.mensajes.push({ id, de: cuenta, texto, creado: Date.now(), ...(s.campos.tag ? { etiqueta: s.campos.tag } : {}) });
        return { recipient_id: conv.persona.id, message_id: id };
      }
    }
    return undefined;
  }

  /** The real Graph operation for one request: returns the documented success body. */
  function operar(recibida: SolicitudGraph): unknown {
    // Multipart bodies carry CRLF line breaks (form encoding); Graph stores text with LF.
    const normalizados = Object.entries(recibida.campos).map(([k, v]) => [k, v.replace(/\r\n/g, "\n")]);
    const s: SolicitudGraph = { ...recibida, campos: Object.fromEntries(normalizados) as Record<string, string> };
    const partes = s.ruta.split("/").filter(Boolean);
    if (partes[0] !== VERSION) {
      throw errorGraph(400, `Unknown path components: ${s.ruta}`, "OAuthException", 2500);
    }
    const [nodo, arista, ...resto] = partes.slice(1);
    if (!nodo || resto.length) throw errorGraph(400, `Unknown path components: ${s.ruta}`, "OAuthException", 2500);
    const deBandeja = operarBandeja(s, nodo, arista);
    if (deBandeja !== undefined) return deBandeja;
    const post = posts.find((p) => p.id === nodo);
    const contenedor = contenedores.get(nodo);
    const medio = medios.find((m) => m.id === nodo);

    // Facebook Page.
    if (nodo === paginaId) {
      autorizar(s, tokenFacebook);
      if (s.metodo === "POST" && arista === "feed") {
        const message = s.campos.message;
        if (!message && !s.campos.link) throw parametroFaltante("message");
        if (s.campos.link !== undefined && !esUrl(s.campos.link)) {
          throw errorGraph(400, "(#100) The link parameter must be a valid URL", "OAuthException", 100);
        }
        if (posts.at(-1)?.message === message) throw errorGraph(400, "(#506) Duplicate status message", "OAuthException", 506);
        const creado = emulador.agregarPost(message ?? "");
        creado.link = s.campos.link;
        return { id: creado.id };
      }
      if (s.metodo === "POST" && arista === "photos") {
        const archivo = s.archivos.source;
        if (!archivo && !esUrl(s.campos.url)) {
          throw errorGraph(400, "(#324) Requires upload file", "OAuthException", 324);
        }
        if (archivo && !archivo.tipoBytes) throw errorGraph(400, "(#324) Missing or invalid image file", "OAuthException", 324);
        const message = s.campos.caption ?? s.campos.message ?? "";
        if (message && posts.at(-1)?.message === message) {
          throw errorGraph(400, "(#506) Duplicate status message", "OAuthException", 506);
        }
        const creado = emulador.agregarPost(message);
        const idFoto = nuevoId();
        creado.foto = archivo
          ? { id: idFoto, alt: s.campos.alt_text_custom, origen: "source", archivo }
          : { id: idFoto, alt: s.campos.alt_text_custom, origen: "url", url: s.campos.url };
        return { id: idFoto, post_id: creado.id };
      }
      if (s.metodo === "GET" && !arista) {
        return campos({ id: paginaId, name: "Alcaldía de Cajicá", ...cifras.get(paginaId)?.campos }, s.consulta.fields, "Page", [
          "id",
          "name",
          "followers_count",
          "fan_count",
        ]);
      }
      if (s.metodo === "GET" && arista === "insights") {
        return insights(paginaId, s, (n) => n.startsWith("page_"), ["day", "week", "days_28", "lifetime"]);
      }
      if (s.metodo === "GET" && arista === "posts") {
        const items = [...posts]
          .reverse()
          .map((p) => campos({ ...p }, s.consulta.fields, "Post", ["id", "message", "permalink_url", "created_time"]));
        return listar(url, s.ruta, s.consulta, items);
      }
      throw noSoportado(s.metodo, nodo);
    }

    // Facebook post.
    if (post) {
      autorizar(s, tokenFacebook);
      if (s.metodo === "GET" && !arista) {
        // Field expansions answer under the edge's name: reactions.summary(total_count).limit(0) → "reactions".
        const nodoPost: Record<string, unknown> = { ...post };
        for (const [campo, valor] of Object.entries(cifras.get(post.id)?.campos ?? {})) {
          nodoPost[campo === "shares" ? campo : `${campo}.summary(total_count).limit(0)`] = valor;
        }
        const leido = campos(nodoPost, s.consulta.fields, "Post", [
          "id",
          "message",
          "permalink_url",
          "created_time",
          "shares",
          "reactions.summary(total_count).limit(0)",
          "comments.summary(total_count).limit(0)",
        ]);
        return Object.fromEntries(Object.entries(leido).map(([campo, valor]) => [campo.split(".")[0]!, valor]));
      }
      if (s.metodo === "GET" && arista === "insights") {
        return insights(post.id, s, (n) => n.startsWith("post_"), ["lifetime"]);
      }
      if (s.metodo === "POST" && !arista) {
        if (s.campos.message === undefined) throw parametroFaltante("message");
        post.message = s.campos.message;
        return { success: true };
      }
      throw noSoportado(s.metodo, nodo);
    }

    // Instagram professional account.
    if (nodo === cuentaId) {
      autorizar(s, tokenInstagram);
      if (s.metodo === "POST" && arista === "media") {
        if (!s.campos.image_url) throw parametroFaltante("image_url");
        if (!esUrl(s.campos.image_url)) {
          throw errorGraph(400, "(#9004) Only photo or video can be accepted as media type.", "OAuthException", 9004, 2207052);
        }
        const id = `178${nuevoId()}`;
        const bytes = servidas.get(s.campos.image_url);
        const imagen = bytes ? tipoDeBytes(bytes) : undefined;
        contenedores.set(id, {
          id,
          image_url: s.campos.image_url,
          caption: s.campos.caption ?? "",
          alt_text: s.campos.alt_text,
          imagen,
          // The download happens after the container exists: only a JPEG can finish.
          estados: imagen === "image/jpeg" ? [...emulador.estadosContenedor] : ["ERROR"],
        });
        return { id };
      }
      if (s.metodo === "POST" && arista === "media_publish") {
        const creacion = s.campos.creation_id;
        if (!creacion) throw parametroFaltante("creation_id");
        const c = contenedores.get(creacion);
        if (!c) throw errorGraph(400, "(#100) Invalid parameter", "OAuthException", 100, 2207006);
        if (c.publicado) throw errorGraph(400, "(#100) The media has already been published", "OAuthException", 100);
        if (c.estados[0] !== "FINISHED") {
          throw errorGraph(
            400,
            "Media ID is not available: The media is not ready for publishing, please wait for a moment",
            "OAuthException",
            9007,
            2207027,
          );
        }
        const creado = emulador.agregarMedio(c.caption);
        creado.alt_text = c.alt_text;
        creado.image_url = c.image_url;
        c.publicado = creado.id;
        c.estados = ["PUBLISHED"];
        return { id: creado.id };
      }
      if (s.metodo === "GET" && !arista) {
        return campos(
          { id: cuentaId, username: "alcaldiacajica", ...cifras.get(cuentaId)?.campos },
          s.consulta.fields,
          "IGUser",
          ["id", "username", "followers_count", "media_count"],
        );
      }
      if (s.metodo === "GET" && arista === "insights") {
        if (s.consulta.metric_type !== "total_value") {
          throw errorGraph(400, "(#100) metric_type=total_value is required for these metrics", "OAuthException", 100);
        }
        return insights(cuentaId, s, (n) => METRICAS_IG_CUENTA.has(n), ["day"]);
      }
      if (s.metodo === "GET" && arista === "media") {
        const items = [...medios]
          .reverse()
          .map((m) => campos({ ...m }, s.consulta.fields, "IGMedia", ["id", "caption", "permalink", "timestamp"]));
        return listar(url, s.ruta, s.consulta, items);
      }
      throw noSoportado(s.metodo, nodo);
    }

    // Instagram media container.
    if (contenedor) {
      autorizar(s, tokenInstagram);
      if (s.metodo !== "GET" || arista) throw noSoportado(s.metodo, nodo);
      const estado = contenedor.estados.length > 1 ? contenedor.estados.shift()! : contenedor.estados[0]!;
      const detalle =
        estado === "ERROR" ? "Error: Media download has failed. The media URI doesn't meet our requirements." : `${estado}`;
      return campos({ id: contenedor.id, status_code: estado, status: detalle }, s.consulta.fields, "IGContainer", [
        "id",
        "status_code",
        "status",
      ]);
    }

    // Instagram media.
    if (medio) {
      autorizar(s, tokenInstagram);
      if (s.metodo === "GET" && !arista) {
        return campos({ ...medio }, s.consulta.fields, "IGMedia", ["id", "caption", "permalink", "timestamp"]);
      }
      if (s.metodo === "POST" && arista === "comments") {
        if (!s.campos.message) throw parametroFaltante("message");
        const comentario = { id: `180${nuevoId()}`, text: s.campos.message, timestamp: marca() };
        medio.comentarios.push(comentario);
        return { id: comentario.id };
      }
      if (s.metodo === "GET" && arista === "insights") {
        return insights(medio.id, s, (n) => METRICAS_IG_MEDIO.has(n), ["lifetime"]);
      }
      if (s.metodo === "GET" && arista === "comments") {
        const items = [...medio.comentarios]
          .reverse()
          .map((c) => campos({ ...c }, s.consulta.fields, "IGComment", ["id", "text", "timestamp"]));
        return listar(url, s.ruta, s.consulta, items);
      }
      throw noSoportado(s.metodo, nodo);
    }

    throw noSoportado(s.metodo, nodo);
  }

  function responder(res: ServerResponse, status: number, cuerpo: unknown, encabezados: Record<string, string> = {}): void {
    res.writeHead(status, { "content-type": "application/json; charset=UTF-8", ...encabezados });
    res.end(JSON.stringify(cuerpo));
  }

  async function atender(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const direccion = new URL(req.url ?? "/", url);
    const autorizacion = req.headers.authorization;
    const solicitud: SolicitudGraph = {
      metodo: req.method ?? "GET",
      ruta: direccion.pathname,
      consulta: Object.fromEntries(direccion.searchParams),
      campos: {},
      archivos: {},
      ...(autorizacion === undefined ? {} : { autorizacion }),
    };
    solicitudes.push(solicitud);
    try {
      if (solicitud.metodo === "POST") Object.assign(solicitud, await leerCuerpo(req));
      else for await (const _ of req) void _;
      const fallo = fallos.find(
        (f) =>
          f.restantes > 0 &&
          (f.metodo === undefined || f.metodo === solicitud.metodo) &&
          (f.ruta === undefined || (typeof f.ruta === "string" ? f.ruta === solicitud.ruta : f.ruta.test(solicitud.ruta))),
      );
      if (fallo) fallo.restantes--;
      if (fallo?.demoraMs) await new Promise((r) => setTimeout(r, fallo.demoraMs));
      if ("access_token" in solicitud.consulta || "access_token" in solicitud.campos) {
        throw errorGraph(400, "emulador: el token viajó en la URL o el cuerpo; debe ir en Authorization", "OAuthException", 100);
      }
      const respuesta = !fallo || fallo.despues ? operar(solicitud) : undefined;
      if (fallo?.cortar) {
        req.socket.destroy();
        return;
      }
      if (fallo && fallo.status !== undefined) {
        responder(res, fallo.status, fallo.cuerpo ?? {}, fallo.encabezados);
        return;
      }
      responder(res, 200, respuesta ?? operar(solicitud));
    } catch (error) {
      if (error instanceof ErrorHttp) responder(res, error.status, error.cuerpo);
      else responder(res, 500, { error: { message: String(error), type: "EmuladorException", code: 1 } });
    }
  }

  const servidor = createServer((req, res) => void atender(req, res));
  await new Promise<void>((resolve) => servidor.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(servidor.address() as AddressInfo).port}`;
  emulador.url = url;
  return emulador;
}
