import { readFileSync } from "node:fs";
import path from "node:path";
import { decodificar, leerFrontmatter, ErrorFrontmatter } from "../content/frontmatter.ts";
import { identidadNota, type Nota } from "../content/notas.ts";
import type { EsquemaNota, DatosNota } from "../content/schema/nota.ts";
import type { Familia } from "./tipos.ts";

/**
 * A note whose frontmatter did not pass the schema (or whose YAML is broken), rebuilt with every
 * field that is still valid, so the rule families that do not need the broken fields can run:
 * a compiler reports every error it can, not only the first.
 */
export interface NotaParcial {
  nota: Nota;
  /** Top-level fields that are missing or invalid; their neutral stand-ins are never checked. */
  rotos: Set<string>;
}

/** Stand-ins for required fields that are broken: empty texts give no findings. */
const NEUTROS: Record<string, unknown> = {
  titulo: "",
  resumen: "",
  publicar: new Date(0),
  dependencia: "",
  autor: "",
};

/** Fields a family reads besides the body; when one is broken the family is skipped for that note. */
const NECESITA: Partial<Record<Familia, readonly string[]>> = {
  // The derived text of each network is built from title, summary, tags and image.
  canal: ["canales", "etiquetas", "imagen", "titulo", "resumen"],
};

/** Whether a family can run on a note with these broken fields. */
export function familiaPosible(familia: Familia, rotos: ReadonlySet<string>): boolean {
  return !(NECESITA[familia] ?? []).some((c) => rotos.has(c));
}

/** Opening block "---\n...\n---" of a file whose YAML did not parse, to still reach the body. */
const BLOQUE_DATOS = /^\uFEFF?---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/;
const RUTA_NOTA = /(\d{4})\/(\d{2})\/([^/]+)\.mdx$/;

/**
 * Reads a note that the loader rejected and returns what can still be checked, or undefined when
 * nothing can (unreadable, binary or not UTF-8, or a frontmatter block that never closes).
 */
export function notaParcial(rutaArchivo: string, archivo: string, esquema: EsquemaNota): NotaParcial | undefined {
  let texto: string;
  try {
    texto = decodificar(readFileSync(rutaArchivo));
  } catch {
    return undefined;
  }
  let crudos: Record<string, unknown> = {};
  let cuerpo: string;
  let lineaCuerpo: number;
  const rotos = new Set<string>();
  try {
    const fm = leerFrontmatter(texto);
    crudos = fm.datos;
    cuerpo = fm.cuerpo;
    lineaCuerpo = fm.lineaCuerpo;
  } catch (e) {
    if (!(e instanceof ErrorFrontmatter)) return undefined;
    const bloque = BLOQUE_DATOS.exec(texto);
    if (!bloque) return undefined;
    cuerpo = texto.slice(bloque[0].length);
    lineaCuerpo = bloque[0].split("\n").length;
    for (const campo of Object.keys(esquema.shape)) rotos.add(campo);
  }
  const datos: Record<string, unknown> = {};
  for (const [campo, tipo] of Object.entries(esquema.shape)) {
    const r = rotos.has(campo) ? undefined : tipo.safeParse(crudos[campo]);
    if (r?.success) {
      datos[campo] = r.data;
      continue;
    }
    rotos.add(campo);
    const vacio = tipo.safeParse(undefined);
    datos[campo] = vacio.success ? vacio.data : NEUTROS[campo];
  }
  // A note outside AAAA/MM/ still gets an identity (its path problem is reported elsewhere).
  const m = RUTA_NOTA.exec(archivo);
  const identidad = m
    ? identidadNota(m[1]!, m[2]!, m[3]!)
    : { ...identidadNota("0000", "00", path.basename(archivo).replace(/\.mdx?$/i, "")), url: "/noticias/" };
  return {
    rotos,
    nota: { ...identidad, archivo, ruta: rutaArchivo, datos: datos as DatosNota, cuerpo, lineaCuerpo, texto },
  };
}
