import { z } from "zod";

/** ISO 8601 instant with offset. */
const instante = z.iso.datetime({ offset: true });

/**
 * `construccion.json` at the root of the built site: what this build shows. The publishing gate
 * reads it from the deployed site to decide, without installing anything, whether a new build or
 * a publishing run is needed; `prensa publicar --desplegado` reads it to post only what the
 * deployed site shows.
 */
export const construccionSchema = z.object({
  esquema: z.literal(1),
  /** Commit the site was built from; null when the build ran outside a git checkout. */
  commit: z
    .string()
    .regex(/^[0-9a-f]{40}$/)
    .nullable(),
  /** The build instant: notes whose `publicar` is at or before it are on the site. */
  instante,
  /** Later `publicar` instants of non-draft notes (sorted): when one passes, the site is stale. */
  proximas: z.array(instante),
  /** Fingerprint of the posts the site links to ("También en"): when records add one, the site is stale. */
  enlaces: z.string(),
});

/**
 * `content/publicaciones/agenda.json`, written by `prensa publicar` after each run that may
 * record: the earliest instant at which the publisher could have work without a new commit
 * (a scheduled note with networks, a retry moved to a later time), or the run's own instant when
 * work is still pending. null: nothing will become due by itself.
 */
export const agendaSchema = z.object({
  esquema: z.literal(1),
  proxima: instante.nullable(),
});

export type Construccion = z.infer<typeof construccionSchema>;
export type Agenda = z.infer<typeof agendaSchema>;
