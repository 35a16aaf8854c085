import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { RAIZ, rutas } from "../../scripts/lib/content/paths.ts";
import { ahora, parseFechaPublicacion } from "../../scripts/lib/content/time.ts";
import { slugDe } from "../../scripts/lib/content/escribir.ts";

/**
 * "Última actualización" of every page and the sitemap's <lastmod>, from one source: the date of
 * the last commit that touched each note and each editable page (one `git log` over content/ per
 * build), falling back to the file's own dates when the content has no git history (a temporary
 * copy, a fresh download). Listing pages take the newest date among the notes they list.
 */
export interface Actualizaciones {
  /** Last update of a page by its path ("/noticias/2026/11/festival-campesino/"). */
  de(ruta: string): Date;
}

/** Folder of the editable pages (content/paginas): the content root's, else the repository's. */
export function carpetaPaginas(raiz: string = rutas().raiz): string {
  const propia = path.join(raiz, "content/paginas");
  return existsSync(propia) ? propia : path.join(RAIZ, "content/paginas");
}

/**
 * Newest commit date per file under `carpeta` (keys relative to it, "2026/11/nota.mdx"), from a
 * single `git log`; empty without git history.
 */
export function fechasDeGit(carpeta: string): Map<string, Date> {
  const fechas = new Map<string, Date>();
  if (!existsSync(carpeta)) return fechas;
  const dentro = spawnSync("git", ["rev-parse", "--is-inside-work-tree"], { cwd: carpeta, encoding: "utf8" });
  if (dentro.status !== 0) return fechas;
  const prefijo = spawnSync("git", ["rev-parse", "--show-prefix"], { cwd: carpeta, encoding: "utf8" }).stdout.trim();
  // In a shallow clone the oldest commit present lists every file as if added then: those dates are
  // not real, so files seen only there fall back to their own dates.
  const rutaShallow = spawnSync("git", ["rev-parse", "--path-format=absolute", "--git-path", "shallow"], {
    cwd: carpeta,
    encoding: "utf8",
  });
  const frontera = new Set(
    rutaShallow.status === 0 && existsSync(rutaShallow.stdout.trim())
      ? readFileSync(rutaShallow.stdout.trim(), "utf8").split("\n").filter(Boolean)
      : [],
  );
  const r = spawnSync("git", ["log", "--format=%x00%H %cI", "--name-only", "--no-renames", "--", "."], {
    cwd: carpeta,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) return fechas;
  let actual: Date | undefined;
  for (const linea of r.stdout.split("\n")) {
    if (linea.startsWith("\0")) {
      const [commit, fecha] = linea.slice(1).split(" ");
      actual = frontera.has(commit!) ? undefined : new Date(fecha!);
    } else if (linea && actual && linea.startsWith(prefijo)) {
      const clave = linea.slice(prefijo.length);
      if (!fechas.has(clave)) fechas.set(clave, actual);
    }
  }
  return fechas;
}

function archivos(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(ext))
    .map((f) => path.join(dir, f));
}

function frontmatter(archivo: string): Record<string, unknown> {
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(archivo, "utf8"));
  try {
    return m ? ((parse(m[1]!) as Record<string, unknown> | null) ?? {}) : {};
  } catch {
    // A broken frontmatter is reported by the loader with its line; here it only loses its fallback date.
    return {};
  }
}

const fecha = (v: unknown): Date | undefined =>
  typeof v === "string" || v instanceof Date ? parseFechaPublicacion(v) : undefined;

/** The facts of a note that move dates, from the loader's validated notes or from the file. */
interface FechasNota {
  /** Path relative to content/notas: "2026/11/festival-campesino.mdx". */
  relativa: string;
  publicar?: Date;
  borrador: boolean;
  correcciones: (Date | undefined)[];
  dependencia?: string;
  etiquetas: string[];
}

