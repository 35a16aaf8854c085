import type { Nota } from "../content/notas.ts";
import { rutas } from "../content/paths.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import type { Red } from "../content/schema/redes.ts";
import { textoErrata, textoParaRed, urlDeNota } from "../copy/index.ts";
import { rutaDeImagen } from "../images/cache.ts";
import { entradaImagenDeNota } from "../images/nota.ts";
import type { Publicacion } from "../networks/tipos.ts";
import { claveIdempotencia, hashDe, versionDe } from "./version.ts";

/** What goes out for one (note, network): the publication, its hash, and whether the text fits. */
export interface Envio {
  publicacion: Publicacion;
  hash: string;
  /** Why it cannot be sent as is (text too long...), in Spanish. */
  noCabe?: string;
}

/**
 * Public URL and local file of the note's social image (1200×630 JPEG). The file is the one in the
 * social-image cache (.cache/social/<hash>.jpg), the same bytes the build copies to the site under
 * /social/AAAA/MM/slug.jpg; `prensa publicar` draws it there when it is missing (see imagenes.ts),
 * so publishing never depends on a build's output folder. Every note has one; its alt is the
 * photo's alt, or a description of the card.
 */
export function imagenSocial(nota: Nota, institucion: Institucion, raiz: string) {
  return {
    url: `${institucion.sitio}/social/${nota.id}.jpg`,
    ruta: rutaDeImagen(entradaImagenDeNota(nota, institucion), rutas(raiz).cache),
    alt: nota.datos.imagen?.alt ?? `Tarjeta de ${institucion.nombreCorto} con el título de la noticia: «${nota.datos.titulo}»`,
  };
}

/** Builds the publication of a note for a network at its current version. */
export function construirEnvio(nota: Nota, red: Red, institucion: Institucion, raiz: string, version = versionDe(nota)): Envio {
  const texto = textoParaRed(nota, red, institucion);
  const publicacion: Publicacion = {
    notaId: nota.id,
    version,
    texto: texto.texto,
    enlace: urlDeNota(nota, institucion),
    titulo: nota.datos.titulo,
    resumen: nota.datos.resumen,
    imagen: imagenSocial(nota, institucion, raiz),
    clave: claveIdempotencia(nota.id, red, version),
  };
  const hash = hashDe({
    texto: publicacion.texto,
    enlace: publicacion.enlace,
    imagen: publicacion.imagen?.url,
    alt: publicacion.imagen?.alt,
  });
  return {
    publicacion,
    hash,
    ...(texto.cabe ? {} : { noCabe: texto.motivo ?? `el texto para ${red} no cabe (${texto.longitud} de ${texto.limite})` }),
  };
}

/** The correction of a note for a network: the corrected publication and the errata text, with their hash. */
export function construirCorreccion(nota: Nota, red: Red, institucion: Institucion, raiz: string) {
  const envio = construirEnvio(nota, red, institucion, raiz);
  const errata = textoErrata(nota, red, institucion);
  return {
    envio,
    errata: errata.texto,
    hash: hashDe({ envio: envio.hash, errata: errata.texto }),
    /** Why the errata reply cannot be sent (networks that reply instead of editing). */
    errataNoCabe: errata.cabe ? undefined : (errata.motivo ?? `la fe de erratas para ${red} no cabe`),
  };
}
