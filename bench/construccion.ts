// Benchmark: the site of N synthetic notes (5,000 by default, one in two with a photo-like JPEG of
// a few hundred KB) built with this project and with Hugo (Debian's package, minimal templates in
// bench/hugo/: note page, paginated list, tags, RSS), and the ratios of issue 12:
// - content caches cold, social images cached: target <= 5x Hugo;
// - one note added, every cache warm: <= 4x Hugo, 1 body rendered and 1 image drawn;
// - nothing changed: 0 bodies rendered, 0 images drawn;
// - fully cold (no cache at all): <= 10x Hugo;
// plus peak memory of each build and the size of the built site against GitHub Pages' 1 GB.
// Usage: node bench/construccion.ts [N]  (BENCH_NOTAS=N also works)
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { leerFrontmatter } from "../scripts/lib/content/frontmatter.ts";
import { listarArchivosNotas } from "../scripts/lib/content/notas.ts";
import { RAIZ } from "../scripts/lib/content/paths.ts";
import { raizCon } from "../test/ayudas/raiz.ts";
import { soltarCerrojo, tomarCerrojo } from "../test/ayudas/construir.ts";
import { fotoSintetica } from "./fotos.ts";
import { generarNotasSinteticas } from "./sinteticas.ts";

const N = Number(process.argv[2] ?? process.env.BENCH_NOTAS ?? 5000);
const AHORA = "2026-11-28T12:00:00-05:00";
const LIMITE_PAGES = 1024 ** 3;

const carga = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;

/** Hugo from Debian, installed when missing (the benchmark's only system dependency). */
function asegurarHugo(): string {
  const buscar = () => spawnSync("sh", ["-c", "command -v hugo"], { encoding: "utf8" }).stdout.trim();
  if (!buscar()) {
    console.log("Instalando Hugo (paquete de Debian)…");
    const sudo = process.getuid?.() === 0 ? "" : "sudo ";
    spawnSync("sh", ["-c", `${sudo}apt-get install -y hugo || (${sudo}apt-get update && ${sudo}apt-get install -y hugo)`], {
      stdio: "inherit",
    });
  }
  const hugo = buscar();
  if (!hugo) throw new Error("No se pudo instalar Hugo (apt-get install hugo).");
  return hugo;
}

interface Medida {
  segundos: number;
  memoriaMaxKb: number;
  registro: string;
}

/** Runs a command under /usr/bin/time -v: wall time and peak resident memory. */
function medir(comando: string[], opciones: { cwd: string; env?: NodeJS.ProcessEnv }): Medida {
  const tiempo = path.join(mkdtempSync(path.join(tmpdir(), "bench-tiempo-")), "time.txt");
  const t0 = performance.now();
  const r = spawnSync("/usr/bin/time", ["-v", "-o", tiempo, ...comando], {
    cwd: opciones.cwd,
    env: opciones.env ?? process.env,
    encoding: "utf8",
    maxBuffer: 512 * 1024 ** 2,
  });
  const segundos = (performance.now() - t0) / 1000;
  const registro = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0) throw new Error(`Falló: ${comando.join(" ")}\n${registro.slice(-3000)}`);
  const memoriaMaxKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(tiempo, "utf8"))?.[1] ?? 0);
  rmSync(path.dirname(tiempo), { recursive: true, force: true });
  return { segundos, memoriaMaxKb, registro };
}

/** The same notes as Hugo content (Markdown with Hugo's front matter), in a copy of bench/hugo. */
function sitioHugo(raizNotas: string): string {
  const sitio = mkdtempSync(path.join(tmpdir(), "bench-hugo-"));
  cpSync(path.join(import.meta.dirname, "hugo"), sitio, { recursive: true });
  for (const archivo of listarArchivosNotas(raizNotas)) {
    const { datos, cuerpo } = leerFrontmatter(readFileSync(archivo, "utf8")) as unknown as {
      datos: {
        titulo: string;
        resumen: string;
        publicar: Date | string;
        etiquetas?: string[];
        imagen?: { src: string; alt: string };
      };
      cuerpo: string;
    };
    const rel = path.relative(raizNotas, archivo).replace(/\.mdx$/, "");
    const destino = path.join(sitio, "content/noticias", `${rel}.md`);
    mkdirSync(path.dirname(destino), { recursive: true });
    const fecha = datos.publicar instanceof Date ? datos.publicar.toISOString() : datos.publicar;
    const imagen = datos.imagen
      ? `imagen: ${JSON.stringify(`/imagenes/${path.dirname(rel)}/${datos.imagen.src}`)}\nalt: ${JSON.stringify(datos.imagen.alt)}\n`
      : "";
    writeFileSync(
      destino,
      `---\ntitle: ${JSON.stringify(datos.titulo)}\ndate: ${fecha}\nresumen: ${JSON.stringify(datos.resumen)}\netiquetas: ${JSON.stringify(datos.etiquetas ?? [])}\n${imagen}---\n${cuerpo}`,
    );
    // Hugo publishes the photos too, from static/, so both sites carry the same files.
    if (datos.imagen) {
      const foto = path.join(sitio, "static/imagenes", path.dirname(rel), datos.imagen.src);
      mkdirSync(path.dirname(foto), { recursive: true });
      cpSync(path.join(path.dirname(archivo), datos.imagen.src), foto);
    }
  }
  return sitio;
}

