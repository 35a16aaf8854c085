import type { Nota } from "../content/notas.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import { nombreDependencia } from "../content/institucion.ts";
import { REDES, type Red } from "../content/schema/redes.ts";
import type { InstantaneaMetricas } from "../content/schema/metricas.ts";
import {
  VERSION_ESQUEMA_CIFRAS,
  type AlcanceRed,
  type CambioImagen,
  type CifrasInforme,
  type Falla,
  type Fuente,
  type InquietudesInforme,
  type Puntualidad,
  type SolicitudesMes,
} from "../content/schema/informe.ts";
import type { EntradaRed, Registro } from "../ledger/schema.ts";
import { NOMBRE_RED } from "../content/schema/redes.ts";
import { NOMBRE_TIPO, TIPOS_INQUIETUD, type AgregadoInquietudes } from "../content/schema/inquietudes.ts";
import { partes } from "../content/time.ts";

/**
 * The report's figures as pure functions of the repository's data: no clock, no disk. Every month
 * and day is a Bogotá calendar month and day (Colombia is UTC−05:00 all year), so a note
 * published on the 30th at 23:30 in Bogotá (04:30 UTC of the 1st) belongs to the 30th's month.
 */

/** A month: "2026-11" → { anio: 2026, mes: 11 }. */
export interface Mes {
  anio: number;
  mes: number;
}

export const leerMes = (periodo: string): Mes => ({ anio: Number(periodo.slice(0, 4)), mes: Number(periodo.slice(5, 7)) });
export const textoMes = (m: Mes): string => `${m.anio}-${String(m.mes).padStart(2, "0")}`;
export const diasDelMes = (m: Mes): number => new Date(Date.UTC(m.anio, m.mes, 0)).getUTCDate();
const dia = (m: Mes, d: number): string => `${textoMes(m)}-${String(d).padStart(2, "0")}`;

/** Whether an instant falls in the month, in Bogotá. */
export function enMes(instante: Date | string | undefined, m: Mes): boolean {
  if (instante === undefined) return false;
  const d = typeof instante === "string" ? new Date(instante) : instante;
  if (Number.isNaN(d.getTime())) return false;
  const p = partes(d);
  return p.anio === m.anio && p.mes === m.mes;
}

/** Bogotá calendar day "AAAA-MM-DD" of an instant. */
export function diaBogota(instante: Date | string): string {
  const p = partes(typeof instante === "string" ? new Date(instante) : instante);
  return `${p.anio}-${String(p.mes).padStart(2, "0")}-${String(p.dia).padStart(2, "0")}`;
}

const redondear = (x: number, decimales = 1): number => {
  const f = 10 ** decimales;
  return Math.round(x * f) / f;
};

/** Median of a list (mean of the two middle values for an even count); null when empty. */
export function mediana(valores: readonly number[]): number | null {
  if (!valores.length) return null;
  const v = [...valores].sort((a, b) => a - b);
  const medio = Math.floor(v.length / 2);
  return v.length % 2 ? v[medio]! : (v[medio - 1]! + v[medio]!) / 2;
}

/** Percentile by nearest rank: the smallest value with at least p % of the values at or below it; null when empty. */
export function percentil(valores: readonly number[], p: number): number | null {
  if (!valores.length) return null;
  const v = [...valores].sort((a, b) => a - b);
  return v[Math.max(0, Math.ceil((p / 100) * v.length) - 1)]!;
}

function puntualidadDe(segundos: number[]): Puntualidad {
  const med = mediana(segundos);
  const p90 = percentil(segundos, 90);
  return {
    publicaciones: segundos.length,
    medianaMinutos: med === null ? null : redondear(med / 60),
    p90Minutos: p90 === null ? null : redondear(p90 / 60),
  };
}

