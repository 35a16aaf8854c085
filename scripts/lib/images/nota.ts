import type { DatosNota } from "../content/schema/nota.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import type { EntradaImagenSocial } from "./plantilla.ts";

/**
 * What a note's social image depends on. The build's early batch and the site's endpoint both
 * use this function, so they compute the same cache key.
 */
export function entradaImagenDeNota(
  nota: { datos: DatosNota; rutaImagen?: string | undefined },
  institucion: Institucion,
): EntradaImagenSocial {
  const d = nota.datos;
  return {
    titulo: d.titulo,
    resumen: d.resumen,
    dependencia: institucion.dependencias.find((x) => x.id === d.dependencia)?.nombre ?? d.dependencia,
    fecha: d.publicar,
    etiquetas: d.etiquetas,
    entidad: institucion.nombreCorto,
    ...(nota.rutaImagen ? { fotoRuta: nota.rutaImagen } : {}),
  };
}

/** Where the build keeps the promise of the early image batch (shared by the integration and the endpoint). */
export const LOTE_IMAGENES = Symbol.for("convergente.loteImagenes");
