import { existsSync } from "node:fs";
import path from "node:path";
import type { Nota } from "../../scripts/lib/content/notas.ts";
import { planFoto, urlImagen, type PlanFoto } from "../../scripts/lib/images/responsiva.ts";

/**
 * The image files a public note publishes under /imagenes/AAAA/MM/<slug>/: its main image and
 * each image its body shows from next to the note. PNG and JPEG files are published as their
 * responsive versions only (responsiva.ts), never as uploaded; other files (SVG, GIF) as they are.
 */

type NotaConImagenes = Pick<Nota, "anio" | "mes" | "slug" | "ruta" | "cuerpo" | "rutaImagen">;

/** One image file of a note: its source, and its plan when it is re-encoded. */
export interface ImagenDeNota {
  ruta: string;
  plan?: PlanFoto;
}

/** Relative image addresses in a body: Markdown images and <img src>. */
export function imagenesRelativasDe(cuerpo: string): string[] {
  const rutasImg = [
    ...[...cuerpo.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)/g)].map((m) => m[1]!),
    ...[...cuerpo.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]!),
  ];
  return rutasImg.filter((src) => !/^(?:[a-z][a-z0-9+.-]*:|\/|#)/i.test(src));
}

/** The file a body image written relative to the note points to, when it sits next to the note. */
export function archivoDelCuerpo(nota: Pick<Nota, "ruta">, src: string): string | undefined {
  const ruta = path.resolve(path.dirname(nota.ruta), src);
  return path.dirname(ruta) === path.dirname(nota.ruta) && existsSync(ruta) ? ruta : undefined;
}

/** Every image file a note publishes, each once. */
export function imagenesDeNota(nota: NotaConImagenes): ImagenDeNota[] {
  const rutas = new Set<string>();
  if (nota.rutaImagen) rutas.add(nota.rutaImagen);
  for (const src of imagenesRelativasDe(nota.cuerpo)) {
    const ruta = archivoDelCuerpo(nota, decodeURI(src));
    if (ruta) rutas.add(ruta);
  }
  return [...rutas].map((ruta) => {
    const plan = planFoto(ruta);
    return plan ? { ruta, plan } : { ruta };
  });
}

/** The files of a note's image folder: public name → where its bytes are (a cached version or the source). */
export function archivosPublicados(
  nota: NotaConImagenes,
  rutaVariante: (plan: PlanFoto, v: PlanFoto["variantes"][number]) => string,
): { url: string; archivo: string; origen: string }[] {
  return imagenesDeNota(nota).flatMap(({ ruta, plan }) =>
    plan
      ? plan.variantes.map((v) => ({ url: urlImagen(nota, v.archivo), archivo: v.archivo, origen: rutaVariante(plan, v) }))
      : [{ url: urlImagen(nota, path.basename(ruta)), archivo: path.basename(ruta), origen: ruta }],
  );
}
