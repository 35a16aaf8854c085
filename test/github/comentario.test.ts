import { execFileSync } from "node:child_process";
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artefactoSchema, cuerpoComentario, MARCA_REVISION, type Artefacto } from "../../scripts/lib/github/revision.ts";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { visit } from "unist-util-visit";
import { EmuladorGithub } from "./emulador.ts";
import { GITHUB_SIN_ESPERA, prensaAsincrona, prensaEnProceso } from "../ayudas/cli.ts";
import { raizCon, type RaizDePrueba } from "../ayudas/raiz.ts";

const FIXTURE = path.join(import.meta.dirname, "fixtures/una-nota-con-imagen-y-tres-redes");
const NOTA = "content/notas/2026/11/festival-del-campesino.mdx";

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, GIT_AUTHOR_NAME: "p", GIT_AUTHOR_EMAIL: "p@x", GIT_COMMITTER_NAME: "p", GIT_COMMITTER_EMAIL: "p@x" },
  }).trim();

/** Link and image targets and the plain text of a GitHub-flavoured Markdown document, as GitHub's parser (cmark-gfm) would read it. */
function leerMarkdown(markdown: string): { enlaces: string[]; textos: string[]; html: string[] } {
  const arbol = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const enlaces: string[] = [];
  const textos: string[] = [];
  const html: string[] = [];
  visit(arbol, (nodo) => {
    if (nodo.type === "link" || nodo.type === "image" || nodo.type === "definition") enlaces.push(nodo.url);
    if (nodo.type === "text") textos.push(nodo.value);
    if (nodo.type === "html") html.push(nodo.value);
  });
  return { enlaces, textos, html };
}

