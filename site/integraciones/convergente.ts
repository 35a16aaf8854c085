import type { AstroIntegration } from "astro";
import { spawnSync } from "node:child_process";
import { copyFileSync, constants, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as pagefind from "pagefind";
import { cargarInstitucion } from "../../scripts/lib/content/institucion.ts";
import { cargarNotas, esPublica, type Nota } from "../../scripts/lib/content/notas.ts";
import type { Institucion } from "../../scripts/lib/content/schema/institucion.ts";
import { isoBogota, momentoConstruccion } from "../../scripts/lib/content/time.ts";
import { rutas } from "../../scripts/lib/content/paths.ts";
import { escribirAtomico } from "../../scripts/lib/content/escribir.ts";
import { construccionSchema, type Construccion } from "../../scripts/lib/content/schema/construccion.ts";
import { leerRegistros } from "../../scripts/lib/ledger/almacen.ts";
import { huellaEnlaces } from "../../scripts/lib/publish/puerta.ts";
import { imagenSocialConCache } from "../../scripts/lib/images/cache.ts";
import { renderizarLote, type ResultadoLote } from "../../scripts/lib/images/lote.ts";
import { entradaImagenDeNota } from "../../scripts/lib/images/nota.ts";
import { exigirContenidoSeguro } from "../../scripts/lib/content/archivos.ts";
import { codificarFoto, codificarFotos, rutaVariante, type ResultadoFotos } from "../../scripts/lib/images/fotos-web.ts";
import { NOTAS_CARGADAS, type GlobalNotas } from "../lib/cargador.ts";
import { archivosPublicados, imagenesDeNota } from "../lib/fotos.ts";
import { informeTamano, lineasInforme } from "../lib/tamano.ts";
import { tipoDeArchivo } from "../../scripts/lib/servidor/estatico.ts";
import { sinRastroEnErroresConvergente } from "./errores.ts";

// Loaded by astro.config.mjs before it reads the institution config: from then on a bad config or
// note stops the build (or dev server) with its Spanish message alone, no engine trace.
sinRastroEnErroresConvergente();

/** The public notes of this build, read from the content loader (or from disk when it did not run). */
function notasPublicasDeLaConstruccion(institucion: Institucion): Nota[] | undefined {
  // Normally the content loader already read and validated every note; otherwise read them here.
  let notas = (globalThis as GlobalNotas)[NOTAS_CARGADAS];
  if (!notas) {
    const leidas = cargarNotas(institucion);
    if (leidas.problemas.length) return undefined; // The content loader reports them and stops the build.
    notas = leidas.notas;
  }
  const momento = momentoConstruccion();
  return notas.filter((n) => esPublica(n, momento));
}

/** The notes of this build, public or not (from the content loader, or from disk when it did not run). */
function notasDeLaConstruccion(institucion: Institucion): Nota[] {
  return (globalThis as GlobalNotas)[NOTAS_CARGADAS] ?? cargarNotas(institucion).notas;
}

/**
 * What this build shows (construccion.json at the site's root): the commit, the build instant,
 * the later publication instants and the fingerprint of the posts the pages link to. The
 * publishing gate reads it from the deployed site; `prensa publicar --desplegado` posts only what
 * it shows.
 */
export function estadoDeConstruccion(institucion: Institucion): Construccion {
  const r = rutas();
  const instante = momentoConstruccion();
  const git = spawnSync("git", ["rev-parse", "HEAD"], { cwd: r.raiz, encoding: "utf8" });
  const commit = git.status === 0 && /^[0-9a-f]{40}$/.test(git.stdout.trim()) ? git.stdout.trim() : null;
  const proximas = [
    ...new Set(
      notasDeLaConstruccion(institucion)
        .filter((n) => !n.datos.borrador && n.datos.publicar.getTime() > instante.getTime())
        .map((n) => n.datos.publicar.getTime()),
    ),
  ]
    .sort((a, b) => a - b)
    .map((t) => isoBogota(new Date(t)));
  return construccionSchema.parse({
    esquema: 1,
    commit,
    instante: isoBogota(instante),
    proximas,
    enlaces: huellaEnlaces(leerRegistros(r.raiz).values()),
  });
}

/**
 * Build steps of the institutional site that Astro does not do by itself:
 * - the social images (/social/AAAA/MM/<slug>.jpg) of public notes are drawn in worker threads
 *   from the start of the build, so they overlap with bundling and page generation, and are
 *   copied from the cache into the output at the end (no page waits for them). In `astro dev`
 *   a middleware draws them on request;
 * - the photos of public notes (main image and body images) are encoded into their responsive
 *   AVIF and WebP widths (cached in .cache/fotos/) from the start of the build too, and their
 *   versions copied to /imagenes/AAAA/MM/<slug>/ at the end; the uploaded files are not
 *   published. In `astro dev` the same middleware encodes them on request;
 * - the Spanish search index (pagefind) over the built pages. Only pages marked with
 *   data-pagefind-body (public notes) are indexed, so scheduled notes and drafts, which are
 *   never built, never reach the index.
 */
export function convergente(): AstroIntegration {
  let lote: Promise<{ ids: string[]; resultado: ResultadoLote }> | undefined;
  let fotos: Promise<{ notas: Nota[]; resultado: ResultadoFotos }> | undefined;
  return {
    name: "convergente",
    hooks: {
      "astro:server:setup": ({ server }) => {
        server.middlewares.use((pedido, respuesta, siguiente) => {
          const f = /^\/imagenes\/(\d{4})\/(\d{2})\/([a-z0-9-]+)\/([^/?#]+)$/.exec(pedido.url ?? "");
          if (!f) return siguiente();
          const nota = notasPublicasDeLaConstruccion(cargarInstitucion())?.find((n) => n.id === `${f[1]}/${f[2]}/${f[3]}`);
          const archivo = decodeURIComponent(f[4]!);
          const imagen =
            nota &&
            imagenesDeNota(nota).find(({ ruta, plan }) =>
              plan ? plan.variantes.some((v) => v.archivo === archivo) : path.basename(ruta) === archivo,
            );
          if (!nota || !imagen) return siguiente();
          const { plan } = imagen;
          (plan ? codificarFoto(plan, rutas().cache) : Promise.resolve(0)).then(
            () => {
              const publicado = archivosPublicados(nota, (p, v) => rutaVariante(rutas().cache, p, v)).find(
                (a) => a.archivo === archivo,
              );
              if (!publicado) return siguiente();
              respuesta.setHeader("Content-Type", tipoDeArchivo(archivo));
              respuesta.end(readFileSync(publicado.origen));
            },
            (e: unknown) => siguiente(e),
          );
        });
        server.middlewares.use((pedido, respuesta, siguiente) => {
          const m = /^\/social\/(\d{4})\/(\d{2})\/([a-z0-9-]+)\.jpg$/.exec(pedido.url ?? "");
          if (!m) return siguiente();
          const institucion = cargarInstitucion();
          const nota = notasPublicasDeLaConstruccion(institucion)?.find((n) => n.id === `${m[1]}/${m[2]}/${m[3]}`);
          if (!nota) return siguiente();
          imagenSocialConCache(entradaImagenDeNota(nota, institucion), rutas().cache).then(
            ({ jpeg }) => {
              respuesta.setHeader("Content-Type", "image/jpeg");
              respuesta.end(jpeg);
            },
            (e: unknown) => siguiente(e),
          );
        });
      },
      "astro:build:start": ({ logger }) => {
        const institucion = cargarInstitucion();
        // Content files are data, never pointers: stop before any page or image is written.
        exigirContenidoSeguro(notasDeLaConstruccion(institucion), rutas().notas, rutas().raiz);
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
        // Two photos at a time: libvips spreads each encoding over the cores as well.
        fotos = Promise.resolve()
          .then(() =>
            codificarFotos(
              notas.flatMap((n) => imagenesDeNota(n).flatMap((i) => (i.plan ? [i.plan] : []))),
              rutas().cache,
            ),
          )
          .then((resultado) => {
            logger.info(
              `[fotos] ${resultado.fotos} fotos: ${resultado.codificadas} versiones codificadas, ${resultado.desdeCache} desde caché (${(resultado.ms / 1000).toFixed(1)} s).`,
            );
            return { notas, resultado };
          });
        fotos.catch(() => undefined);
      },
      "astro:build:done": async ({ dir, logger }) => {
        const salida = fileURLToPath(dir);
        if (lote) {
          const { ids, resultado } = await lote;
          const t0 = performance.now();
          for (const [i, id] of ids.entries()) {
            const destino = path.join(salida, "social", `${id}.jpg`);
            mkdirSync(path.dirname(destino), { recursive: true });
            copyFileSync(resultado.rutas[i]!, destino, constants.COPYFILE_FICLONE);
          }
          logger.info(`[imagen social] ${ids.length} imágenes copiadas al sitio (${Math.round(performance.now() - t0)} ms).`);
        }
        if (fotos) {
          const { notas } = await fotos;
          const t0 = performance.now();
          let copiadas = 0;
          for (const nota of notas)
            for (const { url, origen } of archivosPublicados(nota, (p, v) => rutaVariante(rutas().cache, p, v))) {
              const destino = path.join(salida, decodeURIComponent(url));
              mkdirSync(path.dirname(destino), { recursive: true });
              copyFileSync(origen, destino, constants.COPYFILE_FICLONE);
              copiadas++;
            }
          logger.info(`[fotos] ${copiadas} archivos copiados al sitio (${Math.round(performance.now() - t0)} ms).`);
        }
        const estado = estadoDeConstruccion(cargarInstitucion());
        escribirAtomico(path.join(salida, "construccion.json"), `${JSON.stringify(estado, null, 2)}\n`);
        logger.info(`construccion.json: commit ${estado.commit ?? "(sin git)"}, instante ${estado.instante}.`);
        const { index, errors } = await pagefind.createIndex({ forceLanguage: "es" });
        if (!index) throw new Error(`No se pudo crear el índice de búsqueda: ${errors.join("; ")}`);
        const agregado = await index.addDirectory({ path: salida });
        if (agregado.errors.length) throw new Error(`Error al indexar el sitio: ${agregado.errors.join("; ")}`);
        await index.writeFiles({ outputPath: `${salida}/pagefind` });
        await pagefind.close();
        logger.info(`Índice de búsqueda: ${agregado.page_count} páginas indexadas.`);
        // What the published site weighs, by kind and projected at 5,000 notes, against Pages' 1 GB.
        const publicas = notasPublicasDeLaConstruccion(cargarInstitucion())?.length ?? 0;
        const tamano = informeTamano(salida, publicas);
        for (const linea of lineasInforme(tamano, publicas)) logger.info(linea);
        if (tamano.aviso) logger.warn(`Aviso: ${tamano.aviso}`);
      },
    },
  };
}
