import { describe, expect, it } from "vitest";
import { ajustarTitulo, anchoTitular, partirEnLineas, TAMANOS_TITULAR } from "../../scripts/lib/images/metricas.ts";

describe("ajuste del titular", () => {
  it("un título corto usa el tamaño más grande", () => {
    const t = ajustarTitulo("Cajicá celebra el Festival Campesino", 980, 300);
    expect(t.tamano).toBe(TAMANOS_TITULAR[0]);
    expect(t.recortado).toBe(false);
  });

  it("un título largo reduce la fuente y cabe en el alto disponible", () => {
    const titulo =
      "La Alcaldía de Cajicá anuncia un plan integral de movilidad, espacio público, ciclorrutas y andenes para las veredas";
    const t = ajustarTitulo(titulo, 588, 300);
    expect(t.tamano).toBeLessThan(TAMANOS_TITULAR[0]);
    expect(t.lineas * t.interlineado).toBeLessThanOrEqual(300);
    for (const linea of partirEnLineas(t.texto, t.tamano, 588)) expect(anchoTitular(linea, t.tamano)).toBeLessThanOrEqual(588);
  });

  it("un título que no cabe ni con la fuente más pequeña se corta en una palabra con puntos suspensivos", () => {
    const titulo = Array.from({ length: 40 }, (_, i) => `palabra${i}`).join(" ");
    const t = ajustarTitulo(titulo, 588, 200);
    expect(t.recortado).toBe(true);
    expect(t.texto.endsWith("…")).toBe(true);
    expect(t.texto).toMatch(/^palabra0 palabra1 /);
    expect(t.lineas * t.interlineado).toBeLessThanOrEqual(200);
  });

  it("una sola palabra enorme también se recorta", () => {
    const t = ajustarTitulo("x".repeat(400), 500, 80);
    expect(t.recortado).toBe(true);
    expect(anchoTitular(t.texto, t.tamano)).toBeLessThanOrEqual(500 * 2);
  });
});
