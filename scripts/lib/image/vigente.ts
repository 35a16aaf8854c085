import { existsSync } from "node:fs";
import path from "node:path";
import { RAIZ } from "../content/paths.ts";
import { ErrorConvergente } from "../content/problems.ts";
import {
  coloresCinta,
  imagenSchema,
  PALETAS_AVISO,
  resolverColoresSitio,
  resolverColoresTarjeta,
  type AvisoUrgente,
  type Campana,
  type ColoresSitio,
  type ColoresTarjeta,
  type Imagen,
} from "../content/schema/imagen.ts";
import type { Institucion } from "../content/schema/institucion.ts";

/**
 * What of the institutional image is in force at an instant (the build instant,
 * `momentoConstruccion()`, like scheduled notes): the campaign whose window holds it, the theme it
 * gives the site and the cards, and the urgent notices. Pure: same config and instant, same answer.
 */

/** The `imagen` section with its defaults (an entity without the section has the base theme). */
export const imagenDe = (institucion: Institucion): Imagen => institucion.imagen ?? imagenSchema.parse({});

/** Whether an instant is inside a window [inicio, fin). */
export const dentro = (momento: Date, inicio: Date, fin: Date | undefined): boolean =>
  momento.getTime() >= inicio.getTime() && (fin === undefined || momento.getTime() < fin.getTime());

/** The campaign in force at `momento` (windows never overlap: the schema refuses it). */
export function campanaVigente(imagen: Imagen, momento: Date): Campana | undefined {
  return imagen.campanas.find((c) => dentro(momento, c.inicio, c.fin));
}

/** The urgent notices in force at `momento`, in config order. */
export function avisosVigentes(imagen: Imagen, momento: Date): AvisoUrgente[] {
  return imagen.avisos.filter((a) => dentro(momento, a.desde ?? new Date(0), a.hasta));
}

/** A banner of the site: an urgent notice or the campaign's. */
export interface Banner {
  id: string;
  tipo: "emergencia" | "cierre-vial" | "campana";
  texto: string;
  enlace?: string | undefined;
  /** Mark of the campaign, a path under site/public. */
  marca?: { archivo: string; alt: string } | undefined;
  colores: { fondo: string; texto: string; borde: string };
}

/** What the site shows at an instant. */
export interface TemaVigente {
  sitio: ColoresSitio;
  tarjeta: ColoresTarjeta;
  /** Header logo of the theme or campaign; undefined keeps `logo`. */
  logo?: { archivo: string; alt: string; ancho: number; alto: number } | undefined;
  campana?: Campana | undefined;
  /** Urgent notices first, then the campaign's banner. */
  banners: Banner[];
}

export function temaVigente(institucion: Institucion, momento: Date): TemaVigente {
  const imagen = imagenDe(institucion);
  const campana = campanaVigente(imagen, momento);
  const sitio = resolverColoresSitio(institucion.identidad.colores, imagen.tema.colores, campana?.tema.colores);
  const tarjeta = resolverColoresTarjeta(imagen.tema.tarjeta, campana?.tema.tarjeta);
  const banners: Banner[] = avisosVigentes(imagen, momento).map((a) => ({
    id: a.id,
    tipo: a.tipo,
    texto: a.texto,
    enlace: a.enlace,
    colores: PALETAS_AVISO[a.tipo],
  }));
  if (campana?.aviso)
    banners.push({
      id: campana.id,
      tipo: "campana",
      texto: campana.aviso.texto,
      enlace: campana.aviso.enlace,
      marca: campana.marca,
      colores: { fondo: sitio.aviso, texto: sitio.avisoTexto, borde: sitio.aviso },
    });
  return { sitio, tarjeta, logo: campana?.tema.logo ?? imagen.tema.logo, campana, banners };
}

/** The look of one social card: its colours and, with a campaign, the ribbon and mark. */
export interface EstiloTarjeta {
  colores: ColoresTarjeta;
  cinta?:
    | {
        /** Campaign id (for the record; the key uses what is drawn). */
        campana: string;
        texto: string;
        fondo: string;
        colorTexto: string;
        /** Absolute path of the mark file, when the campaign has one. */
        marca?: string | undefined;
      }
    | undefined;
}

/**
 * The card style of a note at `momento`. The campaign's variant (its colours, ribbon and mark)
 * goes on the card only when the campaign is in force AND the note is public at that instant
 * (never on a scheduled note's card before its time) AND the note names the campaign, or the
 * campaign's `alcance` is `periodo` and the note was published inside the window.
 */
export function estiloTarjetaDeNota(
  institucion: Institucion,
  nota: { publicar: Date; campana?: string | undefined },
  momento: Date,
): EstiloTarjeta {
  const imagen = imagenDe(institucion);
  const base = resolverColoresTarjeta(imagen.tema.tarjeta);
  const c = campanaVigente(imagen, momento);
  const publica = nota.publicar.getTime() <= momento.getTime();
  const lleva =
    c !== undefined &&
    publica &&
    (nota.campana === c.id || (c.tarjeta.alcance === "periodo" && dentro(nota.publicar, c.inicio, c.fin)));
  if (!c || !lleva) return { colores: base };
  const colores = resolverColoresTarjeta(imagen.tema.tarjeta, c.tema.tarjeta);
  const cinta = coloresCinta(c, colores);
  return {
    colores,
    cinta: {
      campana: c.id,
      texto: c.tarjeta.cinta === "nombre" ? c.nombre : c.etiqueta,
      fondo: cinta.fondo,
      colorTexto: cinta.texto,
      marca: c.marca ? archivoDeMarca(c) : undefined,
    },
  };
}

/**
 * Absolute path of a file under site/public given as "/identidad/...": the checkout's site/public,
 * the folder the site serves, so the card draws the same file the banner shows.
 */
export const rutaPublica = (archivo: string): string => path.join(RAIZ, "site/public", ...archivo.split("/"));

/** The mark file of a campaign, which must exist. */
export function archivoDeMarca(c: Campana): string {
  const ruta = rutaPublica(c.marca!.archivo);
  if (!existsSync(ruta))
    throw new ErrorConvergente(`No se encontró la marca de la campaña ${c.id}: site/public${c.marca!.archivo}.`, [
      {
        archivo: "config/institucion.yaml",
        campo: "imagen.campanas.marca.archivo",
        mensaje: `el archivo site/public${c.marca!.archivo} no existe`,
        arreglo: "guarde la marca (SVG o PNG) en site/public/identidad/campanas/ y escriba su ruta",
      },
    ]);
  return ruta;
}
