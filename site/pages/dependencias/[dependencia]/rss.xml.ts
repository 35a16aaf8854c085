import type { APIRoute, GetStaticPaths } from "astro";
import { feedDe } from "../../../lib/feed.ts";
import { institucion, notasPublicas, nombreDependencia, type NotaSitio } from "../../../lib/sitio.ts";

export const getStaticPaths = (async () => {
  const notas = await notasPublicas();
  return institucion.dependencias
    .map((d) => ({ params: { dependencia: d.id }, props: { notas: notas.filter((n) => n.datos.dependencia === d.id) } }))
    .filter((r) => r.props.notas.length > 0);
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ notas: NotaSitio[] }> = async ({ params, props }) => {
  const nombre = nombreDependencia(String(params.dependencia));
  return feedDe(props.notas, {
    titulo: `${nombre} | ${institucion.nombreCorto}`,
    descripcion: `Noticias de ${nombre} de la ${institucion.nombreCorto}.`,
    ruta: `/dependencias/${String(params.dependencia)}/rss.xml`,
  });
};
