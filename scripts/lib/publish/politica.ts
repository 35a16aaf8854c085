import { ErrorRed } from "../networks/tipos.ts";

/** Bounded retries inside one run for transient network errors. */
export interface PoliticaReintentos {
  /** Calls allowed per (note, network) in one run, the first included. */
  intentos: number;
  /** Base of the exponential backoff, in ms. */
  baseMs: number;
  /** Longest backoff between two calls, in ms. */
  maxMs: number;
  /** If the platform asks to wait longer than this (Retry-After), give up for this run. */
  maxEsperaMs: number;
}

export const POLITICA_POR_OMISION: PoliticaReintentos = { intentos: 4, baseMs: 1000, maxMs: 30_000, maxEsperaMs: 5 * 60_000 };

/**
 * Policy from the environment: PRENSA_INTENTOS (calls per run) and PRENSA_ESPERA_BASE_MS (backoff
 * base), both optional; used to tune CI and by tests to keep runs short.
 */
export function politicaDesde(env: NodeJS.ProcessEnv): PoliticaReintentos {
  const entero = (v: string | undefined, min: number) => {
    const n = Number(v);
    return v !== undefined && v !== "" && Number.isInteger(n) && n >= min ? n : undefined;
  };
  const intentos = entero(env.PRENSA_INTENTOS, 1) ?? POLITICA_POR_OMISION.intentos;
  const baseMs = entero(env.PRENSA_ESPERA_BASE_MS, 0) ?? POLITICA_POR_OMISION.baseMs;
  return {
    ...POLITICA_POR_OMISION,
    intentos,
    baseMs,
    maxMs: Math.max(baseMs, Math.min(POLITICA_POR_OMISION.maxMs, baseMs * 30)),
  };
}

/**
 * A failure that proves the platform did not act on the request (a rate-limit refusal, a
 * connection that never reached it): send again without reconciling. A wait alone proves nothing:
 * a 5xx with Retry-After may come after the post was made, so it is reconciled.
 */
export const noSeProceso = (e: Pick<ErrorRed, "noProcesado" | "codigo">): boolean =>
  e.noProcesado || e.codigo === 429 || e.codigo === "429";

/** A wait longer than the run may spend: the entry moves to the platform's reset instead. */
export const esperaParaOtraCorrida = (e: Pick<ErrorRed, "esperarMs">, politica: PoliticaReintentos): boolean =>
  e.esperarMs !== undefined && e.esperarMs > politica.maxEsperaMs;

/**
 * Milliseconds to wait before call number `fallos + 1` after `fallos` transient failures, or
 * undefined when the run must give up. Honors the platform's wait (esperarMs) when given;
 * otherwise exponential backoff with jitter: base·2^(fallos−1), capped, times a random factor in [0.5, 1).
 */
export function esperaTrasFallo(
  fallos: number,
  error: Pick<ErrorRed, "esperarMs">,
  politica: PoliticaReintentos,
  aleatorio: () => number = Math.random,
): number | undefined {
  if (fallos >= politica.intentos) return undefined;
  if (error.esperarMs !== undefined) {
    if (error.esperarMs > politica.maxEsperaMs) return undefined;
    return Math.ceil(error.esperarMs + Math.min(1000, error.esperarMs * 0.1) * aleatorio());
  }
  const techo = Math.min(politica.maxMs, politica.baseMs * 2 ** (fallos - 1));
  return Math.round(techo * (0.5 + 0.5 * aleatorio()));
}

/** Normalizes anything thrown by an adapter: unknown exceptions count as transient with an unknown outcome. */
export function comoErrorRed(e: unknown): ErrorRed {
  if (e instanceof ErrorRed) return e;
  const posible = e as {
    name?: string;
    tipo?: unknown;
    message?: string;
    esperarMs?: number;
    codigo?: string | number;
    noProcesado?: boolean;
  };
  if (posible?.name === "ErrorRed" && (posible.tipo === "transitorio" || posible.tipo === "permanente"))
    return new ErrorRed(posible.message ?? "error de la red", posible.tipo, {
      esperarMs: posible.esperarMs,
      codigo: posible.codigo,
      noProcesado: posible.noProcesado,
    });
  return new ErrorRed(`error inesperado del adaptador: ${posible?.message ?? String(e)}`, "transitorio");
}
