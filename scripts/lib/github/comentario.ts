import { execFileSync } from "node:child_process";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { ErrorUso, leerArgumentos, SALIDA, type Comando, type Io } from "../cli/comando.ts";
import { escribirAtomico } from "../content/escribir.ts";
import { cargarInstitucion } from "../content/institucion.ts";
import { cargarNotas } from "../content/notas.ts";
import { rutas } from "../content/paths.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { ahora, isoBogota } from "../content/time.ts";
import { cambiosDeImagenEnRevision } from "../image/revision.ts";
import { crearCliente, errorGithub, esDelBot, repositorioDe, type ClienteGithub, type Repo } from "./cliente.ts";
import {
  accesibilidadRevisionSchema,
  artefactoSchema,
  type AccesibilidadRevision,
  cuerpoComentario,
  hallazgoSchema,
  MARCA_REVISION,
  notaParaRevision,
  type Artefacto,
  type EnlacesRevision,
  type HallazgoRevision,
} from "./revision.ts";

/** Name of the preview artifact uploaded by revision.yml. */
export const ARTEFACTO_VISTA_PREVIA = "vista-previa";

/** Result of keeping the sticky comment. */
export type AccionComentario = "creado" | "actualizado" | "sin-cambios" | "desactualizado";

/**
 * Keeps one comment per pull request: finds the comment of this tool's bot (LOGIN_BOT) carrying
 * the marker and updates it, or creates it. Never creates a second one of its own.
 */
export async function mantenerComentario(
  gh: ClienteGithub,
  repo: Repo,
  numero: number,
  cuerpo: string,
  marca = MARCA_REVISION,
): Promise<{ accion: AccionComentario; id: number }> {
  const comentarios = await gh.paginate(gh.rest.issues.listComments, { ...repo, issue_number: numero, per_page: 100 });
  // Only our own bot's comment: another bot (or a person) can copy the marker, and editing theirs would
  // let them choose which comment carries the review.
  const propio = comentarios.find((c) => esDelBot(c.user) && c.body?.startsWith(marca));
  if (propio) {
    if (propio.body === cuerpo) return { accion: "sin-cambios", id: propio.id };
    await gh.rest.issues.updateComment({ ...repo, comment_id: propio.id, body: cuerpo });
    return { accion: "actualizado", id: propio.id };
  }
  const creado = await gh.rest.issues.createComment({ ...repo, issue_number: numero, body: cuerpo });
  return { accion: "creado", id: creado.data.id };
}

