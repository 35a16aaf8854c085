import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { paginasCambiadas } from "../../scripts/lib/github/accesibilidad.ts";
import { leerAccesibilidad } from "../../scripts/lib/github/comentario.ts";
import { prensa } from "../ayudas/cli.ts";
import { RUTA_CHROMIUM } from "../ayudas/navegador.ts";
import { raizCon, type RaizDePrueba } from "../ayudas/raiz.ts";

/** An accessible page of the built site, as the layout writes them. */
const pagina = (titulo: string, cuerpo = `<p>${titulo}</p>`) =>
  `<!doctype html><html lang="es-CO"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${titulo}</title></head>` +
  `<body><header><a href="/">Inicio</a></header><main><h1>${titulo}</h1>${cuerpo}</main><footer><p>Alcaldía</p></footer></body></html>`;

const NOTA = (titulo: string, imagen?: string) =>
  `---\ntitulo: "${titulo}"\n${imagen ? `imagen:\n  src: ${imagen}\n  alt: "Foto"\n` : ""}---\n\nTexto.\n`;

let r: RaizDePrueba;
let sitio: string;
const git = (...args: string[]) => execFileSync("git", args, { cwd: r.raiz, stdio: "pipe", encoding: "utf8" });

beforeAll(() => {
  r = raizCon({
    prefijo: "convergente-axe-",
    archivos: { "content/notas/2026/11/anterior.mdx": NOTA("Anterior"), "content/paginas/privacidad.mdx": "Política\n" },
  });
  git("init", "--quiet", "-b", "main");
  git("-c", "user.name=Prueba", "-c", "user.email=prueba@example.com", "add", ".");
  git("-c", "user.name=Prueba", "-c", "user.email=prueba@example.com", "commit", "--quiet", "-m", "base");
  // The pull request: a new note with its photo, a photo replaced in an older note, a scheduled note
  // (not built), and a legal page edited.
  writeFileSync(path.join(r.raiz, "content/notas/2026/11/nueva.mdx"), NOTA("Nueva", "nueva.jpg"));
  writeFileSync(path.join(r.raiz, "content/notas/2026/11/nueva.jpg"), "jpg");
  writeFileSync(path.join(r.raiz, "content/notas/2026/11/programada.mdx"), NOTA("Programada"));
  writeFileSync(path.join(r.raiz, "content/paginas/privacidad.mdx"), "Política actualizada\n");
  git("-c", "user.name=Prueba", "-c", "user.email=prueba@example.com", "add", ".");
  git("-c", "user.name=Prueba", "-c", "user.email=prueba@example.com", "commit", "--quiet", "-m", "solicitud");
  sitio = path.join(r.raiz, "dist");
  const paginas: Record<string, string> = {
    "/": pagina("Noticias"),
    "/noticias/": pagina("Todas las noticias"),
    "/noticias/2026/11/": pagina("Noviembre de 2026"),
    "/noticias/2026/11/anterior/": pagina("Anterior"),
    "/noticias/2026/11/nueva/": pagina("Nueva"),
    "/privacidad/": pagina("Política de privacidad"),
    // A page with two WCAG failures: an image with no text alternative and a link with no name.
    "/roto/": pagina("Roto", '<img src="/x.png" width="10" height="10"><a href="/a/"></a>'),
  };
  for (const [ruta, html] of Object.entries(paginas)) {
    mkdirSync(path.join(sitio, ruta), { recursive: true });
    writeFileSync(path.join(sitio, ruta, "index.html"), html);
  }
});
afterAll(() => r.borrar());

