import type { AstroIntegration } from "astro";
import { copyFileSync, constants, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as pagefind from "pagefind";
import { cargarInstitucion } from "../../scripts/lib/content/institucion.ts";
import { cargarNotas, esPublica, type Nota } from "../../scripts/lib/content/notas.ts";
import type { Institucion } from "../../scripts/lib/content/schema/institucion.ts";
import { ahora } from "../../scripts/lib/content/time.ts";
import { rutas } from "../../scripts/lib/content/paths.ts";
import { imagenSocialConCache } from "../../scripts/lib/images/cache.ts";
import { renderizarLote, type ResultadoLote } from "../../scripts/lib/images/lote.ts";
import { entradaImagenDeNota } from "../../scripts/lib/images/nota.ts";
import { NOTAS_CARGADAS, type GlobalNotas } from "../lib/cargador.ts";

/** The public notes of this build, read from the content loader (or from disk when it did not run). */
function notasPublicasDeLaConstruccion(institucion: Institucion): Nota[] | undefined {
  // Normally the content loader already read and validated every note; otherwise read them here.
  let notas = (globalThis as GlobalNotas)[NOTAS_CARGADAS];
  if (!notas) {
    const leidas = cargarNotas(institucion);
    if (leidas.problemas.length) return undefined; // The content loader reports them and stops the build.
    notas = leidas.notas;
  }
  const momento = ahora();
  return notas.filter((n) => esPublica(n, momento));
}

/**
 * Build steps of the institutional site that Astro does not do by itself:
 * - the social images (/social/AAAA/MM/<slug>.png) of public notes are drawn in worker threads
 *   from the start of the build, so they overlap with bundling and page generation, and are
 *   copied from the cache into the output at the end (no page waits for them). In `astro dev`
 *   a middleware draws them on request;
 * - the Spanish search index (pagefind) over the built pages. Only pages marked with
 *   data-pagefind-body (public notes) are indexed, so scheduled notes and drafts, which are
 *   never built, never reach the index.
 */
export function convergente(): AstroIntegration {
  let lote: Promise<{ ids: string[]; resultado: ResultadoLote }> | undefined;
  return {
    name: "convergente",
    hooks: {
      "astro:server:setup": ({ server }) => {
        server.middlewares.use((pedido, respuesta, siguiente) => {
          const m = /^\/social\/(\d{4})\/(\d{2})\/([a-z0-9-]+)\.png$/.exec(pedido.url ?? "");
          if (!m) return siguiente();
          const institucion = cargarInstitucion();
          const nota = notasPublicasDeLaConstruccion(institucion)?.find((n) => n.id === `${m[1]}/${m[2]}/${m[3]}`);
          if (!nota) return siguiente();
          imagenSocialConCache(entradaImagenDeNota(nota, institucion), rutas().cache).then(
            ({ png }) => {
              respuesta.setHeader("Content-Type", "image/png");
              respuesta.end(png);
            },
            (e: unknown) => siguiente(e),
          );
        });
      },
      "astro:build:start": ({ logger }) => {
        const institucion = cargarInstitucion();
        const notas = notasPublicasDeLaConstruccion(institucion);
        if (!notas) return;
        const entradas = notas.map((n) => entradaImagenDeNota(n, institucion));
        // One worker per core (at most 4): measured on 2 cores, 2 workers beside Astro's main
        // thread finish the build sooner than 1 (74 s against 80 s for 5,000 notes).
        lote = renderizarLote(entradas, rutas().cache).then((resultado) => {
          logger.info(
            `[imagen social] lote: ${resultado.generadas} generadas, ${resultado.desdeCache} desde caché (${(resultado.ms / 1000).toFixed(1)} s).`,
          );
          return { ids: notas.map((n) => n.id), resultado };
        });
        // A failure is reported when the build awaits it in astro:build:done.
        lote.catch(() => undefined);
      },
      "astro:build:done": async ({ dir, logger }) => {
        const salida = fileURLToPath(dir);
        if (lote) {
          const { ids, resultado } = await lote;
          const t0 = performance.now();
          for (const [i, id] of ids.entries()) {
            const destino = path.join(salida, "social", `${id}.png`);
            mkdirSync(path.dirname(destino), { recursive: true });
            copyFileSync(resultado.rutas[i]!, destino, constants.COPYFILE_FICLONE);
          }
          logger.info(`[imagen social] ${ids.length} imágenes copiadas al sitio (${Math.round(performance.now() - t0)} ms).`);
        }
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
