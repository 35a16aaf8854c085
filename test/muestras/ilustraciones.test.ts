import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RAIZ } from "../../scripts/lib/content/paths.ts";
import { dimensionesPng } from "../../scripts/lib/images/formato.ts";
import { NOMBRES_ILUSTRACIONES, renderizarIlustracion, svgIlustracion } from "../../scripts/muestras/ilustraciones.ts";
import { ILUSTRACIONES_DE_MUESTRA } from "../../scripts/muestras/generar-ilustraciones.ts";

const temporales: string[] = [];
afterAll(() => {
  for (const d of temporales) rmSync(d, { recursive: true, force: true });
});

describe("ilustraciones de las notas de muestra", () => {
  it("el generador escribe las 14 imágenes de 1200×800 y menos de 150 KB en su mes", () => {
    const raiz = mkdtempSync(path.join(tmpdir(), "convergente-ilustraciones-"));
    temporales.push(raiz);
    const salida = execFileSync(
      process.execPath,
      [path.join(RAIZ, "scripts/muestras/generar-ilustraciones.ts"), "--raiz", raiz],
      {
        encoding: "utf8",
      },
    );
    expect(salida).toContain("14 ilustraciones generadas.");
    expect(Object.keys(ILUSTRACIONES_DE_MUESTRA)).toHaveLength(14);
    for (const [nombre, mes] of Object.entries(ILUSTRACIONES_DE_MUESTRA)) {
      const archivo = path.join(raiz, "content/notas", mes, `${nombre}.png`);
      expect(dimensionesPng(readFileSync(archivo)), nombre).toEqual({ ancho: 1200, alto: 800 });
      expect(statSync(archivo).size, nombre).toBeLessThan(150 * 1024);
    }
  });

  it("las imágenes de muestra del repositorio son las que dibuja el código", () => {
    for (const [nombre, mes] of Object.entries(ILUSTRACIONES_DE_MUESTRA)) {
      const archivo = path.join(RAIZ, "content/notas", mes, `${nombre}.png`);
      const guardada = readFileSync(archivo);
      expect(dimensionesPng(guardada), archivo).toEqual({ ancho: 1200, alto: 800 });
      // Deterministic drawing: if a scene changes, run node scripts/muestras/generar-ilustraciones.ts.
      expect(Buffer.from(renderizarIlustracion(nombre)).equals(guardada), archivo).toBe(true);
    }
  });

  it("un nombre desconocido da un error que lista las disponibles", () => {
    expect(() => svgIlustracion("no-existe")).toThrow(/No existe la ilustración "no-existe"\. Disponibles: festival-campesino/);
    expect(NOMBRES_ILUSTRACIONES).toContain("novenas-navidad");
  });
});
