import type { Institucion } from "../content/schema/institucion.ts";
import type { Red } from "../content/schema/redes.ts";
import type { Nota } from "../content/notas.ts";
import { bytesUtf8, contarPara, hashtagsEn, limiteDe, LIMITES, motivoNoCabe, urlsEn } from "./contar.ts";
import { hashtagsDe } from "./hashtags.ts";
import { recortarHasta } from "./recortar.ts";

export { contarPara, limiteDe, graphemes, bytesUtf8, LIMITES, LARGO_URL, hashtagsEn, mencionesEn, urlsEn } from "./contar.ts";
export { hashtagDe, hashtagsDe } from "./hashtags.ts";

/** Where the note link sits in the text: UTF-16 offsets (JavaScript strings) and UTF-8 bytes (Bluesky facets). */
export interface EnlaceTexto {
  /** UTF-16 offset where the URL starts (String.prototype.slice). */
  inicio: number;
  /** UTF-16 offset where the URL ends (exclusive). */
  fin: number;
  /** UTF-8 byte offset where the URL starts (Bluesky facet `index.byteStart`). */
  byteStart: number;
  /** UTF-8 byte offset where the URL ends, exclusive (Bluesky facet `index.byteEnd`). */
  byteEnd: number;
  url: string;
}

/** The text that goes to one network for one note. */
export interface TextoRed {
  red: Red;
  texto: string;
  /** True when the editor wrote it in `canales`; such a text is never shortened. */
  propio: boolean;
  /** Length counted the network's way (see contarPara). */
  longitud: number;
  /** The network's limit for this note (Telegram: 1,024 when it goes as a photo caption). */
  limite: number;
  /** Whether it can be posted as is (length, and for Bluesky bytes, for Instagram hashtags and mentions). */
  cabe: boolean;
  /** Why it does not fit, in Spanish (only when cabe is false). */
  motivo?: string;
  /** The note link inside the text (absent on Instagram, where links are not clickable). */
  enlace?: EnlaceTexto;
  /** Hashtags present in the text, with "#". */
  hashtags: string[];
}

type NotaParaTexto = Pick<Nota, "datos" | "url">;

/** Public URL of a note on the site. */
export const urlDeNota = (nota: Pick<Nota, "url">, institucion: Pick<Institucion, "sitio">): string =>
  `${institucion.sitio}${nota.url}`;

/** Instagram has no clickable links in captions: the post points to the profile link instead. */
export function lineaInstagram(institucion: Pick<Institucion, "redes">): string {
  const usuario = institucion.redes.instagram?.usuario;
  return usuario
    ? `Lea la nota completa en el enlace de la biografía (${usuario.startsWith("@") ? usuario : `@${usuario}`}).`
    : "Lea la nota completa en el enlace de la biografía.";
}

function enlaceEn(texto: string, preferida: string): EnlaceTexto | undefined {
  const urls = urlsEn(texto);
  const u = urls.find((x) => x.url === preferida) ?? urls[0];
  if (!u) return undefined;
  return {
    inicio: u.inicio,
    fin: u.fin,
    byteStart: bytesUtf8(texto.slice(0, u.inicio)),
    byteEnd: bytesUtf8(texto.slice(0, u.fin)),
    url: u.url,
  };
}

function resultado(red: Red, texto: string, propio: boolean, limite: number, url: string): TextoRed {
  const motivo = motivoNoCabe(red, texto, limite);
  return {
    red,
    texto,
    propio,
    longitud: contarPara(red, texto),
    limite,
    cabe: !motivo,
    ...(motivo ? { motivo } : {}),
    ...(red === "instagram" ? {} : { enlace: enlaceEn(texto, url) }),
    hashtags: hashtagsEn(texto),
  };
}

const unir = (partes: (string | undefined)[]): string => partes.filter((p) => p && p.trim()).join("\n\n");

/**
 * Fits a text made of a fixed part (link) and shortenable parts, in order of sacrifice:
 * hashtags go first (one by one from the end), then the summary is shortened at a word boundary,
 * then dropped, then the title is shortened. The link is never cut.
 */
function ajustar(red: Red, limite: number, titulo: string, resumen: string, enlace: string, hashtags: string[]): string {
  const cabe = (t: string) => !motivoNoCabe(red, t, limite);
  const armar = (ti: string, re: string, tags: string[]) => unir([ti, re, enlace, tags.join(" ")]);
  const completo = armar(titulo, resumen, hashtags);
  if (cabe(completo)) return completo;
  // Keep hashtags while at least a useful part of the summary (8 words) still fits.
  for (let n = hashtags.length; n >= 0; n--) {
    const tags = hashtags.slice(0, n);
    if (cabe(armar(titulo, resumen, tags))) return armar(titulo, resumen, tags);
    const minimo = n === 0 ? 1 : 8;
    const re = recortarHasta(resumen, (r) => cabe(armar(titulo, r, tags)), minimo);
    if (re) return armar(titulo, re, tags);
  }
  if (cabe(armar(titulo, "", []))) return armar(titulo, "", []);
  const ti = recortarHasta(titulo, (t) => cabe(armar(t, "", [])));
  return armar(ti ?? "", "", []);
}

/**
 * The text a note sends to a network: the editor's own text from `canales` when there is one
 * (never shortened; `cabe: false` when it is too long), else derived from título, resumen, the
 * note URL and hashtags from etiquetas, shortened at a word boundary with "…" to fit.
 */
export function textoParaRed(nota: NotaParaTexto, red: Red, institucion: Institucion): TextoRed {
  const limite = limiteDe(red, institucion, Boolean(nota.datos.imagen));
  const url = urlDeNota(nota, institucion);
  const propio = nota.datos.canales.find((c) => c.red === red)?.texto;
  if (propio !== undefined) return resultado(red, propio, true, limite, url);
  const hashtags = hashtagsDe(nota.datos.etiquetas).slice(0, LIMITES.instagramHashtags);
  const enlace = red === "instagram" ? lineaInstagram(institucion) : url;
  const texto = ajustar(red, limite, nota.datos.titulo.trim(), nota.datos.resumen.trim(), enlace, hashtags);
  return resultado(red, texto, false, limite, url);
}

/**
 * The correction notice for a network: "Fe de erratas: <last correction> <url>", shortened at a
 * word boundary to fit. Without corrections it says the note was updated.
 */
export function textoErrata(nota: NotaParaTexto, red: Red, institucion: Institucion): TextoRed {
  const limite = limiteDe(red, institucion, false);
  const url = urlDeNota(nota, institucion);
  const ultima = nota.datos.correcciones.at(-1)?.descripcion.trim() ?? `se actualizó la nota «${nota.datos.titulo.trim()}».`;
  const enlace = red === "instagram" ? lineaInstagram(institucion) : url;
  const cabe = (d: string) => !motivoNoCabe(red, `Fe de erratas: ${d} ${enlace}`, limite);
  const descripcion = recortarHasta(ultima, cabe) ?? "";
  const texto = descripcion ? `Fe de erratas: ${descripcion} ${enlace}` : `Fe de erratas: ${enlace}`;
  return resultado(red, texto, false, limite, url);
}
