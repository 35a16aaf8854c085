import { Octokit, RequestError } from "octokit";
import type { Institucion } from "../content/schema/institucion.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { ocultarSecretos } from "../cli/secretos.ts";

/** The octokit client type used across scripts/lib/github and scripts/lib/requests. */
export type ClienteGithub = InstanceType<typeof Octokit>;

/** An "owner/name" repository, split. */
export interface Repo {
  owner: string;
  repo: string;
}

/**
 * Login of the bot behind the workflow token (GITHUB_TOKEN), the only author whose marker
 * comments this tool trusts and edits. Any other user or bot can write the same hidden marker.
 * https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication
 */
export const LOGIN_BOT = "github-actions[bot]";

/** True when a comment's author is this tool's own bot (login and type both match). */
export const esDelBot = (usuario: { login?: string; type?: string } | null | undefined): boolean =>
  usuario?.login === LOGIN_BOT && usuario.type === "Bot";

/** Retries on rate limits allowed per request before giving up. */
const REINTENTOS_LIMITE = 2;

/**
 * Builds the octokit client. `Octokit` from the "octokit" package already carries the throttling
 * and retry plugins; we only bound how often a rate-limited request is retried.
 * - Token: GITHUB_TOKEN (the workflow token in Actions, a personal token locally).
 * - API URL: PRENSA_URL_GITHUB (tests point it at a local emulator), else GITHUB_API_URL, else api.github.com.
 */
export function crearCliente(env: NodeJS.ProcessEnv, opciones: { requiereToken?: boolean } = {}): ClienteGithub {
  const token = env.GITHUB_TOKEN;
  if (!token && opciones.requiereToken !== false) {
    throw new ErrorConvergente("Falta la variable de entorno GITHUB_TOKEN.", [
      {
        archivo: "(entorno)",
        mensaje: "no hay token de GitHub",
        arreglo:
          "en GitHub Actions pase `GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}` en `env:`; en su equipo cree un token de acceso (ver docs/guia-administrador.md)",
      },
    ]);
  }
  const baseUrl = (env.PRENSA_URL_GITHUB ?? env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, "");
  const silencio = () => {};
  return new Octokit({
    ...(token ? { auth: token } : {}),
    baseUrl,
    userAgent: "convergente-prensa",
    log: { debug: silencio, info: silencio, warn: silencio, error: silencio },
    throttle: {
      // Tests also turn off the plugin's one-second spacing between writes (the emulator has no limits).
      enabled: !env.PRENSA_GITHUB_SIN_ESPERA,
      onRateLimit: (_espera: number, o: { request: { retryCount: number } }) => o.request.retryCount < REINTENTOS_LIMITE,
      onSecondaryRateLimit: (_espera: number, o: { request: { retryCount: number } }) => o.request.retryCount < REINTENTOS_LIMITE,
    },
    // Tests set PRENSA_GITHUB_SIN_ESPERA so a 5xx is retried without real back-off.
    ...(env.PRENSA_GITHUB_SIN_ESPERA ? { retry: { retryAfterBaseValue: 1 } } : {}),
  });
}

/** Splits "owner/name"; throws a Spanish error naming the config field otherwise. */
export function separarRepo(valor: string, origen: string): Repo {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(valor.trim());
  if (!m) {
    throw new ErrorConvergente(`El repositorio «${valor}» no es válido.`, [
      { archivo: origen, mensaje: 'debe tener la forma "propietario/repositorio"', arreglo: "corrija el valor" },
    ]);
  }
  return { owner: m[1]!, repo: m[2]! };
}

/**
 * The repository to act on: `github.repositorio` in config/institucion.yaml, else GITHUB_REPOSITORY
 * (set by GitHub Actions).
 */
export function repositorioDe(institucion: Institucion, env: NodeJS.ProcessEnv): Repo {
  if (institucion.github?.repositorio) return separarRepo(institucion.github.repositorio, "config/institucion.yaml");
  if (env.GITHUB_REPOSITORY) return separarRepo(env.GITHUB_REPOSITORY, "GITHUB_REPOSITORY");
  throw new ErrorConvergente("No se sabe en qué repositorio de GitHub trabajar.", [
    {
      archivo: "config/institucion.yaml",
      campo: "github.repositorio",
      mensaje: "falta la sección github",
      arreglo: 'agregue `github: { repositorio: "propietario/repositorio", equipoPrensa: "organizacion/equipo" }`',
    },
  ]);
}

/** Main branch from the config (default "main"). */
export const ramaPrincipalDe = (institucion: Institucion): string => institucion.github?.ramaPrincipal ?? "main";

/** True when an octokit call failed with this HTTP status. */
export function esEstado(e: unknown, estado: number): boolean {
  return e instanceof RequestError && e.status === estado;
}

/** Wraps an API failure in a Spanish error that names the operation; never leaks the token. */
export function errorGithub(e: unknown, operacion: string, env: NodeJS.ProcessEnv): ErrorConvergente {
  if (e instanceof ErrorConvergente) return e;
  const estado = e instanceof RequestError ? e.status : undefined;
  const detalle = ocultarSecretos((e as Error)?.message ?? String(e), env);
  const arreglo =
    estado === 401
      ? "el token no es válido o venció; genere otro"
      : estado === 403
        ? "el token no tiene permiso para esta operación (ver docs/guia-administrador.md)"
        : estado === 404
          ? "revise github.repositorio en config/institucion.yaml y que el token vea el repositorio"
          : "intente de nuevo; si persiste, revise el estado de GitHub";
  return new ErrorConvergente(`GitHub rechazó la operación «${operacion}»${estado ? ` (HTTP ${estado})` : ""}: ${detalle}`, [
    { archivo: "(GitHub)", mensaje: `falló: ${operacion}`, arreglo },
  ]);
}
