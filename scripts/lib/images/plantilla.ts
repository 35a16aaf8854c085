import { readFileSync } from "node:fs";
import { formatoFecha } from "../content/time.ts";
import type { EstiloTarjeta } from "../image/vigente.ts";
import { ajustarTitulo, estiloTitular, type TituloAjustado } from "./metricas.ts";
import { TEXTO, TITULAR } from "./fuentes.ts";
import { alturas, componerLinea, componerParrafo, type Estilo as EstiloTexto, type LineaCompuesta } from "./tipografia.ts";

/**
 * The GOV.CO institutional template of the social image (1200×630), in two parts:
 * - the frame, the same for every note of an entity (GOV.CO bar, stripes, decoration), as plain
 *   satori vnodes ({type, props}, no JSX compiler needed), drawn once per entity;
 * - the note's text column, laid out here as positioned pieces (lines set with the real fonts,
 *   tag pills) that social.ts draws over the frame.
 * Pure: same input, same result. Documented for people in docs/imagenes.md; change
 * VERSION_PLANTILLA when the look changes.
 */

/** Bump when the template changes: it is part of the cache key, so every image is redrawn. */
export const VERSION_PLANTILLA = "govco-3-jpeg80";

export const ANCHO = 1200;
export const ALTO = 630;

/** Colours of the GOV.CO style guide (Resolución MinTIC 1519 de 2020, Anexo 1 / manual GOV.CO). */
export const COLORES = {
  barra: "#3366CC",
  institucional: "#004884",
  acento: "#FFC93C",
  texto: "#FFFFFF",
  textoSuave: "#DCE7F7",
  etiqueta: "#0F5C9E",
} as const;

const ALTO_BARRA = 60;
const ALTO_FRANJA = 8;
const ALTO_CUERPO = ALTO - ALTO_BARRA - ALTO_FRANJA;
/** Size of the photo panel on the right (the photo is scaled to exactly this before embedding). */
export const ANCHO_FOTO = 480;
export const ALTO_FOTO = ALTO_CUERPO;
const BORDE_FOTO = 8;

const RELLENO_H = 56;
const RELLENO_ARRIBA = 44;
const RELLENO_ABAJO = 40;
const ANCHO_MARCA = 56;
const ALTO_MARCA = 6;
const ALTO_LINEA_ANTETITULO = 26;
/** Space below the yellow mark, above the summary and below the tag row. */
const MARGEN_MARCA = 12;
const MARGEN_RESUMEN = 18;
const MARGEN_ETIQUETAS = 12;
const ALTO_ANTETITULO = ALTO_MARCA + MARGEN_MARCA + ALTO_LINEA_ANTETITULO;
const SEPARACION = 20;
const ALTO_FECHA = 28;
const ALTO_ETIQUETAS = 36;
const INTERLINEADO_RESUMEN = 34;
const MAX_LINEAS_RESUMEN = 3;
const MAX_ETIQUETAS = 3;

/** What the image shows; the caller maps a note to it. */
export interface EntradaImagenSocial {
  titulo: string;
  resumen?: string | undefined;
  /** Display name of the dependencia ("Secretaría de Salud"). */
  dependencia: string;
  /** Publication date (shown in Spanish, America/Bogota). */
  fecha: Date;
  etiquetas?: readonly string[] | undefined;
  /** Short name of the entity ("Alcaldía de Cajicá"). */
  entidad: string;
  /** Path of the note's image file (PNG or JPEG), optional. */
  fotoRuta?: string | undefined;
  /**
   * Theme colours and campaign ribbon of the card (scripts/lib/image/vigente.ts); undefined is the
   * default GOV.CO look. Part of the cache key.
   */
  estilo?: EstiloTarjeta | undefined;
}

/** Card colours of an entry: its theme's, or the defaults. */
const coloresDe = (estilo: EstiloTarjeta | undefined) => ({
  fondo: estilo?.colores.fondo ?? COLORES.institucional,
  acento: estilo?.colores.acento ?? COLORES.acento,
  franja: estilo?.colores.franja ?? COLORES.barra,
});

type Estilo = Record<string, string | number>;
export interface Nodo {
  type: string;
  props: { style?: Estilo; children?: Hijo | Hijo[]; [clave: string]: unknown };
}
type Hijo = Nodo | string;

const h = (type: string, style: Estilo, children?: Hijo | Hijo[]): Nodo => ({
  type,
  props: children === undefined ? { style } : { style, children },
});

