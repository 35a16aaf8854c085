// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import sitemap from "@astrojs/sitemap";
import { cargarInstitucion } from "./scripts/lib/content/institucion.ts";
import { convergente } from "./site/integraciones/convergente.ts";
import { actualizaciones } from "./site/lib/actualizacion.ts";
import { editorWeb } from "./site/integraciones/editor.ts";

// The institution config is validated before anything else: a bad config stops the build in Spanish.
const institucion = cargarInstitucion();

export default defineConfig({
  site: institucion.sitio,
  srcDir: "./site",
  publicDir: "./site/public",
  outDir: process.env.PRENSA_SALIDA ?? "./dist",
  // Separate caches let tests build several copies of the content at once.
  cacheDir: process.env.PRENSA_CACHE_ASTRO ?? "./node_modules/.astro",
  trailingSlash: "always",
  build: { format: "directory" },
  compressHTML: true,
  devToolbar: { enabled: false },
  // The web editor (/admin/) is not a page for citizens: it stays out of the sitemap.
  integrations: [
    mdx(),
    sitemap({
      filter: (pagina) => !/\/(404|admin)\/?$/.test(pagina),
      // <lastmod> of every URL: the date each page shows as «Última actualización» (git history of its note or page).
      serialize: (item) => ({ ...item, lastmod: actualizaciones().de(new URL(item.url).pathname).toISOString() }),
    }),
    convergente(),
    editorWeb(),
  ],
  vite: {
    logLevel: "warn",
    build: {
      rollupOptions: {
        // MDX modules carry Astro's "use astro:head-inject" directive; the bundler's notice about it is noise.
        onwarn(aviso, avisar) {
          if (aviso.code === "MODULE_LEVEL_DIRECTIVE") return;
          avisar(aviso);
        },
      },
    },
  },
});
