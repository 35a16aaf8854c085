import type { Hallazgo } from "./tipos.ts";

export const FORMATOS = ["texto", "github", "json"] as const;
export type Formato = (typeof FORMATOS)[number];

const conArreglo = (h: Hallazgo) => (h.arreglo ? `${h.mensaje}. Arreglo: ${h.arreglo}` : h.mensaje);

function resumen(hallazgos: Hallazgo[], notas: number): string {
  const errores = hallazgos.filter((h) => h.severidad === "error").length;
  const avisos = hallazgos.length - errores;
  const archivos = new Set(hallazgos.map((h) => h.archivo)).size;
  const revisadas = `${notas} ${notas === 1 ? "nota revisada" : "notas revisadas"}`;
  if (!hallazgos.length) return `Todo en orden: ${revisadas}, sin hallazgos.`;
  const e = `${errores} ${errores === 1 ? "error" : "errores"}`;
  const a = `${avisos} ${avisos === 1 ? "aviso" : "avisos"}`;
  return `${e} y ${a} en ${archivos} ${archivos === 1 ? "archivo" : "archivos"} (${revisadas}).${
    errores ? "" : " Los avisos no impiden publicar."
  }`;
}

/** Readable Spanish, grouped by file. */
export function formatoTexto(hallazgos: Hallazgo[], notas: number): string {
  const lineas: string[] = [];
  let actual: string | undefined;
  for (const h of hallazgos) {
    if (h.archivo !== actual) {
      if (actual !== undefined) lineas.push("");
      lineas.push(h.archivo);
      actual = h.archivo;
    }
    lineas.push(`  ${h.linea}:${h.columna}  ${h.severidad.padEnd(5)}  ${h.mensaje}  [${h.regla}]`);
    if (h.arreglo) lineas.push(`      Arreglo: ${h.arreglo}`);
  }
  if (lineas.length) lineas.push("");
  lineas.push(resumen(hallazgos, notas));
  return lineas.join("\n");
}

const escaparDato = (t: string) => t.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escaparPropiedad = (t: string) => escaparDato(t).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** GitHub workflow commands, so findings appear as annotations on the pull request diff. */
export function formatoGithub(hallazgos: Hallazgo[], notas: number): string {
  const lineas = hallazgos.map(
    (h) =>
      `::${h.severidad === "error" ? "error" : "warning"} file=${escaparPropiedad(h.archivo)},line=${h.linea},col=${h.columna},title=${escaparPropiedad(h.regla)}::${escaparDato(conArreglo(h))}`,
  );
  lineas.push(resumen(hallazgos, notas));
  return lineas.join("\n");
}

/** One JSON array of {archivo, linea, columna, regla, severidad, mensaje}; the fix goes inside mensaje. */
export function formatoJson(hallazgos: Hallazgo[]): string {
  return JSON.stringify(
    hallazgos.map((h) => ({
      archivo: h.archivo,
      linea: h.linea,
      columna: h.columna,
      regla: h.regla,
      severidad: h.severidad,
      mensaje: conArreglo(h),
    })),
    null,
    2,
  );
}

export function formatear(formato: Formato, hallazgos: Hallazgo[], notas: number): string {
  if (formato === "json") return formatoJson(hallazgos);
  if (formato === "github") return formatoGithub(hallazgos, notas);
  return formatoTexto(hallazgos, notas);
}
