/**
 * Spanish syllable counting for readability formulas (orthographic syllables, RAE rules):
 * a diphthong or triphthong is one syllable (weak vowel i/u next to a strong one, or i+u),
 * two strong vowels are a hiatus, an accented í/ú next to a strong vowel breaks the diphthong
 * (día, país, reúne) but two weak vowels stay together (construí, lingüística),
 * "u" in "que/qui/gue/gui" is silent (but "ü" is pronounced), and "y" is a vowel at the end
 * of a word (muy, rey) or on its own.
 */

const FUERTES = new Set(["a", "e", "o", "á", "é", "ó"]);
const DEBILES = new Set(["i", "u", "ü"]);
const DEBILES_TILDE = new Set(["í", "ú"]);

const sinTilde = (c: string) => (c === "í" ? "i" : c === "ú" || c === "ü" ? "u" : c);
const esVocal = (c: string) => FUERTES.has(c) || DEBILES.has(c) || DEBILES_TILDE.has(c);

const memoria = new Map<string, number>();

/** Number of syllables of one Spanish word (letters only; other characters are ignored). Memoized. */
export function silabas(palabra: string): number {
  let n = memoria.get(palabra);
  if (n === undefined) {
    n = contarSilabas(palabra);
    if (memoria.size > 200_000) memoria.clear();
    memoria.set(palabra, n);
  }
  return n;
}

function contarSilabas(palabra: string): number {
  let p = palabra
    .toLowerCase()
    .normalize("NFC")
    .replace(/[^a-záéíóúüñ]/g, "");
  if (!p) return 0;
  // Silent u: que, qui, gue, gui.
  p = p.replace(/([qg])u([eiéí])/g, "$1$2");
  // "y" as a vowel: the word "y", or at the end of a word after a vowel (hoy, muy, Paraguay).
  if (p === "y") return 1;
  p = p.replace(/y$/, "i").replace(/y(?=[^aeiouáéíóúü]|$)/g, "i");
  let cuenta = 0;
  let fuerteEnNucleo = false;
  let previa: string | undefined;
  for (const c of p) {
    if (!esVocal(c)) {
      previa = undefined;
      continue;
    }
    if (previa === undefined) {
      cuenta++;
      fuerteEnNucleo = FUERTES.has(c);
    } else {
      const fuerteActual = FUERTES.has(c);
      const fuertePrevia = FUERTES.has(previa);
      // Two weak vowels are one diphthong even with an accent (construí, lingüística), except a
      // repeated one (chiita); an accented weak vowel next to a strong one is a hiatus (día, país).
      const hiato =
        (fuerteActual && fuerteEnNucleo) ||
        (DEBILES_TILDE.has(c) && fuertePrevia) ||
        (DEBILES_TILDE.has(previa) && fuerteActual) ||
        (!fuerteActual && !fuertePrevia && sinTilde(c) === sinTilde(previa));
      if (hiato) {
        cuenta++;
        fuerteEnNucleo = FUERTES.has(c) || DEBILES_TILDE.has(c);
      } else if (FUERTES.has(c)) fuerteEnNucleo = true;
    }
    previa = c;
  }
  return Math.max(cuenta, 1);
}

/** Words of a text for readability: runs of letters (numbers and symbols are not words). */
export function palabras(texto: string): string[] {
  return texto.match(/[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu) ?? [];
}

const ABREVIATURAS = new Set(
  "sr sra srta dr dra ing lic av cra cl cll dg tv no nro núm art pág etc aprox ud uds p a m c t i e s mg esp ph cía ltda gral cnel sto sta".split(
    " ",
  ),
);
const FIN_ORACION = new Set([".", "!", "?", "…", ";"]);
const ABRE_ORACION = /[¿¡«"“(\p{Lu}\d]/u;

/**
 * Sentences: split at . ! ? … ; followed by a space and a capital, digit or opening sign, and at
 * blank lines; abbreviations (Sr., Cra., a. m.) and numbers (3.000, 4,5) do not split.
 */
export function oraciones(texto: string): string[] {
  const salida: string[] = [];
  let inicio = 0;
  const cortar = (fin: number) => {
    const o = texto.slice(inicio, fin).trim();
    if (o && /[\p{L}]/u.test(o)) salida.push(o);
  };
  for (let i = 0; i < texto.length; i++) {
    const c = texto[i]!;
    if (c === "\n" && texto[i + 1] === "\n") {
      cortar(i);
      inicio = i + 1;
      continue;
    }
    if (!FIN_ORACION.has(c)) continue;
    let j = i + 1;
    while (j < texto.length && (texto[j] === " " || texto[j] === "\n" || texto[j] === "\t")) j++;
    if (j === i + 1 && j < texto.length) continue;
    const siguiente = texto[j];
    if (siguiente !== undefined && !ABRE_ORACION.test(siguiente)) continue;
    if (c === ".") {
      let k = i - 1;
      while (k >= 0 && /[\p{L}]/u.test(texto[k]!)) k--;
      const previa = texto.slice(k + 1, i).toLowerCase();
      // "a. m." before a lowercase or digit never gets here; before a capital it ends the sentence
      // unless the word is a title or street abbreviation.
      if (
        previa &&
        ABREVIATURAS.has(previa) &&
        !["m", "p", "a"].includes(previa) &&
        siguiente !== undefined &&
        /\p{Lu}|\d/u.test(siguiente)
      )
        continue;
    }
    cortar(i + 1);
    inicio = i + 1;
  }
  cortar(texto.length);
  return salida;
}

export interface Legibilidad {
  palabras: number;
  silabas: number;
  oraciones: number;
  /** Fernández-Huerta: 206.84 − 0.60·(syllables per 100 words) − 1.02·(sentences per 100 words). */
  fernandezHuerta: number;
  /** INFLESZ / Szigriszt-Pazos perspicuity: 206.835 − 62.3·(syllables/words) − (words/sentences). */
  inflesz: number;
  escalaFernandezHuerta: string;
  escalaInflesz: string;
}

/** Scale words of the Fernández-Huerta index. */
export function escalaFernandezHuerta(v: number): string {
  if (v < 30) return "muy difícil";
  if (v < 50) return "difícil";
  if (v < 60) return "bastante difícil";
  if (v < 70) return "normal";
  if (v < 80) return "bastante fácil";
  if (v < 90) return "fácil";
  return "muy fácil";
}

/** Scale words of the INFLESZ scale (Barrio-Cantalejo, 2008). */
export function escalaInflesz(v: number): string {
  if (v < 40) return "muy difícil";
  if (v < 55) return "algo difícil";
  if (v < 65) return "normal";
  if (v < 80) return "bastante fácil";
  return "muy fácil";
}

/** Readability of a Spanish text, or undefined when it has no words. */
export function legibilidad(texto: string): Legibilidad | undefined {
  const ps = palabras(texto);
  if (!ps.length) return undefined;
  const n = ps.length;
  const s = ps.reduce((t, p) => t + silabas(p), 0);
  const f = Math.max(1, oraciones(texto).length);
  const fernandezHuerta = 206.84 - 0.6 * ((s / n) * 100) - 1.02 * ((f / n) * 100);
  const inflesz = 206.835 - 62.3 * (s / n) - n / f;
  return {
    palabras: n,
    silabas: s,
    oraciones: f,
    fernandezHuerta,
    inflesz,
    escalaFernandezHuerta: escalaFernandezHuerta(fernandezHuerta),
    escalaInflesz: escalaInflesz(inflesz),
  };
}
