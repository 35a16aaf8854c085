import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { availableParallelism } from "node:os";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import { cargarInstitucion } from "../content/institucion.ts";
import { cargarNotas, listarArchivosNotas, type Nota } from "../content/notas.ts";
import { crearEsquemaNota } from "../content/schema/nota.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { relativa, rutas } from "../content/paths.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import { ErrorUso } from "../cli/comando.ts";
import { crearDocumento, reiniciarPresupuestoAnalisis, type Documento } from "./documento.ts";
import { hallazgosDeProblemas } from "./esquema.ts";
import { revisarPrivacidad } from "./privacidad.ts";
import { revisarLenguaje } from "./lenguaje.ts";
import { revisarCanales } from "./canal.ts";
import { revisarAccesibilidad } from "./accesibilidad.ts";
import { revisarSeguridad } from "./seguridad.ts";
import { revisarArchivos } from "./archivos.ts";
import { familiaPosible, notaParcial } from "./parcial.ts";
import { revisarEnlaces, sitioConocido } from "./enlaces.ts";
import { leerEnRevision, revisarErratas, versionAnterior } from "./erratas.ts";
import type { ContextoNota, Familia, Hallazgo, Revision } from "./tipos.ts";
import { esInforme, listarInformes, revisarInformes } from "./informes.ts";

/** The families that look at one note, in report order. */
export const REVISIONES: [Familia, Revision][] = [
  ["seguridad", revisarSeguridad],
  ["seguridad", revisarArchivos],
  ["privacidad", revisarPrivacidad],
  ["accesibilidad", revisarAccesibilidad],
  ["canal", revisarCanales],
  ["enlaces", revisarEnlaces],
  ["lenguaje", revisarLenguaje],
];

export interface OpcionesValidar {
  /** Repository root. */
  raiz: string;
  /** Files or folders to check (absolute); all notes when absent. */
  rutas?: string[];
  /** Git revision to compare with for erratas/*. */
  base?: string;
  /** "Now" (PRENSA_AHORA in tests and CI). */
  ahora: Date;
  /** Split large runs across worker threads (default true; workers themselves run with false). */
  paralelo?: boolean;
  /** Files from which a run is split across threads (tests lower it). */
  minimoParalelo?: number;
}

/** Below this many files a run stays in one thread (starting workers costs more than it saves). */
export const MINIMO_PARALELO = 400;

export interface ResultadoValidar {
  hallazgos: Hallazgo[];
  /** Files read. */
  archivos: number;
  /** Notes checked: valid ones and those whose body was checked despite a broken frontmatter. */
  notas: number;
}

const ID_DE_RUTA = /(\d{4})\/(\d{2})\/([a-z0-9-]+)\.mdx$/;

/** Expands the paths given on the command line into note files. */
export function expandirRutas(rutasDadas: string[]): string[] {
  const salida = new Set<string>();
  for (const r of rutasDadas) {
    if (!existsSync(r)) throw new ErrorUso(`no existe el archivo o carpeta «${r}»`);
    if (statSync(r).isDirectory()) for (const a of listarArchivosNotas(r)) salida.add(a);
    else if (/\.mdx?$/i.test(r)) salida.add(path.resolve(r));
  }
  return [...salida].sort();
}

/** Findings of one rule kept per file; the rest are summarized (a hostile file cannot flood the output). */
export const MAX_POR_REGLA = 25;

function limitar(hallazgos: Hallazgo[]): Hallazgo[] {
  const porRegla = new Map<string, number>();
  const salida: Hallazgo[] = [];
  for (const h of hallazgos) {
    const n = (porRegla.get(h.regla) ?? 0) + 1;
    porRegla.set(h.regla, n);
    if (n <= MAX_POR_REGLA) salida.push(h);
  }
  for (const [regla, n] of porRegla) {
    if (n <= MAX_POR_REGLA) continue;
    const ultimo = salida.findLast((h) => h.regla === regla)!;
    salida.push({
      ...ultimo,
      mensaje: `y ${n - MAX_POR_REGLA} hallazgos más de la regla ${regla} en este archivo`,
      arreglo: undefined,
    });
  }
  return salida;
}

