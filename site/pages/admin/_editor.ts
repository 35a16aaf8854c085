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
import {
  archivoDeFormulario,
  carpetaDeFormulario,
  formularioDeArchivo,
  problemasDeFormulario,
} from "../../../scripts/lib/editor/formato.ts";
import { MENSAJES_EDITOR, mezclarFrases, TRADUCCIONES_DECAP } from "../../../scripts/lib/editor/textos.ts";
import { componenteYouTube } from "../../../scripts/lib/editor/componentes.ts";
import type { Institucion } from "../../../scripts/lib/content/schema/institucion.ts";
import DecapCMS from "decap-cms-app";

interface MapaInmutable {
  get(clave: string): MapaInmutable;
  set(clave: string, valor: unknown): MapaInmutable;
  toJS(): Record<string, unknown>;
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
  registerLocale(idioma: string, frases: Record<string, unknown>): void;
  getLocale(idioma: string): Record<string, unknown>;
  registerEventListener(evento: { name: string; handler(datos: { entry: MapaInmutable }): MapaInmutable | undefined }): void;
}

// Decap's ES modules from the npm package, bundled with the site's own React by Vite: served by the site, no CDN.
const CMS = DecapCMS as unknown as Decap;
const { config, institucion } = JSON.parse(document.getElementById("datos-editor")!.textContent) as {
  config: unknown;
  institucion: Institucion;
};

// Decap's Spanish plus the phrases it lacks, so no button or message shows in English.
CMS.registerLocale("es", mezclarFrases(CMS.getLocale("es"), TRADUCCIONES_DECAP));
// Note files are read and written exactly like `prensa nueva` writes them.
CMS.registerCustomFormat(FORMATO_NOTA, "mdx", {
  fromFile: formularioDeArchivo,
  toFile: (datos) => archivoDeFormulario(datos),
});
// The preview uses the site's own styles and fonts.
for (const css of [fuenteTitulos, fuenteTexto, fuenteTextoFuerte, estilos]) CMS.registerPreviewStyle(css, { raw: true });
CMS.registerEditorComponent(componenteYouTube);
// Last gate before saving: the note schema and the seguridad rules of `prensa validar`. Then the
// folder AAAA/MM (Bogotá month of `publicar`) for the collection's `path`: Decap compiles the path
// after this event, from the data the handler returns (decap-cms-core backend.ts persistEntry).
CMS.registerEventListener({
  name: "preSave",
  handler: ({ entry }) => {
    const datos = entry.get("data");
    const problemas = problemasDeFormulario(institucion, datos.toJS());
    if (problemas.length) throw new Error(`${MENSAJES_EDITOR.noGuardada} ${problemas.join(" · ")}`);
    let conCarpeta = datos;
    for (const [clave, valor] of Object.entries(carpetaDeFormulario(datos.toJS()) ?? {}))
      conCarpeta = conCarpeta.set(clave, valor);
    return conCarpeta;
  },
});
// When the form has errors Decap shows them and its save action rejects with no reason
// (`return Promise.reject()` in decap-cms-core/src/actions/entries.ts and editorialWorkflow.ts),
// which its Editor does not catch: the browser would log "Uncaught (in promise) undefined" on each
// refused save. Only that bare rejection is silenced; any real error still reaches the console.
addEventListener("unhandledrejection", (evento) => {
  if (evento.reason === undefined) evento.preventDefault();
});
// In `prensa editor` the dev server reloads every open page when content/ changes, and
// decap-server changes it on each save (it checks out the note's branch, commits and comes back):
// the reload would drop the editor's state in the middle of saving. This page never takes those
// reloads: Vite's client awaits the "vite:beforeFullReload" listeners before reloading
// (https://vite.dev/guide/api-hmr#hot-on-event-cb). Absent from the built site.
// eslint-disable-next-line @typescript-eslint/no-misused-promises -- the pending promise is what holds the reload
import.meta.hot?.on("vite:beforeFullReload", () => new Promise<never>(() => undefined));
// Decap wants an absolute URL for the local backend; the page gives a path on this same origin.
const local = (config as { local_backend?: { url: string } }).local_backend;
if (local) local.url = new URL(local.url, location.origin).href;
CMS.init({ config });
