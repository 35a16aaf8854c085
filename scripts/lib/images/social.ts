// Sets mimalloc options; must come before @resvg/resvg-js (see entorno.ts).
import "./entorno.ts";
import satori from "satori";
import { Resvg } from "@resvg/resvg-js";
import { cargarFuentes } from "./fuentes.ts";
import { fotoDeArchivo } from "./foto.ts";
import { dibujarLinea } from "./glifos.ts";
import {
  codificarJpeg,
  copiarLienzo,
  crearLienzo,
  lienzoDeRgba,
  pegarRgb,
  rellenarRedondeado,
  rgb,
  type Lienzo,
} from "./lienzo.ts";
import {
  ALTO,
  ANCHO,
  componerColumna,
  plantillaMarco,
  REGION_FOTO,
  regionVariable,
  type EntradaImagenSocial,
} from "./plantilla.ts";
import { cargarTipografia } from "./tipografia.ts";

export type { EntradaImagenSocial } from "./plantilla.ts";

/**
 * Renders the 1200×630 social image (Open Graph / Twitter card) of a note.
 *
 * satori lays out the institutional frame and resvg rasterises it once per entity; the photo is
 * decoded and scaled once per file; the note's text is set with HarfBuzz (real kerning) and drawn
 * from a cache of glyph masks (glifos.ts). Per note that is a copy of the frame, a paste of the
 * photo, a blend per glyph and one JPEG encoding: a few milliseconds instead of a full satori layout
 * and resvg rasterisation. No cache of whole images here: see imagenSocialConCache in cache.ts.
 */

const OPCIONES_RESVG = { font: { loadSystemFonts: false } } as const;
const marcos = new Map<string, Lienzo>();
// The canvas is reused from image to image (filled from the frame each time): a fresh 2 MB
// buffer per image means page faults and garbage collection. It is only touched in the
// synchronous part after the awaits, so concurrent calls cannot interleave on it.
const lienzo = crearLienzo(ANCHO, ALTO);

async function marco(entidad: string, conFoto: boolean, estilo: EntradaImagenSocial["estilo"]): Promise<Lienzo> {
  const clave = `${conFoto ? 1 : 0}${entidad}${estilo ? JSON.stringify(estilo) : ""}`;
  let listo = marcos.get(clave);
  if (!listo) {
    // satori's types expect a ReactNode; a plain {type, props} object is what React elements are.
    const nodo = plantillaMarco(entidad, conFoto, estilo) as unknown as Parameters<typeof satori>[0];
    const svg = await satori(nodo, { width: ANCHO, height: ALTO, fonts: cargarFuentes() });
    listo = lienzoDeRgba(new Resvg(svg, OPCIONES_RESVG).render().pixels, ANCHO, ALTO);
    marcos.set(clave, listo);
  }
  return listo;
}

export async function renderizarImagenSocial(entrada: EntradaImagenSocial): Promise<Uint8Array> {
  await cargarTipografia();
  const conFoto = entrada.fotoRuta !== undefined;
  const foto = conFoto ? fotoDeArchivo(entrada.fotoRuta!, REGION_FOTO.ancho, REGION_FOTO.alto) : undefined;
  const fondo = await marco(entrada.entidad, conFoto, entrada.estilo);
  const region = regionVariable(conFoto);
  const piezas = componerColumna(entrada, conFoto);
  copiarLienzo(lienzo, fondo);
  if (foto) pegarRgb(lienzo, foto.pixeles, REGION_FOTO.x, REGION_FOTO.y, foto.ancho, foto.alto);
  for (const p of piezas) {
    if (p.tipo === "pastilla") rellenarRedondeado(lienzo, p.x, p.y, p.ancho, p.alto, p.radio, rgb(p.color));
    else dibujarLinea(lienzo, p.linea, p.x, p.base, p.estilo.tamano, rgb(p.color), region);
  }
  return codificarJpeg(lienzo);
}
