// Sets mimalloc options; must come before @resvg/resvg-js (see entorno.ts).
import "./entorno.ts";
import { Resvg } from "@resvg/resvg-js";
import { mezclarMascara, type Lienzo, type Rgb } from "./lienzo.ts";
import { cara as caraDe, contorno, type LineaCompuesta } from "./tipografia.ts";

/**
 * Glyph rasteriser with a cache: each (face, glyph, size, quarter-pixel offset) is drawn once by
 * resvg as an 8-bit coverage mask, then every image that uses it blends the mask in. A social
 * image has about 200 glyphs but only a few hundred distinct ones exist across all notes, so
 * after the first images almost nothing is rasterised: text costs a blend per glyph.
 */

/** Horizontal positions are rounded to a quarter pixel (vertical ones to whole pixels). */
const PASOS_SUBPIXEL = 4;
/** Bound on cached masks per thread (about 1.5 KB each at title size). */
const MAX_MASCARAS = 20_000;

interface Mascara {
  /** Offset of the mask's top-left corner from the glyph origin (whole pixels; y down). */
  dx: number;
  dy: number;
  ancho: number;
  alto: number;
  alfa: Uint8Array;
}

const mascaras = new Map<string, Mascara | null>();
let dibujadas = 0;

/** Masks rasterised in this thread so far (tests and the benchmark read it). */
export const mascarasDibujadas = (): number => dibujadas;

function mascara(cara: number, glifo: number, escala: number, subpixel: number): Mascara | null {
  const clave = `${cara}:${glifo}:${escala}:${subpixel}`;
  const guardada = mascaras.get(clave);
  if (guardada !== undefined) return guardada;
  const { d, caja } = contorno(cara, glifo);
  let nueva: Mascara | null = null;
  if (caja && d) {
    const desplazamiento = subpixel / PASOS_SUBPIXEL;
    // Ink box in pixels around the origin (y down), with one pixel of margin for anti-aliasing.
    const dx = Math.floor(caja.x * escala + desplazamiento) - 1;
    const dy = Math.floor(-caja.y * escala) - 1;
    const ancho = Math.ceil((caja.x + caja.ancho) * escala + desplazamiento) + 1 - dx;
    const alto = Math.ceil((-caja.y + caja.alto) * escala) + 1 - dy;
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${ancho}" height="${alto}">` +
      `<path fill="#fff" transform="translate(${desplazamiento - dx} ${-dy}) scale(${escala} ${-escala})" d="${d}"/></svg>`;
    const px = new Resvg(svg, { font: { loadSystemFonts: false } }).render().pixels;
    const alfa = new Uint8Array(ancho * alto);
    for (let i = 0; i < alfa.length; i++) alfa[i] = px[i * 4 + 3]!;
    nueva = { dx, dy, ancho, alto, alfa };
    dibujadas += 1;
  }
  if (mascaras.size >= MAX_MASCARAS) mascaras.clear();
  mascaras.set(clave, nueva);
  return nueva;
}

/** Draws a set line with its baseline at y and its start at x, in `color`, clipped to `recorte`. */
export function dibujarLinea(
  l: Lienzo,
  linea: LineaCompuesta,
  x: number,
  y: number,
  tamano: number,
  color: Rgb,
  recorte?: { x: number; y: number; ancho: number; alto: number },
): void {
  const base = Math.round(y);
  for (const g of linea.glifos) {
    const cuartos = Math.round((x + g.x) * PASOS_SUBPIXEL);
    const entero = Math.floor(cuartos / PASOS_SUBPIXEL);
    const m = mascara(g.cara, g.glifo, tamano / caraDe(g.cara).upem, cuartos - entero * PASOS_SUBPIXEL);
    if (m) mezclarMascara(l, m.alfa, m.ancho, m.alto, entero + m.dx, base - Math.round(g.y) + m.dy, color, recorte);
  }
}
