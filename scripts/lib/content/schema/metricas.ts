import { z } from "zod";
import { redSchema } from "./redes.ts";

/**
 * Network metrics (procedure step 7, «Informes»): the `metricas` section of
 * config/institucion.yaml and the daily snapshots that `prensa metricas` writes and
 * `prensa informe` reads.
 *
 * Snapshots: ONE FILE PER DAY (Bogotá calendar day), at
 * `content/reportes/datos/AAAA/MM/metricas-AAAA-MM-DD.json`. Running the command again the same
 * day replaces that day's file (the latest reading of the day wins). A day without a file is a
 * gap: the report uses the nearest day it has and says which days are missing.
 *
 * Every figure is an AGGREGATE the platform publishes about the entity's own account or posts
 * (counts), never who liked, replied or follows: no person's data enters these files.
 * Post figures are lifetime totals as the platform reported them at `instante` (the report takes,
 * for each post, its last snapshot of the month; for the account, the first and last of the month).
 */

/** A figure: a count the platform gave, or null when it does not offer it, retired it or refused it. */
export const cifraSchema = z.number().finite().nonnegative().nullable();

/** Each figure by the platform's own name (e.g. "post_media_view", "reblogs_count"). */
export const detalleSchema = z.record(z.string().min(1), cifraSchema);

/** Figures of one post (lifetime totals at the snapshot's instant). */
export const metricasPublicacionSchema = z
  .object({
    /** Note id the post belongs to, from the publication record: "2026/11/festival-campesino". */
    notaId: z.string().regex(/^\d{4}\/\d{2}\/[a-z0-9]+(?:-[a-z0-9]+)*$/),
    /** The post's remote id, as in the publication record (`redes.<red>.idRemoto`). */
    idRemoto: z.string().min(1),
    /** Times the post was shown (Facebook `post_media_view`, Instagram `views`, X `impression_count`); null where the network has none. */
    vistas: cifraSchema,
    /** Distinct accounts that saw it (Facebook `post_total_media_view_unique`, Instagram `reach`); null elsewhere. */
    alcance: cifraSchema,
    /** Reactions + comments/replies + shares/reposts/quotes (+ saves on Instagram), as the platform counts them. */
    interacciones: cifraSchema,
    /** Every figure read, by its platform name; a configured Meta metric the API no longer accepts is null. */
    detalle: detalleSchema,
  })
  .strict();

/** Figures of the account at the snapshot's instant. */
export const metricasCuentaSchema = z
  .object({
    /** Followers (Facebook `followers_count`, Instagram `followers_count`, X `followers_count`, Mastodon `followers_count`, Bluesky `followersCount`, Telegram channel members). */
    seguidores: cifraSchema,
    /** Other account figures by platform name (e.g. Facebook `page_media_view` of the previous day). */
    detalle: detalleSchema,
  })
  .strict();

/** What one network gave in one run. Networks without credentials are not in the file at all. */
export const lecturaRedSchema = z
  .object({
    /** The account's figures; null when reading them failed (see `errores`). */
    cuenta: metricasCuentaSchema.nullable(),
    /** Figures of the posts read (posts of the last `metricas.dias` days with a remote id), in record order. */
    publicaciones: z.array(metricasPublicacionSchema),
    /** Configured metric names the platform refused as unknown (retired by Meta): shown as «no disponible». */
    noDisponibles: z.array(z.string()).default([]),
    /** Posts whose figures could not be read, by remote id (deleted post, budget exhausted...). */
    sinLeer: z.array(z.string()).default([]),
    /** What failed, in Spanish, never with a secret (a failure leaves the rest of the snapshot valid). */
    errores: z.array(z.string()).default([]),
    /** HTTP requests made to read this network (X charges per read). */
    solicitudes: z.number().int().nonnegative(),
  })
  .strict();

export const VERSION_ESQUEMA_METRICAS = 1;

