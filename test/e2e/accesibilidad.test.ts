import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Server } from "node:http";
import type { Browser, Page } from "playwright-core";
import { XMLParser } from "fast-xml-parser";
import { raizCon, type RaizDePrueba } from "../ayudas/raiz.ts";
import { construirSitio, type Construccion } from "../ayudas/construir.ts";
import { abrirNavegador } from "../ayudas/navegador.ts";
import { servirSitio } from "../../scripts/lib/servidor/estatico.ts";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const ETIQUETAS_WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
/**
 * axe rules disabled, with the reason. Empty: every rule of those tags runs on every page.
 * (Add entries as { regla: "id", razon: "..." } only with a written justification.)
 */
const REGLAS_DESACTIVADAS: { regla: string; razon: string }[] = [];

let copia: RaizDePrueba;
let sitio: Construccion;
let servidor: Server;
let base: string;
let navegador: Browser;

beforeAll(async () => {
  navegador = await abrirNavegador();
  copia = raizCon({ delRepositorio: ["content"] });
  sitio = construirSitio(copia.raiz, "2026-11-28T12:00:00-05:00");
  if (sitio.codigo !== 0) throw new Error(`La construcción falló:\n${sitio.registro}`);
  ({ servidor, url: base } = await servirSitio(sitio.carpeta, 0));
});

afterAll(async () => {
  await navegador?.close();
  servidor?.close();
  copia?.borrar();
});

