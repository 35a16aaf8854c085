import type { AstroIntegration } from "astro";
import { fileURLToPath } from "node:url";
import * as pagefind from "pagefind";

/**
 * Build steps of the institutional site that Astro does not do by itself: the Spanish search
 * index (pagefind) over the built pages. Only pages marked with data-pagefind-body (public notes)
 * are indexed, so scheduled notes and drafts, which are never built, never reach the index.
 */
export function convergente(): AstroIntegration {
  return {
    name: "convergente",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const salida = fileURLToPath(dir);
        const { index, errors } = await pagefind.createIndex({ forceLanguage: "es" });
        if (!index) throw new Error(`No se pudo crear el índice de búsqueda: ${errors.join("; ")}`);
        const agregado = await index.addDirectory({ path: salida });
        if (agregado.errors.length) throw new Error(`Error al indexar el sitio: ${agregado.errors.join("; ")}`);
        await index.writeFiles({ outputPath: `${salida}/pagefind` });
        await pagefind.close();
        logger.info(`Índice de búsqueda: ${agregado.page_count} páginas indexadas.`);
      },
    },
  };
}
