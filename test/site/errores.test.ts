import { describe, it, expect, afterEach } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { hostname } from "node:os";
import { raizCon } from "../ayudas/raiz.ts";
import { construirSitio } from "../ayudas/construir.ts";

const FIXTURES = path.join(import.meta.dirname, "../content/fixtures");

/** The build stopped with the Spanish message alone: no engine trace, no path inside node_modules. */
function sinRastrosTecnicos(registro: string) {
  expect(registro).not.toContain("Stack trace");
  expect(registro).not.toContain("Location:");
  expect(registro).not.toMatch(/node_modules/);
  expect(registro).not.toMatch(/^\s+at /m);
}
const copias: { borrar(): void }[] = [];
afterEach(() => copias.splice(0).forEach((c) => c.borrar()));

describe("la construcción se detiene con un mensaje en español ante datos inválidos", () => {
  it("una nota con una dependencia desconocida detiene astro build y dice archivo, línea, campo y arreglo", () => {
    const copia = raizCon({
      capas: [{ carpeta: path.join(FIXTURES, "una-nota-con-una-dependencia-desconocida"), en: "content/notas" }],
    });
    copias.push(copia);
    const r = construirSitio(copia.raiz, "2026-11-28T12:00:00-05:00");
    expect(r.codigo).not.toBe(0);
    expect(r.registro).toContain("Hay 1 problema en las notas; corríjalos para continuar:");
    expect(r.registro).toContain("content/notas/2026/11/escuela.mdx:5:1: campo «dependencia»: no es una dependencia configurada");
    expect(r.registro).toContain("Arreglo: copie el id exacto de una dependencia");
    sinRastrosTecnicos(r.registro);
  });

  it("una nota con import o expresiones de JavaScript detiene la construcción (seguridad)", () => {
    const copia = raizCon({
      capas: [{ carpeta: path.join(import.meta.dirname, "fixtures/una-nota-que-intenta-ejecutar-codigo"), en: "content/notas" }],
    });
    copias.push(copia);
    const r = construirSitio(copia.raiz, "2026-11-28T12:00:00-05:00");
    expect(r.codigo).not.toBe(0);
    expect(r.registro).toContain("Hay notas con código que no se permite en el sitio");
    expect(r.registro).toMatch(/content\/notas\/2026\/11\/escuela\.mdx:9:1: .*\[seguridad\//);
    expect(r.registro).not.toContain(hostname());
    sinRastrosTecnicos(r.registro);
  });

  it("una configuración inválida detiene la construcción nombrando el campo", () => {
    const copia = raizCon();
    copias.push(copia);
    const config = path.join(copia.raiz, "config/institucion.yaml");
    writeFileSync(config, readFileSync(config, "utf8").replace("correo: contactenos@cajica.gov.co", "correo: no-es-un-correo"));
    const r = construirSitio(copia.raiz, "2026-11-28T12:00:00-05:00");
    expect(r.codigo).not.toBe(0);
    expect(r.registro).toContain("La configuración de la entidad no es válida.");
    expect(r.registro).toMatch(
      /config\/institucion\.yaml:\d+:\d+: campo «contacto\.correo»: debe ser un correo electrónico válido/,
    );
    sinRastrosTecnicos(r.registro);
  });
});
