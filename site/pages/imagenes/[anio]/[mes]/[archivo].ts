import type { APIRoute, GetStaticPaths } from "astro";
import path from "node:path";
import { leerSinSeguirEnlaces } from "../../../../../scripts/lib/content/archivos.ts";
import { notasPublicas } from "../../../../lib/sitio.ts";

/** Main images of PUBLIC notes only: a scheduled note's or a draft's image is never published. */
export const getStaticPaths = (async () => {
  const notas = await notasPublicas();
  return notas.flatMap((n) =>
    n.rutaImagen
      ? [{ params: { anio: n.anio, mes: n.mes, archivo: path.basename(n.rutaImagen) }, props: { ruta: n.rutaImagen } }]
      : [],
  );
}) satisfies GetStaticPaths;

/** The bytes of the note's own file: a symbolic link is refused, never followed (content files are data). */
export const GET: APIRoute<{ ruta: string }> = ({ props }) => new Response(new Uint8Array(leerSinSeguirEnlaces(props.ruta)));
