import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { RAIZ } from "../scripts/lib/content/paths.ts";

const DEPENDENCIAS = [
  "secretaria-de-salud",
  "secretaria-de-educacion",
  "secretaria-de-ambiente",
  "secretaria-de-cultura",
  "secretaria-de-movilidad",
];
const TEMAS = ["salud", "educación", "ambiente", "cultura", "movilidad", "obras", "deporte", "juventud"];
const IMAGEN = path.join(RAIZ, "content/notas/2026/11/festival-campesino.png");

/**
 * Writes n synthetic but valid notes into <raiz>/content/notas, spread over past months, one in
 * five with the sample illustration, or, with `fotos`, one in two with one of those JPEG photos.
 * Used by the benchmarks only.
 */
export function generarNotasSinteticas(raiz: string, n: number, opciones: { fotos?: Buffer[] } = {}): void {
  const { fotos } = opciones;
  for (let i = 0; i < n; i++) {
    const mesesAtras = i % 70;
    const anio = 2026 - Math.floor((mesesAtras + 1) / 12);
    const mes = ((11 - (mesesAtras % 12) + 11) % 12) + 1;
    const mm = String(mes).padStart(2, "0");
    const dia = String((i % 27) + 1).padStart(2, "0");
    const slug = `nota-sintetica-${i}`;
    const carpeta = path.join(raiz, "content/notas", String(anio), mm);
    mkdirSync(carpeta, { recursive: true });
    const conImagen = fotos?.length ? i % 2 === 0 : i % 5 === 0;
    const archivoImagen = fotos?.length ? `${slug}.jpg` : `${slug}.png`;
    if (conImagen && fotos?.length) writeFileSync(path.join(carpeta, archivoImagen), fotos[(i / 2) % fotos.length]!);
    else if (conImagen) copyFileSync(IMAGEN, path.join(carpeta, archivoImagen));
    const tema = TEMAS[i % TEMAS.length]!;
    const texto = `---
titulo: "Nota sintética número ${i} sobre ${tema} en Cajicá"
resumen: "Resumen de la nota ${i}: la Alcaldía informa a la ciudadanía sobre una actividad de ${tema} en el municipio."
publicar: ${anio}-${mm}-${dia}T08:00:00-05:00
dependencia: ${DEPENDENCIAS[i % DEPENDENCIAS.length]}
autor: Oficina de Prensa
etiquetas: [${tema}]
${conImagen ? `imagen:\n  src: ${archivoImagen}\n  alt: "Mercado campesino con toldos de colores y montañas al fondo"\n` : ""}canales: [facebook, x]
---

La Alcaldía de Cajicá informa a la ciudadanía sobre esta actividad de ${tema}. La participación es gratuita.

## Cómo participar

Las personas interesadas pueden acercarse a la sede de la dependencia en el horario de atención.
`;
    writeFileSync(path.join(carpeta, `${slug}.mdx`), texto);
  }
}
