import { TITULAR } from "./fuentes.ts";
import { componerParrafo, type Estilo, type LineaCompuesta } from "./tipografia.ts";

/**
 * Headline fitting for the social image, measured with the real font (HarfBuzz shaping, see
 * tipografia.ts): the largest size at which the title fits its box, or, when not even the
 * smallest does, the title cut at a word with an ellipsis. Needs cargarTipografia() first.
 */

export interface TituloAjustado {
  /** Font size in px. */
  tamano: number;
  /** Line height in px (whole pixels). */
  interlineado: number;
  /** The lines to draw (the last one ends in "…" when the title was cut). */
  lineas: LineaCompuesta[];
  recortado: boolean;
}

/** Candidate sizes, largest first. */
export const TAMANOS_TITULAR = [64, 58, 52, 46, 42, 38, 34] as const;
const FACTOR_INTERLINEADO = 1.14;

export const estiloTitular = (tamano: number): Estilo => ({ familia: TITULAR, peso: 700, tamano });

/** Picks the largest size at which the headline fits in (ancho × alto). */
export function ajustarTitulo(titulo: string, ancho: number, alto: number): TituloAjustado {
  for (const tamano of TAMANOS_TITULAR) {
    const interlineado = Math.round(tamano * FACTOR_INTERLINEADO);
    const lineas = componerParrafo(titulo, estiloTitular(tamano), ancho);
    if (lineas.length <= Math.floor(alto / interlineado)) return { tamano, interlineado, lineas, recortado: false };
  }
  const tamano = TAMANOS_TITULAR[TAMANOS_TITULAR.length - 1]!;
  const interlineado = Math.round(tamano * FACTOR_INTERLINEADO);
  const lineas = componerParrafo(titulo, estiloTitular(tamano), ancho, Math.max(1, Math.floor(alto / interlineado)));
  return { tamano, interlineado, lineas, recortado: true };
}
