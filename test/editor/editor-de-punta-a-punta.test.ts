import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cargarInstitucion } from "../../scripts/lib/content/institucion.ts";
import { leerNota } from "../../scripts/lib/content/notas.ts";
import { soltarCerrojo, tomarCerrojo } from "../ayudas/construir.ts";
import { prensa } from "../ayudas/cli.ts";
import { abrirNavegador } from "../ayudas/navegador.ts";
import { raizCon, RAIZ, type RaizDePrueba } from "../ayudas/raiz.ts";

/**
 * The web editor as an editor uses it: `prensa editor` (astro dev with decap-server in git mode)
 * on a real git repository, driven in Debian's Chromium. The note is published at 21:00 of
 * 30 November in Bogotá, already 1 December in UTC: it belongs to content/notas/2026/11/.
 */

const TITULO = "Cajicá abre la convocatoria de estímulos culturales";
const SLUG = "cajica-abre-la-convocatoria-de-estimulos-culturales";
const ID = `2026/11/${SLUG}`;
const RAMA = `cms/notas/${ID}`;
const IMAGEN = "convocatoria-estimulos.png";
const ALT = "Artistas ensayan una obra de teatro en la casa de la cultura de Cajicá";
const ENLACE = "https://www.cajica.gov.co/cultura/";

let repositorio: RaizDePrueba;
let editor: ChildProcess;
let registro = "";
let base: string;
let navegador: Browser;
let contexto: BrowserContext;
let pagina: Page;
let carpetaImagen: string;
/** Documents the page loaded: a reload of Vite's dev client would count one more. */
let cargas = 0;
/** What the page logged as an error, and every answer of 400 or more it got (with the request body). */
const erroresConsola: string[] = [];
const respuestasFallidas: { estado: number; url: string; cuerpo: string }[] = [];
/** Requests to anywhere but the editor's own origin (Decap is served from the npm package: none). */
const fuera: string[] = [];

const git = (...args: string[]) => execFileSync("git", args, { cwd: repositorio.raiz, encoding: "utf8" });

async function puertoLibre(): Promise<number> {
  return new Promise((resolver, rechazar) => {
    const s = createServer();
    s.once("error", rechazar);
    s.listen(0, "127.0.0.1", () => {
      const direccion = s.address();
      s.close(() => resolver(typeof direccion === "object" && direccion ? direccion.port : 0));
    });
  });
}

// astro dev writes .astro/ of this checkout, like the site builds of other test files: wait for
// them here, in a hook of its own, so the wait does not count against starting the editor.
beforeAll(() => tomarCerrojo(), 20 * 60_000);

beforeAll(async () => {
  // A repository as an editor clones it: the real config and .gitignore, one commit on main.
  repositorio = raizCon({ prefijo: "convergente-editor-", archivos: { "content/notas/.gitkeep": "" } });
  copyFileSync(path.join(RAIZ, ".gitignore"), path.join(repositorio.raiz, ".gitignore"));
  git("init", "-q", "-b", "main");
  git("config", "user.name", "Oficina de Prensa");
  git("config", "user.email", "prensa@example.org");
  git("config", "commit.gpgsign", "false");
  git("add", ".");
  git("commit", "-q", "-m", "Repositorio de prueba");
  carpetaImagen = mkdtempSync(path.join(tmpdir(), "convergente-foto-"));
  copyFileSync(path.join(RAIZ, "content/notas/2026/11/festival-campesino.png"), path.join(carpetaImagen, IMAGEN));

  const puerto = await puertoLibre();
  editor = spawn(process.execPath, [path.join(RAIZ, "scripts/prensa.ts"), "editor", "--puerto", String(puerto)], {
    cwd: RAIZ,
    // What an editor's shell has; without vitest's variables, which make Astro skip its page handler.
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", TZ: "America/Bogota", PRENSA_RAIZ: repositorio.raiz },
    stdio: ["ignore", "pipe", "pipe"],
  });
  await new Promise<void>((resolver, rechazar) => {
    const leer = (d: Buffer) => {
      registro += d.toString();
      if (registro.includes(`Editor web listo en http://localhost:${puerto}/admin/`)) resolver();
    };
    editor.stdout?.on("data", leer);
    editor.stderr?.on("data", leer);
    editor.once("exit", (codigo) => rechazar(new Error(`prensa editor terminó (${codigo}):\n${registro}`)));
  });
  base = `http://127.0.0.1:${puerto}`;
  // "ready" is printed before Astro's page handler is in place: wait until /admin/ answers.
  for (;;) {
    const r = await fetch(`${base}/admin/`).catch(() => undefined);
    if (r?.status === 200) break;
    if (editor.exitCode !== null) throw new Error(`prensa editor terminó:\n${registro}`);
    await new Promise((listo) => setTimeout(listo, 300));
  }

  navegador = await abrirNavegador();
  // The editor types Bogotá times, as the form's hint says.
  contexto = await navegador.newContext({
    timezoneId: "America/Bogota",
    locale: "es-CO",
    viewport: { width: 1400, height: 1000 },
  });
  contexto.setDefaultTimeout(60_000);
  pagina = await contexto.newPage();
  pagina.on("console", (m) => {
    if (m.type() === "error") erroresConsola.push(m.text());
  });
  pagina.on("pageerror", (e) => erroresConsola.push(`excepción: ${e.message}`));
  pagina.on("load", () => cargas++);
  pagina.on("request", (r) => {
    if (!r.url().startsWith(`${base}/`) && !r.url().startsWith("data:") && !r.url().startsWith("blob:")) fuera.push(r.url());
  });
  pagina.on("response", (r) => {
    if (r.status() >= 400) respuestasFallidas.push({ estado: r.status(), url: r.url(), cuerpo: r.request().postData() ?? "" });
  });
}, 300_000);

