import { contador, errorConexion, errorRed, esperaDesdeCabeceras, type Plataforma } from "./http.ts";
import { REGISTRO } from "./index.ts";
import { ErrorRed, type ContextoAdaptador, type PostRemoto, type Reconciliacion } from "./tipos.ts";

/**
 * Shared HTTP helper for Meta's Graph API (Facebook Pages and Instagram professional accounts):
 * one request at a time, Bearer token, per-request timeout, and the mapping of Graph error bodies
 * ({"error":{"message","type","code","error_subcode","fbtrace_id"}}) to ErrorRed.
 */

/** Graph API version every call uses. */
export const VERSION_GRAPH = "v26.0";

/** Default Graph host (Facebook Login flow, for both Pages and Instagram). */
export const BASE_GRAPH = "https://graph.facebook.com";

/** How one platform talks about itself in error messages, and its own codes. */
export interface PerfilGraph {
  red: "facebook" | "instagram";
  /** What kind of token to generate, e.g. "un token de página nuevo". */
  tokenNuevo: string;
  /** Permissions the token needs, named in the fix of permission errors. */
  permisos: string;
  /** The platform's own codes, decided before the shared Graph table (Instagram's publishing codes). */
  propios?: (f: FalloGraph) => ErrorRed | undefined;
}

