import { fromMarkdown } from "mdast-util-from-markdown";
import { mdxjs } from "micromark-extension-mdxjs";
import { mdxFromMarkdown } from "mdast-util-mdx";
import type { Root, Nodes, Parent } from "mdast";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import { leerFrontmatter, type FrontmatterLeido } from "../content/frontmatter.ts";

/** A 1-based position in the note file. */
export interface Posicion {
  linea: number;
  columna: number;
}

/** Where a piece of text comes from. */
export type Origen = "titulo" | "resumen" | "alt" | "canal" | "cuerpo" | "titulo-seccion";

/**
 * A run of text people will read (a field, a paragraph, a heading, an alt text), with a way to
 * find any of its characters in the file.
 */
export interface Segmento {
  origen: Origen;
  /** Human name of where it is: "el título", "el texto para x", "un párrafo". */
  lugar: string;
  texto: string;
  /** Position in the file of a fragment found at `indice` of `texto`. */
  ubicar(indice: number, fragmento?: string): Posicion;
  /** Body node, for checks that need the tree. */
  nodo?: Nodes;
}

/** A parsed note body and helpers to turn offsets and field paths into file positions. */
export interface Documento {
  /** MDX tree of the body; absent when the body is not valid MDX. */
  arbol?: Root;
  /** Why the body could not be parsed, with its position in the file and, when known, the fix. */
  errorMdx?: { mensaje: string; arreglo?: string } & Posicion;
  /** Readable text blocks of the body (paragraphs, headings, list items, cells, code) in order. */
  bloques: Segmento[];
  /** Alternative texts of images in the body. */
  alts: Segmento[];
  /** Position in the file of an absolute character offset. */
  posicion(offset: number): Posicion;
  /** Position of a body offset (relative to the body string). */
  posicionCuerpo(offset: number): Posicion;
  /** Position of a frontmatter field (its key), e.g. ["imagen", "alt"]. */
  campo(ruta: (string | number)[]): Posicion;
  /** A segment for a frontmatter text field. */
  segmentoCampo(ruta: (string | number)[], texto: string, origen: Origen, lugar: string): Segmento;
}

const EXTENSIONES_MDX = [mdxjs()];
const MDAST_MDX = [mdxFromMarkdown()];
// MDX turns off indented code; plain markdown must do the same to give the same tree.
const SIN_CODIGO_INDENTADO = [{ disable: { null: ["codeIndented"] } }];

/**
 * Parses an MDX body with the MDX parser (micromark + mdast-util-mdx). Without "<", "{" or an
 * import/export line the MDX syntax cannot occur, so the cheaper markdown parser gives the same tree.
 */
