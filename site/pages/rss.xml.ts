import type { APIRoute } from "astro";
import { feedDe } from "../lib/feed.ts";
import { institucion, notasPublicas } from "../lib/sitio.ts";

export const GET: APIRoute = async () =>
  feedDe(await notasPublicas(), {
    titulo: `Noticias de la ${institucion.nombreCorto}`,
    descripcion: institucion.descripcion,
    ruta: "/rss.xml",
  });