describe("accesibilidad de las páginas que cambia una solicitud (camino rápido de revision.yml)", () => {
  it("elige la página de cada nota cambiada que se construyó, las listas que la muestran y las páginas legales cambiadas", () => {
    const cambiados = [
      "content/notas/2026/11/nueva.mdx",
      "content/notas/2026/11/nueva.jpg",
      "content/notas/2026/11/programada.mdx",
      "content/paginas/privacidad.mdx",
      "content/publicaciones/2026/11/anterior.json",
    ];
    expect(paginasCambiadas(cambiados, sitio, r.raiz)).toEqual([
      "/",
      "/noticias/",
      "/noticias/2026/11/",
      "/noticias/2026/11/nueva/",
      "/privacidad/",
    ]);
    // Only a record changed: no page to check.
    expect(paginasCambiadas(["content/publicaciones/2026/11/anterior.json"], sitio, r.raiz)).toEqual([]);
  });

  it("una foto cambiada lleva a las notas de su carpeta que la muestran", () => {
    expect(paginasCambiadas(["content/notas/2026/11/nueva.jpg"], sitio, r.raiz)).toContain("/noticias/2026/11/nueva/");
    expect(paginasCambiadas(["content/notas/2026/11/nueva.jpg"], sitio, r.raiz)).not.toContain("/noticias/2026/11/anterior/");
  });

  it("con --base revisa con axe en Chromium las páginas del diff y termina bien cuando no hay hallazgos", () => {
    const salida = path.join(r.raiz, "salida/revision/accesibilidad.json");
    const res = prensa(
      ["accesibilidad", "--base", "HEAD~1", "--sitio", sitio, "--navegador", RUTA_CHROMIUM, "--salida", salida],
      { PRENSA_RAIZ: r.raiz },
    );
    // What the review comment reads (prensa comentar-revision --accesibilidad), in the artifact's own schema.
    expect(leerAccesibilidad(salida)).toEqual({
      paginas: ["/", "/noticias/", "/noticias/2026/11/", "/noticias/2026/11/nueva/", "/privacidad/"],
      hallazgos: [],
    });
    expect(res.error).toBe("");
    expect(res.salida).toMatch(
      /^Accesibilidad: axe no encontró problemas en 5 página\(s\): \/, \/noticias\/, \/noticias\/2026\/11\/, \/noticias\/2026\/11\/nueva\/, \/privacidad\/ \([\d.]+ s\)\.\n$/,
    );
    expect(res.codigo).toBe(0);
  }, 120_000);

  it("una página con fallas WCAG da una anotación de error por regla y termina con 1", () => {
    const res = prensa(
      [
        "accesibilidad",
        "--pagina",
        "/roto/",
        "--pagina",
        "/privacidad/",
        "--sitio",
        sitio,
        "--navegador",
        RUTA_CHROMIUM,
        "--formato",
        "github",
      ],
      { PRENSA_RAIZ: r.raiz },
    );
    const anotaciones = res.salida.split("\n").filter((l) => l.startsWith("::error "));
    expect(anotaciones.map((l) => /^::error title=Accesibilidad \(axe\) ([a-z-]+)::\/roto\/: /.exec(l)?.[1]).sort()).toEqual([
      "image-alt",
      "link-name",
    ]);
    expect(res.salida).toContain("Accesibilidad: 2 hallazgo(s) de axe en 1 de 2 página(s)");
    expect(res.codigo).toBe(1);
  }, 120_000);

  it("sin resultado de axe (la vista previa no se construyó) el comentario sale sin esa sección y se dice por qué", () => {
    expect(leerAccesibilidad(path.join(r.raiz, "no-existe.json"))).toMatch(
      /^no hay resultado de accesibilidad en .*no-existe\.json/,
    );
    writeFileSync(path.join(r.raiz, "malo.json"), '{"paginas": "no"}');
    expect(leerAccesibilidad(path.join(r.raiz, "malo.json"))).toMatch(/no tiene la forma esperada/);
  });

  it("sin sitio construido lo dice en español y no abre el navegador", () => {
    const res = prensa(["accesibilidad", "--pagina", "/", "--sitio", path.join(r.raiz, "no-existe")], { PRENSA_RAIZ: r.raiz });
    expect(res.codigo).toBe(1);
    expect(res.error + res.salida).toContain("No hay un sitio construido en");
    expect(res.error).not.toMatch(/\n\s+at /);
  });
});
