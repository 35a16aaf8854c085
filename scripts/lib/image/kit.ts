import "../images/entorno.ts";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import satori from "satori";
import { escribirAtomico } from "../content/escribir.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import type { Red } from "../content/schema/redes.ts";
import { formatoFechaHora } from "../content/time.ts";
import { cargarFuentes, TEXTO, TITULAR } from "../images/fuentes.ts";
import { NOMBRE_RED } from "../content/schema/redes.ts";
import { archivoDeMarca, rutaPublica, temaVigente, type TemaVigente } from "./vigente.ts";

/**
 * The profile kit of every configured network (`prensa imagen kit`): the avatar and the cover or
 * banner, drawn for the theme or campaign in force, at the size each platform documents, into a
 * folder with a checklist. Sizes as published by each platform (read with the search tool on
 * 2026-12-02):
 * - Facebook: Page cover 851×315 px (Facebook Help, «Page profile picture and cover photo
 *   dimensions», as cited by pixelmeasures.com, checked 2026-05-01: minimum 400×150, fastest as an
 *   sRGB JPG/PNG of 851×315), profile picture 320×320 px (displayed smaller, at least 180).
 * - X: header 1500×500 px (3:1), profile photo 400×400 px (X Help Center, as cited by
 *   picovert.com and socialrails.com, 2026).
 * - Bluesky: banner 1500×500 px (3:1, as the app crops it), avatar 1000×1000 px; the
 *   app.bsky.actor.profile lexicon accepts image/png or image/jpeg up to 1,000,000 bytes each.
 * - Mastodon: header 1500×500 px, avatar 400×400 px (docs.joinmastodon.org/user/profile: PNG,
 *   GIF or JPG up to 2 MB, downscaled to 1500×500 and 400×400).
 * - Telegram: profile photo of the channel 640×640 px (square, shown as a circle; picovert.com's
 *   Telegram guide, 2026); no cover.
 * - Instagram: profile photo 320×320 px (Instagram Help Center; not found in the search corpus
 *   this session: check it before relying on it); no cover.
 */

export type TipoPieza = "perfil" | "portada";

export interface Pieza {
  red: Red;
  tipo: TipoPieza;
  ancho: number;
  alto: number;
  /** Largest file the platform accepts, in bytes. */
  maximo: number;
  /** Where people change it by hand, in Spanish. */
  donde: string;
  /** The platform's page that documents the size. */
  fuente: string;
}

const MB = 1_000_000;
export const PIEZAS: readonly Pieza[] = [
  {
    red: "facebook",
    tipo: "portada",
    ancho: 851,
    alto: 315,
    maximo: 10 * MB,
    donde: "Página > Editar portada > Subir foto",
    fuente: "la ayuda de Facebook (citada en pixelmeasures.com/platform-sizes/facebook/cover-photo/)",
  },
  {
    red: "facebook",
    tipo: "perfil",
    ancho: 320,
    alto: 320,
    maximo: 10 * MB,
    donde: "Página > Foto del perfil > Subir foto",
    fuente: "la ayuda de Facebook (citada en pixelmeasures.com/platform-sizes/facebook/cover-photo/)",
  },
  {
    red: "x",
    tipo: "portada",
    ancho: 1500,
    alto: 500,
    maximo: 5 * MB,
    donde: "Perfil > Editar perfil > Encabezado",
    fuente: "la ayuda de X (encabezado 1500×500, foto 400×400; picovert.com/en/blog/image-size-for-twitter-x)",
  },
  {
    red: "x",
    tipo: "perfil",
    ancho: 400,
    alto: 400,
    maximo: 2 * MB,
    donde: "Perfil > Editar perfil > Foto",
    fuente: "la ayuda de X (encabezado 1500×500, foto 400×400; picovert.com/en/blog/image-size-for-twitter-x)",
  },
  {
    red: "bluesky",
    tipo: "portada",
    ancho: 1500,
    alto: 500,
    maximo: MB,
    donde: "Perfil > Editar perfil > Banner (o `prensa imagen kit --aplicar`)",
    fuente: "el léxico app.bsky.actor.profile (PNG o JPEG de hasta 1 000 000 bytes) y la proporción 3:1 del banner",
  },
  {
    red: "bluesky",
    tipo: "perfil",
    ancho: 1000,
    alto: 1000,
    maximo: MB,
    donde: "Perfil > Editar perfil > Avatar (o `prensa imagen kit --aplicar`)",
    fuente: "el léxico app.bsky.actor.profile (PNG o JPEG de hasta 1 000 000 bytes) y la proporción 3:1 del banner",
  },
  {
    red: "mastodon",
    tipo: "portada",
    ancho: 1500,
    alto: 500,
    maximo: 2 * MB,
    donde: "Preferencias > Perfil público > Cabecera (o `prensa imagen kit --aplicar`)",
    fuente: "docs.joinmastodon.org/user/profile (PNG, GIF o JPG de hasta 2 MB; 1500×500 y 400×400)",
  },
  {
    red: "mastodon",
    tipo: "perfil",
    ancho: 400,
    alto: 400,
    maximo: 2 * MB,
    donde: "Preferencias > Perfil público > Avatar (o `prensa imagen kit --aplicar`)",
    fuente: "docs.joinmastodon.org/user/profile (PNG, GIF o JPG de hasta 2 MB; 1500×500 y 400×400)",
  },
  {
    red: "telegram",
    tipo: "perfil",
    ancho: 640,
    alto: 640,
    maximo: 10 * MB,
    donde: "Canal > Editar > Foto del canal",
    fuente: "la guía de tamaños de Telegram (640×640; picovert.com/en/blog/image-size-for-telegram)",
  },
  {
    red: "instagram",
    tipo: "perfil",
    ancho: 320,
    alto: 320,
    maximo: 10 * MB,
    donde: "Perfil > Editar perfil > Cambiar foto del perfil",
    fuente: "la ayuda de Instagram (320×320)",
  },
];

