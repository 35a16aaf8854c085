import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  AtpAgent,
  AtUri,
  RichText,
  XRPCError,
  type AppBskyFeedPost,
  type AtpSessionData,
  type AtpSessionEvent,
  type BlobRef,
} from "@atproto/api";
import { dimensiones } from "../images/formato.ts";
import { contador, errorConexion, errorHttp, errorRed, fetchContado, leerImagen, limpiar, type Plataforma } from "./http.ts";
import { REGISTRO } from "./index.ts";
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
 *
 * Session: the entryway allows about 30 com.atproto.server.createSession per 5 minutes and 100 a
 * day per account (https://docs.bsky.app/docs/advanced-guides/rate-limits; the entryway's daily
 * figure, bluesky-social/bsky-docs#183), and the schedule runs far more often. So the session
 * (access and refresh JWTs) is kept between runs in `<cache>/bluesky/sesion.json` (the runner's
 * cache folder, git-ignored, written 0600, never printed) and resumed with
 * com.atproto.server.refreshSession; the adapter logs in only when there is no saved session or
 * the PDS says it is no longer valid.
 */

const { nombre: NOMBRE, credenciales, variableUrl: VARIABLE_SERVICIO } = REGISTRO.bluesky;
/** Environment variables with the account (handle or DID) and its app password. */
const [VARIABLE_IDENTIFICADOR, VARIABLE_CLAVE] = credenciales as readonly [string, string];
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

/** Fixes for Bluesky's auth failures. */
const ARREGLOS: Partial<Record<number, string>> = {
  401: `Revise ${VARIABLE_IDENTIFICADOR} y ${VARIABLE_CLAVE} (use una contraseña de aplicación creada en Configuración > Privacidad y seguridad > Contraseñas de aplicación).`,
};
ARREGLOS[403] = ARREGLOS[401];

/** Turns whatever the agent threw into an ErrorRed with a Spanish message and no secret. */
export function traducirError(error: unknown, accion: string, env: NodeJS.ProcessEnv): ErrorRed {
  const plataforma: Plataforma = { nombre: NOMBRE, env };
  if (error instanceof ErrorRed) return limpiar(plataforma, error);
  // An XRPCError below 100 is @atproto/xrpc's wrapper of a transport failure (its cause is fetch's).
  if (error instanceof XRPCError && (error.status as number) >= 100) {
    const estado = error.status as number;
    return errorHttp(
      plataforma,
      { estado, detalle: error.message, etiqueta: `HTTP ${estado} ${error.error}`, cabeceras: error.headers, arreglos: ARREGLOS },
      accion,
    );
  }
  return errorConexion(plataforma, error, accion);
}

/** The saved session of one account on one service. */
interface SesionGuardada {
  servicio: string;
  identificador: string;
  sesion: AtpSessionData;
}

/** Reads the saved session, if it is for this account and service; anything unreadable counts as none. */
function leerSesion(archivo: string, servicio: string, identificador: string): AtpSessionData | undefined {
  try {
    const datos = JSON.parse(readFileSync(archivo, "utf8")) as Partial<SesionGuardada>;
    const s = datos.sesion;
    if (datos.servicio !== servicio || datos.identificador !== identificador) return undefined;
    if (!s || typeof s.accessJwt !== "string" || typeof s.refreshJwt !== "string" || typeof s.did !== "string") return undefined;
    return s;
  } catch {
    return undefined;
  }
}

/** Writes (temp file, then rename; owner-only) or removes the saved session. */
function guardarSesion(archivo: string, datos: SesionGuardada | undefined): void {
  try {
    if (!datos) {
      rmSync(archivo, { force: true });
      return;
    }
    mkdirSync(path.dirname(archivo), { recursive: true, mode: 0o700 });
    const temporal = `${archivo}.${process.pid}.tmp`;
    writeFileSync(temporal, JSON.stringify(datos), { mode: 0o600 });
    renameSync(temporal, archivo);
  } catch {
    // Not being able to keep the session only costs a login on the next run.
  }
}

function esRegistroAusente(error: unknown): boolean {
  return error instanceof XRPCError && error.error === "RecordNotFound";
}

export function crearAdaptadorBluesky(ctx: ContextoAdaptador): AdaptadorRed | undefined {
  const env = ctx.env;
  const plataforma: Plataforma = { nombre: NOMBRE, env };
  const opciones = ctx.institucion.redes.bluesky?.opciones ?? {};
  const cuentaDada = env[VARIABLE_IDENTIFICADOR] || opciones.identificador;
  const claveDada = env[VARIABLE_CLAVE];
  if (!cuentaDada || !claveDada) return undefined;
  const identificador: string = cuentaDada;
  const clave: string = claveDada;
  const servicio = ctx.baseUrl ?? (env[VARIABLE_SERVICIO] || opciones.servicio || SERVICIO_PREDETERMINADO);
  const incrustacion = opciones.incrustacion === "imagen" ? "imagen" : "tarjeta";
  const archivoSesion = ctx.cache ? path.join(ctx.cache, "bluesky", "sesion.json") : undefined;
  let problemaConfig: string | undefined;
  if (!URL.canParse(servicio) || !/^https?:$/.test(new URL(servicio).protocol)) {
    problemaConfig = `El servicio de ${NOMBRE} «${servicio}» no es una URL válida: use la forma https://bsky.social en redes.bluesky.opciones.servicio o en ${VARIABLE_SERVICIO}.`;
  }

  const cuenta = contador();
  const conTiempo = fetchContado(ctx.fetch ?? globalThis.fetch, cuenta, ctx.timeoutMs ?? 30_000);

  /** Keeps the session file in step with the agent: saved on create and refresh, removed when invalid. */
  const persistir = (evento: AtpSessionEvent, sesion: AtpSessionData | undefined): void => {
    if (!archivoSesion) return;
    if (evento === "create" || evento === "update") {
      if (sesion) guardarSesion(archivoSesion, { servicio, identificador, sesion });
    } else if (evento === "expired" || evento === "create-failed") guardarSesion(archivoSesion, undefined);
  };

  let agente: Promise<AtpAgent> | undefined;
  /**
   * One session per adapter: the saved one refreshed (refreshSession), or a login when there is
   * none or the PDS rejects it. A failed attempt is forgotten so the next call tries again.
   */
  function sesion(): Promise<AtpAgent> {
    if (problemaConfig) return Promise.reject(errorRed(plataforma, problemaConfig, "permanente"));
    agente ??= (async () => {
      const a = new AtpAgent({ service: servicio, fetch: conTiempo, persistSession: persistir });
      const guardada = archivoSesion ? leerSesion(archivoSesion, servicio, identificador) : undefined;
      if (guardada) {
        try {
          await a.resumeSession(guardada);
          return a;
        } catch (error) {
          // Only a session the PDS no longer accepts leads to a login; a network failure is just that.
          const invalida =
            error instanceof XRPCError &&
            ((error.status as number) === 400 || (error.status as number) === 401 || error.error === "InvalidDID");
          if (!invalida) throw traducirError(error, "reanudar la sesión", env);
        }
      }
      try {
        await a.login({ identifier: identificador, password: clave });
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
    if (!s) throw errorRed(plataforma, `${NOMBRE} no devolvió una sesión. Se reintentará.`, "transitorio");
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
    const { datos, tipo } = await leerImagen(plataforma, imagen.ruta);
    if (datos.byteLength > MAXIMO_IMAGEN) {
      if (incrustacion === "imagen") {
        throw errorRed(
          plataforma,
          `La imagen social ${imagen.ruta} pesa ${Math.round(datos.byteLength / 1000)} kB y ${NOMBRE} admite hasta ${MAXIMO_IMAGEN / 1000} kB: redúzcala.`,
          "permanente",
        );
      }
      // A card without thumb is better than no post at all.
      return undefined;
    }
    const r = await paso("subir la imagen", () => a.uploadBlob(datos, { encoding: tipo }));
    const d = dimensiones(datos);
    return { blob: r.data.blob, dimensiones: d ? { width: d.ancho, height: d.alto } : undefined };
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
    edita: REGISTRO.bluesky.capacidades.edita,
    solicitudes: cuenta.total,

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
        throw errorRed(
          plataforma,
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
