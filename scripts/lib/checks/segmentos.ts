import type { ContextoNota } from "./tipos.ts";
import type { Segmento } from "./documento.ts";
import { NOMBRE_RED } from "../content/schema/redes.ts";

/** Every text people read in a note: title, summary, main alt, per-network texts, body blocks and body alts. */
export function segmentosDe(ctx: ContextoNota): Segmento[] {
  const { nota, doc } = ctx;
  const d = nota.datos;
  const salida: Segmento[] = [
    doc.segmentoCampo(["titulo"], d.titulo, "titulo", "el título"),
    doc.segmentoCampo(["resumen"], d.resumen, "resumen", "el resumen"),
  ];
  if (d.imagen) salida.push(doc.segmentoCampo(["imagen", "alt"], d.imagen.alt, "alt", "el texto alternativo de la imagen"));
  d.canales.forEach((c, i) => {
    if (c.texto) salida.push(doc.segmentoCampo(["canales", i, "texto"], c.texto, "canal", `el texto para ${NOMBRE_RED[c.red]}`));
  });
  salida.push(...doc.bloques, ...doc.alts);
  return salida;
}
