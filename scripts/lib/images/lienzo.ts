import sharp from "sharp";
import { crc32, deflateSync } from "node:zlib";

/**
 * An opaque RGB canvas kept in PNG's own scanline layout (each row: a filter byte, then R G B per
 * pixel), so encoding is one deflate call with no copy. Drawing is what the social image needs:
 * copying the frame, pasting the photo's RGB rows, filling rounded rectangles (tag pills) and
 * blending glyph coverage masks in a solid colour.
 */
export interface Lienzo {
  ancho: number;
  alto: number;
  /** alto rows of (1 + ancho × 3) bytes. */
  datos: Uint8Array;
}

export type Rgb = readonly [number, number, number];

export const filaDe = (ancho: number): number => 1 + ancho * 3;

export function crearLienzo(ancho: number, alto: number): Lienzo {
  return { ancho, alto, datos: new Uint8Array(filaDe(ancho) * alto) };
}

/** "#RRGGBB" → [r, g, b]. */
export const rgb = (hex: string): Rgb => [
  Number.parseInt(hex.slice(1, 3), 16),
  Number.parseInt(hex.slice(3, 5), 16),
  Number.parseInt(hex.slice(5, 7), 16),
];

/** Copies a w × h block of RGB pixels (3 bytes each) to (x, y): one copy per row. */
export function pegarRgb(l: Lienzo, rgb: Uint8Array, x: number, y: number, w: number, h: number): void {
  const fila = filaDe(l.ancho);
  for (let f = 0; f < h; f++) l.datos.set(rgb.subarray(f * w * 3, (f + 1) * w * 3), (y + f) * fila + 1 + x * 3);
}

/** A canvas made from ancho × alto RGBA pixels (alpha ignored: they are opaque). */
export function lienzoDeRgba(rgba: Uint8Array, ancho: number, alto: number): Lienzo {
  const l = crearLienzo(ancho, alto);
  const fila = filaDe(ancho);
  for (let y = 0; y < alto; y++) {
    let o = y * fila + 1;
    for (let i = y * ancho * 4; i < (y + 1) * ancho * 4; i += 4) {
      l.datos[o++] = rgba[i]!;
      l.datos[o++] = rgba[i + 1]!;
      l.datos[o++] = rgba[i + 2]!;
    }
  }
  return l;
}

/** Copies another canvas of the same size over this one (fast: whole rows at once). */
export function copiarLienzo(destino: Lienzo, origen: Lienzo): void {
  destino.datos.set(origen.datos);
}

/** Mixes `color` into the pixel at byte offset o with coverage a (0–255), like resvg's source-over. */
function mezclar(d: Uint8Array, o: number, color: Rgb, a: number): void {
  if (a >= 255) {
    d[o] = color[0];
    d[o + 1] = color[1];
    d[o + 2] = color[2];
    return;
  }
  d[o] = d[o]! + Math.round(((color[0] - d[o]!) * a) / 255);
  d[o + 1] = d[o + 1]! + Math.round(((color[1] - d[o + 1]!) * a) / 255);
  d[o + 2] = d[o + 2]! + Math.round(((color[2] - d[o + 2]!) * a) / 255);
}

/**
 * Blends an 8-bit coverage mask (w × h, row-major) in `color` with its top-left corner at
 * (x, y); pixels outside `recorte` (or the canvas) are left alone.
 */
export function mezclarMascara(
  l: Lienzo,
  mascara: Uint8Array,
  w: number,
  h: number,
  x: number,
  y: number,
  color: Rgb,
  recorte: { x: number; y: number; ancho: number; alto: number } = { x: 0, y: 0, ancho: l.ancho, alto: l.alto },
): void {
  const fila = filaDe(l.ancho);
  const x0 = Math.max(x, recorte.x, 0);
  const x1 = Math.min(x + w, recorte.x + recorte.ancho, l.ancho);
  const y0 = Math.max(y, recorte.y, 0);
  const y1 = Math.min(y + h, recorte.y + recorte.alto, l.alto);
  for (let py = y0; py < y1; py++) {
    const base = py * fila + 1;
    let m = (py - y) * w + (x0 - x);
    for (let px = x0; px < x1; px++, m++) {
      const a = mascara[m]!;
      if (a !== 0) mezclar(l.datos, base + px * 3, color, a);
    }
  }
}

