import type { APIRoute, GetStaticPaths } from "astro";
import { readFileSync } from "node:fs";
import path from "node:path";
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

export const GET: APIRoute<{ ruta: string }> = ({ props }) => new Response(new Uint8Array(readFileSync(props.ruta)));
