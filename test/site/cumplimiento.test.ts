import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Server } from "node:http";
import { XMLParser } from "fast-xml-parser";
import { parseDocument } from "yaml";
import { raizCon, type RaizDePrueba } from "../ayudas/raiz.ts";
import { construirSitio, type Construccion } from "../ayudas/construir.ts";
import { RAIZ } from "../../scripts/lib/content/paths.ts";
import { cargarInstitucion } from "../../scripts/lib/content/institucion.ts";
import { servirSitio } from "../../scripts/lib/servidor/estatico.ts";
import { fechasDeGit } from "../../site/lib/actualizacion.ts";

/**
 * Resolución MinTIC 1519 de 2020 and the GOV.CO kit, clause by clause, on one build of the sample
 * site (a copy of the repository without git history, so dates fall back to the files' own). Each
 * test is named after the clause it checks: the suite reads as the checklist of docs/cumplimiento.md.
 */
const AHORA = "2026-11-28T12:00:00-05:00";
/** A bar colour that is not the default: proves the site takes the kit values from the config. */
const COLOR_BARRA = "#0A3D91";
const FRASE_NUEVA = "Esta frase la agregó la oficina en el archivo de la página.";

let copia: RaizDePrueba;
let sitio: Construccion;
let servidor: Server;
let base: string;
const leer = (rel: string) => readFileSync(path.join(sitio.carpeta, rel), "utf8");
const institucion = cargarInstitucion(RAIZ);

function archivos(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? archivos(p, base) : [path.relative(base, p).split(path.sep).join("/")];
  });
}
/** Every citizen page (the web editor under /admin/ is not one: it is not in the sitemap). */
const paginasHtml = () => archivos(sitio.carpeta).filter((f) => f.endsWith(".html") && !f.startsWith("admin/"));
const rutaDe = (html: string) => `/${html.replace(/index\.html$/, "")}`;

/** What `git hash-object` prints for a file: the proof that a logo is byte for byte the source's. */
const blobGit = (datos: Buffer) =>
  createHash("sha1")
    .update(Buffer.concat([Buffer.from(`blob ${datos.length}\0`), datos]))
    .digest("hex");

function sitemap(): { loc: string; lastmod?: string }[] {
  const xml = new XMLParser().parse(leer("sitemap-0.xml")) as { urlset: { url: { loc: string; lastmod?: string }[] } };
  return xml.urlset.url;
}

beforeAll(async () => {
  copia = raizCon({ delRepositorio: ["content"] });
  const config = path.join(copia.raiz, "config/institucion.yaml");
  const doc = parseDocument(readFileSync(config, "utf8"));
  doc.setIn(["identidad", "barraGovco", "color"], COLOR_BARRA);
  writeFileSync(config, doc.toString());
  const terminos = path.join(copia.raiz, "content/paginas/terminos.mdx");
  writeFileSync(terminos, `${readFileSync(terminos, "utf8")}\n${FRASE_NUEVA}\n`);
  sitio = construirSitio(copia.raiz, AHORA);
  if (sitio.codigo !== 0) throw new Error(`La construcción falló:\n${sitio.registro}`);
  ({ servidor, url: base } = await servirSitio(sitio.carpeta, 0));
}, 600_000);

afterAll(() => {
  servidor?.close();
  copia?.borrar();
  if (sitio) rmSync(sitio.carpeta, { recursive: true, force: true });
});

