import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { AtpAgent, AtUri, RichText, XRPCError, type AppBskyFeedPost, type BlobRef } from "@atproto/api";
import { ocultarSecretos } from "../cli/secretos.ts";
import { VARIABLE_URL } from "./index.ts";
import {
  ErrorRed,
  type AdaptadorRed,
  type ContextoAdaptador,
  type Correccion,
  type FabricaAdaptador,
  type PostRemoto,
  type Publicacion,
  type Reconciliacion,
} from "./tipos.ts";

/**
 * Bluesky adapter (AT Protocol through `@atproto/api`).
 *
 * Publish: log in with an app password, upload the social image as a blob, and create an
 * `app.bsky.feed.post` record with com.atproto.repo.createRecord under a record key (rkey) fixed in
 * advance from the idempotency key. A second create with that rkey is refused by the PDS (it
 * answers 500, "Internal Server Error", for an existing record), so after any failed create we read
 * the record: if it is there, the post was made. Reconcile is that read alone
 * (com.atproto.repo.getRecord). Corrections: Bluesky posts cannot be edited, so the errata is a
 * reply to the original with its own fixed rkey (from the correction's key): posted once.
 *
 * Embed and alt text: the issue asks for an external link card whose thumb is the social image
 * *and* image alt text. The lexicon cannot carry both in one post: `app.bsky.embed.external`
 * has {uri, title, description, thumb} and no alt field; only `app.bsky.embed.images` (and
 * `gallery`) items carry `alt`, and a post has a single embed (`recordWithMedia` needs a quoted
 * record). Default ("tarjeta"): the link card, which is what brings readers to the note; clients
 * present its thumb as part of a card whose accessible text is the title and description, and the
 * social image itself only renders the note's title. Editors who prefer the image with its alt
 * text set `redes.bluesky.opciones.incrustacion: imagen`: an `app.bsky.embed.images` embed with
 * `alt` and aspect ratio; the link then lives in the text's link facet.
 */

/** Environment variables with the account (handle or DID) and its app password. */
export const VARIABLE_IDENTIFICADOR = "BLUESKY_IDENTIFICADOR";
export const VARIABLE_CLAVE = "BLUESKY_CLAVE";
/** Environment variable that overrides `redes.bluesky.opciones.servicio` (PDS or entryway URL). */
const VARIABLE_SERVICIO = VARIABLE_URL.bluesky;

const NOMBRE = "Bluesky";
const COLECCION = "app.bsky.feed.post";
const SERVICIO_PREDETERMINADO = "https://bsky.social";
const WEB = "https://bsky.app";
/** Blob limit of both `app.bsky.embed.external#external.thumb` and `app.bsky.embed.images#image.image`. */
export const MAXIMO_IMAGEN = 1_000_000;

const ALFABETO = "234567abcdefghijklmnopqrstuvwxyz";
/** 2023-01-01T00:00:00Z in microseconds: every derived TID falls in 2023-2024, always in the past. */
const BASE_TID = 1_672_531_200_000_000n;

/**
 * The fixed record key of a publication: a TID (13 base32-sortable characters: a 53-bit
 * microsecond timestamp and a 10-bit clock id) computed from a SHA-256 of the idempotency key, so
 * the same (note, network, version) always gets the same rkey. The timestamp part is kept inside
 * 2023-01-01 + 2^45 µs (about 407 days), never in the future, so no relay or AppView sees a
 * record "from the future"; 55 bits of the hash keep collisions out of reach.
 */
export function rkeyDe(clave: string): string {
  const hash = createHash("sha256").update(clave, "utf8").digest();
  const n = hash.readBigUInt64BE(0);
  const reloj = n & 0x3ffn;
  const microsegundos = BASE_TID + ((n >> 10n) & ((1n << 45n) - 1n));
  let valor = (microsegundos << 10n) | reloj;
  let tid = "";
  for (let i = 0; i < 13; i++) {
    tid = ALFABETO[Number(valor & 31n)]! + tid;
    valor >>= 5n;
  }
  return tid;
}

/** Link and hashtag facets with UTF-8 byte offsets. Mentions are dropped: resolving handles needs the network. */
export function facetasDe(texto: string): AppBskyFeedPost.Record["facets"] {
  const rt = new RichText({ text: texto });
  rt.detectFacetsWithoutResolution();
  const facetas = (rt.facets ?? [])
    .map((f) => ({ ...f, features: f.features.filter((x) => x.$type !== "app.bsky.richtext.facet#mention") }))
    .filter((f) => f.features.length > 0);
  return facetas.length > 0 ? facetas : undefined;
}

