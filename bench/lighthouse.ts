// Benchmark: Lighthouse (npm `lighthouse`, Debian's Chromium) in its default mobile preset
// (emulated mid-range phone, simulated slow 4G) on the sample site as built: the home page, a note
// with an image and the search page with a query. Prints performance, accessibility, best
// practices and SEO (target: 100 each, issue 12), and every audit that cost points.
// Usage: node bench/lighthouse.ts   (CHROMIUM_RUTA overrides /usr/bin/chromium)
import { createServer } from "node:net";
import { loadavg } from "node:os";
import lighthouse from "lighthouse";
import { chromium } from "playwright-core";
import { servirSitio } from "../scripts/lib/servidor/estatico.ts";
import { construirSitio } from "../test/ayudas/construir.ts";
import { RUTA_CHROMIUM } from "../test/ayudas/navegador.ts";
import { raizCon } from "../test/ayudas/raiz.ts";

const AHORA = "2026-11-28T12:00:00-05:00";
const PAGINAS: [string, string][] = [
  ["portada", "/"],
  ["nota con imagen", "/noticias/2026/11/festival-campesino/"],
  ["búsqueda", "/buscar/?q=vacunaci%C3%B3n"],
];
const CATEGORIAS = ["performance", "accessibility", "best-practices", "seo"] as const;
const NOMBRES: Record<(typeof CATEGORIAS)[number], string> = {
  performance: "rendimiento",
  accessibility: "accesibilidad",
  "best-practices": "buenas prácticas",
  seo: "SEO",
};

const carga = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

async function puertoLibre(): Promise<number> {
  return new Promise((resolver, rechazar) => {
    const s = createServer();
    s.once("error", rechazar);
    s.listen(0, "127.0.0.1", () => {
      const direccion = s.address();
      s.close(() => resolver(typeof direccion === "object" && direccion ? direccion.port : 0));
    });
  });
}

console.log(`Lighthouse (preajuste móvil) sobre el sitio de ejemplo. Carga al empezar: ${carga()}.`);
const copia = raizCon({ prefijo: "bench-lighthouse-", delRepositorio: ["content"] });
const sitio = construirSitio(copia.raiz, AHORA);
if (sitio.codigo !== 0) throw new Error(`La construcción falló:\n${sitio.registro.slice(-3000)}`);
const { servidor, url: base } = await servirSitio(sitio.carpeta, 0);
const puerto = await puertoLibre();
// Lighthouse drives Chromium through its DevTools port.
const navegador = await chromium.launch({
  executablePath: RUTA_CHROMIUM,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", `--remote-debugging-port=${puerto}`],
});

let fallas = 0;
try {
  const filas: string[] = [];
  for (const [nombre, ruta] of PAGINAS) {
    const resultado = await lighthouse(`${base}${ruta}`, {
      port: puerto,
      output: "json",
      logLevel: "error",
      onlyCategories: [...CATEGORIAS],
    });
    if (!resultado) throw new Error(`Lighthouse no devolvió resultados para ${ruta}`);
    const { lhr } = resultado;
    if (lhr.runtimeError) throw new Error(`Lighthouse falló en ${ruta}: ${lhr.runtimeError.message}`);
    const puntajes = CATEGORIAS.map((c) => Math.round((lhr.categories[c]?.score ?? 0) * 100));
    if (puntajes.some((p) => p < 100)) fallas++;
    filas.push(`- ${nombre} (${ruta}): ${CATEGORIAS.map((c, i) => `${NOMBRES[c]} ${puntajes[i]}`).join(", ")}`);
    // The audits that cost points, with Lighthouse's own numbers.
    for (const c of CATEGORIAS)
      for (const ref of lhr.categories[c]?.auditRefs ?? []) {
        const a = lhr.audits[ref.id];
        if (!a || ref.weight === 0 || a.score === null || a.score >= 1) continue;
        filas.push(
          `    ${NOMBRES[c]}: ${a.id} (${Math.round(a.score * 100)}) ${a.title}${a.displayValue ? ` — ${a.displayValue}` : ""}`,
        );
      }
    const m = (id: string) => lhr.audits[id]?.displayValue ?? "?";
    filas.push(
      `    FCP ${m("first-contentful-paint")}, LCP ${m("largest-contentful-paint")}, TBT ${m("total-blocking-time")}, CLS ${m("cumulative-layout-shift")}, peso ${m("total-byte-weight")}`,
    );
  }
  console.log("\nResumen (meta: 100 en cada categoría)");
  for (const f of filas) console.log(f);
  console.log(`Carga al terminar: ${carga()}.`);
} finally {
  await navegador.close();
  servidor.close();
  copia.borrar();
}
process.exitCode = fallas ? 1 : 0;
