import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { metricasConfigSchema, type MetricasConfig } from "../../content/schema/metricas.ts";
import type { Institucion } from "../../content/schema/institucion.ts";
import { REDES, type Red } from "../../content/schema/redes.ts";
import { REGISTRO } from "../index.ts";
import type { AdaptadorMetricas, FabricaMetricas } from "../tipos.ts";

/**
 * Registry of the metrics readers (procedure step 7): each network's reader lives in
 * `./<red>.ts` and exports `crearMetricas: FabricaMetricas`. Files are imported lazily, only for
 * the networks `prensa metricas` reads. A network whose factory returns undefined has no
 * credentials (or no account in config) and is skipped: nothing is written for it.
 */

/**
 * Environment variable overriding each reader's API base URL (tests point them at local
 * emulators). The same as the publisher's, except Bluesky: its counts come from the public
 * AppView (app.bsky.* lexicons), not from the account's PDS.
 */
export const VARIABLE_URL_METRICAS: Record<Red, string> = {
  ...(Object.fromEntries(REDES.map((r) => [r, REGISTRO[r].variableUrl])) as Record<Red, string>),
  bluesky: "PRENSA_URL_BLUESKY_APPVIEW",
};

/** The `metricas` section of the config with every default filled in (the section is optional). */
export function configMetricas(institucion: Institucion): MetricasConfig {
  return institucion.metricas ?? metricasConfigSchema.parse({});
}

const CARPETA = path.dirname(fileURLToPath(import.meta.url));

/** Loads a network's metrics factory; undefined when its reader file does not exist. */
export async function cargarFabricaMetricas(red: Red): Promise<FabricaMetricas | undefined> {
  const archivo = path.join(CARPETA, `${red}.ts`);
  if (!existsSync(archivo)) return undefined;
  const modulo = (await import(pathToFileURL(archivo).href)) as { crearMetricas?: FabricaMetricas };
  return modulo.crearMetricas;
}

/** What the registry gives for one network: a reader, or why it is skipped. */
export type DisponibilidadMetricas =
  | { red: Red; lector: AdaptadorMetricas }
  | { red: Red; lector?: undefined; motivo: "sin-adaptador" | "sin-credenciales" | "error"; detalle?: string };

/** Creates the metrics reader of a network from the institution config and the environment. */
export async function crearLectorMetricas(
  red: Red,
  institucion: Institucion,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DisponibilidadMetricas> {
  let fabrica: FabricaMetricas | undefined;
  try {
    fabrica = await cargarFabricaMetricas(red);
  } catch (e) {
    return { red, motivo: "error", detalle: `no se pudo cargar el lector de métricas de ${red}: ${(e as Error).message}` };
  }
  if (!fabrica) return { red, motivo: "sin-adaptador" };
  try {
    const lector = fabrica({ institucion, env, baseUrl: env[VARIABLE_URL_METRICAS[red]] || undefined });
    return lector ? { red, lector } : { red, motivo: "sin-credenciales" };
  } catch (e) {
    return { red, motivo: "error", detalle: `el lector de métricas de ${red} no se pudo crear: ${(e as Error).message}` };
  }
}