/** Milliseconds to wait from Retry-After (seconds) or RateLimit-Reset (Unix seconds). */
export function esperaDesdeCabeceras(
  cabeceras: Record<string, string | undefined> | undefined,
  ahora = Date.now(),
): number | undefined {
  if (!cabeceras) return undefined;
  const valor = (nombre: string) => Object.entries(cabeceras).find(([k]) => k.toLowerCase() === nombre)?.[1];
  const retry = valor("retry-after");
  if (retry !== undefined) {
    const segundos = Number(retry);
    if (Number.isFinite(segundos)) return Math.max(0, Math.round(segundos * 1000));
    const fecha = Date.parse(retry);
    if (!Number.isNaN(fecha)) return Math.max(0, fecha - ahora);
  }
  const reinicio = Number(valor("ratelimit-reset"));
  if (Number.isFinite(reinicio) && reinicio > 0) return Math.max(0, reinicio * 1000 - ahora);
  return undefined;
}

/** Turns whatever the agent threw into an ErrorRed with a Spanish message and no secret. */
export function traducirError(error: unknown, accion: string, env: NodeJS.ProcessEnv): ErrorRed {
  if (error instanceof ErrorRed) return error;
  const limpio = (texto: string) => ocultarSecretos(texto, env);
  if (error instanceof XRPCError) {
    const estado = error.status as number;
    const plataforma = error.message ? `: «${error.message}»` : "";
    if (estado < 100) {
      const causa = error.cause instanceof Error ? error.cause : undefined;
      const tiempo = causa?.name === "TimeoutError" || causa?.name === "AbortError";
      const detalle = tiempo ? "no respondió a tiempo" : describirCausa(error);
      return new ErrorRed(limpio(`No se pudo ${accion} en ${NOMBRE}: ${detalle}. Se reintentará.`), "transitorio", {
        codigo: tiempo ? "timeout" : "red",
      });
    }
    const codigo = `HTTP ${estado} ${error.error}`;
    const esperarMs = esperaDesdeCabeceras(error.headers);
    if (estado === 429) {
      const cuando = esperarMs === undefined ? "" : ` Pide esperar ${Math.ceil(esperarMs / 1000)} s.`;
      return new ErrorRed(
        limpio(`${NOMBRE} limitó las solicitudes al ${accion} (${codigo})${plataforma}.${cuando}`),
        "transitorio",
        {
          codigo: estado,
          esperarMs,
        },
      );
    }
    if (estado >= 500 || estado === 408) {
      // Only a 503's Retry-After says the request was not processed; other 5xx may have been.
      return new ErrorRed(limpio(`${NOMBRE} falló al ${accion} (${codigo})${plataforma}. Se reintentará.`), "transitorio", {
        codigo: estado,
        ...(estado === 503 ? { esperarMs } : {}),
      });
    }
    const arreglo =
      estado === 401 || estado === 403
        ? ` Revise ${VARIABLE_IDENTIFICADOR} y ${VARIABLE_CLAVE} (use una contraseña de aplicación creada en Configuración > Privacidad y seguridad > Contraseñas de aplicación).`
        : "";
    return new ErrorRed(limpio(`${NOMBRE} rechazó ${accion} (${codigo})${plataforma}.${arreglo}`), "permanente", {
      codigo: estado,
    });
  }
  const mensaje = error instanceof Error ? describirCausa(error) : String(error);
  return new ErrorRed(limpio(`No se pudo ${accion} en ${NOMBRE}: ${mensaje}. Se reintentará.`), "transitorio", { codigo: "red" });
}

/** "fetch failed (ECONNREFUSED)"-style description of a low-level error. */
function describirCausa(error: Error): string {
  let causa: unknown = error.cause;
  while (causa instanceof Error && causa.cause) causa = causa.cause;
  const codigo =
    causa && typeof causa === "object" && "code" in causa && typeof causa.code === "string" ? ` (${causa.code})` : "";
  return `${error.message}${codigo}`;
}

/** Width and height of a PNG from its IHDR chunk (the social image is a 1200x630 PNG). */
function dimensionesPng(datos: Uint8Array): { width: number; height: number } | undefined {
  const firma = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (datos.length < 24 || firma.some((b, i) => datos[i] !== b)) return undefined;
  const vista = new DataView(datos.buffer, datos.byteOffset, datos.byteLength);
  return { width: vista.getUint32(16), height: vista.getUint32(20) };
}

