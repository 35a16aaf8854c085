import { readFileSync } from "node:fs";
import path from "node:path";
import { escribirAtomico } from "../content/escribir.ts";
import { rutas } from "../content/paths.ts";
import { agendaSchema } from "../content/schema/construccion.ts";
import { isoBogota } from "../content/time.ts";
import { calcularPendientes, type EntradaPendientes } from "./pendientes.ts";

/**
 * The earliest instant at which the publisher could have work without a new commit, after a run:
 * - the run's own instant when work is still pending now (a transient failure, an entry still
 *   `enviando`, a note that waits for the next build);
 * - else the next `publicar` of a scheduled note with networks, or the next time an entry may be
 *   retried (`reintentarDesde`, when a platform's daily limit moved it);
 * - else null: only a commit (a new note, a correction) or a person can create work.
 * Pure: the publishing gate compares it with the clock before installing anything.
 */
export function proximaRevision(e: EntradaPendientes & { esperan: boolean }): Date | null {
  if (e.esperan || calcularPendientes(e).trabajos.length) return e.ahora;
  const candidatas: number[] = [];
  for (const nota of e.notas)
    if (!nota.datos.borrador && nota.datos.canales.length && nota.datos.publicar.getTime() > e.ahora.getTime())
      candidatas.push(nota.datos.publicar.getTime());
  for (const registro of e.registros.values())
    for (const entrada of Object.values(registro.redes)) {
      if (!entrada) continue;
      for (const desde of [entrada.reintentarDesde, ...entrada.correcciones.map((c) => c.reintentarDesde)])
        if (desde) candidatas.push(Date.parse(desde));
    }
  const futuras = candidatas.filter((t) => Number.isFinite(t) && t > e.ahora.getTime());
  return futuras.length ? new Date(Math.min(...futuras)) : null;
}

export const rutaAgenda = (raiz: string): string => path.join(rutas(raiz).publicaciones, "agenda.json");

/** Writes content/publicaciones/agenda.json when its value changed; returns its path then, else undefined. */
export function escribirAgenda(raiz: string, proxima: Date | null): string | undefined {
  const ruta = rutaAgenda(raiz);
  const texto = `${JSON.stringify(agendaSchema.parse({ esquema: 1, proxima: proxima && isoBogota(proxima) }), null, 2)}\n`;
  let previo: string | undefined;
  try {
    previo = readFileSync(ruta, "utf8");
  } catch {
    previo = undefined;
  }
  if (previo === texto) return undefined;
  escribirAtomico(ruta, texto);
  return ruta;
}
