import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XMLParser } from "fast-xml-parser";
import { RAIZ, raizCon, type RaizDePrueba } from "../ayudas/raiz.ts";
import { prensa } from "../ayudas/cli.ts";
import { construirSitio, type Construccion } from "../ayudas/construir.ts";
import { RUTA_CHROMIUM } from "../ayudas/navegador.ts";
import { revisarPaginas } from "../../scripts/lib/checks/axe.ts";

/**
 * The reports on the site, from one real build of a content copy with two approved reports
 * (October and November 2026, conclusions written, PDF regenerated): /informes/ lists them newest
 * first with month, summary and links; each has its accessible page with the charts, their tables
 * and the PDF/A; both are in the sitemap and in the reports' RSS feed. axe (WCAG 2.1 AA) and the
 * W3C Nu checker find nothing on those pages.
 */

const FIXTURE = path.join(
  import.meta.dirname,
  "fixtures/un-noviembre-con-una-falla-resuelta-a-mano-y-una-nota-a-las-once-y-media-del-ultimo-dia",
);
const AHORA = "2026-12-02T08:00:00-05:00";

function archivosDe(carpeta: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(carpeta, { recursive: true, encoding: "utf8" })
      .filter((f) => /\.(mdx|json)$/.test(f))
      .map((f) => [f.split(path.sep).join("/"), readFileSync(path.join(carpeta, f), "utf8")]),
  );
}

/** Generates a month, writes its conclusions as the head of press would, and regenerates the PDF. */
function aprobar(raiz: string, periodo: string): void {
  const env = { PRENSA_RAIZ: raiz, PRENSA_AHORA: AHORA };
  expect(prensa(["informe", periodo], env).codigo).toBe(0);
  const mdx = path.join(raiz, `content/reportes/${periodo.replace("-", "/")}/informe.mdx`);
  writeFileSync(
    mdx,
    readFileSync(mdx, "utf8").replace(
      /\{\/\* convergente:conclusiones-pendientes \*\/\}\n\n\*\*Pendiente:\*\*[^\n]*/,
      "El mes cumplió el calendario de publicación.\n\n- Compromiso: revisar cada mañana las publicaciones fallidas.",
    ),
  );
  expect(prensa(["informe", periodo], env).codigo).toBe(0);
  const v = prensa(["validar", "--formato", "json", mdx], env);
  expect(JSON.parse(v.salida)).toEqual([]);
}

let copia: RaizDePrueba;
let sitio: Construccion;
const leer = (ruta: string) => readFileSync(path.join(sitio.carpeta, ruta), "utf8");

beforeAll(() => {
  copia = raizCon({ archivos: archivosDe(FIXTURE) });
  aprobar(copia.raiz, "2026-10");
  aprobar(copia.raiz, "2026-11");
  sitio = construirSitio(copia.raiz, AHORA);
  if (sitio.codigo !== 0) throw new Error(`La construcción falló:\n${sitio.registro}`);
}, 900_000);

afterAll(() => copia?.borrar());

