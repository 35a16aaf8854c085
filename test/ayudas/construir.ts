import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { RAIZ } from "../../scripts/lib/content/paths.ts";

export interface Construccion {
  codigo: number;
  salida: string;
  carpeta: string;
  registro: string;
}

const CERROJO = path.join(RAIZ, "node_modules/.convergente-construccion.lock");

/**
 * Astro writes generated modules to <root>/.astro/, shared by every build (and dev server) of
 * this checkout, so they take turns across parallel test files: a lock directory, stale after
 * 15 minutes. tomarCerrojo() blocks until it is free; call soltarCerrojo() when done.
 */
export function tomarCerrojo(): void {
  const espera = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      mkdirSync(CERROJO);
      return;
    } catch {
      try {
        if (Date.now() - statSync(CERROJO).mtimeMs > 15 * 60_000) rmSync(CERROJO, { recursive: true, force: true });
      } catch {
        // The holder released it in between.
      }
      Atomics.wait(espera, 0, 0, 300);
    }
  }
}

export function soltarCerrojo(): void {
  rmSync(CERROJO, { recursive: true, force: true });
}

function conCerrojo<T>(fn: () => T): T {
  tomarCerrojo();
  try {
    return fn();
  } finally {
    soltarCerrojo();
  }
}

/** Builds the site with the real `astro build` for a content copy (PRENSA_RAIZ) at a fixed "now". */
export function construirSitio(raiz: string, ahora: string, env: Record<string, string> = {}): Construccion {
  const carpeta = mkdtempSync(path.join(tmpdir(), "convergente-sitio-"));
  const r = conCerrojo(() =>
    spawnSync(process.execPath, [path.join(RAIZ, "node_modules/astro/bin/astro.mjs"), "build"], {
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
    }),
  );
  return { codigo: r.status ?? -1, salida: carpeta, carpeta, registro: `${r.stdout}\n${r.stderr}` };
}
