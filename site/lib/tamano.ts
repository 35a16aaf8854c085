import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/** GitHub Pages refuses published sites over 1 GB (docs.github.com: "GitHub Pages limits"). */
export const LIMITE_PAGES = 1024 ** 3;
/** The build warns when the site, now or projected at 5,000 notes, passes this share of the limit. */
const AVISO = 0.8;
/** Five years of a municipality publishing one to three notes a day. */
export const NOTAS_PROYECTADAS = 5000;

/** What a built site weighs, by kind, and what it would weigh at 5,000 notes. */
export interface InformeTamano {
  total: number;
  porTipo: Record<string, number>;
  /** Bytes that grow with each note (its page, social image and photos) times 5,000, plus the rest. */
  proyectado: number;
  aviso?: string;
}

const tipoDe = (rel: string): string =>
  rel.startsWith("social/")
    ? "imágenes sociales"
    : rel.startsWith("imagenes/")
      ? "fotos de las notas"
      : rel.startsWith("noticias/")
        ? "páginas de notas"
        : rel.startsWith("pagefind/")
          ? "índice de búsqueda"
          : "resto del sitio";

/** Measures the built folder `dir` holding `notas` public notes. */
export function informeTamano(dir: string, notas: number): InformeTamano {
  const porTipo: Record<string, number> = {};
  const visitar = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) visitar(path.join(d, e.name), r);
      else if (e.isFile()) porTipo[tipoDe(r)] = (porTipo[tipoDe(r)] ?? 0) + statSync(path.join(d, e.name)).size;
    }
  };
  visitar(dir, "");
  const total = Object.values(porTipo).reduce((a, b) => a + b, 0);
  // Pages, social images, photos and the search index grow with the notes; the rest does not.
  const fijo = porTipo["resto del sitio"] ?? 0;
  const proyectado = notas > 0 ? fijo + ((total - fijo) / notas) * NOTAS_PROYECTADAS : total;
  const informe: InformeTamano = { total, porTipo, proyectado };
  if (total > LIMITE_PAGES * AVISO)
    informe.aviso = `el sitio ya pesa ${mb(total)}, cerca del límite de 1 GB de GitHub Pages: vea docs/despliegue.md`;
  else if (notas < NOTAS_PROYECTADAS && proyectado > LIMITE_PAGES * AVISO)
    informe.aviso = `con ${NOTAS_PROYECTADAS} notas el sitio pesaría unos ${mb(proyectado)}, cerca o por encima del límite de 1 GB de GitHub Pages: reduzca las fotos o vea docs/despliegue.md`;
  return informe;
}

export const mb = (bytes: number): string => `${(bytes / 1024 ** 2).toFixed(1).replace(".", ",")} MB`;

/** The report as log lines, in Spanish. */
export function lineasInforme(i: InformeTamano, notas: number): string[] {
  const tipos = Object.entries(i.porTipo)
    .sort((a, b) => b[1] - a[1])
    .map(([t, b]) => `${t} ${mb(b)}`)
    .join(", ");
  return [
    `Tamaño del sitio: ${mb(i.total)} con ${notas} notas (${tipos}); proyectado a ${NOTAS_PROYECTADAS} notas: ${mb(i.proyectado)}.`,
  ];
}
