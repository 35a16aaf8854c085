import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { RAIZ } from "../../scripts/lib/content/paths.ts";
import { prensaAsincrona, type Resultado } from "../ayudas/cli.ts";

export { RAIZ };

/** A temporary repository root with the real config and GitHub templates. */
export function raizTemporal(): { raiz: string; borrar: () => void } {
  const raiz = mkdtempSync(path.join(tmpdir(), "convergente-github-"));
  cpSync(path.join(RAIZ, "config"), path.join(raiz, "config"), { recursive: true });
  cpSync(path.join(RAIZ, ".github"), path.join(raiz, ".github"), { recursive: true });
  return { raiz, borrar: () => rmSync(raiz, { recursive: true, force: true }) };
}

export type Ejecucion = Resultado;

/** Runs `node scripts/prensa.ts ...args` asynchronously (the emulator lives in this process), without waits between API retries. */
export function prensa(args: string[], env: Record<string, string>, cwd = RAIZ): Promise<Ejecucion> {
  return prensaAsincrona(args, { PRENSA_GITHUB_SIN_ESPERA: "1", ...env }, cwd);
}

/**
 * Runs a subcommand in this process through its real `ejecutar` (as scripts/prensa.ts does,
 * including its exit codes for usage and Spanish errors). Faster than a child process; every
 * feature is also driven at least once through `prensa` itself.
 */
export async function enProceso(nombre: string, args: string[], env: Record<string, string>): Promise<Ejecucion> {
  const { COMANDOS } = await import("../../scripts/lib/cli/comandos.ts");
  const { ErrorUso } = await import("../../scripts/lib/cli/comando.ts");
  const { ErrorConvergente } = await import("../../scripts/lib/content/problems.ts");
  const comando = await COMANDOS[nombre]!.cargar();
  let salida = "";
  let error = "";
  const io = {
    salida: (t: string) => void (salida += `${t}\n`),
    error: (t: string) => void (error += `${t}\n`),
    env: { TZ: "America/Bogota", PRENSA_GITHUB_SIN_ESPERA: "1", ...env },
    cwd: RAIZ,
    interactivo: false,
  };
  try {
    return { codigo: await comando.ejecutar(args, io), salida, error };
  } catch (e) {
    if (e instanceof ErrorUso) return { codigo: 2, salida, error: error + e.message };
    if (e instanceof ErrorConvergente) return { codigo: 1, salida, error: error + e.message };
    throw e;
  }
}
