import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { mdxFromMarkdown } from "mdast-util-mdx";
import { gfm } from "micromark-extension-gfm";
import { mdxjs } from "micromark-extension-mdxjs";
import { leerFrontmatter, type ErrorFrontmatter } from "../content/frontmatter.ts";
import type { Nota } from "../content/notas.ts";
import { relativa, rutas } from "../content/paths.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import { informeFrontmatterSchema, type InformeFrontmatter } from "../content/schema/informe.ts";
import { mensajeIssue } from "../content/zod-es.ts";
import { huellaMdx } from "../reports/huella.ts";
import { COLUMNA_CIFRA, MARCA_CONCLUSIONES_PENDIENTES, TITULO_CONCLUSIONES, TITULO_GLOSARIO } from "../reports/redaccion.ts";
import { crearDocumento } from "./documento.ts";
import { revisarLenguaje } from "./lenguaje.ts";
import type { Hallazgo, SitioConocido } from "./tipos.ts";

/**
 * informe/* and lenguaje/* over the monthly reports (content/reportes/AAAA/MM/informe.mdx): the
 * control point of step 7, «la información entregada es clara y concisa», checked:
 * - the frontmatter follows the report schema and the folder is its month;
 * - «Conclusiones y compromisos» was written by the head of press (not the placeholder);
 * - every figure shown in a table is defined in the «Glosario» section;
 * - every chart has a text alternative, its SVG, and a data table right after it;
 * - the PDF/A beside it was made from this very MDX (its XMP keywords carry the MDX's digest);
 * - the lenguaje claro rules of the notes, with long sentences and unexplained acronyms as
 *   errors (a report is written once a month, from the numbers: it can always be short).
 */

const RUTA_INFORME = /(?:^|\/)content\/reportes\/(\d{4})\/(\d{2})\/informe\.mdx$/;

/** Whether a file is a monthly report's MDX. */
export const esInforme = (archivo: string): boolean => RUTA_INFORME.test(archivo.split(path.sep).join("/"));

/** Every report MDX of the repository, sorted. */
export function listarInformes(raiz: string): string[] {
  const base = rutas(raiz).reportes;
  const salida: string[] = [];
  if (!existsSync(base)) return salida;
  for (const anio of readdirSync(base)
    .filter((d) => /^\d{4}$/.test(d))
    .sort())
    for (const mes of readdirSync(path.join(base, anio))
      .filter((d) => /^\d{2}$/.test(d))
      .sort()) {
      const f = path.join(base, anio, mes, "informe.mdx");
      if (existsSync(f)) salida.push(f);
    }
  return salida;
}

interface Nodo {
  type: string;
  value?: string;
  depth?: number;
  name?: string | null;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: Nodo[];
  position?: { start: { line: number; column: number } };
}

const textoDe = (n: Nodo | undefined): string =>
  !n ? "" : n.type === "text" || n.type === "inlineCode" ? (n.value ?? "") : (n.children ?? []).map(textoDe).join("");

function buscar(n: Nodo | undefined, nombre: string): Nodo | undefined {
  for (const h of n?.children ?? []) {
    if ((h.type === "mdxJsxFlowElement" || h.type === "mdxJsxTextElement") && h.name === nombre) return h;
    const dentro = buscar(h, nombre);
    if (dentro) return dentro;
  }
  return undefined;
}

const atributo = (n: Nodo, nombre: string): string | undefined => {
  const a = n.attributes?.find((x) => x.type === "mdxJsxAttribute" && x.name === nombre);
  return typeof a?.value === "string" ? a.value : undefined;
};

