import { describe, it, expect } from "vitest";
import { parseFechaPublicacion, isoBogota, formatoFecha, ahora } from "../../scripts/lib/content/time.ts";

describe("fechas de publicación en hora de Colombia", () => {
  it("una fecha sin hora significa las 00:00 en Bogotá", () => {
    expect(parseFechaPublicacion("2026-11-20")?.toISOString()).toBe("2026-11-20T05:00:00.000Z");
  });
  it("una fecha con hora respeta su desfase", () => {
    expect(parseFechaPublicacion("2026-11-20T08:00:00-05:00")?.toISOString()).toBe("2026-11-20T13:00:00.000Z");
    expect(parseFechaPublicacion("2026-11-20T13:00:00Z")?.toISOString()).toBe("2026-11-20T13:00:00.000Z");
  });
  it("rechaza fechas imposibles o sin desfase", () => {
    expect(parseFechaPublicacion("2026-02-30")).toBeUndefined();
    expect(parseFechaPublicacion("2026-02-30T08:00:00-05:00")).toBeUndefined();
    expect(parseFechaPublicacion("2026-11-20T08:00:00")).toBeUndefined();
    expect(parseFechaPublicacion("20 de noviembre")).toBeUndefined();
  });
  it("muestra las fechas en español y en hora de Bogotá", () => {
    const d = new Date("2026-11-21T03:00:00Z"); // 20 Nov, 22:00 in Bogotá
    expect(formatoFecha(d)).toBe("20 de noviembre de 2026");
    expect(isoBogota(d)).toBe("2026-11-20T22:00:00-05:00");
  });
  it("PRENSA_AHORA fija el momento actual y uno inválido se explica en español", () => {
    expect(ahora({ PRENSA_AHORA: "2026-11-28" }).toISOString()).toBe("2026-11-28T05:00:00.000Z");
    expect(() => ahora({ PRENSA_AHORA: "mañana" })).toThrow(/PRENSA_AHORA no es una fecha válida/);
  });
});
