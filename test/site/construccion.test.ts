import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { raizCon, type RaizDePrueba } from "../ayudas/raiz.ts";
import { RAIZ } from "../../scripts/lib/content/paths.ts";
import { construirSitio, type Construccion } from "../ayudas/construir.ts";
import { dimensionesJpeg, esJpeg } from "../../scripts/lib/images/formato.ts";

const AHORA = "2026-11-28T12:00:00-05:00";
const SITIO = "https://prensa.cajica.gov.co";
const PUBLICAS = [
  "2026/10/siembra-arboles",
  "2026/10/biblioteca-publica",
  "2026/10/adulto-mayor",
  "2026/10/simulacro-sismo",
  "2026/11/festival-campesino",
  "2026/11/jornada-vacunacion",
  "2026/11/ciclovia-sabana",
  "2026/11/escuela-musica",
  "2026/11/reciclaje-veredas",
  "2026/11/obras-calle-septima",
  "2026/11/impuesto-predial",
  "2026/11/alumbrado-navideno",
  "2026/11/consejo-juventud",
  "2026/11/matriculas-colegios",
  "2026/11/mantenimiento-parques",
];
const OCULTAS = ["2026/12/novenas-navidad", "2026/11/borrador-mercados"];

let copia: RaizDePrueba;
let sitio: Construccion;
const leer = (rel: string) => readFileSync(path.join(sitio.carpeta, rel), "utf8");
const existe = (rel: string) => existsSync(path.join(sitio.carpeta, rel));

function archivosHtml(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return f === "pagefind" ? [] : archivosHtml(p, base);
    return f.endsWith(".html") ? [path.relative(base, p)] : [];
  });
}

/** A publication record saying the note went out on Facebook and X (failed on Telegram). */
function registroDeEjemplo(raiz: string): void {
  const entrada = (estado: string, url?: string) => ({
    estado,
    intentos: 1,
    ...(url ? { idRemoto: "1", url, publicadoEn: "2026-11-05T08:00:30-05:00", demoraSegundos: 30 } : {}),
    programado: "2026-11-05T08:00:00-05:00",
    hashEnviado: "abc",
    clave: "clave",
    version: "original",
    correcciones: [],
    actualizado: "2026-11-05T08:00:30-05:00",
  });
  const carpeta = path.join(raiz, "content/publicaciones/2026/11");
  mkdirSync(carpeta, { recursive: true });
  writeFileSync(
    path.join(carpeta, "festival-campesino.json"),
    JSON.stringify({
      esquema: 1,
      notaId: "2026/11/festival-campesino",
      archivo: "content/notas/2026/11/festival-campesino.mdx",
      titulo: "Festival",
      dependencia: "secretaria-de-ambiente",
      redes: {
        facebook: entrada("publicado", "https://www.facebook.com/AlcaldiaDeCajica/posts/1"),
        x: entrada("publicado", "https://x.com/AlcaldiaCajica/status/2"),
        telegram: entrada("fallido"),
      },
      compartidos: [],
    }),
  );
}

beforeAll(() => {
  copia = raizCon({ delRepositorio: ["content"] });
  registroDeEjemplo(copia.raiz);
  // A body image next to the note, as editors add them: ![texto](archivo).
  appendFileSync(
    path.join(copia.raiz, "content/notas/2026/11/festival-campesino.mdx"),
    "\n![Puesto de frutas y verduras del mercado campesino](festival-campesino.png)\n",
  );
  sitio = construirSitio(copia.raiz, AHORA);
  if (sitio.codigo !== 0) throw new Error(`La construcción falló:\n${sitio.registro}`);
});
afterAll(() => copia.borrar());

