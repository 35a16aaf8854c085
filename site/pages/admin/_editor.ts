/**
 * Browser side of /admin/: registers on Decap CMS what the site needs and starts it.
 * APIs: https://decapcms.org/docs/manual-initialization/, /docs/custom-formatters/,
 * /docs/custom-widgets/#registereditorcomponent, /docs/customization/#registerpreviewstyle,
 * /docs/registering-events/.
 */
import fuenteTitulos from "@fontsource/montserrat/latin-700.css?inline";
import fuenteTexto from "@fontsource/work-sans/latin-400.css?inline";
import fuenteTextoFuerte from "@fontsource/work-sans/latin-600.css?inline";
import estilos from "../../styles/global.css?inline";
import { FORMATO_NOTA } from "../../../scripts/lib/editor/configuracion.ts";
import { archivoDeFormulario, formularioDeArchivo, problemasDeFormulario } from "../../../scripts/lib/editor/formato.ts";
import { MENSAJES_EDITOR } from "../../../scripts/lib/editor/textos.ts";
import { componenteYouTube } from "../../../scripts/lib/editor/componentes.ts";
import type { Institucion } from "../../../scripts/lib/content/schema/institucion.ts";
import DecapCMS from "decap-cms-app";

interface MapaInmutable {
  get(clave: string): MapaInmutable & { toJS(): Record<string, unknown> };
}
interface Decap {
  init(opciones: { config: unknown }): void;
  registerCustomFormat(
    nombre: string,
    extension: string,
    formato: { fromFile(texto: string): unknown; toFile(datos: Record<string, unknown>): string },
  ): void;
  registerPreviewStyle(estilo: string, opciones?: { raw: boolean }): void;
  registerEditorComponent(componente: unknown): void;
  registerEventListener(evento: { name: string; handler(datos: { entry: MapaInmutable }): unknown }): void;
}

// Decap's ES modules from the npm package, bundled with the site's own React by Vite: served by the site, no CDN.
const CMS = DecapCMS as unknown as Decap;
const { config, institucion } = JSON.parse(document.getElementById("datos-editor")!.textContent) as {
  config: unknown;
  institucion: Institucion;
};

// Note files are read and written exactly like `prensa nueva` writes them.
CMS.registerCustomFormat(FORMATO_NOTA, "mdx", {
  fromFile: formularioDeArchivo,
  toFile: (datos) => archivoDeFormulario(datos),
});
// The preview uses the site's own styles and fonts.
for (const css of [fuenteTitulos, fuenteTexto, fuenteTextoFuerte, estilos]) CMS.registerPreviewStyle(css, { raw: true });
CMS.registerEditorComponent(componenteYouTube);
// Last gate before saving: the note schema and the seguridad rules of `prensa validar`.
CMS.registerEventListener({
  name: "preSave",
  handler: ({ entry }) => {
    const problemas = problemasDeFormulario(institucion, entry.get("data").toJS());
    if (problemas.length) throw new Error(`${MENSAJES_EDITOR.noGuardada} ${problemas.join(" · ")}`);
    return undefined;
  },
});
// Decap wants an absolute URL for the local backend; the page gives a path on this same origin.
const local = (config as { local_backend?: { url: string } }).local_backend;
if (local) local.url = new URL(local.url, location.origin).href;
CMS.init({ config });
