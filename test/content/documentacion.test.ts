import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { RAIZ } from "../../scripts/lib/content/paths.ts";
import { crearEsquemaNota } from "../../scripts/lib/content/schema/nota.ts";
import { institucionSchema } from "../../scripts/lib/content/schema/institucion.ts";
import { cargarInstitucion } from "../../scripts/lib/content/institucion.ts";

const leer = (f: string) => readFileSync(path.join(RAIZ, f), "utf8");

/** Top-level field names of a zod object (through defaults, optionals and effects). */
function campos(esquema: z.ZodType): string[] {
  let s: unknown = esquema;
  for (let i = 0; i < 10; i++) {
    const def = (s as { def?: { type?: string; innerType?: unknown; in?: unknown; schema?: unknown } }).def;
    if (def?.type === "object") break;
    s = def?.innerType ?? def?.in ?? def?.schema;
  }
  return Object.keys((s as z.ZodObject).shape);
}

describe("la documentación nombra cada campo del esquema (una sola fuente de verdad)", () => {
  it("docs/notas.md documenta todos los campos de la nota", () => {
    const doc = leer("docs/notas.md");
    const nombres = campos(crearEsquemaNota(cargarInstitucion()));
    expect(nombres.length).toBeGreaterThan(12);
    for (const c of nombres) expect(doc, c).toContain(`\`${c}\``);
  });
  it("docs/configuracion.md documenta todos los campos de la configuración", () => {
    const doc = leer("docs/configuracion.md");
    for (const c of campos(institucionSchema)) expect(doc, c).toContain(`\`${c}\``);
  });
});