afterAll(async () => {
  await contexto?.close();
  await navegador?.close();
  if (editor && editor.exitCode === null) {
    const fin = new Promise((r) => editor.once("exit", r));
    editor.kill("SIGTERM"); // prensa editor stops its astro dev on SIGTERM, like on Ctrl+C.
    await fin;
  }
  soltarCerrojo();
  try {
    git("worktree", "prune");
  } catch {
    // The repository may not exist if beforeAll failed early.
  }
  repositorio?.borrar();
  if (carpetaImagen) rmSync(carpetaImagen, { recursive: true, force: true });
}, 60_000);

/** The react-select of a field: opens it and picks the option. */
async function elegir(idCampo: string, opcion: string) {
  await pagina.locator(`[id^="${idCampo}-field-"]`).first().click();
  await pagina.getByRole("option", { name: opcion, exact: true }).click();
}

const ramas = () => git("branch", "--list", "cms/*", "--format=%(refname:short)").split("\n").filter(Boolean);

describe("editor web de punta a punta (Chromium, prensa editor, decap-server en modo git)", () => {
  it("una nota creada en el formulario queda en su rama cms/notas/… con la imagen al lado, y prensa validar la acepta; sin texto alternativo no se guarda", async () => {
    await pagina.goto(`${base}/admin/`, { waitUntil: "commit" });
    // The local backend needs no GitHub account: the login button enters at once.
    await pagina.getByRole("button", { name: "Iniciar sesión" }).click();
    await pagina.getByRole("link", { name: /\bnota$/ }).click();
    await pagina.waitForURL(/#\/collections\/notas\/new$/);

    await pagina.getByLabel("Título", { exact: true }).fill(TITULO);
    await pagina
      .getByLabel("Resumen (bajada)")
      .fill("La Secretaría de Cultura recibe propuestas de artistas hasta el 15 de febrero.");
    await pagina.getByLabel("Fecha y hora de publicación").fill("2026-11-30T21:00");
    await elegir("dependencia", "Secretaría de Cultura y Juventud");
    await pagina.getByLabel("Autor", { exact: true }).fill("Oficina de Prensa");
    // Networks: one item of the list, chosen from the networks of the config.
    await pagina.getByRole("button", { name: "Agregar red social" }).click();
    await elegir("red", "Facebook");
    // The image, uploaded through the media library, with its alternative text and credit.
    await pagina.getByRole("button", { name: "Elige una imagen" }).click();
    await pagina.locator('input[type="file"][accept="image/*"]').setInputFiles(path.join(carpetaImagen, IMAGEN));
    await pagina.getByText(IMAGEN, { exact: true }).waitFor();
    await pagina.getByRole("button", { name: "Confirmar selección" }).click();
    await pagina.getByLabel("Texto alternativo").fill(ALT);
    await pagina.getByLabel("Crédito").fill("Oficina de Prensa / Archivo");
    // The body in Markdown: a heading and a link.
    // (The toolbar's mode switch is the only switch without an id: urgente, borrador and destacada have one.)
    await pagina.locator('[role="switch"]:not([id])').click();
    const cuerpo = pagina.locator('[data-slate-editor="true"]').last();
    await cuerpo.click();
    await pagina.keyboard.type(`## Cómo participar\n\nLea las [bases de la convocatoria](${ENLACE}) y envíe su propuesta.`);

    // Second case first: without the image's alternative text the note is refused, in Spanish.
    await pagina.getByLabel("Texto alternativo").fill("");
    await pagina.getByRole("button", { name: "Guardar", exact: true }).click();
    await expect.poll(() => pagina.getByText("Texto alternativo es obligatorio.").count()).toBeGreaterThan(0);
    await pagina
      .getByText(/no ha rellenado un campo obligatorio/)
      .first()
      .waitFor();
    expect(ramas()).toEqual([]);

    // With it, the note is saved: a branch and a commit in the repository, the image beside the note.
    await pagina.getByLabel("Texto alternativo").fill(ALT);
    await pagina.getByRole("button", { name: "Guardar", exact: true }).click();
    await pagina.waitForURL(new RegExp(`#/collections/notas/entries/${ID}$`));
    await expect.poll(ramas).toEqual([RAMA]);
    // Then the editor sends it to review: the branch's status is what the head of press reviews.
    await pagina.getByRole("button", { name: /^Estado:/ }).click();
    await pagina.getByRole("menuitem", { name: "En revisión" }).click();
    await expect.poll(() => git("config", "--get", `branch.${RAMA}.description`).trim()).toBe("decap-cms/pending_review");

    // Saving changed content/ on disk (decap-server checks the branch out and back): the page was not reloaded.
    expect(cargas).toBe(1);

    expect(git("diff", "--name-only", "main", RAMA).trim().split("\n").sort()).toEqual([
      `content/notas/${ID}.mdx`,
      `content/notas/2026/11/${IMAGEN}`,
    ]);
    expect(git("log", "-1", "--format=%s", RAMA).trim()).toBe(`Crear nota «${ID}»`);
    // The note was saved on its branch; the editor's checkout stays on main, with nothing new.
    expect(git("branch", "--show-current").trim()).toBe("main");
    expect(git("status", "--porcelain")).toBe("");

    // prensa validar and the site's loader accept the branch as the pull request would bring it.
    const revision = mkdtempSync(path.join(tmpdir(), "convergente-revision-"));
    try {
      git("worktree", "add", "-q", revision, RAMA);
      const imagen = readFileSync(path.join(revision, `content/notas/2026/11/${IMAGEN}`));
      expect(imagen.equals(readFileSync(path.join(carpetaImagen, IMAGEN)))).toBe(true);
      const texto = readFileSync(path.join(revision, `content/notas/${ID}.mdx`), "utf8");
      expect(texto).toContain("publicar: 2026-11-30T21:00:00-05:00");
      expect(texto).toContain(`src: ${IMAGEN}`);
      expect(texto).toMatch(/canales:\n {2}- facebook\n/);
      expect(texto).toContain(`## Cómo participar\n\nLea las [bases de la convocatoria](${ENLACE}) y envíe su propuesta.`);
      expect(texto).not.toContain("carpeta_");
      const validar = prensa(["validar"], { PRENSA_RAIZ: revision });
      expect(validar.error).toBe("");
      expect(validar.salida).toContain("1 nota revisada, sin hallazgos");
      expect(validar.codigo).toBe(0);
      const { nota, problemas } = leerNota(path.join(revision, `content/notas/${ID}.mdx`), cargarInstitucion(revision), {
        raiz: revision,
      });
      expect(problemas).toEqual([]);
      expect(nota).toMatchObject({ id: ID, anio: "2026", mes: "11", slug: SLUG });
      expect(nota!.datos).toMatchObject({
        titulo: TITULO,
        dependencia: "secretaria-de-cultura",
        canales: [{ red: "facebook" }],
        imagen: { src: IMAGEN, alt: ALT, credito: "Oficina de Prensa / Archivo" },
      });
    } finally {
      git("worktree", "remove", "--force", revision);
    }
  });

  it("el navegador no registró errores mientras el editor cargaba y guardaba, ni pidió nada fuera del sitio", () => {
    expect(fuera).toEqual([]);
    // The only failed answers are the local backend's documented "not under editorial workflow"
    // (404 to unpublishedEntry, decap-server localGit), which Decap asks before creating an entry;
    // Chromium logs each as "Failed to load resource". Nothing else failed or was logged as an error.
    for (const r of respuestasFallidas) {
      expect(r.url, JSON.stringify(r)).toBe(`${base}/admin/api-local.json`);
      expect(r.estado).toBe(404);
      expect(JSON.parse(r.cuerpo)).toMatchObject({ action: "unpublishedEntry", params: { collection: "notas", slug: ID } });
    }
    const recursos = "Failed to load resource: the server responded with a status of 404 (Not Found)";
    expect(erroresConsola.filter((e) => e !== recursos)).toEqual([]);
    expect(erroresConsola.length).toBe(respuestasFallidas.length);
    expect(registro).not.toMatch(/error/i);
  });
});
