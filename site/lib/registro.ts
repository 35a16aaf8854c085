import { rutas } from "../../scripts/lib/content/paths.ts";
import { NOMBRE_RED, REDES, type Red } from "../../scripts/lib/content/schema/redes.ts";
import { leerRegistro } from "../../scripts/lib/ledger/index.ts";

/**
 * Public links of a note on the networks ("También en:"), read from its validated publication
 * record (content/publicaciones/AAAA/MM/<slug>.json, written by `prensa publicar`).
 */
export function enlacesPublicados(notaId: string): { red: Red; nombre: string; url: string }[] {
  const registro = leerRegistro(rutas().raiz, notaId);
  if (!registro) return [];
  return REDES.flatMap((red) => {
    const e = registro.redes[red];
    return e?.estado === "publicado" && e.url ? [{ red, nombre: NOMBRE_RED[red], url: e.url }] : [];
  });
}
