import { readdirSync, readFileSync, existsSync, statSync } from "node:fs";
import path from "node:path";
import type { Institucion } from "./schema/institucion.ts";
import { crearEsquemaNota, type DatosNota } from "./schema/nota.ts";
import { leerFrontmatter, decodificar, ErrorFrontmatter } from "./frontmatter.ts";
import { ErrorConvergente, type Problema } from "./problems.ts";
import { arregloPara, mensajeIssue } from "./zod-es.ts";
import { relativa, rutas } from "./paths.ts";

/** A validated note, with the facts derived from its path. */
export interface Nota {
  /** Stable id derived from the path: "2026/11/festival-del-campesino". */
  id: string;
  slug: string;
  anio: string;
  mes: string;
  /** Path relative to the repository root. */
  archivo: string;
  /** Absolute path. */
  ruta: string;
  datos: DatosNota;
  /** Raw MDX body. */
  cuerpo: string;
  /** Line where the body starts. */
  lineaCuerpo: number;
  /** Site path: "/noticias/2026/11/festival-del-campesino/". */
  url: string;
  /** Absolute path of the main image file, when the note has one. */
  rutaImagen?: string;
  /** Raw text of the file, for checks that need it. */
  texto: string;
}

/** What a note's path says about it. */
export type IdentidadNota = Pick<Nota, "id" | "slug" | "anio" | "mes" | "url">;

/** The id, slug, year, month and site path of the note at content/notas/<anio>/<mes>/<slug>.mdx. */
export function identidadNota(anio: string, mes: string, slug: string): IdentidadNota {
  return { id: `${anio}/${mes}/${slug}`, slug, anio, mes, url: `/noticias/${anio}/${mes}/${slug}/` };
}

export interface ResultadoNotas {
  notas: Nota[];
  problemas: Problema[];
}

const PATRON_RUTA = /^(\d{4})\/(0[1-9]|1[0-2])\/([a-z0-9]+(?:-[a-z0-9]+)*)\.mdx$/;

/** Every .mdx file under a folder, sorted. */
export function listarArchivosNotas(carpeta: string): string[] {
  if (!existsSync(carpeta)) return [];
  const salida: string[] = [];
  const visitar = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visitar(p);
      else if (e.isFile() && e.name.endsWith(".mdx")) salida.push(p);
    }
  };
  if (statSync(carpeta).isFile()) return [carpeta];
  visitar(carpeta);
  return salida.sort();
}

