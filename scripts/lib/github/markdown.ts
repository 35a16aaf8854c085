/**
 * Small helpers to put untrusted text safely into GitHub-flavoured Markdown.
 *
 * Untrusted text (titles, URLs, alt texts, findings: everything that comes from a pull request)
 * must render as plain text: no link, no image, no autolink, no mention, no issue reference, no
 * HTML. CommonMark lets any ASCII punctuation be backslash-escaped
 * (https://spec.commonmark.org/0.31.2/#backslash-escapes), which stops `[x](y)`, `![x](y)`,
 * emphasis and tables. GitHub's mentions, `#123` references and bare-URL autolinks are found in
 * the text after Markdown parsing, so a backslash does not stop them: a zero-width space after
 * `@`, after `#` before a digit and inside `://` / `www.` does (the same technique Renovate uses
 * for its pull-request bodies).
 */

/** A fenced code block whose fence is longer than any backtick run inside the text. */
export function bloque(texto: string, lenguaje = "text"): string {
  const maximo = Math.max(2, ...[...texto.matchAll(/`+/g)].map((m) => m[0].length));
  const valla = "`".repeat(maximo + 1);
  return `${valla}${lenguaje}\n${texto}\n${valla}`;
}

/** Neutralizes HTML (and hidden comments that could fake our markers) in untrusted text. */
export function escaparHtml(texto: string): string {
  return texto.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * The punctuation that can open a link, an image, emphasis, strikethrough, code, a table cell or
 * an escape inside a line (line breaks are removed, so line-start syntax such as `#`, `-` or `>`
 * cannot arise). `<`, `>` and `&` become entities instead.
 */
const PUNTUACION_MARKDOWN = /[\\`*_[\]()!|~:]/g;

const ESPACIO_CERO = "&#8203;";

/**
 * Untrusted text as inert inline Markdown: no link, image, mention, reference, autolink,
 * emphasis or HTML can form from it. Line breaks become spaces.
 */
export function textoPlano(valor: string): string {
  return escaparHtml(valor.replace(/\r?\n/g, " ").replace(PUNTUACION_MARKDOWN, "\\$&"))
    .replace(/#(?=\d)/g, `#${ESPACIO_CERO}`)
    .replace(/@/g, `@${ESPACIO_CERO}`)
    .replace(/:\/\//g, `:${ESPACIO_CERO}//`)
    .replace(/(w)(ww\.)/gi, `$1${ESPACIO_CERO}$2`);
}

/** Text for a table cell: the same as `textoPlano` (pipes are escaped with the rest). */
export const celda = textoPlano;

/** Untrusted text inside an inline code span: a fence longer than any backtick run, no line breaks. */
export function codigo(valor: string): string {
  const plano = valor.replace(/\r?\n/g, " ");
  const maximo = Math.max(0, ...[...plano.matchAll(/`+/g)].map((m) => m[0].length));
  const valla = "`".repeat(maximo + 1);
  const relleno = plano.startsWith("`") || plano.endsWith("`") ? " " : "";
  return `${valla}${relleno}${plano}${relleno}${valla}`;
}
