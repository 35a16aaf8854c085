import { getCollection, type CollectionEntry } from "astro:content";
import path from "node:path";
import { cargarInstitucion, nombreDependencia as nombreDependenciaDe } from "../../scripts/lib/content/institucion.ts";
import { momentoConstruccion, NOMBRES_MES, partes } from "../../scripts/lib/content/time.ts";
import { RAIZ } from "../../scripts/lib/content/paths.ts";
import { slugDe } from "../../scripts/lib/content/escribir.ts";
import type { DatosNota } from "../../scripts/lib/content/schema/nota.ts";
import { fotoPublicada, planFoto, type FotoPublicada } from "../../scripts/lib/images/responsiva.ts";

export const institucion = cargarInstitucion();

/** The moment the site is built for (PRENSA_AHORA or the clock), the same for every part of the build. */
export const momento = momentoConstruccion();

export type EntradaNota = CollectionEntry<"notas">;

/** A public note with the facts derived from its stable id. */
export interface NotaSitio {
  entrada: EntradaNota;
  /** The validated frontmatter, typed by the project's one note schema. */
  datos: DatosNota;
  id: string;
  anio: string;
  mes: string;
  slug: string;
  url: string;
  urlAbsoluta: string;
  /** Public path of the social image (1200×630 JPEG). */
  social: string;
  /** Public path of the main image (its widest WebP version), when the note has one. */
  imagen?: string;
  /** The main image's <picture> attributes (AVIF and WebP widths, intrinsic size). */
  foto?: FotoPublicada;
  /** Absolute file path of the main image. */
  rutaImagen?: string;
  dependenciaNombre: string;
}

export function derivar(entrada: EntradaNota): NotaSitio {
  const [anio, mes, slug] = entrada.id.split("/") as [string, string, string];
  const url = `/noticias/${anio}/${mes}/${slug}/`;
  const datos = entrada.data as DatosNota;
  // The loader stores filePath relative to Astro's root (the checkout), not to the content root
  // (PRENSA_RAIZ), so it resolves against the checkout.
  const rutaImagen =
    datos.imagen && entrada.filePath ? path.resolve(RAIZ, path.dirname(entrada.filePath), datos.imagen.src) : undefined;
  const plan = rutaImagen ? planFoto(rutaImagen) : undefined;
  const foto = plan ? fotoPublicada(plan, { anio, mes, slug }) : undefined;
  return {
    entrada,
    datos,
    id: entrada.id,
    anio,
    mes,
    slug,
    url,
    urlAbsoluta: `${institucion.sitio}${url}`,
    social: `/social/${anio}/${mes}/${slug}.jpg`,
    imagen: foto?.src,
    ...(foto ? { foto } : {}),
    rutaImagen,
    dependenciaNombre: nombreDependencia(datos.dependencia),
  };
}

export const nombreDependencia = (id: string): string => nombreDependenciaDe(institucion, id);

let cache: NotaSitio[] | undefined;

/**
 * Public notes, newest first: not drafts and with `publicar` at or before the build moment.
 * Every page, feed, sitemap entry, image and search entry comes from this list only.
 */
export async function notasPublicas(): Promise<NotaSitio[]> {
  // In `astro dev` the loader updates entries as notes are edited: read the collection every time.
  if (cache && !import.meta.env.DEV) return cache;
  const entradas = await getCollection("notas", (e) => {
    const datos = e.data as DatosNota;
    return !datos.borrador && datos.publicar.getTime() <= momento.getTime();
  });
  cache = entradas.map(derivar).sort((a, b) => b.datos.publicar.getTime() - a.datos.publicar.getTime());
  return cache;
}

export const slugEtiqueta = (etiqueta: string): string => slugDe(etiqueta);

export const nombreMes = (anio: string, mes: string): string => `${NOMBRES_MES[Number(mes) - 1]} de ${anio}`;

export { partes };

/** Notes grouped by month ("AAAA/MM"), newest month first, each list in the given order. */
export function notasPorMes(notas: readonly NotaSitio[]): Map<string, NotaSitio[]> {
  const porMes = new Map<string, NotaSitio[]>();
  for (const n of notas) {
    const clave = `${n.anio}/${n.mes}`;
    const lista = porMes.get(clave);
    if (lista) lista.push(n);
    else porMes.set(clave, [n]);
  }
  return porMes;
}
