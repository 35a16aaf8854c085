import type { Calendario } from "../inbox/plazos.ts";

/**
 * The first business day of a month "AAAA-MM" on the office's calendar (inbox/plazos.ts: office
 * days, Colombian national holidays from date-holidays, and the config's extra non-working days).
 * The workflow runs daily on days 1 to 5 and generates the report only on this day.
 */
export function primerDiaHabil(calendario: Calendario, periodo: string): string {
  for (let d = 1; d <= 28; d++) {
    const dia = `${periodo}-${String(d).padStart(2, "0")}`;
    if (calendario.jornada(dia)) return dia;
  }
  throw new Error(`el mes ${periodo} no tiene días hábiles en sus primeros 28 días: revise inquietudes.horario`);
}
