import { formatoFecha } from "../content/time.ts";
import { ajustarTitulo, type TituloAjustado } from "./metricas.ts";
import { TEXTO, TITULAR } from "./fuentes.ts";

/**
 * The GOV.CO institutional template of the social image (1200×630), as plain satori vnodes
 * ({type, props}) so no JSX compiler is needed. Pure: same input, same tree.
 * Documented for people in docs/imagenes.md; change VERSION_PLANTILLA when the look changes.
 */

/** Bump when the template changes: it is part of the cache key, so every image is redrawn. */
export const VERSION_PLANTILLA = "govco-1";

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
const ALTO_ANTETITULO = 6 + 12 + 26;
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
}

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

// Work Sans 600 at 18 px: about 0.6 em per character on average (estimate for the tag pills).
const anchoEtiqueta = (t: string): number => t.length * 18 * 0.6 + 28;

/** The tags that fit in one row of the text column, each shortened to 24 characters. */
export function etiquetasVisibles(etiquetas: readonly string[] | undefined, ancho: number): string[] {
  const out: string[] = [];
  let usado = 0;
  for (const bruta of etiquetas ?? []) {
    if (out.length === MAX_ETIQUETAS) break;
    const t = bruta.length > 24 ? `${bruta.slice(0, 23)}…` : bruta;
    const w = anchoEtiqueta(t) + (out.length ? 10 : 0);
    if (usado + w > ancho) break;
    out.push(t);
    usado += w;
  }
  return out;
}

export interface Distribucion {
  anchoTexto: number;
  titulo: TituloAjustado;
  lineasResumen: number;
  etiquetas: string[];
}

/** Decides sizes: headline font, how many summary lines fit, which tags are shown. Pure. */
/** Width of the text column's content. */
export function anchoTexto(conFoto: boolean): number {
  const anchoColumna = conFoto ? ANCHO - ANCHO_FOTO - BORDE_FOTO : ANCHO;
  return Math.min(anchoColumna - 2 * RELLENO_H, 980);
}

export function distribuir(entrada: EntradaImagenSocial, conFoto: boolean): Distribucion {
  const anchoTexto_ = anchoTexto(conFoto);
  const etiquetas = etiquetasVisibles(entrada.etiquetas, anchoTexto_);
  const altoPie = ALTO_FECHA + (etiquetas.length ? ALTO_ETIQUETAS + 12 : 0);
  const libre = ALTO_CUERPO - RELLENO_ARRIBA - RELLENO_ABAJO - ALTO_ANTETITULO - altoPie - 2 * SEPARACION;
  const resumen = entrada.resumen?.trim();
  // Keep room for at least two summary lines when there is a summary.
  const reservaResumen = resumen ? 18 + 2 * INTERLINEADO_RESUMEN : 0;
  const titulo = ajustarTitulo(entrada.titulo, anchoTexto_, libre - reservaResumen);
  const altoTitulo = titulo.lineas * titulo.interlineado;
  const lineasResumen = resumen
    ? Math.max(0, Math.min(MAX_LINEAS_RESUMEN, Math.floor((libre - altoTitulo - 18) / INTERLINEADO_RESUMEN)))
    : 0;
  return { anchoTexto: anchoTexto_, titulo, lineasResumen, etiquetas };
}

/** The satori tree of the social image. */
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

/**
 * The satori tree of the social image. With a photo, the right panel is an empty box: the
 * photo's pixels are pasted there after rasterising (see social.ts), which is much faster
 * than letting resvg decode and draw an embedded image on every render.
 */