/** Files changed between a base ref and HEAD (git diff base...HEAD), relative to the root. */
export function archivosCambiados(raiz: string, base: string): string[] {
  try {
    const salida = execFileSync("git", ["diff", "--name-only", "--diff-filter=ACMR", `${base}...HEAD`], {
      cwd: raiz,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return salida.split("\n").filter(Boolean);
  } catch (e) {
    throw new ErrorConvergente(`No se pudo comparar con «${base}».`, [
      {
        archivo: "(git)",
        mensaje: ((e as { stderr?: string }).stderr ?? (e as Error).message).trim().split("\n")[0] ?? "git falló",
        arreglo: "traiga la rama base (actions/checkout con fetch-depth: 0, o git fetch origin main)",
      },
    ]);
  }
}

/** Reads `prensa validar --formato json` output (an array of findings). */
export function leerHallazgos(archivo: string): HallazgoRevision[] {
  let datos: unknown;
  try {
    datos = JSON.parse(readFileSync(archivo, "utf8"));
  } catch (e) {
    throw new ErrorConvergente(`No se pudo leer el archivo de hallazgos ${archivo}.`, [
      { archivo, mensaje: (e as Error).message, arreglo: "genérelo con prensa validar --formato json > archivo" },
    ]);
  }
  const lista = Array.isArray(datos) ? datos : ((datos as { hallazgos?: unknown })?.hallazgos ?? []);
  const r = hallazgoSchema.array().safeParse(lista);
  if (!r.success) {
    throw new ErrorConvergente(`El archivo de hallazgos ${archivo} no tiene la forma esperada.`, [
      { archivo, mensaje: r.error.issues[0]?.message ?? "forma inválida", arreglo: "use prensa validar --formato json" },
    ]);
  }
  return r.data;
}

/**
 * Reads `prensa accesibilidad --salida` output; a missing or malformed file (the preview did not
 * build, axe did not run) gives the reason instead, so the comment still appears without it.
 */
export function leerAccesibilidad(archivo: string): AccesibilidadRevision | string {
  if (!existsSync(archivo))
    return `no hay resultado de accesibilidad en ${archivo} (¿se construyó la vista previa?); el comentario va sin esa sección.`;
  try {
    return accesibilidadRevisionSchema.parse(JSON.parse(readFileSync(archivo, "utf8")));
  } catch {
    return `el resultado de accesibilidad ${archivo} no tiene la forma esperada; el comentario va sin esa sección.`;
  }
}

/** Builds the review artifact for the notes changed against `base` (runs in revision.yml, no token). */
export function prepararArtefacto(
  raiz: string,
  base: string,
  hallazgos: HallazgoRevision[] | undefined,
  contexto: { pr?: number; sha?: string },
): Artefacto {
  const institucion = cargarInstitucion(raiz);
  const cambiados = archivosCambiados(raiz, base);
  const notasCambiadas = cambiados.filter((a) => /^content\/notas\/.+\.mdx$/.test(a));
  const { notas, problemas } = cargarNotas(institucion, { raiz, archivos: notasCambiadas.map((a) => path.join(raiz, a)) });
  const lista: HallazgoRevision[] =
    hallazgos ??
    problemas.map((p) => ({
      archivo: p.archivo,
      linea: p.linea ?? 1,
      columna: p.columna ?? 1,
      regla: "esquema/frontmatter",
      severidad: "error" as const,
      mensaje: p.campo ? `campo «${p.campo}»: ${p.mensaje}` : p.mensaje,
      ...(p.arreglo ? { arreglo: p.arreglo } : {}),
    }));
  const deNotas = new Set(notas.map((n) => n.archivo));
  const enCambios = new Set(cambiados);
  return {
    version: 1,
    ...(contexto.pr ? { pr: contexto.pr } : {}),
    ...(contexto.sha ? { sha: contexto.sha } : {}),
    base,
    validacion: {
      errores: lista.filter((h) => h.severidad === "error").length,
      avisos: lista.filter((h) => h.severidad === "aviso").length,
    },
    notas: notas.map((n) => notaParaRevision(n, institucion, lista)),
    otros: lista.filter((h) => !deNotas.has(h.archivo) && enCambios.has(h.archivo)),
    // Theme or campaign changes: revision.yml puts their before/after in the preview (prensa imagen comparar).
    ...((imagen) => (imagen.length ? { imagen: { cambios: imagen } } : {}))(cambiosDeImagenEnRevision(raiz, base)),
  };
}

/** "Now" for the preview build: late enough that every changed, non-draft note is visible. */
export function fechaVistaPrevia(raiz: string, base: string, env: NodeJS.ProcessEnv): string {
  const institucion = cargarInstitucion(raiz);
  const archivos = archivosCambiados(raiz, base)
    .filter((a) => /^content\/notas\/.+\.mdx$/.test(a))
    .map((a) => path.join(raiz, a));
  const { notas } = cargarNotas(institucion, { raiz, archivos });
  const maximo = Math.max(ahora(env).getTime(), ...notas.map((n) => n.datos.publicar.getTime()));
  return isoBogota(new Date(maximo));
}

/** Reads and validates the artifact written by `--preparar` (untrusted data). */
export function leerArtefacto(archivo: string): Artefacto {
  let datos: unknown;
  try {
    datos = JSON.parse(readFileSync(archivo, "utf8"));
  } catch (e) {
    throw new ErrorConvergente(`No se pudo leer el artefacto de revisión ${archivo}.`, [
      { archivo, mensaje: (e as Error).message, arreglo: "revise que revision.yml haya subido el artefacto «revision»" },
    ]);
  }
  const r = artefactoSchema.safeParse(datos);
  if (!r.success) {
    throw new ErrorConvergente(`El artefacto de revisión ${archivo} no es válido; no se comenta.`, [
      { archivo, campo: r.error.issues[0]?.path.join("."), mensaje: r.error.issues[0]?.message ?? "forma inválida" },
    ]);
  }
  return r.data;
}

/**
 * Posts the sticky comment for a review run. The PR number must belong to the commit the run
 * reviewed (`sha`, from the trusted workflow_run event), so an artifact cannot aim at another PR.
 */
export async function publicarRevision(
  gh: ClienteGithub,
  repo: Repo,
  artefacto: Artefacto,
  opciones: { sha: string; pr?: number; ejecucion?: number; servidor: string },
): Promise<{ accion: AccionComentario; pr: number; nota?: string }> {
  const numero = opciones.pr ?? artefacto.pr;
  if (!numero) {
    throw new ErrorConvergente("No se sabe a qué solicitud de cambios comentar.", [
      { archivo: "(revision.json)", mensaje: "falta el número", arreglo: "pase --pr o genere el artefacto con --pr" },
    ]);
  }
  const pr = await gh.rest.pulls.get({ ...repo, pull_number: numero });
  if (pr.data.head.sha !== opciones.sha) {
    // Usually a newer push (its own review will comment); possibly an artifact aiming at another
    // pull request. Either way nothing is written, and it is not a failure.
    return {
      accion: "desactualizado",
      pr: numero,
      nota: `La solicitud de cambios #${numero} ya no está en el commit revisado (ahora ${pr.data.head.sha.slice(0, 7)}, revisado ${opciones.sha.slice(0, 7)}); no se comenta: la revisión del cambio más reciente comentará.`,
    };
  }
  const enlaces: EnlacesRevision = {};
  if (opciones.ejecucion) {
    const base = `${opciones.servidor}/${repo.owner}/${repo.repo}/actions/runs/${opciones.ejecucion}`;
    enlaces.ejecucion = base;
    const artefactos = await gh.rest.actions.listWorkflowRunArtifacts({ ...repo, run_id: opciones.ejecucion, per_page: 100 });
    const vista = artefactos.data.artifacts.find((x) => x.name === ARTEFACTO_VISTA_PREVIA && !x.expired);
    if (vista) enlaces.vistaPrevia = `${base}/artifacts/${vista.id}`;
  }
  const r = await mantenerComentario(gh, repo, numero, cuerpoComentario(artefacto, enlaces));
  return { accion: r.accion, pr: numero };
}

const USO = `Uso:
  prensa comentar-revision --preparar [--base REF] [--hallazgos ARCHIVO] [--accesibilidad ARCHIVO] [--salida ARCHIVO] [--pr N] [--sha SHA]
  prensa comentar-revision --fecha-vista-previa [--base REF]
  prensa comentar-revision --datos ARCHIVO --sha SHA [--pr N] [--ejecucion ID]

--preparar (en revision.yml, sin token): arma el artefacto revision.json con las notas que cambian
frente a REF (por omisión origin/main): textos por red con su cuenta y límite, legibilidad,
hallazgos de «prensa validar --formato json» (ARCHIVO), mensajes para grupos comunitarios y, con
--accesibilidad, el resultado de «prensa accesibilidad --salida» sobre las páginas que cambian.

--fecha-vista-previa: imprime la fecha «ahora» con la que se construye la vista previa para que
las notas cambiadas se vean aunque estén programadas.

--datos (en comentario-revision.yml, con permiso de escritura): publica o actualiza el único
comentario de revisión en la solicitud de cambios cuyo commit es SHA.

Variables de entorno: GITHUB_TOKEN (para --datos), GITHUB_SERVER_URL (opcional).`;

export const comando: Comando = {
  nombre: "comentar-revision",
  descripcion:
    "Prepara y publica el comentario de revisión de una solicitud de cambios (textos por red, hallazgos, lista de verificación)",
  uso: USO,
  async ejecutar(args: string[], io: Io): Promise<number> {
    const { values } = leerArgumentos(
      args,
      {
        preparar: { type: "boolean" },
        "fecha-vista-previa": { type: "boolean" },
        base: { type: "string" },
        hallazgos: { type: "string" },
        accesibilidad: { type: "string" },
        salida: { type: "string" },
        datos: { type: "string" },
        sha: { type: "string" },
        pr: { type: "string" },
        ejecucion: { type: "string" },
      },
      false,
    );
    const r = rutas(io.env.PRENSA_RAIZ);
    const entero = (v: string | undefined, nombre: string) => {
      if (v === undefined || v === "") return undefined;
      if (!/^\d+$/.test(v)) throw new ErrorUso(`--${nombre} debe ser un número`);
      return Number(v);
    };
    const base = values.base ?? "origin/main";
    const modos = [values.preparar, values["fecha-vista-previa"], values.datos !== undefined].filter(Boolean).length;
    if (modos !== 1) throw new ErrorUso("use exactamente uno de --preparar, --fecha-vista-previa o --datos");
    if (values["fecha-vista-previa"]) {
      io.salida(fechaVistaPrevia(r.raiz, base, io.env));
      return SALIDA.ok;
    }
    if (values.preparar) {
      let hallazgos: HallazgoRevision[] | undefined;
      if (values.hallazgos) {
        try {
          hallazgos = leerHallazgos(path.resolve(io.cwd, values.hallazgos));
        } catch (e) {
          // A crashed validator must not leave the PR without its comment: fall back to the schema problems.
          if (!(e instanceof ErrorConvergente)) throw e;
          io.error(`Aviso: ${e.message}\nSe usan solo los problemas de esquema de las notas.`);
        }
      }
      const pr = entero(values.pr, "pr");
      const artefacto = prepararArtefacto(r.raiz, base, hallazgos, {
        ...(pr ? { pr } : {}),
        ...(values.sha ? { sha: values.sha } : {}),
      });
      if (values.accesibilidad) {
        const ac = leerAccesibilidad(path.resolve(io.cwd, values.accesibilidad));
        if (typeof ac === "string") io.error(`Aviso: ${ac}`);
        else artefacto.accesibilidad = ac;
      }
      const destino = path.resolve(io.cwd, values.salida ?? path.join(r.raiz, "salida/revision/revision.json"));
      escribirAtomico(destino, `${JSON.stringify(artefacto, null, 2)}\n`);
      io.salida(`Artefacto de revisión escrito en ${destino}: ${artefacto.notas.length} nota(s) cambiada(s).`);
      return SALIDA.ok;
    }
    if (!values.sha || !/^[0-9a-f]{7,64}$/i.test(values.sha)) throw new ErrorUso("--sha debe ser el commit revisado");
    const artefacto = leerArtefacto(path.resolve(io.cwd, values.datos!));
    const institucion = cargarInstitucion(r.raiz);
    const repo = repositorioDe(institucion, io.env);
    const gh = crearCliente(io.env);
    const pr = entero(values.pr, "pr");
    const ejecucion = entero(values.ejecucion, "ejecucion");
    try {
      const res = await publicarRevision(gh, repo, artefacto, {
        sha: values.sha,
        ...(pr ? { pr } : {}),
        ...(ejecucion ? { ejecucion } : {}),
        servidor: (io.env.GITHUB_SERVER_URL ?? "https://github.com").replace(/\/+$/, ""),
      });
      if (res.nota) {
        io.salida(res.nota);
        // The job summary shows why this run wrote nothing (https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#adding-a-job-summary).
        if (io.env.GITHUB_STEP_SUMMARY) appendFileSync(io.env.GITHUB_STEP_SUMMARY, `### Comentario de revisión\n\n${res.nota}\n`);
        return SALIDA.ok;
      }
      const texto = { creado: "creado", actualizado: "actualizado", "sin-cambios": "sin cambios", desactualizado: "" }[
        res.accion
      ];
      io.salida(`Comentario de revisión ${texto} en la solicitud de cambios #${res.pr}.`);
      return SALIDA.ok;
    } catch (e) {
      throw errorGithub(e, "comentar la revisión", io.env);
    }
  },
};
