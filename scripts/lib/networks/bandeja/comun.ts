import type { MensajeEntrante, RespuestaSaliente, VentanaRespuesta } from "../tipos.ts";

/**
 * What the six inbox readers share: the reply windows of Meta's platforms, the opaque cursors
 * (JSON the store keeps as a string) and small readers of API values. Error translation and wait
 * parsing stay in ../http.ts and ../graph.ts: nothing of that is copied here.
 */

export const HORA_MS = 3_600_000;
export const DIA_MS = 24 * HORA_MS;

/** Standard messaging window of Messenger and Instagram Direct: 24 hours after the person's last message. */
export const VENTANA_ESTANDAR_MS = DIA_MS;
/** With the HUMAN_AGENT tag a person may answer up to 7 days after the person's last message. */
export const VENTANA_AGENTE_MS = 7 * DIA_MS;
/** A private reply to a comment: once, within 7 days of the comment. */
export const VENTANA_RESPUESTA_PRIVADA_MS = 7 * DIA_MS;

/** How a Meta private message must be sent now: inside the 24 h window, or with the HUMAN_AGENT tag. */
export type ModoMeta = "estandar" | "agente-humano";

const fecha = (d: Date): string =>
  new Intl.DateTimeFormat("es-CO", { timeZone: "America/Bogota", dateStyle: "medium", timeStyle: "short" }).format(d);

/**
 * Reply windows of Messenger and Instagram messaging:
 * - a public reply to a comment is always possible (it is a comment);
 * - a private reply to a comment: one message, within 7 days of the comment
 *   (https://developers.facebook.com/docs/messenger-platform/discovery/private-replies,
 *   https://developers.facebook.com/docs/instagram-platform/private-replies);
 * - a private message in a chat: 24 hours after the person's last message, then up to 7 days with
 *   the HUMAN_AGENT tag, sent only by a person
 *   (https://developers.facebook.com/documentation/business-messaging/messenger-platform/policy/,
 *   https://developers.facebook.com/docs/messenger-platform/send-messages/message-tags);
 * - a chat has no public side.
 */
export function ventanaMeta(
  r: Pick<RespuestaSaliente, "mensaje" | "privado">,
  ahora: Date,
  nombre: string,
): VentanaRespuesta & { modo?: ModoMeta } {
  const recibido = r.mensaje.recibido.getTime();
  const transcurrido = ahora.getTime() - recibido;
  if (r.mensaje.canal !== "privado") {
    if (!r.privado) return { permitida: true, explicacion: `Respuesta pública en el comentario de ${nombre}.` };
    const cierra = new Date(recibido + VENTANA_RESPUESTA_PRIVADA_MS);
    if (transcurrido <= VENTANA_RESPUESTA_PRIVADA_MS)
      return {
        permitida: true,
        cierra,
        modo: "estandar",
        explicacion: `${nombre} permite un solo mensaje privado a quien comentó, hasta el ${fecha(cierra)}.`,
      };
    return {
      permitida: false,
      cierra,
      explicacion: `Ya pasaron 7 días desde el comentario (cerró el ${fecha(cierra)}): ${nombre} no permite escribirle en privado. Responda en público con /responder, o espere a que la persona escriba por mensaje privado.`,
    };
  }
  if (!r.privado)
    return {
      permitida: false,
      explicacion: `Es un mensaje privado de ${nombre}: no tiene respuesta pública. Use /responder-privado.`,
    };
  const estandar = new Date(recibido + VENTANA_ESTANDAR_MS);
  const agente = new Date(recibido + VENTANA_AGENTE_MS);
  if (transcurrido <= VENTANA_ESTANDAR_MS)
    return {
      permitida: true,
      cierra: estandar,
      modo: "estandar",
      explicacion: `Dentro de las 24 horas de ${nombre} (hasta el ${fecha(estandar)}).`,
    };
  if (transcurrido <= VENTANA_AGENTE_MS)
    return {
      permitida: true,
      cierra: agente,
      modo: "agente-humano",
      explicacion: `Pasaron las 24 horas: se envía con la etiqueta HUMAN_AGENT (respuesta de una persona), posible hasta el ${fecha(agente)}.`,
    };
  return {
    permitida: false,
    cierra: agente,
    explicacion: `Ya pasaron 7 días desde el último mensaje de la persona (cerró el ${fecha(agente)}): ${nombre} no deja escribirle hasta que vuelva a escribir. Si es una petición, respóndala por el canal oficial de PQRSD con los datos que ella haya dado.`,
  };
}

/** A window that is always open (public replies on networks without time limits). */
export const abierta = (explicacion: string): VentanaRespuesta => ({ permitida: true, explicacion });

/** A window that does not exist for this kind of reply. */
export const cerrada = (explicacion: string): VentanaRespuesta => ({ permitida: false, explicacion });

/** Reads an opaque cursor written by `escribirCursor`; anything unreadable counts as none. */
export function leerCursor<T extends object>(cursor: string | undefined): Partial<T> {
  if (!cursor) return {};
  try {
    const valor = JSON.parse(cursor) as unknown;
    return typeof valor === "object" && valor !== null && !Array.isArray(valor) ? valor : {};
  } catch {
    return {};
  }
}

export const escribirCursor = (valor: object): string => JSON.stringify(valor);

/** The later of two ISO instants (undefined counts as the earliest). */
export function masReciente(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/** true when `instante` is at or after `desde` (no `desde`: everything counts). */
export const desdeIncluido = (instante: string | undefined, desde: string | undefined): boolean =>
  !desde || (instante !== undefined && Date.parse(instante) >= Date.parse(desde));

/** Larger of two numeric ids given as strings (snowflakes do not fit a double). */
export function idMayor(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return BigInt(b) > BigInt(a) ? b : a;
}

/** A string field, or undefined. */
export function cadena(valor: unknown): string | undefined {
  return typeof valor === "string" && valor.length > 0 ? valor : undefined;
}

/** A Date from an API instant (ISO 8601, Graph's "+0000" form, or Unix seconds). */
export function instante(valor: unknown): Date | undefined {
  if (typeof valor === "number" && Number.isFinite(valor)) return new Date(valor * 1000);
  if (typeof valor !== "string") return undefined;
  const normal = valor.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  const ms = Date.parse(normal);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** Reply texts compare as the platforms store them (written once, in ../graph.ts). */
export { mismoTexto } from "../graph.ts";

/** The first read looks back this far when there is no cursor (Meta's private-reply window). */
export const PRIMERA_LECTURA_MS = 7 * DIA_MS;

export type { MensajeEntrante };
