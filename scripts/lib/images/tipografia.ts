import { createRequire } from "node:module";
import { cargarFuentes } from "./fuentes.ts";
import { woffASfnt } from "./woff.ts";

/**
 * Text setting for the social image with HarfBuzz (harfbuzzjs, the shaping engine satori itself
 * uses): kerning and ligatures of the real fonts, greedy line breaking at spaces (long words
 * broken anywhere, like CSS `word-break: break-word`) and `line-clamp` with an ellipsis.
 * Positions are in pixels; glyph outlines are rasterised and cached by glifos.ts.
 */

/** What a text is set in. */
export interface Estilo {
  /** Family name of fuentes.ts (TITULAR or TEXTO). */
  familia: string;
  peso: 400 | 600 | 700;
  /** Font size in px. */
  tamano: number;
  /** Extra space after each character in px (CSS letter-spacing). */
  espaciado?: number;
}

/** One glyph of a set line: which face, which glyph, where its origin is (px from the line start). */
export interface GlifoPuesto {
  cara: number;
  glifo: number;
  x: number;
  /** Vertical offset from the baseline in px (positive is up), from GPOS marks. */
  y: number;
}

/** A line of text ready to draw. */
export interface LineaCompuesta {
  texto: string;
  glifos: GlifoPuesto[];
  /** Advance width in px (without the trailing letter-spacing). */
  ancho: number;
}

// The few harfbuzzjs calls used here (the package ships no types).
interface HbFuente {
  glyphToPath(glifo: number): string;
  glyphExtents(glifo: number): { xBearing: number; yBearing: number; width: number; height: number } | null;
  hExtents(): { ascender: number; descender: number; lineGap: number };
}
interface HbBuffer {
  addText(texto: string): void;
  guessSegmentProperties(): void;
  getGlyphInfosAndPositions(): { codepoint: number; cluster: number; x_advance: number; x_offset: number; y_offset: number }[];
  destroy(): void;
}
interface Hb {
  createBlob(datos: Uint8Array): unknown;
  createFace(blob: unknown, indice: number): { upem: number; collectUnicodes(): Uint32Array };
  createFont(cara: unknown): HbFuente;
  createBuffer(): HbBuffer;
  shape(fuente: HbFuente, buffer: HbBuffer): void;
}

/** A loaded face: one file of fuentes.ts (e.g. Montserrat 700, latin subset). */
export interface Cara {
  fuente: HbFuente;
  upem: number;
  letras: Set<number>;
  /** hhea ascender and descender in font units (descender negative). */
  ascendente: number;
  descendente: number;
}

let hb: Hb | undefined;
let caras: Cara[] = [];
/** Family+weight → indices in `caras`, in fallback order (latin first, then latin-ext). */
const familias = new Map<string, number[]>();

const claveFamilia = (familia: string, peso: number): string => `${familia}|${peso}`;

/** Loads HarfBuzz and the template fonts once per thread. */
export async function cargarTipografia(): Promise<void> {
  if (hb) return;
  const cargado = await (createRequire(import.meta.url)("harfbuzzjs") as Promise<Hb>);
  const nuevas: Cara[] = [];
  for (const f of cargarFuentes()) {
    const datos = woffASfnt(f.data as Uint8Array);
    const cara = cargado.createFace(cargado.createBlob(datos), 0);
    const fuente = cargado.createFont(cara);
    const ext = fuente.hExtents();
    if (ext.ascender <= 0)
      throw new Error(`No se pudo leer la fuente ${f.name} ${f.weight ?? 400}. Reinstale las dependencias con "npm ci".`);
    const indice = nuevas.length;
    nuevas.push({
      fuente,
      upem: cara.upem,
      letras: new Set(cara.collectUnicodes()),
      ascendente: ext.ascender,
      descendente: ext.descender,
    });
    const clave = claveFamilia(f.name, f.weight ?? 400);
    familias.set(clave, [...(familias.get(clave) ?? []), indice]);
  }
  caras = nuevas;
  hb = cargado;
}

function hbCargado(): Hb {
  if (!hb) throw new Error("La tipografía no está cargada: llame a cargarTipografia() antes de componer.");
  return hb;
}

