import { NOMBRE_RED } from "../content/schema/redes.ts";
import { NOMBRE_TIPO, type Conversacion } from "../content/schema/inquietudes.ts";
import type { ClienteGithub, Repo } from "../github/cliente.ts";
import { vencimiento, type Vencimiento } from "./conversacion.ts";
import { formatoCorto } from "./plazos.ts";

/**
 * The control point of step 4 («ninguna inquietud sin respuesta»): one issue «Inquietudes por vencer
 * y vencidas» in the PRIVATE inbox repository, opened, updated and closed like «Fallas de
 * publicación» (scripts/lib/github/fallas.ts). It lists network, kind, dates and the link to each
 * conversation's issue: never a handle or a text.
 */

export const TITULO_AVISO = "Inquietudes por vencer y vencidas";
export const ETIQUETA_AVISO = "inquietudes-por-vencer";
export const MARCA_AVISO = "<!-- convergente:inquietudes-por-vencer -->";

export interface Pendiente {
  conversacion: Conversacion;
  vencimiento: Vencimiento;
  /** Issue number in the private repository (GitHub store), for the link. */
  issue?: number;
}

const QUE: Record<Vencimiento["que"], string> = {
  respuesta: "responder",
  radicacion: "radicar en el sistema PQRSD",
  traslado: "trasladar a la autoridad competente (art. 21)",
};
export const queHacerPendiente = (v: Vencimiento): string => QUE[v.que];

/** Conversations overdue, due today or due within `avisoHoras`, the most urgent first. */
export function pendientesDe(
  conversaciones: readonly Conversacion[],
  ahora: Date,
  avisoHoras: number,
  incluirPorVencer = true,
): Pendiente[] {
  return conversaciones
    .map((c) => ({ conversacion: c, vencimiento: vencimiento(c, ahora, avisoHoras) }))
    .filter((p): p is Pendiente => {
      const e = p.vencimiento?.estado;
      return e === "vencida" || e === "vence-hoy" || (incluirPorVencer && e === "por-vencer");
    })
    .sort(
      (a, b) =>
        a.vencimiento.vence.getTime() - b.vencimiento.vence.getTime() || a.conversacion.id.localeCompare(b.conversacion.id),
    );
}

/** Body of the issue. It depends on the day, not the minute, so hourly runs do not rewrite it. */
export function cuerpoAviso(pendientes: readonly Pendiente[], ahora: Date): string {
  const vencidas = pendientes.filter((p) => p.vencimiento.estado === "vencida").length;
  const fila = (p: Pendiente) => {
    const c = p.conversacion;
    const enlace = p.issue ? `#${p.issue}` : `\`${c.id}\``;
    const estado =
      p.vencimiento.estado === "vencida" ? "**vencida**" : p.vencimiento.estado === "vence-hoy" ? "vence hoy" : "por vencer";
    return `| ${enlace} | ${NOMBRE_RED[c.red]} | ${NOMBRE_TIPO[c.tipo]} | ${formatoCorto(new Date(c.recibido))} | ${formatoCorto(p.vencimiento.vence)} | ${estado} | ${queHacerPendiente(p.vencimiento)} |`;
  };
  return [
    MARCA_AVISO,
    `**${vencidas}** ${vencidas === 1 ? "vencida" : "vencidas"} y **${pendientes.length - vencidas}** por vencer o que vencen hoy (revisado el ${formatoCorto(ahora).slice(0, 10)}).`,
    "Este issue se actualiza solo cada día y se cierra cuando no queda nada por vencer. Ninguna inquietud sin respuesta (paso 4).",
    "",
    "| Conversación | Red | Tipo | Recibida | Vence | Estado | Qué falta |",
    "|---|---|---|---|---|---|---|",
    ...pendientes.map(fila),
    "",
  ].join("\n");
}

export interface ResultadoAviso {
  accion: "ninguna" | "creado" | "actualizado" | "reabierto" | "cerrado";
  numero?: number;
}

/** Opens, updates, reopens or closes the one issue so it mirrors what is due. */
export async function mantenerAviso(
  gh: ClienteGithub,
  repo: Repo,
  pendientes: readonly Pendiente[],
  ahora: Date,
): Promise<ResultadoAviso> {
  const lista = await gh.paginate(gh.rest.issues.listForRepo, { ...repo, labels: ETIQUETA_AVISO, state: "all", per_page: 100 });
  const issue = lista.filter((i) => !i.pull_request && i.body?.includes(MARCA_AVISO)).sort((a, b) => a.number - b.number)[0];
  if (!pendientes.length) {
    if (!issue || issue.state === "closed") return { accion: "ninguna", ...(issue ? { numero: issue.number } : {}) };
    await gh.rest.issues.createComment({
      ...repo,
      issue_number: issue.number,
      body: "Al día: no quedan inquietudes vencidas ni por vencer. Se cierra este issue.",
    });
    await gh.rest.issues.update({ ...repo, issue_number: issue.number, state: "closed", state_reason: "completed" });
    return { accion: "cerrado", numero: issue.number };
  }
  const cuerpo = cuerpoAviso(pendientes, ahora);
  if (!issue) {
    const creado = await gh.rest.issues.create({ ...repo, title: TITULO_AVISO, body: cuerpo, labels: [ETIQUETA_AVISO] });
    return { accion: "creado", numero: creado.data.number };
  }
  const cerrado = issue.state === "closed";
  if (!cerrado && issue.body === cuerpo) return { accion: "ninguna", numero: issue.number };
  await gh.rest.issues.update({ ...repo, issue_number: issue.number, body: cuerpo, ...(cerrado ? { state: "open" } : {}) });
  return { accion: cerrado ? "reabierto" : "actualizado", numero: issue.number };
}
