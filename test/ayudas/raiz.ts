import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse, stringify } from "yaml";
import { RAIZ } from "../../scripts/lib/content/paths.ts";

/** The repository root (the one name tests use for it). */
export { RAIZ };

/** A part of config/institucion.yaml to change: objects merge key by key; arrays and values replace; `undefined` removes. */
export type CambiosConfig = { [clave: string]: unknown };

export interface OpcionesRaiz {
  /** Small override of the real config (e.g. `{ redes: { facebook: { opciones: { paginaId: "x" } } } }`). */
  config?: CambiosConfig;
  /** Extra files, by path relative to the root (notes, records...). */
  archivos?: Record<string, string | Uint8Array>;
  /** Other paths of the real repository to copy too (e.g. `["content"]`, `[".github"]`). */
  delRepositorio?: string[];
  /**
   * Fixture folders copied onto the root in order (a later one overwrites an earlier one's files):
   * a folder laid out like the repository, or `{ carpeta, en }` to copy one under a path such as
   * `content/notas`. Fixtures hold notes and records, never a copy of config/.
   */
  capas?: (string | { carpeta: string; en: string })[];
  /** Prefix of the temp folder's name. */
  prefijo?: string;
}

export interface RaizDePrueba {
  raiz: string;
  borrar: () => void;
}

function mezclar(base: unknown, cambios: unknown): unknown {
  if (typeof base !== "object" || base === null || Array.isArray(base)) return cambios;
  if (typeof cambios !== "object" || cambios === null || Array.isArray(cambios)) return cambios;
  const salida: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [clave, valor] of Object.entries(cambios)) {
    if (valor === undefined) delete salida[clave];
    else salida[clave] = mezclar(salida[clave], valor);
  }
  return salida;
}

/**
 * A temp root with a copy of the real config/ (so fixtures never drift from it) changed by a small
 * override, plus the given repository paths, fixture folders and files (in that order). Test
 * scenarios are a diff of the real config, never a copy of it. The one temp-root maker of the tests.
 */
export function raizCon(opciones: OpcionesRaiz = {}): RaizDePrueba {
  const raiz = mkdtempSync(path.join(tmpdir(), opciones.prefijo ?? "convergente-prueba-"));
  cpSync(path.join(RAIZ, "config"), path.join(raiz, "config"), { recursive: true });
  for (const relativa of opciones.delRepositorio ?? []) {
    cpSync(path.join(RAIZ, relativa), path.join(raiz, relativa), { recursive: true });
  }
  for (const capa of opciones.capas ?? []) {
    const { carpeta, en } = typeof capa === "string" ? { carpeta: capa, en: "." } : capa;
    if (existsSync(path.join(carpeta, "config")))
      throw new Error(`${carpeta} trae su propia config/: describa el escenario con raizCon({ config: {…} })`);
    cpSync(carpeta, path.join(raiz, en), { recursive: true });
  }
  if (opciones.config) {
    const archivo = path.join(raiz, "config/institucion.yaml");
    writeFileSync(archivo, stringify(mezclar(parse(readFileSync(archivo, "utf8")), opciones.config)));
  }
  for (const [relativa, contenido] of Object.entries(opciones.archivos ?? {})) {
    const destino = path.join(raiz, relativa);
    mkdirSync(path.dirname(destino), { recursive: true });
    writeFileSync(destino, contenido);
  }
  return { raiz, borrar: () => rmSync(raiz, { recursive: true, force: true }) };
}