/** The notes the content loader already validated this build (site/lib/cargador.ts), if any. */
function notasDelCargador(carpetaNotas: string): FechasNota[] | undefined {
  const cargadas = (globalThis as Record<symbol, unknown>)[Symbol.for("convergente.notasCargadas")] as
    | {
        ruta: string;
        datos: { publicar: Date; borrador: boolean; correcciones: { fecha: Date }[]; dependencia: string; etiquetas: string[] };
      }[]
    | undefined;
  if (!cargadas) return undefined;
  return cargadas.map((n) => ({
    relativa: path.relative(carpetaNotas, n.ruta).split(path.sep).join("/"),
    publicar: n.datos.publicar,
    borrador: n.datos.borrador,
    correcciones: n.datos.correcciones.map((c) => c.fecha),
    dependencia: n.datos.dependencia,
    etiquetas: n.datos.etiquetas,
  }));
}

/** Outside a build (no loader ran): read the few fields from each note's frontmatter. */
function notasDeArchivos(carpetaNotas: string): FechasNota[] {
  return archivos(carpetaNotas, ".mdx").map((archivo) => {
    const datos = frontmatter(archivo);
    const correcciones = Array.isArray(datos.correcciones) ? (datos.correcciones as { fecha?: unknown }[]) : [];
    return {
      relativa: path.relative(carpetaNotas, archivo).split(path.sep).join("/"),
      publicar: fecha(datos.publicar),
      borrador: datos.borrador === true,
      correcciones: correcciones.map((c) => fecha(c.fecha)),
      dependencia: typeof datos.dependencia === "string" ? datos.dependencia : undefined,
      etiquetas: (Array.isArray(datos.etiquetas) ? datos.etiquetas : []).filter((e): e is string => typeof e === "string"),
    };
  });
}

function calcular(raiz: string, momento: Date): Actualizaciones {
  const r = rutas(raiz);
  const paginas = carpetaPaginas(raiz);
  const gitNotas = fechasDeGit(r.notas);
  const gitPaginas = fechasDeGit(paginas);
  const porRuta = new Map<string, Date>();
  const subir = (ruta: string, fecha: Date) => {
    // Never after the build instant (a preview built for a past moment from a newer checkout).
    const d = fecha > momento ? momento : fecha;
    const previa = porRuta.get(ruta);
    if (!previa || previa < d) porRuta.set(ruta, d);
  };
  let masReciente: Date | undefined;
  for (const nota of notasDelCargador(r.notas) ?? notasDeArchivos(r.notas)) {
    const publicar = nota.publicar;
    // Only public notes count: a draft or a scheduled note must not move any date a citizen sees.
    if (!publicar || nota.borrador || publicar > momento) continue;
    const propia = nota.correcciones
      .filter((d): d is Date => d !== undefined && d <= momento)
      .reduce((a, b) => (a > b ? a : b), publicar);
    // A note committed before its publication date was updated, for a citizen, when it came out.
    const enGit = gitNotas.get(nota.relativa);
    const d = enGit && enGit > propia ? enGit : propia;
    const [anio, mes, slug] = nota.relativa.replace(/\.mdx$/, "").split("/");
    subir(`/noticias/${anio}/${mes}/${slug}/`, d);
    subir(`/noticias/${anio}/${mes}/`, d);
    if (nota.dependencia) subir(`/dependencias/${nota.dependencia}/`, d);
    for (const e of nota.etiquetas) subir(`/etiquetas/${slugDe(e)}/`, d);
    if (!masReciente || masReciente < d) masReciente = d > momento ? momento : d;
  }
  for (const archivo of archivos(paginas, ".mdx")) {
    const d = gitPaginas.get(path.basename(archivo)) ?? fecha(frontmatter(archivo).actualizado);
    if (d) subir(`/${path.basename(archivo, ".mdx")}/`, d);
  }
  const respaldo = masReciente ?? momento;
  return { de: (ruta) => porRuta.get(ruta) ?? respaldo };
}

/**
 * The dates of this build, computed once per process and content root: the sitemap (astro.config)
 * and the pages (Base.astro) run in the same build process and share this value.
 */
export function actualizaciones(raiz: string = rutas().raiz): Actualizaciones {
  const g = globalThis as { __convergenteActualizaciones?: Map<string, Actualizaciones> };
  g.__convergenteActualizaciones ??= new Map();
  const momento = ahora();
  const clave = `${raiz}\0${momento.toISOString().slice(0, 13)}`;
  let valor = g.__convergenteActualizaciones.get(clave);
  if (!valor) {
    valor = calcular(raiz, momento);
    g.__convergenteActualizaciones.set(clave, valor);
  }
  return valor;
}
