import type { APIRoute } from "astro";
import { institucion } from "../lib/sitio.ts";

export const GET: APIRoute = () =>
  new Response(`User-agent: *\nAllow: /\nDisallow: /pagefind/\n\nSitemap: ${institucion.sitio}/sitemap-index.xml\n`, {
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
