import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { errorGithub, esEstado, type ClienteGithub, type Repo } from "../github/cliente.ts";

/**
 * Attaches a period's package to the GitHub Release tagged `archivo-AAAA-MM`: looked up by tag
 * first, created only when missing, otherwise updated (notes and assets replaced), so re-running
 * never makes a second release for the same period.
 * Contract: https://docs.github.com/rest/releases/releases and https://docs.github.com/rest/releases/assets
 */

export interface Publicacion {
  accion: "creada" | "actualizada";
  id: number;
  url: string;
  tag: string;
  suma: string;
}

/** A deterministic .tar.gz of the bag folder (GNU tar: sorted names, fixed owner and time). */
export function empaquetar(bolsa: string, destino: string, fecha: string): void {
  rmSync(destino, { force: true });
  execFileSync(
    "tar",
    [
      "--sort=name",
      `--mtime=${fecha}T00:00:00Z`,
      "--owner=0",
      "--group=0",
      "--numeric-owner",
      "-czf",
      destino,
      "-C",
      path.dirname(bolsa),
      path.basename(bolsa),
    ],
    { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, GZIP: "-n" } },
  );
}

export function notasRelease(periodo: string, archivo: string, suma: string, tagmanifiesto: string): string {
  return [
    `Expediente electrónico de la Oficina de Prensa y Comunicaciones, periodo ${periodo}.`,
    "",
    "Bolsa BagIt (RFC 8493) con índice electrónico y FUID. Verifíquela con `prensa archivo verificar` (ver docs/archivo.md).",
    "",
    "Suma de verificación del paquete (SHA-512):",
    "```",
    `${suma}  ${archivo}`,
    "```",
    "",
    "Suma de los archivos de etiqueta de la bolsa (tagmanifest-sha512.txt):",
    "```",
    tagmanifiesto.trim(),
    "```",
  ].join("\n");
}

export async function publicarEnRelease(
  gh: ClienteGithub,
  repo: Repo,
  opciones: { periodo: string; paquete: string; tagmanifiesto: string; rama: string },
  env: NodeJS.ProcessEnv,
): Promise<Publicacion> {
  const tag = `archivo-${opciones.periodo}`;
  const datos = readFileSync(opciones.paquete);
  const nombre = path.basename(opciones.paquete);
  const suma = createHash("sha512").update(datos).digest("hex");
  const body = notasRelease(opciones.periodo, nombre, suma, opciones.tagmanifiesto);
  const name = `Archivo ${opciones.periodo}`;
  try {
    let release;
    let accion: Publicacion["accion"] = "actualizada";
    try {
      release = (await gh.rest.repos.getReleaseByTag({ ...repo, tag })).data;
    } catch (e) {
      if (!esEstado(e, 404)) throw e;
    }
    if (release) {
      release = (await gh.rest.repos.updateRelease({ ...repo, release_id: release.id, name, body })).data;
    } else {
      accion = "creada";
      release = (
        await gh.rest.repos.createRelease({
          ...repo,
          tag_name: tag,
          target_commitish: opciones.rama,
          name,
          body,
          draft: false,
          prerelease: false,
        })
      ).data;
    }
    const activos = await gh.paginate(gh.rest.repos.listReleaseAssets, { ...repo, release_id: release.id, per_page: 100 });
    for (const a of activos.filter((x) => x.name === nombre)) await gh.rest.repos.deleteReleaseAsset({ ...repo, asset_id: a.id });
    await gh.request({
      method: "POST",
      url: release.upload_url,
      name: nombre,
      data: datos,
      headers: { "content-type": "application/gzip", "content-length": datos.byteLength },
    });
    return { accion, id: release.id, url: release.html_url, tag, suma };
  } catch (e) {
    throw errorGithub(e, `publicar el paquete en la release ${tag}`, env);
  }
}
