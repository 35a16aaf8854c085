import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { cargarInstitucion } from "../content/institucion.ts";
import { cargarNotas, listarArchivosNotas, type Nota } from "../content/notas.ts";
import { decodificar, leerFrontmatter } from "../content/frontmatter.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { relativa, rutas } from "../content/paths.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import { ErrorUso } from "../cli/comando.ts";
import { crearDocumento } from "./documento.ts";
import { hallazgosDeProblemas } from "./esquema.ts";
import { revisarPrivacidad } from "./privacidad.ts";
import { revisarLenguaje } from "./lenguaje.ts";
import { revisarCanales } from "./canal.ts";
import { revisarAccesibilidad } from "./accesibilidad.ts";
import { revisarSeguridad, seguridadDe } from "./seguridad.ts";
import { revisarEnlaces, sitioConocido } from "./enlaces.ts";
import { leerEnRevision, revisarErratas, versionAnterior } from "./erratas.ts";
import type { ContextoNota, Familia, Hallazgo, Revision } from "./tipos.ts";

/** The families that look at one note, in report order. */
export const REVISIONES: [Familia, Revision][] = [
  ["seguridad", revisarSeguridad],
  ["privacidad", revisarPrivacidad],
  ["accesibilidad", revisarAccesibilidad],
  ["canal", revisarCanales],
  ["enlaces", revisarEnlaces],
  ["lenguaje", revisarLenguaje],
];

export interface OpcionesValidar {
  /** Repository root. */
  raiz: string;
  /** Files or folders to check (absolute); all notes when absent. */
  rutas?: string[];
  /** Git revision to compare with for erratas/*. */
  base?: string;
  /** "Now" (PRENSA_AHORA in tests and CI). */
  ahora: Date;
}

export interface ResultadoValidar {
  hallazgos: Hallazgo[];
  /** Files read. */
  archivos: number;
  /** Notes with a valid frontmatter. */
  notas: number;
}

const ID_DE_RUTA = /(\d{4})\/(\d{2})\/([a-z0-9-]+)\.mdx$/;

/** Expands the paths given on the command line into note files. */
export function expandirRutas(rutasDadas: string[]): string[] {
  const salida = new Set<string>();
  for (const r of rutasDadas) {
    if (!existsSync(r)) throw new ErrorUso(`no existe el archivo o carpeta «${r}»`);
    if (statSync(r).isDirectory()) for (const a of listarArchivosNotas(r)) salida.add(a);
    else if (/\.mdx?$/i.test(r)) salida.add(path.resolve(r));
  }
  return [...salida].sort();
}

const orden = (a: Hallazgo, b: Hallazgo) =>
  a.archivo.localeCompare(b.archivo) || a.linea - b.linea || a.columna - b.columna || a.regla.localeCompare(b.regla);

/**
 * Runs every rule family over the notes (or the given paths) and returns the findings, sorted
 * by file and line. Reads each file once; a bad config becomes an esquema/configuracion finding.
 */
export function validar(op: OpcionesValidar): ResultadoValidar {
  const r = rutas(op.raiz);
  let institucion: Institucion;
  try {
    institucion = cargarInstitucion(r.raiz);
  } catch (e) {
    if (!(e instanceof ErrorConvergente)) throw e;
    const problemas = e.problemas.length ? e.problemas : [{ archivo: relativa(r.raiz, r.config), mensaje: e.message }];
    return {
      hallazgos: problemas.map((p) => ({
        archivo: p.archivo,
        linea: p.linea ?? 1,
        columna: p.columna ?? 1,
        regla: "esquema/configuracion",
        severidad: "error",
        mensaje: p.campo ? `campo «${p.campo}»: ${p.mensaje}` : p.mensaje,
        ...(p.arreglo ? { arreglo: p.arreglo } : {}),
      })),
      archivos: 0,
      notas: 0,
    };
  }
  const todos = listarArchivosNotas(r.notas);
  const archivos = op.rutas ? expandirRutas(op.rutas) : todos;
  const { notas, problemas } = cargarNotas(institucion, { raiz: r.raiz, archivos });
  const hallazgos = hallazgosDeProblemas(problemas);

  // Notes whose frontmatter failed still get the security check of their body.
  const validas = new Set(notas.map((n) => n.archivo));
  const conProblemas = new Set(problemas.map((p) => p.archivo));
  for (const archivo of conProblemas) {
    if (validas.has(archivo)) continue;
    try {
      const texto = decodificar(readFileSync(path.join(r.raiz, archivo)));
      const fm = leerFrontmatter(texto);
      hallazgos.push(...seguridadDe(archivo, crearDocumento({ texto, cuerpo: fm.cuerpo })));
    } catch {
      // Already reported by the loader (unreadable, binary, broken YAML).
    }
  }

  // With a subset of files, slugs must still be unique across the whole repository.
  if (op.rutas) {
    const porSlug = new Map<string, string[]>();
    for (const a of todos) {
      const slug = path.basename(a).replace(/\.mdx?$/, "");
      porSlug.set(slug, [...(porSlug.get(slug) ?? []), relativa(r.raiz, a)]);
    }
    for (const n of notas) {
      const otro = porSlug.get(n.slug)?.find((a) => a !== n.archivo);
      if (otro)
        hallazgos.push({
          archivo: n.archivo,
          linea: 1,
          columna: 1,
          regla: "esquema/slug-repetido",
          severidad: "error",
          mensaje: `el slug «${n.slug}» ya lo usa ${otro}; cada nota necesita un nombre de archivo único`,
          arreglo: "cambie el nombre del archivo por otro que describa esta nota",
        });
    }
  }

  const ids = todos
    .map((a) => ID_DE_RUTA.exec(a.split(path.sep).join("/")))
    .filter((m) => !!m)
    .map((m) => `${m[1]}/${m[2]}/${m[3]}`);
  const sitio = sitioConocido(r.raiz, institucion, ids);
  const documentos = new Map<Nota, ContextoNota>();
  for (const nota of notas) {
    const doc = crearDocumento(nota);
    if (doc.errorMdx) {
      hallazgos.push({
        archivo: nota.archivo,
        linea: doc.errorMdx.linea,
        columna: doc.errorMdx.columna,
        regla: "esquema/mdx-invalido",
        severidad: "error",
        mensaje: `el cuerpo no es MDX válido: ${doc.errorMdx.mensaje}`,
        arreglo: "corrija la sintaxis; el sitio no se puede construir con este error",
      });
    }
    const ctx: ContextoNota = { nota, institucion, doc, raiz: r.raiz, sitio };
    documentos.set(nota, ctx);
    for (const [, revisar] of REVISIONES) hallazgos.push(...revisar(ctx));
  }

  if (op.base) {
    const anteriores = leerEnRevision(
      r.raiz,
      op.base,
      notas.map((n) => n.archivo),
    );
    for (const nota of notas) {
      const texto = anteriores.get(nota.archivo);
      if (texto === undefined) continue;
      const anterior = versionAnterior(texto);
      if (anterior) hallazgos.push(...revisarErratas(nota, anterior, op.ahora, documentos.get(nota)!.doc, op.base));
    }
  }
  return { hallazgos: hallazgos.sort(orden), archivos: archivos.length, notas: notas.length };
}
