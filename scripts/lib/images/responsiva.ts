import { createHash } from "node:crypto";
import { lstatSync } from "node:fs";
import path from "node:path";
import { dimensiones } from "./formato.ts";
import { leerFoto } from "./foto.ts";

/**
 * Responsive note photos: each PNG or JPEG a note shows (its main image and the images of its
 * body) is published as a few widths in AVIF (a <source>) and WebP (the <img>, which every
 * current browser shows), never as the uploaded file, with the width and height the page needs
 * to reserve its box (no layout shift).
 * https://developer.mozilla.org/en-US/docs/Web/HTML/Guide/Responsive_images
 * https://html.spec.whatwg.org/multipage/images.html#srcset-attributes
 *
 * This module only plans (synchronously, from the file's header): which files, which sizes,
 * which addresses. fotos-web.ts encodes them with sharp and keeps them in .cache/fotos/.
 */

/**
 * Widths in pixels of the AVIF versions. The widest column that shows a photo is the note's,
 * 46rem (736 px): 480 serves phones at density 1, 960 phones at 2–2.6 and the column at 1,
 * 1440 the column at density 2. A source narrower than a width is never enlarged.
 */
export const ANCHOS = [480, 960, 1440] as const;
/** The WebP fallback stops at 960: browsers without AVIF are few, and each width is site weight. */
export const ANCHO_MAX_WEBP = 960;

export type FormatoFoto = "avif" | "webp";

/** One file published for a photo. */
export interface VarianteFoto {
  formato: FormatoFoto;
  ancho: number;
  alto: number;
  /** File name inside the note's image folder: "<name>-<width>.<format>". */
  archivo: string;
}

/** What is published for one photo file. */
export interface PlanFoto {
  /** Absolute path of the source file. */
  ruta: string;
  /** sha256 of the source bytes (the encoding cache key). */
  huella: string;
  /** Size of the picture as shown, after the camera's EXIF orientation. */
  ancho: number;
  alto: number;
  variantes: VarianteFoto[];
}

/** Attributes of the <picture> of a photo: the AVIF <source> and the WebP <img>. */
export interface FotoPublicada {
  /** WebP at the widest fallback width: the <img src>, and the image of the RSS item. */
  src: string;
  /** WebP widths for <img srcset>. */
  srcset: string;
  /** AVIF widths for <source type="image/avif" srcset>. */
  avif: string;
  /** Intrinsic size of the widest version, for width/height (the box is reserved before it loads). */
  width: number;
  height: number;
}

/**
 * `sizes` for each place a photo is shown (site/styles/global.css): the note column (46rem,
 * 1rem of padding each side on phones), the home page's featured note (3/5 of the 72rem
 * container) and the cards of the lists (a grid of 17rem minimum columns).
 */
export const TAMANOS = {
  nota: "(min-width: 48rem) 46rem, calc(100vw - 2rem)",
  destacada: "(min-width: 74rem) 42rem, (min-width: 48rem) 60vw, calc(100vw - 2rem)",
  tarjeta: "(min-width: 74rem) 22rem, (min-width: 38rem) 50vw, calc(100vw - 2rem)",
} as const;

/**
 * EXIF orientation (tag 0x0112 of IFD0) of a JPEG, 1 when absent. Values 5–8 turn the picture a
 * quarter, so width and height swap (sharp's rotate() applies the same tag when encoding).
 * https://www.cipa.jp/std/documents/e/DC-008-2012_E.pdf (Exif 2.3, 4.6.4 TIFF Rev. 6.0 Attribute Information)
 */
export function orientacionExif(datos: Uint8Array): number {
  if (datos[0] !== 0xff || datos[1] !== 0xd8) return 1;
  let i = 2;
  while (i + 4 < datos.length && datos[i] === 0xff) {
    const marca = datos[i + 1]!;
    const largo = (datos[i + 2]! << 8) | datos[i + 3]!;
    // Start of scan: no more metadata segments.
    if (marca === 0xda) return 1;
    const inicio = i + 4;
    if (marca === 0xe1 && String.fromCharCode(...datos.subarray(inicio, inicio + 4)) === "Exif") {
      const tiff = inicio + 6;
      const ii = datos[tiff] === 0x49;
      const u16 = (p: number) => (ii ? datos[p]! | (datos[p + 1]! << 8) : (datos[p]! << 8) | datos[p + 1]!);
      const u32 = (p: number) => (ii ? u16(p) + u16(p + 2) * 0x10000 : u16(p) * 0x10000 + u16(p + 2));
      const ifd = tiff + u32(tiff + 4);
      const entradas = ifd + 2 <= datos.length ? u16(ifd) : 0;
      for (let e = 0; e < entradas; e++) {
        const p = ifd + 2 + e * 12;
        if (p + 12 > datos.length) break;
        if (u16(p) === 0x0112) {
          const valor = u16(p + 8);
          return valor >= 1 && valor <= 8 ? valor : 1;
        }
      }
      return 1;
    }
    i += 2 + largo;
  }
  return 1;
}

