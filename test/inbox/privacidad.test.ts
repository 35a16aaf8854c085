import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Octokit } from "octokit";
import { parse } from "yaml";
import { cargarInstitucion } from "../../scripts/lib/content/institucion.ts";
import type { MensajeEntrante } from "../../scripts/lib/networks/tipos.ts";
import { AlmacenGithub } from "../../scripts/lib/inbox/almacen-github.ts";
import { AlmacenLocal } from "../../scripts/lib/inbox/almacen-local.ts";
import { archivarEnAlmacen, crearContexto } from "../../scripts/lib/inbox/conversacion.ts";
import { EmuladorGithub } from "../github/emulador.ts";
import { prensaAsincrona } from "../ayudas/cli.ts";
import { RAIZ, raizCon, type RaizDePrueba } from "../ayudas/raiz.ts";

/**
 * Ley 1581 de 2012: after a full day of the inbox with personal data in the messages, nothing under
 * the PUBLIC repository's checkout (its files and its git history, even after a careless
 * `git add -A`), the public aggregates, the commands' stdout and stderr or the job summary holds a
 * handle, a name or a message text. The workflow's own steps (.github/workflows/inquietudes.yml)
 * are run as written, with bash, against a private-repository emulator; the messages are filed the
 * way `sincronizar` files them. The public repository's emulator must see no request at all.
 */

const AHORA = "2026-12-02T10:00:00-05:00";
const b = (s: string) => new Date(`${s}-05:00`);
const git = (cwd: string, ...a: string[]) =>
  execFileSync("git", a, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, GIT_AUTHOR_NAME: "p", GIT_AUTHOR_EMAIL: "p@x", GIT_COMMITTER_NAME: "p", GIT_COMMITTER_EMAIL: "p@x" },
  });

/** Personal data of the scenario: handles, names, account ids, texts (and pieces of them), links. */
const PERSONA = { id: "cuenta-4471", usuario: "maria_delgado_cajica", nombre: "María Delgado" };
const TEXTOS = [
  "Derecho de petición: solicito copia del contrato del acueducto veredal de Rincón Santo",
  "Mi hijo Julián tiene cita en el hospital y no hay bus, ¿cuándo pasa?",
  "Qué mal servicio, vivo en la Calle 5 # 3-21 y no han tapado la alcantarilla",
];
const PROHIBIDOS = [
  PERSONA.usuario,
  PERSONA.nombre,
  PERSONA.id,
  "Julián",
  "Rincón Santo",
  "Calle 5 # 3-21",
  "alcantarilla",
  "comment_id=77",
  ...TEXTOS.map((t) => t.slice(0, 30)),
];

const mensajes: MensajeEntrante[] = TEXTOS.map((texto, i) => ({
  red: (["facebook", "x", "instagram"] as const)[i]!,
  idExterno: `m-${i}`,
  hilo: `h-${i}`,
  canal: i === 1 ? "privado" : "comentario",
  autor: PERSONA,
  texto,
  enlace: `https://red.example/p/${i}?comment_id=77`,
  recibido: b(`2026-11-${27 + i}T09:00:00`),
  propio: false,
}));

let t: RaizDePrueba;
let privado: EmuladorGithub;
let publico: EmuladorGithub;
let urlPrivado: string;

/** One `run:` step with bash, as the runner does, without blocking this process (the emulators answer from it). */
function correrPaso(script: string, env: Record<string, string>): Promise<{ codigo: number; registro: string }> {
  return new Promise((listo, fallar) => {
    const hijo = spawn("bash", ["--noprofile", "--norc", "-e", "-c", script], {
      cwd: RAIZ,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let registro = "";
    hijo.stdout.on("data", (d: Buffer) => (registro += d.toString()));
    hijo.stderr.on("data", (d: Buffer) => (registro += d.toString()));
    hijo.on("error", fallar);
    hijo.on("close", (codigo) => listo({ codigo: codigo ?? -1, registro }));
  });
}

function todoElTexto(dir: string, excepto: string[]): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name))
    .filter((f) => !excepto.some((e) => f.startsWith(path.join(dir, e))))
    .map((f) => readFileSync(f).toString("latin1") + readFileSync(f, "utf8"))
    .join("\n");
}

function sinDatos(donde: string, texto: string) {
  for (const p of PROHIBIDOS) expect(texto, `${donde} contiene «${p}»`).not.toContain(p);
}

beforeAll(async () => {
  t = raizCon({ prefijo: "convergente-privacidad-", delRepositorio: [".github"] });
  git(t.raiz, "init", "-q", "-b", "main");
  writeFileSync(path.join(t.raiz, ".gitignore"), readFileSync(path.join(RAIZ, ".gitignore")));
  git(t.raiz, "add", "-A");
  git(t.raiz, "commit", "-q", "-m", "Sala de prensa");
  // The words the test looks for are not already in the repository (else it could not tell).
  sinDatos("la sala de prensa antes de empezar", git(t.raiz, "log", "-p", "--all"));
  privado = new EmuladorGithub({ repo: "inquietudes", privado: true });
  publico = new EmuladorGithub({ repo: "convergente", privado: false });
  urlPrivado = await privado.iniciar();
  // https://docs.github.com/en/rest/issues/comments#list-issue-comments-for-a-repository (read by `responder`).
  privado.extensiones.push((p) => {
    if (p.metodo !== "GET" || p.ruta !== `${privado.prefijo}/issues/comments`) return false;
    p.responder(
      200,
      privado.comentarios.map((c) => ({
        id: c.id,
        body: c.body,
        user: c.user,
        created_at: "2026-12-01T13:00:00Z",
        html_url: `https://github.com/${privado.owner}/${privado.repo}/issues/${c.issue}#issuecomment-${c.id}`,
        issue_url: `https://api.github.com/repos/${privado.owner}/${privado.repo}/issues/${c.issue}`,
      })),
    );
    return true;
  });
  await publico.iniciar();
  const ctx = crearContexto(cargarInstitucion(t.raiz), () => b("2026-12-01T08:00:00"));
  const gh = new Octokit({ auth: privado.token, baseUrl: urlPrivado, throttle: { enabled: false }, retry: { enabled: false } });
  const enGithub = new AlmacenGithub(gh, { owner: privado.owner, repo: privado.repo });
  const local = new AlmacenLocal(t.raiz);
  for (const m of mensajes) {
    await archivarEnAlmacen(enGithub, ctx, m);
    await archivarEnAlmacen(local, ctx, m);
  }
}, 60_000);

