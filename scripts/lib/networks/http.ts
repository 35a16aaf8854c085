import { readFile } from "node:fs/promises";
import { ocultarSecretos } from "../cli/secretos.ts";
import { tipoImagen, type TipoImagen } from "../images/formato.ts";
import { ErrorRed, type DetallesErrorRed } from "./tipos.ts";

/**
 * Plumbing every platform client shares, written once: reading wait times from the headers of the
 * six platforms, translating HTTP and transport failures into ErrorRed (with whether the request
 * may have been processed), describing low-level causes, redacting secrets and reading the social
 * image with its media type taken from its bytes. Each adapter keeps only its platform's contract
 * (endpoints, bodies, its table of error codes).
 */

/** Response headers as fetch, twitter-api-v2 (Node's IncomingHttpHeaders) or @atproto/api give them. */
export type Cabeceras = Headers | Record<string, string | string[] | number | undefined> | undefined;

/** One header, case-insensitively; the first value when repeated. */
export function cabecera(cabeceras: Cabeceras, nombre: string): string | undefined {
  if (!cabeceras) return undefined;
  if (cabeceras instanceof Headers) return cabeceras.get(nombre) ?? undefined;
  const clave = nombre.toLowerCase();
  const valor = Object.entries(cabeceras).find(([k]) => k.toLowerCase() === clave)?.[1];
  if (Array.isArray(valor)) return valor[0];
  return valor === undefined ? undefined : String(valor);
}

/** Unix time in seconds (X, Bluesky) or an instant (Mastodon's ISO 8601), as ms from `ahoraMs`; undefined if unreadable. */
function hasta(valor: string | undefined, ahoraMs: number): number | undefined {
  if (valor === undefined || valor.trim() === "") return undefined;
  const texto = valor.trim();
  if (/^\d+(\.\d+)?$/.test(texto)) return Math.max(0, Math.round(Number(texto) * 1000 - ahoraMs));
  const fecha = Date.parse(texto);
  return Number.isNaN(fecha) ? undefined : Math.max(0, fecha - ahoraMs);
}

/** Retry-After (RFC 9110 §10.2.3): delay in seconds or an HTTP-date. */
function esperaRetryAfter(valor: string | undefined, ahoraMs: number): number | undefined {
  if (valor === undefined) return undefined;
  const texto = valor.trim();
  if (/^\d+(\.\d+)?$/.test(texto)) return Math.round(Number(texto) * 1000);
  const fecha = Date.parse(texto);
  return Number.isNaN(fecha) ? undefined : Math.max(0, fecha - ahoraMs);
}

/**
 * Largest `estimated_time_to_regain_access` (minutes) in Graph's usage headers, in ms.
 * X-Business-Use-Case-Usage is {"<id>": [{type, call_count, ..., estimated_time_to_regain_access}]};
 * X-App-Usage and X-Page-Usage are flat objects that may carry the same field
 * (https://developers.facebook.com/docs/graph-api/overview/rate-limiting).
 */
function esperaUsoGraph(cabeceras: Cabeceras): number | undefined {
  let minutos = 0;
  const visitar = (valor: unknown): void => {
    if (Array.isArray(valor)) valor.forEach(visitar);
    else if (typeof valor === "object" && valor !== null) {
      for (const [clave, dato] of Object.entries(valor)) {
        if (clave === "estimated_time_to_regain_access") minutos = Math.max(minutos, Number(dato) || 0);
        else visitar(dato);
      }
    }
  };
  for (const nombre of ["x-business-use-case-usage", "x-app-usage", "x-page-usage", "x-ad-account-usage"]) {
    const crudo = cabecera(cabeceras, nombre);
    if (!crudo) continue;
    try {
      visitar(JSON.parse(crudo));
    } catch {
      // An unreadable usage header just gives no hint.
    }
  }
  return minutos > 0 ? minutos * 60_000 : undefined;
}

/** A reset header counts when its window is spent: its `-remaining` says 0, or is absent. */
function agotado(cabeceras: Cabeceras, restantes: string): boolean {
  const valor = cabecera(cabeceras, restantes);
  return valor === undefined || Number(valor) <= 0;
}