describe("los informes en el sitio", () => {
  it("/informes/ lista los informes del más nuevo al más viejo, con el mes, el resumen y los enlaces", () => {
    const html = leer("informes/index.html");
    const noviembre = html.indexOf('href="/informes/2026/11/"');
    const octubre = html.indexOf('href="/informes/2026/10/"');
    expect(noviembre).toBeGreaterThan(0);
    expect(octubre).toBeGreaterThan(noviembre);
    expect(html).toContain(">Informe de noviembre de 2026</a>");
    expect(html).toContain("En noviembre de 2026 la oficina publicó 3 notas en el sitio");
    expect(html).toContain('href="/informes/2026/11/informe-2026-11.pdf"');
    expect(html).not.toContain("Todavía no hay informes");
  });

  it("la página del informe muestra cada gráfico con su texto alternativo y su tabla al lado, y enlaza el PDF/A y los datos", () => {
    const html = leer("informes/2026/11/index.html");
    const figuras = [
      ...html.matchAll(/<figure class="grafico" id="grafico-([a-z-]+)"><img src="\.\/([a-z-]+)\.svg" alt="([^"]+)"/g),
    ];
    expect(figuras.map((f) => f[1])).toEqual([
      "notas-por-semana",
      "notas-por-dependencia",
      "publicaciones-por-red",
      "interacciones-por-red",
      "atencion-por-red",
    ]);
    for (const f of figuras) {
      expect(f[3]!.startsWith("Gráfico de barras de ")).toBe(true);
      // The data table follows the figure (after its title line).
      const despues = html.slice(html.indexOf(f[0]));
      expect(despues.indexOf("<table>")).toBeLessThan(despues.indexOf("</figure>") + 400);
      expect(leer(`informes/2026/11/${f[2]}.svg`)).toMatch(/^<svg /);
    }
    expect(html).toContain('<th scope="col" class="numero">Publicaciones</th>');
    expect(html).toContain('<h2 id="conclusiones-y-compromisos">Conclusiones y compromisos</h2>');
    expect(html).toContain("Compromiso: revisar cada mañana las publicaciones fallidas.");
    expect(html).toContain('<a href="informe-2026-11.pdf" type="application/pdf"');
    const pdf = readFileSync(path.join(sitio.carpeta, "informes/2026/11/informe-2026-11.pdf"));
    expect(pdf.equals(readFileSync(path.join(copia.raiz, "content/reportes/2026/11/informe-2026-11.pdf")))).toBe(true);
    expect(leer("informes/2026/11/publicaciones-por-red.csv")).toContain("Facebook,2,0,0,1,1");
  });

  it("los informes están en el mapa del sitio y en el canal RSS de informes, con el PDF adjunto", () => {
    const xml = new XMLParser().parse(leer("sitemap-0.xml")) as { urlset: { url: { loc: string }[] } };
    const urls = xml.urlset.url.map((u) => new URL(u.loc).pathname);
    expect(urls).toEqual(expect.arrayContaining(["/informes/", "/informes/2026/10/", "/informes/2026/11/"]));
    const rss = new XMLParser({ ignoreAttributes: false }).parse(leer("informes/rss.xml")) as {
      rss: { channel: { title: string; item: { title: string; link: string; enclosure: Record<string, string> }[] } };
    };
    expect(rss.rss.channel.item.map((i) => [i.title, new URL(i.link).pathname])).toEqual([
      ["Informe de noviembre de 2026", "/informes/2026/11/"],
      ["Informe de octubre de 2026", "/informes/2026/10/"],
    ]);
    expect(rss.rss.channel.item[0]!.enclosure["@_type"]).toBe("application/pdf");
    expect(leer("informes/index.html")).toContain(
      'type="application/rss+xml" title="Informes mensuales de la Alcaldía de Cajicá" href="/informes/rss.xml"',
    );
  });

  it("axe no encuentra ninguna violación WCAG 2.1 AA en la lista ni en las páginas de los informes", async () => {
    const hallazgos = await revisarPaginas(
      sitio.carpeta,
      ["/informes/", "/informes/2026/11/", "/informes/2026/10/"],
      RUTA_CHROMIUM,
    );
    expect(hallazgos).toEqual([]);
  }, 120_000);

  it("el validador W3C Nu no encuentra errores en esas páginas", () => {
    const paginas = ["informes/index.html", "informes/2026/11/index.html", "informes/2026/10/index.html"].map((p) =>
      path.join(sitio.carpeta, p),
    );
    const r = spawnSync(
      "java",
      ["-jar", path.join(RAIZ, "node_modules/vnu-jar/build/dist/vnu.jar"), "--errors-only", "--format", "json", ...paginas],
      { encoding: "utf8", maxBuffer: 64 * 1024 ** 2 },
    );
    const { messages } = JSON.parse(r.stderr) as { messages: { url: string; message: string; lastLine?: number }[] };
    expect(messages.map((m) => `${path.basename(path.dirname(new URL(m.url).pathname))}:${m.lastLine}: ${m.message}`)).toEqual(
      [],
    );
    expect(r.status).toBe(0);
  }, 120_000);
});