/** Reads and validates one note file. Returns the note or the problems found. */
export function leerNota(
  rutaArchivo: string,
  institucion: Institucion,
  opciones: { raiz?: string; esquema?: ReturnType<typeof crearEsquemaNota> } = {},
): { nota?: Nota; problemas: Problema[] } {
  const r = rutas(opciones.raiz);
  const archivo = relativa(r.raiz, rutaArchivo);
  const problemas: Problema[] = [];
  const relNotas = relativa(r.notas, rutaArchivo);
  const m = PATRON_RUTA.exec(relNotas);
  if (!m) {
    problemas.push({
      archivo,
      mensaje: `la nota no está en una carpeta AAAA/MM/ con un nombre válido (${relNotas})`,
      arreglo: "muévala a content/notas/AAAA/MM/<slug>.mdx; el slug va en minúsculas, sin tildes, con guiones",
    });
    return { problemas };
  }
  let texto: string;
  let fm;
  try {
    texto = decodificar(readFileSync(rutaArchivo));
    fm = leerFrontmatter(texto);
  } catch (e) {
    if (e instanceof ErrorFrontmatter) {
      problemas.push({ archivo, linea: e.linea, columna: e.columna, mensaje: e.message, arreglo: e.arreglo });
      return { problemas };
    }
    const err = e as NodeJS.ErrnoException;
    problemas.push({
      archivo,
      mensaje: `no se pudo leer el archivo (${err.code ?? "error"})`,
      arreglo: "revise los permisos del archivo",
    });
    return { problemas };
  }
  const esquema = opciones.esquema ?? crearEsquemaNota(institucion);
  const resultado = esquema.safeParse(fm.datos);
  if (!resultado.success) {
    for (const issue of resultado.error.issues) {
      const ruta = issue.path as (string | number)[];
      const campoRuta = issue.code === "unrecognized_keys" ? [...ruta, issue.keys[0]!] : ruta;
      const pos = fm.lineaDe(campoRuta);
      problemas.push({
        archivo,
        linea: pos.linea,
        columna: pos.columna,
        campo: campoRuta.join(".") || "(frontmatter)",
        mensaje: mensajeIssue(issue, fm.datos),
        arreglo:
          issue.code === "unrecognized_keys"
            ? "borre el campo o corrija su nombre (los campos van en español, sin tildes: titulo, resumen, publicar...)"
            : arregloPara(ruta),
      });
    }
    return { problemas };
  }
  const datos = resultado.data;
  let rutaImagen: string | undefined;
  if (datos.imagen) {
    rutaImagen = path.resolve(path.dirname(rutaArchivo), datos.imagen.src);
    if (!existsSync(rutaImagen)) {
      const pos = fm.lineaDe(["imagen", "src"]);
      problemas.push({
        archivo,
        linea: pos.linea,
        columna: pos.columna,
        campo: "imagen.src",
        mensaje: `la imagen «${datos.imagen.src}» no existe junto a la nota`,
        arreglo: `guarde el archivo en ${relativa(r.raiz, path.dirname(rutaArchivo))}/ o corrija el nombre`,
      });
      return { problemas };
    }
  }
  const [, anio, mes, slug] = m as unknown as [string, string, string, string];
  return {
    problemas,
    nota: {
      ...identidadNota(anio, mes, slug),
      archivo,
      ruta: rutaArchivo,
      datos,
      cuerpo: fm.cuerpo,
      lineaCuerpo: fm.lineaCuerpo,
      rutaImagen,
      texto,
    },
  };
}

/** Reads every note (or the given files/folders), validating each and checking slugs are unique. */
export function cargarNotas(institucion: Institucion, opciones: { raiz?: string; archivos?: string[] } = {}): ResultadoNotas {
  const r = rutas(opciones.raiz);
  const archivos = opciones.archivos ?? listarArchivosNotas(r.notas);
  const esquema = crearEsquemaNota(institucion);
  const notas: Nota[] = [];
  const problemas: Problema[] = [];
  const porSlug = new Map<string, Nota>();
  for (const a of archivos) {
    const res = leerNota(a, institucion, { raiz: r.raiz, esquema });
    problemas.push(...res.problemas);
    if (!res.nota) continue;
    const previa = porSlug.get(res.nota.slug);
    if (previa) {
      problemas.push({
        archivo: res.nota.archivo,
        linea: 1,
        mensaje: `el slug «${res.nota.slug}» ya lo usa ${previa.archivo}; cada nota necesita un nombre de archivo único`,
        arreglo: "cambie el nombre del archivo por otro que describa esta nota",
      });
      continue;
    }
    porSlug.set(res.nota.slug, res.nota);
    notas.push(res.nota);
  }
  return { notas, problemas };
}

/** Like cargarNotas, but throws a Spanish ErrorConvergente when any note is invalid (used by the build). */
export function cargarNotasOFallar(institucion: Institucion, opciones: { raiz?: string } = {}): Nota[] {
  const { notas, problemas } = cargarNotas(institucion, opciones);
  if (problemas.length)
    throw new ErrorConvergente(
      `Hay ${problemas.length} ${problemas.length === 1 ? "problema" : "problemas"} en las notas; corríjalos para continuar:`,
      problemas,
    );
  return notas;
}

/** A note is public when it is not a draft and its time has come. */
export const esPublica = (nota: Pick<Nota, "datos">, ahora: Date): boolean =>
  !nota.datos.borrador && nota.datos.publicar.getTime() <= ahora.getTime();
