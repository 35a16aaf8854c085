import type { Loader } from "astro/loaders";
import { cargarInstitucion } from "../../scripts/lib/content/institucion.ts";
import { cargarNotasOFallar, type Nota } from "../../scripts/lib/content/notas.ts";
import { ErrorConvergente } from "../../scripts/lib/content/problems.ts";
import { problemasDeSeguridad } from "../../scripts/lib/checks/construccion.ts";
import { crearEsquemaNota } from "../../scripts/lib/content/schema/nota.ts";
import { fileURLToPath } from "node:url";
import { relativa, rutas } from "../../scripts/lib/content/paths.ts";

/**
 * Where the loader leaves the validated notes for the rest of the build (the integration's image
 * batch reads them instead of parsing every note a second time). Content sync runs before
 * `astro:build:start` in the same process.
 */
export const NOTAS_CARGADAS = Symbol.for("convergente.notasCargadas");
export type GlobalNotas = typeof globalThis & { [NOTAS_CARGADAS]?: Nota[] };

/**
 * Content loader for the notes. It reads and validates every note with the same module the CLI
 * uses (Spanish errors naming file, line, field and fix) and stops the build on any problem.
 * MDX bodies are rendered later by @astrojs/mdx (deferred render).
 */
export function cargadorNotas(): Loader {
  const institucion = cargarInstitucion();
  return {
    name: "convergente-notas",
    schema: crearEsquemaNota(institucion),
    load: async (contexto) => {
      const { store } = contexto;
      const r = rutas();
      const notas = cargarNotasOFallar(institucion, { raiz: r.raiz });
      const inseguros = problemasDeSeguridad(notas);
      if (inseguros.length)
        throw new ErrorConvergente("Hay notas con código que no se permite en el sitio; corríjalas para continuar:", inseguros);
      (globalThis as GlobalNotas)[NOTAS_CARGADAS] = notas;
      store.clear();
      for (const nota of notas) {
        const data = await contexto.parseData({ id: nota.id, data: nota.datos, filePath: nota.ruta });
        store.set({
          id: nota.id,
          data,
          body: nota.cuerpo,
          // Relative to Astro's root, which differs from the content root when PRENSA_RAIZ is set.
          filePath: relativa(fileURLToPath(contexto.config.root), nota.ruta),
          digest: contexto.generateDigest(nota.texto),
          deferredRender: true,
        });
      }
    },
  };
}
