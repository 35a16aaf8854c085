import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  globSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";

/**
 * A small local runner for GitHub Actions workflows, for tests: it runs a workflow file as written,
 * job by job in `needs` order, each job in its own fresh clone of a local bare repository, passing
 * between jobs only what GitHub passes (job outputs, caches, the Pages artifact). No open-source
 * runner works here without Docker and network (nektos/act needs Docker), so this one implements
 * the part of the contract the project's workflows use, following GitHub's documentation:
 * - `run:` steps with the job's and step's `env`, `shell: bash` as `bash --noprofile --norc -eo
 *   pipefail {0}` and no shell as `bash -e {0}` ("Workflow syntax: jobs.<job_id>.steps[*].shell");
 *   GITHUB_OUTPUT (name=value and name<<DELIM blocks), GITHUB_ENV, GITHUB_STEP_SUMMARY;
 * - `if:` with the status functions success(), always(), failure(), cancelled() and the default
 *   success(); `continue-on-error` (outcome failure, conclusion success); `needs.<id>.result`;
 * - expressions: literals, property access, ! == != < > <= >= && || (|| and && return operands),
 *   loose equality with case-insensitive strings ("Evaluate expressions in workflows and actions");
 * - environment secrets: a job sees its environment's secrets only when it names the environment;
 * - the `uses:` actions met in this project, mapped to local equivalents (below). Any other action
 *   fails the run, so a workflow can never pass by using something this runner does not know.
 */

export type Resultado = "success" | "failure" | "skipped";

export interface PasoEjecutado {
  nombre: string;
  id?: string;
  resultado: Resultado;
  /** outcome before continue-on-error. */
  outcome: Resultado;
  salida: string;
  /** Wall time of the step, in ms. */
  ms: number;
}

export interface TrabajoEjecutado {
  resultado: Resultado;
  /** Wall time of the job, in ms (0 when skipped). */
  ms: number;
  outputs: Record<string, string>;
  pasos: PasoEjecutado[];
  resumen: string;
  /** Where the job ran (its fresh clone); removed when the run ends unless `conservar`. */
  espacio?: string;
}

/** What persists between runs of one repository: caches, artifacts and the deployed site. */
export interface Almacen {
  dir: string;
  /** Folder the local "GitHub Pages" serves: deploy-pages replaces its content. */
  sitio: string;
  /** Public URL of `sitio` (page_url). */
  urlSitio: string;
}

export function crearAlmacen(urlSitio: string, dir = mkdtempSync(path.join(tmpdir(), "convergente-actions-"))): Almacen {
  const sitio = path.join(dir, "pages");
  mkdirSync(sitio, { recursive: true });
  mkdirSync(path.join(dir, "caches"), { recursive: true });
  return { dir, sitio, urlSitio };
}

export interface OpcionesFlujo {
  /** The workflow file, as written in the repository. */
  archivo: string;
  evento: "push" | "schedule" | "workflow_dispatch";
  /** Bare repository playing GitHub's copy of the repository. */
  origen: string;
  /** owner/name */
  repositorio: string;
  almacen: Almacen;
  /** Repository secrets, and secrets per environment name. */
  secretos: { repositorio: Record<string, string>; entornos: Record<string, Record<string, string>> };
  variables: Record<string, string>;
  /** The machine's environment for every step (PATH, HOME, local emulator URLs...). */
  maquina: Record<string, string>;
  /** Called before each job starts (for example, to merge a commit between two jobs). */
  antesDeTrabajo?: (id: string) => Promise<void> | void;
  /** Receives one line per finished step (job, step, outcome, seconds). */
  traza?: (linea: string) => void;
  /** Keep the jobs' clones for inspection. */
  conservar?: boolean;
  runId?: number;
}

export interface Ejecucion {
  sha: string;
  trabajos: Record<string, TrabajoEjecutado>;
  /** Jobs in the order they ran (skipped ones included). */
  orden: string[];
}

