import Holidays from "date-holidays";
import type {
  ConfigInquietudes,
  Conversacion,
  Plazo,
  Prorroga,
  SubtipoPeticion,
  TipoInquietud,
} from "../content/schema/inquietudes.ts";
import { DIAS_SEMANA, TIPOS_SIN_RESPUESTA } from "../content/schema/inquietudes.ts";
import { ErrorConvergente } from "../content/problems.ts";

/**
 * Business days and terms in America/Bogota. Colombia has had no daylight saving time since 1993,
 * so Bogotá is always UTC-05:00 and a fixed offset is exact.
 *
 * Norms:
 * - Ley 1755 de 2015, art. 14: «toda petición deberá resolverse dentro de los quince (15) días
 *   siguientes a su recepción»; documents or information: 10 days; consultations: 30 days.
 *   Parágrafo: when it cannot be answered in time, the authority must say so to the person BEFORE
 *   the term ends, with the reasons and a reasonable term «que no podrá exceder del doble del
 *   inicialmente previsto». We read it as the extension (counted from the original due date) being
 *   at most twice the original term, and we refuse any later notice.
 * - Ley 1755 de 2015, art. 21: when the authority is not competent it forwards the petition
 *   «dentro de los cinco (5) días siguientes al de la recepción».
 * - CPACA (Ley 1437 de 2011), art. 62: terms in days count business days only; Decreto 1166 de 2016
 *   (art. 2.2.3.12.x, verbal petitions) and the usual office rules: what arrives outside office
 *   hours is received on the next business day. A term ends at closing time of its last day.
 * - National holidays: the maintained library date-holidays (country CO, type "public"), which
 *   follows new laws (for example Ley 2578 de 2026, Virgen de Chiquinquirá, moved to Monday by
 *   Ley 51 de 1983). Extra days (municipal, decreed) come from config `diasNoHabiles`.
 */

const OFFSET_MS = 5 * 3600_000;
const DIA_MS = 86_400_000;

/** Legal term in business days of each kind of petition (art. 14). */
export const TERMINO_LEGAL: Record<SubtipoPeticion, number> = { general: 15, documentos: 10, consulta: 30 };
/** Business days to forward a petition to the competent authority (art. 21). */
export const TERMINO_TRASLADO = 5;