/** What the report reads, already validated by its schema. */
export interface DatosInforme {
  periodo: string;
  institucion: Institucion;
  /** Every valid note of the repository. */
  notas: Nota[];
  /** Every publication record. */
  registros: Registro[];
  /** The month's daily metrics snapshots, with their files; empty when there are none. */
  metricas: { archivo: string; datos: InstantaneaMetricas }[];
  /** The month's inbox aggregate, when it exists. */
  inquietudes?: { archivo: string; datos: AgregadoInquietudes };
  /** The month's requests, when their aggregate exists. */
  solicitudes?: { archivo: string; datos: SolicitudesMes };
  /** The month's image changes, when the image log exists. */
  imagen?: { archivos: string[]; cambios: CambioImagen[] };
  /** Until when data can exist (the report of the current month stops today). */
  ahora: Date;
}

/** When a network entry went out: its publication instant, else the resolution's. */
const instantePublicacion = (e: EntradaRed): string | undefined =>
  e.estado === "publicado" ? (e.publicadoEn ?? e.resolucion?.fecha ?? e.actualizado) : undefined;

/** Delay of a published entry in seconds (recorded, else publication − schedule). */
function demora(e: EntradaRed): number | undefined {
  if (e.demoraSegundos !== undefined) return e.demoraSegundos;
  const pub = instantePublicacion(e);
  return pub ? Math.round((Date.parse(pub) - Date.parse(e.programado)) / 1000) : undefined;
}

/** How a post that met trouble ended. */
function resolucionDe(e: EntradaRed): Falla["resolucion"] | undefined {
  if (e.estado !== "publicado") return "sin-resolver";
  if (e.resolucion?.accion === "publicado") return "a-mano";
  if (e.resolucion?.accion === "reintentar") return "reintento";
  if (e.intentos > 1) return "automatica";
  return undefined;
}

