import type { CambioImagen } from "../content/schema/informe.ts";

/**
 * The image changes of a month (procedure step 5, issue «Imagen institucional»), for the report.
 * The image-change log is not part of this repository yet: until it is, the report says the
 * section is not available (undefined here), never «no changes».
 */
export function leerCambiosDeImagen(
  _raiz: string,
  _periodo: string,
): { archivos: string[]; cambios: CambioImagen[] } | undefined {
  return undefined;
}
