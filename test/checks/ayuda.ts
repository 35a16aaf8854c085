import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { validar } from "../../scripts/lib/checks/ejecutar.ts";
import type { Hallazgo } from "../../scripts/lib/checks/tipos.ts";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const FIXTURES = path.join(REPO, "test/checks/fixtures");
export const BASE = path.join(FIXTURES, "una-sala-de-prensa-de-cajica");
export const AHORA = "2026-11-20T12:00:00-05:00";

/** A temp repository root: the base newsroom (config and one correct note) plus a scenario's notes. */
export function raizCon(...escenarios: string[]): string {
  const raiz = mkdtempSync(path.join(tmpdir(), "validar-"));
  cpSync(BASE, raiz, { recursive: true });
  for (const e of escenarios) cpSync(path.join(FIXTURES, e), raiz, { recursive: true });
  return raiz;
}

/** Runs the checks in-process over a root. */
export function validarEn(raiz: string, opciones: { rutas?: string[]; base?: string } = {}): Hallazgo[] {
  return validar({ raiz, ahora: new Date(AHORA), ...opciones }).hallazgos;
}

/** Runs the real CLI entry point. */
export function prensa(raiz: string, args: string[], cwd = REPO) {
  const r = spawnSync(process.execPath, [path.join(REPO, "scripts/prensa.ts"), ...args], {
    cwd,
    env: { ...process.env, PRENSA_RAIZ: raiz, PRENSA_AHORA: AHORA },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { codigo: r.status, salida: r.stdout, error: r.stderr };
}

export const reglas = (hs: Hallazgo[], archivo?: string) =>
  hs.filter((h) => !archivo || h.archivo.endsWith(archivo)).map((h) => `${h.severidad} ${h.regla}`);
