import path from "node:path";
import {
  TIPOS_SIN_RESPUESTA,
  agregadoInquietudesSchema,
  type AgregadoInquietudes,
  type Conversacion,
} from "../content/schema/inquietudes.ts";
import { diaBogota, horasHabilesEntre, instanteBogota, type Calendario } from "./plazos.ts";

/**
 * The PUBLIC monthly aggregate (content/reportes/datos/AAAA/MM/inquietudes.json) for the monthly
 * report: counts only, computed from the records without reading any personal field (the GitHub
 * store's list has none), and checked against the strict schema before it is written.
 */

/** Where the aggregate of a month lives, relative to the root. */
export const rutaAgregado = (mes: string): string =>
  path.join("content/reportes/datos", mes.slice(0, 4), mes.slice(5, 7), "inquietudes.json");

/** First instant of a month "AAAA-MM" in Bogotá, and of the next one. */
export function limitesMes(mes: string): { inicio: Date; fin: Date } {
  const [a, m] = mes.split("-").map(Number) as [number, number];
  const siguiente = m === 12 ? `${a + 1}-01` : `${a}-${String(m + 1).padStart(2, "0")}`;
  return { inicio: instanteBogota(`${mes}-01`, 0), fin: instanteBogota(`${siguiente}-01`, 0) };
}

const contar = <K extends string>(lista: readonly K[]): Partial<Record<K, number>> => {
  const r: Partial<Record<K, number>> = {};
  for (const k of [...lista].sort()) r[k] = (r[k] ?? 0) + 1;
  return r;
};

function mediana(valores: number[]): number | null {
  if (!valores.length) return null;
  const v = [...valores].sort((a, b) => a - b);
  const m = Math.floor(v.length / 2);
  return Math.round((v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2) * 100) / 100;
}

/**
 * Aggregates of the conversations received in `mes`. «Al cierre» means the end of the month, or
 * `ahora` when the month is not over yet.
 */
export function agregarMes(
  conversaciones: readonly Conversacion[],
  mes: string,
  cal: Calendario,
  ahora: Date,
): AgregadoInquietudes {
  const { inicio, fin } = limitesMes(mes);
  const cierre = ahora < fin ? ahora : fin;
  const delMes = conversaciones.filter((c) => {
    const r = Date.parse(c.recibido);
    return r >= inicio.getTime() && r < fin.getTime();
  });
  const requieren = delMes.filter((c) => !TIPOS_SIN_RESPUESTA.includes(c.tipo));
  const atendidaEl = (c: Conversacion): Date | undefined => {
    const fechas = [c.primeraRespuesta, c.traslado?.fecha].filter((f): f is string => !!f).map((f) => new Date(f));
    return fechas.length ? new Date(Math.min(...fechas.map((f) => f.getTime()))) : undefined;
  };
  const respondidas = requieren.filter((c) => {
    const a = atendidaEl(c);
    return a && a <= cierre;
  });
  const aTiempo = respondidas.filter((c) => !c.vence || atendidaEl(c)! <= new Date(c.vence));
  const vencidas = requieren.filter((c) => {
    if (!c.vence || new Date(c.vence) >= cierre) return false;
    const a = atendidaEl(c);
    return !a || a > cierre;
  });
  const peticiones = delMes.filter((c) => c.peticion);
  return agregadoInquietudesSchema.parse({
    version: 1,
    mes,
    zonaHoraria: "America/Bogota",
    recibidas: delMes.length,
    porDia: contar(delMes.map((c) => diaBogota(new Date(c.recibido)))),
    porRed: contar(delMes.map((c) => c.red)),
    porTipo: contar(delMes.map((c) => c.tipo)),
    requierenRespuesta: requieren.length,
    respondidas: respondidas.length,
    respondidasATiempo: aTiempo.length,
    medianaPrimeraRespuestaHorasHabiles: mediana(
      respondidas
        .filter((c) => c.primeraRespuesta)
        .map((c) => horasHabilesEntre(cal, new Date(c.recibido), new Date(c.primeraRespuesta!))),
    ),
    vencidasAlCierre: vencidas.length,
    peticiones: {
      recibidas: peticiones.length,
      radicadas: peticiones.filter((c) => !c.peticion!.porRadicar).length,
      trasladadas: peticiones.filter((c) => c.traslado?.fecha).length,
      prorrogadas: peticiones.filter((c) => c.prorrogas.length > 0).length,
    },
  });
}
