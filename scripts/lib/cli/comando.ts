import { parseArgs, type ParseArgsConfig } from "node:util";
import { ErrorConvergente } from "../content/problems.ts";
import { ocultarSecretos } from "./secretos.ts";

/** Exit codes shared by every subcommand. */
export const SALIDA = { ok: 0, hallazgos: 1, uso: 2 } as const;

/** A `prensa` subcommand: Spanish name and description, and the function that runs it. */
export interface Comando {
  nombre: string;
  /** One line, Spanish, shown by `prensa` with no arguments. */
  descripcion: string;
  /** Usage text shown with --ayuda or on a usage error. */
  uso: string;
  ejecutar(args: string[], io: Io): Promise<number>;
}

/** Where a command writes; tests capture it. */
export interface Io {
  salida(texto: string): void;
  error(texto: string): void;
  env: NodeJS.ProcessEnv;
  /** Current directory for relative paths. */
  cwd: string;
  /** Whether stdin is an interactive terminal (for prompts). */
  interactivo: boolean;
}

export const ioProceso = (): Io => ({
  salida: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
  error: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
  env: process.env,
  cwd: process.cwd(),
  interactivo: Boolean(process.stdin.isTTY),
});

/** A usage error: the CLI prints it with the command's usage and exits 2. */
export class ErrorUso extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ErrorUso";
  }
}

/** How the CLI reports what a subcommand threw: exit code and Spanish text (secrets redacted). */
export interface Fallo {
  codigo: number;
  texto: string;
  /** Neither a usage error nor an `ErrorConvergente`: a bug, printed as «Error inesperado». */
  inesperado: boolean;
}

/**
 * The one mapping from a subcommand's error to its exit code and message, used by scripts/prensa.ts
 * and by the tests that run a subcommand in-process: usage errors exit 2 with the usage text,
 * user mistakes (`ErrorConvergente`) exit 1 with their Spanish message, anything else is a bug.
 */
export function traducirFallo(e: unknown, comando: Pick<Comando, "nombre" | "uso">, env: NodeJS.ProcessEnv): Fallo {
  if (e instanceof ErrorUso)
    return { codigo: SALIDA.uso, texto: `Error de uso: ${e.message}\n\n${comando.uso}`, inesperado: false };
  if (e instanceof ErrorConvergente)
    return { codigo: SALIDA.hallazgos, texto: ocultarSecretos(e.message, env), inesperado: false };
  const mensaje = (e as Error | undefined)?.message ?? String(e);
  return {
    codigo: SALIDA.hallazgos,
    texto: ocultarSecretos(`Error inesperado en «prensa ${comando.nombre}»: ${mensaje}`, env),
    inesperado: true,
  };
}

/** node:util parseArgs with Spanish errors. */
export function leerArgumentos<T extends NonNullable<ParseArgsConfig["options"]>>(
  args: string[],
  opciones: T,
  posicionales = true,
) {
  try {
    return parseArgs({ args, options: opciones, allowPositionals: posicionales, strict: true });
  } catch (e) {
    const m = (e as Error).message;
    const opcion = /'([^']+)'/.exec(m)?.[1];
    if (/Unknown option/.test(m)) throw new ErrorUso(`opción desconocida: ${opcion ?? m}`);
    if (/argument missing|requires an argument/i.test(m)) throw new ErrorUso(`a la opción ${opcion ?? ""} le falta su valor`);
    if (/positional/.test(m)) throw new ErrorUso("este comando no recibe argumentos sueltos");
    throw new ErrorUso(m);
  }
}
