/**
 * Worker thread of renderizarLote: receives one image at a time, draws it through the cache
 * and answers with where it is. Runs with Node's type stripping (plain erasable TypeScript).
 */
import { parentPort } from "node:worker_threads";
import { imagenSocialConCache } from "./cache.ts";
import type { EntradaImagenSocial } from "./plantilla.ts";

export interface PedidoHilo {
  indice: number;
  entrada: EntradaImagenSocial;
  dirCache: string;
}

export type RespuestaHilo = { indice: number; ruta: string; renderizada: boolean } | { indice: number; error: string };

parentPort?.on("message", (pedido: PedidoHilo) => {
  imagenSocialConCache(pedido.entrada, pedido.dirCache).then(
    (r) => parentPort?.postMessage({ indice: pedido.indice, ruta: r.ruta, renderizada: r.renderizada } satisfies RespuestaHilo),
    (e: unknown) =>
      parentPort?.postMessage({
        indice: pedido.indice,
        error: e instanceof Error ? e.message : String(e),
      } satisfies RespuestaHilo),
  );
});
