import type { APIRoute, GetStaticPaths } from "astro";
import path from "node:path";
import { leerSinSeguirEnlaces } from "../../../../../scripts/lib/content/archivos.ts";
import { notasPublicas } from "../../../../lib/sitio.ts";
import { imagenDelCuerpo } from "../../../../lib/cargador.ts";
import { rutas } from "../../../../../scripts/lib/content/paths.ts";

/**
 * Images of PUBLIC notes only (a scheduled note's or a draft's image is never published): the
 * main image, and each image the body shows from next to the note, at the address the notes
 * loader wrote into the body's HTML (imagenDelCuerpo).
 */
export const getStaticPaths = (async () => {
  const notas = await notasPublicas();
  const rutasPublicadas = new Map<string, { params: { anio: string; mes: string; archivo: string }; props: { ruta: string } }>();
  for (const n of notas) {
    if (n.rutaImagen)
      rutasPublicadas.set(`${n.anio}/${n.mes}/${path.basename(n.rutaImagen)}`, {
        params: { anio: n.anio, mes: n.mes, archivo: path.basename(n.rutaImagen) },
        props: { ruta: n.rutaImagen },
      });
    // Notes live at content/notas/AAAA/MM/<slug>.mdx; their body images sit beside them.
    const rutaNota = path.join(rutas().notas, n.anio, n.mes);
    const metadata = n.entrada.rendered?.metadata as { imagePaths?: string[] } | undefined;
    for (const src of metadata?.imagePaths ?? []) {
      const publicada = imagenDelCuerpo(
        { anio: n.anio, mes: n.mes, slug: n.slug, ruta: path.join(rutaNota, `${n.slug}.mdx`) },
        decodeURI(src),
      );
      if (!publicada) continue;
      const archivo = path.basename(publicada.src);
      rutasPublicadas.set(`${n.anio}/${n.mes}/${archivo}`, {
        params: { anio: n.anio, mes: n.mes, archivo },
        props: { ruta: path.resolve(rutaNota, decodeURI(src)) },
      });
    }
  }
  return [...rutasPublicadas.values()];
}) satisfies GetStaticPaths;

/** The bytes of the note's own file: a symbolic link is refused, never followed (content files are data). */
export const GET: APIRoute<{ ruta: string }> = ({ props }) => new Response(new Uint8Array(leerSinSeguirEnlaces(props.ruta)));
