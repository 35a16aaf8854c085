import { readFileSync } from "node:fs";
import path from "node:path";
import { errorGithub, esEstado, type ClienteGithub, type Repo } from "../github/cliente.ts";

/**
 * Brings the FUID of a period (content/archivo/AAAA-MM.json and .csv) into the main branch the
 * way every change enters it: a branch `archivo/AAAA-MM` and a pull request the head of press
 * approves. The main branch's rules let only the publishing deploy key push directly, and that key
 * lives in one job of publicar.yml only. Re-running updates the same branch and pull request.
 * Contracts: https://docs.github.com/rest/git/refs, https://docs.github.com/rest/repos/contents,
 * https://docs.github.com/rest/pulls/pulls
 */

export interface Propuesta {
  rama: string;
  archivos: { ruta: string; cambio: "creado" | "actualizado" | "igual" }[];
  pr: { numero?: number; url: string; creado: boolean };
}

export async function proponerInventario(
  gh: ClienteGithub,
  repo: Repo,
  opciones: { raiz: string; periodo: string; principal: string },
  env: NodeJS.ProcessEnv,
): Promise<Propuesta> {
  const rama = `archivo/${opciones.periodo}`;
  const rutas = [`content/archivo/${opciones.periodo}.json`, `content/archivo/${opciones.periodo}.csv`];
  try {
    try {
      await gh.rest.git.getRef({ ...repo, ref: `heads/${rama}` });
    } catch (e) {
      if (!esEstado(e, 404)) throw e;
      const base = await gh.rest.git.getRef({ ...repo, ref: `heads/${opciones.principal}` });
      await gh.rest.git.createRef({ ...repo, ref: `refs/heads/${rama}`, sha: base.data.object.sha });
    }
    const archivos: Propuesta["archivos"] = [];
    for (const ruta of rutas) {
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
        message: `Archivo: FUID de ${opciones.periodo} (${path.extname(ruta).slice(1)})`,
        content: contenido,
        ...(previo ? { sha: previo.sha } : {}),
      });
      archivos.push({ ruta, cambio: previo ? "actualizado" : "creado" });
    }
    const abiertas = await gh.rest.pulls.list({ ...repo, head: `${repo.owner}:${rama}`, state: "open", per_page: 10 });
    const previa = abiertas.data[0];
    if (previa) return { rama, archivos, pr: { numero: previa.number, url: previa.html_url, creado: false } };
    const titulo = `Archivo: FUID de ${opciones.periodo}`;
    const cuerpo = [
      `Inventario documental (FUID) del expediente electrónico de ${opciones.periodo}, armado por el flujo Archivo.`,
      "",
      `El paquete completo está en la release \`archivo-${opciones.periodo}\`. Al fusionar, el FUID queda en content/archivo/ y \`prensa archivo retencion\` lo tiene en cuenta.`,
    ].join("\n");
    try {
      const creado = await gh.rest.pulls.create({
        ...repo,
        title: titulo,
        head: rama,
        base: opciones.principal,
        body: cuerpo,
        draft: false,
      });
      return { rama, archivos, pr: { numero: creado.data.number, url: creado.data.html_url, creado: true } };
    } catch (e) {
      // Without "Allow GitHub Actions to create pull requests", leave a one-click link instead.
      if (!esEstado(e, 403)) throw e;
      const consulta = new URLSearchParams({ quick_pull: "1", title: titulo, body: cuerpo });
      const url = `https://github.com/${repo.owner}/${repo.repo}/compare/${encodeURIComponent(opciones.principal)}...${encodeURIComponent(rama)}?${consulta}`;
      return { rama, archivos, pr: { url, creado: false } };
    }
  } catch (e) {
    throw errorGithub(e, `proponer el FUID de ${opciones.periodo}`, env);
  }
}