/** Bytes of a built site by kind of file. */
function tamanos(dir: string): Record<string, number> {
  const tipos: Record<string, number> = {};
  const visitar = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) visitar(p, r);
      else {
        const tipo = r.startsWith("social/")
          ? "imágenes sociales"
          : r.startsWith("imagenes/")
            ? "fotos de las notas"
            : r.startsWith("pagefind/")
              ? "índice de búsqueda"
              : e.name.endsWith(".html")
                ? "HTML"
                : r.startsWith("_astro/")
                  ? "CSS, JS y fuentes"
                  : "otros";
        tipos[tipo] = (tipos[tipo] ?? 0) + statSync(p).size;
      }
    }
  };
  visitar(dir, "");
  return tipos;
}

const hugo = asegurarHugo();
const version = spawnSync(hugo, ["version"], { encoding: "utf8" }).stdout.trim();
console.log(`${N} notas sintéticas, una de cada dos con foto. Carga al empezar: ${carga()}. ${version}`);

const fotos: Buffer[] = [];
for (let s = 1; s <= 6; s++) fotos.push(await fotoSintetica(s));
console.log(
  `Fotos: ${fotos.length} JPEG deterministas de ${(fotos.reduce((t, f) => t + f.length, 0) / fotos.length / 1024).toFixed(0)} KB en promedio.`,
);

const copia = raizCon();
generarNotasSinteticas(copia.raiz, N, { fotos });
const cacheAstro = path.join(copia.raiz, ".cache/astro");
const salida = mkdtempSync(path.join(tmpdir(), "bench-sitio-"));

// Hugo: best of two runs (the second has the files in the OS cache, like the project's builds).
const hugoSitio = sitioHugo(path.join(copia.raiz, "content/notas"));
const hugoRuns = [1, 2].map(() => {
  rmSync(path.join(hugoSitio, "public"), { recursive: true, force: true });
  return medir([hugo, "--quiet", "-s", hugoSitio], { cwd: hugoSitio });
});
const tHugo = Math.min(...hugoRuns.map((r) => r.segundos));
console.log(
  `Hugo: ${tHugo.toFixed(1)} s (${hugoRuns.map((r) => r.segundos.toFixed(1)).join(" y ")} s), ${mb(hugoRuns[0]!.memoriaMaxKb * 1024)} de memoria máxima.`,
);

function construir(nombre: string): Medida & {
  renderizadas: number;
  reutilizadas: number;
  dibujadas: number;
  fotos: number;
  codificadas: number;
  msFotos: number;
} {
  rmSync(salida, { recursive: true, force: true });
  const env = {
    ...process.env,
    TZ: "America/Bogota",
    ASTRO_TELEMETRY_DISABLED: "1",
    PRENSA_RAIZ: copia.raiz,
    PRENSA_AHORA: AHORA,
    PRENSA_SALIDA: salida,
    PRENSA_CACHE_ASTRO: cacheAstro,
  };
  tomarCerrojo();
  let m: Medida;
  try {
    m = medir([process.execPath, path.join(RAIZ, "node_modules/astro/bin/astro.mjs"), "build"], { cwd: RAIZ, env });
  } finally {
    soltarCerrojo();
  }
  const cuerpos = /notas renderizadas: (\d+), reutilizadas: (\d+)/.exec(m.registro);
  const dibujadas = /\[imagen social\] lote: (\d+) generadas/.exec(m.registro);
  const fotos = /\[fotos\] (\d+) fotos: (\d+) versiones codificadas, \d+ desde caché \(([\d.]+) s\)/.exec(m.registro);
  const r = {
    ...m,
    renderizadas: Number(cuerpos?.[1] ?? NaN),
    reutilizadas: Number(cuerpos?.[2] ?? NaN),
    dibujadas: Number(dibujadas?.[1] ?? NaN),
    fotos: Number(fotos?.[1] ?? NaN),
    codificadas: Number(fotos?.[2] ?? NaN),
    msFotos: Number(fotos?.[3] ?? NaN) * 1000,
  };
  console.log(
    `${nombre}: ${r.segundos.toFixed(1)} s = ${(r.segundos / tHugo).toFixed(1)}× Hugo; ${r.renderizadas} notas renderizadas, ` +
      `${r.reutilizadas} reutilizadas, ${r.dibujadas} imágenes dibujadas, ${r.codificadas} versiones de fotos codificadas; ` +
      `memoria máxima ${mb(r.memoriaMaxKb * 1024)}; carga ${carga()}.`,
  );
  return r;
}

