import { stringify } from "yaml";
import type { DatosNotaEntrada } from "../content/schema/nota.ts";

/** Renders a note file (frontmatter + body) from its input data. */
export function textoNota(datos: DatosNotaEntrada, cuerpo: string): string {
  const yaml = stringify(datos, { lineWidth: 0 }).trimEnd();
  return `---\n${yaml}\n---\n\n${cuerpo.trim()}\n`;
}

export const CUERPO_INICIAL = `Escriba aquí el primer párrafo: qué pasó, a quién afecta, cuándo y dónde. Use frases cortas.

## Cómo participar

Explique los pasos que debe seguir la ciudadanía.
`;