/** Checks one report file. */
export function revisarInforme(ruta: string, raiz: string, institucion: Institucion, sitio: SitioConocido): Hallazgo[] {
  const archivo = relativa(raiz, ruta);
  const hallazgos: Hallazgo[] = [];
  const error = (linea: number, regla: `informe/${string}`, mensaje: string, arreglo: string, columna = 1) =>
    hallazgos.push({ archivo, linea, columna, regla, severidad: "error", mensaje, arreglo });
  const texto = readFileSync(ruta, "utf8");
  let fm;
  try {
    fm = leerFrontmatter(texto);
  } catch (e) {
    const f = e as ErrorFrontmatter;
    error(f.linea ?? 1, "informe/esquema", f.message, f.arreglo ?? "corrija el encabezado YAML entre las líneas ---");
    return hallazgos;
  }
  const r = informeFrontmatterSchema.safeParse(fm.datos);
  if (!r.success) {
    for (const i of r.error.issues)
      error(
        fm.lineaDe(i.path as (string | number)[]).linea,
        "informe/esquema",
        `campo «${i.path.join(".") || "(frontmatter)"}»: ${mensajeIssue(i)}`,
        "regenere el informe con «prensa informe AAAA-MM» (conserva las conclusiones) o corrija el campo",
      );
    return hallazgos;
  }
  const datos: InformeFrontmatter = r.data;
  const m = RUTA_INFORME.exec(archivo)!;
  if (datos.periodo !== `${m[1]}-${m[2]}`)
    error(
      fm.lineaDe(["periodo"]).linea,
      "informe/periodo",
      `el periodo ${datos.periodo} no es el de la carpeta (${m[1]}-${m[2]})`,
      "mueva el informe a la carpeta de su mes o corrija «periodo»",
    );

  const desplazamiento = fm.lineaCuerpo - 1;
  let arbol: Nodo;
  try {
    arbol = fromMarkdown(fm.cuerpo, {
      extensions: [mdxjs(), gfm()],
      mdastExtensions: [mdxFromMarkdown(), gfmFromMarkdown()],
    }) as unknown as Nodo;
  } catch (e) {
    error(
      fm.lineaCuerpo,
      "informe/mdx-invalido",
      `el cuerpo no es MDX válido: ${(e as Error).message}`,
      "corrija la sintaxis de la sección que editó",
    );
    return hallazgos;
  }
  const linea = (n: Nodo) => (n.position?.start.line ?? 1) + desplazamiento;
  const bloques = arbol.children ?? [];

  // Sections by second-level heading.
  const secciones = new Map<string, { titulo: Nodo; cuerpo: Nodo[] }>();
  let actual: { titulo: Nodo; cuerpo: Nodo[] } | undefined;
  for (const b of bloques) {
    if (b.type === "heading" && b.depth === 2) {
      actual = { titulo: b, cuerpo: [] };
      secciones.set(textoDe(b).trim(), actual);
    } else actual?.cuerpo.push(b);
  }

  // Conclusions.
  const conclusiones = secciones.get(TITULO_CONCLUSIONES);
  const arreglo = `escriba en «${TITULO_CONCLUSIONES}» lo que concluye la jefatura de prensa del mes y los compromisos para el siguiente (borre el texto «Pendiente» y el comentario), y vuelva a generar el PDF con «prensa informe ${datos.periodo}»`;
  if (!conclusiones)
    error(fm.lineaCuerpo, "informe/conclusiones-pendientes", `falta la sección «${TITULO_CONCLUSIONES}»`, arreglo);
  else {
    const escrito = conclusiones.cuerpo.map(textoDe).join(" ").trim();
    const marca = fm.cuerpo.includes(MARCA_CONCLUSIONES_PENDIENTES) || /^\s*Pendiente:/.test(escrito);
    if (marca || escrito.length < 40)
      error(
        linea(conclusiones.titulo),
        "informe/conclusiones-pendientes",
        marca
          ? `la sección «${TITULO_CONCLUSIONES}» todavía tiene el texto pendiente: la jefatura de prensa debe escribirla antes de aprobar`
          : `la sección «${TITULO_CONCLUSIONES}» está vacía o casi vacía (${escrito.length} caracteres)`,
        arreglo,
      );
  }

  // Glossary: every figure shown is defined.
  const definidos = new Set(datos.glosario.map((g) => g.termino));
  const glosario = secciones.get(TITULO_GLOSARIO);
  const enGlosario = new Set(
    (glosario?.cuerpo ?? []).flatMap((b) =>
      (b.children ?? []).map((item) => {
        const fuerte = item.children?.[0]?.children?.find((c) => c.type === "strong");
        return textoDe(fuerte).trim();
      }),
    ),
  );
  if (!glosario)
    error(fm.lineaCuerpo, "informe/cifra-sin-definir", `falta la sección «${TITULO_GLOSARIO}»`, "regenere el informe");
  for (const t of definidos)
    if (glosario && !enGlosario.has(t))
      error(
        linea(glosario.titulo),
        "informe/cifra-sin-definir",
        `el glosario no define «${t}»`,
        `agregue «- **${t}**: definición» a la sección ${TITULO_GLOSARIO}`,
      );
  const tablas = bloques.filter((b) => b.type === "table");
  for (const t of tablas) {
    const filas = t.children ?? [];
    const cabecera = (filas[0]?.children ?? []).map((c) => textoDe(c).trim());
    const cifras = cabecera[0] === COLUMNA_CIFRA ? filas.slice(1).map((f) => textoDe(f.children?.[0]).trim()) : cabecera.slice(1);
    for (const c of cifras)
      if (!(definidos.has(c) && enGlosario.has(c)))
        error(
          linea(t),
          "informe/cifra-sin-definir",
          `la cifra «${c}» de la tabla no está definida en el glosario`,
          `agregue su definición al glosario (frontmatter «glosario» y sección ${TITULO_GLOSARIO}) o use el nombre de una cifra definida`,
        );
  }

  // Charts: text alternative, SVG file, data table beside it.
  const carpeta = path.dirname(ruta);
  bloques.forEach((b, i) => {
    const img =
      b.type === "mdxJsxFlowElement" && b.name === "figure"
        ? buscar(b, "img")
        : b.type === "mdxJsxFlowElement" && b.name === "img"
          ? b
          : undefined;
    if (!img) return;
    const alt = atributo(img, "alt")?.trim() ?? "";
    const src = atributo(img, "src") ?? "";
    if (alt.length < 20)
      error(
        linea(b),
        "informe/grafico-sin-alternativa",
        "el gráfico no tiene un texto alternativo que diga lo que muestra",
        "escriba en alt qué muestra el gráfico, con sus cifras",
      );
    if (!/^\.\/[a-z0-9-]+\.svg$/.test(src) || !existsSync(path.join(carpeta, src)))
      error(
        linea(b),
        "informe/grafico-sin-archivo",
        `el gráfico «${src}» no existe junto al informe`,
        "regenere el informe con «prensa informe AAAA-MM»",
      );
    // The table follows: at most one paragraph (its title) in between.
    const siguientes = bloques.slice(i + 1, i + 3);
    const tabla = siguientes.find((x) => x.type === "table");
    const antes = tabla ? siguientes.slice(0, siguientes.indexOf(tabla)) : siguientes;
    if (!tabla || antes.some((x) => x.type !== "paragraph"))
      error(
        linea(b),
        "informe/grafico-sin-tabla",
        "el gráfico no tiene su tabla de datos justo después",
        "ponga la tabla con los datos del gráfico debajo de él",
      );
  });
  for (const g of datos.graficos) {
    for (const ext of ["svg", "csv"])
      if (!existsSync(path.join(carpeta, `${g.id}.${ext}`)))
        error(
          fm.lineaDe(["graficos"]).linea,
          "informe/grafico-sin-archivo",
          `falta ${g.id}.${ext} junto al informe`,
          "regenere el informe con «prensa informe AAAA-MM»",
        );
  }

  // The PDF/A was made from this MDX.
  const pdf = path.join(carpeta, datos.pdf);
  if (!existsSync(pdf))
    error(
      1,
      "informe/pdf-desactualizado",
      `falta ${datos.pdf} junto al informe`,
      `genérelo con «prensa informe ${datos.periodo}»`,
    );
  else if (!readFileSync(pdf).includes(`mdx-sha256 ${huellaMdx(texto)}`))
    error(
      1,
      "informe/pdf-desactualizado",
      `${datos.pdf} no corresponde a este informe.mdx (el texto cambió después de generar el PDF)`,
      `vuelva a generarlo con «prensa informe ${datos.periodo}» o con el flujo Informe: conserva las conclusiones`,
    );

  // Lenguaje claro, with the notes' rules (summary and prose of the body). Table rows are data,
  // not sentences: they are blanked out, keeping every line where it is.
  const cuerpo = fm.cuerpo.replace(/^\|.*$/gm, "");
  const nota = {
    archivo,
    texto: texto.slice(0, texto.length - fm.cuerpo.length) + cuerpo,
    cuerpo,
    lineaCuerpo: fm.lineaCuerpo,
    datos: { titulo: datos.titulo, resumen: datos.resumen },
  } as unknown as Nota;
  const graves = new Set(["lenguaje/oracion-muy-larga", "lenguaje/sigla-sin-explicar"]);
  for (const h of revisarLenguaje({ nota, institucion, doc: crearDocumento(nota), raiz, sitio }))
    hallazgos.push(graves.has(h.regla) ? { ...h, severidad: "error" } : h);
  return hallazgos;
}

/** Checks the given report files (all of the repository by default). */
export function revisarInformes(
  raiz: string,
  institucion: Institucion,
  sitio: SitioConocido,
  archivos = listarInformes(raiz),
): Hallazgo[] {
  return archivos.flatMap((a) => revisarInforme(a, raiz, institucion, sitio));
}
