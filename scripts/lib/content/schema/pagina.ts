import { z } from "zod";
import { parseFechaPublicacion } from "../time.ts";

/**
 * Frontmatter of an editable page of the site (content/paginas/<ruta>.mdx): the legal and
 * institutional pages the office maintains (privacy policy, accessibility, terms). The file name is
 * the address: content/paginas/terminos.mdx is /terminos/.
 */
export const paginaSchema = z
  .object({
    /** Título de la página (su h1 y su título en el navegador). */
    titulo: z.string({ error: "falta el título" }).trim().min(3, "el título debe tener al menos 3 caracteres"),
    /** Una frase que describe la página, para buscadores y redes. */
    descripcion: z
      .string({ error: "falta la descripción" })
      .trim()
      .min(20, "la descripción debe tener al menos 20 caracteres")
      .max(300, "la descripción no debe pasar de 300 caracteres"),
    /**
     * Fecha de la última revisión del texto (AAAA-MM-DD). La página muestra la fecha del último
     * cambio en git cuando la hay; esta fecha la reemplaza en copias sin historial.
     */
    actualizado: z.union([z.string(), z.date()]).transform((v, ctx) => {
      // An unquoted YAML date arrives as UTC midnight: read it as that day in Bogotá.
      const dia = v instanceof Date && v.getTime() % 86_400_000 === 0 ? v.toISOString().slice(0, 10) : v;
      const d = parseFechaPublicacion(dia);
      if (!d) ctx.addIssue({ code: "custom", message: "debe ser una fecha AAAA-MM-DD" });
      return d ?? new Date(0);
    }),
  })
  .strict();

export type DatosPagina = z.infer<typeof paginaSchema>;