/** One day's snapshot: `content/reportes/datos/AAAA/MM/metricas-AAAA-MM-DD.json`. */
export const instantaneaMetricasSchema = z
  .object({
    esquema: z.literal(VERSION_ESQUEMA_METRICAS),
    /** Bogotá calendar day of the reading, "AAAA-MM-DD"; the file name carries the same day. */
    fecha: z.iso.date(),
    /** When it was read (real clock, written with the Bogotá offset). */
    instante: z.iso.datetime({ offset: true }),
    /** true only in the fictional sample data shipped with Convergente (removed on adoption). */
    ejemplo: z.literal(true).optional(),
    /** Per network read; a network without credentials or adapter is absent (not zero). */
    redes: z.partialRecord(redSchema, lecturaRedSchema),
  })
  .strict();

/** Path of a day's snapshot relative to the repository root, for a "AAAA-MM-DD" day. */
export function archivoInstantanea(fecha: string): string {
  const [anio, mes] = fecha.split("-");
  return `content/reportes/datos/${anio}/${mes}/metricas-${fecha}.json`;
}

/** A metric name as Meta spells it: lowercase letters, digits and underscores. */
const nombreMetrica = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]*$/,
    "debe ser el nombre de una métrica de Meta, en minúsculas con guiones bajos (ejemplo: post_media_view)",
  );

/**
 * The `metricas` section of config/institucion.yaml. Meta retires insight metric names every
 * few months (Page Insights deprecations of 2023-11-01, 2024-03-14, 2025-11-15 and 2026-06-15:
 * https://developers.facebook.com/docs/graph-api/reference/insights,
 * https://developers.facebook.com/docs/platforminsights/page/deprecated-metrics), so the names
 * live here: when Meta retires one, the API refuses it, the snapshot stores it as null
 * («no disponible») and the entity replaces it here without touching code.
 */
export const metricasConfigSchema = z
  .object({
    /** Posts published in the last N days are read every day (their figures keep growing for weeks). */
    dias: z.number().int().min(1).max(400).default(35),
    facebook: z
      .object({
        /** Page Insights metrics of the account, read for the previous day (period=day). */
        pagina: z.array(nombreMetrica).default(["page_media_view", "page_total_media_view_unique", "page_post_engagements"]),
        /** Post insights metrics (period=lifetime). */
        publicacion: z.array(nombreMetrica).default(["post_media_view", "post_total_media_view_unique", "post_clicks"]),
        /** Which post metric is «vistas» (views). */
        vistas: nombreMetrica.default("post_media_view"),
        /** Which post metric is «alcance» (reach). */
        alcance: nombreMetrica.default("post_total_media_view_unique"),
      })
      .strict()
      .prefault({}),
    instagram: z
      .object({
        /** IG User insights of the account (period=day, metric_type=total_value), for the previous day. */
        cuenta: z.array(nombreMetrica).default(["reach", "views", "total_interactions"]),
        /** IG Media insights of each post (lifetime). */
        publicacion: z
          .array(nombreMetrica)
          .default(["views", "reach", "total_interactions", "likes", "comments", "shares", "saved"]),
        vistas: nombreMetrica.default("views"),
        alcance: nombreMetrica.default("reach"),
        /** Which media metric is «interacciones». */
        interacciones: nombreMetrica.default("total_interactions"),
      })
      .strict()
      .prefault({}),
    x: z
      .object({
        /**
         * Most requests per run (X bills every read): one for the account and one per 100 posts
         * (GET /2/tweets?ids= takes up to 100 ids). Posts beyond the budget are left unread that day.
         */
        maxSolicitudes: z.number().int().min(1).max(100).default(3),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type Cifra = z.infer<typeof cifraSchema>;
export type MetricasPublicacionGuardada = z.infer<typeof metricasPublicacionSchema>;
export type MetricasCuentaGuardada = z.infer<typeof metricasCuentaSchema>;
export type LecturaRed = z.infer<typeof lecturaRedSchema>;
export type InstantaneaMetricas = z.infer<typeof instantaneaMetricasSchema>;
export type MetricasConfig = z.infer<typeof metricasConfigSchema>;
