import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
 * override, plus the given files. Test scenarios are a diff of the real config, never a copy of it.
 */
export function raizCon(opciones: OpcionesRaiz = {}): RaizDePrueba {
  const raiz = mkdtempSync(path.join(tmpdir(), opciones.prefijo ?? "convergente-prueba-"));
  cpSync(path.join(RAIZ, "config"), path.join(raiz, "config"), { recursive: true });
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
