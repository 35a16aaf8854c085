import type { Nodes, Parent } from "mdast";
import type { MdxJsxFlowElement, MdxJsxTextElement } from "mdast-util-mdx";
import type { Hallazgo, Revision } from "./tipos.ts";
import type { Documento } from "./documento.ts";

/** A component notes may use, and the props it accepts (string literals only). */
export interface ComponentePermitido {
  /** Prop name → validation of its literal value (true: any non-empty text). */
  props: Record<string, { requerido: boolean; patron?: RegExp; descripcion: string }>;
}

/**
 * Components the site provides to MDX notes (site/components/mdx/index.ts). Anything else that
 * looks like a component is a finding: it would fail the build or run code.
 */
export const COMPONENTES_PERMITIDOS: Record<string, ComponentePermitido> = {
  YouTube: {
    props: {
      id: { requerido: true, patron: /^[A-Za-z0-9_-]{11}$/, descripcion: "el identificador de 11 caracteres del video" },
      titulo: { requerido: true, descripcion: "de qué trata el video" },
    },
  },
};

/** Plain HTML elements that cannot run code (their attributes are still checked). */
const HTML_PERMITIDO = new Set(
  "a abbr b blockquote br caption cite code dd del details dfn div dl dt em figcaption figure h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s small span strong sub summary sup table tbody td tfoot th thead time tr u ul".split(
    " ",
  ),
);
/** Elements that run code, load other pages or change the page: always an error. */
const HTML_PELIGROSO = new Set(
  "script iframe frame frameset style object embed applet form input button textarea select option base meta link svg math template noscript portal canvas audio video source track dialog slot".split(
    " ",
  ),
);
const ATRIBUTOS_URL = new Set([
  "href",
  "src",
  "action",
  "formaction",
  "xlink:href",
  "poster",
  "data",
  "srcset",
  "background",
  "cite",
]);
const URL_PELIGROSA = /^\s*(?:javascript|vbscript|data\s*:\s*text\/html|data\s*:\s*image\/svg)/i;