/** Computes every figure of the month. Pure: same data, same figures. */
export function calcularCifras(d: DatosInforme): CifrasInforme {
  const m = leerMes(d.periodo);
  const ultimo = diasDelMes(m);
  const institucion = d.institucion;
  const tituloDe = new Map<string, string>();
  for (const n of d.notas) tituloDe.set(n.id, n.datos.titulo);
  for (const r of d.registros) if (!tituloDe.has(r.notaId)) tituloDe.set(r.notaId, r.titulo);

  // Notes on the site: public (not a draft, time come) and published in the month.
  const notasMes = d.notas
    .filter((n) => !n.datos.borrador && n.datos.publicar.getTime() <= d.ahora.getTime() && enMes(n.datos.publicar, m))
    .sort((a, b) => a.id.localeCompare(b.id));
  const porDep = new Map<string, number>();
  for (const n of notasMes) porDep.set(n.datos.dependencia, (porDep.get(n.datos.dependencia) ?? 0) + 1);
  const porDependencia = [...porDep.entries()]
    .map(([dependencia, notas]) => ({ dependencia, nombre: nombreDependencia(institucion, dependencia), notas }))
    .sort((a, b) => b.notas - a.notas || a.nombre.localeCompare(b.nombre, "es"));

  // Calendar weeks from Monday, cut to the month.
  const porSemana: CifrasInforme["publicaciones"]["porSemana"] = [];
  for (let i = 1; i <= ultimo; i++) {
    const lunes = new Date(Date.UTC(m.anio, m.mes - 1, i)).getUTCDay() === 1;
    if (i === 1 || lunes) porSemana.push({ desde: dia(m, i), hasta: dia(m, i), notas: 0 });
    porSemana.at(-1)!.hasta = dia(m, i);
  }
  for (const n of notasMes) {
    const d0 = diaBogota(n.datos.publicar);
    porSemana.find((s) => s.desde <= d0 && d0 <= s.hasta)!.notas++;
  }

  // Posts per network: each (note, network) once, whatever the attempts and resolutions.
  const porRedMapa = new Map<Red, { publicadas: number; resueltas: number; sinResolver: number; demoras: number[] }>();
  const fallas: Falla[] = [];
  const todas: number[] = [];
  const registros = [...d.registros].sort((a, b) => a.notaId.localeCompare(b.notaId));
  for (const r of registros) {
    for (const red of REDES) {
      const e = r.redes[red];
      if (!e) continue;
      const pub = instantePublicacion(e);
      const delMes = pub ? enMes(pub, m) : enMes(e.programado, m) && Date.parse(e.programado) <= d.ahora.getTime();
      if (!delMes) continue;
      const fila = porRedMapa.get(red) ?? { publicadas: 0, resueltas: 0, sinResolver: 0, demoras: [] };
      porRedMapa.set(red, fila);
      const resolucion = resolucionDe(e);
      if (pub) {
        fila.publicadas++;
        const s = demora(e);
        if (s !== undefined) {
          fila.demoras.push(s);
          todas.push(s);
        }
        if (resolucion) fila.resueltas++;
      } else fila.sinResolver++;
      if (resolucion)
        fallas.push({
          notaId: r.notaId,
          titulo: tituloDe.get(r.notaId) ?? r.titulo,
          red,
          tipo: e.ultimoError?.tipo ?? (e.resolucion ? "manual" : null),
          resolucion,
        });
    }
  }
  const porRed = REDES.filter((red) => porRedMapa.has(red)).map((red) => {
    const f = porRedMapa.get(red)!;
    return {
      red,
      publicadas: f.publicadas,
      conFallaResuelta: f.resueltas,
      sinResolver: f.sinResolver,
      puntualidad: puntualidadDe(f.demoras),
    };
  });

  // Corrections (fe de erratas) dated in the month.
  const correcciones = d.notas
    .map((n) => ({
      notaId: n.id,
      titulo: n.datos.titulo,
      correcciones: n.datos.correcciones.filter((c) => enMes(c.fecha, m)).length,
    }))
    .filter((c) => c.correcciones > 0)
    .sort((a, b) => b.correcciones - a.correcciones || a.notaId.localeCompare(b.notaId));

  // Community-group shares recorded in the month.
  const veces = new Map<string, number>();
  for (const r of registros)
    for (const c of r.compartidos) if (enMes(c.fecha, m)) veces.set(c.grupo, (veces.get(c.grupo) ?? 0) + 1);
  const compartidos = [...veces.entries()]
    .map(([grupo, n]) => ({
      grupo,
      nombre: institucion.gruposComunitarios.find((g) => g.id === grupo)?.nombre ?? grupo,
      veces: n,
    }))
    .sort((a, b) => b.veces - a.veces || a.nombre.localeCompare(b.nombre, "es"));

  const hoy = diaBogota(d.ahora);
  const diasPosibles = Array.from({ length: ultimo }, (_, i) => dia(m, i + 1)).filter((x) => x <= hoy);

  return {
    esquema: VERSION_ESQUEMA_CIFRAS,
    periodo: d.periodo,
    desde: dia(m, 1),
    hasta: dia(m, ultimo),
    publicaciones: {
      notas: notasMes.length,
      porDependencia,
      porSemana,
      porRed,
      puntualidad: puntualidadDe(todas),
      fallas,
      correcciones,
      compartidos,
    },
    alcance: calcularAlcance(d, m, registros, tituloDe, diasPosibles),
    inquietudes: d.inquietudes ? inquietudesDe(d.inquietudes.datos) : null,
    solicitudes: calcularSolicitudes(d, m),
    imagen: d.imagen ? [...d.imagen.cambios].sort((a, b) => a.fecha.localeCompare(b.fecha)) : null,
    fuentes: fuentes(d, notasMes, registros, m, diasPosibles),
  };
}

