import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { raizCon, type OpcionesRaiz } from "./raiz.ts";

export const git = (cwd: string, ...args: string[]): string =>
  execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

/**
 * A real bare repository as origin, a working clone on `main` (where `prensa` runs) and a second
 * clone that plays "another pusher". The first commit holds the root `raizCon(contenido)` makes
 * (the real config plus the scenario), or nothing without `contenido`.
 */
export function reposConOrigen(contenido?: OpcionesRaiz) {
  const base = mkdtempSync(path.join(tmpdir(), "prensa-git-"));
  const origen = path.join(base, "origen.git");
  const trabajo = path.join(base, "trabajo");
  const otro = path.join(base, "otro");
  git(base, "init", "--quiet", "--bare", "--initial-branch=main", origen);
  git(base, "clone", "--quiet", origen, trabajo);
  git(trabajo, "config", "user.name", "Prueba");
  git(trabajo, "config", "user.email", "prueba@example.org");
  git(trabajo, "checkout", "--quiet", "-b", "main");
  if (contenido) {
    const escenario = raizCon(contenido);
    cpSync(escenario.raiz, trabajo, { recursive: true });
    escenario.borrar();
    git(trabajo, "add", "-A");
    git(trabajo, "commit", "--quiet", "-m", "inicio");
  } else git(trabajo, "commit", "--quiet", "--allow-empty", "-m", "inicio");
  git(trabajo, "push", "--quiet", "origin", "main");
  git(base, "clone", "--quiet", origen, otro);
  git(otro, "config", "user.name", "Otra persona");
  git(otro, "config", "user.email", "otra@example.org");
  return { base, origen, trabajo, otro, borrar: () => rmSync(base, { recursive: true, force: true }) };
}
