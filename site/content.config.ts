import { defineCollection } from "astro:content";
import { cargadorNotas } from "./lib/cargador.ts";
import { glob } from "astro/loaders";
import { paginaSchema } from "../scripts/lib/content/schema/pagina.ts";
import { carpetaPaginas } from "./lib/actualizacion.ts";

/** The notes collection: content/notas/AAAA/MM/<slug>.mdx, validated by the project's one note schema. */
export const collections = {
  notas: defineCollection({ loader: cargadorNotas() }),
  /** Editable pages the office maintains (privacy, accessibility, terms): content/paginas/<ruta>.mdx, rendered by @astrojs/mdx. */
  paginas: defineCollection({ loader: glob({ pattern: "*.mdx", base: carpetaPaginas() }), schema: paginaSchema }),
};
