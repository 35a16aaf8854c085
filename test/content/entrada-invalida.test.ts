import { describe, it, expect, afterEach } from "vitest";
import path from "node:path";
import { raizCon } from "../ayudas/raiz.ts";
import { prensa } from "../ayudas/cli.ts";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
const copias: { borrar(): void }[] = [];
afterEach(() => copias.splice(0).forEach((c) => c.borrar()));

/** Runs `prensa comprobar` over a fixture folder used as content/notas. */
function comprobar(caso: string) {
  const copia = raizCon({ capas: [{ carpeta: path.join(FIXTURES, caso), en: "content/notas" }] });
  copias.push(copia);
  return prensa(["comprobar"], { PRENSA_RAIZ: copia.raiz });
}

describe("notas con errores: el mensaje nombra archivo, línea, campo y arreglo en español", () => {
  it("un YAML mal formado señala la línea y pide revisar comillas", () => {
    const r = comprobar("una-nota-con-yaml-mal-formado");
    expect(r.codigo).toBe(1);
    expect(r.error).toMatch(/content\/notas\/2026\/11\/escuela\.mdx:\d+:\d+: el YAML del frontmatter está mal formado/);
    expect(r.error).toContain("Arreglo:");
  });

  it("un tipo incorrecto nombra el campo y su línea", () => {
    const r = comprobar("una-nota-con-un-tipo-incorrecto");
    expect(r.codigo).toBe(1);
    expect(r.error).toContain("content/notas/2026/11/escuela.mdx:8:1: campo «urgente»: debe ser true o false");
    expect(r.error).toContain("Arreglo: escriba urgente: true o urgente: false");
  });

  it("una imagen sin texto alternativo se rechaza", () => {
    const r = comprobar("una-nota-sin-texto-alternativo");
    expect(r.codigo).toBe(1);
    expect(r.error).toContain("campo «imagen.alt»: falta el texto alternativo (alt) de la imagen");
    expect(r.error).toMatch(/escuela\.mdx:8:\d+/);
  });

  it("una dependencia desconocida lista las configuradas", () => {
    const r = comprobar("una-nota-con-una-dependencia-desconocida");
    expect(r.codigo).toBe(1);
    expect(r.error).toContain("escuela.mdx:5:1: campo «dependencia»: no es una dependencia configurada");
    expect(r.error).toContain("secretaria-de-cultura");
  });

  it("una red desconocida en canales se nombra y se listan las seis redes", () => {
    const r = comprobar("una-nota-con-una-red-desconocida");
    expect(r.codigo).toBe(1);
    expect(r.error).toContain(
      "escuela.mdx:7:21: campo «canales.1»: «tiktok» no es una red conocida; use una de: facebook, instagram, x, telegram, mastodon, bluesky",
    );
    expect(r.error).not.toContain("no tiene una forma válida");
  });

  it("cuenta problemas y archivos, pone cada arreglo en su propia línea y dice cómo seguir", () => {
    const r = comprobar("una-nota-con-una-red-desconocida");
    expect(r.error).toMatch(/^Hay 1 problema en 1 archivo; el sitio no se puede construir hasta corregirlos:\n\n/);
    expect(r.error).toMatch(/escuela\.mdx:7:21: campo «canales\.1»: [^\n]+\n  Arreglo: liste redes configuradas/);
    expect(r.error).toContain("Corríjalos y vuelva a ejecutar «npx prensa comprobar».");
    expect(r.error).not.toMatch(/ at |Error|undefined/);
  });

  it("una fecha imposible (30 de febrero) no se acepta", () => {
    const r = comprobar("una-nota-con-una-fecha-invalida");
    expect(r.codigo).toBe(1);
    expect(r.error).toContain("escuela.mdx:4:1: campo «publicar»: no es una fecha válida");
  });

  it("dos notas con el mismo slug en meses distintos son un error", () => {
    const r = comprobar("dos-notas-con-el-mismo-slug");
    expect(r.codigo).toBe(1);
    expect(r.error).toContain("el slug «escuela» ya lo usa content/notas/2026/10/escuela.mdx");
  });

  it("una imagen que no existe nombra el archivo que falta", () => {
    const r = comprobar("una-nota-con-una-imagen-que-no-existe");
    expect(r.codigo).toBe(1);
    expect(r.error).toContain("escuela.mdx:9:3: campo «imagen.src»: la imagen «no-existe.png» no existe junto a la nota");
  });

  it("las notas de ejemplo del repositorio son todas válidas", () => {
    const copia = raizCon({ delRepositorio: ["content"] });
    copias.push(copia);
    const r = prensa(["comprobar"], { PRENSA_RAIZ: copia.raiz, PRENSA_AHORA: "2026-11-28T12:00:00-05:00" });
    expect(r.error).toBe("");
    expect(r.codigo).toBe(0);
    expect(r.salida).toMatch(/Todo en orden: 17 notas válidas \(15 públicas, 2 programadas o en borrador\)/);
  });
});
