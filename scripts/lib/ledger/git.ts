import { spawnSync } from "node:child_process";
import { ErrorConvergente } from "../content/problems.ts";
import { ocultarSecretos } from "../cli/secretos.ts";

/** Result of running git: exit status and output. */
interface Salida {
  status: number;
  stdout: string;
  stderr: string;
}

function git(raiz: string, args: string[], env: NodeJS.ProcessEnv): Salida {
  const r = spawnSync("git", args, { cwd: raiz, env, encoding: "utf8" });
  if (r.error) throw new ErrorConvergente(`No se pudo ejecutar git: ${r.error.message}`);
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

function exigir(raiz: string, args: string[], env: NodeJS.ProcessEnv, que: string): string {
  const r = git(raiz, args, env);
  if (r.status !== 0) throw new ErrorConvergente(`git no pudo ${que}: ${ocultarSecretos((r.stderr || r.stdout).trim(), env)}`);
  return r.stdout.trim();
}

/**
 * A race with another pusher: the remote moved on (git's "[rejected] … (fetch first)" or
 * "(non-fast-forward)"), so rebasing and pushing again can succeed.
 */
const CARRERA = /\[rejected\][^\n]*\((fetch first|non-fast-forward)\)|cannot lock ref|stale info/i;
/**
 * A refusal by the server's rules or permissions ("[remote rejected]", GitHub's GH013 ruleset and
 * GH006 protected-branch messages, a declined pre-receive hook, a 403): pushing again cannot help.
 * Git prints "failed to push some refs" for both kinds, so that line decides nothing.
 */
const REGLA =
  /\[remote rejected\]|GH013|GH006|protected branch|repository rule violations|pre-receive hook declined|permission to .* denied|returned error: 403|permission denied \(publickey\)/i;
const esperar = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface OpcionesGit {
  /** Environment for git (credentials come from the checkout, never from here). */
  env?: NodeJS.ProcessEnv;
  /** Remote to push to (default "origin"). */
  remoto?: string;
  /** Push attempts before giving up (default 6). */
  intentos?: number;
}

const cacheRepos = new Map<string, { identidad: string[]; rama: string }>();

/** Identity flags (when the repo has none) and current branch, read once per repository and run. */
function datosRepo(raiz: string, env: NodeJS.ProcessEnv): { identidad: string[]; rama: string } {
  const previo = cacheRepos.get(raiz);
  if (previo) return previo;
  const identidad: string[] = [];
  if (git(raiz, ["config", "user.email"], env).status !== 0)
    identidad.push("-c", "user.name=Convergente", "-c", "user.email=convergente@users.noreply.github.com");
  let rama = exigir(raiz, ["rev-parse", "--abbrev-ref", "HEAD"], env, "leer la rama actual");
  if (rama === "HEAD") rama = env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || "";
  if (!rama) throw new ErrorConvergente("git no está en una rama: no se sabe adónde empujar el registro.");
  const datos = { identidad, rama };
  cacheRepos.set(raiz, datos);
  return datos;
}

/**
 * Commits the given files (only them) and pushes to the current branch at once. On a
 * non-fast-forward it rebases onto the remote (our version wins a conflicting hunk, since it is the
 * newest state) and retries with backoff. Throws ErrorConvergente in Spanish when it cannot push.
 */
export async function confirmarYEmpujar(
  raiz: string,
  archivos: string[],
  mensaje: string,
  opciones: OpcionesGit = {},
): Promise<{ confirmado: boolean; intentos: number }> {
  const env: NodeJS.ProcessEnv = { ...(opciones.env ?? process.env), GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" };
  const remoto = opciones.remoto ?? "origin";
  const { identidad, rama } = datosRepo(raiz, env);
  exigir(raiz, ["add", "--", ...archivos], env, "preparar los archivos del registro");
  const commit = git(raiz, [...identidad, "commit", "--quiet", "-m", mensaje, "--", ...archivos], env);
  const sinCambios =
    commit.status !== 0 && /nothing to commit|no changes added|nada para hacer commit/i.test(commit.stdout + commit.stderr);
  if (commit.status !== 0 && !sinCambios)
    throw new ErrorConvergente(`git no pudo crear el commit: ${ocultarSecretos((commit.stderr || commit.stdout).trim(), env)}`);
  const maximo = opciones.intentos ?? 6;
  for (let intento = 1; intento <= maximo; intento++) {
    const push = git(raiz, ["push", "--quiet", remoto, `HEAD:refs/heads/${rama}`], env);
    if (push.status === 0) return { confirmado: !sinCambios, intentos: intento };
    const detalle = ocultarSecretos((push.stderr || push.stdout).trim(), env);
    if (REGLA.test(detalle))
      throw new ErrorConvergente(
        `La rama ${rama} de ${remoto} rechazó el registro por sus reglas o permisos: solo la llave de despliegue puede empujarlo. ` +
          `Configure el secreto PRENSA_CLAVE_DESPLIEGUE en el entorno «redes» (vea docs/guia-administrador.md). Nada se reintentó. Detalle de git: ${detalle}`,
      );
    if (!CARRERA.test(detalle) || intento === maximo)
      throw new ErrorConvergente(`git no pudo empujar el registro a ${remoto}/${rama} (intento ${intento}): ${detalle}`);
    const rebase = git(
      raiz,
      [...identidad, "-c", "rebase.autoStash=true", "pull", "--quiet", "--rebase", "-X", "theirs", remoto, rama],
      env,
    );
    if (rebase.status !== 0) {
      git(raiz, ["rebase", "--abort"], env);
      throw new ErrorConvergente(
        `git no pudo integrar los cambios de ${remoto}/${rama} antes de empujar: ${ocultarSecretos(rebase.stderr.trim(), env)}`,
      );
    }
    await esperar(Math.min(2000, 100 * 2 ** (intento - 1)) * (0.5 + Math.random()));
  }
  return { confirmado: !sinCambios, intentos: maximo };
}
