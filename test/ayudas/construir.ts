import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { RAIZ } from "../../scripts/lib/content/paths.ts";

export interface Construccion {
  codigo: number;
  salida: string;
  carpeta: string;
  registro: string;
}

/** Builds the site with the real `astro build` for a content copy (PRENSA_RAIZ) at a fixed "now". */
export function construirSitio(raiz: string, ahora: string, env: Record<string, string> = {}): Construccion {
  const carpeta = mkdtempSync(path.join(tmpdir(), "convergente-sitio-"));
  const r = spawnSync(process.execPath, [path.join(RAIZ, "node_modules/astro/bin/astro.mjs"), "build"], {
    cwd: RAIZ,
    env: {
      ...process.env,
      TZ: "America/Bogota",
      ASTRO_TELEMETRY_DISABLED: "1",
      PRENSA_RAIZ: raiz,
      PRENSA_AHORA: ahora,
      PRENSA_SALIDA: carpeta,
      PRENSA_CACHE_ASTRO: path.join(raiz, ".cache/astro"),
      ...env,
    },
    encoding: "utf8",
    timeout: 600_000,
  });
  return { codigo: r.status ?? -1, salida: carpeta, carpeta, registro: `${r.stdout}\n${r.stderr}` };
}
