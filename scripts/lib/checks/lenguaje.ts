import type { Hallazgo, Revision } from "./tipos.ts";
import type { Segmento } from "./documento.ts";
import { legibilidad, oraciones } from "./silabas.ts";

/** Words of a sentence for its length: runs with a letter or a digit (numbers count as words). */
const contarPalabras = (o: string): number => (o.match(/[\p{L}\p{N}]+(?:[.,'’-][\p{L}\p{N}]+)*/gu) ?? []).length;

export const LIMITES_LENGUAJE = {
  avisoOracion: 20,
  oracionMuyLarga: 30,
  lineasParrafo: 5,
  caracteresPorLinea: 90,
  inflesz: 55,
  palabrasMinimasLegibilidad: 40,
} as const;

/** Acronyms everyone knows, or that are brand names, which need no explanation. */
const SIGLAS_CONOCIDAS = new Set(
  "COVID PDF URL TV OK AM PM FM SMS GPS USB DJ WIFI QR ID HD LED ADN VIH SIDA UCI ONU OEA FIFA UNESCO UNICEF EE UU EEUU NASA TIC TI IA PM2 CO2 S.A.S SAS".split(
    " ",
  ),
);
const ROMANO = /^[IVXLCDM]+$/;
const RE_SIGLA = /(?<![\p{L}\p{N}])(\p{Lu}{2,8})(?:-?\d{1,4})?(?![\p{L}])/gu;
const CONECTORES = new Set(["de", "del", "la", "las", "el", "los", "y", "e", "para", "en", "a", "por", "con"]);

/** "de" + place, with the Spanish contraction: "del resumen", "de un subtítulo". */
const deLugar = (lugar: string) => (lugar.startsWith("el ") ? `del ${lugar.slice(3)}` : `de ${lugar}`);

const sinTildes = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "");

/** Whether the initials of `palabras` contain the letters of `sigla` in order (FUNDACIÓN DE ... → F...). */
function iniciales(sigla: string, palabras: string[]): boolean {
  const letras = sinTildes(sigla);
  const inicialesTodas = palabras.map((p) => sinTildes(p.charAt(0)).toUpperCase()).join("");
  const inicialesContenido = palabras
    .filter((p) => !CONECTORES.has(p.toLowerCase()))
    .map((p) => sinTildes(p.charAt(0)).toUpperCase())
    .join("");
  const subsecuencia = (texto: string) => {
    let i = 0;
    for (const c of texto) if (c === letras[i]) i++;
    return i === letras.length;
  };
  return subsecuencia(inicialesContenido) || subsecuencia(inicialesTodas);
}

/** Whether the acronym at `indice` is spelled out right there: "Expansión Completa (SIGLA)" or "SIGLA (Expansión Completa)". */
function explicada(texto: string, indice: number, sigla: string): boolean {
  const antes = texto.slice(Math.max(0, indice - 200), indice);
  if (/\(\s*$/.test(antes)) {
    const palabras = antes.replace(/\(\s*$/, "").match(/[\p{L}]+/gu) ?? [];
    if (iniciales(sigla, palabras.slice(-Math.max(sigla.length * 2 + 2, 4)))) return true;
  }
  const despues = texto.slice(indice + sigla.length, indice + sigla.length + 200);
  const m = /^\s*(?:\d+)?\s*[(,–—-]\s*([^)]+)/u.exec(despues);
  if (m) {
    const palabras = m[1]!.match(/[\p{L}]+/gu) ?? [];
    if (iniciales(sigla, palabras.slice(0, sigla.length * 2 + 2))) return true;
  }
  return false;
}

function enMayusculas(texto: string, indice: number, largo: number): boolean {
  const entorno = texto.slice(Math.max(0, indice - 25), indice + largo + 25);
  if (/\p{Ll}/u.test(entorno)) return false;
  const letras = entorno.replace(/[^\p{L}]/gu, "");
  return letras.length > largo + 6 && letras === letras.toUpperCase();
}

/**
 * lenguaje/* (DNP, Guía de lenguaje claro): long sentences and paragraphs, acronyms used before
 * being spelled out, and readability (Fernández-Huerta and INFLESZ). Always avisos.
 */
export const revisarLenguaje: Revision = (ctx) => {
  const { nota, doc } = ctx;
  const hallazgos: Hallazgo[] = [];
  const aviso = (
    s: Segmento,
    indice: number,
    regla: `lenguaje/${string}`,
    mensaje: string,
    arreglo: string,
    fragmento?: string,
  ) => hallazgos.push({ archivo: nota.archivo, ...s.ubicar(indice, fragmento), regla, severidad: "aviso", mensaje, arreglo });

  const resumen = doc.segmentoCampo(["resumen"], nota.datos.resumen, "resumen", "el resumen");
  const prosa = [resumen, ...doc.bloques.filter((b) => b.origen === "cuerpo" && b.nodo?.type !== "code")];

  // Sentences and paragraphs.
  for (const s of prosa) {
    let desde = 0;
    for (const o of oraciones(s.texto)) {
      const n = contarPalabras(o);
      const inicio = Math.max(0, s.texto.indexOf(o.slice(0, 30), desde));
      desde = inicio;
      if (n > LIMITES_LENGUAJE.oracionMuyLarga)
        aviso(
          s,
          inicio,
          "lenguaje/oracion-muy-larga",
          `una oración ${deLugar(s.lugar)} tiene ${n} palabras (más de ${LIMITES_LENGUAJE.oracionMuyLarga}): «${o.slice(0, 60)}…»`,
          "divídala en dos o tres oraciones cortas, con una idea cada una",
          o.slice(0, 30),
        );
      else if (n > LIMITES_LENGUAJE.avisoOracion)
        aviso(
          s,
          inicio,
          "lenguaje/oracion-larga",
          `una oración ${deLugar(s.lugar)} tiene ${n} palabras (se recomiendan ${LIMITES_LENGUAJE.avisoOracion} o menos): «${o.slice(0, 60)}…»`,
          "considere dividirla; las oraciones cortas se entienden a la primera lectura",
          o.slice(0, 30),
        );
    }
    if (s.nodo?.type === "paragraph") {
      const fuente = (s.nodo.position?.end.line ?? 0) - (s.nodo.position?.start.line ?? 0) + 1;
      const estimadas = Math.ceil(s.texto.length / LIMITES_LENGUAJE.caracteresPorLinea);
      const lineas = Math.max(fuente, estimadas);
      if (lineas > LIMITES_LENGUAJE.lineasParrafo)
        aviso(
          s,
          0,
          "lenguaje/parrafo-largo",
          `un párrafo ocupa unas ${lineas} líneas (${s.texto.length} caracteres); el máximo recomendado es ${LIMITES_LENGUAJE.lineasParrafo}`,
          "divídalo en párrafos de una sola idea, de cinco líneas o menos",
        );
    }
  }

  // Acronyms, in reading order (summary, body); the title is checked at the end.
  const explicadas = new Set<string>();
  const reportadas = new Set<string>();
  const titulo = doc.segmentoCampo(["titulo"], nota.datos.titulo, "titulo", "el título");
  const conSiglas = [...prosa, ...doc.bloques.filter((b) => b.origen === "titulo-seccion")];
  const pendientes: { s: Segmento; indice: number; sigla: string }[] = [];
  for (const s of [...conSiglas, titulo]) {
    for (const m of s.texto.matchAll(RE_SIGLA)) {
      const sigla = m[1]!;
      if (SIGLAS_CONOCIDAS.has(sigla) || ROMANO.test(sigla) || enMayusculas(s.texto, m.index, m[0].length)) continue;
      if (explicada(s.texto, m.index, sigla)) explicadas.add(sigla);
      else if (!explicadas.has(sigla)) pendientes.push({ s, indice: m.index, sigla });
    }
  }
  for (const p of pendientes) {
    if (reportadas.has(p.sigla)) continue;
    // The title may use an acronym the text explains.
    if (p.s === titulo && explicadas.has(p.sigla)) continue;
    reportadas.add(p.sigla);
    aviso(
      p.s,
      p.indice,
      "lenguaje/sigla-sin-explicar",
      `la sigla «${p.sigla}» se usa en ${p.s.lugar} antes de explicar qué significa`,
      `escriba el nombre completo la primera vez, seguido de la sigla entre paréntesis: «Nombre Completo (${p.sigla})»`,
      p.sigla,
    );
  }

  // Readability of the summary and body together.
  const texto = prosa.map((s) => s.texto).join("\n\n");
  const l = legibilidad(texto);
  if (l && l.palabras >= LIMITES_LENGUAJE.palabrasMinimasLegibilidad && l.inflesz < LIMITES_LENGUAJE.inflesz) {
    hallazgos.push({
      archivo: nota.archivo,
      linea: nota.lineaCuerpo,
      columna: 1,
      regla: "lenguaje/legibilidad",
      severidad: "aviso",
      mensaje: `la nota es difícil de leer: INFLESZ ${l.inflesz.toFixed(1)} («${l.escalaInflesz}»; se espera 55 o más), Fernández-Huerta ${l.fernandezHuerta.toFixed(1)} («${l.escalaFernandezHuerta}»); ${l.palabras} palabras, ${(l.silabas / l.palabras).toFixed(2)} sílabas por palabra, ${(l.palabras / l.oraciones).toFixed(1)} palabras por oración`,
      arreglo: "use oraciones más cortas y palabras de uso común (menos sílabas); explique los términos técnicos",
    });
  }
  return hallazgos;
};
