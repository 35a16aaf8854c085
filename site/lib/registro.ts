import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { rutas } from "../../scripts/lib/content/paths.ts";
import { NOMBRE_RED, REDES, type Red } from "../../scripts/lib/content/schema/redes.ts";

/**
 * Public links of a note on the networks ("También en:"), read from its publication record
 * (content/publicaciones/AAAA/MM/<slug>.json, written by `prensa publicar`).
 */
export function enlacesPublicados(notaId: string): { red: Red; nombre: string; url: string }[] {
  const archivo = path.join(rutas().publicaciones, `${notaId}.json`);
  if (!existsSync(archivo)) return [];
  const registro = JSON.parse(readFileSync(archivo, "utf8")) as {
    redes?: Partial<Record<Red, { estado?: string; url?: string }>>;
  };
  return REDES.flatMap((red) => {
    const e = registro.redes?.[red];
    return e?.estado === "publicado" && e.url ? [{ red, nombre: NOMBRE_RED[red], url: e.url }] : [];
  });
}