/**
 * Milliseconds to wait before the platform accepts requests again, from every header form the six
 * platforms use (the longest that applies wins, since every spent window must reset):
 * - `Retry-After`, seconds or HTTP-date (all; RFC 9110 §10.2.3);
 * - X: `x-rate-limit-reset` (15-minute window) and the 24-hour limits `x-user-limit-24hour-reset`
 *   and `x-app-limit-24hour-reset`, Unix seconds, when their `-remaining` is 0
 *   (https://docs.x.com/x-api/fundamentals/rate-limits);
 * - Mastodon: `X-RateLimit-Reset`, ISO 8601 (https://docs.joinmastodon.org/api/rate-limits/);
 * - Bluesky: `RateLimit-Reset`, Unix seconds (delta seconds accepted too, as in the IETF draft)
 *   (https://docs.bsky.app/docs/advanced-guides/rate-limits);
 * - Graph: `estimated_time_to_regain_access` in X-App-Usage / X-Business-Use-Case-Usage.
 * Telegram puts its wait in the body (`parameters.retry_after`): see esperaSegundos.
 */
export function esperaDesdeCabeceras(cabeceras: Cabeceras, ahoraMs = Date.now()): number | undefined {
  const esperas: (number | undefined)[] = [esperaRetryAfter(cabecera(cabeceras, "retry-after"), ahoraMs)];
  for (const ventana of ["x-user-limit-24hour", "x-app-limit-24hour", "x-rate-limit", "x-ratelimit"]) {
    if (agotado(cabeceras, `${ventana}-remaining`)) esperas.push(hasta(cabecera(cabeceras, `${ventana}-reset`), ahoraMs));
  }
  const reinicio = cabecera(cabeceras, "ratelimit-reset");
  if (reinicio !== undefined && /^\d+$/.test(reinicio.trim())) {
    const n = Number(reinicio);
    esperas.push(n > 1e9 ? Math.max(0, n * 1000 - ahoraMs) : n * 1000);
  }
  esperas.push(esperaUsoGraph(cabeceras));
  const validas = esperas.filter((e): e is number => e !== undefined);
  return validas.length ? Math.max(...validas) : undefined;
}

/** A wait given in seconds in a body (Telegram's `parameters.retry_after`), in ms. */
export function esperaSegundos(segundos: unknown): number | undefined {
  const n = Number(segundos);
  return segundos !== undefined && segundos !== null && Number.isFinite(n) && n >= 0 ? Math.round(n * 1000) : undefined;
}

/** The errors a low-level failure wraps: its `cause` chain and an AggregateError's `errors`. */
function cadena(error: unknown): unknown[] {
  const vistos: unknown[] = [];
  const pendientes = [error];
  while (pendientes.length && vistos.length < 20) {
    const e = pendientes.shift();
    if (e === undefined || e === null || vistos.includes(e)) continue;
    vistos.push(e);
    if (typeof e === "object") {
      const { cause, errors } = e as { cause?: unknown; errors?: unknown };
      if (cause !== undefined) pendientes.push(cause);
      if (Array.isArray(errors)) pendientes.push(...(errors as unknown[]));
    }
  }
  return vistos;
}

/** The first system error code (ECONNREFUSED, ENOTFOUND...) along the cause chain. */
export function codigoDeCausa(error: unknown): string | undefined {
  for (const e of cadena(error)) {
    const codigo = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
    if (typeof codigo === "string" && codigo) return codigo;
  }
  return undefined;
}

/**
 * "fetch failed: connect ECONNREFUSED 127.0.0.1:9 (ECONNREFUSED)": every message along the cause
 * chain (each once) and the system error code, if any.
 */
export function describirCausa(error: unknown): string {
  const mensajes: string[] = [];
  for (const e of cadena(error)) {
    const mensaje = typeof e === "object" && e !== null ? (e as { message?: unknown }).message : e;
    const texto =
      typeof mensaje === "string"
        ? mensaje.trim()
        : typeof mensaje === "number" || typeof mensaje === "boolean"
          ? String(mensaje)
          : "";
    if (texto && !mensajes.some((m) => m.includes(texto))) mensajes.push(texto);
  }
  const codigo = codigoDeCausa(error);
  const texto = mensajes.join(": ") || "sin detalle";
  return codigo && !mensajes.some((m) => m === codigo) ? `${texto} (${codigo})` : texto;
}

