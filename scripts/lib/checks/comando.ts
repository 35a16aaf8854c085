import path from "node:path";
import { leerArgumentos, SALIDA, ErrorUso, type Comando, type Io } from "../cli/comando.ts";
import { rutas } from "../content/paths.ts";
import { ahora } from "../content/time.ts";
import { validar } from "./ejecutar.ts";
import { FORMATOS, formatear, type Formato } from "./formatos.ts";

const USO = `Uso: prensa validar [rutas...] [--formato texto|github|json] [--base REF]

Revisa las notas (todas, o los archivos y carpetas indicados) con los puntos de control:
esquema, privacidad (Ley 1581 de 2012), lenguaje claro, textos por red, accesibilidad,
seguridad del MDX, fe de erratas y enlaces. Cada regla se explica en docs/validar.md.

Opciones:
  --formato texto   hallazgos agrupados por archivo (predeterminado)
  --formato github  anotaciones para el pull request (::error file=...)
  --formato json    un arreglo JSON de {archivo, linea, columna, regla, severidad, mensaje}
  --base REF        compara con la revisión REF de git (por ejemplo origin/main) para exigir
                    una fe de erratas en las notas ya publicadas que cambiaron

Sale con 0 si no hay errores (los avisos no cuentan), 1 si hay errores y 2 si el uso es incorrecto.`;

export const comando: Comando = {
  nombre: "validar",
  descripcion:
    "Revisa las notas con los puntos de control (privacidad, lenguaje, redes, accesibilidad, seguridad, erratas, enlaces)",
  uso: USO,
  async ejecutar(args: string[], io: Io): Promise<number> {
    const { values, positionals } = leerArgumentos(args, {
      formato: { type: "string", default: "texto" },
      base: { type: "string" },
    });
    const formato = values.formato;
    if (!(FORMATOS as readonly string[]).includes(formato))
      throw new ErrorUso(`el formato «${formato}» no existe; use texto, github o json`);
    if (values.base !== undefined && !values.base.trim()) throw new ErrorUso("a --base le falta la referencia de git");
    const r = rutas(io.env.PRENSA_RAIZ);
    const resultado = validar({
      raiz: r.raiz,
      rutas: positionals.length ? positionals.map((p) => path.resolve(io.cwd, p)) : undefined,
      base: values.base,
      ahora: ahora(io.env),
    });
    io.salida(formatear(formato as Formato, resultado.hallazgos, resultado.notas));
    return resultado.hallazgos.some((h) => h.severidad === "error") ? SALIDA.hallazgos : SALIDA.ok;
  },
};