const ESTILO_ANTETITULO: EstiloTexto = { familia: TEXTO, peso: 600, tamano: 20, espaciado: 1.5 };
const ESTILO_RESUMEN: EstiloTexto = { familia: TEXTO, peso: 400, tamano: 25 };
const ESTILO_ETIQUETA: EstiloTexto = { familia: TEXTO, peso: 600, tamano: 18 };
const ESTILO_FECHA: EstiloTexto = { familia: TEXTO, peso: 600, tamano: 22 };
const RELLENO_ETIQUETA = 14;
const SEPARACION_ETIQUETAS = 10;
/** The tags that fit in one row of the text column, each shortened to 24 characters, set as "#tag". */
export function etiquetasVisibles(etiquetas: readonly string[] | undefined, ancho: number): LineaCompuesta[] {
  const out: LineaCompuesta[] = [];
  let usado = 0;
  for (const bruta of etiquetas ?? []) {
    if (out.length === MAX_ETIQUETAS) break;
    const t = bruta.length > 24 ? `${bruta.slice(0, 23)}…` : bruta;
    const linea = componerLinea(`#${t}`, ESTILO_ETIQUETA);
    const w = linea.ancho + 2 * RELLENO_ETIQUETA + (out.length ? SEPARACION_ETIQUETAS : 0);
    if (usado + w > ancho) break;
    out.push(linea);
    usado += w;
  }
  return out;
}

export interface Distribucion {
  anchoTexto: number;
  titulo: TituloAjustado;
  /** At most this many summary lines. */
  lineasResumen: number;
  etiquetas: LineaCompuesta[];
  /** Height of the tag row (when there are tags) and the date. */
  altoPie: number;
}

/** Width of the text column's content. */
export function anchoTexto(conFoto: boolean): number {
  const anchoColumna = conFoto ? ANCHO - ANCHO_FOTO - BORDE_FOTO : ANCHO;
  return Math.min(anchoColumna - 2 * RELLENO_H, 980);
}

/** Decides sizes: headline font and lines, how many summary lines fit, which tags are shown. */
export function distribuir(entrada: EntradaImagenSocial, conFoto: boolean): Distribucion {
  const anchoTexto_ = anchoTexto(conFoto);
  const etiquetas = etiquetasVisibles(entrada.etiquetas, anchoTexto_);
  const altoPie = ALTO_FECHA + (etiquetas.length ? ALTO_ETIQUETAS + MARGEN_ETIQUETAS : 0);
  const libre = ALTO_CUERPO - RELLENO_ARRIBA - RELLENO_ABAJO - ALTO_ANTETITULO - altoPie - 2 * SEPARACION;
  const resumen = entrada.resumen?.trim();
  // Keep room for at least two summary lines when there is a summary.
  const reservaResumen = resumen ? MARGEN_RESUMEN + 2 * INTERLINEADO_RESUMEN : 0;
  const titulo = ajustarTitulo(entrada.titulo, anchoTexto_, libre - reservaResumen);
  const altoTitulo = titulo.lineas.length * titulo.interlineado;
  const lineasResumen = resumen
    ? Math.max(0, Math.min(MAX_LINEAS_RESUMEN, Math.floor((libre - altoTitulo - MARGEN_RESUMEN) / INTERLINEADO_RESUMEN)))
    : 0;
  return { anchoTexto: anchoTexto_, titulo, lineasResumen, etiquetas, altoPie };
}

function barraGovCo(entidad: string): Nodo {
  return h(
    "div",
    {
      display: "flex",
      alignItems: "center",
      justifyContent: "space-between",
      position: "absolute",
      top: 0,
      left: 0,
      right: 0,
      height: ALTO_BARRA,
      padding: "0 48px",
      backgroundColor: COLORES.barra,
      color: COLORES.texto,
    },
    [
      h("div", { fontFamily: TITULAR, fontWeight: 700, fontSize: 26, letterSpacing: 1 }, "GOV.CO"),
      h("div", { fontFamily: TEXTO, fontWeight: 600, fontSize: 22 }, entidad),
    ],
  );
}