function tipoImagen(ruta: string): string {
  if (/\.jpe?g$/i.test(ruta)) return "image/jpeg";
  if (/\.webp$/i.test(ruta)) return "image/webp";
  return "image/png";
}

function esRegistroAusente(error: unknown): boolean {
  return error instanceof XRPCError && error.error === "RecordNotFound";
}

export function crearAdaptadorBluesky(ctx: ContextoAdaptador): AdaptadorRed | undefined {
  const env = ctx.env;
  const opciones = ctx.institucion.redes.bluesky?.opciones ?? {};
  const identificador =
    env[VARIABLE_IDENTIFICADOR] ?? (typeof opciones.identificador === "string" ? opciones.identificador : undefined);
  const clave = env[VARIABLE_CLAVE];
  if (!identificador || !clave) return undefined;
  const servicio =
    ctx.baseUrl ??
    env[VARIABLE_SERVICIO] ??
    (typeof opciones.servicio === "string" ? opciones.servicio : SERVICIO_PREDETERMINADO);
  const incrustacion = opciones.incrustacion === "imagen" ? "imagen" : "tarjeta";
  let problemaConfig: string | undefined;
  if (!URL.canParse(servicio) || !/^https?:$/.test(new URL(servicio).protocol)) {
    problemaConfig = `El servicio de ${NOMBRE} «${servicio}» no es una URL válida: use la forma https://bsky.social en redes.bluesky.opciones.servicio o en ${VARIABLE_SERVICIO}.`;
  }

  const base = ctx.fetch ?? globalThis.fetch;
  const limite = ctx.timeoutMs ?? 30_000;
  const conTiempo: typeof fetch = (entrada, init) => {
    const tiempo = AbortSignal.timeout(limite);
    return base(entrada, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, tiempo]) : tiempo });
  };

  let agente: Promise<AtpAgent> | undefined;
  /** Logs in once per adapter; a failed login is forgotten so the next call tries again. */
  function sesion(): Promise<AtpAgent> {
    if (problemaConfig) return Promise.reject(new ErrorRed(ocultarSecretos(problemaConfig, env), "permanente"));
    agente ??= (async () => {
      const a = new AtpAgent({ service: servicio, fetch: conTiempo });
      try {
        await a.login({ identifier: identificador!, password: clave! });
      } catch (error) {
        throw traducirError(error, `iniciar sesión como ${identificador}`, env);
      }
      return a;
    })();
    agente.catch(() => {
      agente = undefined;
    });
    return agente;
  }

  async function paso<T>(accion: string, hacer: () => Promise<T>): Promise<T> {
    try {
      return await hacer();
    } catch (error) {
      throw traducirError(error, accion, env);
    }
  }

  function datosSesion(a: AtpAgent): { did: string; handle: string } {
    const s = a.session;
    if (!s) throw new ErrorRed(`${NOMBRE} no devolvió una sesión. Se reintentará.`, "transitorio");
    return { did: s.did, handle: s.handle };
  }

  function postDe(uri: string, handle: string): PostRemoto {
    const at = new AtUri(uri);
    const perfil = handle && handle !== "handle.invalid" ? handle : at.host;
    return { idRemoto: uri, url: `${WEB}/profile/${perfil}/post/${at.rkey}` };
  }

  /** Reads one of our posts; undefined when it does not exist. */
  async function leer(a: AtpAgent, repo: string, rkey: string) {
    try {
      const r = await a.com.atproto.repo.getRecord({ repo, collection: COLECCION, rkey });
      return r.data;
    } catch (error) {
      if (esRegistroAusente(error)) return undefined;
      throw traducirError(error, "leer la publicación", env);
    }
  }

  /**
   * createRecord with a fixed rkey. When it fails, the record may exist anyway (created by an
   * earlier attempt whose answer was lost: the PDS then refuses the duplicate), so it is read.
   */
  async function crear(a: AtpAgent, rkey: string, registro: AppBskyFeedPost.Record, accion: string): Promise<PostRemoto> {
    const { did, handle } = datosSesion(a);
    try {
      const r = await a.com.atproto.repo.createRecord({ repo: did, collection: COLECCION, rkey, record: { ...registro } });
      return postDe(r.data.uri, handle);
    } catch (error) {
      const traducido = traducirError(error, accion, env);
      const existente = await leer(a, did, rkey).catch(() => undefined);
      if (existente) return postDe(existente.uri, handle);
      throw traducido;
    }
  }

  /** Uploads the social image; undefined when it is over the lexicon's size limit. */
  async function subirImagen(a: AtpAgent, imagen: NonNullable<Publicacion["imagen"]>) {
    let datos: Uint8Array;
    try {
      datos = new Uint8Array(await readFile(imagen.ruta));
    } catch (error) {
      const motivo = error instanceof Error ? error.message : String(error);
      throw new ErrorRed(
        `No se pudo leer la imagen social ${imagen.ruta} para ${NOMBRE}: ${motivo}. Genere el sitio (npm run build) antes de publicar.`,
        "permanente",
      );
    }
    if (datos.byteLength > MAXIMO_IMAGEN) {
      if (incrustacion === "imagen") {
        throw new ErrorRed(
          `La imagen social ${imagen.ruta} pesa ${Math.round(datos.byteLength / 1000)} kB y ${NOMBRE} admite hasta ${MAXIMO_IMAGEN / 1000} kB: redúzcala.`,
          "permanente",
        );
      }
      // A card without thumb is better than no post at all.
      return undefined;
    }
    const r = await paso("subir la imagen", () => a.uploadBlob(datos, { encoding: tipoImagen(imagen.ruta) }));
    return { blob: r.data.blob, dimensiones: dimensionesPng(datos) };
  }

  function incrustado(p: Publicacion, imagen: { blob: BlobRef; dimensiones?: { width: number; height: number } } | undefined) {
    if (incrustacion === "imagen" && imagen && p.imagen) {
      return {
        $type: "app.bsky.embed.images" as const,
        images: [
          {
            image: imagen.blob,
            alt: p.imagen.alt,
            ...(imagen.dimensiones ? { aspectRatio: imagen.dimensiones } : {}),
          },
        ],
      };
    }
    return {
      $type: "app.bsky.embed.external" as const,
      external: { uri: p.enlace, title: p.titulo, description: p.resumen, ...(imagen ? { thumb: imagen.blob } : {}) },
    };
  }

  return {
    red: "bluesky",
    edita: false,

    async publicar(p: Publicacion): Promise<PostRemoto> {
      const a = await sesion();
      const imagen = p.imagen ? await subirImagen(a, p.imagen) : undefined;
      const registro: AppBskyFeedPost.Record = {
        $type: COLECCION,
        text: p.texto,
        facets: facetasDe(p.texto),
        langs: ["es"],
        embed: incrustado(p, imagen),
        createdAt: new Date().toISOString(),
      };
      return crear(a, rkeyDe(p.clave), registro, "publicar");
    },

    async reconciliar(p: Publicacion): Promise<Reconciliacion> {
      const a = await sesion();
      const { did, handle } = datosSesion(a);
      const existente = await leer(a, did, rkeyDe(p.clave));
      return existente ? { estado: "publicado", post: postDe(existente.uri, handle) } : { estado: "no-publicado" };
    },

    async corregir(c: Correccion): Promise<PostRemoto> {
      const a = await sesion();
      const original = new AtUri(c.original.idRemoto);
      const leido = await leer(a, original.host, original.rkey);
      if (!leido?.cid) {
        throw new ErrorRed(
          `La publicación original ${c.original.url} ya no existe en ${NOMBRE}: no se puede responder con la fe de erratas.`,
          "permanente",
          { codigo: "RecordNotFound" },
        );
      }
      const padre = { uri: leido.uri, cid: leido.cid };
      // If the original was itself a reply, the thread root stays the thread's root.
      const valor = leido.value as Partial<AppBskyFeedPost.Record>;
      const raiz = valor.reply?.root ?? padre;
      const registro: AppBskyFeedPost.Record = {
        $type: COLECCION,
        text: c.errata,
        facets: facetasDe(c.errata),
        langs: ["es"],
        reply: { root: { uri: raiz.uri, cid: raiz.cid }, parent: padre },
        createdAt: new Date().toISOString(),
      };
      return crear(a, rkeyDe(c.publicacion.clave), registro, "responder con la fe de erratas");
    },

    async reconciliarCorreccion(c: Correccion): Promise<Reconciliacion> {
      const a = await sesion();
      const { did, handle } = datosSesion(a);
      const existente = await leer(a, did, rkeyDe(c.publicacion.clave));
      return existente ? { estado: "publicado", post: postDe(existente.uri, handle) } : { estado: "no-publicado" };
    },
  };
}

/** Bluesky adapter, or undefined (simulated) without BLUESKY_CLAVE and an identifier. */
export const crearAdaptador: FabricaAdaptador = (ctx) => crearAdaptadorBluesky(ctx);
