import { cpSync, mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { RAIZ } from "../../scripts/lib/content/paths.ts";

/**
 * A temporary copy of the repository's content (config + content/), optionally replacing the
 * notes with a fixture folder. Tests run commands against it with PRENSA_RAIZ.
 */
export function copiaDeRepositorio(opciones: { notas?: string; sinNotas?: boolean } = {}): { raiz: string; borrar(): void } {
  const raiz = mkdtempSync(path.join(tmpdir(), "convergente-"));
  cpSync(path.join(RAIZ, "config"), path.join(raiz, "config"), { recursive: true });
  if (!opciones.notas && !opciones.sinNotas) cpSync(path.join(RAIZ, "content"), path.join(raiz, "content"), { recursive: true });
  if (opciones.notas) cpSync(opciones.notas, path.join(raiz, "content/notas"), { recursive: true });
  for (const sub of ["content/reportes", "content/publicaciones"]) {
    const origen = path.join(RAIZ, sub);
    if (opciones.notas && existsSync(origen)) cpSync(origen, path.join(raiz, sub), { recursive: true });
  }
  return { raiz, borrar: () => rmSync(raiz, { recursive: true, force: true }) };
}
