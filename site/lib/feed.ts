import rss from "@astrojs/rss";
import { render } from "astro:content";
import { experimental_AstroContainer as AstroContainer } from "astro/container";
import mdxRenderer from "@astrojs/mdx/server.js";
import { componentesMdx } from "../components/mdx/index.ts";
import { institucion, type NotaSitio } from "./sitio.ts";

let contenedor: AstroContainer | undefined;

/** One container for every feed of the build, with the MDX renderer registered once. */
async function contenedorMdx(): Promise<AstroContainer> {
  if (!contenedor) {
    contenedor = await AstroContainer.create();
    contenedor.addServerRenderer({ name: "astro:jsx", renderer: mdxRenderer });
  }
  return contenedor;
}

/** Full HTML of a note body, for full-text feeds. */
async function htmlDe(nota: NotaSitio): Promise<string> {
  const { Content } = await render(nota.entrada);
  const cuerpo = await (await contenedorMdx()).renderToString(Content, { props: { components: componentesMdx } });
  const d = nota.datos;
  const imagen =
    nota.imagen && d.imagen ? `<p><img src="${institucion.sitio}${nota.imagen}" alt="${escapar(d.imagen.alt)}" /></p>` : "";
  const erratas = d.correcciones.length
    ? `<p><strong>Fe de erratas:</strong> ${d.correcciones.map((c) => escapar(c.descripcion)).join(" ")}</p>`
    : "";
  // Relative links in the body become absolute so feed readers can follow them.
  return `${imagen}${erratas}${cuerpo.replace(/(href|src)="\//g, `$1="${institucion.sitio}/`)}`;
}

const escapar = (t: string): string => t.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** An RSS 2.0 response with the full text of each note. */
export async function feedDe(notas: NotaSitio[], opciones: { titulo: string; descripcion: string; ruta: string }) {
  const items = [];
  for (const n of notas.slice(0, 50)) {
    const d = n.datos;
    items.push({
      title: d.titulo,
      link: n.url,
      pubDate: d.publicar,
      description: d.resumen,
      content: await htmlDe(n),
      categories: [n.dependenciaNombre, ...d.etiquetas],
      author: `${institucion.contacto.correo} (${d.autor})`,
    });
  }
  return rss({
    title: opciones.titulo,
    description: opciones.descripcion,
    site: institucion.sitio,
    items,
    customData: `<language>es-co</language><atom:link href="${institucion.sitio}${opciones.ruta}" rel="self" type="application/rss+xml"/>`,
    xmlns: { atom: "http://www.w3.org/2005/Atom" },
    trailingSlash: true,
  });
}
