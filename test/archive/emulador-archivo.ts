import { z } from "zod";
import type { EmuladorGithub, PeticionExtra } from "../github/emulador.ts";

/**
 * GitHub endpoints the archive reads and writes, added to the shared emulator
 * (test/github/emulador.ts) through its `extensiones` hook. Contracts:
 * - https://docs.github.com/rest/commits/commits#list-commits (?path=&sha=)
 * - https://docs.github.com/rest/commits/commits#list-pull-requests-associated-with-a-commit
 * - https://docs.github.com/rest/pulls/reviews#list-reviews-for-a-pull-request
 * - https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference
 * - https://docs.github.com/rest/releases/releases (get by tag, create, update)
 * - https://docs.github.com/rest/releases/assets (list, delete, upload to upload_url)
 */

export interface Revision {
  login: string;
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED";
  submitted_at: string;
}
export interface Release {
  id: number;
  tag_name: string;
  target_commitish: string;
  name: string;
  body: string;
  activos: { id: number; name: string; size: number; bytes: Buffer }[];
}

const CONTRATOS = {
  crearRelease: z
    .object({
      tag_name: z.string().regex(/^archivo-\d{4}(-\d{2})?$/),
      target_commitish: z.string().min(1),
      name: z.string().min(1),
      body: z.string().max(125000),
      draft: z.boolean(),
      prerelease: z.boolean(),
    })
    .strict(),
  actualizarRelease: z.object({ name: z.string().min(1), body: z.string().max(125000) }).strict(),
};

export class ExtensionArchivo {
  /** Note path → commits that touched it (newest first, as GitHub lists them). */
  commitsDeArchivo = new Map<string, { sha: string; fecha: string }[]>();
  /** Commit sha → pull requests associated with it. */
  pullsDeCommit = new Map<string, { number: number; merged_at: string | null }[]>();
  revisiones = new Map<number, Revision[]>();
  chequeos = new Map<string, { name: string; status: string; conclusion: string; completed_at: string }[]>();
  releases: Release[] = [];
  /** Body validation failures. */
  invalidas: string[] = [];
  /** Base URL of the running emulator (for upload_url); set after iniciar(). */
  base = "";

  private readonly emu: EmuladorGithub;

  constructor(emu: EmuladorGithub) {
    this.emu = emu;
    emu.extensiones.push((p) => this.atender(p));
  }

  private atender({ metodo, ruta, url, cuerpo, crudo, responder }: PeticionExtra): boolean {
    const p = this.emu.prefijo;
    if (!ruta.startsWith(p)) return false;
    const resto = ruta.slice(p.length);
    const base = this.base;
    let r: RegExpExecArray | null;
    const validar = <T>(esquema: z.ZodType<T>): T | undefined => {
      const v = esquema.safeParse(cuerpo);
      if (v.success) return v.data;
      this.invalidas.push(`${metodo} ${resto}: ${v.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
      responder(422, { message: "Validation Failed" });
      return undefined;
    };
    const releaseJson = (x: Release) => ({
      id: x.id,
      tag_name: x.tag_name,
      target_commitish: x.target_commitish,
      name: x.name,
      body: x.body,
      draft: false,
      prerelease: false,
      html_url: `https://github.com/${this.emu.owner}/${this.emu.repo}/releases/tag/${x.tag_name}`,
      upload_url: `${base}${p}/releases/${x.id}/assets{?name,label}`,
      assets: x.activos.map((a) => ({ id: a.id, name: a.name, size: a.size })),
    });

    if (metodo === "GET" && resto === "/commits") {
      const lista = this.commitsDeArchivo.get(url.searchParams.get("path") ?? "") ?? [];
      responder(
        200,
        lista.map((c) => ({ sha: c.sha, commit: { message: "", committer: { date: c.fecha } } })),
      );
      return true;
    }
    if (metodo === "GET" && (r = /^\/commits\/([0-9a-f]{40})\/pulls$/.exec(resto))) {
      responder(200, this.pullsDeCommit.get(r[1]!) ?? []);
      return true;
    }
    if (metodo === "GET" && (r = /^\/pulls\/(\d+)\/reviews$/.exec(resto))) {
      const lista = this.revisiones.get(Number(r[1])) ?? [];
      responder(
        200,
        lista.map((x, i) => ({
          id: i + 1,
          user: { login: x.login, type: "User" },
          state: x.state,
          submitted_at: x.submitted_at,
        })),
      );
      return true;
    }
    if (metodo === "GET" && (r = /^\/commits\/([^/]+)\/check-runs$/.exec(resto))) {
      const lista = this.chequeos.get(r[1]!) ?? [];
      responder(200, { total_count: lista.length, check_runs: lista });
      return true;
    }
    if (metodo === "GET" && (r = /^\/releases\/tags\/(.+)$/.exec(resto))) {
      const x = this.releases.find((y) => y.tag_name === r![1]);
      if (x) responder(200, releaseJson(x));
      else responder(404, { message: "Not Found" });
      return true;
    }
    if (metodo === "POST" && resto === "/releases") {
      const datos = validar(CONTRATOS.crearRelease);
      if (!datos) return true;
      if (this.releases.some((y) => y.tag_name === datos.tag_name)) {
        responder(422, {
          message: "Validation Failed",
          errors: [{ resource: "Release", code: "already_exists", field: "tag_name" }],
        });
        return true;
      }
      const x: Release = { id: this.emu.nuevoId(), ...datos, activos: [] };
      this.releases.push(x);
      responder(201, releaseJson(x));
      return true;
    }
    if (metodo === "PATCH" && (r = /^\/releases\/(\d+)$/.exec(resto))) {
      const x = this.releases.find((y) => y.id === Number(r![1]));
      if (!x) return (responder(404, { message: "Not Found" }), true);
      const datos = validar(CONTRATOS.actualizarRelease);
      if (!datos) return true;
      Object.assign(x, datos);
      responder(200, releaseJson(x));
      return true;
    }
    if (metodo === "GET" && (r = /^\/releases\/(\d+)\/assets$/.exec(resto))) {
      const x = this.releases.find((y) => y.id === Number(r![1]));
      responder(x ? 200 : 404, x ? x.activos.map((a) => ({ id: a.id, name: a.name, size: a.size })) : { message: "Not Found" });
      return true;
    }
    if (metodo === "DELETE" && (r = /^\/releases\/assets\/(\d+)$/.exec(resto))) {
      const x = this.releases.find((y) => y.activos.some((a) => a.id === Number(r![1])));
      if (!x) return (responder(404, { message: "Not Found" }), true);
      x.activos = x.activos.filter((a) => a.id !== Number(r![1]));
      responder(204);
      return true;
    }
    if (metodo === "POST" && (r = /^\/releases\/(\d+)\/assets$/.exec(resto))) {
      const x = this.releases.find((y) => y.id === Number(r![1]));
      const nombre = url.searchParams.get("name");
      if (!x) return (responder(404, { message: "Not Found" }), true);
      // GitHub refuses a second asset with the same name (422 already_exists).
      if (!nombre || x.activos.some((a) => a.name === nombre) || crudo[0] !== 0x1f || crudo[1] !== 0x8b) {
        this.invalidas.push(`POST ${resto}: nombre «${nombre}» repetido o cuerpo que no es gzip`);
        responder(422, { message: "Validation Failed" });
        return true;
      }
      const a = { id: this.emu.nuevoId(), name: nombre, size: crudo.byteLength, bytes: crudo };
      x.activos.push(a);
      responder(201, { id: a.id, name: a.name, size: a.size, state: "uploaded" });
      return true;
    }
    return false;
  }
}
