import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { informeTamano, lineasInforme } from "../../site/lib/tamano.ts";

/** A built site of `notas` notes, each with a page, a social image and a photo of the given sizes. */
function sitio(notas: number, foto: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), "convergente-tamano-"));
  writeFileSync(path.join(dir, "index.html"), Buffer.alloc(10_000));
  for (let i = 0; i < notas; i++) {
    for (const [carpeta, bytes] of [
      [`noticias/2026/11/n${i}`, 20_000],
      ["social/2026/11", 70_000],
      ["imagenes/2026/11", foto],
    ] as const) {
      mkdirSync(path.join(dir, carpeta), { recursive: true });
      writeFileSync(path.join(dir, carpeta, carpeta.startsWith("noticias") ? "index.html" : `n${i}.jpg`), Buffer.alloc(bytes));
    }
  }
  return dir;
}

describe("informe de tamaño del sitio", () => {
  it("suma por tipo y proyecta a 5.000 notas lo que crece con cada nota", () => {
    const dir = sitio(4, 50_000);
    try {
      const i = informeTamano(dir, 4);
      expect(i.porTipo).toEqual({
        "resto del sitio": 10_000,
        "páginas de notas": 80_000,
        "imágenes sociales": 280_000,
        "fotos de las notas": 200_000,
      });
      expect(i.total).toBe(570_000);
      expect(i.proyectado).toBe(10_000 + 140_000 * 5000);
      expect(i.aviso).toBeUndefined();
      expect(lineasInforme(i, 4)[0]).toContain("proyectado a 5000 notas: 667,6 MB");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("avisa cuando con 5.000 notas el sitio pasaría del límite de GitHub Pages", () => {
    const dir = sitio(2, 400_000);
    try {
      expect(informeTamano(dir, 2).aviso).toMatch(/con 5000 notas el sitio pesaría unos .* límite de 1 GB de GitHub Pages/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
