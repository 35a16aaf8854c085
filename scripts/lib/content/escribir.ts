import { mkdirSync, renameSync, writeFileSync, rmSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

/** Writes a file atomically: a temp file in the same folder, then rename. Never half-written. */
export function escribirAtomico(destino: string, contenido: string | Uint8Array): void {
  mkdirSync(path.dirname(destino), { recursive: true });
  const temporal = path.join(path.dirname(destino), `.${path.basename(destino)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    writeFileSync(temporal, contenido);
    renameSync(temporal, destino);
  } catch (e) {
    rmSync(temporal, { force: true });
    throw e;
  }
}

/** "Festival del Campesino 2026" → "festival-del-campesino-2026" */
export function slugDe(texto: string, max = 60): string {
  const base = texto
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/ñ/g, "n")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (base.length <= max) return base;
  const corto = base.slice(0, max);
  return corto.includes("-") ? corto.slice(0, corto.lastIndexOf("-")) : corto;
}