/** Two soft circles where the photo would be (notes without photo). */
function decoracion(): Nodo[] {
  return [
    h(
      "div",
      {
        position: "absolute",
        right: -140,
        top: -120,
        width: 520,
        height: 520,
        borderRadius: 260,
        backgroundColor: "rgba(255,255,255,0.06)",
      },
      [],
    ),
    h(
      "div",
      {
        position: "absolute",
        right: 60,
        bottom: -200,
        width: 360,
        height: 360,
        borderRadius: 180,
        backgroundColor: "rgba(51,102,204,0.35)",
      },
      [],
    ),
  ];
}

const ALTO_CINTA = 40;
const LADO_MARCA_CINTA = 28;

/** Data URI of a mark file (SVG or PNG) for satori's img. */
function uriMarca(ruta: string): string {
  const tipo = ruta.toLowerCase().endsWith(".svg") ? "image/svg+xml" : "image/png";
  return `data:${tipo};base64,${readFileSync(ruta).toString("base64")}`;
}

/**
 * The campaign ribbon: a tab hanging from the GOV.CO bar at the right, with the campaign's mark
 * and its name or hashtag. It sits in the top padding of the text column (above the accent mark),
 * right-aligned to the column (the photo, pasted after the frame, would cover it), so it never
 * covers the note's text nor is covered by the photo.
 */
function cinta(c: NonNullable<EstiloTarjeta["cinta"]>, conFoto: boolean): Nodo {
  const hijos: Hijo[] = [];
  if (c.marca)
    hijos.push({
      type: "img",
      props: { src: uriMarca(c.marca), width: LADO_MARCA_CINTA, height: LADO_MARCA_CINTA, style: { marginRight: 10 } },
    });
  hijos.push(h("div", { fontFamily: TEXTO, fontWeight: 600, fontSize: 20, color: c.colorTexto }, c.texto));
  return h(
    "div",
    {
      display: "flex",
      alignItems: "center",
      position: "absolute",
      top: ALTO_BARRA,
      right: conFoto ? ANCHO_FOTO + BORDE_FOTO : 0,
      height: ALTO_CINTA,
      padding: "0 24px 0 18px",
      backgroundColor: c.fondo,
      borderBottomLeftRadius: 14,
    },
    hijos,
  );
}

/** The whole canvas. */
function raiz(cuerpo: Nodo, entidad: string, conFoto: boolean, estilo?: EstiloTarjeta): Nodo {
  const colores = coloresDe(estilo);
  const encima: Nodo[] = estilo?.cinta ? [cinta(estilo.cinta, conFoto)] : [];
  return h(
    "div",
    {
      display: "flex",
      flexDirection: "column",
      width: ANCHO,
      height: ALTO,
      backgroundColor: colores.fondo,
    },
    [
      cuerpo,
      h("div", { display: "flex", height: ALTO_FRANJA, backgroundColor: colores.franja }, []),
      // Painted last so the decoration under it never covers it (no clipping: masks are slow).
      barraGovCo(entidad),
      ...encima,
    ],
  );
}

/**
 * The parts of the image that do not depend on the note: GOV.CO bar with the entity, the
 * bottom stripe, the yellow mark above the dependencia and, with a photo, the yellow edge of
 * the photo panel. Drawn once per entity.
 */
export function plantillaMarco(entidad: string, conFoto: boolean, estilo?: EstiloTarjeta): Nodo {
  const colores = coloresDe(estilo);
  const hijos: Nodo[] = conFoto
    ? [
        h("div", { display: "flex", width: ANCHO - ANCHO_FOTO - BORDE_FOTO, height: ALTO_CUERPO }, []),
        h("div", { display: "flex", width: BORDE_FOTO, height: ALTO_FOTO, backgroundColor: colores.acento }, []),
      ]
    : decoracion();
  hijos.push(
    h("div", {
      position: "absolute",
      top: RELLENO_ARRIBA,
      left: RELLENO_H,
      width: ANCHO_MARCA,
      height: ALTO_MARCA,
      backgroundColor: colores.acento,
    }),
  );
  return raiz(
    h("div", { display: "flex", position: "relative", height: ALTO_CUERPO, marginTop: ALTO_BARRA }, hijos),
    entidad,
    conFoto,
    estilo,
  );
}

/** A piece of the text column, in canvas pixels. */
export type Pieza =
  | {
      tipo: "texto";
      linea: LineaCompuesta;
      estilo: EstiloTexto;
      color: string;
      /** Start of the line and its baseline. */
      x: number;
      base: number;
      /** The line box (for layout checks). */
      caja: { x: number; y: number; ancho: number; alto: number };
    }
  | { tipo: "pastilla"; x: number; y: number; ancho: number; alto: number; radio: number; color: string };

