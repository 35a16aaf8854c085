import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { renderizarCuerpo } from "../../site/lib/cuerpo.ts";
import { leerFrontmatter } from "../../scripts/lib/content/frontmatter.ts";
import { listarArchivosNotas } from "../../scripts/lib/content/notas.ts";
import { RAIZ } from "../../scripts/lib/content/paths.ts";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
const NOTA_COMPLETA = path.join(FIXTURES, "notas-con-cada-elemento-que-permite-una-nota");
const esperado = JSON.parse(
  readFileSync(path.join(FIXTURES, "el-html-que-astrojs-mdx-daba-a-cada-nota/cuerpos.json"), "utf8"),
) as Record<string, string>;

const cuerpoDe = (archivo: string): string => leerFrontmatter(readFileSync(archivo, "utf8")).cuerpo;
const idDe = (carpeta: string, archivo: string) =>
  path
    .relative(carpeta, archivo)
    .replace(/\.mdx$/, "")
    .split(path.sep)
    .join("/");

describe("renderizador de cuerpos de notas", () => {
  const muestras = [
    ...listarArchivosNotas(path.join(RAIZ, "content/notas")).map((a) => ({ id: idDe(path.join(RAIZ, "content/notas"), a), a })),
    ...listarArchivosNotas(NOTA_COMPLETA).map((a) => ({ id: idDe(NOTA_COMPLETA, a), a })),
  ];

  it("da a cada nota de ejemplo exactamente el HTML que le daba @astrojs/mdx", async () => {
    expect(muestras.map((m) => m.id).sort()).toEqual(Object.keys(esperado).sort());
    for (const { id, a } of muestras) expect((await renderizarCuerpo(cuerpoDe(a))).html, id).toBe(esperado[id]);
  });

  it("los encabezados llevan ids únicos y se devuelven en orden para la tabla de contenido", async () => {
    const { metadata, html } = await renderizarCuerpo(cuerpoDe(path.join(NOTA_COMPLETA, "2026/11/elementos-permitidos.mdx")));
    expect(metadata.headings).toEqual([
      { depth: 2, slug: "programación-del-día", text: "Programación del día" },
      { depth: 3, slug: "mañana-800-a-m", text: "Mañana: 8:00 a. m." },
      { depth: 2, slug: "programación-del-día-1", text: "Programación del día" },
      { depth: 2, slug: "footnote-label", text: "Footnotes" },
    ]);
    for (const h of metadata.headings) expect(html).toContain(`id="${h.slug}"`);
  });

  it("el video de YouTube es un enlace con texto que dice a dónde lleva, sin iframe ni script", async () => {
    const { html } = await renderizarCuerpo('Antes.\n\n<YouTube id="dQw4w9WgXcQ" titulo="Rueda de prensa & <balance>" />\n');
    expect(html).toContain(
      '<p class="video"> <a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">Ver en YouTube el video: Rueda de prensa &amp; &lt;balance&gt;</a> </p>',
    );
    expect(html).not.toMatch(/<iframe|<script/);
  });

  it("las imágenes relativas del cuerpo toman la dirección publicada y las medidas que da el sitio", async () => {
    const { html, metadata } = await renderizarCuerpo("![Toldos del mercado campesino](fotos/mercado.jpg)\n", {
      imagen: (src) => ({
        src: `/imagenes/2026/11/${path.basename(src)}`,
        srcset: "/a.webp 480w, /b.webp 960w",
        sizes: "100vw",
        width: 960,
        height: 640,
      }),
    });
    expect(metadata.imagePaths).toEqual(["fotos/mercado.jpg"]);
    expect(html).toBe(
      '<p><img src="/imagenes/2026/11/mercado.jpg" alt="Toldos del mercado campesino" srcset="/a.webp 480w, /b.webp 960w" sizes="100vw" width="960" height="640" loading="lazy" decoding="async"/></p>',
    );
  });

  it("una foto del cuerpo con versiones AVIF va en un <picture> con su <source>, escrita en Markdown o como <img>", async () => {
    const imagen = (src: string) => ({
      src: `/imagenes/2026/11/nota/${path.basename(src, ".jpg")}-960.webp`,
      srcset: "/a-480.webp 480w, /a-960.webp 960w",
      avif: "/a-480.avif 480w, /a-960.avif 960w",
      sizes: "100vw",
      width: 960,
      height: 640,
    });
    const fuente = '<source type="image/avif" srcset="/a-480.avif 480w, /a-960.avif 960w" sizes="100vw"/>';
    const markdown = await renderizarCuerpo("![Toldos del mercado](mercado.jpg)\n", { imagen });
    expect(markdown.html).toBe(
      `<p><picture>${fuente}<img src="/imagenes/2026/11/nota/mercado-960.webp" alt="Toldos del mercado" srcset="/a-480.webp 480w, /a-960.webp 960w" sizes="100vw" width="960" height="640" loading="lazy" decoding="async"/></picture></p>`,
    );
    const jsx = await renderizarCuerpo('<img src="mercado.jpg" alt="Toldos del mercado" />\n', { imagen });
    expect(jsx.html).toBe(
      `<picture>${fuente}<img src="/imagenes/2026/11/nota/mercado-960.webp" alt="Toldos del mercado" srcset="/a-480.webp 480w, /a-960.webp 960w" sizes="100vw" width="960" height="640" loading="lazy" decoding="async"/></picture>`,
    );
    expect(jsx.metadata.imagePaths).toEqual(["mercado.jpg"]);
  });

  it("se niega a escribir un componente que no está en la lista aunque llegue hasta aquí", async () => {
    await expect(renderizarCuerpo('<Desconocido a="b" />\n')).rejects.toThrow(/no está permitido/);
    await expect(renderizarCuerpo("<div onclick={alerta}>x</div>\n")).rejects.toThrow(/código/);
  });
});
