import { beforeAll, describe, expect, it } from "vitest";
import { ajustarTitulo, estiloTitular, TAMANOS_TITULAR } from "../../scripts/lib/images/metricas.ts";
import { cargarTipografia, componerParrafo, medir } from "../../scripts/lib/images/tipografia.ts";

beforeAll(cargarTipografia);

describe("ajuste del titular", () => {
  it("un título corto usa el tamaño más grande, partido en palabras completas", () => {
    const t = ajustarTitulo("Cajicá celebra el Festival Campesino", 980, 300);
    expect(t.tamano).toBe(TAMANOS_TITULAR[0]);
    expect(t.recortado).toBe(false);
    expect(t.lineas.map((l) => l.texto)).toEqual(["Cajicá celebra el Festival", "Campesino"]);
  });

  it("un título largo reduce la fuente, cabe en el alto disponible y ninguna línea pasa del ancho", () => {
    const titulo =
      "La Alcaldía de Cajicá anuncia un plan integral de movilidad, espacio público, ciclorrutas y andenes para las veredas";
    const t = ajustarTitulo(titulo, 588, 300);
    expect(t.tamano).toBeLessThan(TAMANOS_TITULAR[0]);
    expect(t.lineas.length * t.interlineado).toBeLessThanOrEqual(300);
    for (const linea of t.lineas) {
      expect(linea.ancho).toBeLessThanOrEqual(588);
      // The width comes from the real font: measuring the line's text again gives the same.
      expect(medir(linea.texto, estiloTitular(t.tamano))).toBeCloseTo(linea.ancho, 6);
    }
    expect(t.lineas.map((l) => l.texto).join(" ")).toBe(titulo);
  });

  it("un título que no cabe ni con la fuente más pequeña se corta en una palabra con puntos suspensivos", () => {
    const titulo = Array.from({ length: 40 }, (_, i) => `palabra${i}`).join(" ");
    const t = ajustarTitulo(titulo, 588, 200);
    expect(t.recortado).toBe(true);
    expect(t.tamano).toBe(TAMANOS_TITULAR.at(-1));
    expect(t.lineas.at(-1)!.texto.endsWith("…")).toBe(true);
    expect(t.lineas[0]!.texto).toMatch(/^palabra0 palabra1 /);
    expect(t.lineas.length * t.interlineado).toBeLessThanOrEqual(200);
    for (const linea of t.lineas) expect(linea.ancho).toBeLessThanOrEqual(588);
  });

  it("una sola palabra enorme se parte entre letras y también se recorta", () => {
    const t = ajustarTitulo("x".repeat(400), 500, 80);
    expect(t.recortado).toBe(true);
    expect(t.lineas.length).toBe(2);
    expect(t.lineas[0]!.texto).toMatch(/^x+$/);
    expect(t.lineas[1]!.texto).toMatch(/^x+…$/);
    for (const linea of t.lineas) expect(linea.ancho).toBeLessThanOrEqual(500);
  });

  it("usa el interletraje de la fuente: «AV» es más angosto que «A» más «V»", () => {
    const e = estiloTitular(64);
    expect(medir("AV", e)).toBeLessThan(medir("A", e) + medir("V", e) - 1);
  });

  it("las letras que no están en el subconjunto latino salen de la fuente latin-ext, no como cajas vacías", () => {
    const e = estiloTitular(64);
    // "ő" (Hungarian) is only in latin-ext; .notdef would be as wide as a box.
    expect(medir("ő", e)).toBeCloseTo(medir("o", e), -1);
  });

  it("los caracteres que las fuentes no tienen (emoji, controles, otros alfabetos) se omiten en vez de dibujarse como cajas", () => {
    const lineas = componerParrafo("🎄 Alumbrado\u0007 navideño ✨ שלום en el parque", estiloTitular(64), 2000);
    expect(lineas.map((l) => l.texto)).toEqual(["Alumbrado navideño en el parque"]);
    expect(lineas[0]!.glifos.every((g) => g.glifo !== 0)).toBe(true);
  });

  it("una letra con tilde combinada se dibuja como la letra acentuada", () => {
    const [linea] = componerParrafo("cafe\u0301 y café", estiloTitular(64), 2000);
    expect(linea!.texto).toBe("café y café");
  });
});
