import { cpSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Server } from "node:http";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import type { Browser } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RAIZ } from "../../scripts/lib/content/paths.ts";
import { servirSitio } from "../../scripts/lib/servidor/estatico.ts";
import { construirSitio, type Construccion } from "../ayudas/construir.ts";
import { abrirNavegador } from "../ayudas/navegador.ts";
import { raizCon, type RaizDePrueba } from "../ayudas/raiz.ts";

/**
 * ONE build of the sample site inside the «Navidad en Cajicá» window (after the novenas note is
 * public). What is outside the window is proved by the pure selection (vigente.test.ts); this
 * build proves the site, the banner and the cards follow it, and that axe finds nothing with the
 * campaign in force (the default-theme sweep is test/e2e/accesibilidad.test.ts).
 */
const DENTRO = "2026-12-16T09:00:00-05:00";
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let copia: RaizDePrueba;
let sitio: Construccion;
beforeAll(() => {
  // Plus an urgent notice in force, so the same build shows both kinds of banner.
  copia = raizCon({
    config: {
      imagen: {
        avisos: [
          {
            id: "cierre-variante",
            tipo: "cierre-vial",
            texto: "Cierre total de la variante Cajicá–Zipaquirá por obras hasta el 20 de diciembre.",
            enlace: "/noticias/",
            hasta: "2026-12-20",
          },
        ],
      },
    },
  });
  cpSync(path.join(RAIZ, "content"), path.join(copia.raiz, "content"), { recursive: true });
  sitio = construirSitio(copia.raiz, DENTRO);
  if (sitio.codigo !== 0) throw new Error(`La construcción falló:\n${sitio.registro}`);
}, 600_000);
afterAll(() => copia?.borrar());

const leer = (ruta: string) => readFileSync(path.join(sitio.carpeta, ruta), "utf8");

async function pixeles(archivo: string) {
  const { data, info } = await sharp(path.join(sitio.carpeta, archivo)).raw().toBuffer({ resolveWithObject: true });
  return (x: number, y: number) => {
    const i = (y * info.width + x) * info.channels;
    return [data[i]!, data[i + 1]!, data[i + 2]!];
  };
}
const cerca = (a: number[], hex: string) => a.every((v, i) => Math.abs(v - parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16)) <= 12);

describe("con la campaña de Navidad vigente, el sitio y las tarjetas la muestran", () => {
  it("cada página lleva el aviso urgente y luego el de la campaña con su marca, bajo la barra GOV.CO, que no cambia", () => {
    for (const pagina of ["index.html", "noticias/2026/12/novenas-navidad/index.html", "404.html"]) {
      const html = leer(pagina);
      expect(html, pagina).toContain('data-aviso="navidad-2026"');
      expect(html).toContain("Conozca la programación de la Navidad en Cajicá 2026");
      expect(html).toContain('src="/identidad/campanas/navidad-en-cajica.svg" alt="Estrella de Navidad de Cajicá"');
      // The banner comes after the GOV.CO bar, inside the page header.
      expect(html.indexOf("barra-govco")).toBeLessThan(html.indexOf('data-aviso="navidad-2026"'));
      expect(html).toContain("--azul-govco:#0943B5");
      expect(html.indexOf('data-aviso="cierre-variante"')).toBeGreaterThan(html.indexOf("barra-govco"));
      expect(html.indexOf('data-aviso="cierre-variante"')).toBeLessThan(html.indexOf('data-aviso="navidad-2026"'));
      expect(html).toContain("Cierre vial:</strong> Cierre total de la variante");
    }
  });

  it("la tarjeta de la nota que nombra la campaña lleva la cinta; la de otra nota, no", async () => {
    const novenas = await pixeles("social/2026/12/novenas-navidad.jpg");
    expect(cerca(novenas(700, 95), "#FFD166")).toBe(true);
    expect(cerca(novenas(20, 626), "#C62828")).toBe(true);
    const otra = await pixeles("social/2026/11/festival-campesino.jpg");
    expect(cerca(otra(700, 95), "#FFD166")).toBe(false);
    expect(cerca(otra(20, 626), "#3366CC")).toBe(true);
  });

  it("axe no encuentra ninguna violación WCAG 2.1 AA en las páginas del sitio con la campaña vigente", async () => {
    let navegador: Browser | undefined;
    let servidor: Server | undefined;
    try {
      navegador = await abrirNavegador();
      const servido = await servirSitio(sitio.carpeta, 0);
      servidor = servido.servidor;
      const xml = new XMLParser().parse(leer("sitemap-0.xml")) as { urlset: { url: { loc: string }[] } };
      const rutas = [...xml.urlset.url.map((u) => new URL(u.loc).pathname), "/no-existe/"];
      expect(rutas).toContain("/noticias/2026/12/novenas-navidad/");
      const pagina = await navegador.newPage();
      const hallazgos: Record<string, string[]> = {};
      for (const ruta of rutas) {
        await pagina.goto(`${servido.url}${ruta}`);
        await pagina.addScriptTag({ content: AXE });
        const violaciones = await pagina.evaluate(async () => {
          const axe = (
            window as unknown as {
              axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
            }
          ).axe;
          const r = await axe.run(document, {
            runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
          });
          return r.violations.map((v) => `${v.id} → ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
        });
        if (violaciones.length) hallazgos[ruta] = violaciones;
      }
      expect(hallazgos).toEqual({});
    } finally {
      servidor?.close();
      await navegador?.close();
    }
  }, 600_000);
});
