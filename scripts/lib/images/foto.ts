// Sets mimalloc options; must come before @resvg/resvg-js (see entorno.ts).
import "./entorno.ts";
import { createHash } from "node:crypto";
import { lstatSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import { leerSinSeguirEnlaces } from "../content/archivos.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { dimensiones, tipoImagen } from "./formato.ts";

/**
 * The note's photo, decoded, scaled and cropped ("cover", centred) to the panel size once, and
 * kept in memory by content hash as raw pixels: notes sharing a photo pay for it once, and a
 * 4000×3000 camera JPEG is never decoded again on each render.
 */

/** Decoded pixels of a photo scaled to the panel (ancho × alto, opaque), as RGB: 3 bytes each. */
export interface FotoPreparada {
  pixeles: Uint8Array;
  ancho: number;
  alto: number;
}

// 480 × 562 × 3 bytes ≈ 0.8 MB each.
const MAX_EN_MEMORIA = 32;
const memoria = new Map<string, FotoPreparada>();

export const huellaBytes = (datos: Uint8Array): string => createHash("sha256").update(datos).digest("hex");

/** A user mistake about a note's photo (the CLI prints it in Spanish, without a stack trace): file, field and fix. */
const noEncontrada = (ruta: string): ErrorConvergente =>
  new ErrorConvergente(
    `No se encontró la imagen de la nota: ${ruta}. Revise el campo "imagen.src" (la ruta es relativa al archivo .mdx).`,
  );

/** The photo's bytes; a symbolic link is refused, never followed (content files are data, see content/archivos.ts). */
export function leerFoto(ruta: string): Buffer {
  try {
    return leerSinSeguirEnlaces(ruta);
  } catch {
    throw noEncontrada(ruta);
  }
}

const huellas = new Map<string, { mtimeMs: number; size: number; huella: string }>();

/**
 * sha256 of a photo file's bytes, remembered while the file's size and modification time
 * stay the same: a rebuild with 5,000 unchanged notes does not re-read every photo.
 */
export function huellaArchivo(ruta: string): string {
  let info;
  try {
    info = lstatSync(ruta);
  } catch {
    throw noEncontrada(ruta);
  }
  if (!info.isFile()) throw noEncontrada(ruta);
  const previa = huellas.get(ruta);
  if (previa && previa.mtimeMs === info.mtimeMs && previa.size === info.size) return previa.huella;
  const huella = huellaBytes(leerFoto(ruta));
  huellas.set(ruta, { mtimeMs: info.mtimeMs, size: info.size, huella });
  return huella;
}

/** Decodes a PNG or JPEG and scales it (cover, centred) to exactly ancho × alto pixels. */
export function prepararFoto(datos: Uint8Array, ancho: number, alto: number, ruta = "la imagen", huella?: string): FotoPreparada {
  const clave = `${huella ?? huellaBytes(datos)}:${ancho}x${alto}`;
  const guardada = memoria.get(clave);
  if (guardada) return guardada;
  const tipo = tipoImagen(datos);
  if (!tipo || !dimensiones(datos)) {
    throw new ErrorConvergente(
      `${ruta} no es un archivo PNG ni JPEG válido (campo "imagen.src" de la nota). Guarde la imagen como .jpg o .png.`,
    );
  }
  const base64 = Buffer.from(datos.buffer, datos.byteOffset, datos.byteLength).toString("base64");
  // A white rectangle under the picture makes transparent PNGs opaque.
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${ancho}" height="${alto}">` +
    `<rect width="${ancho}" height="${alto}" fill="#fff"/>` +
    `<image width="${ancho}" height="${alto}" preserveAspectRatio="xMidYMid slice" xlink:href="data:${tipo};base64,${base64}"/></svg>`;
  const imagen = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
  if (imagen.width !== ancho || imagen.height !== alto) {
    throw new ErrorConvergente(
      `No se pudo leer ${ruta} (campo "imagen.src" de la nota): el archivo parece dañado. Vuelva a exportarlo como .jpg o .png.`,
    );
  }
  // RGB once here, so each image pastes whole rows without converting the photo again.
  const rgba = imagen.pixels;
  const pixeles = new Uint8Array(ancho * alto * 3);
  for (let i = 0, o = 0; i < rgba.length; i += 4, o += 3) {
    pixeles[o] = rgba[i]!;
    pixeles[o + 1] = rgba[i + 1]!;
    pixeles[o + 2] = rgba[i + 2]!;
  }
  const foto: FotoPreparada = { pixeles, ancho, alto };
  if (memoria.size >= MAX_EN_MEMORIA) {
    const primera = memoria.keys().next().value;
    if (primera !== undefined) memoria.delete(primera);
  }
  memoria.set(clave, foto);
  return foto;
}

/** The photo of a file, decoded and scaled; read from disk only when not in memory. */
export function fotoDeArchivo(ruta: string, ancho: number, alto: number): FotoPreparada {
  const huella = huellaArchivo(ruta);
  return memoria.get(`${huella}:${ancho}x${alto}`) ?? prepararFoto(leerFoto(ruta), ancho, alto, ruta, huella);
}
