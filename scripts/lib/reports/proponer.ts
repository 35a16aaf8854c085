import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { errorGithub, esEstado, type ClienteGithub, type Repo } from "../github/cliente.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import type { CifrasInforme } from "../content/schema/informe.ts";
import { relativa } from "../content/paths.ts";
import { carpetaDatos, carpetaInforme } from "./informe.ts";
import { tituloInforme } from "./redaccion.ts";

/**
 * Brings a month's report into the main branch the way every change enters it: the branch
 * `informe/AAAA-MM` and a pull request «Informe de <mes> de <año>» assigned to the head of press
 * (config `informes.responsable`), who writes «Conclusiones y compromisos» and approves it.
 * Re-running updates the same branch and pull request (only files that changed are sent).
 * Contracts: https://docs.github.com/rest/git/refs, https://docs.github.com/rest/repos/contents,
 * https://docs.github.com/rest/pulls/pulls, https://docs.github.com/rest/issues/assignees
 */

export interface PropuestaInforme {
  rama: string;
  archivos: { ruta: string; cambio: "creado" | "actualizado" | "igual" }[];
  pr: { numero?: number; url: string; creado: boolean; asignado?: string };
}

export const ramaInforme = (periodo: string): string => `informe/${periodo}`;

/** Reads a file of a branch through the API, or undefined when it (or the branch) does not exist. */
export async function leerDeRama(gh: ClienteGithub, repo: Repo, ruta: string, rama: string): Promise<string | undefined> {
  try {
    const r = (await gh.rest.repos.getContent({ ...repo, path: ruta, ref: rama })).data as { content?: string };
    return Buffer.from((r.content ?? "").replace(/\n/g, ""), "base64").toString("utf8");
  } catch (e) {
    if (esEstado(e, 404)) return undefined;
    throw e;
  }
}

/** The pull request's description: what to check, what is missing, how to finish. */
export function cuerpoPropuesta(periodo: string, cifras: CifrasInforme | undefined, institucion: Institucion): string {
  const carpeta = `content/reportes/${periodo.slice(0, 4)}/${periodo.slice(5, 7)}`;
  const faltan = cifras
    ? Object.entries(cifras.fuentes)
        .filter(([, f]) => !f.disponible)
        .map(([k, f]) => `- ${k}: ${f.nota ?? "no disponible"}`)
    : [];
  return [
    `Informe mensual de ${tituloInforme(periodo).replace(/^Informe de /, "")}, calculado por el flujo «Informe» con \`prensa informe ${periodo}\` a partir de los registros del repositorio.`,
    "",
    "## Qué hacer antes de aprobar",
    "",
    `- [ ] Revisar las cifras: \`${carpeta}/cifras.json\` y las tablas \`.csv\` de la misma carpeta (la definición de cada cifra está en el glosario del informe y en docs/informes.md).`,
    `- [ ] Escribir la sección «Conclusiones y compromisos» en \`${carpeta}/informe.mdx\`. Mientras tenga el texto «Pendiente», \`prensa validar\` falla y la solicitud no se puede fusionar.`,
    "- [ ] Volver a correr el flujo (Actions → Informe → Run workflow, con el periodo) para rehacer el PDF/A con las conclusiones; conserva lo escrito.",
    "- [ ] Aprobar y fusionar: el informe aparece en /informes/ y entra al expediente del mes.",
    ...(faltan.length ? ["", "## Datos no disponibles este mes", "", ...faltan] : []),
    ...(institucion.informes?.responsable
      ? []
      : ["", "Nadie quedó asignado: escriba `informes.responsable` en config/institucion.yaml."]),
  ].join("\n");
}

