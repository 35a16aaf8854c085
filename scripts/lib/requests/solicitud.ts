import { ErrorUso, leerArgumentos, SALIDA, type Comando, type Io } from "../cli/comando.ts";
import { cargarInstitucion } from "../content/institucion.ts";
import { rutas } from "../content/paths.ts";
import { ErrorConvergente } from "../content/problems.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import { ahora } from "../content/time.ts";
import {
  crearCliente,
  errorGithub,
  esDelBot,
  esEstado,
  ramaPrincipalDe,
  repositorioDe,
  type ClienteGithub,
  type Repo,
} from "../github/cliente.ts";
import { cargarFormulario, leerSolicitud, type LecturaSolicitud } from "./formulario.ts";
import { cuerpoPullRequest, MARCA_SOLICITUD, notaDesdeSolicitud, type NotaDesdeSolicitud } from "./convertir.ts";

const USO = `Uso: prensa solicitud NUMERO

Convierte la solicitud (issue) NUMERO, creada con el formulario «Solicitud de comunicación», en un
borrador de nota: crea la rama nota/<slug>, escribe content/notas/AAAA/MM/<slug>.mdx, abre una
solicitud de cambios (pull request) en borrador que dice «Closes #NUMERO» y deja el enlace en la
solicitud. Ejecutarlo otra vez no cambia nada.

Variables de entorno: GITHUB_TOKEN (obligatoria), PRENSA_URL_GITHUB (opcional, otra API).`;

/** Validates the NUMERO argument. */
export function numeroSolicitud(valor: string | undefined): number {
  if (!valor || !/^\d+$/.test(valor) || Number(valor) < 1) {
    throw new ErrorUso(`indique el número de la solicitud (por ejemplo: 42)${valor ? `; «${valor}» no es un número` : ""}`);
  }
  return Number(valor);
}

/** Fetches an issue and reads it as a request. */
export async function obtenerSolicitud(
  gh: ClienteGithub,
  repo: Repo,
  numero: number,
  institucion: Institucion,
  raiz: string,
  env: NodeJS.ProcessEnv,
): Promise<LecturaSolicitud> {
  const formulario = cargarFormulario(raiz);
  let issue;
  try {
    issue = (await gh.rest.issues.get({ ...repo, issue_number: numero })).data;
  } catch (e) {
    if (esEstado(e, 404)) {
      throw new ErrorConvergente(`No existe la solicitud #${numero} en ${repo.owner}/${repo.repo}.`, [
        { archivo: `solicitud #${numero}`, mensaje: "no encontrada", arreglo: "revise el número" },
      ]);
    }
    throw errorGithub(e, `leer la solicitud #${numero}`, env);
  }
  if (issue.pull_request) {
    throw new ErrorConvergente(`#${numero} es una solicitud de cambios, no una solicitud de comunicación.`, [
      { archivo: `#${numero}`, mensaje: "no es un issue del formulario", arreglo: "use el número de la solicitud" },
    ]);
  }
  return leerSolicitud(issue, formulario, institucion);
}

/** What `prensa solicitud` did, for the summary and the tests. */
export interface ResultadoSolicitud {
  nota: NotaDesdeSolicitud;
  ramaCreada: boolean;
  archivoCreado: boolean;
  /** numero is absent when the workflow may not open pull requests: url is then the one-click "compare" page. */
  pr: { numero?: number; url: string; creado: boolean; estado: string };
  comentarioCreado: boolean;
}

const codificar = (texto: string) => Buffer.from(texto, "utf8").toString("base64");

/**
 * The existing comment with our marker, if a previous run left it. Only our own bot's comment
 * counts: the marker names the branch to write into, and anyone who can comment on the issue
 * (its author included) could otherwise point the bot at someone else's open pull request.
 */
async function comentarioPrevio(gh: ClienteGithub, repo: Repo, numero: number) {
  const comentarios = await gh.paginate(gh.rest.issues.listComments, { ...repo, issue_number: numero, per_page: 100 });
  return comentarios.find((c) => esDelBot(c.user) && c.body?.includes(MARCA_SOLICITUD));
}

