import { readFileSync } from "node:fs";
import { parseDocument, LineCounter } from "yaml";
import { institucionSchema, type Institucion } from "./schema/institucion.ts";
import { ErrorConvergente, type Problema } from "./problems.ts";
import { mensajeIssue } from "./zod-es.ts";
import { relativa, rutas } from "./paths.ts";

/** Loads and validates config/institucion.yaml. Throws ErrorConvergente in Spanish when invalid. */
export function cargarInstitucion(raiz?: string): Institucion {
  const r = rutas(raiz);
  const archivo = relativa(r.raiz, r.config);
  let texto: string;
  try {
    texto = readFileSync(r.config, "utf8");
  } catch {
    throw new ErrorConvergente(`No se encontró la configuración de la entidad (${archivo}).`, [
      { archivo, mensaje: "el archivo no existe o no se puede leer", arreglo: "copie el ejemplo de docs/configuracion.md" },
    ]);
  }
  const lineas = new LineCounter();
  const doc = parseDocument(texto, { lineCounter: lineas, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new ErrorConvergente("La configuración de la entidad tiene un error de YAML.", [
      {
        archivo,
        linea: e.linePos?.[0].line,
        columna: e.linePos?.[0].col,
        mensaje: "el YAML está mal formado",
        arreglo: "revise sangría y dos puntos",
      },
    ]);
  }
  const resultado = institucionSchema.safeParse(doc.toJS({ maxAliasCount: 50 }));
  if (resultado.success) return resultado.data;
  const problemas: Problema[] = resultado.error.issues.map((issue) => {
    const nodo = doc.getIn(issue.path as (string | number)[], true) as { range?: [number, number, number] } | undefined;
    const pos = nodo?.range ? lineas.linePos(nodo.range[0]) : undefined;
    return {
      archivo,
      linea: pos?.line,
      columna: pos?.col,
      campo: issue.path.join("."),
      mensaje: mensajeIssue(issue),
      arreglo: "corrija el valor según docs/configuracion.md",
    };
  });
  throw new ErrorConvergente("La configuración de la entidad no es válida.", problemas);
}

/** Display name of a dependencia ("Secretaría de Salud") from its id; the id itself when unknown. */
export function nombreDependencia(institucion: Institucion, id: string): string {
  return institucion.dependencias.find((d) => d.id === id)?.nombre ?? id;
}
