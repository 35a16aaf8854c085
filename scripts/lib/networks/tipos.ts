import type { Red } from "../content/schema/redes.ts";
import type { Institucion } from "../content/schema/institucion.ts";

/**
 * The contract between the publisher (scheduling, record, retries) and one network adapter
 * (one platform's HTTP contract, nothing else). One file per network implements it.
 */

/** What goes out for one (note, network, version). Built by the publisher from the copy module. */
export interface Publicacion {
  /** Note id, e.g. "2026/11/festival-del-campesino". */
  notaId: string;
  /** Version of the note being sent: "original" or the correction index "correccion-1", ... */
  version: string;
  /** Final text for this network (already fitted to its limits by scripts/lib/copy). */
  texto: string;
  /** Absolute public URL of the note. */
  enlace: string;
  titulo: string;
  resumen: string;
  /** The note's social image (1200x630 PNG): public URL (Instagram needs it) and local file. */
  imagen?: { url: string; ruta: string; alt: string };
  /**
   * Idempotency key derived from (note id, network, version): stable across runs. Mastodon sends
   * it as Idempotency-Key; Bluesky derives its fixed rkey from it; others may embed nothing.
   */
  clave: string;
  /**
   * Reconciliation only: the earliest instant the post can have been made (when the entry went
   * `enviando`). Networks that charge per read (X) search only from there.
   */
  desde?: Date;
}

/** A post that exists on the network. */
export interface PostRemoto {
  idRemoto: string;
  /** Public URL of the post. */
  url: string;
}

/** A correction to send for a published post. */
export interface Correccion {
  /** The post as first published. */
  original: PostRemoto;
  /** The corrected publication (new text; same link and image). */
  publicacion: Publicacion;
  /** "Fe de erratas: <descripción> <enlace>", for networks that reply instead of editing. */
  errata: string;
}

/** Outcome of reconciling an entry left in `enviando` by a run that died. */
export type Reconciliacion =
  { estado: "publicado"; post: PostRemoto } | { estado: "no-publicado" } | { estado: "desconocido"; motivo: string };

export interface AdaptadorRed {
  red: Red;
  /** true: corrections edit the post (Facebook, Mastodon, Telegram); false: they reply once (X, Bluesky, Instagram). */
  edita: boolean;
  /** Creates the post. Throws ErrorRed on failure. */
  publicar(p: Publicacion): Promise<PostRemoto>;
  /**
   * Decides whether a publication whose outcome was lost was actually made: Mastodon resends with
   * the same Idempotency-Key; Bluesky creates with the fixed rkey and reads the existing record;
   * Facebook, Instagram, X and Telegram look for the note URL among the account's recent posts.
   */
  reconciliar(p: Publicacion): Promise<Reconciliacion>;
  /** Applies a correction: edits the post, or replies once with the errata. Returns the edited post or the reply. */
  corregir(c: Correccion): Promise<PostRemoto>;
  /** For a correction whose outcome was lost: was the reply/edit made? (edits can simply be repeated). */
  reconciliarCorreccion(c: Correccion): Promise<Reconciliacion>;
  /** HTTP requests this adapter has made so far (the run summary shows them; X charges per request). */
  solicitudes: () => number;
}

/** Transient errors are retried inside the run; permanent ones become `fallido`. */
export type TipoError = "transitorio" | "permanente";

/** What an ErrorRed may carry besides its message and kind. */
export interface DetallesErrorRed {
  /** Milliseconds the platform asked to wait (Retry-After, x-rate-limit-reset, retry_after...). */
  esperarMs?: number;
  /** Platform error code (Graph code, HTTP status, Telegram error_code...). */
  codigo?: string | number;
  /**
   * true only when the platform certainly did not act on the request: it refused it for a rate
   * limit, or the connection never reached the server (refused, DNS, TLS before sending). Then
   * the publisher sends again without reconciling. Anything else may have been processed.
   */
  noProcesado?: boolean;
}

/** A network failure, with the platform's message in Spanish context and never a secret in it. */
export class ErrorRed extends Error {
  readonly tipo: TipoError;
  /** Milliseconds the platform asked to wait (Retry-After, x-rate-limit-reset, retry_after). */
  readonly esperarMs?: number;
  /** Platform error code (Graph code, HTTP status, Telegram error_code...). */
  readonly codigo?: string | number;
  /** The platform certainly did not act on the request (see DetallesErrorRed.noProcesado). */
  readonly noProcesado: boolean;
  constructor(mensaje: string, tipo: TipoError, opciones: DetallesErrorRed = {}) {
    super(mensaje);
    this.name = "ErrorRed";
    this.tipo = tipo;
    this.esperarMs = opciones.esperarMs;
    this.codigo = opciones.codigo;
    this.noProcesado = opciones.noProcesado === true;
  }
}

/** What an adapter factory receives. */
export interface ContextoAdaptador {
  institucion: Institucion;
  /** Environment with the credentials (only read, never printed). */
  env: NodeJS.ProcessEnv;
  /** Base URL of the platform's API; tests point it at a local emulator. */
  baseUrl?: string;
  /** fetch to use (defaults to global fetch). */
  fetch?: typeof fetch;
  /** Per-request timeout in ms (default 30 s). */
  timeoutMs?: number;
  /**
   * Folder for what an adapter keeps between runs (Bluesky's session): the runner's cache
   * (`.cache/`, git-ignored), never a tracked file. Without it nothing is kept.
   */
  cache?: string;
}

/** An adapter factory returns undefined when the network has no credentials (it is then simulated). */
export type FabricaAdaptador = (ctx: ContextoAdaptador) => AdaptadorRed | undefined;