interface Paso {
  name?: string;
  id?: string;
  if?: string | boolean;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, unknown>;
  with?: Record<string, unknown>;
  "continue-on-error"?: boolean;
}

interface Trabajo {
  name?: string;
  needs?: string | string[];
  if?: string | boolean;
  environment?: string | { name: string; url?: string };
  env?: Record<string, unknown>;
  outputs?: Record<string, string>;
  steps: Paso[];
}

interface Flujo {
  env?: Record<string, unknown>;
  jobs: Record<string, Trabajo>;
}

// ---------------------------------------------------------------- expressions

type Valor = string | number | boolean | null | undefined | Record<string, unknown> | unknown[];

interface Contexto {
  datos: Record<string, unknown>;
  estado: { exito: boolean; fallo: boolean };
}

const FUNCIONES_ESTADO = new Set(["success", "always", "failure", "cancelled"]);

function tokenizar(expr: string): string[] {
  const tokens: string[] = [];
  const re = /\s*('(?:[^']|'')*'|\d+(?:\.\d+)?|[A-Za-z_][\w-]*|==|!=|<=|>=|&&|\|\||[!<>().,[\]*])/y;
  let pos = 0;
  while (pos < expr.length) {
    if (/^\s*$/.test(expr.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(expr);
    if (!m) throw new Error(`expresión no soportada por el ejecutor local: «${expr}» (en ${pos})`);
    tokens.push(m[1]!);
    pos = re.lastIndex;
  }
  return tokens;
}

const verdadero = (v: Valor): boolean =>
  !(v === false || v === 0 || v === "" || v === null || v === undefined || Number.isNaN(v));

function igual(a: Valor, b: Valor): boolean {
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
  if (typeof a === typeof b || a === null || b === null) return a === b;
  const n = (v: Valor) => (v === null || v === undefined ? 0 : typeof v === "boolean" ? Number(v) : Number(v));
  return n(a) === n(b);
}

const texto = (v: Valor): string => (v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));

/** Evaluates one expression (without `${{ }}`); `usaEstado` tells whether a status function appeared. */
export function evaluar(expr: string, ctx: Contexto): { valor: Valor; usaEstado: boolean } {
  const t = tokenizar(expr);
  let i = 0;
  let usaEstado = false;
  const ver = () => t[i];
  const tomar = (esperado?: string) => {
    const x = t[i++];
    if (esperado !== undefined && x !== esperado) throw new Error(`se esperaba «${esperado}» en «${expr}»`);
    return x!;
  };
  const primario = (): Valor => {
    const x = tomar();
    if (x === "(") {
      const v = o();
      tomar(")");
      return v;
    }
    if (x === "!") return !verdadero(primario());
    if (x.startsWith("'")) return x.slice(1, -1).replace(/''/g, "'");
    if (/^\d/.test(x)) return Number(x);
    if (x === "true") return true;
    if (x === "false") return false;
    if (x === "null") return null;
    if (ver() === "(") {
      tomar("(");
      const args: Valor[] = [];
      while (ver() !== ")") {
        args.push(o());
        if (ver() === ",") tomar(",");
      }
      tomar(")");
      return llamar(x, args);
    }
    let v: Valor = ctx.datos[x] as Valor;
    for (;;) {
      if (ver() === ".") {
        tomar(".");
        const campo = tomar();
        v = v && typeof v === "object" ? ((v as Record<string, unknown>)[campo] as Valor) : undefined;
      } else if (ver() === "[") {
        tomar("[");
        const campo = o();
        tomar("]");
        v = v && typeof v === "object" ? ((v as Record<string, unknown>)[texto(campo)] as Valor) : undefined;
      } else return v;
    }
  };
  const llamar = (f: string, args: Valor[]): Valor => {
    if (FUNCIONES_ESTADO.has(f)) usaEstado = true;
    switch (f) {
      case "success":
        return ctx.estado.exito;
      case "always":
        return true;
      case "failure":
        return ctx.estado.fallo;
      case "cancelled":
        return false;
      case "contains":
        return Array.isArray(args[0])
          ? args[0].some((x) => igual(x as Valor, args[1]))
          : texto(args[0]).toLowerCase().includes(texto(args[1]).toLowerCase());
      case "startsWith":
        return texto(args[0]).toLowerCase().startsWith(texto(args[1]).toLowerCase());
      case "format":
        return texto(args[0]).replace(/\{(\d+)\}/g, (_, n: string) => texto(args[Number(n) + 1]));
      case "toJSON":
        return JSON.stringify(args[0], null, 2);
      case "fromJSON":
        return JSON.parse(texto(args[0])) as Valor;
      case "hashFiles":
        return hashArchivos(String(ctx.datos["__espacio"]), args.map(texto));
      default:
        throw new Error(`función no soportada por el ejecutor local: ${f}()`);
    }
  };
  const comparacion = (): Valor => {
    let a = primario();
    while (["==", "!=", "<", ">", "<=", ">="].includes(ver() ?? "")) {
      const op = tomar();
      const b = primario();
      a =
        op === "=="
          ? igual(a, b)
          : op === "!="
            ? !igual(a, b)
            : op === "<"
              ? Number(a) < Number(b)
              : op === ">"
                ? Number(a) > Number(b)
                : op === "<="
                  ? Number(a) <= Number(b)
                  : Number(a) >= Number(b);
    }
    return a;
  };
  const y = (): Valor => {
    let a = comparacion();
    while (ver() === "&&") {
      tomar();
      const b = comparacion();
      a = verdadero(a) ? b : a;
    }
    return a;
  };
  const o = (): Valor => {
    let a = y();
    while (ver() === "||") {
      tomar();
      const b = y();
      a = verdadero(a) ? a : b;
    }
    return a;
  };
  const valor = o();
  if (i !== t.length) throw new Error(`sobra «${t.slice(i).join(" ")}» en la expresión «${expr}»`);
  return { valor, usaEstado };
}

