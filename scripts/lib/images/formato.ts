/** Minimal readers for image headers: enough to know the type and the size of a file. */

export interface Dimensiones {
  ancho: number;
  alto: number;
}

export type TipoImagen = "image/png" | "image/jpeg";

const FIRMA_PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

export function esPng(datos: Uint8Array): boolean {
  return FIRMA_PNG.every((b, i) => datos[i] === b);
}

export function esJpeg(datos: Uint8Array): boolean {
  return datos[0] === 0xff && datos[1] === 0xd8 && datos[2] === 0xff;
}

export function tipoImagen(datos: Uint8Array): TipoImagen | undefined {
  if (esPng(datos)) return "image/png";
  if (esJpeg(datos)) return "image/jpeg";
  return undefined;
}

const u32 = (d: Uint8Array, i: number): number => ((d[i]! << 24) | (d[i + 1]! << 16) | (d[i + 2]! << 8) | d[i + 3]!) >>> 0;
const u16 = (d: Uint8Array, i: number): number => (d[i]! << 8) | d[i + 1]!;

/** Width and height from the IHDR chunk of a PNG (always the first chunk). */
export function dimensionesPng(datos: Uint8Array): Dimensiones | undefined {
  if (datos.length < 24 || !esPng(datos)) return undefined;
  const tipo = String.fromCharCode(datos[12]!, datos[13]!, datos[14]!, datos[15]!);
  if (tipo !== "IHDR") return undefined;
  return { ancho: u32(datos, 16), alto: u32(datos, 20) };
}

/** Width and height from the first SOFn marker of a JPEG. */
export function dimensionesJpeg(datos: Uint8Array): Dimensiones | undefined {
  if (!esJpeg(datos)) return undefined;
  let i = 2;
  while (i + 9 < datos.length) {
    if (datos[i] !== 0xff) {
      i += 1;
      continue;
    }
    const marca = datos[i + 1]!;
    if (marca === 0xd8 || marca === 0x01 || (marca >= 0xd0 && marca <= 0xd7) || marca === 0xff) {
      i += marca === 0xff ? 1 : 2;
      continue;
    }
    const largo = u16(datos, i + 2);
    const esSof = marca >= 0xc0 && marca <= 0xcf && marca !== 0xc4 && marca !== 0xc8 && marca !== 0xcc;
    if (esSof) return { alto: u16(datos, i + 5), ancho: u16(datos, i + 7) };
    i += 2 + largo;
  }
  return undefined;
}

export function dimensiones(datos: Uint8Array): Dimensiones | undefined {
  return dimensionesPng(datos) ?? dimensionesJpeg(datos);
}
