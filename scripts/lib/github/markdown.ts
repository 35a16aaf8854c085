/** Small helpers to put untrusted text safely into GitHub-flavoured Markdown. */

/** A fenced code block whose fence is longer than any backtick run inside the text. */
export function bloque(texto: string, lenguaje = "text"): string {
  const maximo = Math.max(2, ...[...texto.matchAll(/`+/g)].map((m) => m[0].length));
  const valla = "`".repeat(maximo + 1);
  return `${valla}${lenguaje}\n${texto}\n${valla}`;
}

/** Text for a table cell: no line breaks, pipes escaped, HTML neutralized. */
export function celda(texto: string): string {
  return escaparHtml(texto).replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

/** Neutralizes HTML (and hidden comments that could fake our markers) in untrusted text. */
export function escaparHtml(texto: string): string {
  return texto.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
