import { createHash } from "node:crypto";
import type { Red } from "../content/schema/redes.ts";
import type { Nota } from "../content/notas.ts";

/** Version of a note as the networks see it: "original", or "correccion-N" after N corrections. */
export const versionDe = (nota: Pick<Nota, "datos">): string =>
  nota.datos.correcciones.length ? `correccion-${nota.datos.correcciones.length}` : "original";

/** Idempotency key of (note id, network, version): stable across runs and machines; safe as a Bluesky rkey. */
export function claveIdempotencia(notaId: string, red: Red, version: string): string {
  return `cvg-${createHash("sha256").update(`${notaId}\0${red}\0${version}`).digest("hex").slice(0, 24)}`;
}

/** sha256 (16 hex) of what is sent; a permanent failure is retried only when it changes. */
export function hashDe(contenido: unknown): string {
  return createHash("sha256").update(JSON.stringify(contenido)).digest("hex").slice(0, 16);
}

/** Hash of a note file's text, stored as the record's `hashNota` once the note is fully published. */
export const hashNota = (texto: string): string => hashDe(texto);
