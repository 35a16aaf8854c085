import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createHash } from "node:crypto";
import { rutas } from "../content/paths.ts";
import { NOMBRE_RED, OPCIONES_RED, REDES, type Red } from "../content/schema/redes.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import type { AdaptadorRed, FabricaAdaptador } from "./tipos.ts";

/**
 * Registry of network adapters: each network's factory lives in `./<red>.ts` and exports
 * `crearAdaptador: FabricaAdaptador`. Files are imported lazily, only for networks with due work.
 * A network whose file does not exist yet, or whose factory returns undefined (no credentials),
 * is simulated by the publisher.
 */

/** How a network decides whether a publication whose outcome was lost was made. */
export type ModoReconciliacion =
  /** The post was created under a record key fixed in advance: read that record (Bluesky). */
  | "registro-fijo"
  /** Look for the note link among the account's latest posts, then resend with the same Idempotency-Key (Mastodon). */
  | "enlace-y-clave"
  /** Look for the note link among the page's recent posts (Facebook). */
  | "enlace"
  /** Look for the note link only among the posts made since the first send, a few reads (X charges per read). */
  | "enlace-desde-envio"
  /** Look for the exact caption among the account's latest media (Instagram: links are not clickable there). */
  | "texto"
  /** The API cannot read past posts: a person decides (Telegram). */
  | "ninguna";

/** Everything the project declares about one network, once. */
export interface DeclaracionRed {
  /** Name as people read it. */
  nombre: string;
  /** Environment variables with its credentials (all needed; documented in docs/publicar.md). */
  credenciales: readonly string[];
  /** Environment variable that overrides its API base URL (tests point it at a local emulator). */
  variableUrl: `PRENSA_URL_${string}`;
  /** Schema of `redes.<red>.opciones` in config/institucion.yaml. */
  opciones: (typeof OPCIONES_RED)[Red];
  capacidades: {
    /** Corrections edit the post (otherwise they reply once with the errata). */
    edita: boolean;
    /** Corrections can be a reply or comment on the post. */
    responde: boolean;
    /** The image is sent with its alternative text. */
    textoAlternativo: boolean;
    reconciliacion: ModoReconciliacion;
  };
}

/** The network registry: the README table, docs/publicar.md and the test emulators are checked against it. */
export const REGISTRO: { readonly [R in Red]: DeclaracionRed } = {
  facebook: {
    nombre: NOMBRE_RED.facebook,
    credenciales: ["FACEBOOK_TOKEN"],
    variableUrl: "PRENSA_URL_FACEBOOK",
    opciones: OPCIONES_RED.facebook,
    capacidades: { edita: true, responde: false, textoAlternativo: true, reconciliacion: "enlace" },
  },
  instagram: {
    nombre: NOMBRE_RED.instagram,
    credenciales: ["INSTAGRAM_TOKEN"],
    variableUrl: "PRENSA_URL_INSTAGRAM",
    opciones: OPCIONES_RED.instagram,
    capacidades: { edita: false, responde: true, textoAlternativo: true, reconciliacion: "texto" },
  },
  x: {
    nombre: NOMBRE_RED.x,
    credenciales: ["X_API_KEY", "X_API_SECRET", "X_ACCESS_TOKEN", "X_ACCESS_SECRET"],
    variableUrl: "PRENSA_URL_X",
    opciones: OPCIONES_RED.x,
    capacidades: { edita: false, responde: true, textoAlternativo: true, reconciliacion: "enlace-desde-envio" },
  },
  telegram: {
    nombre: NOMBRE_RED.telegram,
    credenciales: ["TELEGRAM_BOT_TOKEN"],
    variableUrl: "PRENSA_URL_TELEGRAM",
    opciones: OPCIONES_RED.telegram,
    capacidades: { edita: true, responde: false, textoAlternativo: false, reconciliacion: "ninguna" },
  },
  mastodon: {
    nombre: NOMBRE_RED.mastodon,
    credenciales: ["MASTODON_TOKEN"],
    variableUrl: "PRENSA_URL_MASTODON",
    opciones: OPCIONES_RED.mastodon,
    capacidades: { edita: true, responde: false, textoAlternativo: true, reconciliacion: "enlace-y-clave" },
  },
  bluesky: {
    nombre: NOMBRE_RED.bluesky,
    credenciales: ["BLUESKY_IDENTIFICADOR", "BLUESKY_CLAVE"],
    variableUrl: "PRENSA_URL_BLUESKY",
    opciones: OPCIONES_RED.bluesky,
    capacidades: { edita: false, responde: true, textoAlternativo: true, reconciliacion: "registro-fijo" },
  },
};

/** How each reconciliation kind works, as people read it (docs/publicar.md and the README). */
export const RECONCILIACION_LEGIBLE: Record<ModoReconciliacion, string> = {
  "registro-fijo": "lee el registro creado con la clave fija (rkey); nunca duplica",
  "enlace-y-clave": "busca el enlace entre las últimas 40 publicaciones y, si no está, reenvía con la misma Idempotency-Key",
  enlace: "busca el enlace de la nota entre las 100 publicaciones más recientes de la página",
  "enlace-desde-envio":
    "busca el enlace de la nota solo entre los posts hechos desde el primer envío (hasta 3 lecturas de 10: X cobra por lectura)",
  texto: "busca el pie de foto exacto entre las 100 publicaciones más recientes (en Instagram los enlaces no son clicables)",
  ninguna: "no puede leer el historial: queda «incierto» y lo resuelve una persona (nunca reenvía a ciegas)",
};

