import { readFileSync } from "node:fs";
import path from "node:path";
import type { Institucion } from "../content/schema/institucion.ts";
import { crearEsquemaNota } from "../content/schema/nota.ts";
import { leerNota, listarArchivosNotas, type Nota } from "../content/notas.ts";
import type { Problema } from "../content/problems.ts";
import { relativa, rutas } from "../content/paths.ts";
import { leerRegistro } from "../ledger/almacen.ts";
import type { Registro } from "../ledger/schema.ts";
import { hashNota } from "./version.ts";

const RUTA_NOTA = /^(\d{4})\/(0[1-9]|1[0-2])\/([a-z0-9]+(?:-[a-z0-9]+)*)\.mdx$/;
const decodificador = new TextDecoder("utf-8");

/** The frontmatter block of a note's text, or undefined when there is none. */
function frontmatter(texto: string): string | undefined {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?(\n|$)/.exec(texto);
  return m?.[1];
}

export interface CargaPublicar {
  /** Notes that may have work (fully parsed and validated). */
  notas: Nota[];
  /** Their records (validated). */
  registros: Map<string, Registro>;
  /** Notes skipped without parsing: no `canales`, or unchanged since they were fully published. */
  omitidas: number;
  problemas: Problema[];
}

/**
 * Loads what `prensa publicar` needs, fast: a note is skipped without parsing when its frontmatter
 * has no `canales` (it goes to no network) or when its record's `hashNota` equals the hash of its
 * text and every network in the record is published (nothing changed since it went out). Every
 * other note is read and validated in full, with its record.
 */
export function cargarParaPublicar(raiz: string, institucion: Institucion): CargaPublicar {
  const r = rutas(raiz);
  const esquema = crearEsquemaNota(institucion);
  const notas: Nota[] = [];
  const registros = new Map<string, Registro>();
  const problemas: Problema[] = [];
  let omitidas = 0;
  const prefijo = r.notas + path.sep;
  for (const archivo of listarArchivosNotas(r.notas)) {
    const rel = archivo.startsWith(prefijo)
      ? archivo.slice(prefijo.length).split(path.sep).join("/")
      : relativa(r.notas, archivo);
    const m = RUTA_NOTA.exec(rel);
    if (m) {
      let texto: string | undefined;
      try {
        texto = decodificador.decode(readFileSync(archivo));
      } catch {
        texto = undefined;
      }
      const fm = texto === undefined ? undefined : frontmatter(texto);
      if (fm !== undefined && !/^canales\s*:/m.test(fm)) {
        omitidas++;
        continue;
      }
      if (texto !== undefined && hechaSinCambios(path.join(r.publicaciones, `${rel.slice(0, -4)}.json`), texto)) {
        omitidas++;
        continue;
      }
    }
    const res = leerNota(archivo, institucion, { raiz, esquema });
    problemas.push(...res.problemas);
    if (!res.nota) continue;
    notas.push(res.nota);
    const registro = leerRegistro(raiz, res.nota.id);
    if (registro) registros.set(res.nota.id, registro);
  }
  return { notas, registros, omitidas, problemas };
}

/** Whether the record says the note was fully published and the note has not changed since. */
function hechaSinCambios(rutaRegistro: string, texto: string): boolean {
  let datos: { hashNota?: unknown; redes?: Record<string, { estado?: unknown; correcciones?: { estado?: unknown }[] }> };
  try {
    datos = JSON.parse(readFileSync(rutaRegistro, "utf8")) as typeof datos;
  } catch {
    return false;
  }
  if (typeof datos.hashNota !== "string" || datos.hashNota !== hashNota(texto)) return false;
  return Object.values(datos.redes ?? {}).every(
    (e) => e.estado === "publicado" && (e.correcciones ?? []).every((c) => c.estado === "publicado"),
  );
}
