import { z } from "zod";
import { redSchema, REDES } from "./redes.ts";
import type { Institucion } from "./institucion.ts";
import { parseFechaPublicacion } from "../time.ts";

/**
 * A date-time with offset ("2026-11-20T08:00:00-05:00") or a bare date ("2026-11-20", meaning
 * 00:00 America/Bogota). YAML dates parsed elsewhere as Date objects are accepted too.
 */
export const fechaSchema = z.union([z.string(), z.date()]).transform((valor, ctx) => {
  const fecha = parseFechaPublicacion(valor);
  if (!fecha) {
    ctx.addIssue({
      code: "custom",
      message: 'no es una fecha válida; escriba "AAAA-MM-DD" (00:00 hora de Colombia) o "AAAA-MM-DDTHH:MM:SS-05:00"',
    });
    return z.NEVER;
  }
  return fecha;
});

const ALT_INUTIL = /^(imagen|foto|fotografía|fotografia|img|picture|image|photo|\s*)$/i;
const NOMBRE_ARCHIVO = /\.(jpe?g|png|gif|webp|avif|svg)$/i;

/** The note's main image: a file next to the note, with a meaningful alternative text. */
export const imagenSchema = z.object({
  /** Path of the image file, relative to the note (e.g. "festival.jpg"). JPG, PNG or WebP. */
  src: z
    .string({ error: "falta la ruta del archivo de imagen" })
    .min(1, "falta la ruta del archivo de imagen")
    .regex(/\.(jpe?g|png|webp)$/i, "debe ser un archivo .jpg, .png o .webp"),
  /**
   * Alternative text read by screen readers: what the image shows, in one or two sentences
   * (8 to 250 characters). Never "imagen", "foto" or a file name.
   */
  alt: z
    .string({ error: "falta el texto alternativo (alt) de la imagen" })
    .trim()
    .min(8, "el texto alternativo debe describir la imagen en al menos 8 caracteres")
    .max(250, "el texto alternativo no debe pasar de 250 caracteres")
    .refine((t) => !ALT_INUTIL.test(t) && !NOMBRE_ARCHIVO.test(t), {
      message: 'el texto alternativo no describe la imagen (no use "imagen", "foto" ni el nombre del archivo)',
    }),
  /** Who took or made the image, e.g. "Oficina de Prensa / Juan Pérez". */
  credito: z.string().trim().min(2).optional(),
});

/** One network the note goes to, optionally with the exact text the editor wrote for it. */
export const canalSchema = z.union([
  redSchema.transform((red) => ({ red, texto: undefined as string | undefined })),
  z.object({
    /** Network name: facebook, instagram, x, telegram, mastodon or bluesky. */
    red: redSchema,
    /** Text written for this network. When absent, it is derived from título, resumen and etiquetas. */
    texto: z.string().trim().min(1).optional(),
  }),
]);

/** A published correction (fe de erratas), shown on the note page and sent to the networks. */
export const correccionSchema = z.object({
  /** When the correction was made. */
  fecha: fechaSchema,
  /** What was wrong and what it says now, concrete and true. */
  descripcion: z.string().trim().min(10, "describa la corrección en al menos 10 caracteres"),
});

/** Personal-data control point (Ley 1581 de 2012). */
export const privacidadSchema = z
  .object({
    /** `ninguno`: the note has no personal data. `autorizados`: it has, with written authorization. */
    datosPersonales: z.enum(["ninguno", "autorizados"]).default("ninguno"),
    /** Reference to the authorization (radicado, acta, formato firmado). Required with `autorizados`. */
    autorizacion: z.string().trim().min(3).optional(),
  })
  .refine((p) => p.datosPersonales === "ninguno" || !!p.autorizacion, {
    message: "con datosPersonales: autorizados debe indicar la referencia de la autorización",
    path: ["autorizacion"],
  });

/**
 * Builds the note frontmatter schema for an institution: `dependencia` must be one of its
 * departments and `trd` defaults to its series. The site and every script use this function.
 */
