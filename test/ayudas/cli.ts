import { spawnSync } from "node:child_process";
import path from "node:path";
import { RAIZ } from "../../scripts/lib/content/paths.ts";

export interface Resultado {
  codigo: number;
  salida: string;
  error: string;
}

/** Runs the real CLI entry point `node scripts/prensa.ts ...` in a child process. */
export function prensa(args: string[], env: Record<string, string | undefined> = {}, cwd = RAIZ): Resultado {
  const r = spawnSync(process.execPath, [path.join(RAIZ, "scripts/prensa.ts"), ...args], {
    cwd,
    env: { ...process.env, TZ: "America/Bogota", ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { codigo: r.status ?? -1, salida: r.stdout, error: r.stderr };
}
