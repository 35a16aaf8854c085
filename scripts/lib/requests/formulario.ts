import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { ErrorConvergente } from "../content/problems.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import { NOMBRE_RED, REDES, type Red } from "../content/schema/redes.ts";
import { parseFechaPublicacion } from "../content/time.ts";

/** Path of the issue form, relative to the repository root. */
export const RUTA_FORMULARIO = ".github/ISSUE_TEMPLATE/solicitud-comunicacion.yml";

/** One field of a GitHub issue form (only what the parser needs). */
const campoFormularioSchema = z.object({
  type: z.enum(["markdown", "input", "textarea", "dropdown", "checkboxes"]),
  id: z.string().optional(),
  attributes: z
    .object({
      label: z.string().optional(),
      options: z.array(z.union([z.string(), z.object({ label: z.string(), required: z.boolean().optional() })])).optional(),
      multiple: z.boolean().optional(),
    })
    .loose(),
  validations: z.object({ required: z.boolean().optional() }).optional(),
});

/** The issue form file (`.github/ISSUE_TEMPLATE/solicitud-comunicacion.yml`). */
export const formularioSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    labels: z.array(z.string()).optional(),
    body: z.array(campoFormularioSchema),
  })
  .loose();

export type Formulario = z.infer<typeof formularioSchema>;
export type CampoFormulario = z.infer<typeof campoFormularioSchema>;

/** Field ids the request parser relies on; the form must define all of them. */
export const CAMPOS = ["dependencia", "titulo", "mensaje", "fecha", "redes", "enlaces", "contacto", "declaracion"] as const;

/** Reads and validates the issue form of a repository root. */
export function cargarFormulario(raiz: string): Formulario {
  const archivo = path.join(raiz, RUTA_FORMULARIO);
  let datos: unknown;
  try {
    datos = parse(readFileSync(archivo, "utf8"));
  } catch (e) {
    throw new ErrorConvergente(`No se pudo leer el formulario de solicitudes (${RUTA_FORMULARIO}).`, [
      { archivo: RUTA_FORMULARIO, mensaje: (e as Error).message, arreglo: "restaure el archivo del repositorio" },
    ]);
  }
  const r = formularioSchema.safeParse(datos);
  if (!r.success) {
    throw new ErrorConvergente("El formulario de solicitudes no tiene la forma esperada.", [
      { archivo: RUTA_FORMULARIO, mensaje: r.error.issues[0]?.message ?? "forma inválida", arreglo: "revise el YAML" },
    ]);
  }
  const ids = new Set(r.data.body.map((c) => c.id));
  const faltan = CAMPOS.filter((c) => !ids.has(c));
  if (faltan.length) {
    throw new ErrorConvergente("Al formulario de solicitudes le faltan campos.", [
      { archivo: RUTA_FORMULARIO, mensaje: `faltan los campos con id: ${faltan.join(", ")}`, arreglo: "restáurelos" },
    ]);
  }
  return r.data;
}

/** A department's request, as read from the issue created with the form. */
export interface Solicitud {
  numero: number;
  /** Department id (from the config). */
  dependencia: string;
  titulo: string;
  mensaje: string;
  /** Desired publication instant, when given and valid. */
  fecha?: Date;
  redes: Red[];
  /** Links and attachments as written (Markdown). */
  enlaces?: string;
  contacto: string;
  /** Whether the personal-data declaration was checked. */
  declaracion: boolean;
  /** GitHub login of whoever filed it. */
  autor?: string;
  /** Public URL of the issue. */
  url?: string;
}

/** Result of reading a request: the request and non-blocking notes in Spanish. */
export interface LecturaSolicitud {
  solicitud: Solicitud;
  avisos: string[];
}

const SIN_RESPUESTA = /^_?No response_?$/i;

/**
 * Splits an issue-form body into its answers by field id. Only "### <label>" lines whose label is
 * one of the form's labels start a section, so a "###" inside the message stays part of it.
 */
export function seccionesDelCuerpo(cuerpo: string, formulario: Formulario): Map<string, string> {
  const porEtiqueta = new Map<string, string>();
  for (const c of formulario.body) if (c.id && c.attributes.label) porEtiqueta.set(c.attributes.label.trim(), c.id);
  const secciones = new Map<string, string>();
  let actual: string | undefined;
  let lineas: string[] = [];
  const cerrar = () => {
    if (actual) secciones.set(actual, lineas.join("\n").trim());
  };
  for (const linea of cuerpo.replace(/\r\n?/g, "\n").split("\n")) {
    const m = /^###\s+(.+?)\s*$/.exec(linea);
    const id = m ? porEtiqueta.get(m[1]!) : undefined;
    if (id) {
      cerrar();
      actual = id;
      lineas = [];
    } else if (actual) {
      lineas.push(linea);
    }
  }
  cerrar();
  for (const [k, v] of secciones) if (SIN_RESPUESTA.test(v)) secciones.set(k, "");
  return secciones;
}

