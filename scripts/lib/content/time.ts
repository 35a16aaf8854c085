import { instanteConstruccion } from "./entorno.ts";
import { ErrorConvergente } from "./problems.ts";

/** Timezone of every date a person sees. Colombia has no daylight saving time: always UTC-05:00. */
export const ZONA = "America/Bogota";

/** Month names as people read them (es-CO), January first: the site's archive pages and the monthly report. */
export const NOMBRES_MES = [
  "enero",
  "febrero",
  "marzo",
  "abril",
  "mayo",
  "junio",
  "julio",
  "agosto",
  "septiembre",
  "octubre",
  "noviembre",
  "diciembre",
] as const;
const OFFSET = "-05:00";

const FECHA = /^(\d{4})-(\d{2})-(\d{2})$/;
const FECHA_HORA = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses a publication date. A bare date means 00:00 in Bogotá; a date-time must carry its
 * offset. Returns undefined when the value is not a real date.
 */
export function parseFechaPublicacion(valor: string | Date): Date | undefined {
  if (valor instanceof Date) return Number.isNaN(valor.getTime()) ? undefined : valor;
  const texto = valor.trim();
  const m = FECHA.exec(texto);
  if (m) {
    const d = new Date(`${texto}T00:00:00${OFFSET}`);
    return fechaReal(d, Number(m[2]), Number(m[3])) ? d : undefined;
  }
  if (!FECHA_HORA.test(texto)) return undefined;
  const d = new Date(texto);
  if (Number.isNaN(d.getTime())) return undefined;
  const [y, mo, da] = texto.slice(0, 10).split("-").map(Number);
  // Reject impossible calendar dates such as 2026-02-30 that Date would roll over.
  const check = new Date(Date.UTC(y!, mo! - 1, da));
  return check.getUTCMonth() === mo! - 1 && check.getUTCDate() === da! ? d : undefined;
}

/** Whether a bare date did not roll over (2026-02-30 becomes March in Date): month and day in Bogotá. */
function fechaReal(d: Date, mes: number, dia: number): boolean {
  if (Number.isNaN(d.getTime())) return false;
  const p = partes(d);
  return p.mes === mes && p.dia === dia;
}

/**
 * "Now" for deciding what is public and what is due: PRENSA_AHORA when set (tests, previews), else
 * the clock. Never used for the instants written to records, which always come from the clock.
 */
export function ahora(env: NodeJS.ProcessEnv = process.env): Date {
  const valor = env.PRENSA_AHORA;
  if (valor) {
    const d = parseFechaPublicacion(valor);
    if (!d)
      throw new ErrorConvergente(
        `La variable de entorno PRENSA_AHORA no es una fecha válida: «${valor}». Use AAAA-MM-DDTHH:MM:SS-05:00 (por ejemplo 2026-11-20T08:00:00-05:00) o quítela para usar el reloj.`,
      );
    return d;
  }
  return new Date();
}

/** The one instant of a build (site pages, feeds, social images, construccion.json): `ahora()` read once. */
export const momentoConstruccion = (): Date => instanteConstruccion(() => ahora());

/** Calendar parts of an instant in Bogotá. */
export function partes(d: Date): { anio: number; mes: number; dia: number; hora: number; minuto: number } {
  const local = new Date(d.getTime() - 5 * 3600_000);
  return {
    anio: local.getUTCFullYear(),
    mes: local.getUTCMonth() + 1,
    dia: local.getUTCDate(),
    hora: local.getUTCHours(),
    minuto: local.getUTCMinutes(),
  };
}

const fmtFecha = new Intl.DateTimeFormat("es-CO", { timeZone: ZONA, day: "numeric", month: "long", year: "numeric" });
const fmtFechaHora = new Intl.DateTimeFormat("es-CO", {
  timeZone: ZONA,
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
});

/** "20 de noviembre de 2026" */
export const formatoFecha = (d: Date): string => fmtFecha.format(d);
/** "20 de noviembre de 2026, 8:00 a. m." */
export const formatoFechaHora = (d: Date): string => fmtFechaHora.format(d);
/** ISO 8601 with the Bogotá offset: "2026-11-20T08:00:00-05:00". */
export function isoBogota(d: Date): string {
  const local = new Date(d.getTime() - 5 * 3600_000).toISOString().slice(0, 19);
  return `${local}${OFFSET}`;
}
