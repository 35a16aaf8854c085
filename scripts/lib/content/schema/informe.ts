import { z } from "zod";
import { redSchema } from "./redes.ts";

/**
 * The monthly report (procedure step 7, «Informes»): what `prensa informe AAAA-MM` writes to
 * `content/reportes/AAAA/MM/` and what the site, `prensa validar` and the archive read.
 *
 * - `informe.mdx`: frontmatter (`informeFrontmatterSchema`) + the report in plain Spanish; the
 *   section «Conclusiones y compromisos» is the only part a person writes (in the pull request).
 * - `cifras.json`: every computed figure (`cifrasInformeSchema`), the single source of the tables,
 *   the charts and the summary.
 * - `<grafico>.svg` and `<grafico>.csv`: each chart and, beside it, its data table.
 * - `informe-AAAA-MM.pdf`: the PDF/A-2b for the archive (named with its month: the archive package
 *   also renders `informe.mdx` to `<…>_informe.pdf`, and a downloaded copy says which month it is).
 *
 * Requests from dependencias are read from GitHub once and kept as an aggregate at
 * `content/reportes/datos/AAAA/MM/solicitudes.json` (`solicitudesMesSchema`), so regenerating a
 * month from the same repository state gives the same bytes.
 */

/** A period "AAAA-MM" (month in Bogotá). */
export const periodoSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "debe ser un mes con la forma AAAA-MM (por ejemplo 2026-11)");

/** A Bogotá calendar day "AAAA-MM-DD". */
const diaSchema = z.iso.date();
/** ISO 8601 instant with offset. */
const instanteSchema = z.iso.datetime({ offset: true });
const notaIdSchema = z.string().regex(/^\d{4}\/\d{2}\/[a-z0-9]+(?:-[a-z0-9]+)*$/);
/** A count; null means «no disponible» (the source does not exist or does not offer it). */
const cuentaONula = z.number().int().nonnegative().nullable();

// ---------------------------------------------------------------- requests aggregate

/** One request (issue of the form «Solicitud de comunicación»): no contact data, only what the report counts. */
export const solicitudMesSchema = z
  .object({
    /** Issue number. */
    numero: z.number().int().positive(),
    /** Department id that asked (from the form). */
    dependencia: z.string().min(1),
    /** When the issue was opened. */
    recibida: instanteSchema,
    /** Note id the request became (from the bot's comment «rama=… archivo=…»), when it became one. */
    nota: notaIdSchema.optional(),
  })
  .strict();

export const VERSION_ESQUEMA_SOLICITUDES = 1;

/** `content/reportes/datos/AAAA/MM/solicitudes.json`: the requests opened in the month. */
export const solicitudesMesSchema = z
  .object({
    esquema: z.literal(VERSION_ESQUEMA_SOLICITUDES),
    periodo: periodoSchema,
    /** true only in the fictional sample data shipped with Convergente. */
    ejemplo: z.literal(true).optional(),
    solicitudes: z.array(solicitudMesSchema),
  })
  .strict();

// ---------------------------------------------------------------- computed figures

/** Delay statistics in minutes (rounded to one decimal); null without posts. */
export const puntualidadSchema = z.object({
  /** Posts whose delay is known (published, with schedule and publication instant). */
  publicaciones: z.number().int().nonnegative(),
  /** Median delay against the schedule, minutes. */
  medianaMinutos: z.number().nullable(),
  /** 90th percentile (nearest rank) of the delay, minutes. */
  p90Minutos: z.number().nullable(),
});

/** Posts of one network in the month. */
export const publicacionesRedSchema = z.object({
  red: redSchema,
  /** Posts the network holds, published in the month (each (note, network) once, however many attempts). */
  publicadas: z.number().int().nonnegative(),
  /** Of those, the ones that failed first and were then retried or marked published by a person. */
  conFallaResuelta: z.number().int().nonnegative(),
  /** Posts of the month that ended the month failed, uncertain or waiting (not on the network). */
  sinResolver: z.number().int().nonnegative(),
  puntualidad: puntualidadSchema,
});

/** One failure of the month and how it ended. */
export const fallaSchema = z.object({
  notaId: notaIdSchema,
  titulo: z.string(),
  red: redSchema,
  /** Kind of the last error (transitorio, permanente, incierto, manual), when recorded. */
  tipo: z.string().nullable(),
  /**
   * How it was resolved: `a-mano` (a person confirmed it was published), `reintento` (a person
   * asked to retry and it went out), `automatica` (a later run published it), `sin-resolver`.
   */
  resolucion: z.enum(["a-mano", "reintento", "automatica", "sin-resolver"]),
});

