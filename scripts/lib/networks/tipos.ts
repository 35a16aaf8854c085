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

// ---------------------------------------------------------------------------------------------
// Inbox (procedure step 4, «Responder inquietudes»). What citizens write to the entity. Every
// field below except ids and instants is PERSONAL DATA (Ley 1581 de 2012): it goes only to the
// private inbox store (scripts/lib/inbox/), never to the public repository, its logs or artefacts.
// ---------------------------------------------------------------------------------------------

/** Where on the network a message was written. */
export type CanalMensaje =
  /** A comment or reply under one of the entity's posts. */
  | "comentario"
  /** A public mention of the account outside its posts (X, Mastodon, Bluesky mentions and quotes). */
  | "mencion"
  /** A private message (Messenger, Instagram Direct, X DM, Telegram bot chat, Mastodon direct, Bluesky chat). */
  | "privado";

/** One message read from a network's inbox. */
export interface MensajeEntrante {
  red: Red;
  /** The network's own id of the message: the inbox files each external id exactly once. */
  idExterno: string;
  /**
   * Id of the conversation on the network: the root post/comment of a public thread, or the DM
   * conversation id. Messages with the same `hilo` belong to the same conversation.
   */
  hilo: string;
  canal: CanalMensaje;
  /** Who wrote it (personal data). `id` is the platform's stable account id. */
  autor: { id: string; usuario: string; nombre?: string };
  /** Text as written (personal data). */
  texto: string;
  /** Public URL of the message when it has one (comments, mentions). */
  enlace?: string;
  /** When the network says it was written (real instant, UTC). */
  recibido: Date;
  /** true when the entity's own account wrote it: a reply a person made natively on the network. */
  propio: boolean;
  /** External id of the message it answers, when the network says so. */
  respondeA?: string;
}

/** One read of a network's inbox since a cursor. */
export interface LecturaBandeja {
  mensajes: MensajeEntrante[];
  /**
   * Opaque cursor to store ONLY after every message above has been filed; the next read starts
   * there. Undefined when the network gave nothing new (keep the previous cursor).
   */
  cursor?: string;
}

/** A reply the press team sends through the network (exactly once: `clave` is its idempotency key). */
export interface RespuestaSaliente {
  red: Red;
  /** The message answered (its external id and conversation). */
  mensaje: Pick<MensajeEntrante, "idExterno" | "hilo" | "canal" | "autor" | "recibido">;
  texto: string;
  /** true: private message to the author; false: public reply in the thread. */
  privado: boolean;
  /** Stable idempotency key derived from the command's id (the GitHub comment id, or the local command id). */
  clave: string;
  /** Reconciliation only: earliest instant the reply can have been sent. */
  desde?: Date;
}

/** Whether a platform still allows a kind of reply to a message, and why (Spanish, for the team). */
export interface VentanaRespuesta {
  permitida: boolean;
  /** When the window closes (Meta's 24 h / 7 days with HUMAN_AGENT, private reply to a comment 7 days). */
  cierra?: Date;
  /** What is possible, in Spanish (e.g. «Ya pasaron 7 días: solo puede responder en público»). */
  explicacion: string;
}

export interface AdaptadorBandeja {
  red: Red;
  /** Reads what arrived since `cursor` (undefined: the first read, from the configured start). */
  leer(cursor: string | undefined): Promise<LecturaBandeja>;
  /** Whether the platform allows this reply now. */
  ventana(r: Pick<RespuestaSaliente, "mensaje" | "privado">, ahora: Date): VentanaRespuesta;
  /** Sends the reply. Throws ErrorRed on failure. */
  responder(r: RespuestaSaliente): Promise<PostRemoto>;
  /** For a reply whose outcome was lost: was it sent? (like AdaptadorRed.reconciliar). */
  reconciliarRespuesta(r: RespuestaSaliente): Promise<Reconciliacion>;
  solicitudes: () => number;
  /** Notes for the run summary in Spanish, never personal data (e.g. X's monthly read budget ran out). */
  avisos?: () => readonly string[];
}

export type FabricaBandeja = (ctx: ContextoAdaptador) => AdaptadorBandeja | undefined;

// ---------------------------------------------------------------------------------------------
// Metrics (procedure step 7, monthly report). Aggregates only: never who liked or commented.
// ---------------------------------------------------------------------------------------------

/** A figure a platform may not offer (Mastodon and Bluesky have no views) or may have retired (Meta). */
export type Cifra = number | null;

/** Figures of one post on one day. */
export interface MetricasPublicacion {
  /** The post's remote id (as in the publication record). */
  idRemoto: string;
  vistas: Cifra;
  alcance: Cifra;
  /** Reactions + comments + shares/reposts + saves, as the platform counts them. */
  interacciones: Cifra;
  /** Each figure by its platform name (config keeps the names; a retired one is null). */
  detalle: Record<string, Cifra>;
}

/** Figures of the account on one day. */
export interface MetricasCuenta {
  seguidores: Cifra;
  detalle: Record<string, Cifra>;
}

export interface AdaptadorMetricas {
  red: Red;
  /** Account figures now. */
  cuenta(): Promise<MetricasCuenta>;
  /** Figures of the given posts (remote ids from the records). */
  publicaciones(ids: readonly string[]): Promise<MetricasPublicacion[]>;
  solicitudes: () => number;
  /** Configured metric names the platform refused as unknown so far (Meta retires names): stored as «no disponible». */
  noDisponibles?: () => readonly string[];
  /** Notes for the run summary in Spanish (e.g. X's read budget ran out and some posts were left unread). */
  avisos?: () => readonly string[];
}

export type FabricaMetricas = (ctx: ContextoAdaptador) => AdaptadorMetricas | undefined;