/** A note that made a check fail (for example, nesting too deep): a finding, never a crash. */
function noProcesable(archivo: string, e: unknown, familia?: Familia): Hallazgo {
  const causa = e instanceof RangeError ? "tiene una estructura demasiado anidada" : "no se pudo analizar";
  return {
    archivo,
    linea: 1,
    columna: 1,
    regla: "esquema/no-procesable",
    severidad: "error",
    mensaje: `el archivo ${causa}${familia ? ` (revisión de ${familia})` : ""}`,
    arreglo: "simplifique el contenido (listas y citas con menos niveles, párrafos más cortos)",
  };
}

const orden = (a: Hallazgo, b: Hallazgo) =>
  a.archivo.localeCompare(b.archivo) || a.linea - b.linea || a.columna - b.columna || a.regla.localeCompare(b.regla);

/**
 * Runs every rule family over the notes (or the given paths) and returns the findings, sorted
 * by file and line. Reads each file once; a bad config becomes an esquema/configuracion finding.
 */
export function validar(op: OpcionesValidar): ResultadoValidar {
  const r = rutas(op.raiz);
  reiniciarPresupuestoAnalisis();
  let institucion: Institucion;
  try {
    institucion = cargarInstitucion(r.raiz);
  } catch (e) {
    if (!(e instanceof ErrorConvergente)) throw e;
    const problemas = e.problemas.length ? e.problemas : [{ archivo: relativa(r.raiz, r.config), mensaje: e.message }];
    return {
      hallazgos: problemas.map((p) => ({
        archivo: p.archivo,
        linea: p.linea ?? 1,
        columna: p.columna ?? 1,
        regla: "esquema/configuracion",
        severidad: "error",
        mensaje: p.campo ? `campo «${p.campo}»: ${p.mensaje}` : p.mensaje,
        ...(p.arreglo ? { arreglo: p.arreglo } : {}),
      })),
      archivos: 0,
      notas: 0,
    };
  }
  const todos = listarArchivosNotas(r.notas);
  // Monthly reports (content/reportes/AAAA/MM/informe.mdx) have their own rules (checks/informes.ts).
  const dados = op.rutas ? expandirRutas(op.rutas) : todos;
  const informes = op.rutas ? dados.filter(esInforme) : listarInformes(r.raiz);
  const archivos = dados.filter((a) => !esInforme(a));
  const hilos = Math.min(availableParallelism(), 4);
  if (op.paralelo !== false && hilos > 1 && archivos.length >= (op.minimoParalelo ?? MINIMO_PARALELO)) {
    // Check the git reference once, before splitting (a bad reference is a usage error).
    if (op.base) leerEnRevision(r.raiz, op.base, []);
    const paralelo = validarEnParalelo({ ...op, rutas: archivos }, archivos, hilos);
    const deInformes = revisarInformes(r.raiz, institucion, sitioConocido(r.raiz, institucion, []), informes);
    return {
      ...paralelo,
      hallazgos: [...paralelo.hallazgos, ...deInformes].sort(orden),
      archivos: archivos.length + informes.length,
    };
  }
  const { notas, problemas } = cargarNotas(institucion, { raiz: r.raiz, archivos });
  const hallazgos = hallazgosDeProblemas(problemas);

  // With a subset of files, slugs must still be unique across the whole repository.
  if (op.rutas) {
    const porSlug = new Map<string, string[]>();
    for (const a of todos) {
      const slug = path.basename(a).replace(/\.mdx?$/, "");
      porSlug.set(slug, [...(porSlug.get(slug) ?? []), relativa(r.raiz, a)]);
    }
    for (const n of notas) {
      const otro = porSlug.get(n.slug)?.find((a) => a !== n.archivo);
      if (otro)
        hallazgos.push({
          archivo: n.archivo,
          linea: 1,
          columna: 1,
          regla: "esquema/slug-repetido",
          severidad: "error",
          mensaje: `el slug «${n.slug}» ya lo usa ${otro}; cada nota necesita un nombre de archivo único`,
          arreglo: "cambie el nombre del archivo por otro que describa esta nota",
        });
    }
  }

  const ids = todos
    .map((a) => ID_DE_RUTA.exec(a.split(path.sep).join("/")))
    .filter((m) => !!m)
    .map((m) => `${m[1]}/${m[2]}/${m[3]}`);
  const sitio = sitioConocido(r.raiz, institucion, ids);
  const documentos = new Map<Nota, ContextoNota>();
  const revisarNota = (nota: Nota, rotos?: ReadonlySet<string>) => {
    let doc: Documento;
    try {
      doc = crearDocumento(nota);
    } catch (e) {
      hallazgos.push(noProcesable(nota.archivo, e));
      return;
    }
    if (doc.errorMdx) {
      hallazgos.push({
        archivo: nota.archivo,
        linea: doc.errorMdx.linea,
        columna: doc.errorMdx.columna,
        regla: "esquema/mdx-invalido",
        severidad: "error",
        mensaje: `el cuerpo no es MDX válido: ${doc.errorMdx.mensaje}`,
        arreglo: doc.errorMdx.arreglo ?? "corrija la sintaxis; el sitio no se puede construir con este error",
      });
    }
    const ctx: ContextoNota = { nota, institucion, doc, raiz: r.raiz, sitio };
    if (!rotos) documentos.set(nota, ctx);
    for (const [familia, revisar] of REVISIONES) {
      if (rotos && !familiaPosible(familia, rotos)) continue;
      try {
        hallazgos.push(...limitar(revisar(ctx)));
      } catch (e) {
        hallazgos.push(noProcesable(nota.archivo, e, familia));
      }
    }
  };
  for (const nota of notas) revisarNota(nota);

  // A note the loader rejected is still checked with every family that does not need its broken
  // fields, so one run shows the frontmatter errors and the body's findings together.
  const validas = new Set(notas.map((n) => n.archivo));
  const esquema = crearEsquemaNota(institucion);
  let revisadas = 0;
  for (const archivo of new Set(problemas.map((p) => p.archivo))) {
    if (validas.has(archivo)) continue;
    const parcial = notaParcial(path.join(r.raiz, archivo), archivo, esquema);
    if (!parcial) continue;
    revisarNota(parcial.nota, parcial.rotos);
    revisadas++;
  }

  if (op.base) {
    const anteriores = leerEnRevision(
      r.raiz,
      op.base,
      notas.map((n) => n.archivo),
    );
    for (const nota of notas) {
      const texto = anteriores.get(nota.archivo);
      if (texto === undefined) continue;
      const anterior = versionAnterior(texto);
      const ctx = documentos.get(nota);
      if (anterior && ctx) hallazgos.push(...revisarErratas(nota, anterior, op.ahora, ctx.doc, op.base));
    }
  }
  hallazgos.push(...revisarInformes(r.raiz, institucion, sitio, informes));
  return { hallazgos: hallazgos.sort(orden), archivos: archivos.length + informes.length, notas: notas.length + revisadas };
}

