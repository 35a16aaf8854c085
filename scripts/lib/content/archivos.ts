import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync } from "node:fs";
import path from "node:path";
import { tipoImagen } from "../images/formato.ts";
import { ErrorConvergente } from "./problems.ts";

/**
 * Content files are data, never pointers. A note's image is read only when:
 * - `imagen.src` names a file inside the note's own folder (no `..`, no absolute path);
 * - neither the file nor any folder between the note's folder and it is a symbolic link
 *   (git stores symlinks, so a pull request can add one pointing at /proc/self/environ or at a
 *   credentials file of the runner), so its real path stays inside the note's folder;
 * - it is a regular file whose bytes are the image type its extension says.
 * The bytes are then read through a descriptor opened with O_NOFOLLOW, so a link swapped in after
 * the check is refused too.
 */

/** Kinds of refusal, as the `seguridad/…` rule names of `prensa validar`. */
export type ReglaArchivo =
  "seguridad/enlace-simbolico" | "seguridad/fuera-de-la-carpeta" | "seguridad/no-es-archivo" | "seguridad/tipo-de-imagen";

export interface ProblemaArchivo {
  regla: ReglaArchivo;
  /** Spanish, what is wrong. */
  mensaje: string;
  /** Spanish, how to fix it. */
  arreglo: string;
}

/** The image type each allowed extension promises (the note schema allows .jpg, .jpeg, .png and .webp). */
const TIPO_POR_EXTENSION: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
};

const NOMBRE_TIPO: Record<string, string> = {
  "image/png": "PNG",
  "image/jpeg": "JPEG",
  "image/webp": "WebP",
};

/** PNG and JPEG from images/formato.ts; WebP is a RIFF container with the "WEBP" form type. */
export function tipoDeBytes(datos: Uint8Array): string | undefined {
  const comun = tipoImagen(datos);
  if (comun) return comun;
  const ascii = (i: number, n: number) => String.fromCharCode(...datos.subarray(i, i + n));
  if (datos.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 4) === "WEBP") return "image/webp";
  return undefined;
}

/** Bytes enough to recognise any of the allowed types. */
const CABECERA = 16;

/** Reads a file through a descriptor that refuses a final symbolic link (ELOOP), and only a regular file. */
export function leerSinSeguirEnlaces(ruta: string, maximo = Number.POSITIVE_INFINITY): Buffer {
  const fd = openSync(ruta, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new Error(`${ruta} no es un archivo`);
    const largo = Math.min(info.size, maximo);
    const datos = Buffer.alloc(largo);
    let leido = 0;
    while (leido < largo) {
      const n = readSync(fd, datos, leido, largo - leido, leido);
      if (n === 0) break;
      leido += n;
    }
    return leido === largo ? datos : datos.subarray(0, leido);
  } finally {
    closeSync(fd);
  }
}

/**
 * Checks the image `src` of the note at `rutaNota` without following any link. Returns the
 * problem, or undefined when the file is safe to read. A missing file is not reported here (the
 * note loader already says «no existe junto a la nota»).
 */
export function revisarImagen(rutaNota: string, src: string): ProblemaArchivo | undefined {
  const carpeta = path.dirname(path.resolve(rutaNota));
  const destino = path.resolve(carpeta, src);
  const relativa = path.relative(carpeta, destino);
  const nombreCarpeta = path.basename(carpeta);
  if (path.isAbsolute(src) || relativa === "" || relativa.startsWith("..") || path.isAbsolute(relativa)) {
    return {
      regla: "seguridad/fuera-de-la-carpeta",
      mensaje: `la imagen «${src}» queda fuera de la carpeta de la nota (${nombreCarpeta}/)`,
      arreglo: `copie la imagen junto a la nota y escriba solo su nombre en imagen.src (por ejemplo «${path.basename(src)}»)`,
    };
  }
  // Every step from the note's folder down to the file: none may be a link.
  let actual = carpeta;
  for (const parte of relativa.split(path.sep)) {
    actual = path.join(actual, parte);
    let info;
    try {
      info = lstatSync(actual);
    } catch {
      return undefined;
    }
    if (info.isSymbolicLink()) {
      return {
        regla: "seguridad/enlace-simbolico",
        mensaje: `la imagen «${src}» es un enlace simbólico${actual === destino ? "" : ` (lo es «${path.relative(carpeta, actual)}»)`}, no un archivo: el sitio copiaría lo que haya al otro lado del enlace`,
        arreglo: "reemplace el enlace por una copia real de la imagen (git add del archivo, no del enlace)",
      };
    }
    if (actual === destino && !info.isFile()) {
      return {
        regla: "seguridad/no-es-archivo",
        mensaje: `la imagen «${src}» no es un archivo común`,
        arreglo: "use un archivo de imagen .jpg, .png o .webp junto a la nota",
      };
    }
  }
  // No step from the note's folder down is a link and the path has no "..": the file's real path
  // is therefore inside the note's real folder (what realpath would tell, without following anything).
  const esperado = TIPO_POR_EXTENSION[path.extname(destino).toLowerCase()];
  let cabecera: Buffer;
  try {
    cabecera = leerSinSeguirEnlaces(destino, CABECERA);
  } catch {
    return {
      regla: "seguridad/enlace-simbolico",
      mensaje: `la imagen «${src}» no se pudo abrir sin seguir enlaces`,
      arreglo: "reemplace el enlace por una copia real de la imagen",
    };
  }
  const tipo = tipoDeBytes(cabecera);
  if (!esperado || tipo !== esperado) {
    const dice = esperado ? NOMBRE_TIPO[esperado] : path.extname(destino);
    const es = tipo ? `una imagen ${NOMBRE_TIPO[tipo]}` : "un archivo que no es imagen (por ejemplo, texto)";
    return {
      regla: "seguridad/tipo-de-imagen",
      mensaje: `la imagen «${src}» dice ser ${dice} por su extensión, pero su contenido es ${es}`,
      arreglo: tipo
        ? `cambie la extensión del archivo y de imagen.src a la de su tipo real (${NOMBRE_TIPO[tipo]})`
        : "exporte la imagen otra vez como .jpg o .png desde el programa de edición",
    };
  }
  return undefined;
}

