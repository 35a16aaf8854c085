import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { rutas } from "../../content/paths.ts";
import type { Institucion } from "../../content/schema/institucion.ts";
import type { Red } from "../../content/schema/redes.ts";
import { REGISTRO } from "../index.ts";
import type { AdaptadorBandeja, FabricaBandeja } from "../tipos.ts";

/**
 * Registry of inbox readers (procedure step 4): each network's factory lives in `./<red>.ts` and
 * exports `crearBandeja: FabricaBandeja`. Files are imported lazily, only for the networks read.
 * A network whose factory returns undefined (no credentials, or X without `inquietudes.x.leer`)
 * is skipped by `prensa inquietudes sincronizar`, which says so.
 */

const CARPETA = path.dirname(fileURLToPath(import.meta.url));

/** Loads a network's inbox factory; undefined when its file does not exist. */
export async function cargarBandeja(red: Red): Promise<FabricaBandeja | undefined> {
  const archivo = path.join(CARPETA, `${red}.ts`);
  if (!existsSync(archivo)) return undefined;
  const modulo = (await import(pathToFileURL(archivo).href)) as { crearBandeja?: FabricaBandeja };
  return modulo.crearBandeja;
}

/** What the registry gives for one network's inbox: a reader, or why there is none. */
export type DisponibilidadBandeja =
  | { red: Red; bandeja: AdaptadorBandeja }
  | { red: Red; bandeja?: undefined; motivo: "sin-adaptador" | "sin-credenciales" | "error"; detalle?: string };

/** Creates the inbox reader of a network from its factory, the institution config and the environment. */
export async function crearBandeja(
  red: Red,
  institucion: Institucion,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DisponibilidadBandeja> {
  let fabrica: FabricaBandeja | undefined;
  try {
    fabrica = await cargarBandeja(red);
  } catch (e) {
    return { red, motivo: "error", detalle: `no se pudo cargar la bandeja de ${red}: ${(e as Error).message}` };
  }
  if (!fabrica) return { red, motivo: "sin-adaptador" };
  try {
    const bandeja = fabrica({
      institucion,
      env,
      baseUrl: env[REGISTRO[red].variableUrl] || undefined,
      cache: rutas(env.PRENSA_RAIZ || undefined).cache,
    });
    return bandeja ? { red, bandeja } : { red, motivo: "sin-credenciales" };
  } catch (e) {
    return { red, motivo: "error", detalle: `la bandeja de ${red} no se pudo crear: ${(e as Error).message}` };
  }
}