/** A line in a line box of height `alto` whose top is y: the baseline centres ascent plus descent, as CSS does. */
function enCaja(linea: LineaCompuesta, estilo: EstiloTexto, color: string, x: number, y: number, alto: number): Pieza {
  const a = alturas(estilo);
  const base = y + (alto - (a.ascendente + a.descendente)) / 2 + a.ascendente;
  return { tipo: "texto", linea, estilo, color, x, base, caja: { x, y, ancho: linea.ancho, alto } };
}

/**
 * Lays out the text column of a note's image: dependencia (upper case) at the top, headline and
 * summary in the middle, tags and date at the bottom (CSS flex "space-between" on a column).
 * Needs cargarTipografia() first.
 */
export function componerColumna(entrada: EntradaImagenSocial, conFoto: boolean): Pieza[] {
  const d = distribuir(entrada, conFoto);
  const region = regionVariable(conFoto);
  const x = region.x;
  const piezas: Pieza[] = [];

  const antetitulo = componerParrafo(entrada.dependencia.toLocaleUpperCase("es-CO"), ESTILO_ANTETITULO, d.anchoTexto, 1);
  const yAntetitulo = region.y + ALTO_MARCA + MARGEN_MARCA;
  const acento = coloresDe(entrada.estilo).acento;
  for (const l of antetitulo) piezas.push(enCaja(l, ESTILO_ANTETITULO, acento, x, yAntetitulo, ALTO_LINEA_ANTETITULO));

  const resumen = entrada.resumen?.replace(/\s+/g, " ").trim();
  const lineasResumen =
    resumen && d.lineasResumen > 0 ? componerParrafo(resumen, ESTILO_RESUMEN, d.anchoTexto, d.lineasResumen) : [];
  const altoCentro =
    d.titulo.lineas.length * d.titulo.interlineado +
    (lineasResumen.length ? MARGEN_RESUMEN + lineasResumen.length * INTERLINEADO_RESUMEN : 0);
  const hueco = Math.max(0, (region.alto - ALTO_ANTETITULO - altoCentro - d.altoPie) / 2);

  let y = region.y + ALTO_ANTETITULO + hueco;
  for (const l of d.titulo.lineas) {
    piezas.push(enCaja(l, estiloTitular(d.titulo.tamano), COLORES.texto, x, y, d.titulo.interlineado));
    y += d.titulo.interlineado;
  }
  if (lineasResumen.length) y += MARGEN_RESUMEN;
  for (const l of lineasResumen) {
    piezas.push(enCaja(l, ESTILO_RESUMEN, COLORES.textoSuave, x, y, INTERLINEADO_RESUMEN));
    y += INTERLINEADO_RESUMEN;
  }

  y = region.y + region.alto - d.altoPie;
  if (d.etiquetas.length) {
    let xe = x;
    for (const linea of d.etiquetas) {
      const ancho = linea.ancho + 2 * RELLENO_ETIQUETA;
      piezas.push({
        tipo: "pastilla",
        x: xe,
        y,
        ancho,
        alto: ALTO_ETIQUETAS,
        radio: ALTO_ETIQUETAS / 2,
        color: COLORES.etiqueta,
      });
      piezas.push(enCaja(linea, ESTILO_ETIQUETA, COLORES.texto, xe + RELLENO_ETIQUETA, y, ALTO_ETIQUETAS));
      xe += ancho + SEPARACION_ETIQUETAS;
    }
    y += ALTO_ETIQUETAS + MARGEN_ETIQUETAS;
  }
  piezas.push(enCaja(componerLinea(formatoFecha(entrada.fecha), ESTILO_FECHA), ESTILO_FECHA, COLORES.texto, x, y, ALTO_FECHA));
  return piezas;
}

/** The text column's content box: the only part of the canvas that changes from note to note. */
export function regionVariable(conFoto: boolean): { x: number; y: number; ancho: number; alto: number } {
  return {
    x: RELLENO_H,
    y: ALTO_BARRA + RELLENO_ARRIBA,
    ancho: anchoTexto(conFoto),
    alto: ALTO_CUERPO - RELLENO_ARRIBA - RELLENO_ABAJO,
  };
}

/** Where the photo goes. */
export const REGION_FOTO = { x: ANCHO - ANCHO_FOTO, y: ALTO_BARRA, ancho: ANCHO_FOTO, alto: ALTO_FOTO } as const;
