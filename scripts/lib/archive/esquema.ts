import { z } from "zod";

/**
 * The archive's records: the índice electrónico of a package and the FUID (Formato Único de
 * Inventario Documental) of a period, committed under content/archivo/. Their columns follow the
 * AGN forms (Acuerdo 001 de 2024, which compiled Acuerdo 042 de 2002 and the electronic-file rules
 * of Acuerdo 002 de 2014); see docs/archivo.md.
 */

const dia = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const instante = z.iso.datetime({ offset: true });

/** One document of the índice electrónico. */
export const documentoIndiceSchema = z.object({
  /** Orden del documento en el expediente (1-based within its unit). */
  orden: z.number().int().positive(),
  /** Archival unit (expediente) id. */
  unidad: z.string(),
  /** Nombre del documento. */
  nombre: z.string(),
  /** Tipología documental (from the TRD subseries). */
  tipoDocumental: z.string(),
  /** Fecha de creación del documento. */
  fechaCreacion: instante,
  /** Fecha de incorporación al expediente. */
  fechaIncorporacion: instante,
  /** Páginas (folios electrónicos) and where they fall in the unit. */
  paginas: z.number().int().positive(),
  paginaInicio: z.number().int().positive(),
  paginaFin: z.number().int().positive(),
  /** Formato (MIME type and, for PDFs, the PDF/A level). */
  formato: z.string(),
  /** Tamaño en bytes. */
  tamano: z.number().int().nonnegative(),
  /** Valor de la huella and función resumen. */
  huella: z.string().regex(/^[0-9a-f]{128}$/),
  funcionResumen: z.literal("SHA-512"),
  /** Origen: where the document came from. */
  origen: z.string(),
  /** Path inside the bag. */
  ruta: z.string(),
});

export const indiceSchema = z.object({
  esquema: z.literal(1),
  periodo: z.string(),
  entidad: z.string(),
  oficina: z.string(),
  generado: instante,
  /** Plain statements about what is not in the package and why. */
  avisos: z.array(z.string()),
  documentos: z.array(documentoIndiceSchema),
});

/** One row of the FUID: one archival unit. */
export const filaFuidSchema = z.object({
  numeroOrden: z.number().int().positive(),
  /** Producing office code + subseries code, e.g. "1100-28.02". */
  codigo: z.string(),
  /** Nombre de la serie, subserie o asunto. */
  nombre: z.string(),
  fechaInicial: dia,
  fechaFinal: dia,
  /** Unidad de conservación (electronic folder in the package). */
  unidadConservacion: z.string(),
  numeroFolios: z.number().int().nonnegative(),
  soporte: z.string(),
  frecuenciaConsulta: z.string(),
  notas: z.string(),
  /** Subseries code, for retention. */
  subserie: z.string(),
});

export const fuidSchema = z.object({
  esquema: z.literal(1),
  periodo: z.string(),
  entidadRemitente: z.string(),
  entidadProductora: z.string(),
  unidadAdministrativa: z.string(),
  oficinaProductora: z.string(),
  objeto: z.string(),
  /** TRD norm and version the inventory follows. */
  trd: z.string(),
  fecha: dia,
  filas: z.array(filaFuidSchema),
});

export type DocumentoIndice = z.infer<typeof documentoIndiceSchema>;
export type Indice = z.infer<typeof indiceSchema>;
export type FilaFuid = z.infer<typeof filaFuidSchema>;
export type Fuid = z.infer<typeof fuidSchema>;