/**
 * System error codes that prove the request never reached the platform: the connection was
 * refused, the name did not resolve, the route or the TLS handshake failed before anything was
 * sent. A reset, a timeout or a cut answer may come after the platform acted, so they are absent.
 */
const NUNCA_LLEGO = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_SSL_WRONG_VERSION_NUMBER",
]);

/** true when the failure proves nothing reached the platform (see NUNCA_LLEGO). */
export function nuncaLlego(error: unknown): boolean {
  const codigo = codigoDeCausa(error);
  return codigo !== undefined && NUNCA_LLEGO.has(codigo);
}

/** true for a request's deadline (AbortSignal.timeout, a library's own timeout). */
export function esPlazoVencido(error: unknown): boolean {
  return cadena(error).some((e) => {
    const nombre = e instanceof Error ? e.name : "";
    return nombre === "TimeoutError" || nombre === "AbortError" || nombre === "MastoTimeoutError";
  });
}

/** Replaces every secret (the environment's, plus the ones given) with "[oculto]". */
export function ocultar(texto: string, env: NodeJS.ProcessEnv, secretos: readonly (string | undefined)[] = []): string {
  let salida = texto;
  for (const s of secretos) if (s && s.length >= 4) salida = salida.split(s).join("[oculto]");
  return ocultarSecretos(salida, env);
}

/** Who is talking, for the messages of one adapter. */
export interface Plataforma {
  /** Name as people read it ("Mastodon"). */
  nombre: string;
  env: NodeJS.ProcessEnv;
  /** Secrets that are not in `env` under a secret-looking name (e.g. a token in the URL path). */
  secretos?: readonly (string | undefined)[];
}

/** An ErrorRed whose message has every secret of the platform removed. */
export function errorRed(p: Plataforma, mensaje: string, tipo: ErrorRed["tipo"], detalles: DetallesErrorRed = {}): ErrorRed {
  return new ErrorRed(ocultar(mensaje, p.env, p.secretos), tipo, detalles);
}

/** The same error with the platform's secrets removed (for errors built before the secrets were known). */
export function limpiar(p: Plataforma, e: ErrorRed): ErrorRed {
  return errorRed(p, e.message, e.tipo, { esperarMs: e.esperarMs, codigo: e.codigo, noProcesado: e.noProcesado });
}

const segundos = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);

/**
 * A request that got no HTTP answer. A deadline: transient, the platform may have acted. A
 * connection that never reached it (NUNCA_LLEGO): transient and certainly not processed. Anything
 * else (reset, cut answer): transient, may have been processed.
 */
export function errorConexion(p: Plataforma, error: unknown, accion: string, timeoutMs?: number): ErrorRed {
  if (error instanceof ErrorRed) return limpiar(p, error);
  if (esPlazoVencido(error)) {
    const plazo = timeoutMs === undefined ? "a tiempo" : `en ${segundos(timeoutMs)}`;
    return errorRed(p, `${p.nombre} no respondió ${plazo} al ${accion}. Se reintentará.`, "transitorio", { codigo: "timeout" });
  }
  const noProcesado = nuncaLlego(error);
  const codigo = codigoDeCausa(error) ?? "red";
  const nada = noProcesado ? " No llegó a enviarse nada." : "";
  return errorRed(p, `No se pudo ${accion} en ${p.nombre}: ${describirCausa(error)}.${nada} Se reintentará.`, "transitorio", {
    codigo,
    noProcesado,
  });
}

/** What an HTTP failure looked like, for the generic status translation. */
export interface FalloHttp {
  estado: number;
  /** The platform's own words (already without secrets, or redacted here). */
  detalle?: string;
  /** Label of the code in the message, e.g. "HTTP 429" or "HTTP 400 InvalidRequest". */
  etiqueta?: string;
  cabeceras?: Cabeceras;
  /** Spanish fix appended to a permanent failure, by status (e.g. 401: which variable to renew). */
  arreglos?: Partial<Record<number, string>>;
  ahoraMs?: number;
}

