import type { AstroIntegration } from "astro";
import { fileURLToPath } from "node:url";
import * as pagefind from "pagefind";
import { cargarInstitucion } from "../../scripts/lib/content/institucion.ts";
import { cargarNotas, esPublica } from "../../scripts/lib/content/notas.ts";
import { ahora } from "../../scripts/lib/content/time.ts";
import { rutas } from "../../scripts/lib/content/paths.ts";
import { renderizarLote, type ResultadoLote } from "../../scripts/lib/images/lote.ts";
import { entradaImagenDeNota, LOTE_IMAGENES } from "../../scripts/lib/images/nota.ts";
import { NOTAS_CARGADAS, type GlobalNotas } from "../lib/cargador.ts";

type Global = typeof globalThis & { [LOTE_IMAGENES]?: Promise<ResultadoLote> };

/**
 * Build steps of the institutional site that Astro does not do by itself:
 * - the social images of public notes are drawn in worker threads as soon as the build starts,
 *   so they overlap with bundling (the /social/ endpoint then reads them from the cache);
 * - the Spanish search index (pagefind) over the built pages. Only pages marked with
 *   data-pagefind-body (public notes) are indexed, so scheduled notes and drafts, which are
 *   never built, never reach the index.
 */
export function convergente(): AstroIntegration {
  return {
    name: "convergente",
    hooks: {
      "astro:build:start": ({ logger }) => {
        const institucion = cargarInstitucion();
        // Normally the content loader already read and validated every note; otherwise read them here.
        let notas = (globalThis as GlobalNotas)[NOTAS_CARGADAS];
        if (!notas) {
          const leidas = cargarNotas(institucion);
          if (leidas.problemas.length) return; // The content loader reports them and stops the build.
          notas = leidas.notas;
        }
        const momento = ahora();
        const entradas = notas.filter((n) => esPublica(n, momento)).map((n) => entradaImagenDeNota(n, institucion));
        const lote = renderizarLote(entradas, rutas().cache, { hilos: 2 });
        lote.then(
          (r) =>
            logger.info(
              `[imagen social] lote: ${r.generadas} generadas, ${r.desdeCache} desde caché (${(r.ms / 1000).toFixed(1)} s).`,
            ),
          () => undefined,
        );
        (globalThis as Global)[LOTE_IMAGENES] = lote;
      },
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
