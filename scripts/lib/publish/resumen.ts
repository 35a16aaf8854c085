import { NOMBRE_RED, REDES, type Red } from "../content/schema/redes.ts";
import type { Disponibilidad } from "../networks/index.ts";
import type { Fila } from "./ejecutor.ts";
import type { Atencion } from "./pendientes.ts";

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h"; negative values mean before the scheduled time. */
export function formatoDemora(segundos: number | undefined): string {
  if (segundos === undefined) return "—";
  const signo = segundos < 0 ? "−" : "";
  let s = Math.abs(Math.round(segundos));
  if (s < 60) return `${signo}${s} s`;
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  if (d) return `${signo}${d} d${h ? ` ${h} h` : ""}`;
  if (h) return `${signo}${h} h${m ? ` ${m} min` : ""}`;
  return `${signo}${m} min`;
}

const correccion = (f: Fila) => f.accion === "corregir" || f.accion === "reconciliar-correccion";

/** State as people read it. */
export function estadoLegible(f: Fila): string {
  if (f.estado === "publicado") return correccion(f) ? "corrección publicada" : "publicado";
  if (f.estado === "simulado") return correccion(f) ? "corrección simulada" : "simulado";
  if (f.estado === "en-espera") return correccion(f) ? "corrección en espera" : "en espera";
  return correccion(f) ? `corrección ${f.estado}` : f.estado;
}

const detalle = (f: Fila) =>
  f.estado === "publicado"
    ? (f.url ?? "")
    : f.estado === "simulado"
      ? `${f.detalle ?? ""} → ${f.buzon ?? ""}`
      : (f.detalle ?? "");

/** Plain-text summary table for the terminal. */
export function tablaTexto(filas: readonly Fila[]): string {
  if (!filas.length) return "No había nada pendiente de publicar.";
  const cab = ["Nota", "Red", "Estado", "URL o error", "Demora"];
  const datos = filas.map((f) => [
    f.notaId,
    NOMBRE_RED[f.red],
    estadoLegible(f),
    detalle(f).replace(/\s+/g, " "),
    formatoDemora(f.demoraSegundos),
  ]);
  const anchos = cab.map((c, i) => Math.min(i === 3 ? 80 : 60, Math.max(c.length, ...datos.map((d) => d[i]!.length))));
  const linea = (celdas: string[]) =>
    celdas
      .map((c, i) => (i === 3 ? c : c.padEnd(anchos[i]!)))
      .join("  ")
      .trimEnd();
  return [linea(cab), linea(anchos.map((a) => "─".repeat(a))), ...datos.map(linea)].join("\n");
}

const celda = (t: string) => t.replace(/\|/g, "\\|").replace(/\s+/g, " ");

/** Markdown summary for $GITHUB_STEP_SUMMARY. */
export function tablaMarkdown(filas: readonly Fila[], extra: string[] = []): string {
  const partes = ["## Publicación en redes", ""];
  if (!filas.length) partes.push("No había nada pendiente de publicar.");
  else {
    partes.push("| Nota | Red | Estado | URL o error | Demora |", "|---|---|---|---|---|");
    for (const f of filas) {
      const d = f.estado === "publicado" && f.url ? `[${celda(f.url)}](${f.url})` : celda(detalle(f));
      partes.push(
        `| ${celda(f.notaId)} | ${NOMBRE_RED[f.red]} | ${estadoLegible(f)} | ${d} | ${formatoDemora(f.demoraSegundos)} |`,
      );
    }
  }
  return [...partes, ...extra, ""].join("\n");
}

/** Totals line: "3 publicadas, 1 fallida, 0 inciertas, 2 simuladas". */
export function totales(filas: readonly Fila[]): string {
  const n = (e: Fila["estado"]) => filas.filter((f) => f.estado === e).length;
  const espera = n("en-espera");
  return `${n("publicado")} publicadas, ${n("fallido")} fallidas, ${n("incierto")} inciertas, ${n("enviando")} sin confirmar, ${n("simulado")} simuladas${espera ? `, ${espera} en espera del límite de la red` : ""}.`;
}

/** Requests each adapter created in this run has made so far. */
export async function solicitudesPorRed(
  adaptadores: ReadonlyMap<Red, Promise<Disponibilidad>>,
): Promise<Partial<Record<Red, number>>> {
  const salida: Partial<Record<Red, number>> = {};
  for (const [red, disponible] of adaptadores) {
    const d = await disponible;
    if (d.adaptador) salida[red] = d.adaptador.solicitudes();
  }
  return salida;
}

/** Requests made to each network in this run (X charges per request); empty when none was called. */
export function textoSolicitudes(solicitudes: Partial<Record<Red, number>>): string[] {
  const filas = REDES.filter((r) => (solicitudes[r] ?? 0) > 0).map((r) => `${NOMBRE_RED[r]}: ${solicitudes[r]}`);
  return filas.length ? ["", `Solicitudes a las redes en esta ejecución: ${filas.join(", ")}.`] : [];
}

/** Lines reminding of entries that wait for a person, with the command that resolves them. */
export function textoAtencion(atencion: readonly Atencion[]): string[] {
  if (!atencion.length) return [];
  return [
    "",
    `Esperan una decisión (${atencion.length}): revise la red y ejecute uno de los comandos.`,
    ...atencion.map(
      (a) =>
        `- ${a.nota.id} en ${NOMBRE_RED[a.red]} (${a.estado}): ${a.motivo}\n    prensa publicar --resolver ${a.nota.id} ${a.red} publicado <URL>\n    prensa publicar --resolver ${a.nota.id} ${a.red} reintentar`,
    ),
  ];
}
