// Benchmark: `prensa publicar` over 5,000 notes whose record says everything is done must finish in < 3 s.
// Builds a synthetic repository in a temp folder and runs the real entry point.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { claveIdempotencia, hashNota } from "../scripts/lib/publish/version.ts";
import { serializarRegistro, registroNuevo } from "../scripts/lib/ledger/index.ts";
import type { Red } from "../scripts/lib/content/schema/redes.ts";
import { RAIZ } from "../scripts/lib/content/paths.ts";
import { raizCon } from "../test/ayudas/raiz.ts";

const NOTAS = Number(process.env.BENCH_NOTAS ?? 5000);
const LIMITE_MS = 3000;
const REDES: Red[] = ["facebook", "x", "mastodon", "telegram"];

const { raiz, borrar } = raizCon({ prefijo: "prensa-bench-publicar-" });
try {
  for (let i = 0; i < NOTAS; i++) {
    const mes = String((i % 12) + 1).padStart(2, "0");
    const anio = 2020 + Math.floor(i / 1000);
    const slug = `nota-sintetica-${i}`;
    const id = `${anio}/${mes}/${slug}`;
    const carpeta = path.join(raiz, "content/notas", String(anio), mes);
    mkdirSync(carpeta, { recursive: true });
    const publicar = `${anio}-${mes}-10T08:00:00-05:00`;
    const texto = `---\ntitulo: Nota sintética número ${i} para medir el publicador\nresumen: Una nota de prueba con un resumen suficientemente largo para ser válido en el esquema.\npublicar: ${publicar}\ndependencia: oficina-de-prensa\nautor: Oficina de Prensa\netiquetas: [prueba, rendimiento]\ncanales: [${REDES.join(", ")}]\n---\n\nCuerpo de la nota ${i}.\n`;
    writeFileSync(path.join(carpeta, `${slug}.mdx`), texto);
    const registro = registroNuevo({
      notaId: id,
      archivo: `content/notas/${id}.mdx`,
      titulo: `Nota sintética número ${i} para medir el publicador`,
      dependencia: "oficina-de-prensa",
    });
    // As the publisher leaves it once every network is done.
    registro.hashNota = hashNota(texto);
    for (const red of REDES)
      registro.redes[red] = {
        estado: "publicado",
        intentos: 1,
        idRemoto: String(i),
        url: `https://${red}.example/${i}`,
        programado: publicar,
        publicadoEn: publicar,
        demoraSegundos: 0,
        hashEnviado: "0000000000000000",
        clave: claveIdempotencia(id, red, "original"),
        version: "original",
        correcciones: [],
        actualizado: publicar,
      };
    const destino = path.join(raiz, "content/publicaciones", `${id}.json`);
    mkdirSync(path.dirname(destino), { recursive: true });
    writeFileSync(destino, serializarRegistro(registro));
  }
  const env = { ...process.env, PRENSA_RAIZ: raiz, TZ: "America/Bogota", GITHUB_STEP_SUMMARY: "" };
  const tiempos: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      [path.join(RAIZ, "scripts/prensa.ts"), "publicar", "--ahora", "2026-12-31T23:00:00-05:00"],
      {
        env,
        encoding: "utf8",
      },
    );
    tiempos.push(performance.now() - t0);
    if (r.status !== 0 || !r.stdout.includes("No había nada pendiente")) {
      console.error(`prensa publicar falló (salida ${r.status}):\n${r.stdout}\n${r.stderr}`);
      process.exit(1);
    }
  }
  const mejor = Math.min(...tiempos);
  console.log(
    `publicar sin pendientes sobre ${NOTAS.toLocaleString("es-CO")} notas (${(NOTAS * REDES.length).toLocaleString("es-CO")} pares nota-red): ` +
      `${tiempos.map((t) => `${(t / 1000).toFixed(2)} s`).join(", ")} (mejor ${(mejor / 1000).toFixed(2)} s; límite ${LIMITE_MS / 1000} s) ` +
      (mejor < LIMITE_MS ? "✔" : "✘"),
  );
  if (mejor >= LIMITE_MS) process.exitCode = 1;
} finally {
  if (process.env.BENCH_CONSERVAR) console.log(`Repositorio sintético conservado en ${raiz}`);
  else borrar();
}
