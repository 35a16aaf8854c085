/**
 * Benchmark of the social images: node bench/imagenes.ts [--n 1000] [--hilos 2]
 * Draws N images with a cold cache in one thread and with worker threads, projects the time
 * for 5,000 notes, then checks that a second pass with nothing changed draws 0 images.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { rutas } from "../scripts/lib/content/paths.ts";
import { contadorRenders, reiniciarContador } from "../scripts/lib/images/cache.ts";
import { renderizarLote } from "../scripts/lib/images/lote.ts";
import type { EntradaImagenSocial } from "../scripts/lib/images/plantilla.ts";

const { values } = parseArgs({
  options: { n: { type: "string", default: "1000" }, hilos: { type: "string", default: "2" } },
});
const N = Number(values.n);
const HILOS = Number(values.hilos);

const TEMAS = [
  "Festival Campesino",
  "jornada de vacunación",
  "ciclovía de la Sabana",
  "escuela de música",
  "reciclaje en las veredas",
  "obras de la calle Séptima",
  "impuesto predial",
  "alumbrado navideño",
];
const DEPENDENCIAS = [
  "Secretaría de Salud",
  "Secretaría de Desarrollo Económico",
  "Secretaría de Obras Públicas",
  "Secretaría de Educación",
  "Secretaría de Ambiente y Desarrollo Rural",
];

/** Synthetic notes: varied titles and lengths; 3 of every 4 have one of the sample photos. */
function entradas(n: number, fotos: readonly string[], sal: string): EntradaImagenSocial[] {
  return Array.from({ length: n }, (_, i) => {
    const tema = TEMAS[i % TEMAS.length]!;
    const largo = i % 3 === 0 ? " con actividades para toda la familia en el parque principal y las veredas del municipio" : "";
    return {
      titulo: `Cajicá invita a la ${tema} número ${i + 1}${largo} (${sal})`,
      resumen:
        i % 5 === 4
          ? undefined
          : `La Alcaldía de Cajicá informa a la comunidad los horarios, lugares y requisitos de la ${tema}. Consulte los detalles en la nota.`,
      dependencia: DEPENDENCIAS[i % DEPENDENCIAS.length]!,
      fecha: new Date(Date.UTC(2026, 10, 1 + (i % 28), 13)),
      etiquetas: i % 2 ? ["cajica", tema.split(" ")[0]!.toLowerCase()] : [],
      entidad: "Alcaldía de Cajicá",
      fotoRuta: i % 4 === 3 || fotos.length === 0 ? undefined : fotos[i % fotos.length],
    };
  });
}

function fotosDeMuestra(): string[] {
  const carpeta = path.join(rutas().notas, "2026", "11");
  try {
    return readdirSync(carpeta)
      .filter((f) => f.endsWith(".png") || f.endsWith(".jpg"))
      .map((f) => path.join(carpeta, f));
  } catch {
    return [];
  }
}

const ms = (x: number): string => x.toFixed(1).replace(".", ",");
const s = (x: number): string => (x / 1000).toFixed(1).replace(".", ",");

/** CPU time of the whole process (all threads), in ms: less sensitive to other load than the clock. */
function cpu(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function medir(nombre: string, hilos: number, lista: EntradaImagenSocial[], dir: string): Promise<number> {
  reiniciarContador();
  const c0 = cpu();
  const r = await renderizarLote(lista, dir, { hilos });
  const porImagen = r.ms / lista.length;
  const cpuPorImagen = (cpu() - c0) / lista.length;
  process.stdout.write(
    `${nombre}: ${lista.length} imágenes en ${s(r.ms)} s → ${ms(porImagen)} ms por imagen ` +
      `(CPU ${ms(cpuPorImagen)} ms por imagen); proyección para 5.000: ${s(porImagen * 5000)} s ` +
      `(${r.generadas} generadas, ${r.desdeCache} desde caché)\n`,
  );
  return porImagen;
}

async function principal(): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), "convergente-bench-img-"));
  const fotos = fotosDeMuestra();
  process.stdout.write(
    `Imágenes sociales: N=${N}, ${fotos.length} fotos de muestra, ${availableParallelism()} núcleos, ` +
      `carga del sistema ${loadavg()[0]!.toFixed(1).replace(".", ",")}\n`,
  );
  try {
    await medir("1 hilo (el del proceso), caché fría", 0, entradas(N, fotos, "a"), dir);
    if (HILOS >= 1) await medir(`${HILOS} hilos, caché fría`, HILOS, entradas(N, fotos, "b"), dir);
    reiniciarContador();
    const t0 = performance.now();
    const repetidas = entradas(N, fotos, "a");
    await renderizarLote(repetidas, dir, { hilos: 0 });
    const c = contadorRenders();
    process.stdout.write(
      `Segunda pasada sin cambios: ${c.generadas} generadas, ${c.desdeCache} desde caché en ${s(performance.now() - t0)} s\n`,
    );
    if (c.generadas !== 0) {
      process.stderr.write("Error: la segunda pasada sin cambios volvió a generar imágenes.\n");
      return 1;
    }
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await principal();