/** Whether a URL would run code when followed (javascript:, vbscript:, data: HTML/SVG), tolerant of obfuscation. */
export function urlPeligrosa(url: string): boolean {
  const limpia = url
    .replace(/&#x?[0-9a-f]+;?/gi, (e) => {
      const hex = /^&#x/i.test(e);
      const n = Number.parseInt(e.replace(/^&#x?|;$/gi, ""), hex ? 16 : 10);
      return Number.isFinite(n) ? String.fromCodePoint(n) : "";
    })
    // Browsers ignore control characters and whitespace inside the scheme.

    .replace(/[\u0000-\u0020]/g, "");
  return URL_PELIGROSA.test(limpia) || /^(?:javascript|vbscript):/i.test(limpia);
}

const esComentario = (n: Nodes): boolean => {
  const estree = (n.data as { estree?: { body?: unknown[] } } | undefined)?.estree;
  return !!estree && Array.isArray(estree.body) && estree.body.length === 0;
};

/**
 * seguridad/*: MDX that could run code at build time (in CI, where publishing secrets exist) or
 * in the reader's browser. Works on the tree of the MDX parser, never on the raw text.
 */
export const revisarSeguridad: Revision = (ctx) => seguridadDe(ctx.nota.archivo, ctx.doc);

/** seguridad/* over a parsed body; also used for notes whose frontmatter is invalid. */
export function seguridadDe(archivo: string, doc: Documento): Hallazgo[] {
  const hallazgos: Hallazgo[] = [];
  if (!doc.arbol) return hallazgos;
  const agregar = (n: Nodes, regla: `seguridad/${string}`, mensaje: string, arreglo: string) =>
    hallazgos.push({
      archivo,
      ...doc.posicionCuerpo(n.position?.start.offset ?? 0),
      regla,
      severidad: "error",
      mensaje,
      arreglo,
    });

  const revisarElemento = (n: MdxJsxFlowElement | MdxJsxTextElement) => {
    const nombre = n.name;
    const permitido = nombre ? COMPONENTES_PERMITIDOS[nombre] : undefined;
    if (nombre) {
      const minuscula = /^[a-z][a-z0-9-]*$/.test(nombre);
      if (minuscula && HTML_PELIGROSO.has(nombre))
        agregar(
          n,
          "seguridad/etiqueta-peligrosa",
          `la etiqueta <${nombre}> no está permitida en una nota (puede ejecutar código o cargar otra página)`,
          nombre === "iframe"
            ? 'para videos use <YouTube id="..." titulo="..." />; para otros contenidos, un enlace'
            : "quítela; use texto, imágenes y enlaces en Markdown",
        );
      else if (minuscula && !HTML_PERMITIDO.has(nombre))
        agregar(
          n,
          "seguridad/etiqueta-no-permitida",
          `la etiqueta <${nombre}> no está en la lista de HTML permitido`,
          "use Markdown o una de las etiquetas de docs/validar.md",
        );
      else if (!minuscula && !permitido)
        agregar(
          n,
          "seguridad/componente-no-permitido",
          `el componente <${nombre}> no está en la lista de componentes permitidos (${Object.keys(COMPONENTES_PERMITIDOS).join(", ")})`,
          "quítelo o pida al equipo técnico que lo agregue a la lista de componentes permitidos",
        );
    }
    const vistos = new Set<string>();
    for (const a of n.attributes) {
      if (a.type === "mdxJsxExpressionAttribute") {
        agregar(
          n,
          "seguridad/expresion",
          `<${nombre ?? ""}> usa un atributo con código ({...})`,
          'escriba los atributos como texto: nombre="valor"',
        );
        continue;
      }
      vistos.add(a.name);
      if (/^on/i.test(a.name)) {
        agregar(n, "seguridad/evento", `el atributo ${a.name} de <${nombre ?? ""}> ejecuta código en el navegador`, "quítelo");
        continue;
      }
      if (a.value && typeof a.value === "object") {
        agregar(
          n,
          "seguridad/expresion",
          `el atributo ${a.name} de <${nombre ?? ""}> es una expresión de JavaScript ({...})`,
          `escríbalo como texto: ${a.name}="valor"`,
        );
        continue;
      }
      if (typeof a.value === "string" && ATRIBUTOS_URL.has(a.name.toLowerCase()) && urlPeligrosa(a.value))
        agregar(
          n,
          "seguridad/url-peligrosa",
          `el atributo ${a.name} de <${nombre ?? ""}> tiene una URL que ejecuta código («${a.value.slice(0, 40)}»)`,
          "use una dirección https://",
        );
      if (permitido) {
        const regla = permitido.props[a.name];
        if (!regla)
          agregar(
            n,
            "seguridad/componente-invalido",
            `<${nombre}> no acepta el atributo «${a.name}»`,
            `use solo: ${Object.keys(permitido.props).join(", ")}`,
          );
        else if (typeof a.value !== "string" || (regla.patron && !regla.patron.test(a.value)) || !a.value.trim())
          agregar(
            n,
            "seguridad/componente-invalido",
            `el atributo ${a.name} de <${nombre}> no es válido: debe ser ${regla.descripcion}`,
            `escriba ${a.name}="..."`,
          );
      }
    }
    if (permitido)
      for (const [prop, regla] of Object.entries(permitido.props))
        if (regla.requerido && !vistos.has(prop))
          agregar(
            n,
            "seguridad/componente-invalido",
            `a <${nombre}> le falta el atributo ${prop} (${regla.descripcion})`,
            `agregue ${prop}="..."`,
          );
  };

  const visitar = (n: Nodes) => {
    switch (n.type) {
      case "mdxjsEsm":
        agregar(
          n,
          "seguridad/import-export",
          "la nota usa import/export: ejecutaría código al construir el sitio",
          "quite la línea; los componentes permitidos ya están disponibles sin importarlos",
        );
        break;
      case "mdxFlowExpression":
      case "mdxTextExpression":
        if (!esComentario(n))
          agregar(
            n,
            "seguridad/expresion",
            `la nota tiene una expresión de JavaScript entre llaves («{${n.value.slice(0, 30)}}»)`,
            "quítela; si necesita escribir llaves use \\{ y \\}",
          );
        break;
      case "mdxJsxFlowElement":
      case "mdxJsxTextElement":
        revisarElemento(n);
        break;
      case "link":
      case "image":
      case "definition":
        if (urlPeligrosa(n.url))
          agregar(
            n,
            "seguridad/url-peligrosa",
            `un enlace usa una URL que ejecuta código («${n.url.slice(0, 40)}»)`,
            "use una dirección https:// o una ruta del sitio",
          );
        break;
    }
    if ("children" in n) for (const h of (n as Parent).children) visitar(h);
  };
  visitar(doc.arbol);
  return hallazgos;
}