/**
 * Reads the desired date as people write it: "2026-11-20 08:00", "2026-11-20T08:00",
 * "2026-11-20" or "20/11/2026 8:00" (Bogotá time). Undefined when it cannot be read.
 */
export function leerFechaDeseada(texto: string): Date | undefined {
  const t = texto.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(t);
  let partes: [string, string, string, string | undefined, string | undefined] | undefined;
  if (m) partes = [m[1]!, m[2]!, m[3]!, m[4], m[5]];
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(t);
  if (m) partes = [m[3]!, m[2]!.padStart(2, "0"), m[1]!.padStart(2, "0"), m[4], m[5]];
  if (!partes) return undefined;
  const [a, mes, d, h, min] = partes;
  if (h !== undefined && Number(h) > 23) return undefined;
  const iso = h !== undefined ? `${a}-${mes}-${d}T${h.padStart(2, "0")}:${min}:00-05:00` : `${a}-${mes}-${d}`;
  return parseFechaPublicacion(iso);
}

/** Maps a network as shown in the form ("Facebook", "X") to its id. */
function redDesdeNombre(nombre: string): Red | undefined {
  const n = nombre.trim().toLowerCase();
  return REDES.find((r) => r === n || NOMBRE_RED[r].toLowerCase() === n);
}

/**
 * Turns an issue created with the form into a request, checked against the config. Blocking
 * problems (unknown department, missing title or message) throw; the rest become avisos.
 */
export function leerSolicitud(
  issue: { number: number; title: string; body?: string | null; html_url?: string; user?: { login: string } | null },
  formulario: Formulario,
  institucion: Institucion,
): LecturaSolicitud {
  const origen = `solicitud #${issue.number}`;
  const s = seccionesDelCuerpo(issue.body ?? "", formulario);
  const avisos: string[] = [];
  const nombreDep = s.get("dependencia") ?? "";
  const dep = institucion.dependencias.find((d) => d.nombre === nombreDep || d.id === nombreDep);
  const problemas = [];
  if (!dep) {
    problemas.push({
      archivo: origen,
      campo: "dependencia",
      mensaje: nombreDep ? `«${nombreDep}» no es una dependencia configurada` : "no indica la dependencia",
      arreglo: `edite la solicitud y elija una de: ${institucion.dependencias.map((d) => d.nombre).join(", ")}`,
    });
  }
  const titulo = (s.get("titulo") || issue.title.replace(/^\[Solicitud\]\s*/i, "")).trim();
  if (!titulo) problemas.push({ archivo: origen, campo: "titulo", mensaje: "falta el título", arreglo: "edite la solicitud" });
  const mensaje = s.get("mensaje") ?? "";
  if (!mensaje) problemas.push({ archivo: origen, campo: "mensaje", mensaje: "falta el mensaje", arreglo: "edite la solicitud" });
  if (problemas.length) throw new ErrorConvergente(`La ${origen} no se puede convertir en nota.`, problemas);

  const textoFecha = s.get("fecha") ?? "";
  const fecha = textoFecha ? leerFechaDeseada(textoFecha) : undefined;
  if (textoFecha && !fecha) avisos.push(`La fecha «${textoFecha}» no se entiende; la nota queda con la fecha de hoy.`);

  const redes: Red[] = [];
  for (const nombre of (s.get("redes") ?? "").split(",").filter((x) => x.trim())) {
    const red = redDesdeNombre(nombre);
    if (!red) avisos.push(`La red «${nombre.trim()}» no existe; se omitió.`);
    else if (!institucion.redes[red]) avisos.push(`La red ${NOMBRE_RED[red]} no está configurada; se omitió.`);
    else if (!redes.includes(red)) redes.push(red);
  }
  const declaracion = /^\s*-\s*\[[xX]\]/m.test(s.get("declaracion") ?? "");
  if (!declaracion)
    avisos.push("La solicitud no marcó la declaración de datos personales e imágenes: confírmela antes de publicar.");

  return {
    solicitud: {
      numero: issue.number,
      dependencia: dep!.id,
      titulo,
      mensaje,
      ...(fecha ? { fecha } : {}),
      redes,
      ...(s.get("enlaces") ? { enlaces: s.get("enlaces") } : {}),
      contacto: s.get("contacto") ?? "",
      declaracion,
      ...(issue.user?.login ? { autor: issue.user.login } : {}),
      ...(issue.html_url ? { url: issue.html_url } : {}),
    },
    avisos,
  };
}