export function plantillaSocial(entrada: EntradaImagenSocial, conFoto = false, conBarra = true): Nodo {
  const d = distribuir(entrada, conFoto);
  const antetitulo = h("div", { display: "flex", flexDirection: "column" }, [
    h("div", { width: 56, height: 6, backgroundColor: COLORES.acento, marginBottom: 12 }, []),
    h(
      "div",
      {
        fontFamily: TEXTO,
        fontWeight: 600,
        fontSize: 20,
        lineHeight: "26px",
        letterSpacing: 1.5,
        textTransform: "uppercase",
        color: COLORES.acento,
        maxWidth: d.anchoTexto,
        lineClamp: 1,
        display: "block",
      },
      entrada.dependencia,
    ),
  ]);

  const centro: Nodo[] = [
    h(
      "div",
      {
        display: "block",
        fontFamily: TITULAR,
        fontWeight: 700,
        fontSize: d.titulo.tamano,
        lineHeight: `${d.titulo.interlineado}px`,
        color: COLORES.texto,
        width: d.anchoTexto,
        lineClamp: d.titulo.lineas,
        wordBreak: "break-word",
      },
      d.titulo.texto,
    ),
  ];
  const resumen = entrada.resumen?.replace(/\s+/g, " ").trim();
  if (resumen && d.lineasResumen > 0) {
    centro.push(
      h(
        "div",
        {
          display: "block",
          marginTop: 18,
          fontFamily: TEXTO,
          fontWeight: 400,
          fontSize: 25,
          lineHeight: `${INTERLINEADO_RESUMEN}px`,
          color: COLORES.textoSuave,
          width: d.anchoTexto,
          lineClamp: d.lineasResumen,
        },
        resumen,
      ),
    );
  }

  const pie: Nodo[] = [];
  if (d.etiquetas.length) {
    pie.push(
      h(
        "div",
        { display: "flex", marginBottom: 12 },
        d.etiquetas.map((t, i) =>
          h(
            "div",
            {
              display: "flex",
              alignItems: "center",
              height: ALTO_ETIQUETAS,
              padding: "0 14px",
              marginLeft: i ? 10 : 0,
              borderRadius: 18,
              backgroundColor: COLORES.etiqueta,
              fontFamily: TEXTO,
              fontWeight: 600,
              fontSize: 18,
              color: COLORES.texto,
            },
            `#${t}`,
          ),
        ),
      ),
    );
  }
  pie.push(
    h(
      "div",
      { display: "flex", fontFamily: TEXTO, fontWeight: 600, fontSize: 22, lineHeight: `${ALTO_FECHA}px`, color: COLORES.texto },
      formatoFecha(entrada.fecha),
    ),
  );

  const columnaTexto = h(
    "div",
    {
      display: "flex",
      flexDirection: "column",
      justifyContent: "space-between",
      flexGrow: 1,
      flexShrink: 1,
      padding: `${RELLENO_ARRIBA}px ${RELLENO_H}px ${RELLENO_ABAJO}px`,
    },
    [
      antetitulo,
      h("div", { display: "flex", flexDirection: "column" }, centro),
      h("div", { display: "flex", flexDirection: "column" }, pie),
    ],
  );

  const cuerpoHijos: Nodo[] = [];
  if (conFoto) {
    cuerpoHijos.push(
      columnaTexto,
      h("div", { display: "flex", width: BORDE_FOTO, height: ALTO_FOTO, backgroundColor: COLORES.acento }, []),
      h("div", { display: "flex", width: ANCHO_FOTO, height: ALTO_FOTO }, []),
    );
  } else {
    cuerpoHijos.push(...decoracion(), columnaTexto);
  }

  const cuerpo = h("div", { display: "flex", position: "relative", height: ALTO_CUERPO, marginTop: ALTO_BARRA }, cuerpoHijos);
  return raiz(cuerpo, conBarra ? entrada.entidad : undefined);
}

/** The whole canvas; without entidad, the GOV.CO bar is left out (it comes from the frame). */
function raiz(cuerpo: Nodo, entidad: string | undefined): Nodo {
  return h(
    "div",
    {
      display: "flex",
      flexDirection: "column",
      width: ANCHO,
      height: ALTO,
      backgroundColor: COLORES.institucional,
    },
    [
      cuerpo,
      h("div", { display: "flex", height: ALTO_FRANJA, backgroundColor: COLORES.barra }, []),
      // Painted last so the decoration under it never covers it (no clipping: masks are slow).
      ...(entidad === undefined ? [] : [barraGovCo(entidad)]),
    ],
  );
}

/**
 * The parts of the image that do not depend on the note: GOV.CO bar with the entity, the
 * bottom stripe and, with a photo, the yellow edge of the photo panel. Drawn once per entity.
 */
export function plantillaMarco(entidad: string, conFoto: boolean): Nodo {
  const hijos: Nodo[] = conFoto
    ? [
        h("div", { display: "flex", width: ANCHO - ANCHO_FOTO - BORDE_FOTO, height: ALTO_CUERPO }, []),
        h("div", { display: "flex", width: BORDE_FOTO, height: ALTO_FOTO, backgroundColor: COLORES.acento }, []),
      ]
    : decoracion();
  return raiz(h("div", { display: "flex", position: "relative", height: ALTO_CUERPO, marginTop: ALTO_BARRA }, hijos), entidad);
}

/**
 * The rectangle of the canvas that changes from note to note: the text column's content box.
 * Only this part is rasterised per image (resvg's cost grows with the pixels it fills); the
 * padding around it is the same flat background and decoration as the frame.
 */
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
