import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Where the dev server mounts the local backend (decap-server in git mode) and where the CMS
 * config's `local_backend.url` points: same origin, so the editor needs no GitHub login and the
 * browser talks only to localhost (https://decapcms.org/docs/working-with-a-local-git-repository/).
 */
// A file-like path: Astro's dev server redirects paths without a trailing slash (trailingSlash: "always").
export const RUTA_API_LOCAL = "/admin/api-local.json";

type Manejador = (pedido: IncomingMessage, respuesta: ServerResponse, siguiente: (e?: unknown) => void) => void;
interface AppExpress extends Manejador {
  use(...args: unknown[]): void;
  post(...args: unknown[]): void;
}

/** Whether `raiz` is the top of a git work tree (the local backend commits there). */
export function esRepositorioGit(raiz: string): boolean {
  try {
    return execFileSync("git", ["rev-parse", "--show-toplevel"], { cwd: raiz, encoding: "utf8" }).trim().length > 0;
  } catch {
    return false;
  }
}

/**
 * decap-server's git middleware (the same code as `npx decap-server` with MODE=git) for the
 * repository at `raiz`: entries are committed to branches cms/notas/... of that repository and
 * "Publicar" merges them into its current branch. The returned middleware answers RUTA_API_LOCAL.
 */
export async function backendLocal(raiz: string): Promise<Manejador> {
  const requerir = createRequire(import.meta.url);
  const express = requerir("express") as () => AppExpress;
  const decap = requerir("decap-server/dist/middlewares.js") as {
    registerLocalGit: (app: AppExpress, opciones: { logLevel: string }) => Promise<void>;
  };
  // decap-server reads the repository from this variable (its documented setting).
  process.env.GIT_REPO_DIRECTORY = raiz;
  const app = express();
  await decap.registerLocalGit(app, { logLevel: "warn" });
  return (pedido, respuesta, siguiente) => {
    if ((pedido.url ?? "").split("?")[0] !== RUTA_API_LOCAL) return siguiente();
    pedido.url = "/api/v1";
    app(pedido, respuesta, siguiente);
  };
}