/** Metrics of one network in the month (from the daily snapshots). */
export const alcanceRedSchema = z.object({
  red: redSchema,
  /** Followers at the first snapshot of the month with the figure. */
  seguidoresInicio: cuentaONula,
  /** Followers at the last snapshot of the month with the figure. */
  seguidoresFin: cuentaONula,
  /** Sum of «vistas» of the month's posts (last snapshot of each post in the month); null where the network has none. */
  vistas: cuentaONula,
  /** Sum of «alcance» (distinct accounts) of the month's posts; null where the network has none. */
  alcance: cuentaONula,
  /** Sum of interactions of the month's posts. */
  interacciones: cuentaONula,
  /** Posts of the month with figures. */
  publicacionesMedidas: z.number().int().nonnegative(),
  /** Configured metric names the platform refused (retired): «no disponible». */
  noDisponibles: z.array(z.string()),
});

/** One of the posts with most interactions. */
export const publicacionDestacadaSchema = z.object({
  red: redSchema,
  notaId: notaIdSchema,
  titulo: z.string(),
  url: z.string().nullable(),
  interacciones: z.number().int().nonnegative(),
});

/**
 * Inquiries of the month, read from the inbox aggregate `content/reportes/datos/AAAA/MM/inquietudes.json`
 * (schema/inquietudes.ts#agregadoInquietudesSchema, issue «Responder inquietudes»): counts only.
 */
export const inquietudesInformeSchema = z.object({
  recibidas: z.number().int().nonnegative(),
  /** Received, by network (name as people read it). */
  porRed: z.array(z.object({ red: z.string(), recibidas: z.number().int().nonnegative() })),
  /** Received, by kind (Pregunta, Queja, Petición...). */
  porTipo: z.array(z.object({ tipo: z.string(), recibidas: z.number().int().nonnegative() })),
  /** Of those received, the ones that needed an answer. */
  requierenRespuesta: z.number().int().nonnegative(),
  respondidas: z.number().int().nonnegative(),
  respondidasATiempo: z.number().int().nonnegative(),
  /** Median time to the first answer, in business hours. */
  medianaHorasHabiles: z.number().nullable(),
  /** Unanswered and past their due date at the month's end. */
  vencidasAlCierre: z.number().int().nonnegative(),
  /** Possible derechos de petición: received, filed (radicadas) in the PQRSD system, forwarded to another authority. */
  peticiones: z.object({
    recibidas: z.number().int().nonnegative(),
    radicadas: z.number().int().nonnegative(),
    trasladadas: z.number().int().nonnegative(),
  }),
});

/** Requests from dependencias of the month. */
export const solicitudesInformeSchema = z.object({
  recibidas: z.number().int().nonnegative(),
  /** Requests that became a note of the repository. */
  convertidasEnNota: z.number().int().nonnegative(),
  /** Median days from the request to the note's publication (published notes only). */
  medianaDiasHastaPublicar: z.number().nullable(),
  porDependencia: z.array(z.object({ dependencia: z.string(), nombre: z.string(), recibidas: z.number().int().nonnegative() })),
});

/** One change of the institutional image (issue «Imagen institucional»). */
export const cambioImagenSchema = z.object({
  fecha: diaSchema,
  descripcion: z.string(),
  motivo: z.string(),
});

/** What a source of the report gave: its files, or why it is not available. */
export const fuenteSchema = z.object({
  disponible: z.boolean(),
  /** Files read, relative to the repository root. */
  archivos: z.array(z.string()),
  /** In Spanish: what is missing (days without snapshot, aggregate not generated...). */
  nota: z.string().optional(),
});

export const VERSION_ESQUEMA_CIFRAS = 1;

