import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { imagenSocialConCache, rutaDeImagen, sumarAlContador } from "./cache.ts";
import type { EntradaImagenSocial } from "./plantilla.ts";
import type { PedidoHilo, RespuestaHilo } from "./lote-hilo.ts";

/**
 * Draws many social images, optionally spread over worker threads (each thread loads the
 * fonts once and keeps its own photo memory). Results come back in the input order; the
 * PNGs stay in the cache folder (not copied back), so memory stays flat for 5,000 notes.
 */

export interface OpcionesLote {
  /** Worker threads; 0 draws in this thread. Default: available cores (at most 4). */
  hilos?: number;
}

export interface ResultadoLote {
  /** Where each image is in the cache, in the input order. */
  rutas: string[];
  generadas: number;
  desdeCache: number;
  ms: number;
}

/**
 * The worker file: next to this module, or under scripts/ of the working directory when a
 * bundler (Astro's build) moved this module. undefined when neither exists: draw in-thread.
 */
export function archivoHilo(): string | undefined {
  // Built from parts so bundlers do not turn `new URL("./x.ts", import.meta.url)` into an asset.
  const nombre = ["lote-hilo", "ts"].join(".");
  const candidatos = [
    fileURLToPath(new URL(`./${nombre}`, import.meta.url)),
    path.join(process.cwd(), "scripts/lib/images/lote-hilo.ts"),
  ];
  return candidatos.find((c) => existsSync(c));
}

export async function renderizarLote(
  entradas: readonly EntradaImagenSocial[],
  dirCache: string,
  opciones: OpcionesLote = {},
): Promise<ResultadoLote> {
  const inicio = performance.now();
  const rutas: string[] = new Array<string>(entradas.length);
  let generadas = 0;
  let desdeCache = 0;

  // Cache hits are found here (a stat and a hash each): threads only start for real work.
  const pendientes: number[] = [];
  for (const [i, entrada] of entradas.entries()) {
    const ruta = rutaDeImagen(entrada, dirCache);
    if (existsSync(ruta)) {
      rutas[i] = ruta;
      desdeCache += 1;
    } else {
      pendientes.push(i);
    }
  }
  const archivo = archivoHilo();
  const pedidos = archivo ? (opciones.hilos ?? Math.min(4, availableParallelism())) : 1;
  const hilos = Math.max(0, Math.min(pedidos, pendientes.length));

  if (hilos === 0 || !archivo) {
    sumarAlContador(0, desdeCache);
    let generadasAqui = 0;
    let desdeCacheAqui = 0;
    for (const i of pendientes) {
      // imagenSocialConCache counts in this thread's counter itself.
      const r = await imagenSocialConCache(entradas[i]!, dirCache);
      rutas[i] = r.ruta;
      if (r.renderizada) generadasAqui += 1;
      else desdeCacheAqui += 1;
    }
    return { rutas, generadas: generadasAqui, desdeCache: desdeCache + desdeCacheAqui, ms: performance.now() - inicio };
  }

  // Pull-based queue: each worker asks for the next image when it finishes one, so a slow
  // image (a large photo) does not leave the other thread idle. The first error stops all.
  let siguiente = 0;
  let generadasHilos = 0;
  let desdeCacheHilos = 0;
  let fallo: Error | undefined;
  const trabajadores = Array.from({ length: hilos }, () => new Worker(archivo));
  const detenerTodos = (e: Error): void => {
    fallo ??= e;
    for (const t of trabajadores) void t.terminate();
  };
  await Promise.all(
    trabajadores.map(
      (hilo) =>
        new Promise<void>((resolver) => {
          const enviar = (): void => {
            if (fallo || siguiente >= pendientes.length) {
              void hilo.terminate();
              return;
            }
            const indice = pendientes[siguiente++]!;
            const pedido: PedidoHilo = { indice, entrada: entradas[indice]!, dirCache };
            hilo.postMessage(pedido);
          };
          hilo.on("message", (m: RespuestaHilo) => {
            if ("error" in m) return detenerTodos(new Error(m.error));
            rutas[m.indice] = m.ruta;
            if (m.renderizada) generadasHilos += 1;
            else desdeCacheHilos += 1;
            enviar();
          });
          hilo.on("error", (e: unknown) => detenerTodos(e instanceof Error ? e : new Error(String(e))));
          hilo.on("exit", () => resolver());
          enviar();
        }),
    ),
  );
  generadas += generadasHilos;
  desdeCache += desdeCacheHilos;
  sumarAlContador(generadas, desdeCache);
  if (fallo) throw fallo;
  return { rutas, generadas, desdeCache, ms: performance.now() - inicio };
}
