import { spawnSync } from "node:child_process";
import { ErrorUso } from "../cli/comando.ts";
import { leerFrontmatter } from "../content/frontmatter.ts";
import { parseFechaPublicacion } from "../content/time.ts";
import type { Nota } from "../content/notas.ts";
import type { Hallazgo } from "./tipos.ts";
import type { Documento } from "./documento.ts";

/** The parts of a note at the base revision that matter for corrections. */
export interface VersionAnterior {
  titulo?: string;
  resumen?: string;
  cuerpo: string;
  publicar?: Date;
  borrador: boolean;
  correcciones: number;
}

const normalizar = (t: string | undefined) => (t ?? "").replace(/\s+/g, " ").trim();

/** Reads the fields of a note text from the base revision; undefined when it cannot be read. */
export function versionAnterior(texto: string): VersionAnterior | undefined {
  try {
    const fm = leerFrontmatter(texto);
    const d = fm.datos;
    const publicar = typeof d.publicar === "string" || d.publicar instanceof Date ? parseFechaPublicacion(d.publicar) : undefined;
    return {
      titulo: typeof d.titulo === "string" ? d.titulo : undefined,
      resumen: typeof d.resumen === "string" ? d.resumen : undefined,
      cuerpo: fm.cuerpo,
      publicar,
      borrador: d.borrador === true,
      correcciones: Array.isArray(d.correcciones) ? d.correcciones.length : 0,
    };
  } catch {
    return undefined;
  }
}

/**
 * erratas/*: a note that was already public at the base revision and whose title, summary or body
 * changed must carry a new entry in `correcciones` (fe de erratas). Pure decision.
 */
export function revisarErratas(nota: Nota, anterior: VersionAnterior, ahora: Date, doc: Documento, ref: string): Hallazgo[] {
  if (anterior.borrador || !anterior.publicar || anterior.publicar.getTime() > ahora.getTime()) return [];
  const hallazgos: Hallazgo[] = [];
  const actuales = nota.datos.correcciones.length;
  if (actuales < anterior.correcciones) {
    hallazgos.push({
      archivo: nota.archivo,
      ...doc.campo(["correcciones"]),
      regla: "erratas/correccion-borrada",
      severidad: "error",
      mensaje: `la nota tenía ${anterior.correcciones} correcciones en ${ref} y ahora tiene ${actuales}; una fe de erratas publicada no se borra`,
      arreglo: "restaure las correcciones anteriores y agregue las nuevas al final",
    });
    return hallazgos;
  }
  if (actuales > anterior.correcciones) return hallazgos;
  const cambios: { campo: string; ruta: (string | number)[] | undefined }[] = [];
  if (normalizar(anterior.titulo) !== normalizar(nota.datos.titulo)) cambios.push({ campo: "el título", ruta: ["titulo"] });
  if (normalizar(anterior.resumen) !== normalizar(nota.datos.resumen)) cambios.push({ campo: "el resumen", ruta: ["resumen"] });
  if (normalizar(anterior.cuerpo) !== normalizar(nota.cuerpo)) cambios.push({ campo: "el cuerpo", ruta: undefined });
  if (!cambios.length) return hallazgos;
  const primero = cambios[0]!;
  const pos = primero.ruta ? doc.campo(primero.ruta) : { linea: nota.lineaCuerpo, columna: 1 };
  hallazgos.push({
    archivo: nota.archivo,
    ...pos,
    regla: "erratas/sin-correccion",
    severidad: "error",
    mensaje: `la nota ya estaba publicada en ${ref} y cambió ${cambios.map((c) => c.campo).join(", ")} sin una nueva entrada en «correcciones»`,
    arreglo:
      'agregue al final de correcciones: - fecha: "AAAA-MM-DDTHH:MM:00-05:00" y descripcion: "qué decía y qué dice ahora"; si solo corrigió una tilde o un espacio, hágalo también explícito',
  });
  return hallazgos;
}

function git(raiz: string, args: string[], entrada?: string) {
  return spawnSync("git", ["-C", raiz, ...args], { input: entrada, maxBuffer: 1 << 30 });
}

/**
 * Texts of the given files (paths relative to raiz) at a git revision, read with one
 * `git cat-file --batch` process. Missing files map to undefined.
 */
export function leerEnRevision(raiz: string, ref: string, archivos: string[]): Map<string, string | undefined> {
  const verificacion = git(raiz, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  if (verificacion.error) throw new ErrorUso("no se pudo ejecutar git; instálelo para usar --base");
  if (verificacion.status !== 0)
    throw new ErrorUso(`la referencia de git «${ref}» no existe (use por ejemplo --base origin/main)`);
  const prefijo = git(raiz, ["rev-parse", "--show-prefix"]).stdout.toString("utf8").trim();
  const salida = new Map<string, string | undefined>();
  if (!archivos.length) return salida;
  const lote = git(raiz, ["cat-file", "--batch"], archivos.map((a) => `${ref}:${prefijo}${a}\n`).join(""));
  const buf = lote.stdout;
  let pos = 0;
  for (const a of archivos) {
    const finCabecera = buf.indexOf(10, pos);
    if (finCabecera < 0) break;
    const cabecera = buf.subarray(pos, finCabecera).toString("utf8");
    pos = finCabecera + 1;
    const m = /^\S+ (\S+) (\d+)$/.exec(cabecera);
    if (!m) {
      salida.set(a, undefined);
      continue;
    }
    const largo = Number(m[2]);
    const contenido = buf.subarray(pos, pos + largo);
    pos += largo + 1;
    if (m[1] !== "blob") {
      salida.set(a, undefined);
      continue;
    }
    try {
      salida.set(a, new TextDecoder("utf-8", { fatal: true }).decode(contenido));
    } catch {
      salida.set(a, undefined);
    }
  }
  return salida;
}