/**
 * The networks table (Markdown) generated from REGISTRO: docs/publicar.md carries it verbatim and a
 * test checks it, so a network added to the registry cannot be missing from the docs.
 */
export function tablaRedes(): string {
  const si = (b: boolean) => (b ? "sí" : "no");
  const filas = REDES.map((r) => {
    const d = REGISTRO[r];
    const correccion = d.capacidades.edita ? "edita la publicación" : "responde una vez con la fe de erratas";
    return `| ${d.nombre} | ${d.credenciales.map((c) => `\`${c}\``).join(", ")} | \`${d.variableUrl}\` | ${correccion} | ${si(d.capacidades.textoAlternativo)} | ${RECONCILIACION_LEGIBLE[d.capacidades.reconciliacion]} |`;
  });
  return [
    "| red | credenciales | URL base de la API (pruebas) | corrección | texto alternativo | si se perdió la respuesta |",
    "|---|---|---|---|---|---|",
    ...filas,
  ].join("\n");
}

/** Environment variables holding each network's credentials (from REGISTRO). */
export const VARIABLES_CREDENCIALES: Record<Red, readonly string[]> = porRed((r) => REGISTRO[r].credenciales);

/** Environment variable overriding each network's API base URL (from REGISTRO). */
export const VARIABLE_URL: Record<Red, string> = porRed((r) => REGISTRO[r].variableUrl);

function porRed<T>(valor: (red: Red) => T): Record<Red, T> {
  return Object.fromEntries(REDES.map((r) => [r, valor(r)])) as Record<Red, T>;
}

/**
 * TEST ONLY: path of a module exporting `fabricas: Partial<Record<Red, FabricaAdaptador>>` that
 * replaces the real adapters (used by the fault-injection test). Never set it in production.
 */
export const VARIABLE_ADAPTADORES_PRUEBA = "PRENSA_ADAPTADORES_PRUEBA";

const CARPETA = path.dirname(fileURLToPath(import.meta.url));

/**
 * Fingerprint of a network's credentials: changes when a token changes, reveals nothing about it
 * (12 hex characters of a salted sha256). Undefined when the network has no credentials at all.
 */
export function huellaCredenciales(red: Red, env: NodeJS.ProcessEnv): string | undefined {
  const valores = VARIABLES_CREDENCIALES[red].map((v) => env[v] ?? "");
  if (valores.every((v) => !v)) return undefined;
  return createHash("sha256")
    .update(`convergente\0${red}\0${valores.join("\0")}`)
    .digest("hex")
    .slice(0, 12);
}

/** Loads a network's factory; undefined when its adapter file does not exist yet. */
export async function cargarFabrica(red: Red, env: NodeJS.ProcessEnv = process.env): Promise<FabricaAdaptador | undefined> {
  const prueba = env[VARIABLE_ADAPTADORES_PRUEBA];
  if (prueba) {
    const modulo = (await import(pathToFileURL(path.resolve(prueba)).href)) as {
      fabricas?: Partial<Record<Red, FabricaAdaptador>>;
    };
    return modulo.fabricas?.[red];
  }
  const archivo = path.join(CARPETA, `${red}.ts`);
  if (!existsSync(archivo)) return undefined;
  const modulo = (await import(pathToFileURL(archivo).href)) as { crearAdaptador?: FabricaAdaptador };
  return modulo.crearAdaptador;
}

/** What the registry gives for one network: an adapter, or the reason it is simulated. */
export type Disponibilidad =
  | { red: Red; adaptador: AdaptadorRed }
  | { red: Red; adaptador?: undefined; motivo: "sin-adaptador" | "sin-credenciales" | "error"; detalle?: string };

/** Creates the adapter of a network from its factory, the institution config and the environment. */
export async function crearAdaptador(
  red: Red,
  institucion: Institucion,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Disponibilidad> {
  let fabrica: FabricaAdaptador | undefined;
  try {
    fabrica = await cargarFabrica(red, env);
  } catch (e) {
    return { red, motivo: "error", detalle: `no se pudo cargar el adaptador de ${red}: ${(e as Error).message}` };
  }
  if (!fabrica) return { red, motivo: "sin-adaptador" };
  try {
    const adaptador = fabrica({
      institucion,
      env,
      baseUrl: env[REGISTRO[red].variableUrl] || undefined,
      cache: rutas(env.PRENSA_RAIZ || undefined).cache,
    });
    return adaptador ? { red, adaptador } : { red, motivo: "sin-credenciales" };
  } catch (e) {
    return { red, motivo: "error", detalle: `el adaptador de ${red} no se pudo crear: ${(e as Error).message}` };
  }
}

export { REDES };
