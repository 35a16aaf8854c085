import YouTube from "./YouTube.astro";

/** Components notes may use in MDX. `prensa validar` reads ALLOWED names from here. */
export const componentesMdx = { YouTube };