export function crearEsquemaNota(institucion: Institucion) {
  const ids = institucion.dependencias.map((d) => d.id);
  const redesConfiguradas = Object.keys(institucion.redes);
  const campanas = (institucion.imagen?.campanas ?? []).map((c) => c.id);
  return z
    .object({
      /** Headline: concrete and clear, 10 to 110 characters. */
      titulo: z
        .string({ error: "falta el título" })
        .trim()
        .min(10, "el título debe tener al menos 10 caracteres")
        .max(110, "el título no debe pasar de 110 caracteres"),
      /** Summary (bajada): what happened, to whom, when; at most 300 characters. */
      resumen: z
        .string({ error: "falta el resumen (bajada)" })
        .trim()
        .min(20, "el resumen debe tener al menos 20 caracteres")
        .max(300, "el resumen no debe pasar de 300 caracteres"),
      /** When the note becomes public. Before this moment it appears nowhere. */
      publicar: fechaSchema,
      /** Department that requested or owns the information (id from the config). */
      dependencia: z.string({ error: "falta la dependencia" }).refine((d) => ids.includes(d), {
        message: `no es una dependencia configurada; use una de: ${ids.join(", ")}`,
      }),
      /** Who wrote the note (person or team of the press office). */
      autor: z.string({ error: "falta el autor" }).trim().min(3, "el autor debe tener al menos 3 caracteres"),
      /** Topics, lowercase; they become /etiquetas/<tag>/ pages and hashtags. */
      etiquetas: z
        .array(
          z
            .string()
            .trim()
            .min(2)
            .max(40)
            .regex(/^[\p{Ll}\p{N}]+(?:[ -][\p{Ll}\p{N}]+)*$/u, "use minúsculas, números, espacios o guiones"),
        )
        .max(10, "use máximo 10 etiquetas")
        .default([]),
      /** Main image with alternative text and credit. */
      imagen: imagenSchema.optional(),
      /** Networks the note goes to, with optional per-network text. */
      canales: z
        .array(canalSchema)
        .default([])
        .superRefine((canales, ctx) => {
          const vistas = new Set<string>();
          canales.forEach((c, i) => {
            if (vistas.has(c.red)) ctx.addIssue({ code: "custom", path: [i], message: `la red ${c.red} está repetida` });
            vistas.add(c.red);
            if (!redesConfiguradas.includes(c.red))
              ctx.addIssue({
                code: "custom",
                path: [i],
                message: `la red ${c.red} no está configurada en config/institucion.yaml (redes: ${redesConfiguradas.join(", ") || "ninguna"})`,
              });
          });
        }),
      /** Urgent notes go out first (real-time emission). */
      urgente: z.boolean({ error: "debe ser true o false" }).default(false),
      /** A draft appears nowhere, whatever its date. */
      borrador: z.boolean({ error: "debe ser true o false" }).default(false),
      /** Personal-data control (Ley 1581 de 2012). */
      privacidad: privacidadSchema.default({ datosPersonales: "ninguno" }),
      /** Corrections made after publication (fe de erratas), oldest first. */
      correcciones: z.array(correccionSchema).default([]),
      /** Archive classification (Tablas de Retención Documental); defaults to the config. */
      trd: z
        .object({ serie: z.string().min(1), subserie: z.string().min(1) })
        .default({ serie: institucion.trd.serie, subserie: institucion.trd.subserie }),
      /** Show the note in the featured slot of the home page. */
      destacada: z.boolean({ error: "debe ser true o false" }).default(false),
      /** Campaign (id in `imagen.campanas` of the config) whose mark the note's card carries while it is in force. */
      campana: z
        .string()
        .refine((c) => campanas.includes(c), {
          message: `no es una campaña configurada en imagen.campanas de config/institucion.yaml (${campanas.join(", ") || "no hay ninguna"})`,
        })
        .optional(),
    })
    .strict();
}

export type EsquemaNota = ReturnType<typeof crearEsquemaNota>;
/** A validated note frontmatter. */
export type DatosNota = z.infer<EsquemaNota>;
/** The raw frontmatter an editor writes. */
export type DatosNotaEntrada = z.input<EsquemaNota>;
export { REDES };
