/**
 * Removes the sample's fictional data when an entity adopts Convergente:
 *   node scripts/muestras/quitar-muestra.ts [--raiz CARPETA]
 * Deletes every publication record (content/publicaciones/AAAA/MM/*.json) and every report data
 * file (content/reportes/datos/AAAA/MM/*.json: metrics snapshots, requests) whose data says
 * `"ejemplo": true` (what scripts/muestras/generar-publicaciones.ts and the sample report write),
 * every monthly report folder (content/reportes/AAAA/MM/) whose informe.mdx frontmatter says
 * `ejemplo: true`, and the folders left empty. Real records, data and reports (without that mark)
 * are never touched, nor anything else.
 */
import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { relativa, rutas } from "../lib/content/paths.ts";

/** Whether a JSON file's top level says `"ejemplo": true` (unreadable files are not sample data). */
function esDeMuestra(archivo: string): boolean {
  try {
    const datos: unknown = JSON.parse(readFileSync(archivo, "utf8"));
    return typeof datos === "object" && datos !== null && (datos as { ejemplo?: unknown }).ejemplo === true;
  } catch {
    return false;
  }
}

/** Whether a report's informe.mdx frontmatter says `ejemplo: true`. */
function informeDeMuestra(archivo: string): boolean {
  try {
    const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(archivo, "utf8"))?.[1] ?? "";
    return /^ejemplo:\s*true\s*$/m.test(frontmatter);
  } catch {
    return false;
  }
}

/** Removes the folder's empty subfolders (deepest first); the folder itself stays. */
function podarVacias(carpeta: string): void {
  for (const e of readdirSync(carpeta, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const sub = path.join(carpeta, e.name);
    podarVacias(sub);
    if (readdirSync(sub).length === 0) rmdirSync(sub);
  }
}

/** Deletes the sample records, report data and reports under `raiz`; returns the paths removed (relative, sorted). */
export function quitarMuestra(raiz: string): string[] {
  const r = rutas(raiz);
  const quitados: string[] = [];
  if (existsSync(r.reportes)) {
    for (const nombre of readdirSync(r.reportes, { recursive: true }) as string[]) {
      const archivo = path.join(r.reportes, nombre);
      if (!/^\d{4}[\\/]\d{2}[\\/]informe\.mdx$/.test(nombre) || !informeDeMuestra(archivo)) continue;
      rmSync(path.dirname(archivo), { recursive: true });
      quitados.push(`${relativa(raiz, path.dirname(archivo))}/`);
    }
  }
  const carpetas = [r.publicaciones, path.join(r.reportes, "datos")];
  for (const base of carpetas) {
    if (!existsSync(base)) continue;
    for (const nombre of readdirSync(base, { recursive: true }) as string[]) {
      const archivo = path.join(base, nombre);
      if (!nombre.endsWith(".json") || !esDeMuestra(archivo)) continue;
      rmSync(archivo);
      quitados.push(relativa(raiz, archivo));
    }
  }
  for (const base of [r.publicaciones, r.reportes]) if (existsSync(base)) podarVacias(base);
  return quitados.sort();
}

function principal(): number {
  const { values } = parseArgs({ options: { raiz: { type: "string" } } });
  const raiz = rutas(values.raiz ? path.resolve(values.raiz) : undefined).raiz;
  const quitados = quitarMuestra(raiz);
  const registros = quitados.filter((f) => f.startsWith("content/publicaciones/")).length;
  const informes = quitados.filter((f) => f.endsWith("/")).length;
  process.stdout.write(
    `Se quitaron ${registros} registros de publicaciones, ${quitados.length - registros - informes} archivos de datos de los informes y ${informes} informes de muestra.\n`,
  );
  return 0;
}

// Only when run as a program: the test imports quitarMuestra.
if (import.meta.main) process.exitCode = principal();
