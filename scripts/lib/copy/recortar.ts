/** Ellipsis appended to a shortened text. */
export const ELIPSIS = "…";

/** Offsets where each word of a text ends (words are runs of non-space characters). */
export function finesDePalabra(texto: string): number[] {
  return [...texto.matchAll(/\S+/gu)].map((m) => m.index + m[0].length);
}

/** The first `n` words of a text followed by an ellipsis; trailing punctuation is dropped first. */
export function primerasPalabras(texto: string, fines: number[], n: number): string {
  if (n <= 0) return "";
  if (n >= fines.length) return texto;
  const corte = texto.slice(0, fines[n - 1]).replace(/[\s,;:.\-–—(«"“]+$/u, "");
  return corte ? `${corte}${ELIPSIS}` : "";
}

/**
 * Shortens `texto` at a word boundary so that `cabe(armar(recorte))` holds, keeping as many words
 * as possible (binary search: the length grows with the number of words). Returns undefined
 * when not even `minimo` words fit.
 */
export function recortarHasta(texto: string, cabe: (recorte: string) => boolean, minimo = 1): string | undefined {
  const fines = finesDePalabra(texto);
  if (cabe(texto)) return texto;
  let bajo = minimo;
  let alto = fines.length - 1;
  let mejor: string | undefined;
  while (bajo <= alto) {
    const medio = (bajo + alto) >> 1;
    const candidato = primerasPalabras(texto, fines, medio);
    if (candidato && cabe(candidato)) {
      mejor = candidato;
      bajo = medio + 1;
    } else alto = medio - 1;
  }
  return mejor;
}
