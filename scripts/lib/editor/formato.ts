import { parse } from "yaml";
import { fromMarkdown } from "mdast-util-from-markdown";
import { mdxjs } from "micromark-extension-mdxjs";
import { mdxFromMarkdown } from "mdast-util-mdx";
import { crearEsquemaNota, type DatosNotaEntrada } from "../content/schema/nota.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import { mensajeIssue } from "../content/zod-es.ts";
import { seguridadDe } from "../checks/seguridad.ts";
import type { Documento } from "../checks/documento.ts";
import { textoNota } from "../notes/plantilla.ts";
import { CLAVES_CARPETA } from "./configuracion.ts";
import { CAMPOS_EDITOR } from "./textos.ts";

/**
 * How the web editor reads and writes a note file. Runs in the browser (bundled into /admin/), so
 * it imports nothing from Node. Files are written exactly like `prensa nueva` writes them.
 */

/** Removes what an empty form leaves behind (empty texts, empty objects and lists) so optional fields are absent. */
export function limpiar(valor: unknown): unknown {
  if (typeof valor === "string") return valor.trim() === "" ? undefined : valor;
  if (Array.isArray(valor)) return valor.map(limpiar).filter((v) => v !== undefined);
  if (valor && typeof valor === "object" && !(valor instanceof Date)) {
    const r: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(valor)) {
      const l = limpiar(v);
      if (l !== undefined && !(l && typeof l === "object" && !Array.isArray(l) && Object.keys(l).length === 0)) r[k] = l;
    }
    return r;
  }
  return valor ?? undefined;
}

/** "2026-12-01T22:10:00Z" or any offset → "2026-12-01T17:10:00-05:00": every date a person sees is Bogotá time. */
export function horaBogota(valor: string): string {
  const d = new Date(valor);
  if (Number.isNaN(d.getTime()) || /^\d{4}-\d{2}-\d{2}$/.test(valor)) return valor;
  const local = new Date(d.getTime() - 5 * 3600_000);
  return `${local.toISOString().slice(0, 19)}-05:00`;
}

/**
 * The folder of a note, year and month of `publicar` in Bogotá (like `prensa nueva`): the entry data
 * keys the collection's `path` reads (CLAVES_CARPETA). A note of 2026-11-30T21:00 in Bogotá (1
 * December in UTC) goes to 2026/11. Undefined when `publicar` is not a date.
 */
export function carpetaDeFormulario(datos: Record<string, unknown>): Record<string, string> | undefined {
  const valor = datos.publicar instanceof Date ? datos.publicar.toISOString() : datos.publicar;
  if (typeof valor !== "string") return undefined;
  const m = /^(\d{4})-(\d{2})-\d{2}/.exec(horaBogota(valor.trim()));
  if (!m || Number.isNaN(new Date(valor).getTime())) return undefined;
  return { [CLAVES_CARPETA.anio]: m[1]!, [CLAVES_CARPETA.mes]: m[2]! };
}

/** The frontmatter the form's data become: empty values dropped, dates in Bogotá time, networks without text as names. */
export function frontmatterDeFormulario(datos: Record<string, unknown>): DatosNotaEntrada {
  const limpio = (limpiar({
    ...datos,
    body: undefined,
    [CLAVES_CARPETA.anio]: undefined,
    [CLAVES_CARPETA.mes]: undefined,
  }) ?? {}) as Record<string, unknown>;
  if (typeof limpio.publicar === "string") limpio.publicar = horaBogota(limpio.publicar);
  if (Array.isArray(limpio.correcciones))
    limpio.correcciones = (limpio.correcciones as Record<string, unknown>[]).map((c) =>
      typeof c.fecha === "string" ? { ...c, fecha: horaBogota(c.fecha) } : c,
    );
  if (Array.isArray(limpio.canales))
    limpio.canales = (limpio.canales as Record<string, unknown>[]).map((c) =>
      c && typeof c === "object" && Object.keys(c).length === 1 && typeof c.red === "string" ? c.red : c,
    );
  const privacidad = limpio.privacidad as Record<string, unknown> | undefined;
  if (privacidad?.datosPersonales === "ninguno") delete privacidad.autorizacion;
  // Fields in the schema's order, as `prensa nueva` writes them (the form hands them in any order).
  const orden = Object.keys(CAMPOS_EDITOR).filter((c) => !/[.[]/.test(c));
  const posicion = (c: string) => (orden.includes(c) ? orden.indexOf(c) : orden.length);
  return Object.fromEntries(Object.entries(limpio).sort(([a], [b]) => posicion(a) - posicion(b))) as DatosNotaEntrada;
}

/** The note file for the form's data (Decap's custom format `toFile`). */
export function archivoDeFormulario(datos: Record<string, unknown>): string {
  return textoNota(frontmatterDeFormulario(datos), typeof datos.body === "string" ? datos.body : "");
}

/** The form's data for a note file (Decap's custom format `fromFile`). */
export function formularioDeArchivo(texto: string): Record<string, unknown> {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(texto);
  if (!m) return { body: texto };
  const datos = (parse(m[1]!) ?? {}) as Record<string, unknown>;
  if (Array.isArray(datos.canales)) datos.canales = datos.canales.map((c: unknown) => (typeof c === "string" ? { red: c } : c));
  return { ...datos, body: m[2]!.replace(/^\r?\n/, "") };
}

/** A documento for the seguridad rules: the MDX tree of the body (the same parser as `prensa validar`). */
function documentoDe(cuerpo: string): Documento | { mensajeMdx: string } {
  try {
    const arbol = fromMarkdown(cuerpo, { extensions: [mdxjs()], mdastExtensions: [mdxFromMarkdown()] });
    const posicionCuerpo = (offset: number) => {
      const antes = cuerpo.slice(0, offset).split("\n");
      return { linea: antes.length, columna: antes.at(-1)!.length + 1 };
    };
    return { arbol, posicionCuerpo } as unknown as Documento;
  } catch (e) {
    return { mensajeMdx: (e as Error).message };
  }
}

/**
 * Spanish reasons why the form's data cannot be saved: the note schema (the same one the site and
 * `prensa validar` use) and the seguridad rules on the body. Empty when the note can be saved.
 */
export function problemasDeFormulario(institucion: Institucion, datos: Record<string, unknown>): string[] {
  const problemas: string[] = [];
  const r = crearEsquemaNota(institucion).safeParse(frontmatterDeFormulario(datos));
  if (!r.success) for (const i of r.error.issues) problemas.push(`${i.path.join(".") || "nota"}: ${mensajeIssue(i)}`);
  const doc = documentoDe(typeof datos.body === "string" ? datos.body : "");
  if ("mensajeMdx" in doc)
    problemas.push(
      `cuerpo: el texto no se puede leer como MDX (${doc.mensajeMdx}); si escribió llaves { } o signos < >, quítelos o escríbalos como \\{ \\} \\<`,
    );
  else for (const h of seguridadDe("nota", doc)) problemas.push(`cuerpo, línea ${h.linea}: ${h.mensaje}; ${h.arreglo}`);
  return problemas;
}
