import { mdxToHast } from "satteri";
import { createHighlighter, isSpecialLang, type BundledLanguage } from "shiki";
import { createJavaScriptRegexEngine } from "shiki/engine/javascript";
import GithubSlugger from "github-slugger";
import { find, html as esquemaHtml } from "property-information";
import type { Element, ElementContent, Properties, Root, RootContent } from "hast";
import type { MdxJsxFlowElementHast, MdxJsxTextElementHast } from "mdast-util-mdx-jsx";
import { COMPONENTES_PERMITIDOS } from "../../scripts/lib/checks/seguridad.ts";
import { componentesHtml } from "../components/mdx/html.ts";

/**
 * A note body rendered to HTML once, to be kept in Astro's content layer as the entry's
 * `rendered` value (the shape Astro's glob loader stores for Markdown: html plus metadata).
 * https://docs.astro.build/en/reference/content-loader-reference/#rendered
 */
export interface CuerpoRenderizado {
  html: string;
  metadata: {
    /** Headings in order, with the ids the HTML carries (what `render(entry).headings` returns). */
    headings: { depth: number; slug: string; text: string }[];
    /** Relative paths of the images the body shows, as written in the note. */
    imagePaths: string[];
  };
}

/**
 * Where a body image is published: its address and, for a re-encoded photo, the WebP widths of
 * the <img>, the AVIF widths of a <source> (the image is then written inside a <picture>), the
 * sizes and the intrinsic width and height.
 */
export interface ImagenPublicada {
  src: string;
  srcset?: string;
  avif?: string;
  sizes?: string;
  width?: number;
  height?: number;
}

/** Where the body's own images are published. */
export interface OpcionesCuerpo {
  /**
   * The public address of an image written relative to the note (`![...](foto.jpg)`), or
   * undefined to leave the address as written.
   */
  imagen?: (src: string) => ImagenPublicada | undefined;
}

// The features @astrojs/mdx turns on by default with the Sätteri processor (GFM, smart punctuation).
const FUNCIONES = { gfm: true, smartPunctuation: true } as const;
// Astro's defaults for code blocks (@astrojs/internal-helpers/markdown: markdownConfigDefaults).
const TEMA_CODIGO = "github-dark";
const SIN_RESALTAR = ["math"];

type Resaltar = (codigo: string, lenguaje: string, meta?: string) => Promise<Element | undefined>;
let resaltador: Promise<Resaltar> | undefined;
/**
 * Shiki with Astro's default theme and the `pre` attributes Astro's highlighter sets
 * (@astrojs/internal-helpers/dist/shiki.js: class astro-code, data-language, overflow-x).
 * Without Shiki's tokenizing time limit (500 ms a line by default), which on a busy machine
 * leaves the rest of a line uncoloured, so the same note always gives the same HTML.
 */
const resaltar = (): Promise<Resaltar> =>
  (resaltador ??= (async () => {
    const tema = TEMA_CODIGO;
    const shiki = await createHighlighter({ langs: ["plaintext"], themes: [tema], engine: createJavaScriptRegexEngine() });
    return async (codigo, lenguaje) => {
      let lang = lenguaje;
      if (!isSpecialLang(lang) && !shiki.getLoadedLanguages().includes(lang))
        await shiki.loadLanguage(lang as BundledLanguage).catch(() => (lang = "plaintext"));
      const raiz = shiki.codeToHast(codigo, {
        theme: tema,
        lang,
        tokenizeTimeLimit: 0,
        transformers: [
          {
            pre(pre) {
              const clase = typeof pre.properties.class === "string" ? pre.properties.class : "";
              pre.properties.class = clase.replace(/shiki/g, "astro-code");
              pre.properties.dataLanguage = lang;
              pre.properties.style = `${typeof pre.properties.style === "string" ? pre.properties.style : ""}; overflow-x: auto;`;
            },
          },
        ],
      });
      return raiz.children[0] as Element | undefined;
    };
  })());

type Nodo = RootContent | ElementContent | MdxJsxFlowElementHast | MdxJsxTextElementHast | { type: string };

/**
 * Renders a note body to the HTML @astrojs/mdx produced for it when each note was its own MDX
 * module: Astro's parser (Sätteri, `mdxToHast`) with Astro's defaults (GFM, smart punctuation,
 * heading ids from github-slugger, Shiki), and elements written out the way Astro's JSX runtime
 * writes them (astro/dist/runtime/server/jsx.js and render/util.js), so pages are unchanged.
 * Notes cannot hold imports, exports or expressions (the `seguridad` rules stop the build
 * before this runs); an element the allowlist does not know is an error here too.
 */