/** Widths published for a picture `ancho` pixels wide: those it can fill, and its own when narrower than the widest. */
export function anchosPara(ancho: number, maximo: number = ANCHOS.at(-1)!): number[] {
  const anchos: number[] = ANCHOS.filter((a) => a < ancho && a <= maximo);
  const tope = Math.min(ancho, maximo);
  if (!anchos.includes(tope)) anchos.push(tope);
  return anchos;
}

// Shared by every copy of this module in one process (Astro bundles the pages' copy apart from
// the integration's): each photo is read and hashed once per build.
const MEMORIA = Symbol.for("convergente.planesFoto");
type Memoria = Map<string, { mtimeMs: number; size: number; plan: PlanFoto | undefined }>;
type GlobalPlanes = typeof globalThis & { [MEMORIA]?: Memoria };
const memoria: Memoria = ((globalThis as GlobalPlanes)[MEMORIA] ??= new Map() as Memoria);

/** Name of the published files of a source file: its name without the extension. */
const nombreBase = (ruta: string): string => path.basename(ruta, path.extname(ruta));

/**
 * The plan of a photo file, or undefined when it is not a PNG or JPEG (an SVG, a GIF: those are
 * published as they are). Remembered while the file's size and modification time stay the same.
 */
export function planFoto(ruta: string): PlanFoto | undefined {
  let info;
  try {
    info = lstatSync(ruta);
  } catch {
    // leerFoto throws the Spanish message naming the file and the field.
    leerFoto(ruta);
    throw new Error(`No se pudo leer ${ruta}.`);
  }
  const previo = memoria.get(ruta);
  if (previo && previo.mtimeMs === info.mtimeMs && previo.size === info.size) return previo.plan;
  const datos = leerFoto(ruta);
  const tamano = dimensiones(datos);
  let plan: PlanFoto | undefined;
  if (tamano && tamano.ancho > 0 && tamano.alto > 0) {
    const girada = orientacionExif(datos) >= 5;
    const ancho = girada ? tamano.alto : tamano.ancho;
    const alto = girada ? tamano.ancho : tamano.alto;
    const nombre = nombreBase(ruta);
    const variante = (formato: FormatoFoto, a: number): VarianteFoto => ({
      formato,
      ancho: a,
      alto: Math.max(1, Math.round((alto * a) / ancho)),
      archivo: `${nombre}-${a}.${formato}`,
    });
    plan = {
      ruta,
      huella: createHash("sha256").update(datos).digest("hex"),
      ancho,
      alto,
      variantes: [
        ...anchosPara(ancho).map((a) => variante("avif", a)),
        ...anchosPara(ancho, ANCHO_MAX_WEBP).map((a) => variante("webp", a)),
      ],
    };
  }
  memoria.set(ruta, { mtimeMs: info.mtimeMs, size: info.size, plan });
  return plan;
}

/** The public folder of a note's images: /imagenes/AAAA/MM/<slug>/ (one folder per note, so names never collide). */
export const carpetaImagenes = (nota: { anio: string; mes: string; slug: string }): string =>
  `/imagenes/${nota.anio}/${nota.mes}/${nota.slug}/`;

/** Public address of a file in a note's image folder (the name percent-encoded). */
export const urlImagen = (nota: { anio: string; mes: string; slug: string }, archivo: string): string =>
  `${carpetaImagenes(nota)}${encodeURIComponent(archivo)}`;

/** The <picture> attributes of a planned photo of a note. */
export function fotoPublicada(plan: PlanFoto, nota: { anio: string; mes: string; slug: string }): FotoPublicada {
  const de = (formato: FormatoFoto) => plan.variantes.filter((v) => v.formato === formato);
  const srcset = (formato: FormatoFoto) =>
    de(formato)
      .map((v) => `${urlImagen(nota, v.archivo)} ${v.ancho}w`)
      .join(", ");
  const webp = de("webp");
  const mayorWebp = webp.at(-1)!;
  const mayor = de("avif").at(-1)!;
  return {
    src: urlImagen(nota, mayorWebp.archivo),
    srcset: srcset("webp"),
    avif: srcset("avif"),
    width: mayor.ancho,
    height: mayor.alto,
  };
}