/** Whether a path exists on a ref. */
async function existeArchivo(gh: ClienteGithub, repo: Repo, ruta: string, ref: string): Promise<boolean> {
  try {
    await gh.rest.repos.getContent({ ...repo, path: ruta, ref });
    return true;
  } catch (e) {
    if (esEstado(e, 404)) return false;
    throw e;
  }
}

/**
 * Creates (or finds) the branch, the draft note, the draft pull request and the comment for a
 * request. Idempotent: every step first looks for what a previous run made.
 */
export async function procesarSolicitud(
  gh: ClienteGithub,
  repo: Repo,
  lectura: LecturaSolicitud,
  institucion: Institucion,
  momento: Date,
): Promise<ResultadoSolicitud> {
  const { solicitud, avisos } = lectura;
  const principal = ramaPrincipalDe(institucion);
  const previo = await comentarioPrevio(gh, repo, solicitud.numero);
  let nota = notaDesdeSolicitud(solicitud, institucion, momento);
  const ramaPrevia = previo?.body ? /rama=`?(nota\/[a-z0-9-]+)/.exec(previo.body)?.[1] : undefined;
  const archivoPrevio = previo?.body ? /archivo=`?(content\/notas\/[0-9/a-z-]+\.mdx)/.exec(previo.body)?.[1] : undefined;
  if (ramaPrevia && archivoPrevio) {
    // A previous run chose the branch and path: keep them even if the request was edited since.
    nota = { ...nota, rama: ramaPrevia, archivo: archivoPrevio, slug: ramaPrevia.slice("nota/".length) };
  } else if (await existeArchivo(gh, repo, nota.archivo, principal)) {
    // Another note already uses this name on main: make the name unique with the request number.
    const slug = `${nota.slug}-${solicitud.numero}`;
    nota = { ...nota, slug, rama: `nota/${slug}`, archivo: nota.archivo.replace(/[^/]+\.mdx$/, `${slug}.mdx`) };
  }

  // The pull request: if it exists (open, merged or closed), never recreate anything.
  const prs = await gh.rest.pulls.list({ ...repo, head: `${repo.owner}:${nota.rama}`, state: "all", per_page: 10 });
  const prPrevio = prs.data[0];
  let ramaCreada = false;
  let archivoCreado = false;
  if (!prPrevio || prPrevio.state === "open") {
    try {
      await gh.rest.git.getRef({ ...repo, ref: `heads/${nota.rama}` });
    } catch (e) {
      if (!esEstado(e, 404)) throw e;
      const base = await gh.rest.git.getRef({ ...repo, ref: `heads/${principal}` });
      await gh.rest.git.createRef({ ...repo, ref: `refs/heads/${nota.rama}`, sha: base.data.object.sha });
      ramaCreada = true;
    }
    if (!(await existeArchivo(gh, repo, nota.archivo, nota.rama))) {
      await gh.rest.repos.createOrUpdateFileContents({
        ...repo,
        path: nota.archivo,
        branch: nota.rama,
        message: `Borrador de nota desde la solicitud #${solicitud.numero}`,
        content: codificar(nota.texto),
      });
      archivoCreado = true;
    }
  }
  let pr: ResultadoSolicitud["pr"];
  if (prPrevio) {
    pr = {
      numero: prPrevio.number,
      url: prPrevio.html_url,
      creado: false,
      estado: prPrevio.merged_at ? "fusionada" : prPrevio.state === "open" ? "abierta" : "cerrada",
    };
  } else {
    const cuerpo = cuerpoPullRequest(solicitud, nota, institucion, avisos);
    try {
      const creado = await gh.rest.pulls.create({
        ...repo,
        title: nota.datos.titulo,
        head: nota.rama,
        base: principal,
        body: cuerpo,
        draft: true,
      });
      pr = { numero: creado.data.number, url: creado.data.html_url, creado: true, estado: "abierta" };
    } catch (e) {
      // `prensa configurar` turns off "Allow GitHub Actions to create and approve pull requests"
      // (can_approve_pull_request_reviews: false), so a workflow can never approve a change. Then
      // the workflow token cannot open the pull request either: leave a one-click link instead.
      if (!esEstado(e, 403)) throw e;
      // Browsers and GitHub cut very long addresses: the body is cut to its first 2,000 characters.
      const consulta = new URLSearchParams({ quick_pull: "1", title: nota.datos.titulo, body: cuerpo.slice(0, 2000) });
      const url = `https://github.com/${repo.owner}/${repo.repo}/compare/${encodeURIComponent(principal)}...${encodeURIComponent(nota.rama)}?${consulta}`;
      pr = { url, creado: false, estado: "por abrir" };
    }
  }
  let comentarioCreado = false;
  if (!previo) {
    await gh.rest.issues.createComment({
      ...repo,
      issue_number: solicitud.numero,
      body: [
        MARCA_SOLICITUD,
        `<!-- rama=${nota.rama} archivo=${nota.archivo} -->`,
        pr.numero
          ? `La Oficina de Prensa empezó a redactar la nota de esta solicitud: ${pr.url}`
          : `La Oficina de Prensa empezó a redactar la nota de esta solicitud en la rama \`${nota.rama}\`. Equipo de prensa: abran la solicitud de cambios con un clic aquí: ${pr.url}`,
        "",
        "Cuando la nota se publique, esta solicitud se cerrará sola.",
      ].join("\n"),
    });
    comentarioCreado = true;
  }
  return { nota, ramaCreada, archivoCreado, pr, comentarioCreado };
}

