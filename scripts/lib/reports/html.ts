import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { mdxFromMarkdown } from "mdast-util-mdx";
import { gfm } from "micromark-extension-gfm";
import { mdxjs } from "micromark-extension-mdxjs";
import { leerFrontmatter } from "../content/frontmatter.ts";
import { rutas } from "../content/paths.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { informeFrontmatterSchema, type InformeFrontmatter } from "../content/schema/informe.ts";
import { mensajeIssue } from "../content/zod-es.ts";

/**
 * The report's MDX as HTML for its page on the site. The MDX holds Markdown (headings,
 * paragraphs, lists, GFM tables, links) and one kind of JSX, the chart figures; this renders
 * exactly those and escapes every text, so a report can never inject markup or scripts. Tables
 * get column headers with scope and a focusable scrolling region (WCAG 2.1: 1.3.1, 2.1.1).
 */

interface Nodo {
  type: string;
  value?: string;
  depth?: number;
  url?: string;
  ordered?: boolean | null;
  align?: (string | null)[];
  name?: string | null;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: Nodo[];
}

const esc = (t: string): string => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const atributo = (n: Nodo, nombre: string): string | undefined => {
  const a = n.attributes?.find((x) => x.type === "mdxJsxAttribute" && x.name === nombre);
  return typeof a?.value === "string" ? a.value : undefined;
};
/** Only links to the report's own files (./x.csv) or to the web. */
const enlaceSeguro = (url: string): string | undefined =>
  /^(https?:\/\/|\.\/[a-z0-9-]+\.(csv|svg|pdf|json)$)/.test(url) ? url : undefined;

function enLinea(nodos: Nodo[] | undefined): string {
  return (nodos ?? [])
    .map((n) => {
      switch (n.type) {
        case "text":
          return esc(n.value ?? "");
        case "strong":
          return `<strong>${enLinea(n.children)}</strong>`;
        case "emphasis":
          return `<em>${enLinea(n.children)}</em>`;
        case "inlineCode":
          return `<code>${esc(n.value ?? "")}</code>`;
        case "break":
          return "<br />";
        case "link": {
          const url = enlaceSeguro(n.url ?? "");
          return url ? `<a href="${esc(url)}">${enLinea(n.children)}</a>` : enLinea(n.children);
        }
        case "mdxTextExpression":
          return "";
        default:
          return enLinea(n.children);
      }
    })
    .join("");
}

function buscar(n: Nodo | undefined, nombre: string): Nodo | undefined {
  for (const h of n?.children ?? []) {
    if ((h.type === "mdxJsxFlowElement" || h.type === "mdxJsxTextElement") && h.name === nombre) return h;
    const dentro = buscar(h, nombre);
    if (dentro) return dentro;
  }
  return undefined;
}

const textoPlano = (n: Nodo | undefined): string =>
  !n ? "" : n.type === "text" ? (n.value ?? "") : (n.children ?? []).map(textoPlano).join("");