function calcularAlcance(
  d: DatosInforme,
  m: Mes,
  registros: Registro[],
  tituloDe: Map<string, string>,
  diasPosibles: string[],
): CifrasInforme["alcance"] {
  const instantaneas = d.metricas
    .map((x) => x.datos)
    .filter((x) => x.fecha.startsWith(textoMes(m)))
    .sort((a, b) => a.fecha.localeCompare(b.fecha));
  if (!instantaneas.length) return null;
  const entradaDe = new Map<string, { registro: Registro; entrada: EntradaRed }>();
  for (const r of registros)
    for (const red of REDES) {
      const e = r.redes[red];
      if (e?.idRemoto) entradaDe.set(`${red}\u0000${e.idRemoto}`, { registro: r, entrada: e });
    }
  const porRed: AlcanceRed[] = [];
  const candidatas: NonNullable<CifrasInforme["alcance"]>["destacadas"] = [];
  for (const red of REDES) {
    const lecturas = instantaneas.map((x) => x.redes[red]).filter((x) => x !== undefined);
    if (!lecturas.length) continue;
    const seguidores = lecturas.map((l) => l.cuenta?.seguidores).filter((s): s is number => typeof s === "number");
    // The last reading of each post within the month.
    const ultimas = new Map<
      string,
      { notaId: string; vistas: number | null; alcance: number | null; interacciones: number | null }
    >();
    for (const l of lecturas) for (const p of l.publicaciones) ultimas.set(p.idRemoto, p);
    const delMes = [...ultimas.entries()].filter(([id, p]) => {
      const e = entradaDe.get(`${red}\u0000${id}`);
      return e
        ? enMes(instantePublicacion(e.entrada) ?? e.entrada.programado, m)
        : p.notaId.startsWith(`${textoMes(m).replace("-", "/")}/`);
    });
    const suma = (k: "vistas" | "alcance" | "interacciones") => {
      const v = delMes.map(([, p]) => p[k]).filter((x): x is number => typeof x === "number");
      return v.length ? v.reduce((a, b) => a + b, 0) : null;
    };
    porRed.push({
      red,
      seguidoresInicio: seguidores[0] ?? null,
      seguidoresFin: seguidores.at(-1) ?? null,
      vistas: suma("vistas"),
      alcance: suma("alcance"),
      interacciones: suma("interacciones"),
      publicacionesMedidas: delMes.length,
      noDisponibles: [...new Set(lecturas.flatMap((l) => l.noDisponibles))].sort(),
    });
    for (const [id, p] of delMes) {
      if (typeof p.interacciones !== "number") continue;
      const e = entradaDe.get(`${red}\u0000${id}`);
      candidatas.push({
        red,
        notaId: p.notaId,
        titulo: tituloDe.get(p.notaId) ?? p.notaId,
        url: e?.entrada.url ?? null,
        interacciones: p.interacciones,
      });
    }
  }
  const destacadas = candidatas
    .sort(
      (a, b) =>
        b.interacciones - a.interacciones || REDES.indexOf(a.red) - REDES.indexOf(b.red) || a.notaId.localeCompare(b.notaId),
    )
    .slice(0, 5);
  const conDatos = new Set(instantaneas.map((x) => x.fecha));
  return {
    porRed,
    destacadas,
    diasConDatos: conDatos.size,
    diasSinDatos: diasPosibles.filter((x) => !conDatos.has(x)),
  };
}

/** The inbox aggregate as the report shows it: networks and kinds by name, most first. */
export function inquietudesDe(a: AgregadoInquietudes): InquietudesInforme {
  const orden = <T extends { recibidas: number }>(x: T[], nombre: (t: T) => string) =>
    x.sort((p, q) => q.recibidas - p.recibidas || nombre(p).localeCompare(nombre(q), "es"));
  return {
    recibidas: a.recibidas,
    porRed: orden(
      REDES.filter((r) => (a.porRed[r] ?? 0) > 0).map((r) => ({ red: NOMBRE_RED[r], recibidas: a.porRed[r]! })),
      (x) => x.red,
    ),
    porTipo: orden(
      TIPOS_INQUIETUD.filter((t) => (a.porTipo[t] ?? 0) > 0).map((t) => ({ tipo: NOMBRE_TIPO[t], recibidas: a.porTipo[t]! })),
      (x) => x.tipo,
    ),
    requierenRespuesta: a.requierenRespuesta,
    respondidas: a.respondidas,
    respondidasATiempo: a.respondidasATiempo,
    medianaHorasHabiles: a.medianaPrimeraRespuestaHorasHabiles === null ? null : redondear(a.medianaPrimeraRespuestaHorasHabiles),
    vencidasAlCierre: a.vencidasAlCierre,
    peticiones: { recibidas: a.peticiones.recibidas, radicadas: a.peticiones.radicadas, trasladadas: a.peticiones.trasladadas },
  };
}

