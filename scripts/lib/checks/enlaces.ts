import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Nodes, Parent } from "mdast";
import type { Hallazgo, Revision, SitioConocido } from "./tipos.ts";
import type { Institucion } from "../content/schema/institucion.ts";

/** Routes every Convergente site has, used when site/pages is not in the repository being checked. */
const RUTAS_BASE = [
  "/",
  "/noticias/",
  "/buscar/",
  "/rss.xml",
  "/accesibilidad/",
  "/mapa-del-sitio/",
  "/dependencias/",
  "/etiquetas/",
];

/** Turns an Astro page file (relative to site/pages) into an exact path or a pattern. */
export function rutaDePagina(relativo: string): string | RegExp | undefined {
  const sinExt = relativo
    .replace(/\\/g, "/")
    .replace(/\.(astro|md|mdx|html)$/, "")
    .replace(/\.(ts|js)$/, "");
  if (sinExt === relativo.replace(/\\/g, "/")) return undefined;
  const esEndpoint = /\.(ts|js)$/.test(relativo);
  let ruta = `/${sinExt}`.replace(/\/index$/, "/");
  if (!esEndpoint && !ruta.endsWith("/")) ruta += "/";
  if (!/\[/.test(ruta)) return ruta;
  const patron = ruta
    .split(/(\[\.\.\.[^\]]+\]|\[[^\]]+\])/)
    .map((p) => (p.startsWith("[...") ? ".*" : p.startsWith("[") ? "[^/]+" : p.replace(/[.*+?^${}()|\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${patron.replace(/\/$/, "/?")}$`);
}

/** What the site will contain: every note id, static pages and dynamic routes, public files. */
export function sitioConocido(raiz: string, institucion: Institucion, idsNotas: Iterable<string>): SitioConocido {
  const paginas = new Set<string>(RUTAS_BASE);
  const patrones: RegExp[] = [/^\/etiquetas\/[^/]+\/?$/];
  for (const d of institucion.dependencias) paginas.add(`/dependencias/${d.id}/`);
  const recorrer = (dir: string, base: string, visita: (rel: string) => void) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const rel = base ? `${base}/${e.name}` : e.name;
      if (e.isDirectory()) recorrer(path.join(dir, e.name), rel, visita);
      else visita(rel);
    }
  };
  recorrer(path.join(raiz, "site/pages"), "", (rel) => {
    // Note pages are checked against the notes themselves.
    if (rel.startsWith("noticias/[")) return;
    const r = rutaDePagina(rel);
    if (typeof r === "string") paginas.add(r);
    else if (r) patrones.push(r);
  });
  recorrer(path.join(raiz, "site/public"), "", (rel) => paginas.add(`/${rel}`));
  recorrer(path.join(raiz, "public"), "", (rel) => paginas.add(`/${rel}`));
  // Listing pages of notes by year and month, and paginated lists.
  patrones.push(/^\/noticias\/\d{4}\/(?:\d{2}\/)?$/, /^\/noticias\/\d+\/$/);
  return { notas: new Set(idsNotas), paginas, patrones };
}

const RUTA_NOTA = /^\/noticias\/(\d{4})\/(\d{2})\/([^/]+)\/?$/;
const RUTA_IMAGEN_SOCIAL = /^\/social\/\d{4}\/\d{2}\/[^/]+\.png$/;

/** Whether an internal path exists on the site; undefined when it does, else a description. */
export function rutaInterna(ruta: string, sitio: SitioConocido): string | undefined {
  const limpia = decodeURI(ruta.split(/[?#]/)[0] ?? "/") || "/";
  const nota = RUTA_NOTA.exec(limpia);
  if (nota) return sitio.notas.has(`${nota[1]}/${nota[2]}/${nota[3]}`) ? undefined : "no hay ninguna nota con esa dirección";
  if (RUTA_IMAGEN_SOCIAL.test(limpia)) return undefined;
  const conBarra = limpia.endsWith("/") ? limpia : `${limpia}/`;
  const sinBarra = limpia.length > 1 ? limpia.replace(/\/$/, "") : limpia;
  if (sitio.paginas.has(limpia) || sitio.paginas.has(conBarra) || sitio.paginas.has(sinBarra)) return undefined;
  if (sitio.patrones.some((p) => p.test(limpia) || p.test(conBarra))) return undefined;
  return "no existe esa página en el sitio";
}

/** Why an external URL is malformed, or undefined when it looks right. */
export function problemaUrlExterna(url: string): string | undefined {
  if (/\s/.test(url.trim())) return "tiene espacios";
  if (/^mailto:/i.test(url)) return /^mailto:[^@\s]+@[^@\s]+\.[a-z]{2,}/i.test(url) ? undefined : "el correo no es válido";
  if (/^tel:/i.test(url)) return /^tel:\+?[\d\s().-]{3,}$/i.test(url) ? undefined : "el teléfono no es válido";
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "no es una dirección válida";
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return `usa el protocolo «${u.protocol}», que no es web`;
  const host = u.hostname;
  if (!host.includes(".") || !/\.(?:[a-z]{2,}|xn--[a-z0-9-]+)$/i.test(host)) return `el dominio «${host}» no es válido`;
  if (/\.\./.test(host) || /^[.-]|[.-]$/.test(host)) return `el dominio «${host}» no es válido`;
  return undefined;
}

interface EnlaceEncontrado {
  url: string;
  nodo: Nodes;
  imagen: boolean;
}

function enlacesDe(arbol: Nodes): EnlaceEncontrado[] {
  const salida: EnlaceEncontrado[] = [];
  const visitar = (n: Nodes) => {
    if (n.type === "link" || n.type === "definition") salida.push({ url: n.url, nodo: n, imagen: false });
    else if (n.type === "image") salida.push({ url: n.url, nodo: n, imagen: true });
    else if ((n.type === "mdxJsxFlowElement" || n.type === "mdxJsxTextElement") && (n.name === "a" || n.name === "img")) {
      const nombre = n.name === "a" ? "href" : "src";
      const a = n.attributes.find((x) => x.type === "mdxJsxAttribute" && x.name === nombre);
      if (a && a.type === "mdxJsxAttribute" && typeof a.value === "string")
        salida.push({ url: a.value, nodo: n, imagen: n.name === "img" });
    }
    if ("children" in n) for (const h of (n as Parent).children) visitar(h);
  };
  visitar(arbol);
  return salida;
}

/** enlaces/*: internal links to notes or pages that do not exist, images that are not there, malformed external URLs. No network access. */
export const revisarEnlaces: Revision = (ctx) => {
  const { nota, doc, institucion } = ctx;
  if (!doc.arbol) return [];
  const hallazgos: Hallazgo[] = [];
  const sitio = new URL(institucion.sitio);
  const base = new URL(nota.url, `${institucion.sitio}/`);
  for (const e of enlacesDe(doc.arbol)) {
    const url = e.url.trim();
    const agregar = (regla: `enlaces/${string}`, severidad: "error" | "aviso", mensaje: string, arreglo: string) =>
      hallazgos.push({
        archivo: nota.archivo,
        ...doc.posicionCuerpo(e.nodo.position?.start.offset ?? 0),
        regla,
        severidad,
        mensaje,
        arreglo,
      });
    if (!url || url.startsWith("#")) continue;
    if (/^(?:javascript|vbscript|data):/i.test(url)) continue; // seguridad/url-peligrosa
    if (/^www\./i.test(url) || /^[a-z0-9-]+\.(?:com|co|org|net|gov\.co|edu\.co)(?:\/|$)/i.test(url)) {
      agregar(
        "enlaces/sin-protocolo",
        "error",
        `el enlace «${url}» no empieza por https://, así que el sitio lo trataría como una página propia`,
        `escriba https://${url}`,
      );
      continue;
    }
    const esquema = /^[a-z][a-z0-9+.-]*:/i.test(url);
    if (esquema && !/^https?:/i.test(url)) {
      const p = problemaUrlExterna(url);
      if (p) agregar("enlaces/url-mal-formada", "error", `el enlace «${url}» está mal escrito: ${p}`, "corrija la dirección");
      continue;
    }
    let destino: URL;
    try {
      destino = new URL(url, base);
    } catch {
      agregar("enlaces/url-mal-formada", "error", `el enlace «${url}» no es una dirección válida`, "corrija la dirección");
      continue;
    }
    const interno = !esquema || destino.host === sitio.host;
    if (!interno) {
      const p = problemaUrlExterna(url);
      if (p) agregar("enlaces/url-mal-formada", "error", `el enlace «${url}» está mal escrito: ${p}`, "corrija la dirección");
      else if (destino.protocol === "http:")
        agregar("enlaces/http", "aviso", `el enlace «${url}» usa http:// sin cifrar`, "use https:// si el sitio lo admite");
      continue;
    }
    // An image (or file) next to the note: relative path without a leading slash.
    if (e.imagen && !esquema && !url.startsWith("/")) {
      const archivo = path.resolve(path.dirname(nota.ruta), decodeURIComponent(url.split(/[?#]/)[0]!));
      if (!existsSync(archivo))
        agregar(
          "enlaces/imagen-inexistente",
          "error",
          `la imagen «${url}» no existe junto a la nota`,
          "guarde el archivo en la carpeta de la nota o corrija el nombre",
        );
      continue;
    }
    const problema = rutaInterna(destino.pathname, ctx.sitio);
    if (problema)
      agregar(
        "enlaces/interno-roto",
        "error",
        `el enlace «${url}» apunta a ${destino.pathname}, pero ${problema}`,
        "corrija la dirección (las notas están en /noticias/AAAA/MM/slug/) o quite el enlace",
      );
  }
  return hallazgos;
};