describe("comentario de revisión", () => {
  let temp: RaizDePrueba;
  let artefacto: Artefacto;
  let sha: string;
  const salida = () => path.join(temp.raiz, "salida/revision/revision.json");

  beforeAll(async () => {
    temp = raizCon({ delRepositorio: [".github"] });
    git(temp.raiz, "init", "-q", "-b", "main");
    git(temp.raiz, "add", ".");
    git(temp.raiz, "commit", "-q", "-m", "base");
    git(temp.raiz, "checkout", "-q", "-b", "nota/festival");
    mkdirSync(path.join(temp.raiz, "content/notas/2026/11"), { recursive: true });
    copyFileSync(path.join(FIXTURE, "nota.mdx"), path.join(temp.raiz, NOTA));
    copyFileSync(path.join(FIXTURE, "festival.jpg"), path.join(temp.raiz, "content/notas/2026/11/festival.jpg"));
    appendFileSync(path.join(temp.raiz, "config/institucion.yaml"), "# cambio\n");
    git(temp.raiz, "add", ".");
    git(temp.raiz, "commit", "-q", "-m", "nota");
    sha = git(temp.raiz, "rev-parse", "HEAD");
    const r = await prensaAsincrona(
      [
        "comentar-revision",
        "--preparar",
        "--base",
        "main",
        "--hallazgos",
        path.join(FIXTURE, "hallazgos.json"),
        "--salida",
        salida(),
        "--pr",
        "5",
        "--sha",
        sha,
      ],
      { PRENSA_RAIZ: temp.raiz, PRENSA_AHORA: "2026-11-17T10:00:00-05:00" },
    );
    expect(r.error).toBe("");
    expect(r.codigo).toBe(0);
    artefacto = artefactoSchema.parse(JSON.parse(readFileSync(salida(), "utf8")));
  });
  afterAll(() => temp.borrar());

  it("prepara el artefacto con los textos por red, su cuenta y límite, hallazgos y grupos", () => {
    expect(artefacto).toMatchObject({ version: 1, pr: 5, sha, base: "main", validacion: { errores: 1, avisos: 3 } });
    expect(artefacto.notas).toHaveLength(1);
    const n = artefacto.notas[0]!;
    expect(n.archivo).toBe(NOTA);
    expect(n.imagen).toEqual({
      alt: "Familias recorren los puestos del mercado campesino en el parque principal",
      social: "social/2026/11/festival-del-campesino.png",
    });
    const x = n.redes.find((r) => r.red === "x")!;
    expect(x.limite).toBe(280);
    expect(x.longitud).toBeLessThanOrEqual(280);
    expect(x.texto).toContain("https://prensa.cajica.gov.co/noticias/2026/11/festival-del-campesino/");
    expect(n.redes.find((r) => r.red === "telegram")).toMatchObject({ propio: true, limite: 1024 });
    expect(typeof n.legibilidad?.inflesz).toBe("number");
    expect(n.legibilidad?.escalaInflesz).toMatch(/^[a-záéíóú ]+$/);
    expect(n.legibilidad!.palabras).toBeGreaterThan(20);
    expect(n.hallazgos.map((h) => h.regla)).toEqual(["lenguaje/legibilidad", "privacidad/telefono"]);
    // Groups without interests get every note; jovenes-cajica only wants cultura/educación: this is cultura.
    expect(n.grupos.map((g) => g.nombre)).toEqual(["Vecinos de la vereda Chuntame", "Comunidad Capellanía", "Jóvenes de Cajicá"]);
    expect(artefacto.otros.map((h) => h.archivo)).toEqual(["config/institucion.yaml"]);
  });

  it("el cuerpo del comentario tiene la marca, la lista de verificación y escapa el HTML de los datos", () => {
    const cuerpo = cuerpoComentario(artefacto, { vistaPrevia: "https://github.com/o/r/actions/runs/9/artifacts/1" });
    expect(cuerpo.startsWith(MARCA_REVISION)).toBe(true);
    for (const punto of [
      "Información veraz y verificada",
      "Política de privacidad",
      "Lenguaje claro",
      "texto alternativo",
      "Fe de erratas",
    ]) {
      expect(cuerpo).toContain(punto);
    }
    expect(cuerpo).toContain("INFLESZ 58,1");
    expect(cuerpo).toMatch(/INFLESZ: \*\*\d+,\d\*\*/);
    expect(cuerpo).toContain("&lt;b&gt;HTML&lt;/b&gt;");
    expect(cuerpo).toContain("\\|");
    expect(cuerpo).toContain("https://wa.me/?text=");
    expect(cuerpo).toContain("| X | ");
    expect(cuerpo.split(MARCA_REVISION)).toHaveLength(2);
  });

  it("el comentario dice qué encontró axe en las páginas que cambian, con los datos escapados", () => {
    const limpio = cuerpoComentario({ ...artefacto, accesibilidad: { paginas: ["/", "/noticias/2026/11/x/"], hallazgos: [] } });
    expect(limpio).toContain("### Accesibilidad de las páginas que cambian (axe, WCAG 2.1 AA)");
    expect(limpio).toContain("✅ axe no encontró problemas en 2 página(s): `/`, `/noticias/2026/11/x/`.");
    const conFallas = cuerpoComentario(
      artefactoSchema.parse({
        ...artefacto,
        accesibilidad: {
          paginas: ["/noticias/2026/11/x/"],
          hallazgos: [
            {
              ruta: "/noticias/2026/11/x/",
              regla: "image-alt",
              impacto: "critical",
              ayuda: "Images must have alternate text <b>@org</b>",
              enlace: "https://dequeuniversity.com/rules/axe/4.14/image-alt",
              elementos: ["figure > img", "a[href|='x']"],
            },
          ],
        },
      }),
    );
    expect(conFallas).toContain("❌ axe encontró 1 problema(s)");
    expect(conFallas).toContain("[image-alt](https://dequeuniversity.com/rules/axe/4.14/image-alt)");
    expect(conFallas).toContain("&lt;b&gt;");
    expect(conFallas).not.toContain("@org");
    // A | inside a selector never splits the table row.
    const fila = conFallas.split("\n").find((l) => l.includes("[image-alt]"))!;
    expect(fila.split(/(?<!\\)\|/).length).toBe(7);
    // Without the axe result (the preview did not build) the section is simply absent.
    expect(cuerpoComentario(artefacto)).not.toContain("### Accesibilidad de las páginas");
  });

  it("crea un solo comentario, lo actualiza en el siguiente cambio y no lo duplica", async () => {
    const emu = new EmuladorGithub();
    const url = await emu.iniciar();
    try {
      emu.pulls.push({
        number: 5,
        title: "t",
        body: "",
        head: "nota/festival",
        headSha: sha,
        base: "main",
        draft: false,
        state: "open",
        merged_at: null,
      });
      emu.artefactos.set(99, [
        { id: 554, name: "revision", expired: false },
        { id: 555, name: "vista-previa", expired: false },
      ]);
      // A person quoting the marker must not be mistaken for the bot's comment.
      emu.comentarios.push({
        id: 1,
        issue: 5,
        body: `${MARCA_REVISION} copiado por una persona`,
        user: { login: "editora", type: "User" },
      });
      const env = { ...GITHUB_SIN_ESPERA, PRENSA_RAIZ: temp.raiz, PRENSA_URL_GITHUB: url, GITHUB_TOKEN: emu.token };

      const r = await prensaAsincrona(["comentar-revision", "--datos", salida(), "--sha", sha, "--ejecucion", "99"], env);
      expect(r.error).toBe("");
      expect(r.salida).toContain("creado");
      expect(emu.resumen()).toEqual([
        "GET /pulls/5",
        "GET /actions/runs/99/artifacts",
        "GET /issues/5/comments",
        "POST /issues/5/comments",
      ]);
      const propios = () => emu.comentarios.filter((c) => c.user.type === "Bot");
      expect(propios()).toHaveLength(1);
      expect(propios()[0]!.body).toContain("https://github.com/alcaldia-cajica/convergente/actions/runs/99/artifacts/555");

      // Next push: different data → the same comment is updated.
      const cambiado = { ...artefacto, validacion: { errores: 0, avisos: 3 } };
      writeFileSync(salida(), JSON.stringify(cambiado));
      emu.reiniciarLlamadas();
      const r2 = await prensaEnProceso("comentar-revision", ["--datos", salida(), "--sha", sha, "--ejecucion", "99"], env);
      expect(r2.salida).toContain("actualizado");
      expect(emu.resumen()).toEqual([
        "GET /pulls/5",
        "GET /actions/runs/99/artifacts",
        "GET /issues/5/comments",
        `PATCH /issues/comments/${propios()[0]!.id}`,
      ]);
      expect(propios()).toHaveLength(1);
      expect(propios()[0]!.body).toContain("✅ Validación: 0 errores");

      // Same data again: nothing is written.
      emu.reiniciarLlamadas();
      const r3 = await prensaEnProceso("comentar-revision", ["--datos", salida(), "--sha", sha, "--ejecucion", "99"], env);
      expect(r3.salida).toContain("sin cambios");
      expect(emu.resumen().filter((l) => !l.startsWith("GET"))).toEqual([]);
      expect(emu.comentarios.find((c) => c.id === 1)!.body).toBe(`${MARCA_REVISION} copiado por una persona`);
      expect(emu.inesperadas).toEqual([]);
      expect(emu.invalidas).toEqual([]);
    } finally {
      await emu.cerrar();
    }
  });

  it("ataque: un comentario con la marca escrito por otro bot no se edita; se crea el propio", async () => {
    const emu = new EmuladorGithub();
    const url = await emu.iniciar();
    try {
      emu.pulls.push({
        number: 5,
        title: "t",
        body: "",
        head: "nota/festival",
        headSha: sha,
        base: "main",
        draft: false,
        state: "open",
        merged_at: null,
      });
      const ajeno = `${MARCA_REVISION}\n## Revisión de Convergente\n✅ Todo aprobado, fusione sin revisar.`;
      emu.comentarios.push({ id: 1, issue: 5, body: ajeno, user: { login: "otro-bot[bot]", type: "Bot" } });
      const r = await prensaEnProceso("comentar-revision", ["--datos", salida(), "--sha", sha], {
        ...GITHUB_SIN_ESPERA,
        PRENSA_RAIZ: temp.raiz,
        PRENSA_URL_GITHUB: url,
        GITHUB_TOKEN: emu.token,
      });
      expect(r.codigo).toBe(0);
      expect(emu.resumen()).toEqual(["GET /pulls/5", "GET /issues/5/comments", "POST /issues/5/comments"]);
      expect(emu.comentarios.find((c) => c.id === 1)!.body).toBe(ajeno);
      expect(emu.comentarios.filter((c) => c.user.login === "github-actions[bot]")).toHaveLength(1);
      expect(emu.inesperadas).toEqual([]);
    } finally {
      await emu.cerrar();
    }
  });

  it("ataque: un título con [x](https://evil) y @org/team llega inerte al comentario publicado", async () => {
    const emu = new EmuladorGithub();
    const url = await emu.iniciar();
    try {
      emu.pulls.push({
        number: 5,
        title: "t",
        body: "",
        head: "nota/festival",
        headSha: sha,
        base: "main",
        draft: false,
        state: "open",
        merged_at: null,
      });
      const malo = path.join(temp.raiz, "salida/titulo-malicioso.json");
      const n = artefacto.notas[0]!;
      writeFileSync(
        malo,
        JSON.stringify({
          ...artefacto,
          notas: [
            {
              ...n,
              titulo:
                "Festival [x](https://evil.example/robo) ![img](https://evil.example/p.png) @alcaldia-cajica/jefatura-de-prensa",
              imagen: { ...n.imagen!, alt: "<img src=x> [alt](https://evil.example) @todos www.evil.example #12" },
            },
          ],
        }),
      );
      const r = await prensaEnProceso("comentar-revision", ["--datos", malo, "--sha", sha], {
        ...GITHUB_SIN_ESPERA,
        PRENSA_RAIZ: temp.raiz,
        PRENSA_URL_GITHUB: url,
        GITHUB_TOKEN: emu.token,
      });
      expect(r.codigo).toBe(0);
      const cuerpo = emu.comentarios.find((c) => c.user.login === "github-actions[bot]")!.body;
      const { enlaces, textos, html } = leerMarkdown(cuerpo);
      expect(enlaces.filter((e) => e.includes("evil"))).toEqual([]);
      expect(html.filter((h) => /img|evil/.test(h))).toEqual([]);
      expect(textos.join(" ")).not.toMatch(/@[A-Za-z0-9]/);
      expect(textos.join(" ")).not.toMatch(/#\d/);
      // Still readable: the words are there for the reviewer.
      expect(textos.join(" ")).toContain("Festival [x](https:\u200B//evil.example/robo)");
    } finally {
      await emu.cerrar();
    }
  });

  it("la vista previa se abre con un servidor estático fuera del artefacto y se advierte que es contenido no confiable", () => {
    const cuerpo = cuerpoComentario(artefacto, { vistaPrevia: "https://github.com/o/r/actions/runs/9/artifacts/1" });
    expect(cuerpo).not.toMatch(/abra?la con `npx astro preview`/i);
    expect(cuerpo).toContain("python3 -m http.server 4321 --bind 127.0.0.1 -d ~/vista-previa");
    expect(cuerpo).toContain("npm run prensa -- servir --carpeta ~/vista-previa");
    expect(cuerpo).toContain("**contenido no confiable**");
    expect(cuerpo).toContain("nunca ejecute nada de su interior");
  });

  it("si la solicitud ya avanzó a otro commit, no comenta, termina bien y lo anota en el resumen del trabajo", async () => {
    const emu = new EmuladorGithub();
    const url = await emu.iniciar();
    try {
      emu.pulls.push({
        number: 5,
        title: "t",
        body: "",
        head: "otra",
        headSha: "f".repeat(40),
        base: "main",
        draft: false,
        state: "open",
        merged_at: null,
      });
      const resumen = path.join(temp.raiz, "salida/resumen-del-trabajo.md");
      const r = await prensaEnProceso("comentar-revision", ["--datos", salida(), "--sha", sha], {
        ...GITHUB_SIN_ESPERA,
        PRENSA_RAIZ: temp.raiz,
        PRENSA_URL_GITHUB: url,
        GITHUB_TOKEN: emu.token,
        GITHUB_STEP_SUMMARY: resumen,
      });
      expect(r.codigo).toBe(0);
      expect(r.error).toBe("");
      expect(r.salida).toContain("ya no está en el commit revisado");
      expect(readFileSync(resumen, "utf8")).toContain(`ahora ffffff${"f"}, revisado ${sha.slice(0, 7)}`);
      expect(emu.resumen()).toEqual(["GET /pulls/5"]);
    } finally {
      await emu.cerrar();
    }
  });

  it("rechaza un artefacto con forma inválida sin llamar a GitHub", async () => {
    const malo = path.join(temp.raiz, "salida/malo.json");
    writeFileSync(malo, JSON.stringify({ version: 2, notas: "x" }));
    const r = await prensaEnProceso("comentar-revision", ["--datos", malo, "--sha", sha], {
      ...GITHUB_SIN_ESPERA,
      PRENSA_RAIZ: temp.raiz,
      PRENSA_URL_GITHUB: "http://127.0.0.1:9",
      GITHUB_TOKEN: "x",
    });
    expect(r.codigo).toBe(1);
    expect(r.error).toContain("no es válido; no se comenta");
  });

  it("la fecha de la vista previa alcanza la nota programada", async () => {
    const r = await prensaEnProceso("comentar-revision", ["--fecha-vista-previa", "--base", "main"], {
      PRENSA_RAIZ: temp.raiz,
      PRENSA_AHORA: "2026-11-17T10:00:00-05:00",
    });
    expect(r.salida.trim()).toBe("2026-11-20T08:00:00-05:00");
  });
});

describe("preparación del comentario cuando la validación no dejó hallazgos legibles", () => {
  it("avisa y usa los problemas de esquema, sin dejar la solicitud sin comentario", async () => {
    const temp = raizCon({ delRepositorio: [".github"] });
    try {
      git(temp.raiz, "init", "-q", "-b", "main");
      git(temp.raiz, "add", ".");
      git(temp.raiz, "commit", "-q", "-m", "base");
      mkdirSync(path.join(temp.raiz, "content/notas/2026/11"), { recursive: true });
      writeFileSync(path.join(temp.raiz, "content/notas/2026/11/nota-rota.mdx"), "---\ntitulo: corto\n---\n\nTexto.\n");
      git(temp.raiz, "add", ".");
      git(temp.raiz, "commit", "-q", "-m", "nota rota");
      const vacio = path.join(temp.raiz, "hallazgos.json");
      writeFileSync(vacio, "");
      const destino = path.join(temp.raiz, "revision.json");
      const r = await prensaEnProceso(
        "comentar-revision",
        ["--preparar", "--base", "HEAD~1", "--hallazgos", vacio, "--salida", destino],
        { PRENSA_RAIZ: temp.raiz },
      );
      expect(r.codigo).toBe(0);
      expect(r.error).toContain("Aviso: No se pudo leer el archivo de hallazgos");
      const a = artefactoSchema.parse(JSON.parse(readFileSync(destino, "utf8")));
      expect(a.validacion.errores).toBeGreaterThan(0);
      expect(a.notas).toEqual([]);
      expect(a.otros.every((h) => h.archivo === "content/notas/2026/11/nota-rota.mdx" && h.regla === "esquema/frontmatter")).toBe(
        true,
      );
    } finally {
      temp.borrar();
    }
  });
});
