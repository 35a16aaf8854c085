import path from "node:path";
import { validar } from "../../scripts/lib/checks/ejecutar.ts";
import type { Hallazgo } from "../../scripts/lib/checks/tipos.ts";
import { RAIZ } from "../../scripts/lib/content/paths.ts";
import { raizCon } from "./raiz.ts";

/** Shared by the checks' tests (`prensa validar`): their scenarios, clock and readers of findings. */

const FIXTURES = path.join(RAIZ, "test/checks/fixtures");
export const AHORA = "2026-11-20T12:00:00-05:00";

/**
 * A temp root with the real config, the base newsroom's one correct note
 * (test/checks/fixtures/una-sala-de-prensa-de-cajica) and the notes of the named scenarios.
 */
export function redaccionCon(...escenarios: string[]): string {
  return raizCon({
    prefijo: "validar-",
    capas: ["una-sala-de-prensa-de-cajica", ...escenarios].map((e) => path.join(FIXTURES, e)),
  }).raiz;
}

/** Runs the checks in-process over a root. */
export function validarEn(raiz: string, opciones: { rutas?: string[]; base?: string } = {}): Hallazgo[] {
  return validar({ raiz, ahora: new Date(AHORA), ...opciones }).hallazgos;
}

export const reglas = (hs: Hallazgo[], archivo?: string) =>
  hs.filter((h) => !archivo || h.archivo.endsWith(archivo)).map((h) => `${h.severidad} ${h.regla}`);

/** The environment of `prensa validar` over a root, at the checks' clock. */
export const entornoDe = (raiz: string) => ({ PRENSA_RAIZ: raiz, PRENSA_AHORA: AHORA });