describe("Resolución MinTIC 1519 de 2020, Anexo 2: identidad GOV.CO", () => {
  it("Anexo 2 §2.1: cada página empieza con la barra GOV.CO, con el logo oficial sin modificar enlazado a www.gov.co", () => {
    const fuente = readFileSync(path.join(RAIZ, "site/public/identidad/FUENTE.md"), "utf8");
    expect(fuente).toContain(blobGit(readFileSync(path.join(sitio.carpeta, "identidad/govco.svg"))));
    expect(fuente).toContain("alejo1331/pwa-govco");
    for (const html of paginasHtml()) {
      const barra = /<div class="barra-govco">([\s\S]*?)<\/div>/.exec(leer(html))?.[1] ?? "";
      expect(barra, html).toMatch(
        /<a href="https:\/\/www\.gov\.co\/"[^>]*>\s*<img src="\/identidad\/govco\.svg" alt="[^"]{10,}"/,
      );
    }
  });

  it("Anexo 2 §2.1: el color y el alto de la barra salen de `identidad` en la configuración (kit vigente sin tocar código)", () => {
    const pagina = leer("index.html");
    expect(pagina).toContain(`--azul-govco:${COLOR_BARRA}`);
    expect(pagina).toContain(`--alto-barra-govco:${institucion.identidad.barraGovco.alto}rem`);
    expect(pagina).not.toContain(`--azul-govco:${institucion.identidad.barraGovco.color}`);
  });

  it("Anexo 2 §2.1: el encabezado muestra el logo o escudo de la entidad con su texto alternativo", () => {
    const logo = institucion.logo!;
    for (const html of paginasHtml())
      expect(leer(html), html).toContain(`<img class="encabezado__logo" src="${logo.archivo}" alt="${logo.alt}"`);
    expect(statSync(path.join(sitio.carpeta, logo.archivo)).size).toBeGreaterThan(100);
  });

  it("Anexo 2 §2.2: el pie muestra el logo CO de la Marca País y el de GOV.CO, sin modificar y con texto alternativo", () => {
    const fuente = readFileSync(path.join(RAIZ, "site/public/identidad/FUENTE.md"), "utf8");
    expect(fuente).toContain(blobGit(readFileSync(path.join(sitio.carpeta, "identidad/marca-pais-co.svg"))));
    for (const html of paginasHtml()) {
      const pie = leer(html).split('<footer class="pie">')[1] ?? "";
      expect(pie, html).toMatch(
        /<a href="https:\/\/www\.colombia\.co\/"[^>]*>\s*<img src="\/identidad\/marca-pais-co\.svg" alt="Marca País Colombia"/,
      );
      expect(pie, html).toMatch(/<a href="https:\/\/www\.gov\.co\/"[^>]*>\s*<img src="\/identidad\/govco\.svg" alt="[^"]{10,}"/);
    }
  });

  it("Anexo 2 §2.2: el pie enlaza la línea anticorrupción", () => {
    const a = institucion.anticorrupcion!;
    for (const html of paginasHtml()) {
      const linea = /<li class="pie__anticorrupcion">([\s\S]*?)<\/li>/.exec(leer(html))?.[1] ?? "";
      expect(linea, html).toContain("Línea anticorrupción");
      expect(linea, html).toContain(`href="tel:${a.telefono!.replace(/\s+/g, "")}"`);
      expect(linea, html).toContain(`href="mailto:${a.correo}"`);
      expect(linea, html).toContain(`href="${a.enlace}"`);
    }
  });

  it("Anexo 2 §2.2: el pie tiene la dirección, el horario, los teléfonos y el correo de notificaciones judiciales", () => {
    const c = institucion.contacto;
    for (const html of paginasHtml()) {
      const pie = leer(html).split('<footer class="pie">')[1] ?? "";
      for (const dato of [
        c.direccion,
        c.codigoPostal,
        c.horario,
        c.notificacionesJudiciales,
        ...c.telefonos.map((t) => t.numero),
      ])
        expect(pie, `${html}: ${dato}`).toContain(dato);
    }
  });
});

describe("Resolución MinTIC 1519 de 2020, Anexo 2 §2.4: menús del portal principal", () => {
  const enlaces = () => {
    const p = institucion.portal!;
    return [
      { menu: "Transparencia y acceso a la información pública", href: p.transparencia },
      { menu: "Atención y servicios a la ciudadanía", href: p.atencion },
      { menu: "Peticiones, quejas, reclamos, sugerencias y denuncias (PQRSD)", href: p.pqrsd },
      { menu: "Participa", href: p.participa },
    ];
  };
  for (const [i, nombre] of [
    "Transparencia y acceso a la información pública",
    "Atención y servicios a la ciudadanía",
    "PQRSD",
    "Participa",
  ].entries())
    it(`Anexo 2 §2.4: cada página lleva a «${nombre}» del portal principal`, () => {
      const { menu, href } = enlaces()[i]!;
      for (const html of paginasHtml()) expect(leer(html), html).toContain(`<a href="${href}">${menu}</a>`);
    });

  it("Anexo 2 §2.4: el encabezado tiene una caja de búsqueda visible que funciona sin JavaScript (GET a /buscar/)", () => {
    for (const html of paginasHtml()) {
      const formulario = /<form class="encabezado__buscar"[^>]*>([\s\S]*?)<\/form>/.exec(leer(html));
      expect(formulario?.[0], html).toMatch(/role="search" action="\/buscar\/" method="get"/);
      expect(formulario?.[1], html).toMatch(/<label for="buscar-encabezado"[^>]*>\s*Buscar en el sitio\s*<\/label>/);
      expect(formulario?.[1], html).toContain('<input id="buscar-encabezado" name="q" type="search"');
    }
  });
});

