import { leerArgumentos, SALIDA, type Comando, type Io } from "../cli/comando.ts";
import { cargarInstitucion } from "../content/institucion.ts";
import { cargarNotas, esPublica } from "../content/notas.ts";
import { formatoProblema, type Problema } from "../content/problems.ts";
import { ahora } from "../content/time.ts";
import { rutas } from "../content/paths.ts";

const USO = `Uso: prensa comprobar

Revisa config/institucion.yaml y los datos (frontmatter) de todas las notas, lo mismo que revisa
la construcción del sitio antes de empezar. Sale con 0 si todo está en orden y con 1 si hay problemas.
Para revisar además privacidad, lenguaje claro, accesibilidad y seguridad use «npx prensa validar».`;

/** "1 nota válida", "3 notas válidas". */
const contar = (n: number, singular: string, plural: string) => `${n} ${n === 1 ? singular : plural}`;

/**
 * The problems as an editor meets them: a count that says what is at stake, then each problem on
 * its own line with the place her editor can jump to (archivo:línea:columna) and the fix below it.
 */
export function informeProblemas(problemas: Problema[]): string {
  const ordenados = [...problemas].sort(
    (a, b) => a.archivo.localeCompare(b.archivo) || (a.linea ?? 0) - (b.linea ?? 0) || (a.columna ?? 0) - (b.columna ?? 0),
  );
  const archivos = new Set(ordenados.map((p) => p.archivo)).size;
  const lineas = ordenados.map((p) => {
    const { arreglo, ...resto } = p;
    return `${formatoProblema(resto)}${arreglo ? `\n  Arreglo: ${arreglo}` : ""}`;
  });
  return [
    `Hay ${contar(problemas.length, "problema", "problemas")} en ${contar(archivos, "archivo", "archivos")}; el sitio no se puede construir hasta corregirlos:`,
    "",
    ...lineas,
    "",
    "Corríjalos y vuelva a ejecutar «npx prensa comprobar».",
  ].join("\n");
}

export const comando: Comando = {
  nombre: "comprobar",
  descripcion: "Revisa que la configuración y todas las notas sean válidas (lo mismo que hace la construcción)",
  uso: USO,
  async ejecutar(args: string[], io: Io): Promise<number> {
    leerArgumentos(args, {}, false);
    const r = rutas(io.env.PRENSA_RAIZ);
    const institucion = cargarInstitucion(r.raiz);
    const { notas, problemas } = cargarNotas(institucion, { raiz: r.raiz });
    if (problemas.length) {
      io.error(informeProblemas(problemas));
      return SALIDA.hallazgos;
    }
    if (!notas.length) {
      io.salida("Todo en orden: la configuración es válida y todavía no hay notas; cree la primera con «npx prensa nueva».");
      return SALIDA.ok;
    }
    const momento = ahora(io.env);
    const publicas = notas.filter((n) => esPublica(n, momento)).length;
    const otras = notas.length - publicas;
    io.salida(
      `Todo en orden: ${contar(notas.length, "nota válida", "notas válidas")} (${contar(publicas, "pública", "públicas")}, ${contar(otras, "programada o en borrador", "programadas o en borrador")}).`,
    );
    return SALIDA.ok;
  },
};
