import { z } from "zod";
import { REDES, redSchema } from "../content/schema/redes.ts";

/**
 * The publication record (`content/publicaciones/AAAA/MM/<slug>.json`): one file per note, the
 * single source of truth of what went out to each network. The site ("También en:"), the monthly
 * reports and the archive read it; `prensa publicar` and `prensa kit` write it.
 */

/** ISO 8601 instant with offset, e.g. "2026-11-20T08:00:00-05:00" (always written with the Bogotá offset). */
export const instanteSchema = z.iso.datetime({ offset: true });

/**
 * State of one (note, network) or of one correction:
 * - `enviando`: the call to the network started and its outcome is not recorded yet (reconciled on the next run);
 * - `publicado`: the network holds the post;
 * - `fallido`: the network refused it or kept failing (see `ultimoError.tipo`);
 * - `incierto`: it could not be decided whether the post exists; a person resolves it with `--resolver`;
 * - `en-espera`: the network refused it for a limit with a reset time (X's 24 hours, Instagram's
 *   daily quota...); nothing was made, and it is sent again from `reintentarDesde`.
 */
export const estadoSchema = z.enum(["enviando", "publicado", "fallido", "incierto", "en-espera"]);

/** The last error seen, in Spanish, never with a secret. */
export const errorRegistroSchema = z.object({
  /** Message with the platform's text in Spanish context. */
  mensaje: z.string(),
  /**
   * `transitorio`: retries ran out (the next run reconciles, then retries);
   * `permanente`: not retried until the text or the credentials change;
   * `incierto`: why the outcome could not be decided;
   * `manual`: a person asked to retry with `--resolver NOTA RED reintentar`.
   */
  tipo: z.enum(["transitorio", "permanente", "incierto", "manual"]),
  /** Platform error code (Graph code, HTTP status, Telegram error_code...). */
  codigo: z.union([z.string(), z.number()]).optional(),
  /**
   * true when the last request certainly did not reach the platform or was refused (connection
   * refused, DNS, a rate limit) after everything before it was reconciled: the next run sends
   * again without reconciling (Telegram, which cannot reconcile, does not end `incierto`).
   */
  noProcesado: z.literal(true).optional(),
  fecha: instanteSchema,
});

/** A decision taken by a person with `prensa publicar --resolver`. */
export const resolucionSchema = z.object({
  accion: z.enum(["publicado", "reintentar"]),
  fecha: instanteSchema,
  /** Who resolved it (GITHUB_ACTOR or the system user), when known. */
  por: z.string().optional(),
  /** The state the entry had before the decision. */
  estadoPrevio: estadoSchema,
});

/** One correction (fe de erratas) applied to a published post: an edit or a reply, once per version. */
export const correccionRegistroSchema = z.object({
  /** Version of the note this correction brings the post to: "correccion-1", "correccion-2"... */
  version: z.string().regex(/^correccion-\d+$/),
  estado: estadoSchema,
  /** How it was applied: the post was edited, or a reply was made to it. */
  modo: z.enum(["edicion", "respuesta"]),
  /** Id and URL of the edited post or of the reply. */
  idRemoto: z.string().optional(),
  url: z.string().optional(),
  /** When the state last changed (publication time once `publicado`). */
  fecha: instanteSchema,
  /** sha256 of what was sent (text, link, image). */
  hash: z.string(),
  /** Idempotency key of this correction. */
  clave: z.string(),
  intentos: z.number().int().nonnegative().default(0),
  /** When the first call of this correction started: reconciliation looks from there. */
  primerEnvio: instanteSchema.optional(),
  /** Nothing is tried before this instant (a platform limit's reset). */
  reintentarDesde: instanteSchema.optional(),
  ultimoError: errorRegistroSchema.optional(),
  resolucion: resolucionSchema.optional(),
});

/** Everything known about one note on one network. */
export const entradaRedSchema = z.object({
  estado: estadoSchema,
  /** Calls made to publish (retries included). */
  intentos: z.number().int().nonnegative(),
  /** Id of the post on the network (status id, tweet id, message id, at:// URI...). */
  idRemoto: z.string().optional(),
  /** Public URL of the post. */
  url: z.string().optional(),
  /** When the note was scheduled (its `publicar`). */
  programado: instanteSchema,
  /** When the network accepted the post. */
  publicadoEn: instanteSchema.optional(),
  /** publicadoEn − programado, in seconds. */
  demoraSegundos: z.number().optional(),
  /** sha256 of what was sent (text, link, image URL, alt); a permanent failure is retried when it changes. */
  hashEnviado: z.string(),
  /** Fingerprint of the credentials used (not the secret); a permanent failure is retried when it changes. */
  credencial: z.string().optional(),
  /** Idempotency key derived from (note id, network, version). */
  clave: z.string(),
  /** Version of the note the post shows now: "original" or "correccion-N". */
  version: z.string(),
  /** When the first call to publish started: reconciliation looks for the post from there (X reads only that window). */
  primerEnvio: instanteSchema.optional(),
  /**
   * Nothing is tried before this instant: the platform refused with a limit that resets then
   * (state `en-espera`), or asked to wait that long after a failure whose outcome is unknown
   * (state `enviando`: reconciled from then).
   */
  reintentarDesde: instanteSchema.optional(),
  ultimoError: errorRegistroSchema.optional(),
  /** Corrections applied, oldest first; never two with the same version. */
  correcciones: z.array(correccionRegistroSchema).default([]),
  resolucion: resolucionSchema.optional(),
  /** Last change of this entry. */
  actualizado: instanteSchema,
});

/** A manual share in a community group, recorded with `prensa kit NOTA --compartido GRUPO`. */
export const compartidoSchema = z.object({
  /** Group id from config/institucion.yaml (`gruposComunitarios[].id`). */
  grupo: z.string(),
  fecha: instanteSchema,
  por: z.string().optional(),
});

export const VERSION_ESQUEMA_REGISTRO = 1;

/** The whole record of one note. */
export const registroSchema = z
  .object({
    esquema: z.literal(VERSION_ESQUEMA_REGISTRO),
    /** Note id: "2026/11/festival-del-campesino". */
    notaId: z.string().regex(/^\d{4}\/\d{2}\/[a-z0-9]+(?:-[a-z0-9]+)*$/),
    /** Note file, relative to the repository root. */
    archivo: z.string(),
    titulo: z.string(),
    /** Department id of the note. */
    dependencia: z.string(),
    /** Absolute public URL of the note on the site. */
    enlace: z.string().optional(),
    /**
     * sha256 (16 hex) of the note file's text when every network of the note was last confirmed
     * published at its current version. A run skips a note whose file still has this hash without
     * parsing it; it also shows whether a note was edited after it went out.
     */
    hashNota: z.string().optional(),
    /** Per network; only networks the publisher touched appear. */
    redes: z.partialRecord(redSchema, entradaRedSchema).default({}),
    compartidos: z.array(compartidoSchema).default([]),
    /** true only in the fictional sample records shipped with Convergente (removed on adoption: scripts/muestras/quitar-muestra.ts). */
    ejemplo: z.literal(true).optional(),
  })
  .strict();

export type Estado = z.infer<typeof estadoSchema>;
export type ErrorRegistro = z.infer<typeof errorRegistroSchema>;
export type CorreccionRegistro = z.infer<typeof correccionRegistroSchema>;
export type EntradaRed = z.infer<typeof entradaRedSchema>;
export type Registro = z.infer<typeof registroSchema>;
export type Resolucion = z.infer<typeof resolucionSchema>;
export { REDES };
