/**
 * Turns a note tag into a hashtag: words joined in CamelCase, accents kept, spaces and hyphens
 * removed ("salud pública" → "#SaludPública", "covid-19" → "#Covid19"). Tags with no letter
 * cannot be hashtags on most networks and give undefined.
 */
export function hashtagDe(etiqueta: string): string | undefined {
  const palabras = etiqueta
    .normalize("NFC")
    .split(/[\s\-_]+/u)
    .map((p) => p.replace(/[^\p{L}\p{M}\p{N}]/gu, ""))
    .filter(Boolean);
  const cuerpo = palabras.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join("");
  if (!cuerpo || !/\p{L}/u.test(cuerpo)) return undefined;
  return `#${cuerpo}`;
}

/** Hashtags of a note's tags, without repetitions, in tag order. */
export function hashtagsDe(etiquetas: readonly string[]): string[] {
  const vistos = new Set<string>();
  const salida: string[] = [];
  for (const e of etiquetas) {
    const h = hashtagDe(e);
    if (!h || vistos.has(h.toLowerCase())) continue;
    vistos.add(h.toLowerCase());
    salida.push(h);
  }
  return salida;
}