/** Replaces every `${{ … }}` in a string. */
export function interpolar(s: string, ctx: Contexto): string {
  return s.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, e: string) => texto(evaluar(e.trim(), ctx).valor));
}

/** An `if:` condition: with no status function, success() && (condition) ("jobs.<job_id>.if"). */
function condicion(c: string | boolean | undefined, ctx: Contexto): boolean {
  if (c === undefined) return ctx.estado.exito;
  if (typeof c === "boolean") return c && ctx.estado.exito;
  const expr = c
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, "$1")
    .trim();
  const { valor, usaEstado } = evaluar(expr, ctx);
  return usaEstado ? verdadero(valor) : ctx.estado.exito && verdadero(valor);
}

function hashArchivos(espacio: string, patrones: string[]): string {
  const archivos = patrones.flatMap((p) => globSync(p, { cwd: espacio })).sort();
  if (!archivos.length) return "";
  const h = createHash("sha256");
  for (const a of archivos) {
    const ruta = path.join(espacio, a);
    if (statSync(ruta).isFile()) h.update(createHash("sha256").update(readFileSync(ruta)).digest());
  }
  return h.digest("hex");
}

// ---------------------------------------------------------------- processes

function ejecutar(
  comando: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<{ codigo: number; salida: string }> {
  return new Promise((resolver) => {
    const hijo = spawn(comando, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let salida = "";
    hijo.stdout.on("data", (d: Buffer) => (salida += d.toString()));
    hijo.stderr.on("data", (d: Buffer) => (salida += d.toString()));
    hijo.on("error", (e) => resolver({ codigo: 127, salida: `${salida}${e.message}` }));
    hijo.on("close", (codigo) => resolver({ codigo: codigo ?? 1, salida }));
  });
}

async function git(cwd: string, ...args: string[]): Promise<string> {
  const r = await ejecutar("git", args, cwd, { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LC_ALL: "C" });
  if (r.codigo !== 0) throw new Error(`git ${args.join(" ")}: ${r.salida}`);
  return r.salida.trim();
}

/** GITHUB_OUTPUT / GITHUB_ENV file format: name=value lines and name<<DELIMITER blocks. */
export function leerArchivoDeComandos(contenido: string): Record<string, string> {
  const salida: Record<string, string> = {};
  const lineas = contenido.split("\n");
  for (let i = 0; i < lineas.length; i++) {
    const l = lineas[i]!;
    const bloque = /^([^=<]+)<<(.+)$/.exec(l);
    if (bloque) {
      const fin = bloque[2]!;
      const valor: string[] = [];
      for (i++; i < lineas.length && lineas[i] !== fin; i++) valor.push(lineas[i]!);
      salida[bloque[1]!] = valor.join("\n");
    } else if (l.includes("=")) salida[l.slice(0, l.indexOf("="))] = l.slice(l.indexOf("=") + 1);
  }
  return salida;
}

// ---------------------------------------------------------------- local equivalents of actions

interface Entorno {
  espacio: string;
  temp: string;
  opciones: OpcionesFlujo;
  sha: string;
  runId: number;
  /** Caches to save when the job succeeds (actions/cache post step). */
  guardar: { clave: string; rutas: string[] }[];
}

const lista = (v: unknown): string[] =>
  (typeof v === "string" ? v : "")
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean);

function carpetaCache(almacen: Almacen, clave: string): string {
  return path.join(almacen.dir, "caches", createHash("sha256").update(clave).digest("hex").slice(0, 20));
}

/** Newest cache whose key equals `clave` or starts with one of the restore keys (actions/cache's matching). */
function buscarCache(almacen: Almacen, clave: string, prefijos: string[]): { clave: string; dir: string } | undefined {
  const exacta = carpetaCache(almacen, clave);
  if (existsSync(exacta)) return { clave, dir: exacta };
  const todas = readdirSync(path.join(almacen.dir, "caches"))
    .map((d) => path.join(almacen.dir, "caches", d))
    .map((dir) => ({ dir, clave: readFileSync(path.join(dir, ".clave"), "utf8"), t: statSync(path.join(dir, ".clave")).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const p of prefijos) {
    const c = todas.find((x) => x.clave.startsWith(p));
    if (c) return c;
  }
  return undefined;
}

type Accion = (e: Entorno, con: Record<string, string>) => Promise<Record<string, string>>;

const ACCIONES: Record<string, Accion> = {
  // actions/checkout: a fresh clone of the repository at `ref` (default: the run's commit), full
  // history with fetch-depth 0, else one commit. Credentials are never stored locally.
  "actions/checkout": async (e, con) => {
    const ref = con.ref || e.sha;
    const profundidad = con["fetch-depth"] ?? "1";
    if (profundidad === "0") {
      await git(path.dirname(e.espacio), "clone", "--quiet", "--no-checkout", e.opciones.origen, e.espacio);
    } else {
      mkdirSync(e.espacio, { recursive: true });
      await git(e.espacio, "init", "--quiet");
      await git(e.espacio, "remote", "add", "origin", e.opciones.origen);
      await git(e.espacio, "fetch", "--quiet", `--depth=${profundidad}`, `file://${e.opciones.origen}`, ref);
    }
    const destino = /^[0-9a-f]{40}$/.test(ref) ? ref : profundidad === "0" ? `origin/${ref}` : "FETCH_HEAD";
    await git(e.espacio, "checkout", "--quiet", "-B", /^[0-9a-f]{40}$/.test(ref) ? "main" : ref, destino);
    return {};
  },
  // actions/setup-node: Node is already on the machine's PATH; the major version must match.
  "actions/setup-node": async (_e, con) => {
    const pedido = Number(con["node-version"]);
    const actual = Number(process.versions.node.split(".")[0]);
    if (pedido && pedido !== actual) throw new Error(`setup-node pide Node ${pedido}; la máquina tiene ${actual}`);
    return {};
  },
  "actions/cache": async (e, con) => restaurarCache(e, con, true),
  "actions/cache/restore": async (e, con) => restaurarCache(e, con, false),
  // actions/upload-pages-artifact: the folder becomes the run's github-pages artifact.
  "actions/upload-pages-artifact": async (e, con) => {
    const destino = path.join(e.opciones.almacen.dir, "artefactos", String(e.runId), con.name || "github-pages");
    rmSync(destino, { recursive: true, force: true });
    cpSync(path.join(e.espacio, con.path || "_site"), destino, { recursive: true });
    return {};
  },
  // actions/deploy-pages: the run's github-pages artifact replaces the served site.
  "actions/deploy-pages": async (e, con) => {
    const origen = path.join(e.opciones.almacen.dir, "artefactos", String(e.runId), con["artifact_name"] || "github-pages");
    if (!existsSync(origen)) throw new Error("deploy-pages: esta ejecución no subió el artefacto github-pages");
    rmSync(e.opciones.almacen.sitio, { recursive: true, force: true });
    cpSync(origen, e.opciones.almacen.sitio, { recursive: true });
    return { page_url: `${e.opciones.almacen.urlSitio}/` };
  },
};

async function restaurarCache(e: Entorno, con: Record<string, string>, guardarAlFinal: boolean): Promise<Record<string, string>> {
  const rutas = lista(con.path);
  const hallada = buscarCache(e.opciones.almacen, con.key!, lista(con["restore-keys"]));
  if (hallada) cpSync(hallada.dir, e.espacio, { recursive: true, filter: (o) => path.basename(o) !== ".clave" });
  if (guardarAlFinal && hallada?.clave !== con.key) e.guardar.push({ clave: con.key!, rutas });
  return { "cache-hit": String(hallada?.clave === con.key), "cache-matched-key": hallada?.clave ?? "" };
}

function guardarCache(e: Entorno, clave: string, rutas: string[]): void {
  const dir = carpetaCache(e.opciones.almacen, clave);
  if (existsSync(dir)) return; // caches are immutable
  mkdirSync(dir, { recursive: true });
  for (const r of rutas) {
    const origen = path.join(e.espacio, r);
    if (existsSync(origen)) cpSync(origen, path.join(dir, r), { recursive: true });
  }
  writeFileSync(path.join(dir, ".clave"), clave);
}

// ---------------------------------------------------------------- jobs

function ordenTopologico(jobs: Record<string, Trabajo>): string[] {
  const orden: string[] = [];
  const visitar = (id: string, camino: string[]) => {
    if (orden.includes(id)) return;
    if (camino.includes(id)) throw new Error(`needs en ciclo: ${[...camino, id].join(" → ")}`);
    for (const n of necesita(jobs[id]!)) visitar(n, [...camino, id]);
    orden.push(id);
  };
  for (const id of Object.keys(jobs)) visitar(id, []);
  return orden;
}

const necesita = (t: Trabajo): string[] => (t.needs === undefined ? [] : Array.isArray(t.needs) ? t.needs : [t.needs]);

/** Runs the workflow once, as GitHub would for `evento` on the origin's current main. */
export async function ejecutarFlujo(o: OpcionesFlujo): Promise<Ejecucion> {
  const flujo = parse(readFileSync(o.archivo, "utf8")) as Flujo;
  const runId = o.runId ?? Date.now();
  const sha = await git(o.origen, "rev-parse", "refs/heads/main");
  const github = {
    event_name: o.evento,
    ref: "refs/heads/main",
    ref_name: "main",
    sha,
    repository: o.repositorio,
    server_url: "https://github.com",
    run_id: String(runId),
    actor: "github-actions[bot]",
  };
  const trabajos: Record<string, TrabajoEjecutado> = {};
  const orden = ordenTopologico(flujo.jobs);
  const base = mkdtempSync(path.join(tmpdir(), "convergente-trabajos-"));
  try {
    for (const id of orden) {
      const t = flujo.jobs[id]!;
      const needs = Object.fromEntries(
        necesita(t).map((n) => [n, { result: trabajos[n]!.resultado, outputs: trabajos[n]!.outputs }]),
      );
      const exito = necesita(t).every((n) => trabajos[n]!.resultado === "success");
      const fallo = necesita(t).some((n) => trabajos[n]!.resultado === "failure");
      const entornoNombre = typeof t.environment === "string" ? t.environment : t.environment?.name;
      const secretos = {
        GITHUB_TOKEN: "token-del-flujo-de-prueba",
        ...o.secretos.repositorio,
        ...(entornoNombre ? (o.secretos.entornos[entornoNombre] ?? {}) : {}),
      };
      const ctxTrabajo: Contexto = {
        datos: { github, needs, secrets: secretos, vars: o.variables, env: {}, inputs: {} },
        estado: { exito, fallo },
      };
      if (!condicion(t.if, ctxTrabajo)) {
        trabajos[id] = { resultado: "skipped", ms: 0, outputs: {}, pasos: [], resumen: "" };
        o.traza?.(`${id}: omitido`);
        continue;
      }
      await o.antesDeTrabajo?.(id);
      trabajos[id] = await ejecutarTrabajo(id, t, flujo, o, { github, needs, secretos, sha, runId, base });
    }
  } finally {
    if (!o.conservar) rmSync(base, { recursive: true, force: true });
  }
  return { sha, trabajos, orden };
}

async function ejecutarTrabajo(
  id: string,
  t: Trabajo,
  flujo: Flujo,
  o: OpcionesFlujo,
  c: {
    github: Record<string, string>;
    needs: Record<string, unknown>;
    secretos: Record<string, string>;
    sha: string;
    runId: number;
    base: string;
  },
): Promise<TrabajoEjecutado> {
  const inicio = performance.now();
  const carpeta = path.join(c.base, id);
  const espacio = path.join(carpeta, "espacio");
  const temp = path.join(carpeta, "temp");
  mkdirSync(temp, { recursive: true });
  const e: Entorno = { espacio, temp, opciones: o, sha: c.sha, runId: c.runId, guardar: [] };
  const resumenArchivo = path.join(temp, "resumen.md");
  writeFileSync(resumenArchivo, "");
  const pasos: PasoEjecutado[] = [];
  const steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> = {};
  const envExtra: Record<string, string> = {};
  let exito = true;
  let fallo = false;
  const ctxBase = () => ({
    github: { ...c.github, workspace: espacio },
    needs: c.needs,
    secrets: c.secretos,
    vars: o.variables,
    steps,
    runner: { temp, os: "Linux" },
    inputs: {},
    __espacio: espacio,
  });
  const envDe = (ctx: Contexto, ...fuentes: (Record<string, unknown> | undefined)[]) => {
    const salida: Record<string, string> = {};
    for (const f of fuentes)
      for (const [k, v] of Object.entries(f ?? {})) {
        ctx.datos.env = { ...(ctx.datos.env as object), ...salida };
        salida[k] = typeof v === "string" ? interpolar(v, ctx) : String(v);
      }
    return salida;
  };
  for (const [n, paso] of t.steps.entries()) {
    const ctx: Contexto = { datos: { ...ctxBase(), env: {} }, estado: { exito, fallo } };
    const nombre = paso.name ?? paso.uses ?? paso.run?.split("\n")[0] ?? `paso ${n}`;
    if (!condicion(paso.if, ctx)) {
      pasos.push({ nombre, id: paso.id, resultado: "skipped", outcome: "skipped", salida: "", ms: 0 });
      if (paso.id) steps[paso.id] = { outputs: {}, outcome: "skipped", conclusion: "skipped" };
      continue;
    }
    const inicioPaso = performance.now();
    const env = envDe(ctx, flujo.env, t.env, envExtra, paso.env);
    ctx.datos.env = env;
    let outcome: Resultado = "success";
    let salida = "";
    let outputs: Record<string, string> = {};
    try {
      if (paso.uses) {
        const [nombreAccion] = paso.uses.split("@");
        const accion = ACCIONES[nombreAccion!];
        if (!accion) throw new Error(`acción sin equivalente local: ${paso.uses}`);
        const con = Object.fromEntries(Object.entries(paso.with ?? {}).map(([k, v]) => [k, interpolar(String(v), ctx)]));
        outputs = await accion(e, con);
      } else if (paso.run !== undefined) {
        const guion = path.join(temp, `paso-${n}.sh`);
        writeFileSync(guion, interpolar(paso.run, ctx));
        const archivoSalida = path.join(temp, `salida-${n}`);
        const archivoEnv = path.join(temp, `env-${n}`);
        writeFileSync(archivoSalida, "");
        writeFileSync(archivoEnv, "");
        const shell = paso.shell ?? "";
        const args =
          shell === "bash"
            ? ["--noprofile", "--norc", "-eo", "pipefail", guion]
            : shell === ""
              ? ["-e", guion]
              : (() => {
                  throw new Error(`shell no soportado por el ejecutor local: ${shell}`);
                })();
        const r = await ejecutar("bash", args, espacio, {
          ...o.maquina,
          ...env,
          CI: "true",
          GITHUB_ACTIONS: "true",
          GITHUB_WORKSPACE: espacio,
          GITHUB_SHA: c.sha,
          GITHUB_REF: "refs/heads/main",
          GITHUB_REF_NAME: "main",
          GITHUB_EVENT_NAME: c.github.event_name!,
          GITHUB_REPOSITORY: o.repositorio,
          GITHUB_RUN_ID: String(c.runId),
          GITHUB_ACTOR: "github-actions[bot]",
          GITHUB_OUTPUT: archivoSalida,
          GITHUB_ENV: archivoEnv,
          GITHUB_STEP_SUMMARY: resumenArchivo,
          RUNNER_TEMP: temp,
        });
        salida = r.salida;
        outputs = leerArchivoDeComandos(readFileSync(archivoSalida, "utf8"));
        Object.assign(envExtra, leerArchivoDeComandos(readFileSync(archivoEnv, "utf8")));
        if (r.codigo !== 0) outcome = "failure";
      }
    } catch (error) {
      outcome = "failure";
      salida += `\n${(error as Error).message}`;
    }
    const resultado: Resultado = outcome === "failure" && paso["continue-on-error"] ? "success" : outcome;
    if (resultado === "failure") {
      exito = false;
      fallo = true;
    }
    const ms = performance.now() - inicioPaso;
    pasos.push({ nombre, id: paso.id, resultado, outcome, salida, ms });
    o.traza?.(
      `${id} › ${nombre}: ${outcome} (${(ms / 1000).toFixed(1)} s)${outcome === "failure" ? `\n${salida.slice(-3000)}` : ""}`,
    );
    if (paso.id) steps[paso.id] = { outputs, outcome, conclusion: resultado };
  }
  const resultado: Resultado = exito ? "success" : "failure";
  if (exito) for (const g of e.guardar) guardarCache(e, g.clave, g.rutas);
  const ctxFinal: Contexto = { datos: { ...ctxBase(), env: {} }, estado: { exito, fallo } };
  const outputs = Object.fromEntries(Object.entries(t.outputs ?? {}).map(([k, v]) => [k, interpolar(v, ctxFinal)]));
  return {
    resultado,
    ms: performance.now() - inicio,
    outputs,
    pasos,
    resumen: readFileSync(resumenArchivo, "utf8"),
    espacio: o.conservar ? espacio : undefined,
  };
}

/**
 * The machine's own environment, as a runner has it (PATH, HOME, the certificate settings the
 * registry needs...), without what belongs to the test process: the project's PRENSA_* settings,
 * vitest's and npm's per-process variables, and GitHub's, which the runner sets per job.
 */
export function entornoDeMaquina(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] =>
        e[1] !== undefined &&
        !/^(PRENSA_|VITEST|GITHUB_|RUNNER_|npm_lifecycle|npm_package|npm_command|NODE_ENV$|TEST$|CI$)/.test(e[0]),
    ),
  );
}
