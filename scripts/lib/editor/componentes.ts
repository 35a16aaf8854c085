import { COMPONENTES_PERMITIDOS } from "../checks/seguridad.ts";
import { MENSAJES_EDITOR } from "./textos.ts";

const PATRON_ID = COMPONENTES_PERMITIDOS.YouTube!.props.id!.patron!;

/** Attribute text of an MDX string literal: quotes and braces cannot break out of it. */
const atributo = (texto: string) =>
  texto
    .replace(/["{}<>]/g, "")
    .replace(/\s+/g, " ")
    .trim();
const html = (texto: string) => texto.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

/**
 * The YouTube embed (site/components/mdx/YouTube.astro) as a block of the body editor
 * (https://decapcms.org/docs/custom-widgets/#registereditorcomponent). It writes
 * `<YouTube id="..." titulo="..." />`, the only form the seguridad rules allow.
 */
export const componenteYouTube = {
  id: "youtube",
  label: MENSAJES_EDITOR.video,
  fields: [
    {
      name: "id",
      label: MENSAJES_EDITOR.videoId,
      widget: "string",
      pattern: [PATRON_ID.source, "Debe ser el identificador de 11 caracteres del video (letras, números, - o _)."],
    },
    { name: "titulo", label: MENSAJES_EDITOR.videoTitulo, widget: "string" },
  ],
  // Decap matches the pattern against one block of the body, without flags (it refuses "m").
  pattern: /^<YouTube id="([A-Za-z0-9_-]{11})" titulo="([^"]*)" \/>$/,
  fromBlock: (m: RegExpMatchArray) => ({ id: m[1], titulo: m[2] }),
  toBlock: (d: { id?: string; titulo?: string }) =>
    `<YouTube id="${atributo(d.id ?? "")}" titulo="${atributo(d.titulo ?? "")}" />`,
  toPreview: (d: { id?: string; titulo?: string }) =>
    `<p class="video"><a href="https://www.youtube.com/watch?v=${html(d.id ?? "")}">Ver en YouTube el video: ${html(d.titulo ?? "")}</a></p>`,
};
