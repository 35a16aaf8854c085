import { spawn, spawnSync } from "node:child_process";
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

/**
 * Runs `node scripts/prensa.ts ...` without blocking this process, so a local emulator or server
 * in the same process can answer meanwhile. The child gets a minimal environment plus `env`.
 */
export function prensaAsincrona(args: string[], env: Record<string, string>, cwd = RAIZ): Promise<Resultado> {
  return new Promise((resolver) => {
    const hijo = spawn(process.execPath, [path.join(RAIZ, "scripts/prensa.ts"), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", TZ: "America/Bogota", ...env },
    });
    let salida = "";
    let error = "";
    hijo.stdout.on("data", (d: Buffer) => (salida += d.toString()));
    hijo.stderr.on("data", (d: Buffer) => (error += d.toString()));
    hijo.on("close", (codigo) => resolver({ codigo: codigo ?? -1, salida, error }));
  });
}