afterAll(async () => {
  await privado.cerrar();
  await publico.cerrar();
  t.borrar();
});

describe("los datos de la ciudadanía nunca llegan al repositorio público, sus registros ni sus resúmenes", () => {
  it("los pasos del flujo inquietudes.yml, tal como están escritos, no escriben datos personales en la salida ni en el resumen", async () => {
    const flujo = parse(readFileSync(path.join(RAIZ, ".github/workflows/inquietudes.yml"), "utf8")) as {
      jobs: Record<string, { steps: { name: string; run?: string; env?: Record<string, string> }[] }>;
    };
    const pasos = flujo.jobs.bandeja!.steps.filter((p) => p.run?.includes("prensa.ts inquietudes"));
    expect(pasos.map((p) => p.run)).toEqual([
      "node scripts/prensa.ts inquietudes sincronizar --almacen github",
      "node scripts/prensa.ts inquietudes responder --almacen github",
      "node scripts/prensa.ts inquietudes aviso --almacen github",
      "node scripts/prensa.ts inquietudes pendientes --almacen github",
    ]);
    const resumen = path.join(t.raiz, "..", `${path.basename(t.raiz)}-resumen.md`);
    writeFileSync(resumen, "");
    let registro = "";
    const codigos: Record<string, number> = {};
    for (const p of pasos) {
      const sub = /inquietudes (\w+)/.exec(p.run!)![1]!;
      const r = await correrPaso(p.run!, {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        TZ: "America/Bogota",
        PRENSA_RAIZ: t.raiz,
        PRENSA_AHORA: AHORA,
        PRENSA_URL_GITHUB: urlPrivado,
        PRENSA_INQUIETUDES_TOKEN: privado.token,
        GITHUB_STEP_SUMMARY: resumen,
        PRENSA_ESPERA_BASE_MS: "1",
      });
      codigos[sub] = r.codigo;
      registro += `${r.registro}\n`;
    }
    expect(codigos).toMatchObject({ sincronizar: 0, responder: 0, aviso: 0 });
    expect(codigos.pendientes).toBe(1); // the petition of 27 November is overdue: the run turns red
    expect(registro).toContain("vencidas");
    sinDatos("el registro del trabajo", registro);
    sinDatos("el resumen del trabajo", readFileSync(resumen, "utf8"));
    const aviso = [...privado.issues.values()].find((i) => i.title === "Inquietudes por vencer y vencidas")!;
    sinDatos("el issue de aviso", aviso.body);
    expect(publico.llamadas).toEqual([]);
  });

  it("los demás comandos, los agregados y toda la historia de git del repositorio público quedan sin datos personales", async () => {
    let registro = "";
    for (const args of [
      ["inquietudes"],
      ["inquietudes", "pendientes"],
      ["inquietudes", "aviso", "--simular"],
      ["inquietudes", "agregados", "2026-11"],
      ["inquietudes", "agregados", "2026-12"],
      ["inquietudes", "depurar", "--simular"],
      ["inquietudes", "--almacen", "github"],
      ["inquietudes", "suprimir", "--autor", "nadie_asi"],
    ]) {
      const r = await prensaAsincrona(args, {
        PRENSA_RAIZ: t.raiz,
        PRENSA_AHORA: AHORA,
        PRENSA_URL_GITHUB: urlPrivado,
        PRENSA_INQUIETUDES_TOKEN: privado.token,
      });
      expect(r.codigo, `${args.join(" ")}: ${r.error}`).toBeLessThanOrEqual(1);
      registro += `${r.salida}\n${r.error}\n`;
    }
    sinDatos("la salida de los comandos", registro);
    const agregado = readFileSync(path.join(t.raiz, "content/reportes/datos/2026/11/inquietudes.json"), "utf8");
    expect(JSON.parse(agregado)).toMatchObject({ recibidas: 3 });
    sinDatos("el agregado público", agregado);
    // The local store IS in the checkout folder, but git ignores it: a careless `git add -A` leaves it out.
    expect(git(t.raiz, "check-ignore", ".inquietudes/conversaciones")).toContain(".inquietudes");
    git(t.raiz, "add", "-A");
    git(t.raiz, "commit", "-q", "-m", "Agregados de inquietudes");
    expect(git(t.raiz, "ls-files")).not.toContain(".inquietudes");
    sinDatos("la historia de git", git(t.raiz, "log", "-p", "--all", "--binary"));
    sinDatos("los archivos del repositorio público", todoElTexto(t.raiz, [".inquietudes", ".git"]));
    // The private store does hold them (so the test can fail).
    expect(todoElTexto(path.join(t.raiz, ".inquietudes"), [])).toContain(PERSONA.usuario);
    expect(publico.llamadas).toEqual([]);
  });
});
