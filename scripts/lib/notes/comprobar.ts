import { leerArgumentos, SALIDA, type Comando, type Io } from "../cli/comando.ts";
import { cargarInstitucion } from "../content/institucion.ts";
import { cargarNotas, esPublica } from "../content/notas.ts";
import { formatoProblema } from "../content/problems.ts";
import { ahora } from "../content/time.ts";
import { rutas } from "../content/paths.ts";

export const comando: Comando = {
  nombre: "comprobar",
  descripcion: "Revisa que la configuración y todas las notas sean válidas (lo mismo que hace la construcción)",
  uso: "Uso: prensa comprobar\n\nValida config/institucion.yaml y el frontmatter de todas las notas. Sale con 1 si hay problemas.",
  async ejecutar(args: string[], io: Io): Promise<number> {
    leerArgumentos(args, {}, false);
    const r = rutas(io.env.PRENSA_RAIZ);
    const institucion = cargarInstitucion(r.raiz);
    const { notas, problemas } = cargarNotas(institucion, { raiz: r.raiz });
    if (problemas.length) {
      io.error(problemas.map(formatoProblema).join("\n"));
      io.error(`\n${problemas.length} ${problemas.length === 1 ? "problema" : "problemas"}.`);
      return SALIDA.hallazgos;
    }
    const momento = ahora(io.env);
    const publicas = notas.filter((n) => esPublica(n, momento)).length;
    io.salida(
      `Todo en orden: ${notas.length} notas válidas (${publicas} públicas, ${notas.length - publicas} programadas o en borrador).`,
    );
    return SALIDA.ok;
  },
};