/** `content/reportes/AAAA/MM/cifras.json`: every figure of the report, computed from the repository's data. */
export const cifrasInformeSchema = z.object({
  esquema: z.literal(VERSION_ESQUEMA_CIFRAS),
  periodo: periodoSchema,
  /** First and last day of the month. */
  desde: diaSchema,
  hasta: diaSchema,
  publicaciones: z.object({
    /** Public notes whose publication instant falls in the month (Bogotá). */
    notas: z.number().int().nonnegative(),
    porDependencia: z.array(z.object({ dependencia: z.string(), nombre: z.string(), notas: z.number().int().nonnegative() })),
    /** Calendar weeks (Monday to Sunday) cut to the month. */
    porSemana: z.array(z.object({ desde: diaSchema, hasta: diaSchema, notas: z.number().int().nonnegative() })),
    porRed: z.array(publicacionesRedSchema),
    /** Every network together. */
    puntualidad: puntualidadSchema,
    fallas: z.array(fallaSchema),
    /** Corrections (fe de erratas) dated in the month, per note. */
    correcciones: z.array(z.object({ notaId: notaIdSchema, titulo: z.string(), correcciones: z.number().int().positive() })),
    /** Manual shares in community groups, by group. */
    compartidos: z.array(z.object({ grupo: z.string(), nombre: z.string(), veces: z.number().int().positive() })),
  }),
  /** null when there is no metrics snapshot of the month. */
  alcance: z
    .object({
      porRed: z.array(alcanceRedSchema),
      destacadas: z.array(publicacionDestacadaSchema).max(5),
      /** Days of the month with a snapshot, and the missing ones. */
      diasConDatos: z.number().int().nonnegative(),
      diasSinDatos: z.array(diaSchema),
    })
    .nullable(),
  inquietudes: inquietudesInformeSchema.nullable(),
  solicitudes: solicitudesInformeSchema.nullable(),
  imagen: z.array(cambioImagenSchema).nullable(),
  fuentes: z.object({
    notas: fuenteSchema,
    registros: fuenteSchema,
    metricas: fuenteSchema,
    inquietudes: fuenteSchema,
    solicitudes: fuenteSchema,
    imagen: fuenteSchema,
  }),
});

// ---------------------------------------------------------------- the MDX frontmatter

/** A chart of the report: its SVG, its data table (CSV) and its text alternative. */
export const graficoInformeSchema = z
  .object({
    /** File name stem: «notas-por-semana» → notas-por-semana.svg and notas-por-semana.csv. */
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    /** Caption shown above the chart. */
    titulo: z.string().min(5),
    /** Text alternative: what the chart shows, with its numbers (at least 20 characters). */
    alt: z.string().min(20, "el texto alternativo del gráfico debe decir lo que muestra, con sus cifras"),
  })
  .strict();

/** A term of the report's glossary: every figure shown is defined here. */
export const terminoSchema = z.object({ termino: z.string().min(2), definicion: z.string().min(10) }).strict();

/** Frontmatter of `content/reportes/AAAA/MM/informe.mdx`. */
export const informeFrontmatterSchema = z
  .object({
    /** «Informe de noviembre de 2026». */
    titulo: z.string().min(10),
    periodo: periodoSchema,
    /** The summary written from the numbers (two to four short sentences). */
    resumen: z.string().min(20).max(600),
    /** Entity and office that sign it. */
    entidad: z.string().min(3),
    oficina: z.string().min(3),
    /** Charts, in reading order. */
    graficos: z.array(graficoInformeSchema),
    /** Data tables (CSV files beside the report), in reading order. */
    tablas: z.array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*\.csv$/)),
    /** Every figure's name and definition: the report's glossary. */
    glosario: z.array(terminoSchema).min(1),
    /** The PDF/A-2b file beside the report. */
    pdf: z.string().regex(/^informe-\d{4}-(0[1-9]|1[0-2])\.pdf$/, "debe ser informe-AAAA-MM.pdf"),
    /** true only in the fictional sample report shipped with Convergente. */
    ejemplo: z.literal(true).optional(),
  })
  .strict();

// ---------------------------------------------------------------- config

/** The `informes` section of config/institucion.yaml. */
export const informesConfigSchema = z
  .object({
    /** GitHub login of the head of press, to whom the report's pull request is assigned (e.g. "jefatura-prensa"). */
    responsable: z
      .string()
      .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, "debe ser un usuario de GitHub (letras, números y guiones)")
      .optional(),
  })
  .strict();

export type SolicitudMes = z.infer<typeof solicitudMesSchema>;
export type SolicitudesMes = z.infer<typeof solicitudesMesSchema>;
export type CifrasInforme = z.infer<typeof cifrasInformeSchema>;
export type Puntualidad = z.infer<typeof puntualidadSchema>;
export type Falla = z.infer<typeof fallaSchema>;
export type AlcanceRed = z.infer<typeof alcanceRedSchema>;
export type InquietudesInforme = z.infer<typeof inquietudesInformeSchema>;
export type CambioImagen = z.infer<typeof cambioImagenSchema>;
export type Fuente = z.infer<typeof fuenteSchema>;
export type GraficoInforme = z.infer<typeof graficoInformeSchema>;
export type Termino = z.infer<typeof terminoSchema>;
export type InformeFrontmatter = z.infer<typeof informeFrontmatterSchema>;
export type InformesConfig = z.infer<typeof informesConfigSchema>;
