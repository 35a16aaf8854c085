import type { Nota } from "../content/notas.ts";
import type { Problema } from "../content/problems.ts";
import { crearDocumento, desbordaPila } from "./documento.ts";
import { seguridadDe } from "./seguridad.ts";

/**
 * The security control the build itself enforces (not only `prensa validar` in review): MDX that
 * could run code at build time or in the reader's browser stops the build, because the site is
 * built in CI where publishing secrets exist.
 */
export function problemasDeSeguridad(notas: readonly Nota[]): Problema[] {
  const problemas: Problema[] = [];
  for (const nota of notas) {
    try {
      for (const h of seguridadDe(nota.archivo, crearDocumento(nota)))
        if (h.severidad === "error")
          problemas.push({
            archivo: h.archivo,
            linea: h.linea,
            columna: h.columna,
            mensaje: `${h.mensaje} [${h.regla}]`,
            arreglo: h.arreglo,
          });
    } catch (e) {
      problemas.push({
        archivo: nota.archivo,
        // Never the engine's text (it differs between machines and says nothing to an editor).
        mensaje: desbordaPila(e)
          ? "el cuerpo tiene demasiados niveles anidados (citas, listas o etiquetas unas dentro de otras) y no se pudo revisar"
          : "el texto MDX no se pudo analizar de forma segura",
        arreglo: "revise el cuerpo con «npx prensa validar», que señala la línea del problema",
      });
    }
  }
  return problemas;
}
