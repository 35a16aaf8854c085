import { Resvg } from "@resvg/resvg-js";
import { tipoImagen } from "../../scripts/lib/images/formato.ts";
import type { EntradaImagenSocial } from "../../scripts/lib/images/plantilla.ts";

/** A typical note of the sample site, as the build would pass it. */
export function entradaDeEjemplo(cambios: Partial<EntradaImagenSocial> = {}): EntradaImagenSocial {
  return {
    titulo: "Más de 80 familias campesinas llegan al Festival Campesino de Cajicá",
    resumen: "La plaza principal recibe a productores de las veredas Chuntame, Canelón y Río Grande con mercados y música.",
    dependencia: "Secretaría de Desarrollo Económico",
    fecha: new Date("2026-11-20T08:00:00-05:00"),
    etiquetas: ["campo", "cultura"],
    entidad: "Alcaldía de Cajicá",
    ...cambios,
  };
}

/** Decodes a PNG or JPEG once (by drawing it with resvg) and returns a reader of its pixels' RGB. */
export function lectorDePixeles(
  imagen: Uint8Array,
  ancho = 1200,
  alto = 630,
): (x: number, y: number) => [number, number, number] {
  const b64 = Buffer.from(imagen).toString("base64");
  const tipo = tipoImagen(imagen) ?? "image/png";
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${ancho}" height="${alto}"><image width="${ancho}" height="${alto}" href="data:${tipo};base64,${b64}"/></svg>`;
  const px = new Resvg(svg).render().pixels;
  return (x, y) => {
    const i = (y * ancho + x) * 4;
    return [px[i]!, px[i + 1]!, px[i + 2]!];
  };
}

/** RGB of one pixel of a PNG or JPEG. */
export const pixel = (png: Uint8Array, x: number, y: number, ancho = 1200, alto = 630): [number, number, number] =>
  lectorDePixeles(png, ancho, alto)(x, y);

export const hex = (c: string): [number, number, number] => [
  parseInt(c.slice(1, 3), 16),
  parseInt(c.slice(3, 5), 16),
  parseInt(c.slice(5, 7), 16),
];

export const parecido = (a: readonly number[], b: readonly number[], tolerancia = 6): boolean =>
  a.every((v, i) => Math.abs(v - b[i]!) <= tolerancia);
