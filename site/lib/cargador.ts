import type { Loader, LoaderContext } from "astro/loaders";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cargarInstitucion } from "../../scripts/lib/content/institucion.ts";
import { cargarNotasOFallar, type Nota } from "../../scripts/lib/content/notas.ts";
import { ErrorConvergente } from "../../scripts/lib/content/problems.ts";
import { problemasDeSeguridad } from "../../scripts/lib/checks/construccion.ts";
import { crearEsquemaNota } from "../../scripts/lib/content/schema/nota.ts";
import { RAIZ, relativa, rutas } from "../../scripts/lib/content/paths.ts";
import { fotoPublicada, planFoto, TAMANOS, urlImagen } from "../../scripts/lib/images/responsiva.ts";
import { renderizarCuerpo, type CuerpoRenderizado, type ImagenPublicada } from "./cuerpo.ts";
import { archivoDelCuerpo, imagenesRelativasDe } from "./fotos.ts";

/**
 * Where the loader leaves the validated notes for the rest of the build (the integration's image
 * batch reads them instead of parsing every note a second time). Content sync runs before
 * `astro:build:start` in the same process.
 */
export const NOTAS_CARGADAS = Symbol.for("convergente.notasCargadas");
export type GlobalNotas = typeof globalThis & { [NOTAS_CARGADAS]?: Nota[] };

/** How many note bodies the last sync rendered and how many it took from the store. */
export interface CuentaCuerpos {
  renderizadas: number;
  reutilizadas: number;
}

/**
 * Everything the HTML of a body depends on besides the note itself: the renderer, the security
 * rules, the allowlisted components and the parser/highlighter versions. A change to any of
 * them renders every body again, also from a store restored by CI.
 */
const FUENTES_RENDERIZADOR = [
  "site/lib/cuerpo.ts",
  "site/lib/cargador.ts",
  "site/lib/fotos.ts",
  "scripts/lib/images/responsiva.ts",
  "scripts/lib/checks/seguridad.ts",
  "site/components/mdx/html.ts",
  "node_modules/satteri/package.json",
  "node_modules/shiki/package.json",
  "node_modules/astro/package.json",
];
let versionRenderizador: string | undefined;
function versionDelRenderizador(): string {
  if (versionRenderizador) return versionRenderizador;
  const h = createHash("sha256");
  for (const f of FUENTES_RENDERIZADOR) {
    const p = path.join(RAIZ, f);
    h.update(f).update(existsSync(p) ? readFileSync(p) : "");
  }
  return (versionRenderizador = h.digest("hex").slice(0, 16));
}

/** Metadata kept with each rendered body: Astro's fields plus what decides whether it can be reused. */
type Metadatos = CuerpoRenderizado["metadata"] & { clave: string };

/**
 * Content loader for the notes. It reads and validates every note with the same module the CLI
 * uses (Spanish errors naming file, line, field and fix) and stops the build on any problem.
 * Each body is rendered to HTML here, once, and kept in Astro's content layer store as the
 * entry's `rendered` value (like the glob loader does for Markdown), keyed by a digest: an
 * unchanged note is neither validated into the store again nor rendered again on the next
 * build, and Astro compiles no module per note.
 * https://docs.astro.build/en/reference/content-loader-reference/#rendered
 * In `astro dev` it watches the notes, their images and config/, and updates only the entries
 * that changed (like the glob loader's watcher).
 */
export function cargadorNotas(): Loader {
  const institucion = cargarInstitucion();
  return {
    name: "convergente-notas",
    schema: crearEsquemaNota(institucion),
    load: async (contexto) => {
      const cuenta = await sincronizar(contexto);
      contexto.logger.info(`notas renderizadas: ${cuenta.renderizadas}, reutilizadas: ${cuenta.reutilizadas}`);
      vigilar(contexto);
    },
  };
}

