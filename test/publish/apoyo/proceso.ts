import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { RAIZ } from "../../../scripts/lib/content/paths.ts";
import { REDES, REGISTRO, VARIABLE_ADAPTADORES_PRUEBA, VARIABLES_CREDENCIALES } from "../../../scripts/lib/networks/index.ts";

export const PRENSA = path.join(RAIZ, "scripts/prensa.ts");
export const ADAPTADORES_EMULADOS = path.join(RAIZ, "test/publish/apoyo/adaptadores-emulados.ts");
/** Shared compile cache: type stripping is the main cost of starting `prensa` many times. */
const CACHE = path.join(tmpdir(), "convergente-prueba-compilacion");

/** Copies a fixture folder to a fresh temp directory (the PRENSA_RAIZ of a test). */
export function copiarFixture(carpeta: string, prefijo = "prensa-publicar-"): string {
  const destino = mkdtempSync(path.join(tmpdir(), prefijo));
  cpSync(carpeta, destino, { recursive: true });
  return destino;
}

export const borrar = (ruta: string) => rmSync(ruta, { recursive: true, force: true });

export interface Resultado {
  codigo: number | null;
  senal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the real entry point `node scripts/prensa.ts ...`; `alIniciar` receives the child (to kill it). */
export function prensa(
  args: string[],
  env: Record<string, string | undefined>,
  alIniciar?: (hijo: ChildProcess) => void,
): Promise<Resultado> {
  return new Promise((ok, mal) => {
    const hijo = spawn(process.execPath, [PRENSA, ...args], {
      env: { ...process.env, TZ: "America/Bogota", NODE_COMPILE_CACHE: CACHE, GITHUB_STEP_SUMMARY: undefined, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    hijo.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    hijo.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    hijo.on("error", mal);
    hijo.on("close", (codigo, senal) => ok({ codigo, senal, stdout, stderr }));
    alIniciar?.(hijo);
  });
}

/** Environment that removes every network credential, the test adapters and PRENSA_AHORA from the parent's. */
export const SIN_CREDENCIALES: Record<string, undefined> = Object.fromEntries(
  [...Object.values(VARIABLES_CREDENCIALES).flat(), VARIABLE_ADAPTADORES_PRUEBA, "PRENSA_AHORA"].map((n) => [n, undefined]),
);

/** Base URL env vars pointing every network at a scenario of the generic emulator. */
export function urlsEmulador(base: string, escenario: string): Record<string, string> {
  return Object.fromEntries(REDES.map((red) => [REGISTRO[red].variableUrl, `${base}/${escenario}/${red}`]));
}