describe("construcción del sitio de ejemplo", () => {
  it("genera cada noticia pública con su página, imagen social e imagen principal", () => {
    for (const id of PUBLICAS) {
      expect(existe(`noticias/${id}/index.html`), id).toBe(true);
      const jpeg = readFileSync(path.join(sitio.carpeta, `social/${id}.jpg`));
      expect(esJpeg(jpeg)).toBe(true);
      expect(dimensionesJpeg(jpeg)).toEqual({ ancho: 1200, alto: 630 });
    }
    // The main image is published as its responsive versions only, never as uploaded.
    expect(readdirSync(path.join(sitio.carpeta, "imagenes/2026/11/festival-campesino")).sort()).toEqual([
      "festival-campesino-1200.avif",
      "festival-campesino-480.avif",
      "festival-campesino-480.webp",
      "festival-campesino-960.avif",
      "festival-campesino-960.webp",
    ]);
  });

  it("las fotos se publican en AVIF y WebP a varios anchos, con srcset, sizes, medidas y carga diferida fuera de la primera pantalla", () => {
    const base = "/imagenes/2026/11/festival-campesino/festival-campesino";
    const nota = leer("noticias/2026/11/festival-campesino/index.html");
    const figura = /<figure>\s*<picture>\s*<source type="image\/avif" srcset="([^"]+)" sizes="([^"]+)"\/?>\s*<img ([^>]+)>/.exec(
      nota,
    );
    expect(figura?.[1]).toBe(`${base}-480.avif 480w, ${base}-960.avif 960w, ${base}-1200.avif 1200w`);
    expect(figura?.[2]).toBe("(min-width: 48rem) 46rem, calc(100vw - 2rem)");
    const img = figura?.[3] ?? "";
    expect(img).toContain(`src="${base}-960.webp" srcset="${base}-480.webp 480w, ${base}-960.webp 960w"`);
    expect(img).toContain('width="1200" height="800"');
    // The note's own photo is in the first screen: it loads at once, not lazily.
    expect(img).not.toContain("loading=");
    // The cards of a list load lazily; every picture reserves its box.
    const lista = leer("noticias/index.html");
    const imagenes = [...lista.matchAll(/<img ([^>]+)>/g)].map((m) => m[1]!).filter((a) => a.includes("/imagenes/"));
    expect(imagenes.length).toBeGreaterThan(3);
    for (const a of imagenes) {
      expect(a).toMatch(/ width="\d+" height="\d+"/);
      expect(a).toContain('loading="lazy"');
    }
    // No uploaded PNG or JPEG reaches the site: only their versions.
    const subidas = readdirSync(path.join(sitio.carpeta, "imagenes"), { recursive: true }).filter((f) =>
      /\.(png|jpe?g)$/i.test(String(f)),
    );
    expect(subidas).toEqual([]);
  });

  it("las notas programadas y los borradores no aparecen en ninguna parte", () => {
    const todo = archivosHtml(sitio.carpeta).map(leer).join("\n") + leer("rss.xml") + leer("sitemap-0.xml");
    for (const id of OCULTAS) {
      const slug = id.split("/")[2]!;
      expect(existe(`noticias/${id}/index.html`)).toBe(false);
      expect(existe(`social/${id}.jpg`)).toBe(false);
      expect(existe(`imagenes/${id}`)).toBe(false);
      expect(todo).not.toContain(slug);
    }
    expect(existe("noticias/2026/12/index.html")).toBe(false);
    expect(todo).not.toContain("Programación de las novenas navideñas");
    expect(todo).not.toContain("Mercados campesinos itinerantes");
    // The search index holds one fragment per public note and nothing else.
    expect(readdirSync(path.join(sitio.carpeta, "pagefind/fragment")).length).toBe(PUBLICAS.length);
  });

  it("tiene las páginas de listados, legales, 404, robots y búsqueda", () => {
    for (const rel of [
      "index.html",
      "noticias/index.html",
      "noticias/2026/11/index.html",
      "noticias/2026/10/index.html",
      "etiquetas/index.html",
      "etiquetas/salud/index.html",
      "etiquetas/festival-del-campesino/index.html",
      "dependencias/index.html",
      "dependencias/secretaria-de-salud/index.html",
      "dependencias/secretaria-de-salud/rss.xml",
      "informes/index.html",
      "buscar/index.html",
      "404.html",
      "politica-de-tratamiento-de-datos/index.html",
      "accesibilidad/index.html",
      "terminos/index.html",
      "mapa-del-sitio/index.html",
      "robots.txt",
      "sitemap-index.xml",
    ])
      expect(existe(rel), rel).toBe(true);
    expect(leer("robots.txt")).toContain(`Sitemap: ${SITIO}/sitemap-index.xml`);
    // The sample ships the November 2026 report (content/reportes/2026/11/), listed with its PDF/A.
    expect(leer("informes/index.html")).toContain('<a href="/informes/2026/11/" data-astro-cid-');
    expect(leer("informes/index.html")).toContain("/informes/2026/11/informe-2026-11.pdf");
    expect(leer("informes/index.html")).not.toContain("Todavía no hay informes mensuales publicados");
  });

  it("el canal RSS es RSS 2.0 válido, de texto completo y con las noticias públicas en orden", () => {
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" }).parse(leer("rss.xml")) as {
      rss: { "@version": string; channel: { title: string; link: string; description: string; item: Record<string, string>[] } };
    };
    expect(xml.rss["@version"]).toBe("2.0");
    const canal = xml.rss.channel;
    expect(canal.title).toBe("Noticias de la Alcaldía de Cajicá");
    expect(canal.link).toBe(`${SITIO}/`);
    expect(canal.description.length).toBeGreaterThan(10);
    expect(canal.item.map((i) => i.link)).toEqual(
      [...PUBLICAS]
        .map((id) => ({ id, fecha: Date.parse(leerFecha(id)) }))
        .sort((a, b) => b.fecha - a.fecha)
        .map(({ id }) => `${SITIO}/noticias/${id}/`),
    );
    for (const item of canal.item) {
      expect(item.title).toBeTruthy();
      expect(item.guid).toBeTruthy();
      expect(new Date(item.pubDate!).toUTCString()).toBe(item.pubDate);
      expect(item["content:encoded"]).toContain("<p>");
    }
    const vacunacion = canal.item.find((i) => i.link!.includes("jornada-vacunacion"))!;
    expect(vacunacion["content:encoded"]).toContain("Fe de erratas");
  });

  it("hay un canal RSS por dependencia con solo sus noticias", () => {
    const xml = new XMLParser().parse(leer("dependencias/secretaria-de-cultura/rss.xml")) as {
      rss: { channel: { item: { link: string }[] } };
    };
    const enlaces = xml.rss.channel.item.map((i) => i.link).sort();
    expect(enlaces).toEqual(
      ["2026/10/biblioteca-publica", "2026/11/alumbrado-navideno", "2026/11/consejo-juventud", "2026/11/escuela-musica"].map(
        (id) => `${SITIO}/noticias/${id}/`,
      ),
    );
  });

  it("el mapa del sitio XML lista exactamente las páginas públicas", () => {
    const xml = new XMLParser().parse(leer("sitemap-0.xml")) as { urlset: { url: { loc: string }[] } };
    const enSitemap = xml.urlset.url.map((u) => u.loc).sort();
    // The web editor (/admin/) is a tool for the office, not a page for citizens.
    const paginas = archivosHtml(sitio.carpeta)
      .filter((f) => f !== "404.html" && f !== path.join("admin", "index.html"))
      .map((f) => `${SITIO}/${f.replace(/index\.html$/, "")}`)
      .sort();
    expect(enSitemap).toEqual(paginas);
  });

  it("la página de una noticia tiene metadatos Open Graph completos, fe de erratas y enlaces para compartir", () => {
    const html = leer("noticias/2026/11/jornada-vacunacion/index.html");
    expect(html).toContain('<html lang="es-CO"');
    expect(html).toContain(`<meta property="og:image" content="${SITIO}/social/2026/11/jornada-vacunacion.jpg"`);
    for (const p of [
      "og:title",
      "og:description",
      "og:url",
      "og:type",
      "og:image:width",
      "og:image:alt",
      "article:published_time",
    ])
      expect(html).toContain(`property="${p}"`);
    expect(html).toContain('name="twitter:image"');
    expect(html).toContain('name="twitter:card" content="summary_large_image"');
    expect(html).toMatch(/<h2 id="erratas">Fe de erratas<\/h2>/);
    expect(html).toContain("no el domingo 23");
    expect(html).toContain("https://wa.me/?text=");
    expect(html).toContain('alt="Ilustración de un escudo azul con una cruz de salud');
    expect(html).toContain("Foto: Secretaría de Salud");
  });

  it("«También en:» enlaza las publicaciones confirmadas en el registro, y solo esas", () => {
    const html = leer("noticias/2026/11/festival-campesino/index.html");
    expect(html).toContain('<h2 id="tambien">También en:</h2>');
    expect(html).toContain('href="https://www.facebook.com/AlcaldiaDeCajica/posts/1"');
    expect(html).toContain('href="https://x.com/AlcaldiaCajica/status/2"');
    expect(html).not.toMatch(/>Telegram<\/a>/);
    // A sample note published after the sample records' cut (23 November) has no record yet.
    expect(leer("noticias/2026/11/reciclaje-veredas/index.html")).not.toContain("También en:");
    // The sample records (ejemplo: true) fill the others' links.
    expect(leer("noticias/2026/11/ciclovia-sabana/index.html")).toContain('<h2 id="tambien">También en:</h2>');
  });

  it("ninguna página carga JavaScript, salvo la de búsqueda (y el editor web de la oficina)", () => {
    const conScript = [path.join("buscar", "index.html"), path.join("admin", "index.html")];
    for (const f of archivosHtml(sitio.carpeta)) {
      const tieneScript = /<script\b/.test(leer(f));
      expect(tieneScript, f).toBe(conScript.includes(f));
    }
  });

  it("el registro de la construcción informa el tamaño del sitio por tipo y proyectado a 5.000 notas", () => {
    expect(sitio.registro).toMatch(
      new RegExp(
        `Tamaño del sitio: [\\d,]+ MB con ${PUBLICAS.length} notas \\(.*imágenes sociales [\\d,]+ MB.*\\); proyectado a 5000 notas: [\\d,]+ MB\\.`,
      ),
    );
  });

  it("una imagen del cuerpo de la nota se publica junto a la nota y la página la muestra", () => {
    const html = leer("noticias/2026/11/festival-campesino/index.html");
    const base = "/imagenes/2026/11/festival-campesino/festival-campesino";
    expect(html).toContain(
      `<picture><source type="image/avif" srcset="${base}-480.avif 480w, ${base}-960.avif 960w, ${base}-1200.avif 1200w" sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)"/><img src="${base}-960.webp" alt="Puesto de frutas y verduras del mercado campesino" srcset="${base}-480.webp 480w, ${base}-960.webp 960w" sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)" width="1200" height="800" loading="lazy" decoding="async"/></picture>`,
    );
    for (const v of ["480.avif", "960.avif", "1200.avif", "480.webp", "960.webp"])
      expect(existe(`${base.slice(1)}-${v}`), v).toBe(true);
  });

  it("el script de la búsqueda está dentro del documento, antes de </body>", () => {
    const html = leer("buscar/index.html");
    const script = html.indexOf("<script");
    expect(script).toBeGreaterThan(html.indexOf("<body"));
    expect(script).toBeLessThan(html.indexOf("</body>"));
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
  });

  it("el validador HTML del W3C (Nu) no encuentra ningún error en ninguna página", () => {
    // https://validator.github.io/validator/#usage : --errors-only, --format json, a directory is checked recursively.
    const r = spawnSync(
      "java",
      [
        "-jar",
        path.join(RAIZ, "node_modules/vnu-jar/build/dist/vnu.jar"),
        "--errors-only",
        "--format",
        "json",
        "--skip-non-html",
        sitio.carpeta,
      ],
      { encoding: "utf8", maxBuffer: 64 * 1024 ** 2 },
    );
    const { messages } = JSON.parse(r.stderr) as { messages: { url: string; message: string; lastLine?: number }[] };
    expect(messages.map((m) => `${path.relative(sitio.carpeta, new URL(m.url).pathname)}:${m.lastLine}: ${m.message}`)).toEqual(
      [],
    );
    expect(r.status).toBe(0);
  });

  it("la página de una noticia pesa a lo sumo 60 KB de HTML y CSS", () => {
    for (const id of PUBLICAS) {
      const html = leer(`noticias/${id}/index.html`);
      const hojas = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
      const peso =
        Buffer.byteLength(html) + hojas.reduce((total, href) => total + statSync(path.join(sitio.carpeta, href)).size, 0);
      expect(peso, id).toBeLessThanOrEqual(60 * 1024);
    }
  });

  it("las fuentes son propias: ninguna página pide recursos a otro dominio", () => {
    for (const f of archivosHtml(sitio.carpeta)) {
      const html = leer(f);
      const externos = [...html.matchAll(/<(?:link|script|img)\b[^>]*(?:href|src)="(https?:\/\/[^"]+)"/g)]
        .map((m) => m[1]!)
        .filter((u) => !u.startsWith(SITIO));
      expect(externos, f).toEqual([]);
    }
  });

  it("una segunda construcción sin cambios no genera ninguna imagen", () => {
    // The build's image batch logs how many images it drew; every social image comes from it.
    const generadas = (registro: string) => {
      const lote = /\[imagen social\] lote: (\d+) generadas/.exec(registro);
      if (!lote) throw new Error(`La construcción no informó el lote de imágenes:\n${registro.slice(-2000)}`);
      return Number(lote[1]);
    };
    expect(generadas(sitio.registro)).toBe(PUBLICAS.length);
    const segunda = construirSitio(copia.raiz, AHORA);
    expect(segunda.codigo).toBe(0);
    expect(generadas(segunda.registro)).toBe(0);
    // The content layer store kept every rendered body: none is rendered again.
    expect(cuerpos(sitio.registro)).toEqual({ renderizadas: PUBLICAS.length + OCULTAS.length, reutilizadas: 0 });
    expect(cuerpos(segunda.registro)).toEqual({ renderizadas: 0, reutilizadas: PUBLICAS.length + OCULTAS.length });
    expect(leer("noticias/2026/11/festival-campesino/index.html")).toBe(
      readFileSync(path.join(segunda.carpeta, "noticias/2026/11/festival-campesino/index.html"), "utf8"),
    );
    expect(readFileSync(path.join(segunda.carpeta, "social/2026/11/festival-campesino.jpg"))).toEqual(
      readFileSync(path.join(sitio.carpeta, "social/2026/11/festival-campesino.jpg")),
    );
    // Photos: every version encoded by the first build, none by the second (they come from .cache/fotos/).
    const fotos = (registro: string) => {
      const m = /\[fotos\] (\d+) fotos: (\d+) versiones codificadas, (\d+) desde caché/.exec(registro);
      if (!m) throw new Error(`La construcción no informó las fotos:\n${registro.slice(-2000)}`);
      return { fotos: Number(m[1]), codificadas: Number(m[2]), desdeCache: Number(m[3]) };
    };
    const conFoto = readdirSync(path.join(sitio.carpeta, "imagenes"), { recursive: true }).filter((f) =>
      String(f).endsWith("-960.webp"),
    ).length;
    expect(fotos(sitio.registro)).toEqual({ fotos: conFoto, codificadas: conFoto * 5, desdeCache: 0 });
    expect(fotos(segunda.registro)).toEqual({ fotos: conFoto, codificadas: 0, desdeCache: conFoto * 5 });
    expect(readFileSync(path.join(segunda.carpeta, "imagenes/2026/11/festival-campesino/festival-campesino-960.avif"))).toEqual(
      readFileSync(path.join(sitio.carpeta, "imagenes/2026/11/festival-campesino/festival-campesino-960.avif")),
    );
  });
});

/** The loader's count of note bodies rendered and reused, from the build log. */
function cuerpos(registro: string): { renderizadas: number; reutilizadas: number } {
  const m = /notas renderizadas: (\d+), reutilizadas: (\d+)/.exec(registro);
  if (!m) throw new Error(`La construcción no informó cuántas notas renderizó:\n${registro.slice(-2000)}`);
  return { renderizadas: Number(m[1]), reutilizadas: Number(m[2]) };
}

function leerFecha(id: string): string {
  const texto = readFileSync(path.join(copia.raiz, "content/notas", `${id}.mdx`), "utf8");
  return /publicar: (\S+)/.exec(texto)![1]!;
}
