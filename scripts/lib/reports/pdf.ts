import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { mdxFromMarkdown } from "mdast-util-mdx";
import { gfm } from "micromark-extension-gfm";
import { mdxjs } from "micromark-extension-mdxjs";
import { ErrorConvergente } from "../content/problems.ts";
import { woffASfnt } from "../images/woff.ts";
import { leerFrontmatter } from "../content/frontmatter.ts";
import { leerMes } from "./cifras.ts";
import { huellaMdx } from "./huella.ts";

/**
 * The report's PDF/A-2b, typeset by Typst (https://typst.app/docs/reference/pdf/, PDF/A-2b through
 * the `pdfStandard: "a-2b"` export option of @myriaddreamin/typst-ts-node-compiler, the Typst
 * compiler as a Node addon). Typst was chosen over printing the page with Chromium: it embeds
 * the fonts, writes the XMP identification (pdfaid:part 2, conformance B) and the sRGB output
 * intent itself, tags the PDF, draws the SVG charts as vectors, needs no browser or Ghostscript,
 * and gives the same bytes on every run when the document date is fixed. The PDF is made from the
 * report's MDX (not from the figures), so it always says what the reviewed MDX says, including the
 * conclusions the head of press wrote.
 */

// Minimal mdast shapes used here (from mdast, mdast-util-gfm-table and mdast-util-mdx-jsx).
interface Nodo {
  type: string;
  value?: string;
  depth?: number;
  url?: string;
  ordered?: boolean | null;
  name?: string | null;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: Nodo[];
}

const requerir = createRequire(import.meta.url);
const fuente = (paquete: string, archivo: string): Buffer =>
  Buffer.from(woffASfnt(readFileSync(path.join(path.dirname(requerir.resolve(`${paquete}/package.json`)), "files", archivo))));

let fuentes: Buffer[] | undefined;
/** The site's own fonts (Work Sans for text, Montserrat for headings), converted from WOFF once. */
function fuentesInforme(): Buffer[] {
  fuentes ??= [
    fuente("@fontsource/work-sans", "work-sans-latin-400-normal.woff"),
    fuente("@fontsource/work-sans", "work-sans-latin-700-normal.woff"),
    fuente("@fontsource/work-sans", "work-sans-latin-400-italic.woff"),
    fuente("@fontsource/montserrat", "montserrat-latin-700-normal.woff"),
  ];
  return fuentes;
}

/** A Typst string literal. */
const cadena = (t: string): string => `"${t.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
/** Text in markup: a string literal, so no character of the text is read as Typst syntax. */
const texto = (t: string): string => (t ? `#${cadena(t)}` : "");

function enLinea(nodos: Nodo[] | undefined): string {
  return (nodos ?? [])
    .map((n) => {
      switch (n.type) {
        case "text":
          return texto((n.value ?? "").replace(/\s*\n\s*/g, " "));
        case "strong":
          return `#strong[${enLinea(n.children)}]`;
        case "emphasis":
          return `#emph[${enLinea(n.children)}]`;
        case "inlineCode":
          return `#raw(${cadena(n.value ?? "")})`;
        case "link":
          return /^https?:\/\//.test(n.url ?? "") ? `#link(${cadena(n.url!)})[${enLinea(n.children)}]` : enLinea(n.children);
        case "break":
          return "\\\n";
        case "mdxTextExpression":
          return "";
        default:
          return enLinea(n.children) || texto(n.value ?? "");
      }
    })
    .join("");
}

const atributo = (n: Nodo, nombre: string): string | undefined => {
  const a = n.attributes?.find((x) => x.type === "mdxJsxAttribute" && x.name === nombre);
  return typeof a?.value === "string" ? a.value : undefined;
};

