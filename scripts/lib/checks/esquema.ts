import type { Problema } from "../content/problems.ts";
import type { Hallazgo } from "./tipos.ts";

/** Rule name for a loader problem (the loader reports problems, not codes). */
function reglaDe(p: Problema): Hallazgo["regla"] {
  const c = p.campo ?? "";
  if (c === "imagen.alt" || c.startsWith("imagen.alt")) return "accesibilidad/alt-imagen-principal";
  if (c === "imagen.src") return "esquema/imagen";
  if (c && /^borre el campo/.test(p.arreglo ?? "")) return "esquema/campo-desconocido";
  if (c) return "esquema/campo";
  const m = p.mensaje;
  if (/no está en una carpeta/.test(m)) return "esquema/ubicacion";
  if (/ya lo usa/.test(m)) return "esquema/slug-repetido";
  if (/binario|UTF-8|pesa .* MB|no se pudo leer/.test(m)) return "esquema/archivo";
  if (/YAML|alias/.test(m)) return "esquema/yaml";
  return "esquema/frontmatter";
}

/** Turns the note loader's problems (schema, YAML, unreadable files) into findings. */
export function hallazgosDeProblemas(problemas: Problema[]): Hallazgo[] {
  return problemas.map((p) => ({
    archivo: p.archivo,
    linea: p.linea ?? 1,
    columna: p.columna ?? 1,
    regla: reglaDe(p),
    severidad: "error",
    mensaje: p.campo ? `campo «${p.campo}»: ${p.mensaje}` : p.mensaje,
    ...(p.arreglo ? { arreglo: p.arreglo } : {}),
  }));
}
