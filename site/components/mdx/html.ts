/**
 * The HTML of each component notes may use. The notes loader writes it into each note's HTML
 * when the note is rendered (no Astro component runs at that point); the .astro components
 * beside this file render the same function, for MDX pages of the site.
 */

const texto = (t: string): string =>
  t.replace(/[&<>'"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "'": "&#39;", '"': "&quot;" })[c]!);
const atributo = (t: string): string => t.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

/**
 * A YouTube video shown as a link, so that no request leaves the site and no third-party script
 * runs until the citizen chooses to open the video. Nothing for an id that is not a video id.
 */
export function htmlYouTube({ id, titulo }: { id: string; titulo: string }): string {
  if (!/^[A-Za-z0-9_-]{11}$/.test(id)) return "";
  return `<p class="video"> <a href="${atributo(`https://www.youtube.com/watch?v=${id}`)}">Ver en YouTube el video: ${texto(titulo)}</a> </p>`;
}

/** Component name (as written in a note) → its HTML. The names are the allowlist's (checks/seguridad.ts). */
export const componentesHtml: Record<string, (props: Record<string, string>) => string> = {
  YouTube: (p) => htmlYouTube({ id: p.id ?? "", titulo: p.titulo ?? "" }),
};