function bloques(nodos: Nodo[] | undefined, graficos: Map<string, Buffer>): string[] {
  const salida: string[] = [];
  for (const n of nodos ?? []) {
    switch (n.type) {
      case "heading":
        // The first heading is the document title (set apart on the cover block).
        salida.push(`#heading(level: ${Math.min(n.depth ?? 1, 3)})[${enLinea(n.children)}]`, "");
        break;
      case "paragraph":
        salida.push(enLinea(n.children), "");
        break;
      case "list": {
        const marca = n.ordered ? "+" : "-";
        for (const item of n.children ?? [])
          salida.push(
            `${marca} ${(item.children ?? []).map((c) => (c.type === "paragraph" ? enLinea(c.children) : "")).join(" ")}`,
          );
        salida.push("");
        break;
      }
      case "table": {
        const filas = n.children ?? [];
        const columnas = filas[0]?.children?.length ?? 1;
        const celdas = (f: Nodo) => (f.children ?? []).map((c) => `[${enLinea(c.children)}]`).join(", ");
        salida.push(
          `#table(columns: ${columnas}, align: (${Array.from({ length: columnas }, (_, i) => (i ? "right" : "left")).join(", ")}), stroke: 0.5pt + luma(170), inset: 5pt,`,
          `  table.header(${(filas[0]?.children ?? []).map((c) => `[#strong[${enLinea(c.children)}]]`).join(", ")}),`,
          ...filas.slice(1).map((f) => `  ${celdas(f)},`),
          `)`,
          "",
        );
        break;
      }
      case "mdxJsxFlowElement": {
        if (n.name !== "figure") {
          salida.push(...bloques(n.children, graficos));
          break;
        }
        const buscar = (x: Nodo[] | undefined, nombre: string): Nodo | undefined => {
          for (const h of x ?? []) {
            if ((h.type === "mdxJsxFlowElement" || h.type === "mdxJsxTextElement") && h.name === nombre) return h;
            const dentro = buscar(h.children, nombre);
            if (dentro) return dentro;
          }
          return undefined;
        };
        const img = buscar(n.children, "img");
        const leyenda = buscar(n.children, "figcaption");
        const src = img ? atributo(img, "src") : undefined;
        const archivo = src?.replace(/^\.\//, "");
        if (!archivo || !graficos.has(archivo)) break;
        salida.push(
          `#figure(image(${cadena(archivo)}, width: 80%, alt: ${cadena(atributo(img!, "alt") ?? "")}), caption: [${enLinea(leyenda?.children)}])`,
          "",
        );
        break;
      }
      case "blockquote":
        salida.push(`#quote(block: true)[${bloques(n.children, graficos).join("\n")}]`, "");
        break;
      case "thematicBreak":
        salida.push("#line(length: 100%)", "");
        break;
      default:
        // MDX comments and expressions ({/* … */}), ESM and HTML are not text of the report.
        break;
    }
  }
  return salida;
}

/** When the PDF says it was made: 00:00 in Bogotá of the first day after the month (never the clock). */
export function fechaDocumento(periodo: string): { anio: number; mes: number; dia: number } {
  const m = leerMes(periodo);
  return m.mes === 12 ? { anio: m.anio + 1, mes: 1, dia: 1 } : { anio: m.anio, mes: m.mes + 1, dia: 1 };
}

export interface EntradaPdf {
  /** The report's MDX text (frontmatter and body). */
  mdx: string;
  /** SVG charts by file name ("notas-por-semana.svg"). */
  graficos: Map<string, Buffer>;
  archivo: string;
}

/** The Typst source of the report (markup from the MDX) and a compiler holding its fonts and charts. */
export function componerInforme(e: EntradaPdf): { fuente: string; compilador: NodeCompiler } {
  const fm = leerFrontmatter(e.mdx);
  const datos = fm.datos as { titulo: string; periodo: string; entidad: string; oficina: string; resumen: string };
  const arbol = fromMarkdown(fm.cuerpo, {
    extensions: [mdxjs(), gfm()],
    mdastExtensions: [mdxFromMarkdown(), gfmFromMarkdown()],
  }) as unknown as Nodo;
  const f = fechaDocumento(datos.periodo);
  const fuente = [
    `#set document(title: ${cadena(datos.titulo)}, author: (${cadena(datos.entidad)}, ${cadena(datos.oficina)}), keywords: ("informe mensual", ${cadena(datos.periodo)}, ${cadena(`mdx-sha256 ${huellaMdx(e.mdx)}`)}), date: datetime(year: ${f.anio}, month: ${f.mes}, day: ${f.dia}, hour: 5, minute: 0, second: 0))`,
    `#set page(paper: "a4", margin: (x: 2.2cm, top: 2.4cm, bottom: 2.2cm), header: context { set text(size: 8pt, fill: luma(90)); [${texto(`${datos.entidad} · ${datos.oficina}`)}] }, footer: context { set text(size: 8pt, fill: luma(90)); [${texto(datos.titulo)} #h(1fr) #"Página " #counter(page).display() #" de " #counter(page).final().first()] })`,
    `#set text(font: "Work Sans", lang: "es", region: "co", size: 10pt, fill: rgb("#1a1a1a"))`,
    `#set par(justify: false, leading: 0.7em)`,
    `#show heading: set text(font: "Montserrat", fill: rgb("#004884"))`,
    `#show heading.where(level: 1): set text(size: 18pt)`,
    `#show heading.where(level: 2): it => block(above: 1.4em, below: 0.8em, text(size: 13pt, it))`,
    `#show link: set text(fill: rgb("#004884"))`,
    `#set table(fill: (x, y) => if y == 0 { luma(235) })`,
    `#show figure: set block(breakable: false)`,
    "",
    ...bloques(arbol.children, e.graficos),
  ].join("\n");
  const compilador = NodeCompiler.create({ workspace: "/informe", fontArgs: [{ fontBlobs: fuentesInforme() }] });
  for (const [nombre, bytes] of e.graficos) compilador.mapShadow(`/informe/${nombre}`, bytes);
  return { fuente, compilador };
}

/** Typesets the report's MDX as PDF/A-2b. Same MDX and charts, same bytes. */
export function crearPdfInforme(e: EntradaPdf): Buffer {
  const { fuente, compilador } = componerInforme(e);
  try {
    return compilador.pdf({ mainFileContent: fuente }, { pdfStandard: "a-2b" });
  } catch (error) {
    throw new ErrorConvergente(`No se pudo componer el PDF/A del informe ${e.archivo}.`, [
      {
        archivo: e.archivo,
        mensaje: `Typst rechazó el documento (${(error as { code?: string }).code ?? (error as Error).message})`,
        arreglo: "revise la sección que editó a mano: use párrafos, listas y enlaces de Markdown",
      },
    ]);
  }
}