/** Networks whose API lets `--aplicar` update the profile images (documented endpoints). */
export const APLICABLES: readonly Red[] = ["mastodon", "bluesky", "telegram", "x"];

export const nombreArchivo = (p: Pieza): string => `${p.red}-${p.tipo}-${p.ancho}x${p.alto}.png`;

type Nodo = { type: string; props: Record<string, unknown> };
const h = (type: string, style: Record<string, unknown>, children?: unknown): Nodo => ({
  type,
  props: children === undefined ? { style } : { style, children },
});

function uri(ruta: string): string {
  const tipo = ruta.toLowerCase().endsWith(".svg") ? "image/svg+xml" : "image/png";
  return `data:${tipo};base64,${readFileSync(ruta).toString("base64")}`;
}

/** What the pieces are drawn from: entity names, theme colours, logo and campaign mark files. */
export interface EntradaKit {
  entidad: string;
  oficina: string;
  tema: TemaVigente;
  /** Absolute path of the entity's logo, when there is one. */
  logo?: string | undefined;
  /** Absolute path of the campaign's mark, when a campaign with a mark is in force. */
  marca?: string | undefined;
}

export function entradaKit(institucion: Institucion, momento: Date): EntradaKit {
  const tema = temaVigente(institucion, momento);
  const logo = tema.logo ?? institucion.logo;
  const rutaLogo = logo ? rutaPublica(logo.archivo) : undefined;
  return {
    entidad: institucion.nombreCorto,
    oficina: institucion.oficina,
    tema,
    logo: rutaLogo && existsSync(rutaLogo) ? rutaLogo : undefined,
    marca: tema.campana?.marca ? archivoDeMarca(tema.campana) : undefined,
  };
}

/** The cover: the entity and office centred in the safe area, the band, and the campaign's ribbon. */
function portada(e: EntradaKit, ancho: number, alto: number): Nodo {
  const c = e.tema.tarjeta;
  const u = alto / 100;
  const campana = e.tema.campana;
  const hijos: unknown[] = [
    h("div", { display: "flex", width: 14 * u, height: 2 * u, backgroundColor: c.acento, marginBottom: 4 * u }),
    h("div", { fontFamily: TITULAR, fontWeight: 700, fontSize: 14 * u, color: "#FFFFFF", lineHeight: 1.1 }, e.entidad),
    h("div", { fontFamily: TEXTO, fontWeight: 600, fontSize: 7 * u, color: c.acento, marginTop: 3 * u }, e.oficina),
  ];
  if (campana) {
    const cinta: unknown[] = [];
    if (e.marca)
      cinta.push({ type: "img", props: { src: uri(e.marca), width: 9 * u, height: 9 * u, style: { marginRight: 2 * u } } });
    cinta.push(
      h(
        "div",
        { fontFamily: TEXTO, fontWeight: 600, fontSize: 6 * u, color: "#1F1F1F" },
        `${campana.nombre} · ${campana.etiqueta}`,
      ),
    );
    hijos.push(
      h(
        "div",
        {
          display: "flex",
          alignItems: "center",
          marginTop: 6 * u,
          padding: `${1.5 * u}px ${3 * u}px`,
          borderRadius: 3 * u,
          backgroundColor: c.acento,
        },
        cinta,
      ),
    );
  }
  return h("div", { display: "flex", flexDirection: "column", width: ancho, height: alto, backgroundColor: c.fondo }, [
    h("div", { display: "flex", flexDirection: "column", alignItems: "center", justifyContent: "center", flexGrow: 1 }, hijos),
    h("div", { display: "flex", height: 4 * u, backgroundColor: c.franja }),
  ]);
}

