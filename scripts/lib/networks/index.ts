import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createHash } from "node:crypto";
import { REDES, type Red } from "../content/schema/redes.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import type { AdaptadorRed, FabricaAdaptador } from "./tipos.ts";

/**
 * Registry of network adapters: each network's factory lives in `./<red>.ts` and exports
 * `crearAdaptador: FabricaAdaptador`. Files are imported lazily, only for networks with due work.
 * A network whose file does not exist yet, or whose factory returns undefined (no credentials),
 * is simulated by the publisher.
 */

/** Environment variables holding each network's credentials (documented in docs/publicar.md). */
export const VARIABLES_CREDENCIALES: Record<Red, readonly string[]> = {
  facebook: ["FACEBOOK_TOKEN"],
  instagram: ["INSTAGRAM_TOKEN"],
  x: ["X_API_KEY", "X_API_SECRET", "X_ACCESS_TOKEN", "X_ACCESS_SECRET"],
  telegram: ["TELEGRAM_BOT_TOKEN"],
  mastodon: ["MASTODON_TOKEN"],
  bluesky: ["BLUESKY_IDENTIFICADOR", "BLUESKY_CLAVE"],
};

/** Environment variable overriding each network's API base URL (tests point them at local emulators). */
export const VARIABLE_URL: Record<Red, string> = {
  facebook: "PRENSA_URL_FACEBOOK",
  instagram: "PRENSA_URL_INSTAGRAM",
  x: "PRENSA_URL_X",
  telegram: "PRENSA_URL_TELEGRAM",
  mastodon: "PRENSA_URL_MASTODON",
  bluesky: "PRENSA_URL_BLUESKY",
};

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
    const adaptador = fabrica({ institucion, env, baseUrl: env[VARIABLE_URL[red]] || undefined });
    return adaptador ? { red, adaptador } : { red, motivo: "sin-credenciales" };
  } catch (e) {
    return { red, motivo: "error", detalle: `el adaptador de ${red} no se pudo crear: ${(e as Error).message}` };
  }
}

export { REDES };
