import type { APIRoute, GetStaticPaths } from "astro";
import { institucion, notasPublicas } from "../../../../lib/sitio.ts";
import { imagenSocialConCache } from "../../../../../scripts/lib/images/cache.ts";
import { rutas } from "../../../../../scripts/lib/content/paths.ts";

/**
 * Social image (1200×630 PNG) of each PUBLIC note, referenced by og:image and twitter:image and
 * used by the publisher for Instagram and link cards. Cached by a hash of what it depends on.
 */
export const getStaticPaths = (async () => {
  const notas = await notasPublicas();
  return notas.map((nota) => ({ params: { anio: nota.anio, mes: nota.mes, slug: nota.slug }, props: { nota } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ nota: Awaited<ReturnType<typeof notasPublicas>>[number] }> = async ({ props }) => {
  const { nota } = props;
  const d = nota.datos;
  const { png, renderizada } = await imagenSocialConCache(
    {
      titulo: d.titulo,
      resumen: d.resumen,
      dependencia: nota.dependenciaNombre,
      fecha: d.publicar,
      etiquetas: d.etiquetas,
      entidad: institucion.nombreCorto,
      ...(nota.rutaImagen ? { fotoRuta: nota.rutaImagen } : {}),
    },
    rutas().cache,
  );
  // One line per drawn image: the build log (and the benchmark) count them; cached ones are silent.
  if (renderizada) console.info(`[imagen social] generada: ${nota.id}`);
  return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png" } });
};
