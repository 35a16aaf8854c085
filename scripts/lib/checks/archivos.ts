import { revisarImagen } from "../content/archivos.ts";
import type { Hallazgo, Revision } from "./tipos.ts";

/** 1-based line of `src:` inside the frontmatter's `imagen:` block (1 when not found). */
function lineaDeSrc(texto: string): number {
  const lineas = texto.split(/\r?\n/);
  const inicio = lineas.findIndex((l) => /^imagen\s*:/.test(l));
  if (inicio < 0) return 1;
  const i = lineas.findIndex((l, k) => k > inicio && /^\s+src\s*:/.test(l));
  return i < 0 ? inicio + 1 : i + 1;
}

/**
 * seguridad/* over the files a note points at: its image must be a real file inside the note's
 * folder whose bytes match its extension (scripts/lib/content/archivos.ts). A symbolic link, a
 * path that climbs out of the folder or a text file named .png is an error: the build would copy
 * whatever is on the other side into the public site.
 */
export const revisarArchivos: Revision = ({ nota }) => {
  const src = nota.datos.imagen?.src;
  if (!src) return [];
  const problema = revisarImagen(nota.ruta, src);
  if (!problema) return [];
  const hallazgo: Hallazgo = {
    archivo: nota.archivo,
    linea: lineaDeSrc(nota.texto),
    columna: 1,
    regla: problema.regla,
    severidad: "error",
    mensaje: problema.mensaje,
    arreglo: problema.arreglo,
  };
  return [hallazgo];
};
