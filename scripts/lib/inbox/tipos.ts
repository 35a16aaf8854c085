import { createHash } from "node:crypto";
import type { Red } from "../content/schema/redes.ts";
import type { Conversacion, EstadoConversacion, TipoInquietud } from "../content/schema/inquietudes.ts";

/**
 * The inbox store: where conversations with citizens live (PRIVATE: personal data, Ley 1581 de 2012).
 * Two backends behind this one interface: a git-ignored local folder (almacen-local.ts, the default)
 * and issues of a private GitHub repository (almacen-github.ts). Every method is idempotent, and a
 * `guardar` either lands whole or not at all, so a run killed at any point loses nothing.
 */
export interface AlmacenInquietudes {
  /** "local" or "github", and where (folder or owner/name), for messages to people. */
  readonly tipo: "local" | "github";
  readonly donde: string;
  /** The conversation with this id (see idConversacion), or undefined. */
  obtener(id: string): Promise<Conversacion | undefined>;
  /** Creates or replaces the conversation (validated against conversacionSchema). */
  guardar(c: Conversacion): Promise<void>;
  /**
   * The conversation holding the message with this external id (also after anonymization, through
   * its digest, see idAnonimo), or undefined.
   */
  buscarPorMensaje(red: Red, idExterno: string): Promise<Conversacion | undefined>;
  /** Cursor of the last complete read of a network's inbox (opaque, from AdaptadorBandeja.leer). */
  cursor(red: Red): Promise<string | undefined>;
  /** Stores the cursor; call it ONLY after every message of that read was saved. */
  guardarCursor(red: Red, cursor: string): Promise<void>;
  /**
   * Every conversation matching the filter, oldest first. The GitHub store answers from the issue
   * bodies alone, so the records come WITHOUT personal fields (autor, texto, enlace): enough for
   * tables, due dates and aggregates; call `obtener` for the whole conversation.
   */
  listar(filtro?: FiltroConversaciones): Promise<Conversacion[]>;
  /** Deletes the conversation and everything it holds (used only when a stub must replace it). */
  eliminar(id: string): Promise<void>;
}

export interface FiltroConversaciones {
  red?: Red;
  estado?: EstadoConversacion | readonly EstadoConversacion[];
  tipo?: TipoInquietud;
}

/** 16 hex digits of SHA-256: enough to tell apart every thread an office will ever see. */
function digesto(texto: string): string {
  return createHash("sha256").update(texto).digest("hex").slice(0, 16);
}

/** Id of the conversation of a thread: "<red>-<digest>", the same on every machine and every run. */
export function idConversacion(red: Red, hilo: string): string {
  return `${red}-${digesto(`${red}\u0000${hilo}`)}`;
}

/**
 * What an external id becomes once anonymized: "anon:" and a digest. The digest still matches the
 * same id on a re-read (so it is never filed again), but it cannot be turned back into the message.
 */
export function idAnonimo(red: Red, idExterno: string): string {
  return idExterno.startsWith("anon:") ? idExterno : `anon:${digesto(`${red}\u0000mensaje\u0000${idExterno}`)}`;
}

/** True when the conversation holds the message with this external id (raw or anonymized). */
export function tieneMensaje(c: Conversacion, idExterno: string): boolean {
  const anonimo = idAnonimo(c.red, idExterno);
  return c.entradas.some((e) => e.idExterno === idExterno || e.idExterno === anonimo);
}

/** Applies a filter (shared by both backends). */
export function cumpleFiltro(c: Conversacion, f: FiltroConversaciones | undefined): boolean {
  if (!f) return true;
  if (f.red && c.red !== f.red) return false;
  if (f.tipo && c.tipo !== f.tipo) return false;
  if (f.estado) {
    const estados = typeof f.estado === "string" ? [f.estado] : f.estado;
    if (!estados.includes(c.estado)) return false;
  }
  return true;
}
