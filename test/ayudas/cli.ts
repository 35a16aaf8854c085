// The one way tests run the `prensa` CLI: as a child process (blocking or not) or, for speed, one
// subcommand in this process through its real `ejecutar`. Every runner returns a `Resultado`.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { RAIZ } from "../../scripts/lib/content/paths.ts";
import { traducirFallo, type Io } from "../../scripts/lib/cli/comando.ts";

export interface Resultado {
  /** Exit code; -1 when the child ended by a signal. */
  codigo: number;
  salida: string;
  error: string;
  /** The signal that ended the child (e.g. a test killed it), when there was one. */
  senal?: NodeJS.Signals | null;
}

export interface OpcionesPrensa {
  /** Working directory of the child (the repository root unless told). */
  cwd?: string;
  /** Receives the child as soon as it starts, e.g. to kill it halfway through a run. */
  alIniciar?: (hijo: ChildProcess) => void;
}

const ENTRADA = path.join(RAIZ, "scripts/prensa.ts");
/** Shared compile cache from the child's first line: type stripping is the main cost of starting `prensa` many times. */
const CACHE = path.join(tmpdir(), "convergente-prueba-compilacion");

/** No waits between GitHub API retries (the emulators answer at once). */
export const GITHUB_SIN_ESPERA = { PRENSA_GITHUB_SIN_ESPERA: "1" } as const;

/** Runs the real CLI entry point `node scripts/prensa.ts ...` in a child process that inherits this environment plus `env`. */
export function prensa(args: string[], env: Record<string, string | undefined> = {}, cwd = RAIZ): Resultado {
  const r = spawnSync(process.execPath, [ENTRADA, ...args], {
    cwd,
    env: { ...process.env, TZ: "America/Bogota", NODE_COMPILE_CACHE: CACHE, ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { codigo: r.status ?? -1, salida: r.stdout, error: r.stderr, senal: r.signal };
}

/**
 * Runs `node scripts/prensa.ts ...` without blocking this process, so a local emulator or server
 * in the same process can answer meanwhile. The child gets a minimal environment plus `env`.
 * The third argument is the working directory, or options (directory, `alIniciar`).
 */
export function prensaAsincrona(
  args: string[],
  env: Record<string, string | undefined>,
  opciones: string | OpcionesPrensa = RAIZ,
): Promise<Resultado> {
  const { cwd = RAIZ, alIniciar } = typeof opciones === "string" ? { cwd: opciones } : opciones;
  return new Promise((resolver, fallar) => {
    const hijo = spawn(process.execPath, [ENTRADA, ...args], {
      cwd,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        TZ: "America/Bogota",
        NODE_COMPILE_CACHE: CACHE,
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let salida = "";
    let error = "";
    hijo.stdout.on("data", (d: Buffer) => (salida += d.toString()));
    hijo.stderr.on("data", (d: Buffer) => (error += d.toString()));
    hijo.on("error", fallar);
    hijo.on("close", (codigo, senal) => resolver({ codigo: codigo ?? -1, salida, error, senal }));
    alIniciar?.(hijo);
  });
}

/**
 * Runs one subcommand in this process through its real `ejecutar`, with the CLI's own mapping of
 * errors to exit codes and messages (scripts/lib/cli/comando.ts#traducirFallo). Faster than a
 * child process; every feature is also driven at least once through the real entry point. A bug
 * (an error that is neither a usage error nor an `ErrorConvergente`) is thrown, not reported.
 */
export async function prensaEnProceso(
  nombre: string,
  args: string[],
  env: Record<string, string | undefined>,
  cwd = RAIZ,
): Promise<Resultado> {
  const { COMANDOS } = await import("../../scripts/lib/cli/comandos.ts");
  const entrada = COMANDOS[nombre];
  if (!entrada) throw new Error(`No hay un comando «${nombre}» en scripts/lib/cli/comandos.ts`);
  const comando = await entrada.cargar();
  let salida = "";
  let error = "";
  const io: Io = {
    salida: (t) => void (salida += `${t}\n`),
    error: (t) => void (error += `${t}\n`),
    env: { TZ: "America/Bogota", ...env },
    cwd,
    interactivo: false,
  };
  try {
    return { codigo: await comando.ejecutar(args, io), salida, error };
  } catch (e) {
    const fallo = traducirFallo(e, { nombre, uso: comando.uso }, io.env);
    if (fallo.inesperado) throw e;
    return { codigo: fallo.codigo, salida, error: error + fallo.texto };
  }
}
