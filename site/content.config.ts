import { defineCollection } from "astro:content";
import { cargadorNotas } from "./lib/cargador.ts";

/** The notes collection: content/notas/AAAA/MM/<slug>.mdx, validated by the project's one note schema. */
export const collections = {
  notas: defineCollection({ loader: cargadorNotas() }),
};