export function cara(indice: number): Cara {
  return caras[indice]!;
}

function carasDe(estilo: Estilo): number[] {
  const lista = familias.get(claveFamilia(estilo.familia, estilo.peso));
  if (!lista?.length) throw new Error(`No hay fuente para ${estilo.familia} ${estilo.peso}.`);
  return lista;
}

/** Ascent and descent (px, both positive) of a style's main face, for placing baselines. */
export function alturas(estilo: Estilo): { ascendente: number; descendente: number } {
  const c = caras[carasDe(estilo)[0]!]!;
  const escala = estilo.tamano / c.upem;
  return { ascendente: c.ascendente * escala, descendente: -c.descendente * escala };
}

/** A shaped text: its glyphs and, per UTF-16 index of the text, the x where that character starts. */
interface Moldeado {
  glifos: GlifoPuesto[];
  /** Glyph index → UTF-16 index of its character. */
  grupos: number[];
  ancho: number;
}

/** Shapes a text in one style, switching to the fallback face for letters the first lacks. */
function moldear(texto: string, estilo: Estilo): Moldeado {
  const motor = hbCargado();
  const indices = carasDe(estilo);
  const espaciado = estilo.espaciado ?? 0;
  // Runs of consecutive characters that use the same face.
  const tramos: { cara: number; desde: number; hasta: number }[] = [];
  for (let i = 0; i < texto.length;) {
    const cp = texto.codePointAt(i)!;
    const largo = cp > 0xffff ? 2 : 1;
    const elegida = indices.find((c) => caras[c]!.letras.has(cp)) ?? indices[0]!;
    const ultimo = tramos.at(-1);
    if (ultimo && ultimo.cara === elegida) ultimo.hasta = i + largo;
    else tramos.push({ cara: elegida, desde: i, hasta: i + largo });
    i += largo;
  }
  const glifos: GlifoPuesto[] = [];
  const grupos: number[] = [];
  let x = 0;
  for (const t of tramos) {
    const c = caras[t.cara]!;
    const escala = estilo.tamano / c.upem;
    const buffer = motor.createBuffer();
    try {
      buffer.addText(texto.slice(t.desde, t.hasta));
      buffer.guessSegmentProperties();
      motor.shape(c.fuente, buffer);
      for (const g of buffer.getGlyphInfosAndPositions()) {
        glifos.push({ cara: t.cara, glifo: g.codepoint, x: x + g.x_offset * escala, y: g.y_offset * escala });
        grupos.push(t.desde + g.cluster);
        x += g.x_advance * escala + espaciado;
      }
    } finally {
      buffer.destroy();
    }
  }
  return { glifos, grupos, ancho: glifos.length ? x - espaciado : 0 };
}

/**
 * The text as it can be drawn in a style: NFC (a letter plus a combining accent becomes the
 * accented letter), characters none of its fonts has (emoji, control characters, other
 * scripts) left out instead of drawn as empty boxes, and runs of white space made one space.
 */
export function textoDibujable(texto: string, estilo: Estilo): string {
  const indices = carasDe(estilo);
  let out = "";
  for (const c of texto.normalize("NFC")) {
    const cp = c.codePointAt(0)!;
    if (/\s/.test(c) || indices.some((i) => caras[i]!.letras.has(cp))) out += c;
  }
  return out.replace(/\s+/g, " ").trim();
}

/** Sets a text on one line (no wrapping). */
export function componerLinea(texto: string, estilo: Estilo): LineaCompuesta {
  const limpio = textoDibujable(texto, estilo);
  const m = moldear(limpio, estilo);
  return { texto: limpio, glifos: m.glifos, ancho: m.ancho };
}

/** Width in px of a text set on one line. */
export const medir = (texto: string, estilo: Estilo): number => moldear(textoDibujable(texto, estilo), estilo).ancho;

const ELIPSIS = "…";