export const comando: Comando = {
  nombre: "solicitud",
  descripcion: "Convierte una solicitud de una dependencia (issue) en un borrador de nota con su pull request",
  uso: USO,
  async ejecutar(args: string[], io: Io): Promise<number> {
    const { positionals } = leerArgumentos(args, {});
    if (positionals.length > 1) throw new ErrorUso("indique un solo número de solicitud");
    const numero = numeroSolicitud(positionals[0]);
    const r = rutas(io.env.PRENSA_RAIZ);
    const institucion = cargarInstitucion(r.raiz);
    const repo = repositorioDe(institucion, io.env);
    const gh = crearCliente(io.env);
    try {
      const lectura = await obtenerSolicitud(gh, repo, numero, institucion, r.raiz, io.env);
      const res = await procesarSolicitud(gh, repo, lectura, institucion, ahora(io.env));
      const cambios = [
        res.ramaCreada ? `rama ${res.nota.rama} creada` : `rama ${res.nota.rama} ya existía`,
        res.archivoCreado ? `nota ${res.nota.archivo} escrita` : `nota ${res.nota.archivo} ya existía`,
        res.pr.creado
          ? `solicitud de cambios #${res.pr.numero} abierta en borrador`
          : res.pr.numero
            ? `solicitud de cambios #${res.pr.numero} ya existía (${res.pr.estado})`
            : "GitHub no deja que los flujos abran solicitudes de cambios (así lo deja prensa configurar): ábrala con el enlace",
        res.comentarioCreado ? `enlace comentado en la solicitud #${numero}` : "la solicitud ya tenía el enlace",
      ];
      io.salida(`Solicitud #${numero}:\n${cambios.map((c) => `- ${c}`).join("\n")}\n${res.pr.url}`);
      for (const a of lectura.avisos) io.error(`Aviso: ${a}`);
      if (res.nota.pendientes.length) {
        io.error(`Datos por corregir en la nota:\n${res.nota.pendientes.map((p) => `- ${p}`).join("\n")}`);
      }
      return SALIDA.ok;
    } catch (e) {
      throw errorGithub(e, `convertir la solicitud #${numero}`, io.env);
    }
  },
};