/** "AAAA-MM-DD" of an instant in Bogotá. */
export function diaBogota(d: Date): string {
  return new Date(d.getTime() - OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes since midnight in Bogotá. */
function minutosBogota(d: Date): number {
  const local = new Date(d.getTime() - OFFSET_MS);
  return local.getUTCHours() * 60 + local.getUTCMinutes() + local.getUTCSeconds() / 60;
}

/** The instant of "AAAA-MM-DD" at a number of minutes after midnight in Bogotá. */
export function instanteBogota(dia: string, minutos: number): Date {
  return new Date(Date.parse(`${dia}T00:00:00Z`) + OFFSET_MS + minutos * 60_000);
}

function siguienteDia(dia: string, n = 1): string {
  return new Date(Date.parse(`${dia}T00:00:00Z`) + n * DIA_MS).toISOString().slice(0, 10);
}

const aMinutos = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Office hours of one day, in minutes after midnight. */
export interface Jornada {
  inicio: number;
  fin: number;
}

/** A calendar of business days for one office (its hours and its non-working days). */
export interface Calendario {
  /** Office hours on that day, or undefined when it is not a business day. */
  jornada(dia: string): Jornada | undefined;
  /** Why the day is not a business day ("sábado", "festivo: Navidad", the config's reason), or undefined. */
  motivoNoHabil(dia: string): string | undefined;
}

type Horario = Pick<ConfigInquietudes, "horario" | "diasNoHabiles">;

/** The office's calendar: config hours and extra days, plus the national holidays of Colombia. */
export function crearCalendario(config: Horario): Calendario {
  const festivos = new Holidays("CO", { types: ["public"] });
  const porAnio = new Map<number, Map<string, string>>();
  const extra = new Map(config.diasNoHabiles.map((d) => [d.fecha, d.motivo]));
  const jornadas = new Map<number, Jornada>();
  for (const franja of config.horario)
    for (const d of franja.dias)
      jornadas.set(DIAS_SEMANA.indexOf(d), { inicio: aMinutos(franja.inicio), fin: aMinutos(franja.fin) });

  const festivo = (dia: string): string | undefined => {
    const anio = Number(dia.slice(0, 4));
    let mapa = porAnio.get(anio);
    if (!mapa) {
      mapa = new Map();
      for (const h of festivos.getHolidays(anio)) {
        const d = h.date.slice(0, 10);
        mapa.set(d, mapa.has(d) ? `${mapa.get(d)} y ${h.name}` : h.name);
      }
      porAnio.set(anio, mapa);
    }
    return mapa.get(dia);
  };

  const motivoNoHabil = (dia: string): string | undefined => {
    const semana = new Date(`${dia}T00:00:00Z`).getUTCDay();
    const f = festivo(dia);
    if (f) return `festivo: ${f}`;
    const e = extra.get(dia);
    if (e) return e;
    if (!jornadas.has(semana)) return DIAS_SEMANA[semana]!.replace("miercoles", "miércoles").replace("sabado", "sábado");
    return undefined;
  };
  return {
    motivoNoHabil,
    jornada: (dia) => (motivoNoHabil(dia) ? undefined : jornadas.get(new Date(`${dia}T00:00:00Z`).getUTCDay())),
  };
}

/** The next business day after `dia` (never `dia` itself). Stops after ten years without one. */
export function siguienteDiaHabil(cal: Calendario, dia: string): string {
  let d = dia;
  for (let i = 0; i < 3660; i++) {
    d = siguienteDia(d);
    if (cal.jornada(d)) return d;
  }
  throw new ErrorConvergente(
    "config/institucion.yaml, inquietudes.horario: no hay ningún día hábil en diez años; revise `horario` y `diasNoHabiles`.",
  );
}

/**
 * When a message counts as received for the terms: the instant itself when it arrived during
 * office hours; the opening of the same day when it arrived before opening on a business day; the
 * opening of the next business day when it arrived after closing or on a non-working day.
 */
export function radicacion(cal: Calendario, recibido: Date): Date {
  const dia = diaBogota(recibido);
  const j = cal.jornada(dia);
  const m = minutosBogota(recibido);
  if (j && m < j.inicio) return instanteBogota(dia, j.inicio);
  if (j && m < j.fin) return recibido;
  const siguiente = siguienteDiaHabil(cal, dia);
  return instanteBogota(siguiente, cal.jornada(siguiente)!.inicio);
}

/** The `n`-th business day after `dia`. */
export function sumarDiasHabiles(cal: Calendario, dia: string, n: number): string {
  let d = dia;
  for (let i = 0; i < n; i++) d = siguienteDiaHabil(cal, d);
  return d;
}

/** Due instant of a term of `n` business days after receipt: closing time of the n-th business day after the day of radicación. */
export function venceEnDias(cal: Calendario, recibido: Date, n: number): Date {
  const dia = sumarDiasHabiles(cal, diaBogota(radicacion(cal, recibido)), n);
  return instanteBogota(dia, cal.jornada(dia)!.fin);
}

/** Due instant of a term of `horas` office hours from receipt (walking the office hours of business days). */
export function venceEnHoras(cal: Calendario, recibido: Date, horas: number): Date {
  let restante = horas * 60;
  let desde = radicacion(cal, recibido);
  for (;;) {
    const dia = diaBogota(desde);
    const j = cal.jornada(dia)!;
    const disponible = j.fin - minutosBogota(desde);
    if (restante <= disponible) return new Date(desde.getTime() + restante * 60_000);
    restante -= disponible;
    const sig = siguienteDiaHabil(cal, dia);
    desde = instanteBogota(sig, cal.jornada(sig)!.inicio);
  }
}

/** Due instant of a term (business days or hours). */
export function vencePlazo(cal: Calendario, recibido: Date, plazo: Plazo): Date {
  return "diasHabiles" in plazo ? venceEnDias(cal, recibido, plazo.diasHabiles) : venceEnHoras(cal, recibido, plazo.horasHabiles);
}

/** Office hours between two instants (for response times): 0 when `hasta` is before `desde`. */
export function horasHabilesEntre(cal: Calendario, desde: Date, hasta: Date): number {
  if (hasta <= desde) return 0;
  let minutos = 0;
  let dia = diaBogota(desde);
  const ultimo = diaBogota(hasta);
  for (let i = 0; i < 3660 && dia <= ultimo; i++, dia = siguienteDia(dia)) {
    const j = cal.jornada(dia);
    if (!j) continue;
    const a = Math.max(j.inicio, dia === diaBogota(desde) ? minutosBogota(desde) : 0);
    const b = Math.min(j.fin, dia === ultimo ? minutosBogota(hasta) : 24 * 60);
    if (b > a) minutos += b - a;
  }
  return Math.round((minutos / 60) * 100) / 100;
}

/** Legal due date of a petition (art. 14). */
export function venceLegal(cal: Calendario, recibido: Date, subtipo: SubtipoPeticion): Date {
  return venceEnDias(cal, recibido, TERMINO_LEGAL[subtipo]);
}

/** Last instant to forward a petition to the competent authority (art. 21: 5 business days). */
export function limiteTraslado(cal: Calendario, recibido: Date): Date {
  return venceEnDias(cal, recibido, TERMINO_TRASLADO);
}

/** Due date of the internal service target of a kind; undefined for kinds that need no answer. */
export function venceMeta(
  cal: Calendario,
  config: Pick<ConfigInquietudes, "metas">,
  tipo: TipoInquietud,
  recibido: Date,
): Date | undefined {
  if (TIPOS_SIN_RESPUESTA.includes(tipo)) return undefined;
  const plazo = config.metas[tipo];
  return plazo ? vencePlazo(cal, recibido, plazo) : undefined;
}

/**
 * Checks and builds an extension of a petition's legal term (art. 14, parágrafo). Refuses a notice
 * given after the current due date, and a new due date beyond the original one plus twice the term.
 * Returns the extension to append to `peticion` (the caller sets `venceLegal` to `vence`).
 */
export function prorrogar(
  cal: Calendario,
  c: Pick<Conversacion, "recibido" | "peticion" | "prorrogas">,
  avisada: Date,
  vence: Date,
  aviso: string,
): Prorroga {
  if (!c.peticion)
    throw new ErrorConvergente("Solo las peticiones tienen término legal que se pueda prorrogar (Ley 1755 de 2015, art. 14).");
  const actual = new Date(c.peticion.venceLegal);
  if (avisada > actual)
    throw new ErrorConvergente(
      `La prórroga debe avisarse antes de que venza el término (${formatoCorto(actual)}); ya venció. ` +
        "Responda cuanto antes y deje constancia del retraso.",
    );
  const original = venceLegal(cal, new Date(c.recibido), c.peticion.subtipo);
  const termino = TERMINO_LEGAL[c.peticion.subtipo];
  const diaMaximo = sumarDiasHabiles(cal, diaBogota(original), 2 * termino);
  const maximo = instanteBogota(diaMaximo, cal.jornada(diaMaximo)!.fin);
  if (vence > maximo)
    throw new ErrorConvergente(
      `La prórroga no puede exceder el doble del término inicial (${termino} días hábiles): ` +
        `la nueva fecha debe ser a más tardar ${formatoCorto(maximo)} (Ley 1755 de 2015, art. 14, parágrafo).`,
    );
  if (vence <= actual) throw new ErrorConvergente(`La nueva fecha debe ser posterior a la actual (${formatoCorto(actual)}).`);
  if (aviso.trim().length < 10)
    throw new ErrorConvergente("Escriba el aviso que recibió la persona: los motivos de la demora y la fecha en que responderá.");
  return { avisada: avisada.toISOString(), vence: vence.toISOString(), aviso: aviso.trim() };
}

/** The state of a due date at an instant. */
export type EstadoPlazo = "vencida" | "vence-hoy" | "por-vencer" | "en-plazo";

/** "vencida" after the due instant; "vence-hoy" the same Bogotá day; "por-vencer" within `avisoHoras`. */
export function estadoPlazo(vence: Date, ahora: Date, avisoHoras: number): EstadoPlazo {
  if (ahora > vence) return "vencida";
  if (diaBogota(ahora) === diaBogota(vence)) return "vence-hoy";
  if (vence.getTime() - ahora.getTime() <= avisoHoras * 3600_000) return "por-vencer";
  return "en-plazo";
}

/** Time left or overdue in Spanish: «vence en 3 h», «vence en 2 días», «vencida hace 5 h». */
export function tiempoRestante(vence: Date, ahora: Date): string {
  const ms = vence.getTime() - ahora.getTime();
  const abs = Math.abs(ms);
  const horas = Math.floor(abs / 3600_000);
  const texto =
    horas < 1 ? `${Math.max(1, Math.round(abs / 60_000))} min` : horas < 48 ? `${horas} h` : `${Math.floor(horas / 24)} días`;
  return ms >= 0 ? `vence en ${texto}` : `vencida hace ${texto}`;
}

const fmtCorto = new Intl.DateTimeFormat("es-CO", {
  timeZone: "America/Bogota",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** "02/12/2026, 17:00" in Bogotá. */
export function formatoCorto(d: Date): string {
  return fmtCorto.format(d);
}
