import { describe, it, expect } from "vitest";
import { decidirPuerta, huellaEnlaces, leerDesplegado, type EntradaPuerta } from "../../scripts/lib/publish/puerta.ts";

const AHORA = new Date("2026-11-21T09:00:00-05:00");
const ENLACES = huellaEnlaces([{ notaId: "2026/11/a", redes: { x: { estado: "publicado", url: "https://x.com/i/1" } } }]);
const desplegado = { commit: "a".repeat(40), instante: new Date("2026-11-21T08:00:00-05:00"), proximas: [], enlaces: ENLACES };
const base = (cambios: Partial<EntradaPuerta> = {}): EntradaPuerta => ({
  desplegado,
  cambios: ["content/publicaciones/2026/11/a.json"],
  ahora: AHORA,
  proxima: null,
  enlaces: ENLACES,
  ...cambios,
});

describe("la compuerta del flujo Publicar (decisión pura)", () => {
  it("sin cambios, sin notas programadas vencidas y sin agenda pendiente no construye ni publica", () => {
    const d = decidirPuerta(base());
    expect(d).toMatchObject({ construir: false, publicar: false });
    expect(d.motivos.join(" ")).toMatch(/nada que hacer/);
  });

  it("un archivo fuera del registro que cambió desde el commit desplegado obliga a construir y publicar", () => {
    expect(decidirPuerta(base({ cambios: ["content/notas/2026/11/b.mdx"] }))).toMatchObject({ construir: true, publicar: true });
    expect(decidirPuerta(base({ cambios: ["scripts/lib/copy/index.ts"] }))).toMatchObject({ construir: true, publicar: true });
  });

  it("la foto diaria de métricas o los agregados de la bandeja no construyen ni publican: ninguna página los muestra", () => {
    const cambios = [
      "content/reportes/datos/2026/11/metricas-2026-11-21.json",
      "content/reportes/datos/2026/11/inquietudes.json",
    ];
    expect(decidirPuerta(base({ cambios }))).toMatchObject({ construir: false, publicar: false });
    expect(decidirPuerta(base({ cambios: ["content/reportes/2026/11/informe.mdx"] }))).toMatchObject({ construir: true });
  });

  it("una nota programada que ya pasó su hora obliga a construir y publicar", () => {
    const d = decidirPuerta(base({ desplegado: { ...desplegado, proximas: [new Date("2026-11-21T08:30:00-05:00")] } }));
    expect(d).toMatchObject({ construir: true, publicar: true });
    expect(
      decidirPuerta(base({ desplegado: { ...desplegado, proximas: [new Date("2026-11-21T10:00:00-05:00")] } })),
    ).toMatchObject({
      construir: false,
      publicar: false,
    });
  });

  it("un enlace nuevo en el registro reconstruye el sitio sin correr la publicación", () => {
    const otro = huellaEnlaces([{ notaId: "2026/11/a", redes: { x: { estado: "publicado", url: "https://x.com/i/2" } } }]);
    expect(otro).not.toBe(ENLACES);
    expect(decidirPuerta(base({ enlaces: otro }))).toMatchObject({ construir: true, publicar: false });
  });

  it("la agenda vencida publica sin construir; sin agenda publica para crearla", () => {
    expect(decidirPuerta(base({ proxima: new Date("2026-11-21T08:59:00-05:00") }))).toMatchObject({
      construir: false,
      publicar: true,
    });
    expect(decidirPuerta(base({ proxima: new Date("2026-11-21T09:30:00-05:00") }))).toMatchObject({
      construir: false,
      publicar: false,
    });
    expect(decidirPuerta(base({ proxima: undefined }))).toMatchObject({ construir: false, publicar: true });
  });

  it("si no se sabe qué muestra el sitio desplegado, construye y publica; a mano, siempre", () => {
    expect(decidirPuerta(base({ desplegado: undefined }))).toMatchObject({ construir: true, publicar: true });
    expect(decidirPuerta(base({ cambios: undefined }))).toMatchObject({ construir: true, publicar: true });
    expect(decidirPuerta(base({ forzar: true }))).toMatchObject({ construir: true, publicar: true });
  });

  it("solo las entradas publicadas con URL cuentan para la huella de enlaces, sin importar el orden", () => {
    const a = { notaId: "2026/11/a", redes: { x: { estado: "publicado", url: "u1" }, facebook: { estado: "fallido" } } };
    const b = { notaId: "2026/11/b", redes: { telegram: { estado: "publicado", url: "u2" } } };
    expect(huellaEnlaces([a, b])).toBe(huellaEnlaces([b, a]));
    expect(huellaEnlaces([a, b])).not.toBe(huellaEnlaces([a]));
    expect(huellaEnlaces([{ ...a, redes: { ...a.redes, facebook: { estado: "enviando" } } }, b])).toBe(huellaEnlaces([a, b]));
  });

  it("lee construccion.json sin dependencias y rechaza lo que no lo es", () => {
    const texto = JSON.stringify({
      esquema: 1,
      commit: "b".repeat(40),
      instante: "2026-11-21T08:00:00-05:00",
      proximas: [],
      enlaces: "x",
    });
    expect(leerDesplegado(texto)?.commit).toBe("b".repeat(40));
    expect(leerDesplegado("<html>")).toBeUndefined();
    expect(leerDesplegado(JSON.stringify({ esquema: 2 }))).toBeUndefined();
  });
});
