/** A problem found in a file: where it is, what is wrong, how to fix it. Messages are Spanish. */
export interface Problema {
  /** Path relative to the repository root, with forward slashes. */
  archivo: string;
  /** 1-based line, when known. */
  linea?: number;
  /** 1-based column, when known. */
  columna?: number;
  /** Field path such as "imagen.alt", when the problem is about a field. */
  campo?: string;
  /** What is wrong. */
  mensaje: string;
  /** What to do about it. */
  arreglo?: string;
}

/** An error that carries problems for people; the CLI prints them and exits non-zero. */
export class ErrorConvergente extends Error {
  readonly problemas: Problema[];
  constructor(resumen: string, problemas: Problema[] = []) {
    super(problemas.length ? `${resumen}\n${problemas.map(formatoProblema).join("\n")}` : resumen);
    this.name = "ErrorConvergente";
    this.problemas = problemas;
  }
}

/** "archivo:linea:columna: campo «x»: mensaje. Arreglo: ..." */
export function formatoProblema(p: Problema): string {
  const lugar = [p.archivo, p.linea, p.linea ? p.columna : undefined].filter((x) => x !== undefined).join(":");
  const campo = p.campo ? `campo «${p.campo}»: ` : "";
  const arreglo = p.arreglo ? ` Arreglo: ${p.arreglo}` : "";
  return `${lugar}: ${campo}${p.mensaje}${arreglo}`;
}
