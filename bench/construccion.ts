// Benchmark: full site build with N synthetic notes, a second build with nothing changed, and
// the number of social images drawn in each. Usage: node bench/construccion.ts [1000,5000]
import { rmSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { copiaDeRepositorio } from "../test/ayudas/repositorio.ts";
import { construirSitio } from "../test/ayudas/construir.ts";
import { generarNotasSinteticas } from "./sinteticas.ts";

const tamanos = (process.argv[2] ?? process.env.BENCH_NOTAS ?? "1000,5000").split(",").map(Number);
const AHORA = "2026-11-28T12:00:00-05:00";
// The build's image batch logs how many images it drew.
const contar = (registro: string) => Number(/\[imagen social\] lote: (\d+) generadas/.exec(registro)?.[1] ?? 0);

for (const n of tamanos) {
  const copia = copiaDeRepositorio({ sinNotas: true });
  generarNotasSinteticas(copia.raiz, n);
  const t0 = performance.now();
  const primera = construirSitio(copia.raiz, AHORA);
  const t1 = performance.now();
  if (primera.codigo !== 0) throw new Error(`La construcción con ${n} notas falló:\n${primera.registro.slice(-3000)}`);
  const segunda = construirSitio(copia.raiz, AHORA);
  const t2 = performance.now();
  if (segunda.codigo !== 0) throw new Error(`La segunda construcción con ${n} notas falló`);
  console.log(
    `${n} notas: construcción completa ${((t1 - t0) / 1000).toFixed(1)} s (${contar(primera.registro)} imágenes generadas); ` +
      `segunda construcción sin cambios ${((t2 - t1) / 1000).toFixed(1)} s (${contar(segunda.registro)} imágenes generadas).`,
  );
  rmSync(primera.carpeta, { recursive: true, force: true });
  rmSync(segunda.carpeta, { recursive: true, force: true });
  copia.borrar();
}