export function analizarMdx(cuerpo: string): Root {
  if (/[<{]|^(?:import|export)\b/m.test(cuerpo)) {
    return fromMarkdown(cuerpo, { extensions: EXTENSIONES_MDX, mdastExtensions: MDAST_MDX });
  }
  return fromMarkdown(cuerpo, { extensions: SIN_CODIGO_INDENTADO });
}

/** Time a suspicious body may take to parse before it is reported as not processable. */
export const LIMITE_ANALISIS_MS = 5000;
/** After this many bodies ran out of time in one run, further suspicious bodies are not tried. */
const MAX_AGOTADOS = 3;
let agotados = 0;

/** Starts a new run: resets the count of bodies that ran out of time. */
export function reiniciarPresupuestoAnalisis(): void {
  agotados = 0;
}

/** An MDX body that could not be parsed within the time limit. */
export class ErrorTiempoAnalisis extends Error {}

/**
 * Bodies that could make the parser slow: very long, full of markdown punctuation, or deeply
 * nested. Ordinary notes never are.
 */
export function cuerpoSospechoso(cuerpo: string): boolean {
  if (cuerpo.length > 30_000) return true;
  if (/^(?:[ \t]*>){8}|^[ \t]{24,}\S/m.test(cuerpo)) return true;
  let especiales = 0;
  for (let i = 0; i < cuerpo.length; i++) {
    const c = cuerpo.charCodeAt(i);
    // * _ ` [ ! < {
    if (c === 42 || c === 95 || c === 96 || c === 91 || c === 33 || c === 60 || c === 123) if (++especiales > 500) return true;
  }
  return false;
}

/** Parses a suspicious body in a worker thread and waits at most LIMITE_ANALISIS_MS. */
function analizarConLimite(cuerpo: string): Root {
  if (agotados >= MAX_AGOTADOS) throw new ErrorTiempoAnalisis("presupuesto agotado");
  const senal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const trabajador = new Worker(new URL("./analizar-aparte.ts", import.meta.url), {
    workerData: { cuerpo, puerto: port2, senal },
    transferList: [port2],
  });
  try {
    const estado = Atomics.wait(senal, 0, 0, LIMITE_ANALISIS_MS);
    const recibido = receiveMessageOnPort(port1)?.message as
      { arbol?: Root; error?: { reason: string; line?: number; column?: number; pila?: boolean } } | undefined;
    if (estado === "timed-out" || !recibido) {
      agotados++;
      throw new ErrorTiempoAnalisis("tiempo agotado");
    }
    if (recibido.error) throw Object.assign(new Error(recibido.error.reason), recibido.error);
    return recibido.arbol!;
  } finally {
    port1.close();
    void trabajador.terminate();
  }
}

function inicioDeLineas(texto: string): number[] {
  const inicios = [0];
  for (let i = texto.indexOf("\n"); i !== -1; i = texto.indexOf("\n", i + 1)) inicios.push(i + 1);
  return inicios;
}

/** Plain text of an inline tree, with the file offset of each text node (for locating findings). */
export function textoEnLinea(nodo: Nodes, offsetCuerpo: number): { texto: string; mapa: { t: number; o: number }[] } {
  let texto = "";
  const mapa: { t: number; o: number }[] = [];
  const visitar = (n: Nodes) => {
    if (n.type === "text" || n.type === "inlineCode" || n.type === "code") {
      const o = n.position?.start.offset;
      if (o !== undefined) mapa.push({ t: texto.length, o: offsetCuerpo + o });
      texto += n.value;
      return;
    }
    if (n.type === "break") {
      texto += "\n";
      return;
    }
    if (n.type === "image" || n.type === "mdxjsEsm" || n.type === "mdxFlowExpression" || n.type === "mdxTextExpression") return;
    if ("children" in n) for (const h of (n as Parent).children) visitar(h);
  };
  visitar(nodo);
  return { texto, mapa };
}

const TIPOS_BLOQUE = new Set(["paragraph", "heading", "tableCell", "code"]);

export function crearDocumento(nota: { texto: string; cuerpo: string; datos?: unknown }): Documento {
  const texto = nota.texto;
  const offsetCuerpo = texto.endsWith(nota.cuerpo) ? texto.length - nota.cuerpo.length : 0;
  let inicios: number[] | undefined;
  const posicion = (offset: number): Posicion => {
    inicios ??= inicioDeLineas(texto);
    let bajo = 0;
    let alto = inicios.length - 1;
    while (bajo < alto) {
      const medio = (bajo + alto + 1) >> 1;
      if (inicios[medio]! <= offset) bajo = medio;
      else alto = medio - 1;
    }
    return { linea: bajo + 1, columna: offset - inicios[bajo]! + 1 };
  };
  let fm: FrontmatterLeido | undefined;
  const campo = (ruta: (string | number)[]): Posicion => {
    // Fast path: a top-level field is the first line that starts with "name:" in the frontmatter.
    if (ruta.length === 1 && typeof ruta[0] === "string" && /^[a-zA-Z]+$/.test(ruta[0])) {
      const m = new RegExp(`^${ruta[0]}\\s*:`, "m").exec(texto.slice(0, offsetCuerpo));
      if (m) return posicion(m.index);
    }
    try {
      fm ??= leerFrontmatter(texto);
      return fm.lineaDe(ruta);
    } catch {
      return { linea: 1, columna: 1 };
    }
  };
  const offsetDeLinea = (p: Posicion): number => {
    inicios ??= inicioDeLineas(texto);
    return (inicios[p.linea - 1] ?? 0) + Math.max(0, p.columna - 1);
  };
  const segmentoCampo = (ruta: (string | number)[], valor: string, origen: Origen, lugar: string): Segmento => ({
    origen,
    lugar,
    texto: valor,
    ubicar(indice, fragmento) {
      const p = campo(ruta);
      const desde = offsetDeLinea(p);
      const buscado = fragmento ?? valor.slice(indice, indice + 12);
      const i = buscado ? texto.indexOf(buscado, desde) : -1;
      return i >= 0 && i < offsetCuerpo ? posicion(i) : p;
    },
  });

  const posicionCuerpoDe = (o: number) => posicion(offsetCuerpo + o);
  const doc: Documento = {
    bloques: [],
    alts: [],
    posicion,
    posicionCuerpo: (o) => posicion(offsetCuerpo + o),
    campo,
    segmentoCampo,
  };
  try {
    doc.arbol = cuerpoSospechoso(nota.cuerpo) ? analizarConLimite(nota.cuerpo) : analizarMdx(nota.cuerpo);
  } catch (e) {
    if (e instanceof ErrorTiempoAnalisis) {
      const donde = inicioDelAnidamiento(nota.cuerpo);
      doc.errorMdx = {
        mensaje: `el cuerpo es tan largo o tan anidado que no se pudo analizar en ${LIMITE_ANALISIS_MS / 1000} segundos${
          donde ? `; el anidamiento empieza en la línea ${posicionCuerpoDe(donde).linea}` : ""
        }`,
        arreglo: "divida el texto en varias notas o quite los niveles de citas, listas o etiquetas repetidos",
        ...posicionCuerpoDe(donde),
      };
      return doc;
    }
    if (desbordaPila(e)) {
      const donde = inicioDelAnidamiento(nota.cuerpo);
      doc.errorMdx = {
        mensaje: `el cuerpo tiene demasiados niveles anidados (citas «>», listas o etiquetas unas dentro de otras) desde la línea ${posicionCuerpoDe(donde).linea} y el analizador no pudo recorrerlo`,
        arreglo:
          "use a lo sumo unos pocos niveles de citas o listas; si el texto se pegó de otro sistema, revise esa parte y quite los signos repetidos",
        ...posicionCuerpoDe(donde),
      };
      return doc;
    }
    const err = e as {
      line?: number;
      column?: number;
      reason?: string;
      message?: string;
      place?: { line?: number; column?: number; start?: { line: number; column: number } };
    };
    const lugar = err.place && "start" in err.place ? err.place.start : err.place;
    const lineaCuerpo = posicion(offsetCuerpo).linea;
    // Some messages carry the place only in their text: "... (4:1-4:6)".
    const enTexto = /\((\d+):(\d+)(?:-\d+:\d+)?\)\s*$/.exec(err.reason ?? "");
    const l = lugar?.line ?? err.line ?? (enTexto ? Number(enTexto[1]) : 1);
    const columnaTexto = enTexto ? Number(enTexto[2]) : undefined;
    doc.errorMdx = {
      mensaje: traducirErrorMdx(err.reason ?? err.message ?? "error de sintaxis"),
      linea: lineaCuerpo + l - 1,
      columna: lugar?.column ?? err.column ?? columnaTexto ?? 1,
    };
    return doc;
  }
  const ubicador =
    (nodo: Nodes, mapa: { t: number; o: number }[]) =>
    (indice: number, fragmento?: string): Posicion => {
      const inicioNodo = offsetCuerpo + (nodo.position?.start.offset ?? 0);
      const finNodo = offsetCuerpo + (nodo.position?.end.offset ?? nota.cuerpo.length);
      // The text node that holds the index (binary search), then the exact fragment near it.
      let bajo = 0;
      let alto = mapa.length - 1;
      while (bajo < alto) {
        const medio = (bajo + alto + 1) >> 1;
        if (mapa[medio]!.t <= indice) bajo = medio;
        else alto = medio - 1;
      }
      const tramo = mapa[bajo];
      const aproximado = tramo ? tramo.o + (indice - tramo.t) : inicioNodo;
      if (fragmento) {
        const desde = Math.max(inicioNodo, aproximado - 80);
        const i = texto.indexOf(fragmento, desde);
        if (i >= 0 && i < finNodo && i <= aproximado + 80 + fragmento.length) return posicion(i);
      }
      return posicion(Math.min(aproximado, Math.max(inicioNodo, finNodo - 1)));
    };
  const visitar = (n: Nodes) => {
    if (TIPOS_BLOQUE.has(n.type)) {
      const { texto: t, mapa } = textoEnLinea(n, offsetCuerpo);
      doc.bloques.push({
        origen: n.type === "heading" ? "titulo-seccion" : "cuerpo",
        lugar: n.type === "heading" ? "un subtítulo" : n.type === "code" ? "un bloque de código" : "el cuerpo",
        texto: t,
        nodo: n,
        ubicar: ubicador(n, mapa),
      });
    }
    if (n.type === "image" && n.alt) {
      const nodo = n;
      doc.alts.push({
        origen: "alt",
        lugar: "el texto alternativo de una imagen",
        texto: n.alt,
        nodo,
        ubicar: (i, f) => ubicador(nodo, [])(i, f ?? n.alt!.slice(i, i + 12)),
      });
    }
    if ((n.type === "mdxJsxFlowElement" || n.type === "mdxJsxTextElement") && n.name === "img") {
      const alt = n.attributes.find((a) => a.type === "mdxJsxAttribute" && a.name === "alt");
      if (alt && typeof alt.value === "string" && alt.value) {
        const valor = alt.value;
        doc.alts.push({
          origen: "alt",
          lugar: "el texto alternativo de una imagen",
          texto: valor,
          nodo: n,
          ubicar: (i, f) => ubicador(n, [])(i, f ?? valor.slice(i, i + 12)),
        });
      }
    }
    if (n.type === "paragraph" || n.type === "heading" || n.type === "tableCell") {
      // Inline images inside are visited below; their text is already in the block.
      for (const h of n.children) if (h.type !== "text") visitarEnLinea(h);
      return;
    }
    if ("children" in n) for (const h of (n as Parent).children) visitar(h);
  };
  const visitarEnLinea = (n: Nodes) => {
    if (n.type === "image" || n.type === "mdxJsxTextElement") visitar(n);
    else if ("children" in n) for (const h of (n as Parent).children) visitarEnLinea(h);
  };
  try {
    visitar(doc.arbol);
  } catch (e) {
    if (!desbordaPila(e)) throw e;
    // Parsed, but too deep to walk: report it like a body that could not be parsed.
    const donde = inicioDelAnidamiento(nota.cuerpo);
    delete doc.arbol;
    doc.bloques = [];
    doc.alts = [];
    doc.errorMdx = {
      mensaje: `el cuerpo tiene demasiados niveles anidados (citas «>», listas o etiquetas unas dentro de otras) desde la línea ${posicionCuerpoDe(donde).linea} y no se pudo recorrer`,
      arreglo:
        "use a lo sumo unos pocos niveles de citas o listas; si el texto se pegó de otro sistema, revise esa parte y quite los signos repetidos",
      ...posicionCuerpoDe(donde),
    };
  }
  return doc;
}

/**
 * Whether a parse failed because the body nests so deep that the parser ran out of stack (V8
 * throws a RangeError; the worker passes its name on). Its text differs between engines and is
 * never shown.
 */
export function desbordaPila(e: unknown): boolean {
  const err = e as { name?: string; message?: string; reason?: string; pila?: boolean } | undefined;
  return (
    e instanceof RangeError ||
    err?.pila === true ||
    err?.name === "RangeError" ||
    /call stack|too much recursion/i.test(err?.reason ?? err?.message ?? "")
  );
}

/** Offset in the body of the first line that opens deep nesting (many ">", list markers or indentation). */
export function inicioDelAnidamiento(cuerpo: string): number {
  const m = /^(?:[ \t]*(?:>|[-*+]|\d+[.)])[ \t]*){4,}|^[ \t]{16,}\S|^(?:[ \t]*<[A-Za-z][^>]*>){4,}/m.exec(cuerpo);
  return m ? m.index : 0;
}

/** Spanish version of the MDX parser's most common messages. */
export function traducirErrorMdx(razon: string): string {
  const r = razon.split("\n")[0] ?? razon;
  if (/Unexpected end of file in expression/i.test(r)) return "una expresión entre llaves { } no se cierra";
  if (/Could not parse expression with acorn/i.test(r)) return "hay llaves { } con un contenido que no es JavaScript válido";
  if (/Unexpected character .* before name/i.test(r))
    return "un signo «<» se interpreta como el inicio de una etiqueta; escriba «&lt;» o «menor que»";
  if (/Expected a closing tag for `<([^>]*)>`/i.test(r)) return `la etiqueta <${/`<([^>]*)>`/.exec(r)![1]}> no se cierra`;
  if (/Expected a closing tag|Unexpected closing tag|Unexpected end of file/i.test(r))
    return "una etiqueta < > no está bien cerrada";
  if (/Unexpected lazy line/i.test(r)) return "una línea dentro de una etiqueta o cita no tiene la sangría esperada";
  return `error de sintaxis MDX (${r})`;
}
