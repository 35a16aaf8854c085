import { existsSync } from "node:fs";
import path from "node:path";
import { ErrorUso, leerArgumentos, SALIDA, type Comando, type Io } from "../cli/comando.ts";
import { escribirAtomico } from "../content/escribir.ts";
import { cargarInstitucion } from "../content/institucion.ts";
import { rutas } from "../content/paths.ts";
import {
  archivoInstantanea,
  instantaneaMetricasSchema,
  VERSION_ESQUEMA_METRICAS,
  type InstantaneaMetricas,
  type LecturaRed,
} from "../content/schema/metricas.ts";
import { NOMBRE_RED, REDES, type Red } from "../content/schema/redes.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import { ahora, isoBogota } from "../content/time.ts";
import { leerRegistros } from "../ledger/almacen.ts";
import type { Registro } from "../ledger/schema.ts";
import { confirmarYEmpujar } from "../ledger/git.ts";
import { REGISTRO } from "../networks/index.ts";
import { configMetricas, crearLectorMetricas } from "../networks/metricas/index.ts";
import type { AdaptadorMetricas } from "../networks/tipos.ts";

/**
 * `prensa metricas`: reads, from every configured network with credentials, the account's figures
 * and those of the posts the records say were published in the last `metricas.dias` days, and
 * writes today's snapshot (content/reportes/datos/AAAA/MM/metricas-AAAA-MM-DD.json, schema in
 * content/schema/metricas.ts) atomically. A network without credentials is skipped and nothing is
 * written for it; a network that fails keeps its error in the snapshot and the rest is kept.
 * Sample records (`ejemplo: true`) are never read: their ids are fictional.
 */

const USO = `Uso: prensa metricas [--dias N] [--commit]

Lee en cada red configurada (con sus credenciales en el entorno) las cifras de la cuenta y de las
publicaciones de los últimos días según content/publicaciones/, y guarda la foto del día en
content/reportes/datos/AAAA/MM/metricas-AAAA-MM-DD.json. Solo cifras agregadas: nunca quién
reaccionó o comentó. Las redes sin credenciales se omiten (no se escribe nada de ellas).

Opciones:
  --dias N   Publicaciones de los últimos N días (por omisión, metricas.dias de la configuración)
  --commit   Hace commit y push de la foto del día (flujo metricas.yml)
  --ayuda    Muestra esta ayuda`;

const DIA_MS = 86_400_000;

/** One post to read: its note and remote id on one network. */
export interface PostLeible {
  notaId: string;
  idRemoto: string;
  publicadoEn: number;
}

/**
 * The posts to read on each network: entries `publicado` with a remote id, published in
 * (ahora − dias, ahora], newest first (X's read budget goes to the newest). Sample records are left out.
 */
export function postsRecientes(registros: Iterable<Registro>, instante: Date, dias: number): Map<Red, PostLeible[]> {
  const desde = instante.getTime() - dias * DIA_MS;
  const salida = new Map<Red, PostLeible[]>();
  for (const registro of registros) {
    if (registro.ejemplo) continue;
    for (const red of REDES) {
      const e = registro.redes[red];
      if (!e || e.estado !== "publicado" || !e.idRemoto || !e.publicadoEn) continue;
      const t = Date.parse(e.publicadoEn);
      if (!(t > desde && t <= instante.getTime())) continue;
      const lista = salida.get(red) ?? [];
      lista.push({ notaId: registro.notaId, idRemoto: e.idRemoto, publicadoEn: t });
      salida.set(red, lista);
    }
  }
  for (const lista of salida.values()) lista.sort((a, b) => b.publicadoEn - a.publicadoEn || a.notaId.localeCompare(b.notaId));
  return salida;
}

/** Why a network is not in the snapshot, as people read it. */
export interface RedOmitida {
  red: Red;
  motivo: string;
}

/** Reads one network; never throws: failures become `errores` (messages already without secrets). */
export async function leerRed(
  lector: AdaptadorMetricas,
  posts: readonly PostLeible[],
): Promise<LecturaRed & { avisos: string[] }> {
  const errores: string[] = [];
  let cuenta: LecturaRed["cuenta"] = null;
  try {
    cuenta = await lector.cuenta();
  } catch (e) {
    errores.push(`cuenta: ${(e as Error).message}`);
  }
  const notaDe = new Map(posts.map((p) => [p.idRemoto, p.notaId]));
  let publicaciones: LecturaRed["publicaciones"] = [];
  if (posts.length) {
    try {
      const leidas = await lector.publicaciones(posts.map((p) => p.idRemoto));
      publicaciones = leidas
        .filter((m) => notaDe.has(m.idRemoto))
        .map((m) => ({
          notaId: notaDe.get(m.idRemoto)!,
          idRemoto: m.idRemoto,
          vistas: m.vistas,
          alcance: m.alcance,
          interacciones: m.interacciones,
          detalle: m.detalle,
        }));
    } catch (e) {
      errores.push(`publicaciones: ${(e as Error).message}`);
    }
  }
  const leidos = new Set(publicaciones.map((p) => p.idRemoto));
  return {
    cuenta,
    publicaciones,
    noDisponibles: [...(lector.noDisponibles?.() ?? [])].sort(),
    sinLeer: posts.filter((p) => !leidos.has(p.idRemoto)).map((p) => p.idRemoto),
    errores,
    solicitudes: lector.solicitudes(),
    avisos: [...(lector.avisos?.() ?? [])],
  };
}