/** Brings the store in line with the notes on disk; renders only bodies that changed. */
export async function sincronizar(contexto: LoaderContext): Promise<CuentaCuerpos> {
  const { store } = contexto;
  const r = rutas();
  const institucion = cargarInstitucion();
  const notas = cargarNotasOFallar(institucion, { raiz: r.raiz });
  (globalThis as GlobalNotas)[NOTAS_CARGADAS] = notas;
  const version = versionDelRenderizador();
  const configuracion = existsSync(r.config) ? readFileSync(r.config, "utf8") : "";

  // Entries whose file, config and renderer are all unchanged are left as they are.
  const cambiadas: { nota: Nota; digest: string; claveCuerpo: string }[] = [];
  const cuenta: CuentaCuerpos = { renderizadas: 0, reutilizadas: 0 };
  for (const nota of notas) {
    const claveCuerpo = contexto.generateDigest(`${version}\0${nota.cuerpo}\0${huellaImagenesCuerpo(nota)}`);
    const digest = contexto.generateDigest(`${claveCuerpo}\0${nota.texto}\0${configuracion}`);
    if (store.get(nota.id)?.digest === digest) cuenta.reutilizadas++;
    else cambiadas.push({ nota, digest, claveCuerpo });
  }
  // Only new or changed bodies need the security check again: an unchanged body passed it when
  // it was stored, under the same rules (the rules are part of the digest).
  const inseguros = problemasDeSeguridad(cambiadas.map((c) => c.nota));
  if (inseguros.length)
    throw new ErrorConvergente("Hay notas con código que no se permite en el sitio; corríjalas para continuar:", inseguros);

  const raizAstro = fileURLToPath(contexto.config.root);
  for (const { nota, digest, claveCuerpo } of cambiadas) {
    const previa = store.get(nota.id)?.rendered;
    let rendered: { html: string; metadata: Metadatos };
    if (previa?.metadata?.clave === claveCuerpo) {
      // Only the frontmatter or the config changed: the body's HTML is still right.
      rendered = previa as { html: string; metadata: Metadatos };
      cuenta.reutilizadas++;
    } else {
      const cuerpo = await renderizarCuerpo(nota.cuerpo, { imagen: (src) => imagenDelCuerpo(nota, src) });
      rendered = { html: cuerpo.html, metadata: { ...cuerpo.metadata, clave: claveCuerpo } };
      cuenta.renderizadas++;
    }
    const data = await contexto.parseData({ id: nota.id, data: nota.datos, filePath: nota.ruta });
    store.set({
      id: nota.id,
      data,
      body: nota.cuerpo,
      // Relative to Astro's root, which differs from the content root when PRENSA_RAIZ is set.
      filePath: relativa(raizAstro, nota.ruta),
      digest,
      rendered,
    });
  }
  // Notes deleted or moved since the store was written.
  const vigentes = new Set(notas.map((n) => n.id));
  for (const id of store.keys()) if (!vigentes.has(id)) store.delete(id);
  return cuenta;
}

/**
 * The <picture> attributes of a body image written relative to the note (`![...](foto.jpg)`, a
 * file next to it), published in the note's image folder /imagenes/AAAA/MM/<slug>/ (the
 * integration copies the files for public notes only). A PNG or JPEG gets its AVIF and WebP
 * widths (responsiva.ts); another file keeps its name. Undefined for a file that is not there,
 * so the address stays as written.
 */
export function imagenDelCuerpo(nota: Pick<Nota, "anio" | "mes" | "slug" | "ruta">, src: string): ImagenPublicada | undefined {
  const ruta = archivoDelCuerpo(nota, src);
  if (!ruta) return undefined;
  const plan = planFoto(ruta);
  if (!plan) return { src: urlImagen(nota, path.basename(ruta)) };
  const { avif, ...foto } = fotoPublicada(plan, nota);
  return { ...foto, avif, sizes: TAMANOS.nota };
}

/** Content hash of the images a body shows next to the note (their published sizes are in the HTML). */
function huellaImagenesCuerpo(nota: Nota): string {
  const h = createHash("sha256");
  for (const src of imagenesRelativasDe(nota.cuerpo)) {
    const p = path.resolve(path.dirname(nota.ruta), decodeURI(src));
    h.update(src).update(existsSync(p) ? readFileSync(p) : "-");
  }
  return h.digest("hex").slice(0, 16);
}

/** In `astro dev`: re-syncs when a note, a file next to a note, or the config changes. */
function vigilar(contexto: LoaderContext): void {
  const { watcher, logger } = contexto;
  if (!watcher) return;
  const r = rutas();
  const carpetas = [r.notas, path.dirname(r.config)];
  watcher.add(carpetas);
  let pendiente: Promise<void> = Promise.resolve();
  let programado: NodeJS.Timeout | undefined;
  const alCambiar = (archivo: string) => {
    if (!carpetas.some((c) => archivo === c || archivo.startsWith(c + path.sep))) return;
    clearTimeout(programado);
    // Editors write a file in several steps; one sync after they settle.
    programado = setTimeout(() => {
      pendiente = pendiente.then(async () => {
        try {
          const cuenta = await sincronizar(contexto);
          logger.info(
            `${relativa(r.raiz, archivo)}: notas renderizadas: ${cuenta.renderizadas}, reutilizadas: ${cuenta.reutilizadas}`,
          );
        } catch (e) {
          logger.error((e as Error).message);
        }
      });
    }, 50);
  };
  watcher.on("change", alCambiar);
  watcher.on("add", alCambiar);
  watcher.on("unlink", alCambiar);
}