export async function renderizarCuerpo(cuerpo: string, opciones: OpcionesCuerpo = {}): Promise<CuerpoRenderizado> {
  const arbol = mdxToHast(cuerpo, { features: FUNCIONES, position: false }) as Root;
  const slugger = new GithubSlugger();
  const headings: CuerpoRenderizado["metadata"]["headings"] = [];
  const imagePaths: string[] = [];

  const hijos = async (nodos: readonly Nodo[]): Promise<string> => {
    let salida = "";
    for (const n of nodos) salida += await nodo(n);
    return salida;
  };

  const nodo = async (n: Nodo): Promise<string> => {
    switch (n.type) {
      case "text":
        return escaparTexto((n as { value: string }).value);
      case "element":
        return elemento(n as Element);
      case "mdxJsxFlowElement":
      case "mdxJsxTextElement":
        return jsx(n as MdxJsxFlowElementHast);
      case "mdxFlowExpression":
      case "mdxTextExpression":
      case "comment":
        // Only empty expressions ({/* comments */}) pass the security check; they render nothing.
        return "";
      case "raw":
        throw new Error("el cuerpo tiene HTML sin analizar");
      default:
        throw new Error(`el cuerpo tiene un nodo que no se puede publicar (${n.type})`);
    }
  };

  const elemento = async (e: Element, resaltado = false): Promise<string> => {
    if (e.tagName === "pre" && !resaltado) {
      const bloque = await resaltarBloque(e);
      if (bloque) return elemento(bloque, true);
    }
    if (/^h[1-6]$/.test(e.tagName)) encabezado(e);
    const fuente = e.tagName === "img" ? imagenDelCuerpo(e.properties) : "";
    return fuente + etiqueta(e.tagName, atributosHast(e.properties), await hijos(e.children)) + (fuente && "</picture>");
  };

  const jsx = async (e: MdxJsxFlowElementHast | MdxJsxTextElementHast): Promise<string> => {
    const nombre = e.name ?? "";
    const props: Record<string, string | true> = {};
    for (const a of e.attributes) {
      if (a.type !== "mdxJsxAttribute" || (a.value !== null && a.value !== undefined && typeof a.value !== "string"))
        throw new Error(`<${nombre}> tiene un atributo con código`);
      props[a.name] = a.value ?? true;
    }
    if (COMPONENTES_PERMITIDOS[nombre]) {
      const html = componentesHtml[nombre];
      if (!html) throw new Error(`el componente <${nombre}> no tiene HTML en site/components/mdx/html.ts`);
      return html(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, v === true ? "" : v])));
    }
    if (!/^[a-z][a-z0-9]*$/.test(nombre)) throw new Error(`el componente <${nombre}> no está permitido`);
    let fuente = "";
    if (nombre === "img" && typeof props.src === "string") {
      const p: Properties = { ...props };
      fuente = imagenDelCuerpo(p);
      for (const [k, v] of Object.entries(p))
        if (typeof v === "string" || typeof v === "number") props[k === "srcSet" ? "srcset" : k] = String(v);
    }
    if (/^h[1-6]$/.test(nombre) && typeof props.id === "string")
      headings.push({ depth: Number(nombre[1]), slug: props.id, text: textoDe(e) });
    let atributos = "";
    for (const [k, v] of Object.entries(props)) atributos += atributo(k, v);
    return fuente + etiqueta(nombre, atributos, await hijos(e.children)) + (fuente && "</picture>");
  };

  const encabezado = (e: Element) => {
    const texto = textoDe(e);
    const existente = e.properties.id;
    const slug = typeof existente === "string" ? existente : slugger.slug(texto);
    if (typeof existente !== "string") e.properties.id = slug;
    headings.push({ depth: Number(e.tagName[1]), slug, text: texto });
  };

  /**
   * Points a body image at where it is published; returns the opening of its <picture> and its
   * AVIF <source> when it has one, or "".
   */
  const imagenDelCuerpo = (p: Properties): string => {
    const src = typeof p.src === "string" ? p.src : undefined;
    if (!src || /^(?:[a-z][a-z0-9+.-]*:|\/|#)/i.test(src)) return "";
    imagePaths.push(src);
    const publicada = opciones.imagen?.(decodeURI(src));
    if (!publicada) return "";
    p.src = publicada.src;
    if (publicada.srcset) p.srcSet = publicada.srcset;
    if (publicada.sizes) p.sizes = publicada.sizes;
    if (publicada.width && p.width === undefined) p.width = publicada.width;
    if (publicada.height && p.height === undefined) p.height = publicada.height;
    p.loading ??= "lazy";
    p.decoding ??= "async";
    if (!publicada.avif) return "";
    return `<picture>${etiqueta("source", atributo("type", "image/avif") + atributo("srcset", publicada.avif) + (publicada.sizes ? atributo("sizes", publicada.sizes) : ""), "")}`;
  };

  const html = await hijos(arbol.children);
  return { html, metadata: { headings, imagePaths } };
}

/** Text of a heading, as Sätteri's `textContent` sees it (text of every descendant). */
function textoDe(n: Nodo): string {
  if ("value" in n && typeof n.value === "string" && n.type === "text") return n.value;
  if ("children" in n && Array.isArray(n.children)) return (n.children as Nodo[]).map(textoDe).join("");
  return "";
}

/** A code block highlighted the way @astrojs/mdx does (its `highlight` hast plugin). */
async function resaltarBloque(pre: Element): Promise<Element | undefined> {
  const codigo = pre.children.find((c): c is Element => c.type === "element" && c.tagName === "code");
  if (!codigo) return undefined;
  const clases: unknown = codigo.properties.className;
  const clase = Array.isArray(clases)
    ? clases.find((c): c is string => typeof c === "string" && c.startsWith("language-"))
    : undefined;
  const datos = (codigo as { data?: unknown }).data as { lang?: string | null; meta?: string | null } | undefined;
  const lenguaje: string = datos?.lang ?? clase?.slice("language-".length) ?? "plaintext";
  if (SIN_RESALTAR.includes(lenguaje)) return undefined;
  return (await resaltar())(textoDe(codigo).replace(/\n$/, ""), lenguaje, datos?.meta ?? undefined);
}

// Astro's JSX renderer (astro/dist/runtime/server/render/util.js).
const VACIOS = /^(area|base|br|col|command|embed|hr|img|input|keygen|link|meta|param|source|track|wbr)$/i;
const BOOLEANOS =
  /^(?:allowfullscreen|async|autofocus|autoplay|checked|controls|default|defer|disabled|disablepictureinpicture|disableremoteplayback|formnovalidate|inert|loop|muted|nomodule|novalidate|open|playsinline|readonly|required|reversed|scoped|seamless|selected|itemscope)$/i;

const etiqueta = (nombre: string, atributos: string, contenido: string): string =>
  contenido === "" && VACIOS.test(nombre) ? `<${nombre}${atributos}/>` : `<${nombre}${atributos}>${contenido}</${nombre}>`;

/** Attributes of a parser-made element, named as in HTML (the MDX compile's `elementAttributeNameCase: "html"`). */
function atributosHast(propiedades: Properties): string {
  let salida = "";
  for (const [clave, valor] of Object.entries(propiedades)) {
    if (valor === null || valor === undefined) continue;
    const info = find(esquemaHtml, clave);
    let v: string | boolean | number;
    if (Array.isArray(valor)) v = valor.join(info.commaSeparated ? ", " : " ");
    else v = valor;
    if (info.attribute === "style" && typeof v === "string") v = estilo(v);
    salida += atributo(info.attribute, v);
  }
  return salida;
}

/** `style="text-align: left"` as the JSX compile turns it into an object and Astro writes it back. */
function estilo(texto: string): string {
  return texto
    .split(";")
    .map((d) => d.split(":"))
    .filter((p) => p.length >= 2 && p[0]!.trim() && p.slice(1).join(":").trim())
    .map((p) => `${p[0]!.trim()}:${p.slice(1).join(":").trim()}`)
    .join(";");
}

function atributo(clave: string, valor: string | number | boolean): string {
  if (/[\s"'>/=]/.test(clave)) return "";
  if (BOOLEANOS.test(clave) || (typeof valor === "boolean" && (clave === "hidden" || clave === "download")))
    return valor ? ` ${clave}` : "";
  if (valor === "") return ` ${clave}`;
  return ` ${clave}="${String(valor).replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"`;
}

const ENTIDADES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "'": "&#39;", '"': "&quot;" };
const escaparTexto = (t: string): string => t.replace(/[&<>'"]/g, (c) => ENTIDADES[c]!);