/**
 * Splits the files across worker threads (the main thread takes one share) and merges the
 * findings. A share whose worker fails is checked again in the main thread.
 */
function validarEnParalelo(op: OpcionesValidar, archivos: string[], hilos: number): ResultadoValidar {
  const partes: string[][] = Array.from({ length: hilos }, () => []);
  archivos.forEach((a, i) => partes[i % hilos]!.push(a));
  const senal = new Int32Array(new SharedArrayBuffer(4 * hilos));
  const trabajos = partes.slice(1).map((rutasParte, k) => {
    const { port1, port2 } = new MessageChannel();
    const trabajador = new Worker(new URL("./trabajador-validar.ts", import.meta.url), {
      workerData: {
        raiz: op.raiz,
        rutas: rutasParte,
        base: op.base,
        ahora: op.ahora.toISOString(),
        puerto: port2,
        senal,
        indice: k + 1,
      },
      transferList: [port2],
    });
    return { rutasParte, port1, trabajador, indice: k + 1 };
  });
  const propia = validar({ ...op, rutas: partes[0], paralelo: false });
  const hallazgos = [...propia.hallazgos];
  let notas = propia.notas;
  for (const t of trabajos) {
    // Generous limit: a worker only stops answering if it crashed.
    while (Atomics.load(senal, t.indice) === 0) if (Atomics.wait(senal, t.indice, 0, 120_000) === "timed-out") break;
    const mensaje = receiveMessageOnPort(t.port1)?.message as { resultado?: ResultadoValidar; error?: string } | undefined;
    t.port1.close();
    void t.trabajador.terminate();
    const resultado = mensaje?.resultado ?? validar({ ...op, rutas: t.rutasParte, paralelo: false });
    hallazgos.push(...resultado.hallazgos);
    notas += resultado.notas;
  }
  return { hallazgos: hallazgos.sort(orden), archivos: archivos.length, notas };
}