function calcularSolicitudes(d: DatosInforme, m: Mes): CifrasInforme["solicitudes"] {
  if (!d.solicitudes) return null;
  const delMes = d.solicitudes.datos.solicitudes.filter((s) => enMes(s.recibida, m));
  const notaDe = new Map(d.notas.map((n) => [n.id, n]));
  const convertidas = delMes.filter((s) => s.nota && notaDe.has(s.nota));
  const dias = convertidas
    .map((s) => ({ s, n: notaDe.get(s.nota!)! }))
    .filter(({ n }) => !n.datos.borrador && n.datos.publicar.getTime() <= d.ahora.getTime())
    .map(({ s, n }) => Math.max(0, (n.datos.publicar.getTime() - Date.parse(s.recibida)) / 86_400_000));
  const med = mediana(dias);
  const porDep = new Map<string, number>();
  for (const s of delMes) porDep.set(s.dependencia, (porDep.get(s.dependencia) ?? 0) + 1);
  return {
    recibidas: delMes.length,
    convertidasEnNota: convertidas.length,
    medianaDiasHastaPublicar: med === null ? null : redondear(med),
    porDependencia: [...porDep.entries()]
      .map(([dependencia, recibidas]) => ({ dependencia, nombre: nombreDependencia(d.institucion, dependencia), recibidas }))
      .sort((a, b) => b.recibidas - a.recibidas || a.nombre.localeCompare(b.nombre, "es")),
  };
}

function fuentes(
  d: DatosInforme,
  notasMes: Nota[],
  registros: Registro[],
  m: Mes,
  diasPosibles: string[],
): CifrasInforme["fuentes"] {
  const mesRuta = `${m.anio}/${String(m.mes).padStart(2, "0")}`;
  const conPublicacion = registros.filter(
    (r) =>
      REDES.some((red) => {
        const e = r.redes[red];
        return e !== undefined && enMes(instantePublicacion(e) ?? e.programado, m);
      }) || r.compartidos.some((c) => enMes(c.fecha, m)),
  );
  const metricas = [...d.metricas].sort((a, b) => a.archivo.localeCompare(b.archivo));
  const faltan = diasPosibles.filter((x) => !metricas.some((i) => i.datos.fecha === x));
  const fuenteMetricas: Fuente = metricas.length
    ? {
        disponible: true,
        archivos: metricas.map((i) => i.archivo),
        ...(faltan.length
          ? {
              nota: `${faltan.length === 1 ? "falta" : "faltan"} ${faltan.length} de ${diasPosibles.length} días (la lista está en cifras.json)`,
            }
          : {}),
      }
    : {
        disponible: false,
        archivos: [],
        nota: `no hay lecturas de métricas de este mes en content/reportes/datos/${mesRuta}/`,
      };
  return {
    notas: {
      disponible: true,
      archivos: notasMes.map((n) => n.archivo),
    },
    registros: conPublicacion.length
      ? { disponible: true, archivos: conPublicacion.map((r) => `content/publicaciones/${r.notaId}.json`) }
      : { disponible: false, archivos: [], nota: "no hay registros de publicación en redes de este mes" },
    metricas: fuenteMetricas,
    inquietudes: d.inquietudes
      ? { disponible: true, archivos: [d.inquietudes.archivo] }
      : {
          disponible: false,
          archivos: [],
          nota: `falta el agregado de la bandeja (datos/${mesRuta}/inquietudes.json)`,
        },
    solicitudes: d.solicitudes
      ? { disponible: true, archivos: [d.solicitudes.archivo] }
      : {
          disponible: false,
          archivos: [],
          nota: `falta datos/${mesRuta}/solicitudes.json; se lee de GitHub con «prensa informe --desde-github»`,
        },
    imagen: d.imagen
      ? { disponible: true, archivos: d.imagen.archivos }
      : { disponible: false, archivos: [], nota: "la copia no tiene el historial de git de la configuración" },
  };
}
