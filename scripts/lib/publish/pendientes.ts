import { REDES, type Red } from "../content/schema/redes.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import { esPublica, type Nota } from "../content/notas.ts";
import type { EntradaRed, Registro } from "../ledger/schema.ts";
import { versionDe } from "./version.ts";

/**
 * What one run must do for one (note, network):
 * - `publicar`: create the post (nothing was sent, or a person/changed text allows a new attempt);
 * - `reconciliar`: a previous call's outcome is unknown: ask the network before anything else;
 * - `corregir`: the note gained a correction since the post was made;
 * - `reconciliar-correccion`: a correction's outcome is unknown.
 */
export type Accion = "publicar" | "reconciliar" | "corregir" | "reconciliar-correccion";

export interface Trabajo {
  nota: Nota;
  red: Red;
  accion: Accion;
  /** Version the post must show after this work. */
  version: string;
  /** Why, in Spanish (shown in the summary). */
  motivo: string;
}

/**
 * An entry waiting for a person, listed in the summary with the commands that resolve it:
 * `incierto` (nobody knows whether it went out) or `fallido` (a permanent error, not retried until
 * the text or the credentials change).
 */
export interface Atencion {
  nota: Nota;
  red: Red;
  version: string;
  estado: "incierto" | "fallido";
  motivo: string;
}

export interface EntradaPendientes {
  notas: readonly Nota[];
  registros: ReadonlyMap<string, Registro>;
  institucion: Pick<Institucion, "redes">;
  ahora: Date;
  /** Only this network (`--canal`). */
  canal?: Red;
  /** Hash of what would be sent now (only asked for entries that failed permanently). */
  hashActual(nota: Nota, red: Red, correccion: boolean): string;
  /** Fingerprint of the network's current credentials. */
  credencialActual(red: Red): string | undefined;
}

/** Urgent first, then by scheduled time, then by id; networks in their fixed order. */
export function ordenar<T extends { nota: Nota; red: Red }>(trabajos: T[]): T[] {
  return trabajos.sort(
    (a, b) =>
      Number(b.nota.datos.urgente) - Number(a.nota.datos.urgente) ||
      a.nota.datos.publicar.getTime() - b.nota.datos.publicar.getTime() ||
      (a.nota.id < b.nota.id ? -1 : a.nota.id > b.nota.id ? 1 : 0) ||
      REDES.indexOf(a.red) - REDES.indexOf(b.red),
  );
}

const permanente = (mensaje = "error permanente") => ({
  estado: "fallido" as const,
  motivo: `${mensaje} (no se reintenta hasta que cambie el texto o las credenciales)`,
});