export interface ResultadoMetricas {
  /** The snapshot written (undefined when no network could be read). */
  instantanea?: InstantaneaMetricas;
  /** Its path relative to the root. */
  archivo?: string;
  omitidas: RedOmitida[];
  avisos: string[];
}

/** Reads every configured network and writes today's snapshot. The instant comes from the real clock. */
export async function medir(opciones: {
  raiz: string;
  institucion: Institucion;
  env: NodeJS.ProcessEnv;
  dias?: number;
  /** The real clock (the snapshot's instant and day); tests never need to change it. */
  reloj?: () => Date;
}): Promise<ResultadoMetricas> {
  const { raiz, institucion, env } = opciones;
  const dias = opciones.dias ?? configMetricas(institucion).dias;
  const posts = postsRecientes(leerRegistros(raiz).values(), ahora(env), dias);
  const redes: InstantaneaMetricas["redes"] = {};
  const omitidas: RedOmitida[] = [];
  const avisos: string[] = [];
  for (const red of REDES) {
    if (!institucion.redes[red]) continue;
    const disponible = await crearLectorMetricas(red, institucion, env);
    if (!disponible.lector) {
      const motivo =
        disponible.motivo === "sin-credenciales"
          ? `sin credenciales (${REGISTRO[red].credenciales.join(", ")})`
          : (disponible.detalle ?? "sin lector de métricas");
      omitidas.push({ red, motivo });
      continue;
    }
    const { avisos: propios, ...lectura } = await leerRed(disponible.lector, posts.get(red) ?? []);
    redes[red] = lectura;
    avisos.push(...propios);
  }
  if (Object.keys(redes).length === 0) return { omitidas, avisos };
  const instante = (opciones.reloj ?? (() => new Date()))();
  const iso = isoBogota(instante);
  const instantanea = instantaneaMetricasSchema.parse({
    esquema: VERSION_ESQUEMA_METRICAS,
    fecha: iso.slice(0, 10),
    instante: iso,
    redes,
  });
  const archivo = archivoInstantanea(instantanea.fecha);
  escribirAtomico(path.join(raiz, archivo), `${JSON.stringify(instantanea, null, 2)}\n`);
  return { instantanea, archivo, omitidas, avisos };
}

const numero = new Intl.NumberFormat("es-CO");
const cifra = (n: number | null | undefined): string => (n === null || n === undefined ? "no disponible" : numero.format(n));

/** The run summary in Spanish. */
export function resumenMetricas(r: ResultadoMetricas): string {
  const lineas: string[] = [];
  if (r.instantanea && r.archivo) {
    lineas.push(`Métricas del ${r.instantanea.fecha} guardadas en ${r.archivo}:`);
    for (const red of REDES) {
      const l = r.instantanea.redes[red];
      if (!l) continue;
      const partes = [
        `${cifra(l.cuenta?.seguidores)} seguidores`,
        `${l.publicaciones.length} publicaciones leídas`,
        ...(l.sinLeer.length ? [`${l.sinLeer.length} sin leer`] : []),
        ...(l.noDisponibles.length ? [`no disponibles: ${l.noDisponibles.join(", ")}`] : []),
        `${l.solicitudes} solicitudes`,
      ];
      lineas.push(`  ${NOMBRE_RED[red]}: ${partes.join("; ")}.`);
      for (const e of l.errores) lineas.push(`    Error: ${e}`);
    }
  } else {
    lineas.push("No se leyó ninguna red: no se escribió la foto del día.");
  }
  for (const o of r.omitidas) lineas.push(`  Omitida: ${NOMBRE_RED[o.red]}, ${o.motivo}.`);
  for (const a of r.avisos) lineas.push(`  Aviso: ${a}`);
  return lineas.join("\n");
}

export const comando: Comando = {
  nombre: "metricas",
  descripcion: "Guarda las cifras del día de cada red (seguidores, vistas, interacciones) para el informe mensual",
  uso: USO,
  async ejecutar(args: string[], io: Io): Promise<number> {
    const { values } = leerArgumentos(args, { dias: { type: "string" }, commit: { type: "boolean" } }, false);
    let dias: number | undefined;
    if (values.dias !== undefined) {
      dias = Number(values.dias);
      if (!Number.isInteger(dias) || dias < 1 || dias > 400)
        throw new ErrorUso(`--dias debe ser un número entero de 1 a 400, no «${values.dias}»`);
    }
    const r = rutas(io.env.PRENSA_RAIZ);
    const institucion = cargarInstitucion(r.raiz);
    const resultado = await medir({ raiz: r.raiz, institucion, env: io.env, dias });
    io.salida(resumenMetricas(resultado));
    if (values.commit && resultado.archivo && existsSync(path.join(r.raiz, resultado.archivo))) {
      const { confirmado } = await confirmarYEmpujar(
        r.raiz,
        [resultado.archivo],
        `métricas: foto del ${resultado.instantanea!.fecha}`,
        { env: io.env },
      );
      io.salida(confirmado ? `Guardado en git: ${resultado.archivo}.` : "Sin cambios para guardar en git.");
    }
    const conErrores = Object.values(resultado.instantanea?.redes ?? {}).some((l) => l.errores.length > 0);
    return conErrores ? SALIDA.hallazgos : SALIDA.ok;
  },
};
