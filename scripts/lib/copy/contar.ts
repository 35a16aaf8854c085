import twitter from "twitter-text";
import type { Institucion } from "../content/schema/institucion.ts";
import { NOMBRE_RED, type Red } from "../content/schema/redes.ts";

/** Fixed limits of each network, in the unit the network counts. */
export const LIMITES = {
  x: 280,
  bluesky: 300,
  blueskyBytes: 3000,
  mastodon: 500,
  facebook: 63_206,
  instagram: 2200,
  instagramHashtags: 30,
  instagramMenciones: 20,
  telegram: 4096,
  telegramLeyenda: 1024,
} as const;

/** Mastodon and X shorten every link to this many characters. */
export const LARGO_URL = 23;

const SOLO_LATINO = /^[\n\x20-\x7e\u00a0-\u024f\u2010-\u2027\u2030-\u205e]*$/;
const segmentador = new Intl.Segmenter("es", { granularity: "grapheme" });
const URL_RE = /https?:\/\/[^\s<>"]+/gi;
const MENCION_REMOTA = /(^|[^\p{L}\p{N}_])@([\p{L}\p{N}_]+)@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;

/** Number of user-perceived characters (grapheme clusters). */
export function graphemes(texto: string): number {
  // Latin text without combining marks, emoji or CR: one grapheme per code unit (fast path).
  if (SOLO_LATINO.test(texto)) return texto.length;
  let n = 0;
  for (const _ of segmentador.segment(texto)) n++;
  return n;
}

/** UTF-8 length in bytes. */
export const bytesUtf8 = (texto: string): number => Buffer.byteLength(texto, "utf8");

/**
 * Character limit of a network for a note. Telegram sends a note with an image as a photo whose
 * caption is limited to 1,024; Mastodon instances may raise their limit (`redes.mastodon.opciones.limite`).
 */
export function limiteDe(red: Red, institucion: Pick<Institucion, "redes">, conImagen = false): number {
  switch (red) {
    case "x":
      return LIMITES.x;
    case "bluesky":
      return LIMITES.bluesky;
    case "mastodon": {
      const valor = Number(institucion.redes.mastodon?.opciones?.limite);
      return Number.isInteger(valor) && valor > 0 ? valor : LIMITES.mastodon;
    }
    case "facebook":
      return LIMITES.facebook;
    case "instagram":
      return LIMITES.instagram;
    case "telegram":
      return conImagen ? LIMITES.telegramLeyenda : LIMITES.telegram;
  }
}

/**
 * Length of a text counted the way the network counts it:
 * X with twitter-text (weighted, links 23); Bluesky in graphemes; Mastodon in graphemes with links
 * as 23 and remote mentions as the local part; the others in UTF-16 code units (never less than
 * what the network counts).
 */
export function contarPara(red: Red, texto: string): number {
  switch (red) {
    case "x":
      return twitter.parseTweet(texto).weightedLength;
    case "bluesky":
      return graphemes(texto);
    case "mastodon":
      return graphemes(texto.replace(URL_RE, "x".repeat(LARGO_URL)).replace(MENCION_REMOTA, "$1@$2"));
    case "facebook":
    case "instagram":
    case "telegram":
      return texto.length;
  }
}

/** Hashtags written in a text ("#SaludPública"). */
export function hashtagsEn(texto: string): string[] {
  return [...texto.matchAll(/(?:^|[^\p{L}\p{N}_&/])(#[\p{L}\p{M}\p{N}_]*[\p{L}\p{M}_][\p{L}\p{M}\p{N}_]*)/gu)].map((m) => m[1]!);
}

/** Mentions written in a text ("@usuario"). */
export function mencionesEn(texto: string): string[] {
  return [...texto.matchAll(/(?:^|[^\p{L}\p{N}_.@])(@[\p{L}\p{N}_.]+)/gu)].map((m) => m[1]!);
}

/** Why a text does not fit a network, in Spanish; undefined when it fits. */
export function motivoNoCabe(red: Red, texto: string, limite: number): string | undefined {
  const longitud = contarPara(red, texto);
  const unidad = red === "x" ? "caracteres (cuenta de X)" : "caracteres";
  if (longitud > limite) return `tiene ${longitud} ${unidad} y el máximo en ${NOMBRE_RED[red]} es ${limite}`;
  if (red === "bluesky") {
    const b = bytesUtf8(texto);
    if (b > LIMITES.blueskyBytes) return `ocupa ${b} bytes y el máximo en Bluesky es ${LIMITES.blueskyBytes}`;
  }
  if (red === "instagram") {
    const h = hashtagsEn(texto).length;
    if (h > LIMITES.instagramHashtags) return `tiene ${h} hashtags y el máximo en Instagram es ${LIMITES.instagramHashtags}`;
    const m = mencionesEn(texto).length;
    if (m > LIMITES.instagramMenciones) return `tiene ${m} menciones y el máximo en Instagram es ${LIMITES.instagramMenciones}`;
  }
  return undefined;
}

/** URLs in a text, with UTF-16 offsets (trailing punctuation excluded). */
export function urlsEn(texto: string): { inicio: number; fin: number; url: string }[] {
  return [...texto.matchAll(URL_RE)].map((m) => {
    const url = m[0].replace(/[.,;:!?)»"'’]+$/u, "");
    return { inicio: m.index, fin: m.index + url.length, url };
  });
}
