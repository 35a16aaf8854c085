import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { imagenSocialConCache, sumarAlContador } from "./cache.ts";
import type { EntradaImagenSocial } from "./plantilla.ts";
import type { PedidoHilo, RespuestaHilo } from "./lote-hilo.ts";

/**
 * Draws many social images, optionally spread over worker threads (each thread loads the
 * fonts once and keeps its own photo memory). Results come back in the input order; the
 * PNGs stay in the cache folder (not copied back), so memory stays flat for 5,000 notes.
 */

export interface OpcionesLote {
  /** Worker threads; 0 or 1 draws in this thread. Default: available cores (at most 4). */
  hilos?: number;
}

export interface ResultadoLote {
  /** Where each image is in the cache, in the input order. */
  rutas: string[];
  generadas: number;
  desdeCache: number;
  ms: number;
}

/** The worker file, next to this one (or under scripts/ when this module was bundled elsewhere). */
export function archivoHilo(): string {
  const junto = fileURLToPath(new URL("./lote-hilo.ts", import.meta.url));
  if (existsSync(junto)) return junto;
  return path.join(process.env.PRENSA_RAIZ ?? process.cwd(), "scripts/lib/images/lote-hilo.ts");
}

export async function renderizarLote(
  entradas: readonly EntradaImagenSocial[],
  dirCache: string,
  opciones: OpcionesLote = {},
): Promise<ResultadoLote> {
  const inicio = performance.now();
  const hilos = Math.max(0, Math.min(opciones.hilos ?? Math.min(4, availableParallelism()), entradas.length));
  const rutas: string[] = new Array<string>(entradas.length);
  let generadas = 0;
  let desdeCache = 0;

  if (hilos <= 1) {
    for (const [i, entrada] of entradas.entries()) {
      const r = await imagenSocialConCache(entrada, dirCache);
      rutas[i] = r.ruta;
      if (r.renderizada) generadas += 1;
      else desdeCache += 1;
    }
    // imagenSocialConCache already counted them in this thread.
    return { rutas, generadas, desdeCache, ms: performance.now() - inicio };
  }

  // Pull-based queue: each worker asks for the next image when it finishes one, so a slow
  // image (a large photo) does not leave the other thread idle. The first error stops all.
  let siguiente = 0;
  let fallo: Error | undefined;
  const archivo = archivoHilo();
  const trabajadores = Array.from({ length: hilos }, () => new Worker(archivo));
  const detenerTodos = (): Promise<unknown> => Promise.all(trabajadores.map((t) => t.terminate()));
  await Promise.all(
    trabajadores.map(
      (hilo) =>
        new Promise<void>((resolver) => {
          const terminar = (e?: Error): void => {
            if (e && !fallo) fallo = e;
            hilo.removeAllListeners();
            void hilo.terminate().then(() => resolver());
          };
          const enviar = (): void => {
            if (fallo || siguiente >= entradas.length) return terminar();
            const indice = siguiente++;
            const pedido: PedidoHilo = { indice, entrada: entradas[indice]!, dirCache };
            hilo.postMessage(pedido);
          };
          hilo.on("message", (m: RespuestaHilo) => {
            if ("error" in m) {
              terminar(new Error(m.error));
              return;
            }
            rutas[m.indice] = m.ruta;
            if (m.renderizada) generadas += 1;
            else desdeCache += 1;
            enviar();
          });
          hilo.on("error", (e: unknown) => terminar(e instanceof Error ? e : new Error(String(e))));
          enviar();
        }),
    ),
  );
  if (fallo) {
    await detenerTodos();
    sumarAlContador(generadas, desdeCache);
    throw fallo;
  }
  sumarAlContador(generadas, desdeCache);
  return { rutas, generadas, desdeCache, ms: performance.now() - inicio };
}
