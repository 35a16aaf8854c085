import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { escribirAtomico } from "../content/escribir.ts";
import { huellaArchivo } from "./foto.ts";
import { COLORES, VERSION_PLANTILLA, type EntradaImagenSocial } from "./plantilla.ts";
import { renderizarImagenSocial } from "./social.ts";

/**
 * Disk cache of social images: <dirCache>/social/<sha256>.jpg (JPEG). The key covers everything the
 * picture depends on (template version, the texts, the date, the photo's bytes), so an
 * unchanged note is never drawn twice and any change draws it again. Moving or renaming the
 * photo file does not change the key; editing it does.
 */

export const CARPETA_SOCIAL = "social";

export interface ResultadoImagen {
  /** The JPEG bytes. */
  jpeg: Uint8Array;
  /** true when it was drawn now, false when it came from the cache. */
  renderizada: boolean;
  /** Where the JPEG lives in the cache. */
  ruta: string;
}

let generadas = 0;
let desdeCache = 0;

/** Images drawn and images served from the cache in this process (the build logs both). */
export function contadorRenders(): { generadas: number; desdeCache: number } {
  return { generadas, desdeCache };
}

export function reiniciarContador(): void {
  generadas = 0;
  desdeCache = 0;
}

/** Adds results obtained elsewhere (worker threads) to this process's counter. */
export function sumarAlContador(nuevasGeneradas: number, nuevasDesdeCache: number): void {
  generadas += nuevasGeneradas;
  desdeCache += nuevasDesdeCache;
}

/** What of a card style the key covers: its colours, and the ribbon's text, colours and mark bytes. */
function estiloEnClave(estilo: NonNullable<EntradaImagenSocial["estilo"]>) {
  const c = estilo.colores;
  const igual = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();
  const defecto = igual(c.fondo, COLORES.institucional) && igual(c.acento, COLORES.acento) && igual(c.franja, COLORES.barra);
  if (defecto && !estilo.cinta) return undefined;
  const cinta = estilo.cinta && {
    texto: estilo.cinta.texto,
    fondo: estilo.cinta.fondo,
    colorTexto: estilo.cinta.colorTexto,
    marca: estilo.cinta.marca ? huellaArchivo(estilo.cinta.marca) : null,
  };
  return { fondo: c.fondo, acento: c.acento, franja: c.franja, cinta: cinta ?? null };
}

/** The cache key of an image: pure function of its inputs and the photo's sha256. */
export function claveImagen(entrada: EntradaImagenSocial, huellaFoto?: string): string {
  const datos = {
    titulo: entrada.titulo,
    resumen: entrada.resumen ?? null,
    dependencia: entrada.dependencia,
    fecha: entrada.fecha.toISOString(),
    etiquetas: entrada.etiquetas ?? [],
    entidad: entrada.entidad,
    foto: huellaFoto ?? null,
    // Theme and campaign (issue 16): only when they differ from the default look, so adding themes
    // did not redraw any card; the mark enters by its bytes, like the photo.
    ...(entrada.estilo ? { estilo: estiloEnClave(entrada.estilo) } : {}),
  };
  return createHash("sha256")
    .update(`${VERSION_PLANTILLA}\n${JSON.stringify(datos)}`)
    .digest("hex");
}

export const rutaEnCache = (dirCache: string, clave: string): string => path.join(dirCache, CARPETA_SOCIAL, `${clave}.jpg`);

function leerSiExiste(ruta: string): Buffer | undefined {
  try {
    return readFileSync(ruta);
  } catch {
    return undefined;
  }
}

/** Where the image of this entry lives (or would live) in the cache, without drawing it. */
export function rutaDeImagen(entrada: EntradaImagenSocial, dirCache: string): string {
  const huellaFoto = entrada.fotoRuta !== undefined ? huellaArchivo(entrada.fotoRuta) : undefined;
  return rutaEnCache(dirCache, claveImagen(entrada, huellaFoto));
}

/**
 * The social image of a note, from <dirCache>/social/ when it is there, else drawn and saved
 * (atomically: a half-written file never sits in the cache). dirCache is the project's .cache
 * folder (rutas().cache).
 */
export async function imagenSocialConCache(entrada: EntradaImagenSocial, dirCache: string): Promise<ResultadoImagen> {
  const ruta = rutaDeImagen(entrada, dirCache);
  const guardada = leerSiExiste(ruta);
  if (guardada) {
    desdeCache += 1;
    return { jpeg: new Uint8Array(guardada.buffer, guardada.byteOffset, guardada.byteLength), renderizada: false, ruta };
  }
  const jpeg = await renderizarImagenSocial(entrada);
  escribirAtomico(ruta, jpeg);
  generadas += 1;
  return { jpeg, renderizada: true, ruta };
}
