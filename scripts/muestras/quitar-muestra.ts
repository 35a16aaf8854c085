/**
 * Removes the sample's fictional data when an entity adopts Convergente:
 *   node scripts/muestras/quitar-muestra.ts [--raiz CARPETA]
 * Deletes every publication record (content/publicaciones/AAAA/MM/*.json) and every metrics
 * snapshot (content/reportes/datos/AAAA/MM/metricas-*.json) whose data says `"ejemplo": true`
 * (what scripts/muestras/generar-publicaciones.ts writes), and the folders left empty. Real
 * records and snapshots (without that mark) are never touched, nor anything else.
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

/** Removes the folder's empty subfolders (deepest first); the folder itself stays. */
function podarVacias(carpeta: string): void {
  for (const e of readdirSync(carpeta, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const sub = path.join(carpeta, e.name);
    podarVacias(sub);
    if (readdirSync(sub).length === 0) rmdirSync(sub);
  }
}

/** Deletes the sample records and snapshots under `raiz`; returns their paths (relative, sorted). */
export function quitarMuestra(raiz: string): string[] {
  const r = rutas(raiz);
  const carpetas = [r.publicaciones, path.join(r.reportes, "datos")];
  const quitados: string[] = [];
  for (const base of carpetas) {
    if (!existsSync(base)) continue;
    for (const nombre of readdirSync(base, { recursive: true }) as string[]) {
      const archivo = path.join(base, nombre);
      if (!nombre.endsWith(".json") || !esDeMuestra(archivo)) continue;
      rmSync(archivo);
      quitados.push(relativa(raiz, archivo));
    }
    podarVacias(base);
  }
  return quitados.sort();
}

function principal(): number {
  const { values } = parseArgs({ options: { raiz: { type: "string" } } });
  const raiz = rutas(values.raiz ? path.resolve(values.raiz) : undefined).raiz;
  const quitados = quitarMuestra(raiz);
  const registros = quitados.filter((f) => f.startsWith("content/publicaciones/")).length;
  process.stdout.write(
    `Se quitaron ${registros} registros de publicaciones y ${quitados.length - registros} fotos de métricas de muestra.\n`,
  );
  return 0;
}

// Only when run as a program: the test imports quitarMuestra.
if (import.meta.main) process.exitCode = principal();
