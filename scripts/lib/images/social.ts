// Sets mimalloc options; must come before @resvg/resvg-js (see entorno.ts).
import "./entorno.ts";
import satori from "satori";
import { Resvg } from "@resvg/resvg-js";
import { cargarFuentes } from "./fuentes.ts";
import { fotoDeArchivo } from "./foto.ts";
import { codificarPng, pegar } from "./png.ts";
import {
  ALTO,
  ANCHO,
  plantillaMarco,
  plantillaSocial,
  REGION_FOTO,
  regionVariable,
  type EntradaImagenSocial,
  type Nodo,
} from "./plantilla.ts";

export type { EntradaImagenSocial } from "./plantilla.ts";

/**
 * Renders the 1200×630 social image (Open Graph / Twitter card) of a note.
 *
 * satori lays out the template and turns text into paths; resvg rasterises only the part that
 * changes from note to note (the text column); the frame (GOV.CO bar, stripes) is drawn once
 * per entity and the photo is decoded once per file, and both are pasted as pixels; a small
 * PNG encoder writes the result. No cache here: see imagenSocialConCache in cache.ts.
 */

const OPCIONES_RESVG = { font: { loadSystemFonts: false } } as const;
const marcos = new Map<string, Uint8Array>();
// The canvas is reused from image to image (filled from the frame each time): a fresh 3 MB
// buffer per image means page faults and garbage collection. It is only touched in the
// synchronous part after satori, so concurrent calls cannot interleave on it.
const lienzo = new Uint8Array(ANCHO * ALTO * 4);

async function aSvg(arbol: Nodo): Promise<string> {
  // satori's types expect a ReactNode; a plain {type, props} object is what React elements are.
  return satori(arbol, { width: ANCHO, height: ALTO, fonts: cargarFuentes() });
}

/** Points the SVG's viewport at one rectangle, so resvg only rasterises that part. */
function recortar(svg: string, r: { x: number; y: number; ancho: number; alto: number }): string {
  const fin = svg.indexOf(">");
  const raiz = `<svg width="${r.ancho}" height="${r.alto}" viewBox="${r.x} ${r.y} ${r.ancho} ${r.alto}" xmlns="http://www.w3.org/2000/svg">`;
  return raiz + svg.slice(fin + 1);
}

async function marco(entidad: string, conFoto: boolean): Promise<Uint8Array> {
  const clave = `${conFoto ? 1 : 0}${entidad}`;
  let pixeles = marcos.get(clave);
  if (!pixeles) {
    pixeles = new Resvg(await aSvg(plantillaMarco(entidad, conFoto)), OPCIONES_RESVG).render().pixels;
    marcos.set(clave, pixeles);
  }
  return pixeles;
}

export async function renderizarImagenSocial(entrada: EntradaImagenSocial): Promise<Uint8Array> {
  const conFoto = entrada.fotoRuta !== undefined;
  const foto = conFoto ? fotoDeArchivo(entrada.fotoRuta!, REGION_FOTO.ancho, REGION_FOTO.alto) : undefined;
  const fondo = await marco(entrada.entidad, conFoto);
  const region = regionVariable(conFoto);
  const svg = recortar(await aSvg(plantillaSocial(entrada, conFoto, false)), region);
  lienzo.set(fondo);
  const texto = new Resvg(svg, OPCIONES_RESVG).render();
  pegar(lienzo, ANCHO, texto.pixels, region.x, region.y, region.ancho, region.alto);
  if (foto) pegar(lienzo, ANCHO, foto.pixeles, REGION_FOTO.x, REGION_FOTO.y, foto.ancho, foto.alto);
  return codificarPng(lienzo, ANCHO, ALTO);
}