/** Files of the month's report and data, relative to the root, sorted. */
export function archivosDelInforme(raiz: string, periodo: string): string[] {
  const salida: string[] = [];
  for (const carpeta of [carpetaInforme(raiz, periodo), carpetaDatos(raiz, periodo)])
    if (existsSync(carpeta))
      for (const f of readdirSync(carpeta).sort())
        if (!f.startsWith(".") && (carpeta === carpetaInforme(raiz, periodo) || f === "solicitudes.json"))
          salida.push(relativa(raiz, path.join(carpeta, f)));
  return salida;
}

export async function proponerInforme(
  gh: ClienteGithub,
  repo: Repo,
  opciones: { raiz: string; periodo: string; principal: string; institucion: Institucion; cifras?: CifrasInforme },
  env: NodeJS.ProcessEnv,
): Promise<PropuestaInforme> {
  const rama = ramaInforme(opciones.periodo);
  const titulo = tituloInforme(opciones.periodo);
  try {
    try {
      await gh.rest.git.getRef({ ...repo, ref: `heads/${rama}` });
    } catch (e) {
      if (!esEstado(e, 404)) throw e;
      const base = await gh.rest.git.getRef({ ...repo, ref: `heads/${opciones.principal}` });
      await gh.rest.git.createRef({ ...repo, ref: `refs/heads/${rama}`, sha: base.data.object.sha });
    }
    const archivos: PropuestaInforme["archivos"] = [];
    for (const ruta of archivosDelInforme(opciones.raiz, opciones.periodo)) {
      const contenido = readFileSync(path.join(opciones.raiz, ruta)).toString("base64");
      let previo: { sha: string; content: string } | undefined;
      try {
        const r = (await gh.rest.repos.getContent({ ...repo, path: ruta, ref: rama })).data as { sha: string; content?: string };
        previo = { sha: r.sha, content: (r.content ?? "").replace(/\n/g, "") };
      } catch (e) {
        if (!esEstado(e, 404)) throw e;
      }
      if (previo?.content === contenido) {
        archivos.push({ ruta, cambio: "igual" });
        continue;
      }
      await gh.rest.repos.createOrUpdateFileContents({
        ...repo,
        path: ruta,
        branch: rama,
        message: `${titulo}: ${path.basename(ruta)}`,
        content: contenido,
        ...(previo ? { sha: previo.sha } : {}),
      });
      archivos.push({ ruta, cambio: previo ? "actualizado" : "creado" });
    }
    const cuerpo = cuerpoPropuesta(opciones.periodo, opciones.cifras, opciones.institucion);
    const responsable = opciones.institucion.informes?.responsable;
    const abiertas = await gh.rest.pulls.list({ ...repo, head: `${repo.owner}:${rama}`, state: "open", per_page: 10 });
    let pr = abiertas.data[0] as { number: number; html_url: string; assignees?: { login: string }[] | null } | undefined;
    let creado = false;
    if (!pr) {
      try {
        pr = (
          await gh.rest.pulls.create({ ...repo, title: titulo, head: rama, base: opciones.principal, body: cuerpo, draft: false })
        ).data;
        creado = true;
      } catch (e) {
        // Without "Allow GitHub Actions to create pull requests", leave a one-click link instead.
        if (!esEstado(e, 403)) throw e;
        const consulta = new URLSearchParams({ quick_pull: "1", title: titulo, body: cuerpo });
        const url = `https://github.com/${repo.owner}/${repo.repo}/compare/${encodeURIComponent(opciones.principal)}...${encodeURIComponent(rama)}?${consulta}`;
        return { rama, archivos, pr: { url, creado: false } };
      }
    }
    let asignado: string | undefined;
    if (responsable && !(pr.assignees ?? []).some((a) => a.login === responsable)) {
      await gh.rest.issues.addAssignees({ ...repo, issue_number: pr.number, assignees: [responsable] });
      asignado = responsable;
    }
    return { rama, archivos, pr: { numero: pr.number, url: pr.html_url, creado, ...(asignado ? { asignado } : {}) } };
  } catch (e) {
    throw errorGithub(e, `proponer el informe de ${opciones.periodo}`, env);
  }
}