/** Decides the work for one (note, network) given its record entry. Pure. */
export function decidir(
  nota: Nota,
  red: Red,
  entrada: EntradaRed | undefined,
  e: Pick<EntradaPendientes, "hashActual" | "credencialActual"> & Partial<Pick<EntradaPendientes, "ahora">>,
): { trabajo?: Omit<Trabajo, "nota" | "red">; atencion?: { estado: Atencion["estado"]; motivo: string } } {
  const version = versionDe(nota);
  if (!entrada) return { trabajo: { accion: "publicar", version, motivo: "nueva" } };
  // A platform limit with a reset time: nothing is tried before it.
  const esperando = (desde: string | undefined) => desde !== undefined && e.ahora !== undefined && new Date(desde) > e.ahora;
  if (esperando(entrada.reintentarDesde)) return {};
  const cambio = (hash: string, credencial: string | undefined, correccion: boolean) =>
    e.hashActual(nota, red, correccion) !== hash || e.credencialActual(red) !== credencial;
  switch (entrada.estado) {
    case "enviando":
      return {
        trabajo: { accion: "reconciliar", version: entrada.version, motivo: "una ejecución anterior no registró el resultado" },
      };
    case "incierto":
      return { atencion: { estado: "incierto", motivo: entrada.ultimoError?.mensaje ?? "no se pudo saber si se publicó" } };
    case "en-espera":
      return { trabajo: { accion: "publicar", version, motivo: "pasó la espera que pidió la red" } };
    case "fallido": {
      const tipo = entrada.ultimoError?.tipo;
      if (tipo === "manual") return { trabajo: { accion: "publicar", version, motivo: "reintento pedido por una persona" } };
      if (tipo === "permanente" || tipo === "incierto") {
        if (!cambio(entrada.hashEnviado, entrada.credencial, false))
          return { atencion: permanente(entrada.ultimoError?.mensaje) };
        return {
          trabajo: { accion: "publicar", version, motivo: "cambió el texto o las credenciales tras un error permanente" },
        };
      }
      // The last request was refused or never reached the network: nothing to reconcile.
      if (entrada.ultimoError?.noProcesado)
        return { trabajo: { accion: "publicar", version, motivo: "reintento: la red no recibió el envío anterior" } };
      return { trabajo: { accion: "reconciliar", version: entrada.version, motivo: "reintento tras errores transitorios" } };
    }
    case "publicado": {
      if (entrada.version === version) return {};
      const c = entrada.correcciones.find((x) => x.version === version);
      if (!c) return { trabajo: { accion: "corregir", version, motivo: "la nota tiene una corrección nueva" } };
      if (esperando(c.reintentarDesde)) return {};
      switch (c.estado) {
        case "publicado":
          return {};
        case "en-espera":
          return { trabajo: { accion: "corregir", version, motivo: "pasó la espera que pidió la red" } };
        case "enviando":
          return {
            trabajo: { accion: "reconciliar-correccion", version, motivo: "una ejecución anterior no registró la corrección" },
          };
        case "incierto":
          return {
            atencion: { estado: "incierto", motivo: c.ultimoError?.mensaje ?? "no se pudo saber si se aplicó la corrección" },
          };
        case "fallido": {
          const tipo = c.ultimoError?.tipo;
          if (tipo === "manual") return { trabajo: { accion: "corregir", version, motivo: "reintento pedido por una persona" } };
          if (tipo === "permanente" || tipo === "incierto") {
            if (!cambio(c.hash, entrada.credencial, true)) return { atencion: permanente(c.ultimoError?.mensaje) };
            return {
              trabajo: { accion: "corregir", version, motivo: "cambió el texto o las credenciales tras un error permanente" },
            };
          }
          if (c.ultimoError?.noProcesado)
            return { trabajo: { accion: "corregir", version, motivo: "reintento: la red no recibió el envío anterior" } };
          return { trabajo: { accion: "reconciliar-correccion", version, motivo: "reintento tras errores transitorios" } };
        }
      }
    }
  }
  return {};
}

/**
 * Due work: every (note, network) where the note is public, the network is in its `canales` and
 * configured, and the record says it is not done. Urgent notes first. Pure.
 */
export function calcularPendientes(e: EntradaPendientes): { trabajos: Trabajo[]; atencion: Atencion[] } {
  const trabajos: Trabajo[] = [];
  const atencion: Atencion[] = [];
  for (const nota of e.notas) {
    if (!esPublica(nota, e.ahora)) continue;
    const registro = e.registros.get(nota.id);
    for (const { red } of nota.datos.canales) {
      if (e.canal && red !== e.canal) continue;
      if (!e.institucion.redes[red]) continue;
      const d = decidir(nota, red, registro?.redes[red], e);
      if (d.trabajo) trabajos.push({ nota, red, ...d.trabajo });
      if (d.atencion) atencion.push({ nota, red, version: versionDe(nota), ...d.atencion });
    }
  }
  return { trabajos: ordenar(trabajos), atencion: ordenar(atencion) };
}

/**
 * Whether every configured network of a note's `canales` is published at the note's current
 * version (no correction pending, nothing uncertain). Pure.
 */
export function notaCompleta(nota: Nota, registro: Registro | undefined, institucion: Pick<Institucion, "redes">): boolean {
  if (!registro) return false;
  const version = versionDe(nota);
  return nota.datos.canales
    .filter((c) => institucion.redes[c.red])
    .every((c) => {
      const e = registro.redes[c.red];
      return e?.estado === "publicado" && e.version === version;
    });
}
