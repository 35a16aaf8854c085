import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import sharp from "sharp";
import { escribirAtomico } from "../content/escribir.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { huellaBytes, leerFoto } from "./foto.ts";
import { ANCHO_MAX_WEBP, ANCHOS, type PlanFoto, type VarianteFoto } from "./responsiva.ts";

/**
 * Encodes the versions planned by responsiva.ts with sharp (libvips) and keeps them in
 * <dirCache>/fotos/<sha256 of the source>-<settings>/<width>.<format>: an unchanged build encodes
 * nothing, a new photo is encoded once, and a change of widths, quality or sharp version
 * encodes again. Re-encoding also drops the camera's metadata (EXIF, with the place a photo was
 * taken): only pixels are published. https://sharp.pixelplumbing.com/api-output
 */

export const CARPETA_FOTOS = "fotos";

/**
 * AVIF at quality 50 and effort 2 (of 9): measured on a 1600×1067 press-like photo, effort 4
 * saves nothing at 1440 px and takes ten times longer. WebP at quality 75, effort 4 (sharp's defaults
 * are 50/4 for AVIF and 80/4 for WebP).
 */
const AJUSTES = {
  avif: { quality: 50, effort: 2 },
  webp: { quality: 75, effort: 4 },
} as const;

/** Part of every cache key: a change to the widths, the settings or the encoder encodes again. */
export const VERSION_FOTOS = createHash("sha256")
  .update(JSON.stringify({ ANCHOS, ANCHO_MAX_WEBP, AJUSTES, sharp: sharp.versions.sharp, vips: sharp.versions.vips }))
  .digest("hex")
  .slice(0, 12);

/** Where a version of a photo lives in the cache. */
export const rutaVariante = (dirCache: string, plan: PlanFoto, v: VarianteFoto): string =>
  path.join(dirCache, CARPETA_FOTOS, `${plan.huella}-${VERSION_FOTOS}`, `${v.ancho}.${v.formato}`);

/** Encodes the versions of a photo missing from the cache; returns how many it encoded. */
export async function codificarFoto(plan: PlanFoto, dirCache: string): Promise<number> {
  const faltan = plan.variantes.filter((v) => !existsSync(rutaVariante(dirCache, plan, v)));
  if (!faltan.length) return 0;
  const datos = leerFoto(plan.ruta);
  if (huellaBytes(datos) !== plan.huella)
    throw new ErrorConvergente(
      `${plan.ruta} cambió durante la construcción. Espere a que termine de copiarse y vuelva a construir el sitio.`,
    );
  try {
    // rotate() with no angle applies the EXIF orientation, as the plan's width and height do.
    const base = sharp(datos, { failOn: "error" }).rotate();
    for (const v of faltan) {
      const redimensionada = base.clone().resize({ width: v.ancho, height: v.alto, fit: "fill" });
      const salida = v.formato === "avif" ? redimensionada.avif(AJUSTES.avif) : redimensionada.webp(AJUSTES.webp);
      escribirAtomico(rutaVariante(dirCache, plan, v), await salida.toBuffer());
    }
  } catch (e) {
    if (e instanceof ErrorConvergente) throw e;
    throw new ErrorConvergente(
      `No se pudo convertir ${plan.ruta} para la web (${(e as Error).message}): el archivo parece dañado. Vuelva a exportarlo como .jpg o .png.`,
    );
  }
  return faltan.length;
}

/** What a batch did, for the build log. */
export interface ResultadoFotos {
  /** Distinct photos (by content) in the batch. */
  fotos: number;
  /** Versions encoded now. */
  codificadas: number;
  /** Versions that were already in the cache. */
  desdeCache: number;
  ms: number;
}

/**
 * Encodes every missing version of the photos, `paralelas` photos at a time (libvips spreads
 * each over the cores too). Photos with the same bytes are encoded once.
 */
export async function codificarFotos(planes: readonly PlanFoto[], dirCache: string, paralelas = 2): Promise<ResultadoFotos> {
  const t0 = performance.now();
  const unicas = [...new Map(planes.map((p) => [p.huella, p])).values()];
  const total = unicas.reduce((n, p) => n + p.variantes.length, 0);
  let codificadas = 0;
  let siguiente = 0;
  const trabajador = async () => {
    while (siguiente < unicas.length) {
      const n = await codificarFoto(unicas[siguiente++]!, dirCache);
      codificadas += n;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(paralelas, unicas.length)) }, trabajador));
  return { fotos: unicas.length, codificadas, desdeCache: total - codificadas, ms: performance.now() - t0 };
}