/** The longest start of `texto` that, followed by an ellipsis, fits in `ancho` (whole words when possible). */
function conElipsis(texto: string, estilo: Estilo, ancho: number): LineaCompuesta {
  let palabras = texto.trimEnd().split(" ");
  while (palabras.length > 1) {
    const linea = componerLinea(`${palabras.join(" ").replace(/[\s,;:.]+$/, "")}${ELIPSIS}`, estilo);
    if (linea.ancho <= ancho) return linea;
    palabras = palabras.slice(0, -1);
  }
  let palabra = [...(palabras[0] ?? "")];
  while (palabra.length > 0) {
    const linea = componerLinea(`${palabra.join("")}${ELIPSIS}`, estilo);
    if (linea.ancho <= ancho) return linea;
    palabra = palabra.slice(0, -1);
  }
  return componerLinea(ELIPSIS, estilo);
}

/**
 * Sets a paragraph in lines of at most `ancho` px: greedy breaks at spaces, a word longer than a
 * line is broken between characters, and with `maxLineas` the last line ends in an ellipsis when
 * text is left over (CSS line-clamp).
 */
export function componerParrafo(texto: string, estilo: Estilo, ancho: number, maxLineas = Infinity): LineaCompuesta[] {
  const limpio = textoDibujable(texto, estilo);
  if (!limpio) return [];
  const m = moldear(limpio, estilo);
  // x where each UTF-16 index starts; the end of the text maps to the full width.
  const inicio = new Float64Array(limpio.length + 1).fill(Number.NaN);
  for (let g = m.glifos.length - 1; g >= 0; g--) {
    const i = m.grupos[g]!;
    const x = m.glifos[g]!.x;
    if (Number.isNaN(inicio[i]!) || x < inicio[i]!) inicio[i] = x;
  }
  inicio[limpio.length] = m.ancho + (estilo.espaciado ?? 0);
  // Characters inside a cluster (a ligature) start where the cluster ends.
  for (let i = limpio.length - 1; i >= 0; i--) if (Number.isNaN(inicio[i]!)) inicio[i] = inicio[i + 1]!;
  const espaciado = estilo.espaciado ?? 0;
  const anchoDe = (desde: number, hasta: number): number => inicio[hasta]! - inicio[desde]! - espaciado;

  const lineas: { desde: number; hasta: number }[] = [];
  let desde = 0;
  while (desde < limpio.length) {
    // Take words while they fit.
    let fin = desde;
    let siguiente = desde;
    for (;;) {
      const espacio = limpio.indexOf(" ", siguiente);
      const finPalabra = espacio === -1 ? limpio.length : espacio;
      if (anchoDe(desde, finPalabra) > ancho) break;
      fin = finPalabra;
      siguiente = finPalabra + 1;
      if (espacio === -1) break;
    }
    if (fin === desde) {
      // Not even one word fits: break it between characters.
      fin = desde + 1;
      while (fin < limpio.length && limpio[fin] !== " " && anchoDe(desde, fin + 1) <= ancho) fin += 1;
    }
    lineas.push({ desde, hasta: fin });
    desde = fin;
    while (limpio[desde] === " ") desde += 1;
  }

  const resultado: LineaCompuesta[] = [];
  for (const [n, l] of lineas.entries()) {
    if (n + 1 === maxLineas && n + 1 < lineas.length) {
      resultado.push(conElipsis(limpio.slice(l.desde, l.hasta), estilo, ancho));
      break;
    }
    const x0 = inicio[l.desde]!;
    const glifos = m.glifos
      .filter((_, g) => m.grupos[g]! >= l.desde && m.grupos[g]! < l.hasta)
      .map((g) => ({ ...g, x: g.x - x0 }));
    resultado.push({ texto: limpio.slice(l.desde, l.hasta), glifos, ancho: anchoDe(l.desde, l.hasta) });
  }
  return resultado;
}

/** Outline of a glyph as SVG path data in font units (y up), and its ink box. */
export function contorno(
  indiceCara: number,
  glifo: number,
): { d: string; caja: { x: number; y: number; ancho: number; alto: number } | null } {
  const c = caras[indiceCara]!;
  const e = c.fuente.glyphExtents(glifo);
  return {
    d: c.fuente.glyphToPath(glifo),
    // HarfBuzz: yBearing is the top (y up) and height is negative.
    caja: e && e.width > 0 && e.height !== 0 ? { x: e.xBearing, y: e.yBearing, ancho: e.width, alto: -e.height } : null,
  };
}
