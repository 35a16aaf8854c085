import path from "node:path";
import { expect } from "vitest";
import type { Red } from "../../scripts/lib/content/schema/redes.ts";
import { ErrorRed } from "../../scripts/lib/networks/tipos.ts";
import { raizCon } from "./raiz.ts";

/** Shared by the network adapters' tests: one sample note, one temp newsroom, one way to catch an ErrorRed. */

/** Id of the sample note every network test publishes. */
export const NOTA_ID = "2026/11/festival-del-campesino";

/** The sample note's MDX for the networks listed in `canales`. */
export function notaDelFestival(canales: readonly Red[]): string {
  return `---
titulo: Cajicá celebra el Festival del Campesino este fin de semana
resumen: La Secretaría de Cultura invita a las familias al parque principal el sábado y el domingo con música y mercado campesino.
publicar: 2026-11-20T08:00:00-05:00
dependencia: secretaria-de-cultura
autor: Oficina de Prensa
etiquetas: [cultura, campo]
canales: [${canales.join(", ")}]
---

El festival reúne a productores de las veredas.
`;
}

/** The same note after it gained one correction (the parade's day). */
export function notaCorregida(canales: readonly Red[]): string {
  return notaDelFestival(canales).replace(
    `canales: [${canales.join(", ")}]`,
    `canales: [${canales.join(", ")}]\ncorrecciones:\n  - fecha: 2026-11-21T09:00:00-05:00\n    descripcion: El desfile es el domingo a las 10:00 a. m., no el sábado.`,
  );
}

export interface RedaccionDePrueba {
  raiz: string;
  /** The note's file. */
  nota: string;
  /** Its publication record's file (content/publicaciones/...). */
  registro: string;
  borrar: () => void;
}

/**
 * A temporary newsroom with only the real config and the sample note, as the publish job checks
 * it out (no build output: `prensa publicar` draws the social image itself).
 */
export function redaccionDePrueba(canales: readonly Red[]): RedaccionDePrueba {
  const { raiz, borrar } = raizCon({
    prefijo: `convergente-${canales.join("-")}-cli-`,
    archivos: { [`content/notas/${NOTA_ID}.mdx`]: notaDelFestival(canales) },
  });
  return {
    raiz,
    nota: path.join(raiz, `content/notas/${NOTA_ID}.mdx`),
    registro: path.join(raiz, `content/publicaciones/${NOTA_ID}.json`),
    borrar,
  };
}

/** Awaits a promise that must fail with an ErrorRed; none of `secretos` may appear in its message or stack. */
export async function errorRedDe(promesa: Promise<unknown>, secretos: readonly string[] = []): Promise<ErrorRed> {
  const error = await promesa.then(
    () => {
      throw new Error("se esperaba un ErrorRed");
    },
    (e: unknown) => e,
  );
  if (!(error instanceof ErrorRed)) throw error;
  for (const s of secretos) {
    expect(error.message).not.toContain(s);
    expect(error.stack ?? "").not.toContain(s);
  }
  return error;
}