function bloques(nodos: Nodo[] | undefined, ids: Set<string>): string {
  const salida: string[] = [];
  let titulo = "";
  for (const n of nodos ?? []) {
    switch (n.type) {
      case "heading": {
        const nivel = Math.min(Math.max(n.depth ?? 2, 1), 4);
        const base = textoPlano(n)
          .normalize("NFD")
          .replace(/[\u0300-\u036f]/g, "")
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-|-$/g, "");
        let id = base || "seccion";
        for (let i = 2; ids.has(id); i++) id = `${base}-${i}`;
        ids.add(id);
        salida.push(`<h${nivel} id="${id}">${enLinea(n.children)}</h${nivel}>`);
        break;
      }
      case "paragraph":
        titulo = textoPlano(n.children?.find((c) => c.type === "strong")) || textoPlano(n);
        salida.push(`<p>${enLinea(n.children)}</p>`);
        break;
      case "list": {
        const etiqueta = n.ordered ? "ol" : "ul";
        salida.push(
          `<${etiqueta}>${(n.children ?? []).map((i) => `<li>${(i.children ?? []).map((c) => (c.type === "paragraph" ? enLinea(c.children) : bloques([c], ids))).join(" ")}</li>`).join("")}</${etiqueta}>`,
        );
        break;
      }
      case "table": {
        const [cabecera, ...filas] = n.children ?? [];
        const alinear = (i: number) => (n.align?.[i] === "right" ? ' class="numero"' : "");
        salida.push(
          `<div class="tabla-desplazable" role="region" aria-label="${esc(titulo || "Tabla de datos")}" tabindex="0"><table>`,
          `<thead><tr>${(cabecera?.children ?? []).map((c, i) => `<th scope="col"${alinear(i)}>${enLinea(c.children)}</th>`).join("")}</tr></thead>`,
          `<tbody>${filas
            .map(
              (f) =>
                `<tr>${(f.children ?? [])
                  .map((c, i) =>
                    i === 0 ? `<th scope="row">${enLinea(c.children)}</th>` : `<td${alinear(i)}>${enLinea(c.children)}</td>`,
                  )
                  .join("")}</tr>`,
            )
            .join("")}</tbody>`,
          `</table></div>`,
        );
        break;
      }
      case "mdxJsxFlowElement": {
        if (n.name !== "figure") break;
        const img = buscar(n, "img");
        const src = img ? atributo(img, "src") : undefined;
        if (!img || !src || !/^\.\/[a-z0-9-]+\.svg$/.test(src)) break;
        const leyenda = buscar(n, "figcaption");
        const id = atributo(n, "id");
        salida.push(
          `<figure class="grafico"${id && /^[a-z0-9-]+$/.test(id) ? ` id="${id}"` : ""}><img src="${src}" alt="${esc(atributo(img, "alt") ?? "")}" loading="lazy" /><figcaption>${enLinea(leyenda?.children)}</figcaption></figure>`,
        );
        break;
      }
      case "blockquote":
        salida.push(`<blockquote>${bloques(n.children, ids)}</blockquote>`);
        break;
      default:
        break;
    }
  }
  return salida.join("\n");
}

/** HTML of a report's MDX body (without its first-level heading, which the page shows itself). */
export function htmlInforme(cuerpo: string): string {
  const arbol = fromMarkdown(cuerpo, {
    extensions: [mdxjs(), gfm()],
    mdastExtensions: [mdxFromMarkdown(), gfmFromMarkdown()],
  }) as unknown as Nodo;
  const hijos = (arbol.children ?? []).filter((n) => !(n.type === "heading" && n.depth === 1));
  return bloques(hijos, new Set());
}

/** A report committed to content/reportes/AAAA/MM/, as the site lists and shows it. */
export interface InformePublicado {
  periodo: string;
  anio: string;
  mes: string;
  /** "/informes/2026/11/" */
  url: string;
  datos: InformeFrontmatter;
  cuerpo: string;
  carpeta: string;
  /** Files beside the report the site serves (svg, csv, pdf, json), by name. */
  archivos: string[];
}

/** Every report of the repository, newest first. A report with a broken frontmatter stops the build in Spanish. */
export function informesPublicados(raiz: string = rutas().raiz): InformePublicado[] {
  const base = rutas(raiz).reportes;
  if (!existsSync(base)) return [];
  const salida: InformePublicado[] = [];
  for (const anio of readdirSync(base).filter((d) => /^\d{4}$/.test(d)))
    for (const mes of readdirSync(path.join(base, anio)).filter((d) => /^(0[1-9]|1[0-2])$/.test(d))) {
      const carpeta = path.join(base, anio, mes);
      const ruta = path.join(carpeta, "informe.mdx");
      if (!existsSync(ruta)) continue;
      const fm = leerFrontmatter(readFileSync(ruta, "utf8"));
      const r = informeFrontmatterSchema.safeParse(fm.datos);
      const archivo = `content/reportes/${anio}/${mes}/informe.mdx`;
      if (!r.success)
        throw new ErrorConvergente(
          `El informe ${archivo} no es válido.`,
          r.error.issues.map((i) => ({
            archivo,
            linea: fm.lineaDe(i.path as (string | number)[]).linea,
            campo: i.path.join("."),
            mensaje: mensajeIssue(i),
            arreglo: "regenere el informe con «prensa informe AAAA-MM»",
          })),
        );
      salida.push({
        periodo: `${anio}-${mes}`,
        anio,
        mes,
        url: `/informes/${anio}/${mes}/`,
        datos: r.data,
        cuerpo: fm.cuerpo,
        carpeta,
        archivos: readdirSync(carpeta)
          .filter((f) => /^[a-z0-9-]+\.(svg|csv|pdf|json)$/.test(f))
          .sort(),
      });
    }
  return salida.sort((a, b) => b.periodo.localeCompare(a.periodo));
}