rmSync(path.join(copia.raiz, ".cache"), { recursive: true, force: true });
const fria = construir("Todo en frío (sin ninguna caché)");
rmSync(cacheAstro, { recursive: true, force: true });
const sinContenido = construir("Caché de contenido en frío, imágenes sociales en caché");
const nueva = path.join(copia.raiz, "content/notas/2026/11/nota-nueva-del-benchmark.mdx");
writeFileSync(
  nueva,
  readFileSync(
    listarArchivosNotas(path.join(copia.raiz, "content/notas")).find((a) => !existsSync(a.replace(/\.mdx$/, ".jpg")))!,
    "utf8",
  ).replace(/^titulo: .*$/m, 'titulo: "Una nota nueva agregada entre dos construcciones del benchmark"'),
);
const una = construir("Una nota agregada, cachés calientes");
const nada = construir("Nada cambió");
const tipos = tamanos(salida);
const total = Object.values(tipos).reduce((a, b) => a + b, 0);

console.log("\nResumen");
const filas: [string, number, number][] = [
  ["caché de contenido fría, imágenes sociales en caché", sinContenido.segundos / tHugo, 5],
  ["una nota agregada, cachés calientes", una.segundos / tHugo, 4],
  ["todo en frío", fria.segundos / tHugo, 10],
];
for (const [nombre, razon, meta] of filas)
  console.log(`- ${nombre}: ${razon.toFixed(1)}× Hugo (meta ≤ ${meta}×) ${razon <= meta ? "CUMPLE" : "NO CUMPLE"}`);
console.log(`- una nota agregada: ${una.renderizadas} renderizada(s), ${una.dibujadas} imagen(es) dibujada(s) (meta 1 y 1)`);
console.log(
  `- nada cambió: ${nada.renderizadas} renderizadas, ${nada.dibujadas} dibujadas, ${nada.codificadas} versiones de fotos codificadas (meta 0, 0 y 0)`,
);
// The benchmark's photos are 6 distinct files, so a cold build encodes 6; real photos are all
// distinct: the time per photo of the cold build, times one photo every two notes.
const msPorFoto = fria.msFotos / fria.fotos;
console.log(
  `- fotos para la web: ${fria.fotos} fotos distintas codificadas en frío en ${(fria.msFotos / 1000).toFixed(1)} s ` +
    `(${Math.round(msPorFoto)} ms por foto, 2 a la vez, junto con el resto de la construcción); con ${Math.round(N / 2)} fotos distintas ` +
    `la primera construcción tardaría unos ${((msPorFoto * N) / 2 / 60_000).toFixed(0)} min más, una sola vez (luego salen de .cache/fotos/)`,
);
console.log(
  `- memoria máxima de la construcción de ${N} notas: ${mb(Math.max(fria.memoriaMaxKb, sinContenido.memoriaMaxKb, una.memoriaMaxKb, nada.memoriaMaxKb) * 1024)}`,
);
console.log(
  `- tamaño del sitio con ${N + 1} notas: ${mb(total)} (${((total / LIMITE_PAGES) * 100).toFixed(0)} % del límite de 1 GB de GitHub Pages)`,
);
if (N < 5000) {
  // What grows with the notes (photos, social images, pages, index) scales; the rest is fixed.
  const fijo = tipos["CSS, JS y fuentes"] ?? 0;
  const proyectado = fijo + ((total - fijo) / (N + 1)) * 5000;
  console.log(
    `- proyectado a 5000 notas: ${mb(proyectado)} (${((proyectado / LIMITE_PAGES) * 100).toFixed(0)} % del límite de 1 GB de GitHub Pages)`,
  );
}
for (const [tipo, bytes] of Object.entries(tipos).sort((a, b) => b[1] - a[1])) console.log(`    ${tipo}: ${mb(bytes)}`);
console.log(`Carga al terminar: ${carga()}.`);

rmSync(salida, { recursive: true, force: true });
rmSync(hugoSitio, { recursive: true, force: true });
copia.borrar();
