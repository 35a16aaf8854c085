/**
 * Spanish syllable counting for readability formulas (orthographic syllables, RAE rules):
 * a diphthong or triphthong is one syllable (weak vowel i/u next to a strong one, or i+u),
 * two strong vowels are a hiatus, an accented í/ú breaks the diphthong (día, país, reúne),
 * "u" in "que/qui/gue/gui" is silent (but "ü" is pronounced), and "y" is a vowel at the end
 * of a word (muy, rey) or on its own.
 */

const FUERTES = new Set(["a", "e", "o", "á", "é", "ó"]);
const DEBILES = new Set(["i", "u", "ü"]);
const DEBILES_TILDE = new Set(["í", "ú"]);

const esVocal = (c: string) => FUERTES.has(c) || DEBILES.has(c) || DEBILES_TILDE.has(c);

/** Number of syllables of one Spanish word (letters only; other characters are ignored). */
export function silabas(palabra: string): number {
  let p = palabra
    .toLocaleLowerCase("es")
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
      const hiato =
        DEBILES_TILDE.has(c) ||
        DEBILES_TILDE.has(previa) ||
        (FUERTES.has(c) && fuerteEnNucleo) ||
        (DEBILES.has(c) && DEBILES.has(previa) && c === previa);
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

/** Sentences: split at . ! ? … ; and line breaks between paragraphs, ignoring abbreviations and numbers. */
export function oraciones(texto: string): string[] {
  const protegido = texto
    // Decimal and thousands separators: 3.000, 4,5.
    .replace(/(\d)[.,](\d)/g, "$1\u0000$2")
    // Common abbreviations that end with a period.
    .replace(
      /\b(Sr|Sra|Srta|Dr|Dra|Ing|Lic|Av|Cra|Cl|Cll|Dg|Tv|No|Nro|Núm|art|Art|núm|pág|etc|aprox|Ud|Uds|p|a|m|C|T|I|E|S|A|Mg|Esp|Ph|Cía|Ltda|Gral|Cnel|Sto|Sta)\.(?=\s*[\p{Ll}\d(])/gu,
      "$1\u0000",
    );
  return protegido
    .split(/(?<=[.!?…;])\s+(?=[¿¡«"“(\p{Lu}\d])|\n{2,}|(?<=[.!?…])$/u)
    .map((o) => o.replace(/\u0000/g, ".").trim())
    .filter((o) => palabras(o).length > 0);
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
