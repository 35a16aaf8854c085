import { fileURLToPath } from "node:url";
import path from "node:path";

/** Repository root (two levels above scripts/lib/content). */
export const RAIZ = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** Folders of the repository, relative to a root (tests pass a temp copy). */
export function rutas(raiz: string = process.env.PRENSA_RAIZ ?? RAIZ) {
  return {
    raiz,
    config: path.join(raiz, "config/institucion.yaml"),
    notas: path.join(raiz, "content/notas"),
    reportes: path.join(raiz, "content/reportes"),
    publicaciones: path.join(raiz, "content/publicaciones"),
    buzon: path.join(raiz, "salida/buzon"),
    cache: path.join(raiz, ".cache"),
  };
}

/** Relative path with forward slashes, as shown in messages. */
export const relativa = (raiz: string, archivo: string): string => path.relative(raiz, archivo).split(path.sep).join("/");
