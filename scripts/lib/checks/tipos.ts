import type { Institucion } from "../content/schema/institucion.ts";
import type { Nota } from "../content/notas.ts";
import type { Documento } from "./documento.ts";

/** How serious a finding is: an `error` fails `prensa validar` (exit 1); an `aviso` does not. */
export type Severidad = "error" | "aviso";

/** The rule families of `prensa validar`. */
export const FAMILIAS = [
  "esquema",
  "privacidad",
  "lenguaje",
  "canal",
  "accesibilidad",
  "seguridad",
  "erratas",
  "enlaces",
  "informe",
] as const;
export type Familia = (typeof FAMILIAS)[number];

/** One finding of `prensa validar`, as printed in the json format. */
export interface Hallazgo {
  /** Path relative to the repository root, with forward slashes. */
  archivo: string;
  /** 1-based line. */
  linea: number;
  /** 1-based column. */
  columna: number;
  /** "familia/nombre", e.g. "privacidad/cedula". */
  regla: `${Familia}/${string}`;
  severidad: Severidad;
  /** What is wrong, in Spanish. */
  mensaje: string;
  /** How to fix it, in Spanish. */
  arreglo?: string;
}

/** What every rule family receives for one valid note. */
export interface ContextoNota {
  nota: Nota;
  institucion: Institucion;
  doc: Documento;
  /** Repository root. */
  raiz: string;
  /** Site paths that exist (notes and pages), for internal links. */
  sitio: SitioConocido;
}

/** What the site will have, to check internal links without building it. */
export interface SitioConocido {
  /** Note ids "AAAA/MM/slug" of every note in the repository. */
  notas: Set<string>;
  /** Exact static paths ("/buscar/", "/rss.xml"). */
  paginas: Set<string>;
  /** Dynamic routes as regular expressions. */
  patrones: RegExp[];
}

/** A rule family over one note. */
export type Revision = (ctx: ContextoNota) => Hallazgo[];