/**
 * The bytes of a note's image, for every step that copies or draws it: refuses anything
 * `revisarImagen` refuses, with a Spanish error naming the note and the rule.
 */
export function leerImagenNota(rutaNota: string, src: string): Buffer {
  const problema = revisarImagen(rutaNota, src);
  if (problema) {
    throw new ErrorConvergente(`La imagen de ${path.basename(rutaNota)} no es segura (${problema.regla}).`, [
      { archivo: rutaNota, campo: "imagen.src", mensaje: problema.mensaje, arreglo: problema.arreglo },
    ]);
  }
  return leerSinSeguirEnlaces(path.resolve(path.dirname(path.resolve(rutaNota)), src));
}

/** One refused note file or image, for the build. */
export interface RechazoContenido {
  archivo: string;
  problema: ProblemaArchivo;
}

/**
 * The notes (given as absolute path → imagen.src, when it has one) whose file or image is not
 * plain data. The note file itself must not be a link either.
 */
export function rechazosDeContenido(notas: { ruta: string; src?: string | undefined }[]): RechazoContenido[] {
  const salida: RechazoContenido[] = [];
  for (const n of notas) {
    let enlace = false;
    try {
      enlace = lstatSync(n.ruta).isSymbolicLink();
    } catch {
      // A note the loader could not read is reported by the loader; its image is still checked.
    }
    if (enlace) {
      salida.push({
        archivo: n.ruta,
        problema: {
          regla: "seguridad/enlace-simbolico",
          mensaje: "la nota es un enlace simbólico, no un archivo",
          arreglo: "reemplace el enlace por el archivo .mdx real",
        },
      });
      continue;
    }
    const problema = n.src ? revisarImagen(n.ruta, n.src) : undefined;
    if (problema) salida.push({ archivo: n.ruta, problema });
  }
  return salida;
}

/** Every symbolic link under a folder (files and folders; links are never followed). */
export function enlacesBajo(carpeta: string): string[] {
  const salida: string[] = [];
  const visitar = (dir: string) => {
    let entradas;
    try {
      entradas = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entradas) {
      const p = path.join(dir, e.name);
      if (e.isSymbolicLink()) salida.push(p);
      else if (e.isDirectory()) visitar(p);
    }
  };
  visitar(carpeta);
  return salida.sort();
}

/**
 * Stops the build before anything is written when a note's file or image is not plain data, or
 * when any symbolic link sits under the notes folder. Called at the start of the site build
 * (site/integraciones/convergente.ts, astro:build:start).
 */
export function exigirContenidoSeguro(
  notas: { ruta: string; archivo: string; datos: { imagen?: { src: string } | undefined } }[],
  carpetaNotas: string,
  raiz: string,
): void {
  const rechazos = rechazosDeContenido(notas.map((n) => ({ ruta: n.ruta, src: n.datos.imagen?.src })));
  const vistos = new Set(rechazos.map((r) => r.archivo));
  for (const enlace of enlacesBajo(carpetaNotas)) {
    if (vistos.has(enlace)) continue;
    rechazos.push({
      archivo: enlace,
      problema: {
        regla: "seguridad/enlace-simbolico",
        mensaje: "es un enlace simbólico dentro de las notas; el contenido son archivos, nunca enlaces",
        arreglo: "borre el enlace (git rm) y, si hace falta, agregue una copia real del archivo",
      },
    });
  }
  if (!rechazos.length) return;
  throw new ErrorConvergente(
    `La construcción se detuvo antes de escribir nada: ${rechazos.length} archivo(s) de contenido no son seguros.`,
    rechazos.map((r) => ({
      archivo: path.relative(raiz, r.archivo).split(path.sep).join("/"),
      mensaje: `${r.problema.regla}: ${r.problema.mensaje}`,
      arreglo: r.problema.arreglo,
    })),
  );
}