/** Fills a rectangle with rounded corners of radius r, with anti-aliased edges (4×4 samples). */
export function rellenarRedondeado(l: Lienzo, x: number, y: number, w: number, h: number, r: number, color: Rgb): void {
  const fila = filaDe(l.ancho);
  const radio = Math.min(r, w / 2, h / 2);
  // Whether the point (px, py) is inside the shape.
  const dentro = (px: number, py: number): boolean => {
    const cx = px < x + radio ? x + radio : px > x + w - radio ? x + w - radio : px;
    const cy = py < y + radio ? y + radio : py > y + h - radio ? y + h - radio : py;
    const dx = px - cx;
    const dy = py - cy;
    return dx * dx + dy * dy <= radio * radio;
  };
  for (let py = Math.floor(y); py < Math.ceil(y + h); py++) {
    if (py < 0 || py >= l.alto) continue;
    for (let px = Math.floor(x); px < Math.ceil(x + w); px++) {
      if (px < 0 || px >= l.ancho) continue;
      const esquina = (px < x + radio || px + 1 > x + w - radio) && (py < y + radio || py + 1 > y + h - radio);
      let cobertura = 16;
      if (esquina || px < x || px + 1 > x + w || py < y || py + 1 > y + h) {
        cobertura = 0;
        for (let sy = 0; sy < 4; sy++)
          for (let sx = 0; sx < 4; sx++) {
            const mx = px + (sx + 0.5) / 4;
            const my = py + (sy + 0.5) / 4;
            if (mx >= x && mx <= x + w && my >= y && my <= y + h && dentro(mx, my)) cobertura += 1;
          }
      }
      if (cobertura) mezclar(l.datos, py * fila + 1 + px * 3, color, Math.round((cobertura * 255) / 16));
    }
  }
}

const FIRMA = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function bloque(tipo: string, datos: Uint8Array): Buffer {
  const cabecera = Buffer.alloc(8);
  cabecera.writeUInt32BE(datos.length, 0);
  cabecera.write(tipo, 4, "latin1");
  const cola = Buffer.alloc(4);
  cola.writeUInt32BE(crc32(datos, crc32(cabecera.subarray(4))) >>> 0, 0);
  return Buffer.concat([cabecera, datos, cola]);
}

/**
 * Encodes the canvas as an RGB PNG: filter "none" on every row (the filter bytes are already
 * in place) and a fast zlib level, which suits flat colours with text.
 */
export function codificarPng(l: Lienzo, nivel = 1): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(l.ancho, 0);
  ihdr.writeUInt32BE(l.alto, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  // compression, filter and interlace methods: 0
  const png = Buffer.concat([
    FIRMA,
    bloque("IHDR", ihdr),
    bloque("IDAT", deflateSync(l.datos, { level: nivel })),
    bloque("IEND", new Uint8Array(0)),
  ]);
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/** Plain RGB pixels of the canvas (its rows without PNG's filter bytes). */
function rgbContiguo(l: Lienzo): Buffer {
  const fila = filaDe(l.ancho);
  const salida = Buffer.allocUnsafe(l.ancho * l.alto * 3);
  for (let y = 0; y < l.alto; y++) salida.set(l.datos.subarray(y * fila + 1, (y + 1) * fila), y * l.ancho * 3);
  return salida;
}

/**
 * Encodes the canvas as a baseline JPEG, the one format every network accepts (Instagram's
 * content publishing takes only JPEG: IG User Media reference, "Image Specifications — Format:
 * JPEG"). Full chroma resolution (4:4:4) keeps the thin letters of the card sharp. Quality 80
 * with mozjpeg's trellis quantisation, deringing and table 3, still baseline (no progressive
 * scans): a card with a press photo weighs about 115 KB instead of 159 KB at quality 86, which
 * keeps a 5,000-note site under GitHub Pages' 1 GB. Changing this changes VERSION_PLANTILLA.
 */
export async function codificarJpeg(l: Lienzo, calidad = 80): Promise<Uint8Array> {
  const jpeg = await sharp(rgbContiguo(l), { raw: { width: l.ancho, height: l.alto, channels: 3 } })
    .jpeg({
      quality: calidad,
      chromaSubsampling: "4:4:4",
      trellisQuantisation: true,
      overshootDeringing: true,
      quantisationTable: 3,
      progressive: false,
    })
    .toBuffer();
  return new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
}