/** The avatar: the logo (or the initials) on the card colour, with the campaign mark as a badge. */
function perfil(e: EntradaKit, lado: number): Nodo {
  const c = e.tema.tarjeta;
  const centro = e.logo
    ? { type: "img", props: { src: uri(e.logo), width: lado * 0.5, height: lado * 0.56, style: { objectFit: "contain" } } }
    : h(
        "div",
        { fontFamily: TITULAR, fontWeight: 700, fontSize: lado * 0.3, color: "#FFFFFF" },
        e.entidad
          .split(/\s+/)
          .filter((p) => /^\p{Lu}/u.test(p))
          .map((p) => p[0])
          .join("")
          .slice(0, 3),
      );
  const hijos: unknown[] = [centro];
  if (e.marca)
    hijos.push({
      type: "img",
      props: {
        src: uri(e.marca),
        width: lado * 0.26,
        height: lado * 0.26,
        style: { position: "absolute", right: lado * 0.14, bottom: lado * 0.14 },
      },
    });
  return h(
    "div",
    {
      display: "flex",
      position: "relative",
      alignItems: "center",
      justifyContent: "center",
      width: lado,
      height: lado,
      backgroundColor: c.fondo,
      borderBottom: `${lado * 0.04}px solid ${c.franja}`,
    },
    hijos,
  );
}

/** Draws one piece as PNG at exactly its size. */
export async function dibujarPieza(e: EntradaKit, p: Pieza): Promise<Uint8Array> {
  const nodo = p.tipo === "portada" ? portada(e, p.ancho, p.alto) : perfil(e, p.ancho);
  const svg = await satori(nodo as unknown as Parameters<typeof satori>[0], {
    width: p.ancho,
    height: p.alto,
    fonts: cargarFuentes(),
  });
  return new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng();
}

export interface ArchivoKit {
  pieza: Pieza;
  ruta: string;
  bytes: number;
  sha256: string;
}

/** The pieces of the networks configured in the institution. */
export const piezasConfiguradas = (institucion: Institucion): Pieza[] => PIEZAS.filter((p) => institucion.redes[p.red]);

/**
 * Draws every piece of every configured network into `carpeta` (atomic writes) and the
 * checklist LISTA.md. Fails with a Spanish message when a piece exceeds the platform's limit.
 */
export async function escribirKit(institucion: Institucion, momento: Date, carpeta: string): Promise<ArchivoKit[]> {
  const e = entradaKit(institucion, momento);
  mkdirSync(carpeta, { recursive: true });
  const archivos: ArchivoKit[] = [];
  for (const p of piezasConfiguradas(institucion)) {
    const png = await dibujarPieza(e, p);
    if (png.byteLength > p.maximo)
      throw new Error(
        `La imagen ${nombreArchivo(p)} pesa ${png.byteLength} bytes, más de lo que admite ${NOMBRE_RED[p.red]} (${p.maximo}).`,
      );
    const ruta = path.join(carpeta, nombreArchivo(p));
    escribirAtomico(ruta, png);
    archivos.push({ pieza: p, ruta, bytes: png.byteLength, sha256: createHash("sha256").update(png).digest("hex") });
  }
  escribirAtomico(path.join(carpeta, "LISTA.md"), listaDeVerificacion(e, momento, archivos));
  return archivos;
}

/** The checklist people follow to change each profile by hand (and what `--aplicar` does for them). */
export function listaDeVerificacion(e: EntradaKit, momento: Date, archivos: readonly ArchivoKit[]): string {
  const c = e.tema.campana;
  const lineas = [
    `# Kit de perfiles y portadas de ${e.entidad}`,
    "",
    `Dibujado para el ${formatoFechaHora(momento)} (hora de Colombia) con ${c ? `la campaña «${c.nombre}» (${c.etiqueta})` : "el tema institucional"}.`,
    "",
    "Marque cada casilla cuando haya cambiado la imagen en la red. Mastodon, Bluesky, Telegram y X se pueden actualizar con",
    "`prensa imagen kit --aplicar` (una vez por cambio; queda anotado en content/imagen/perfiles.json).",
    "",
  ];
  for (const a of archivos) {
    const p = a.pieza;
    lineas.push(
      `- [ ] ${NOMBRE_RED[p.red]}, ${p.tipo === "portada" ? "portada" : "foto de perfil"}: \`${path.basename(a.ruta)}\` (${p.ancho}×${p.alto} px, ${Math.ceil(a.bytes / 1000)} KB). Dónde: ${p.donde}. Medida según ${p.fuente}`,
    );
  }
  return `${lineas.join("\n")}\n`;
}