/**
 * The status classes every REST platform shares (RFC 9110 §15): 429 is a refusal (transient, not
 * processed, with the wait its headers give); 5xx and 408 are transient and may have been
 * processed (a 503's Retry-After is kept as the wait, but the publisher still reconciles); any
 * other 4xx is permanent. Platform-specific codes are decided by each adapter before this.
 */
export function errorHttp(p: Plataforma, f: FalloHttp, accion: string): ErrorRed {
  const etiqueta = f.etiqueta ?? `HTTP ${f.estado}`;
  const dicho = f.detalle ? `: «${f.detalle}»` : "";
  if (f.estado === 429) {
    const esperarMs = esperaDesdeCabeceras(f.cabeceras, f.ahoraMs);
    const cuando = esperarMs === undefined ? "" : ` Pide esperar ${Math.ceil(esperarMs / 1000)} s.`;
    return errorRed(p, `${p.nombre} limitó las solicitudes al ${accion} (${etiqueta})${dicho}.${cuando}`, "transitorio", {
      codigo: 429,
      esperarMs,
      noProcesado: true,
    });
  }
  if (f.estado >= 500 || f.estado === 408) {
    const esperarMs = f.estado === 503 ? esperaDesdeCabeceras(f.cabeceras, f.ahoraMs) : undefined;
    return errorRed(p, `${p.nombre} falló al ${accion} (${etiqueta})${dicho}. Se reintentará.`, "transitorio", {
      codigo: f.estado,
      esperarMs,
    });
  }
  const arreglo = f.arreglos?.[f.estado] ? ` ${f.arreglos[f.estado]}` : "";
  return errorRed(p, `${p.nombre} rechazó ${accion} (${etiqueta})${dicho}.${arreglo}`, "permanente", { codigo: f.estado });
}

/** The social image's bytes and media type, read from the file itself (never from its extension). */
export interface ImagenLeida {
  datos: Uint8Array<ArrayBuffer>;
  tipo: TipoImagen;
  /** File name for multipart uploads. */
  nombre: string;
}

/**
 * Reads the social image for an upload. A missing file or one that is neither PNG nor JPEG is
 * permanent (sending again would not help); the message names the file and the fix.
 */
export async function leerImagen(p: Plataforma, ruta: string): Promise<ImagenLeida> {
  let datos: Uint8Array<ArrayBuffer>;
  try {
    datos = new Uint8Array(await readFile(ruta));
  } catch (error) {
    throw errorRed(
      p,
      `No se pudo leer la imagen social ${ruta} para ${p.nombre}: ${describirCausa(error)}. Genere el sitio (npm run build) antes de publicar.`,
      "permanente",
    );
  }
  const tipo = tipoImagen(datos);
  if (!tipo) {
    throw errorRed(
      p,
      `La imagen social ${ruta} no es PNG ni JPEG (según sus primeros bytes): ${p.nombre} no la aceptaría. Vuelva a generar el sitio.`,
      "permanente",
    );
  }
  return { datos, tipo, nombre: ruta.split(/[\\/]/).pop() || (tipo === "image/png" ? "imagen.png" : "imagen.jpg") };
}

/** A count of requests. */
export interface Contador {
  sumar: () => void;
  total: () => number;
}

/** Counts the HTTP requests of one adapter (the run summary shows them: X charges per request). */
export function contador(): Contador {
  let n = 0;
  return {
    sumar: () => {
      n++;
    },
    total: () => n,
  };
}

/** A fetch that counts its calls and applies a per-request deadline. */
export function fetchContado(base: typeof fetch, cuenta: { sumar(): void }, timeoutMs: number): typeof fetch {
  return (entrada, init) => {
    cuenta.sumar();
    const plazo = AbortSignal.timeout(timeoutMs);
    return base(entrada, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, plazo]) : plazo });
  };
}