describe("Resolución MinTIC 1519 de 2020, Anexo 2 §2.3: políticas y fechas", () => {
  const pie = (html: string) => leer(html).split('<footer class="pie">')[1] ?? "";

  it("Anexo 2 §2.3: las páginas legales se escriben en content/paginas (MDX) y un cambio del texto aparece en el sitio", () => {
    for (const f of ["politica-de-tratamiento-de-datos", "accesibilidad", "terminos"])
      expect(readFileSync(path.join(RAIZ, "content/paginas", `${f}.mdx`), "utf8")).toMatch(/^---\ntitulo: /);
    expect(leer("terminos/index.html")).toContain(FRASE_NUEVA);
    expect(leer("terminos/index.html")).toContain(`${institucion.entidad}`);
  });

  it("Anexo 2 §2.3: la política de tratamiento de datos está en el pie de cada página y dice qué registra el servidor del sitio", () => {
    for (const html of paginasHtml())
      expect(pie(html), html).toContain(
        '<a href="/politica-de-tratamiento-de-datos/">Política de tratamiento de datos personales</a>',
      );
    const politica = leer("politica-de-tratamiento-de-datos/index.html");
    expect(politica).toContain('<h2 id="2-qué-datos-recoge-este-sitio">');
    expect(politica).toMatch(/registra de forma automática, en cada visita, la dirección IP/);
    expect(politica).toContain("Ley 1581 de 2012");
    expect(politica).toContain(`mailto:${institucion.contacto.correo}`);
  });

  it("Anexo 2 §2.3: los términos tienen ámbito, derechos y deberes, responsabilidad de la entidad, ley aplicable y vigencia", () => {
    for (const html of paginasHtml()) expect(pie(html), html).toContain('<a href="/terminos/">Términos y condiciones</a>');
    const terminos = leer("terminos/index.html");
    for (const seccion of [
      "Ámbito",
      "Derechos de las personas usuarias",
      "Deberes de las personas usuarias",
      "Responsabilidad de la entidad",
      "Ley aplicable",
      "Vigencia y cambios",
    ])
      expect(terminos, seccion).toMatch(new RegExp(`<h2 id="[^"]+">${seccion}</h2>`));
    expect(terminos).toMatch(/rigen desde el \d+ de \w+ de \d{4}/);
  });

  it("Anexo 2 §2.3: los términos dicen en una frase los derechos de autor y la reutilización autorizada", () => {
    const terminos = leer("terminos/index.html");
    expect(terminos).toMatch(
      /<h2 id="derechos-de-autor-y-reutilización">Derechos de autor y reutilización<\/h2>\s*<p>[^<]*se autoriza reproducirlos[^<]*cite la fuente/,
    );
  });

  it("Anexo 2 §2.3: la declaración de cookies dice que el sitio no usa cookies, y ninguna página ni script las usa", () => {
    expect(leer("terminos/index.html")).toMatch(/<h2 id="cookies">Cookies<\/h2>\s*<p>Este sitio no usa cookies/);
    for (const html of paginasHtml())
      expect(pie(html), html).toContain('<a href="/terminos/#cookies">Este sitio no usa cookies.</a>');
    // Everything the site ships, the web editor included: no script reads or writes cookies.
    const conCodigo = archivos(sitio.carpeta).filter((f) => /\.(html|js|mjs)$/.test(f));
    expect(conCodigo.length).toBeGreaterThan(60);
    for (const f of conCodigo) expect(leer(f), f).not.toMatch(/document\s*\.\s*cookie|cookieStore/);
  });

  it("Anexo 2 §2.3: `prensa servir` no envía Set-Cookie en ninguna página del mapa del sitio", async () => {
    const rutas = [...sitemap().map((u) => new URL(u.loc).pathname), "/no-existe/", "/buscar/?q=vacunaci%C3%B3n"];
    expect(rutas.length).toBeGreaterThan(30);
    for (const ruta of rutas) {
      const r = await fetch(`${base}${ruta}`);
      await r.arrayBuffer();
      expect(r.status, ruta).toBe(ruta === "/no-existe/" ? 404 : 200);
      expect(r.headers.get("set-cookie"), ruta).toBeNull();
    }
  });

  it("Anexo 2 §2.3: cada URL del sitemap tiene <lastmod>, y es la «Última actualización» que muestra la página", () => {
    const urls = sitemap();
    expect(urls.length).toBeGreaterThan(30);
    for (const u of urls) {
      expect(u.lastmod, u.loc).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      const ruta = new URL(u.loc).pathname;
      const html = leer(`${ruta.slice(1)}index.html`);
      const muestra = /<p class="actualizacion">\s*Última actualización: <time datetime="([^"]+)">([^<]+)<\/time>/.exec(html);
      expect(muestra, ruta).not.toBeNull();
      expect(new Date(muestra![1]!).getTime(), ruta).toBe(new Date(u.lastmod!).getTime());
      expect(new Date(u.lastmod!).getTime(), ruta).toBeLessThanOrEqual(new Date(AHORA).getTime());
    }
  });

  it("Anexo 2 §2.3: sin historial de git, la fecha de una nota es su publicación o su última corrección, y la de una página su `actualizado`", () => {
    const porRuta = new Map(sitemap().map((u) => [new URL(u.loc).pathname, u.lastmod!]));
    // festival-campesino: published 2026-11-05 08:00 and never corrected.
    expect(porRuta.get("/noticias/2026/11/festival-campesino/")).toBe("2026-11-05T13:00:00.000Z");
    const terminos = readFileSync(path.join(RAIZ, "content/paginas/terminos.mdx"), "utf8");
    const dia = /actualizado: "(\d{4}-\d{2}-\d{2})"/.exec(terminos)![1]!;
    expect(porRuta.get("/terminos/")).toBe(new Date(`${dia}T00:00:00-05:00`).toISOString());
    // The month and the home page are as new as the newest note they list.
    const noviembre = [...porRuta].filter(([r]) => r.startsWith("/noticias/2026/11/") && r !== "/noticias/2026/11/");
    const masNueva = noviembre
      .map(([, d]) => d)
      .sort()
      .at(-1);
    expect(porRuta.get("/noticias/2026/11/")).toBe(masNueva);
    expect(porRuta.get("/")! >= masNueva!).toBe(true);
  });

  it("Anexo 2 §2.3: con historial de git, la fecha de cada archivo es la de su último commit, leída en un solo git log", () => {
    const repo = mkdtempSync(path.join(tmpdir(), "convergente-git-"));
    try {
      const git = (args: string[], fecha?: string) =>
        spawnSync("git", args, {
          cwd: repo,
          encoding: "utf8",
          env: {
            ...process.env,
            GIT_AUTHOR_NAME: "Prensa",
            GIT_AUTHOR_EMAIL: "prensa@example.org",
            GIT_COMMITTER_NAME: "Prensa",
            GIT_COMMITTER_EMAIL: "prensa@example.org",
            ...(fecha ? { GIT_COMMITTER_DATE: fecha, GIT_AUTHOR_DATE: fecha } : {}),
          },
        });
      git(["init", "-q"]);
      mkdirSync(path.join(repo, "content/notas/2026/11"), { recursive: true });
      writeFileSync(path.join(repo, "content/notas/2026/11/a.mdx"), "uno");
      writeFileSync(path.join(repo, "content/notas/2026/11/b.mdx"), "uno");
      git(["add", "."]);
      git(["commit", "-qm", "primero"], "2026-11-02T09:00:00-05:00");
      writeFileSync(path.join(repo, "content/notas/2026/11/b.mdx"), "dos");
      git(["commit", "-qam", "segundo"], "2026-11-20T16:30:00-05:00");
      const fechas = fechasDeGit(path.join(repo, "content/notas"));
      expect(fechas.get("2026/11/a.mdx")?.toISOString()).toBe("2026-11-02T14:00:00.000Z");
      expect(fechas.get("2026/11/b.mdx")?.toISOString()).toBe("2026-11-20T21:30:00.000Z");
      expect(fechas.size).toBe(2);
      // A shallow clone (CI's default checkout): the oldest commit present is not a real date for its files.
      const clon = path.join(repo, "clon");
      spawnSync("git", ["clone", "-q", "--depth", "1", `file://${repo}`, clon]);
      expect(fechasDeGit(path.join(clon, "content/notas")).size).toBe(0);
      spawnSync("git", ["fetch", "-q", "--deepen", "1"], { cwd: clon });
      const poco = fechasDeGit(path.join(clon, "content/notas"));
      expect([...poco.values()].map((d) => d.toISOString())).toEqual(["2026-11-20T21:30:00.000Z"]);
      // A folder outside any repository has no history: the caller falls back to the files' dates.
      expect(fechasDeGit(path.join(copia.raiz, "content/notas")).size).toBe(0);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});

describe("Resolución MinTIC 1519 de 2020, Anexo 1: accesibilidad más allá de WCAG", () => {
  it("Anexo 1: cada página enlaza el Centro de Relevo para personas sordas", () => {
    const url = institucion.portal!.centroDeRelevo;
    for (const html of paginasHtml())
      expect(leer(html), html).toContain(`<a href="${url}">Centro de Relevo (para personas sordas)</a>`);
    expect(leer("accesibilidad/index.html")).toContain(`<a href="${url}">Centro de Relevo</a>`);
  });

  it("Anexo 1: la declaración de accesibilidad está en el pie de cada página", () => {
    for (const html of paginasHtml()) expect(leer(html), html).toContain('<a href="/accesibilidad/">Accesibilidad</a>');
    expect(leer("accesibilidad/index.html")).toContain("WCAG) 2.1, nivel AA");
  });

  it("Anexo 1 (kit GOV.CO): las herramientas de contraste y tamaño del texto están en cada página sin JavaScript; solo /buscar/ tiene scripts", () => {
    const css = archivos(path.join(sitio.carpeta, "_astro"))
      .filter((f) => f.endsWith(".css"))
      .map((f) => readFileSync(path.join(sitio.carpeta, "_astro", f), "utf8"))
      .join("\n");
    expect(css).toMatch(/:root:has\(#alto-contraste:checked\)\{/);
    expect(css).toMatch(/:root:has\(#letra-125:checked\)\{font-size:125%\}/);
    expect(css).toMatch(/:root:has\(#letra-150:checked\)\{font-size:150%\}/);
    for (const html of paginasHtml()) {
      const pagina = leer(html);
      expect(pagina, html).toContain('<input type="checkbox" id="alto-contraste">');
      expect(pagina, html).toMatch(/<legend>Tamaño del texto<\/legend>[\s\S]*id="letra-125"[\s\S]*id="letra-150"/);
      if (html !== "buscar/index.html") expect(pagina, html).not.toMatch(/<script/);
    }
  });
});

describe("Resolución MinTIC 1519 de 2020, Anexo 3: seguridad digital", () => {
  /** The rules of a Netlify/Cloudflare `_headers` file: path pattern → header lines. */
  function reglas(): { patron: string; cabeceras: Map<string, string> }[] {
    const lista: { patron: string; cabeceras: Map<string, string> }[] = [];
    for (const linea of leer("_headers").split("\n")) {
      if (!linea.trim() || linea.trimStart().startsWith("#")) continue;
      if (!/^\s/.test(linea)) lista.push({ patron: linea.trim(), cabeceras: new Map() });
      else {
        const [nombre, ...valor] = linea.trim().split(":");
        lista.at(-1)!.cabeceras.set(nombre!.toLowerCase(), valor.join(":").trim());
      }
    }
    return lista;
  }
  const aplica = (patron: string, ruta: string) =>
    patron.endsWith("/*") ? ruta.startsWith(patron.slice(0, -1)) : patron === ruta || patron === "/*";

  it("Anexo 3: el sitio publica _headers con HSTS de al menos un año y las cabeceras de seguridad para todo el sitio", () => {
    const todo = reglas().find((r) => r.patron === "/*")!.cabeceras;
    expect(Number(/max-age=(\d+)/.exec(todo.get("strict-transport-security") ?? "")?.[1])).toBeGreaterThanOrEqual(31_536_000);
    expect(todo.get("strict-transport-security")).toContain("includeSubDomains");
    expect(todo.get("x-content-type-options")).toBe("nosniff");
    expect(todo.get("x-frame-options")).toBe("DENY");
    expect(todo.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(todo.get("permissions-policy")).toContain("camera=()");
  });

  it("Anexo 3: cada página del sitio tiene una política de contenido (CSP) y solo la de búsqueda permite scripts", () => {
    const todas = reglas();
    for (const html of paginasHtml()) {
      const ruta = html === "404.html" || html === "index.html" ? `/${html}` : rutaDe(html);
      const csp = todas
        .filter((r) => r.patron !== "/*" && aplica(r.patron, ruta))
        .map((r) => r.cabeceras.get("content-security-policy"));
      expect(csp.length, `${ruta} no tiene Content-Security-Policy en _headers`).toBe(1);
      expect(csp[0], ruta).toContain("frame-ancestors 'none'");
      expect(csp[0], ruta).toContain(ruta.startsWith("/buscar/") ? "script-src 'self'" : "script-src 'none'");
    }
  });
});