export interface OpcionesClienteGraph {
  perfil: PerfilGraph;
  /** Base URL without version, e.g. https://graph.facebook.com or a local emulator. */
  base: string;
  token: string;
  /** Environment used to redact secrets from every message. */
  env: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Minimal Graph client: paths are relative to /{version}/ and start without a slash. */
export interface ClienteGraph {
  get(ruta: string, consulta?: Record<string, string>): Promise<Record<string, unknown>>;
  post(ruta: string, campos: Record<string, string> | FormData): Promise<Record<string, unknown>>;
  /** Requests made so far. */
  solicitudes: () => number;
}

/**
 * Graph error codes that are throttling refusals (transient, nothing was done): API Too Many
 * Calls (4), User request limit (17), Page request limit (32), custom rate limit (613) and the
 * business-use-case limits 80000-80014
 * (https://developers.facebook.com/docs/graph-api/overview/rate-limiting,
 * https://developers.facebook.com/docs/graph-api/guides/error-handling).
 */
const LIMITES = new Set([4, 17, 32, 613]);
/** Graph codes documented as temporary ("API Unknown" 1, "API Service" 2), plus Instagram's "media not ready" 9007. */
const TEMPORALES = new Set([1, 2, 9007]);

/** What came back from Graph when a call failed. */
export interface RespuestaFallida {
  status: number;
  encabezados: Headers;
  cuerpo: unknown;
}

interface ErrorCuerpoGraph {
  message?: unknown;
  type?: unknown;
  code?: unknown;
  error_subcode?: unknown;
  fbtrace_id?: unknown;
  is_transient?: unknown;
}

/** A failed Graph call, read: what the platform tables decide on. */
export interface FalloGraph {
  status: number;
  codigo?: number;
  subcodigo?: number;
  /** "(código 4, subcódigo 2207051): <platform text> (fbtrace_id ...)". */
  detalle: string;
  /** Wait from Retry-After or the usage headers, when given. */
  esperarMs?: number;
  transitorio: boolean;
  plataforma: Plataforma;
}

function errorDelCuerpo(cuerpo: unknown): ErrorCuerpoGraph | undefined {
  if (typeof cuerpo !== "object" || cuerpo === null) return undefined;
  const error = (cuerpo as { error?: unknown }).error;
  return typeof error === "object" && error !== null ? error : undefined;
}

function numero(valor: unknown): number | undefined {
  if (typeof valor === "number" && Number.isFinite(valor)) return valor;
  if (typeof valor === "string" && /^-?\d+$/.test(valor)) return Number(valor);
  return undefined;
}

/** " Se puede reintentar en N s." when a wait is known. */
export const cuandoReintentar = (esperarMs: number | undefined): string =>
  esperarMs === undefined ? "" : ` Se puede reintentar en ${Math.ceil(esperarMs / 1000)} s.`;

/** Pure mapping of a failed Graph response to an ErrorRed (message in Spanish, secrets redacted). */
export function errorGraph(respuesta: RespuestaFallida, perfil: PerfilGraph, env: NodeJS.ProcessEnv): ErrorRed {
  const { status, encabezados } = respuesta;
  const error = errorDelCuerpo(respuesta.cuerpo);
  const codigo = numero(error?.code);
  const subcodigo = numero(error?.error_subcode);
  const textoPlataforma =
    typeof error?.message === "string" && error.message.trim()
      ? error.message.trim().replace(/\.$/, "")
      : `respuesta HTTP ${status} sin detalle`;
  const traza = typeof error?.fbtrace_id === "string" ? ` (fbtrace_id ${error.fbtrace_id})` : "";
  const declaracion = REGISTRO[perfil.red];
  const P = declaracion.nombre;
  const variableToken = declaracion.credenciales[0]!;
  const plataforma: Plataforma = { nombre: P, env };
  const etiqueta =
    codigo === undefined ? `HTTP ${status}` : `código ${codigo}${subcodigo === undefined ? "" : `, subcódigo ${subcodigo}`}`;
  const detalle = `(${etiqueta}): ${textoPlataforma}${traza}`;
  const esperarMs = esperaDesdeCabeceras(encabezados);
  const transitorioDicho = status >= 500 || error?.is_transient === true || (codigo !== undefined && TEMPORALES.has(codigo));

  const propio = perfil.propios?.({ status, codigo, subcodigo, detalle, esperarMs, transitorio: transitorioDicho, plataforma });
  if (propio) return propio;

  const permanente = (mensaje: string): ErrorRed => errorRed(plataforma, mensaje, "permanente", { codigo: codigo ?? status });
  /** A wait is only a hint here: a 5xx or "API Unknown" may come after Graph acted, so it is reconciled. */
  const transitorio = (mensaje: string, noProcesado: boolean): ErrorRed =>
    errorRed(plataforma, `${mensaje}${cuandoReintentar(esperarMs)}`, "transitorio", {
      codigo: codigo ?? status,
      esperarMs,
      noProcesado,
    });

  if (codigo === 190 || codigo === 102 || codigo === 2500) {
    return permanente(`${P} rechazó el token ${detalle}. Genere ${perfil.tokenNuevo} y actualice ${variableToken}.`);
  }
  if (codigo === 10 || (codigo !== undefined && codigo >= 200 && codigo <= 299)) {
    return permanente(
      `${P} negó el permiso para esta acción ${detalle}. Revise que el token de ${variableToken} ` +
        `tenga los permisos ${perfil.permisos} y que la cuenta tenga el rol adecuado.`,
    );
  }
  if (codigo === 368) {
    return permanente(
      `${P} bloqueó la publicación por sus políticas ${detalle}. Revise el contenido y el estado de la cuenta ` +
        `antes de volver a intentarlo.`,
    );
  }
  if (codigo === 506) {
    return permanente(
      `${P} rechazó la publicación por duplicada ${detalle}. Verifique en la cuenta si ya está publicada ` +
        `y resuelva el registro con prensa publicar --resolver.`,
    );
  }
  if (codigo === 100) {
    return permanente(
      `${P} rechazó un parámetro de la solicitud ${detalle}. Revise el texto, la imagen y los ` +
        `identificadores de la cuenta en config/institucion.yaml.`,
    );
  }
  if (status === 429 || (codigo !== undefined && (LIMITES.has(codigo) || (codigo >= 80000 && codigo <= 80014)))) {
    return transitorio(`${P} limitó la frecuencia de llamadas ${detalle}.`, true);
  }
  if (transitorioDicho) return transitorio(`${P} tuvo una falla temporal ${detalle}.`, false);
  return permanente(`${P} rechazó la solicitud ${detalle}.`);
}

/**
 * The Graph client an adapter factory needs: token from the network's credential variable, base
 * URL from the context, its PRENSA_URL_* variable or the real Graph API. Undefined without a token.
 */
export function clienteGraphDesdeContexto(ctx: ContextoAdaptador, perfil: PerfilGraph): ClienteGraph | undefined {
  const declaracion = REGISTRO[perfil.red];
  const token = ctx.env[declaracion.credenciales[0]!]?.trim();
  if (!token) return undefined;
  return crearClienteGraph({
    perfil,
    base: ctx.baseUrl ?? (ctx.env[declaracion.variableUrl]?.trim() || BASE_GRAPH),
    token,
    env: ctx.env,
    fetch: ctx.fetch,
    timeoutMs: ctx.timeoutMs,
  });
}

/** Creates a Graph client for one token. Every failure becomes an ErrorRed. */
export function crearClienteGraph(opciones: OpcionesClienteGraph): ClienteGraph {
  const hacerFetch = opciones.fetch ?? fetch;
  const timeoutMs = opciones.timeoutMs ?? 30_000;
  const base = opciones.base.replace(/\/+$/, "");
  const plataforma: Plataforma = { nombre: REGISTRO[opciones.perfil.red].nombre, env: opciones.env, secretos: [opciones.token] };
  const cuenta = contador();

  async function llamar(metodo: "GET" | "POST", url: string, cuerpo?: BodyInit): Promise<Record<string, unknown>> {
    let respuesta: Response;
    let texto: string;
    cuenta.sumar();
    try {
      respuesta = await hacerFetch(url, {
        method: metodo,
        headers: { authorization: `Bearer ${opciones.token}`, accept: "application/json" },
        body: cuerpo,
        signal: AbortSignal.timeout(timeoutMs),
      });
      texto = await respuesta.text();
    } catch (causa) {
      throw errorConexion(plataforma, causa, metodo === "GET" ? "consultar la API" : "enviar la solicitud", timeoutMs);
    }
    let datos: unknown;
    try {
      datos = texto ? JSON.parse(texto) : {};
    } catch {
      datos = undefined;
    }
    if (!respuesta.ok || errorDelCuerpo(datos)) {
      throw errorGraph(
        { status: respuesta.status, encabezados: respuesta.headers, cuerpo: datos },
        opciones.perfil,
        opciones.env,
      );
    }
    if (typeof datos !== "object" || datos === null || Array.isArray(datos)) {
      throw errorRed(
        plataforma,
        `${plataforma.nombre} respondió algo que no es JSON (HTTP ${respuesta.status}); se reintentará.`,
        "transitorio",
        {
          codigo: respuesta.status,
        },
      );
    }
    return datos as Record<string, unknown>;
  }

  return {
    get(ruta, consulta = {}) {
      const parametros = new URLSearchParams(consulta).toString();
      return llamar("GET", `${base}/${VERSION_GRAPH}/${ruta}${parametros ? `?${parametros}` : ""}`);
    },
    post(ruta, campos) {
      const cuerpo = campos instanceof FormData ? campos : new URLSearchParams(campos);
      return llamar("POST", `${base}/${VERSION_GRAPH}/${ruta}`, cuerpo);
    },
    solicitudes: cuenta.total,
  };
}

/** Reads a Graph id from opciones: a string of digits (numbers must be safe integers). */
export function idGraph(valor: string | number | boolean | undefined): string | undefined {
  if (typeof valor === "number") return Number.isSafeInteger(valor) && valor > 0 ? String(valor) : undefined;
  if (typeof valor === "string" && /^\d+$/.test(valor.trim())) return valor.trim();
  return undefined;
}

/** A string field of a Graph response, or undefined. */
export function texto(datos: Record<string, unknown>, campo: string): string | undefined {
  const valor = datos[campo];
  return typeof valor === "string" && valor ? valor : undefined;
}

/** Compares texts the way a platform may store them (line endings and surrounding spaces normalized). */
export function mismoTexto(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const normal = (s: string): string => s.replace(/\r\n?/g, "\n").trim();
  return normal(a) === normal(b);
}

/** One page of a Graph edge: items and the cursor to the next page (if any). */
export function paginaGraph(datos: Record<string, unknown>): { items: Record<string, unknown>[]; siguiente?: string } {
  const items = Array.isArray(datos.data)
    ? (datos.data as unknown[]).filter((x): x is Record<string, unknown> => typeof x === "object" && x !== null)
    : [];
  const paging = (datos.paging ?? {}) as { next?: unknown; cursors?: { after?: unknown } };
  const siguiente =
    typeof paging.next === "string" && typeof paging.cursors?.after === "string" ? paging.cursors.after : undefined;
  return { items, siguiente };
}

/** How many pages of recent items reconciliation reads before giving up as "desconocido". */
export const PAGINAS_RECONCILIACION = 4;

/** Result of looking for one item among an edge's recent items. */
export type Busqueda =
  { estado: "encontrado"; item: Record<string, unknown> } | { estado: "ausente" } | { estado: "limite"; leidos: number };

/**
 * Reads an edge (e.g. {page-id}/posts) page by page with `after` cursors (never the `next` URL,
 * which carries the token and the real host) until an item matches, the edge ends ("ausente") or
 * PAGINAS_RECONCILIACION pages were read ("limite").
 */
export async function buscarEnEdge(
  cliente: ClienteGraph,
  ruta: string,
  consulta: Record<string, string>,
  coincide: (item: Record<string, unknown>) => boolean,
): Promise<Busqueda> {
  let leidos = 0;
  let despues: string | undefined;
  for (let pagina = 0; pagina < PAGINAS_RECONCILIACION; pagina++) {
    const datos = await cliente.get(ruta, despues ? { ...consulta, after: despues } : consulta);
    const { items, siguiente } = paginaGraph(datos);
    leidos += items.length;
    const item = items.find(coincide);
    if (item) return { estado: "encontrado", item };
    if (!siguiente || items.length === 0) return { estado: "ausente" };
    despues = siguiente;
  }
  return { estado: "limite", leidos };
}

/** How a search-based reconciliation speaks about its result. */
export interface BusquedaLegible {
  /** Why the search could not decide, given how many items it read ("el enlace … no aparece en las 100 …"). */
  noAparece: (leidos: number) => string;
  /** The post found, from its Graph item and id. */
  post: (item: Record<string, unknown>, id: string) => PostRemoto;
  /** What the platform returned when the item had no id. */
  sinId: string;
}

/**
 * Reconciliation by searching an edge: found → `publicado`; the edge ended without it →
 * `no-publicado`; the pages ran out (or the item has no id) → `desconocido`.
 */
export async function reconciliarEnEdge(
  cliente: ClienteGraph,
  ruta: string,
  consulta: Record<string, string>,
  coincide: (item: Record<string, unknown>) => boolean,
  legible: BusquedaLegible,
): Promise<Reconciliacion> {
  const busqueda = await buscarEnEdge(cliente, ruta, consulta, coincide);
  if (busqueda.estado === "ausente") return { estado: "no-publicado" };
  if (busqueda.estado === "limite") return { estado: "desconocido", motivo: legible.noAparece(busqueda.leidos) };
  const id = texto(busqueda.item, "id");
  if (!id) return { estado: "desconocido", motivo: legible.sinId };
  return { estado: "publicado", post: legible.post(busqueda.item, id) };
}

/**
 * The id of something the platform says it made. Without one the outcome cannot be recorded, so
 * it is permanent and a person resolves it (`queRevisar`: "la página", "la cuenta"...).
 */
export function idCreado(plataforma: string, id: string | undefined, que: string, queRevisar: string): string {
  if (id) return id;
  throw new ErrorRed(
    `${plataforma} aceptó ${que} pero no devolvió su identificador; revise ${queRevisar} y resuelva ` +
      "el registro con prensa publicar --resolver.",
    "permanente",
  );
}
