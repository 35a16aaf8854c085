import { nombreDependencia } from "../content/institucion.ts";
import type { DatosNota } from "../content/schema/nota.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import { momentoConstruccion } from "../content/time.ts";
import { estiloTarjetaDeNota } from "../image/vigente.ts";
import type { EntradaImagenSocial } from "./plantilla.ts";

/**
 * What a note's social image depends on. The build's image batch and the dev server's middleware
 * both use this function, so they compute the same cache key.
 */
export function entradaImagenDeNota(
  nota: { datos: DatosNota; rutaImagen?: string | undefined },
  institucion: Institucion,
  /** The instant whose theme and campaign the card shows: the build instant by default. */
  momento: Date = momentoConstruccion(),
): EntradaImagenSocial {
  const d = nota.datos;
  return {
    titulo: d.titulo,
    resumen: d.resumen,
    dependencia: nombreDependencia(institucion, d.dependencia),
    fecha: d.publicar,
    etiquetas: d.etiquetas,
    entidad: institucion.nombreCorto,
    ...(nota.rutaImagen ? { fotoRuta: nota.rutaImagen } : {}),
    estilo: estiloTarjetaDeNota(institucion, d, momento),
  };
}
