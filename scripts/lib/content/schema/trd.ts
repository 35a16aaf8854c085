import { z } from "zod";

/**
 * Tablas de Retención Documental (TRD) of the press office, as the entity approved them.
 * Norm followed: Acuerdo 001 de 2024 of the Archivo General de la Nación (Acuerdo Único de la
 * Función Archivística), which compiled Acuerdo 004 de 2019 (TRD and TVD) and Acuerdo 042 de 2002
 * (FUID). See docs/archivo.md.
 */

/** Final disposition of a subseries (columns CT, E, S, M/D of the TRD form). */
export const disposicionSchema = z.enum(["conservacion-total", "eliminacion", "seleccion", "medio-tecnico"]);

const fechaDia = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'debe ser una fecha "AAAA-MM-DD"');

/** One subseries of the TRD: what it holds, how long it stays in each archive, what happens after. */
export const subserieTrdSchema = z.object({
  /** Subseries code, e.g. "28.02". */
  codigo: z.string().regex(/^\d+(\.\d+)+$/, 'debe ser un código como "28.02"'),
  /** Subseries name, e.g. "Boletines y comunicados de prensa". */
  nombre: z.string().min(3),
  /** Document types (tipos documentales) the subseries holds. */
  tiposDocumentales: z.array(z.string().min(3)).min(1),
  /** Years in the office archive (archivo de gestión) after the file closes. */
  retencionGestion: z.number().int().min(0).max(100),
  /** Years in the central archive (archivo central) after the transfer. */
  retencionCentral: z.number().int().min(0).max(100),
  /** Final disposition; "medio-tecnico" may go with another one. */
  disposicion: z
    .array(disposicionSchema)
    .min(1)
    .refine((d) => !(d.includes("conservacion-total") && d.includes("eliminacion")), {
      message: "no puede ser a la vez conservación total y eliminación",
    }),
  /** How often the file is consulted (column of the FUID). */
  frecuenciaConsulta: z.enum(["alta", "media", "baja", "ninguna"]).default("media"),
  /** Procedure text of the TRD for this subseries. */
  procedimiento: z.string().min(10),
});

/** One series of the TRD with its subseries. */
export const serieTrdSchema = z.object({
  /** Series code, e.g. "28". */
  codigo: z.string().regex(/^\d+$/, 'debe ser un número como "28"'),
  /** Series name, e.g. "COMUNICACIONES". */
  nombre: z.string().min(3),
  subseries: z.array(subserieTrdSchema).min(1),
});

/** Artefacts Convergente produces, each classified in one subseries (by code). */
export const artefactosTrdSchema = z.object({
  /** Press note with its page, images and verification evidence. */
  nota: z.string(),
  /** Publication record (content/publicaciones/). */
  registroPublicacion: z.string(),
  /** Request of a dependencia (issue of the request form). */
  solicitud: z.string(),
  /** Monthly report (content/reportes/). */
  informeMensual: z.string(),
  /** Inbox aggregates (counts, never messages). */
  agregadoBuzon: z.string(),
  /** Full inquiry conversations (private store only; never in the public package). */
  conversacion: z.string(),
});

/** An elimination record (acta de eliminación) approved by the archive committee. */
export const actaEliminacionSchema = z.object({
  /** Number of the acta, e.g. "CIGD-2037-004". */
  numero: z.string().min(1),
  /** Date the committee approved it. */
  fecha: fechaDia,
  /** Subseries code it covers. */
  subserie: z.string(),
  /** Last closing date of the files it covers ("AAAA-MM-DD"). */
  hasta: fechaDia,
  /** Committee or person that approved it. */
  aprobadaPor: z.string().min(3),
});

/**
 * The TRD section of config/institucion.yaml. `serie` and `subserie` stay the default
 * classification written into notes; the rest is the table itself, optional so an entity can adopt
 * Convergente before its table is approved (then `prensa archivo` says what to add).
 */
export const trdSchema = z
  .object({
    /** Default series of notes, e.g. "1100-28 COMUNICACIONES". */
    serie: z.string().min(1),
    /** Default subseries of notes; must start with a configured subseries code, e.g. "28.02 Boletines...". */
    subserie: z.string().min(1),
    /** Norm the table follows, with its version, e.g. "Acuerdo 001 de 2024 del AGN". */
    norma: z.string().min(5).optional(),
    /** Version of the entity's TRD and its approval act. */
    version: z.string().min(1).optional(),
    /** Producing office (unidad productora): code and name. */
    unidadProductora: z.object({ codigo: z.string().min(1), nombre: z.string().min(3) }).optional(),
    /** Series and subseries of the office. */
    series: z.array(serieTrdSchema).min(1).optional(),
    /** Subseries code of each artefact kind. */
    artefactos: artefactosTrdSchema.optional(),
    /** Approved elimination records; without one, nothing is ever proposed for elimination. */
    actasEliminacion: z.array(actaEliminacionSchema).default([]),
  })
  .superRefine((trd, ctx) => {
    if (!trd.series) return;
    const codigos = new Set(trd.series.flatMap((s) => s.subseries.map((x) => x.codigo)));
    for (const [clave, codigo] of Object.entries(trd.artefactos ?? {})) {
      if (!codigos.has(codigo))
        ctx.addIssue({
          code: "custom",
          path: ["artefactos", clave],
          message: `la subserie «${codigo}» no está en trd.series (use una de: ${[...codigos].join(", ")})`,
        });
    }
    if (![...codigos].some((c) => trd.subserie.startsWith(`${c} `) || trd.subserie === c))
      ctx.addIssue({ code: "custom", path: ["subserie"], message: "debe empezar con el código de una subserie de trd.series" });
    trd.actasEliminacion.forEach((a, i) => {
      if (!codigos.has(a.subserie))
        ctx.addIssue({
          code: "custom",
          path: ["actasEliminacion", i, "subserie"],
          message: `la subserie «${a.subserie}» no existe`,
        });
    });
  });

export type Trd = z.infer<typeof trdSchema>;
/** A TRD with its table (what `prensa archivo` needs). */
export type TrdCompleta = Trd & Required<Pick<Trd, "norma" | "version" | "unidadProductora" | "series" | "artefactos">>;

/** True when the config holds the whole table, not only the default classification of notes. */
export function esTrdCompleta(trd: Trd): trd is TrdCompleta {
  return !!(trd.norma && trd.version && trd.unidadProductora && trd.series && trd.artefactos);
}
export type SubserieTrd = z.infer<typeof subserieTrdSchema>;
export type Disposicion = z.infer<typeof disposicionSchema>;
export type ArtefactoTrd = keyof z.infer<typeof artefactosTrdSchema>;

/** The subseries and its series for a code; undefined when unknown. */
export function buscarSubserie(
  trd: TrdCompleta,
  codigo: string,
): { serie: z.infer<typeof serieTrdSchema>; subserie: SubserieTrd } | undefined {
  for (const serie of trd.series) {
    const subserie = serie.subseries.find((s) => s.codigo === codigo);
    if (subserie) return { serie, subserie };
  }
  return undefined;
}
