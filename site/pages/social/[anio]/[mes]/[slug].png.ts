import type { APIRoute, GetStaticPaths } from "astro";
import { institucion, notasPublicas, type NotaSitio } from "../../../../lib/sitio.ts";
import { imagenSocialConCache } from "../../../../../scripts/lib/images/cache.ts";
import type { ResultadoLote } from "../../../../../scripts/lib/images/lote.ts";
import { entradaImagenDeNota, LOTE_IMAGENES } from "../../../../../scripts/lib/images/nota.ts";
import { rutas } from "../../../../../scripts/lib/content/paths.ts";

/**
 * Social image (1200×630 PNG) of each PUBLIC note, referenced by og:image and twitter:image and
 * used by the publisher for Instagram and link cards. Cached by a hash of what it depends on; the
 * build draws missing ones in worker threads from its first step (see integraciones/convergente.ts).
 */
export const getStaticPaths = (async () => {
  const lote = (globalThis as typeof globalThis & { [LOTE_IMAGENES]?: Promise<ResultadoLote> })[LOTE_IMAGENES];
  if (lote) await lote;
  const notas = await notasPublicas();
  return notas.map((nota) => ({ params: { anio: nota.anio, mes: nota.mes, slug: nota.slug }, props: { nota } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ nota: NotaSitio }> = async ({ props }) => {
  const { nota } = props;
  const { png, renderizada } = await imagenSocialConCache(entradaImagenDeNota(nota, institucion), rutas().cache);
  // One line per image drawn here (not found in the cache): the build log and the benchmark count them.
  if (renderizada) console.info(`[imagen social] generada: ${nota.id}`);
  return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png" } });
};
