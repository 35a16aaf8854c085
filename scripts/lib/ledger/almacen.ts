import { readFileSync, readdirSync, existsSync } from "node:fs";
import path from "node:path";
import { escribirAtomico } from "../content/escribir.ts";
import { relativa, rutas } from "../content/paths.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { mensajeIssue } from "../content/zod-es.ts";
import { registroSchema, VERSION_ESQUEMA_REGISTRO, type Registro } from "./schema.ts";

/** Path of a note's record: content/publicaciones/AAAA/MM/<slug>.json (mirrors the note's path). */
export function rutaRegistro(raiz: string, notaId: string): string {
  return path.join(rutas(raiz).publicaciones, `${notaId}.json`);
}

/** Validates parsed JSON as a record; throws a Spanish ErrorConvergente naming the file and field. */
export function validarRegistro(datos: unknown, archivo: string): Registro {
  const r = registroSchema.safeParse(datos);
  if (r.success) return r.data;
  throw new ErrorConvergente(
    `El registro de publicaciones ${archivo} no es válido.`,
    r.error.issues.map((i) => ({
      archivo,
      campo: i.path.join(".") || "(raíz)",
      mensaje: mensajeIssue(i),
      arreglo: "restaure el archivo desde el historial de git (git log -p -- " + archivo + ")",
    })),
  );
}

/** Parses a record file's text. */
export function analizarRegistro(texto: string, archivo: string): Registro {
  let datos: unknown;
  try {
    datos = JSON.parse(texto);
  } catch (e) {
    throw new ErrorConvergente(`El registro de publicaciones ${archivo} no es JSON válido.`, [
      {
        archivo,
        mensaje: `JSON mal formado (${(e as Error).message})`,
        arreglo: `restaure el archivo desde el historial de git (git log -p -- ${archivo})`,
      },
    ]);
  }
  return validarRegistro(datos, archivo);
}

/**
 * Reads the validated record of a note, or undefined when the note has none yet.
 * Throws ErrorConvergente (Spanish, with file and field) when the file exists but is invalid.
 */
export function leerRegistro(raiz: string, notaId: string): Registro | undefined {
  const ruta = rutaRegistro(raiz, notaId);
  let texto: string;
  try {
    texto = readFileSync(ruta, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  return analizarRegistro(texto, relativa(raiz, ruta));
}

/** Every record in the repository (content/publicaciones/AAAA/MM/*.json), by note id. Files at the top (agenda.json) are not records. */
export function leerRegistros(raiz: string): Map<string, Registro> {
  const base = rutas(raiz).publicaciones;
  const salida = new Map<string, Registro>();
  if (!existsSync(base)) return salida;
  const visitar = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visitar(p);
      else if (dir !== base && e.isFile() && e.name.endsWith(".json") && !e.name.startsWith(".")) {
        const registro = analizarRegistro(readFileSync(p, "utf8"), relativa(raiz, p));
        salida.set(registro.notaId, registro);
      }
    }
  };
  visitar(base);
  return salida;
}

/** Serializes a record in a stable form (schema key order, 2 spaces, final newline) for readable diffs. */
export function serializarRegistro(registro: Registro): string {
  return `${JSON.stringify(registroSchema.parse(registro), null, 2)}\n`;
}

/** Writes a record atomically (temp file + rename) after validating it. Returns the file path. */
export function escribirRegistro(raiz: string, registro: Registro): string {
  const ruta = rutaRegistro(raiz, registro.notaId);
  escribirAtomico(ruta, serializarRegistro(registro));
  return ruta;
}

/** A new empty record for a note. */
export function registroNuevo(datos: {
  notaId: string;
  archivo: string;
  titulo: string;
  dependencia: string;
  enlace?: string;
}): Registro {
  return { esquema: VERSION_ESQUEMA_REGISTRO, ...datos, redes: {}, compartidos: [] };
}
