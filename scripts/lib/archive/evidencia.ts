import { execFileSync } from "node:child_process";
import type { ClienteGithub, Repo } from "../github/cliente.ts";
import { errorGithub, esEstado } from "../github/cliente.ts";

/**
 * Verification evidence of a note: the pull requests that brought each version of the note into
 * the main branch, who approved them and when, the checks that ran, and the request (issue) they
 * close. Read from GitHub (octokit) when there is a token, or from the merge commits of the local
 * git history when offline; the evidence says which.
 */

export interface Aprobacion {
  por: string;
  /** ISO instant; offline it is the merge instant (see `aviso`). */
  fecha: string;
}
export interface Chequeo {
  nombre: string;
  conclusion: string;
  fecha?: string;
}
export interface Verificacion {
  pr: number;
  titulo?: string;
  fusionadoEn?: string;
  fusionadoPor?: string;
  commit?: string;
  aprobaciones: Aprobacion[];
  chequeos: Chequeo[];
  solicitud?: number;
}
export interface EvidenciaNota {
  fuente: "github" | "historia-git-local";
  aviso?: string;
  verificaciones: Verificacion[];
}

export interface SolicitudArchivada {
  numero: number;
  titulo: string;
  cuerpo: string;
  creadaEn?: string;
  creadaPor?: string;
  url?: string;
}

const CIERRE = /\b(?:closes|close|closed|fixes|fix|fixed|resolves|resolve|resolved|cierra|resuelve)\s+#(\d+)/i;
export const solicitudDe = (texto: string | null | undefined): number | undefined => {
  const m = CIERRE.exec(texto ?? "");
  return m ? Number(m[1]) : undefined;
};

const SEP_CAMPO = "\u001f";
const SEP_REG = "\u001e";

/**
 * Offline: the merge commits of the first-parent history that touched the note. GitHub writes
 * "Merge pull request #N from owner/branch"; approvals are read from `Approved-by:` and
 * `Reviewed-by:` trailers (git interpret-trailers) when present. The local history does not keep
 * the approval instant, so the merge instant stands for it and the evidence says so.
 */
export function evidenciaDesdeGit(raiz: string, archivo: string): EvidenciaNota {
  let salida = "";
  try {
    salida = execFileSync(
      "git",
      [
        "log",
        "--first-parent",
        "--merges",
        "--reverse",
        `--format=%H${SEP_CAMPO}%cI${SEP_CAMPO}%cn${SEP_CAMPO}%B${SEP_CAMPO}%(trailers:key=Approved-by,key=Reviewed-by,valueonly,separator=%x1d)${SEP_REG}`,
        "--",
        archivo,
      ],
      { cwd: raiz, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
    );
  } catch {
    return {
      fuente: "historia-git-local",
      aviso: "no hay historia git en esta carpeta: no consta la verificación",
      verificaciones: [],
    };
  }
  const verificaciones: Verificacion[] = [];
  for (const registro of salida.split(SEP_REG)) {
    const [commit, fecha, fusionadoPor, mensaje, remolques] = registro.replace(/^\n/, "").split(SEP_CAMPO);
    if (!commit || !mensaje) continue;
    const pr = /^Merge pull request #(\d+)/m.exec(mensaje);
    if (!pr) continue;
    const aprobaciones = (remolques ?? "")
      .split("\u001d")
      .map((v) => v.trim())
      .filter(Boolean)
      .map((por) => ({ por: por.replace(/\s*<[^>]*>$/, ""), fecha: fecha! }));
    verificaciones.push({
      pr: Number(pr[1]),
      // GitHub's merge message: subject, blank line, pull request title, then any trailers.
      titulo: mensaje
        .split(/\n\s*\n/)
        .slice(1)
        .find((t) => t.trim() && !CIERRE.test(t) && !/^[A-Z][A-Za-z-]*-by: /m.test(t))
        ?.trim(),
      fusionadoEn: fecha,
      fusionadoPor,
      commit,
      aprobaciones,
      chequeos: [],
      solicitud: solicitudDe(mensaje),
    });
  }
  return {
    fuente: "historia-git-local",
    aviso:
      "leída sin conexión de los commits de fusión de la historia git local: la hora de aprobación es la de la fusión, los chequeos no constan y el aprobador solo consta si el commit trae Approved-by o Reviewed-by",
    verificaciones,
  };
}

/** Online: commits of the note → their merged pull requests → reviews and check runs (GitHub REST). */
export async function evidenciaDesdeGithub(
  gh: ClienteGithub,
  repo: Repo,
  rama: string,
  archivo: string,
  env: NodeJS.ProcessEnv,
): Promise<EvidenciaNota> {
  try {
    // https://docs.github.com/rest/commits/commits#list-commits
    const commits = await gh.paginate(gh.rest.repos.listCommits, { ...repo, sha: rama, path: archivo, per_page: 100 });
    const numeros: number[] = [];
    for (const c of [...commits].reverse()) {
      // https://docs.github.com/rest/commits/commits#list-pull-requests-associated-with-a-commit
      const prs = (await gh.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: c.sha })).data;
      for (const p of prs) if (p.merged_at && !numeros.includes(p.number)) numeros.push(p.number);
    }
    const verificaciones: Verificacion[] = [];
    for (const numero of numeros) {
      const pr = (await gh.rest.pulls.get({ ...repo, pull_number: numero })).data;
      // https://docs.github.com/rest/pulls/reviews#list-reviews-for-a-pull-request
      const revisiones = await gh.paginate(gh.rest.pulls.listReviews, { ...repo, pull_number: numero, per_page: 100 });
      // https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference
      const chequeos = (await gh.rest.checks.listForRef({ ...repo, ref: pr.head.sha, per_page: 100 })).data.check_runs;
      verificaciones.push({
        pr: numero,
        titulo: pr.title,
        fusionadoEn: pr.merged_at ?? undefined,
        fusionadoPor: pr.merged_by?.login,
        commit: pr.merge_commit_sha ?? undefined,
        aprobaciones: revisiones
          .filter((r) => r.state === "APPROVED" && r.user)
          .map((r) => ({ por: r.user!.login, fecha: r.submitted_at ?? "" })),
        chequeos: chequeos.map((c) => ({
          nombre: c.name,
          conclusion: c.conclusion ?? c.status,
          fecha: c.completed_at ?? undefined,
        })),
        solicitud: solicitudDe(pr.body),
      });
    }
    return { fuente: "github", verificaciones };
  } catch (e) {
    throw errorGithub(e, `leer la verificación de ${archivo}`, env);
  }
}

/** The request issue, or undefined when it does not exist. */
export async function solicitudDesdeGithub(
  gh: ClienteGithub,
  repo: Repo,
  numero: number,
  env: NodeJS.ProcessEnv,
): Promise<SolicitudArchivada | undefined> {
  try {
    const i = (await gh.rest.issues.get({ ...repo, issue_number: numero })).data;
    return {
      numero,
      titulo: i.title,
      cuerpo: i.body ?? "",
      creadaEn: (i as { created_at?: string }).created_at,
      creadaPor: i.user?.login,
      url: i.html_url,
    };
  } catch (e) {
    if (esEstado(e, 404)) return undefined;
    throw errorGithub(e, `leer la solicitud #${numero}`, env);
  }
}
