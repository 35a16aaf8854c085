import { statSync } from "node:fs";
import path from "node:path";
import rss from "@astrojs/rss";
import type { APIRoute } from "astro";
import { institucion } from "../../lib/sitio.ts";
import { informesPublicados } from "../../../scripts/lib/reports/html.ts";
import { fechaDocumento } from "../../../scripts/lib/reports/pdf.ts";
import { TI } from "./_textos.ts";

/** RSS 2.0 feed of the monthly reports (@astrojs/rss), newest first; each item's date is the day after its month, as in its PDF. */
export const GET: APIRoute = () =>
  rss({
    title: TI.feed(institucion.nombreCorto),
    description: TI.feedDescripcion(institucion.nombreCorto),
    site: institucion.sitio,
    items: informesPublicados().map((i) => {
      const f = fechaDocumento(i.periodo);
      return {
        title: i.datos.titulo,
        link: i.url,
        pubDate: new Date(Date.UTC(f.anio, f.mes - 1, f.dia, 5)),
        description: i.datos.resumen,
        categories: ["Informes"],
        enclosure: {
          url: `${institucion.sitio}${i.url}${i.datos.pdf}`,
          length: statSync(path.join(i.carpeta, i.datos.pdf)).size,
          type: "application/pdf",
        },
      };
    }),
    customData: `<language>es-co</language><atom:link href="${institucion.sitio}/informes/rss.xml" rel="self" type="application/rss+xml"/>`,
    xmlns: { atom: "http://www.w3.org/2005/Atom" },
    trailingSlash: true,
  });
