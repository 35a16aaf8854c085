/**
 * Text fitting for the social image. satori wraps text itself; these advance widths (in em,
 * measured once from Montserrat Bold with satori) let us choose the font size and the cut
 * before rendering, so a long headline never overflows its box. lineClamp stays as a net.
 */

// Montserrat Bold (latin) advance widths in em. Characters not listed use ANCHO_DESCONOCIDO.
const MONTSERRAT_700: Readonly<Record<string, number>> = {
  " ": 0.28,
  "!": 0.29,
  '"': 0.48,
  "#": 0.72,
  $: 0.64,
  "%": 0.88,
  "&": 0.73,
  "'": 0.27,
  "(": 0.36,
  ")": 0.36,
  "*": 0.45,
  "+": 0.6,
  ",": 0.26,
  "-": 0.39,
  ".": 0.26,
  "/": 0.33,
  ":": 0.26,
  ";": 0.26,
  "<": 0.6,
  "=": 0.6,
  ">": 0.6,
  "?": 0.56,
  "@": 1.04,
  "[": 0.37,
  "\\": 0.39,
  "]": 0.37,
  "^": 0.6,
  _: 0.5,
  "`": 0.6,
  "{": 0.39,
  "|": 0.31,
  "}": 0.39,
  "~": 0.6,
  "0": 0.68,
  "1": 0.39,
  "2": 0.59,
  "3": 0.59,
  "4": 0.69,
  "5": 0.59,
  "6": 0.64,
  "7": 0.62,
  "8": 0.66,
  "9": 0.64,
  A: 0.79,
  B: 0.77,
  C: 0.7,
  D: 0.83,
  E: 0.67,
  F: 0.64,
  G: 0.77,
  H: 0.81,
  I: 0.33,
  J: 0.54,
  K: 0.74,
  L: 0.6,
  M: 0.96,
  N: 0.81,
  O: 0.84,
  P: 0.72,
  Q: 0.84,
  R: 0.74,
  S: 0.64,
  T: 0.63,
  U: 0.79,
  V: 0.75,
  W: 1.16,
  X: 0.71,
  Y: 0.7,
  Z: 0.67,
  a: 0.62,
  b: 0.69,
  c: 0.59,
  d: 0.69,
  e: 0.63,
  f: 0.4,
  g: 0.7,
  h: 0.69,
  i: 0.3,
  j: 0.31,
  k: 0.66,
  l: 0.3,
  m: 1.05,
  n: 0.69,
  o: 0.66,
  p: 0.69,
  q: 0.69,
  r: 0.43,
  s: 0.53,
  t: 0.43,
  u: 0.69,
  v: 0.59,
  w: 0.93,
  x: 0.6,
  y: 0.59,
  z: 0.54,
  "¡": 0.29,
  "¿": 0.58,
  "«": 0.56,
  "»": 0.56,
  "“": 0.53,
  "”": 0.53,
  "‘": 0.29,
  "’": 0.29,
  "–": 0.5,
  "—": 1,
  "…": 0.8,
  "°": 0.42,
  º: 0.45,
  ª: 0.43,
};
const ANCHO_DESCONOCIDO = 0.72;
// Safety margin: kerning and rounding in satori never make a line longer than we estimate.
const HOLGURA = 1.04;

/** Width in px of a text in Montserrat Bold at a given size. Accents do not change the width. */
export function anchoTitular(texto: string, tamano: number): number {
  let em = 0;
  for (const c of texto) {
    const base = MONTSERRAT_700[c] ?? MONTSERRAT_700[c.normalize("NFD").charAt(0)] ?? ANCHO_DESCONOCIDO;
    em += base;
  }
  return em * tamano * HOLGURA;
}

/** Greedy word wrap, as a browser (and satori) does it. Returns the lines. */
export function partirEnLineas(texto: string, tamano: number, ancho: number): string[] {
  const palabras = texto.split(/\s+/).filter(Boolean);
  const lineas: string[] = [];
  let actual = "";
  for (const palabra of palabras) {
    const candidata = actual ? `${actual} ${palabra}` : palabra;
    if (!actual || anchoTitular(candidata, tamano) <= ancho) {
      actual = candidata;
    } else {
      lineas.push(actual);
      actual = palabra;
    }
  }
  if (actual) lineas.push(actual);
  return lineas;
}

export interface TituloAjustado {
  /** Font size in px. */
  tamano: number;
  /** Line height in px (whole pixels: satori rounds them). */
  interlineado: number;
  /** Text to render: the title, or the title cut at a word with "…". */
  texto: string;
  lineas: number;
  recortado: boolean;
}

/** Candidate sizes, largest first. */
export const TAMANOS_TITULAR = [64, 58, 52, 46, 42, 38, 34] as const;
const FACTOR_INTERLINEADO = 1.14;

/**
 * Picks the largest size at which the headline fits in (ancho × alto); when not even the
 * smallest fits, cuts it at the last whole word that fits and adds an ellipsis.
 */
export function ajustarTitulo(titulo: string, ancho: number, alto: number): TituloAjustado {
  const limpio = titulo.replace(/\s+/g, " ").trim();
  for (const tamano of TAMANOS_TITULAR) {
    const interlineado = Math.round(tamano * FACTOR_INTERLINEADO);
    const maxLineas = Math.floor(alto / interlineado);
    const lineas = partirEnLineas(limpio, tamano, ancho);
    if (lineas.length <= maxLineas && lineas.every((l) => anchoTitular(l, tamano) <= ancho)) {
      return { tamano, interlineado, texto: limpio, lineas: lineas.length, recortado: false };
    }
  }
  const tamano = TAMANOS_TITULAR[TAMANOS_TITULAR.length - 1]!;
  const interlineado = Math.round(tamano * FACTOR_INTERLINEADO);
  const maxLineas = Math.max(1, Math.floor(alto / interlineado));
  const palabras = limpio.split(" ");
  // Drop words from the end until the text plus "…" fits in maxLineas lines.
  for (let n = palabras.length - 1; n > 0; n--) {
    const texto = `${palabras
      .slice(0, n)
      .join(" ")
      .replace(/[\s,;:.–—-]+$/, "")}…`;
    const lineas = partirEnLineas(texto, tamano, ancho);
    if (lineas.length <= maxLineas && lineas.every((l) => anchoTitular(l, tamano) <= ancho)) {
      return { tamano, interlineado, texto, lineas: lineas.length, recortado: true };
    }
  }
  // A single enormous word: cut by characters.
  let texto = limpio;
  while (texto.length > 1 && anchoTitular(`${texto}…`, tamano) > ancho * maxLineas) texto = texto.slice(0, -1);
  return { tamano, interlineado, texto: `${texto}…`, lineas: maxLineas, recortado: true };
}
