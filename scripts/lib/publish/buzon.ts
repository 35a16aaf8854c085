import path from "node:path";
import { escribirAtomico } from "../content/escribir.ts";
import { rutas } from "../content/paths.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import type { Red } from "../content/schema/redes.ts";
import type { Publicacion } from "../networks/tipos.ts";

/** What a simulated run would have sent, written to the git-ignored outbox `salida/buzon/`. */
export interface Simulacion {
  red: Red;
  /** The account it would go to. */
  destino: { usuario?: string; url?: string; opciones?: Record<string, string | number | boolean> };
  accion: string;
  motivo: string;
  publicacion: Publicacion;
  /** For corrections on networks that reply instead of editing. */
  errata?: string;
  simuladoEn: string;
}

/** Writes the simulation to salida/buzon/AAAA/MM/slug/<red>.<version>.json and returns its path. */
export function escribirBuzon(raiz: string, institucion: Institucion, s: Omit<Simulacion, "destino">): string {
  const cuenta = institucion.redes[s.red];
  const destino = path.join(rutas(raiz).buzon, s.publicacion.notaId, `${s.red}.${s.publicacion.version}.json`);
  const datos: Simulacion = { ...s, destino: { usuario: cuenta?.usuario, url: cuenta?.url, opciones: cuenta?.opciones } };
  escribirAtomico(destino, `${JSON.stringify(datos, null, 2)}\n`);
  return destino;
}

/** Human-readable rendering of a simulated post (printed on stdout). */
export function textoSimulacion(s: Omit<Simulacion, "destino" | "simuladoEn">, cuenta?: string): string {
  const lineas = [
    `── ${s.publicacion.notaId} → ${s.red}${cuenta ? ` (${cuenta})` : ""} [${s.publicacion.version}] ──`,
    s.errata ?? s.publicacion.texto,
  ];
  if (s.publicacion.imagen) lineas.push(`Imagen: ${s.publicacion.imagen.url}`, `Texto alternativo: ${s.publicacion.imagen.alt}`);
  return lineas.join("\n");
}