async function revisarConAxe(pagina: Page): Promise<string[]> {
  await pagina.addScriptTag({ content: AXE });
  const resultado = await pagina.evaluate(
    async ([etiquetas, desactivadas]) => {
      const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: unknown[] }> } }).axe;
      return axe.run(document, {
        runOnly: { type: "tag", values: etiquetas },
        rules: Object.fromEntries(desactivadas.map((r) => [r, { enabled: false }])),
      });
    },
    [ETIQUETAS_WCAG, REGLAS_DESACTIVADAS.map((r) => r.regla)] as const,
  );
  return (resultado.violations as { id: string; help: string; nodes: { target: string[] }[] }[]).map(
    (v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}

describe("accesibilidad WCAG 2.1 AA en todo el sitio (Resolución 1519 de 2020)", () => {
  it("axe no encuentra ninguna violación en las páginas del mapa del sitio, la 404 y la búsqueda", async () => {
    const xml = new XMLParser().parse(readFileSync(path.join(sitio.carpeta, "sitemap-0.xml"), "utf8")) as {
      urlset: { url: { loc: string }[] };
    };
    const rutas = [...xml.urlset.url.map((u) => new URL(u.loc).pathname), "/no-existe/", "/buscar/?q=vacunaci%C3%B3n"];
    expect(rutas.length).toBeGreaterThan(30);
    const pagina = await navegador.newPage();
    const errores: string[] = [];
    pagina.on("pageerror", (e) => errores.push(e.message));
    const hallazgos: Record<string, string[]> = {};
    for (const ruta of rutas) {
      const respuesta = await pagina.goto(`${base}${ruta}`);
      expect(respuesta?.status(), ruta).toBe(ruta === "/no-existe/" ? 404 : 200);
      if (ruta.includes("?q="))
        await pagina.waitForFunction(() => /resultados? para/.test(document.getElementById("estado")?.textContent ?? ""));
      const v = await revisarConAxe(pagina);
      if (v.length) hallazgos[ruta] = v;
    }
    await pagina.close();
    expect(hallazgos).toEqual({});
    expect(errores).toEqual([]);
  }, 600_000);

  it("el enlace para saltar al contenido es el primer foco, se ve y lleva al contenido principal", async () => {
    const pagina = await navegador.newPage();
    await pagina.goto(`${base}/noticias/2026/11/festival-campesino/`);
    await pagina.keyboard.press("Tab");
    const foco = await pagina.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const r = el.getBoundingClientRect();
      const estilo = getComputedStyle(el);
      return { clase: el.className, texto: el.textContent?.trim(), arriba: r.top, alto: r.height, contorno: estilo.outlineStyle };
    });
    expect(foco.clase).toBe("saltar");
    expect(foco.texto).toBe("Saltar al contenido principal");
    expect(foco.arriba).toBeGreaterThanOrEqual(0);
    expect(foco.alto).toBeGreaterThan(10);
    expect(foco.contorno).not.toBe("none");
    await pagina.keyboard.press("Enter");
    expect(await pagina.evaluate(() => document.activeElement?.id)).toBe("contenido");
    await pagina.keyboard.press("Tab");
    const siguiente = await pagina.evaluate(() => document.activeElement?.closest("main") !== null);
    expect(siguiente).toBe(true);
    await pagina.close();
  });

  it("cada enlace y botón muestra el foco al recorrer la página con el teclado", async () => {
    const pagina = await navegador.newPage();
    await pagina.goto(`${base}/`);
    for (let i = 0; i < 25; i++) {
      await pagina.keyboard.press("Tab");
      const visible = await pagina.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const e = getComputedStyle(el);
        return e.outlineStyle !== "none" && parseFloat(e.outlineWidth) >= 2;
      });
      expect(visible).toBe(true);
    }
    await pagina.close();
  });

  it("la caja de búsqueda del encabezado lleva a /buscar/ con la consulta y muestra los resultados", async () => {
    const pagina = await navegador.newPage();
    await pagina.goto(`${base}/noticias/2026/11/festival-campesino/`);
    await pagina.fill("#buscar-encabezado", "vacunación");
    await pagina.press("#buscar-encabezado", "Enter");
    await pagina.waitForSelector("#resultados li");
    expect(new URL(pagina.url()).pathname).toBe("/buscar/");
    expect(new URL(pagina.url()).searchParams.get("q")).toBe("vacunación");
    const enlaces = await pagina.$$eval("#resultados li a", (as) => as.map((a) => a.getAttribute("href")));
    expect(enlaces).toContain("/noticias/2026/11/jornada-vacunacion/");
    await pagina.close();
  });

  it("las herramientas de alto contraste y tamaño del texto funcionan con el teclado en una nota, sin JavaScript", async () => {
    const contexto = await navegador.newContext({ javaScriptEnabled: false });
    const pagina = await contexto.newPage();
    await pagina.goto(`${base}/noticias/2026/11/festival-campesino/`);
    const estilo = () =>
      pagina.evaluate(() => ({
        letra: getComputedStyle(document.documentElement).fontSize,
        fondo: getComputedStyle(document.body).backgroundColor,
        titulo: getComputedStyle(document.querySelector("main h1")!).color,
      }));
    expect(await estilo()).toEqual({ letra: "16px", fondo: "rgb(255, 255, 255)", titulo: "rgb(0, 72, 132)" });
    await pagina.focus("#alto-contraste");
    await pagina.keyboard.press("Space");
    expect(await estilo()).toEqual({ letra: "16px", fondo: "rgb(0, 0, 0)", titulo: "rgb(255, 255, 0)" });
    await pagina.focus("#letra-100");
    await pagina.keyboard.press("ArrowRight");
    expect((await estilo()).letra).toBe("20px");
    await pagina.keyboard.press("ArrowRight");
    expect((await estilo()).letra).toBe("24px");
    await contexto.close();
    // In high contrast and at the largest text size, axe finds no violation either.
    const otra = await navegador.newPage();
    await otra.goto(`${base}/noticias/2026/11/festival-campesino/`);
    await otra.check("#alto-contraste");
    await otra.check("#letra-150");
    expect(await revisarConAxe(otra)).toEqual([]);
    await otra.close();
  });

  it("la búsqueda en español encuentra noticias públicas y nunca las programadas", async () => {
    const pagina = await navegador.newPage();
    await pagina.goto(`${base}/buscar/`);
    await pagina.fill("#consulta", "vacunación");
    await pagina.click("#buscador button[type=submit]");
    await pagina.waitForSelector("#resultados li");
    const enlaces = await pagina.$$eval("#resultados li a", (as) => as.map((a) => a.getAttribute("href")));
    expect(enlaces).toContain("/noticias/2026/11/jornada-vacunacion/");
    // "villancicos" appears only in the scheduled note (December): it must not be found.
    await pagina.fill("#consulta", "villancicos");
    await pagina.click("#buscador button[type=submit]");
    await pagina.waitForFunction(() => document.getElementById("estado")?.textContent?.startsWith("No hay resultados"));
    expect(await pagina.$$eval("#resultados li", (l) => l.length)).toBe(0);
    await pagina.close();
  });
});
