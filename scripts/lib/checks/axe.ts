import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { ErrorConvergente } from "../content/problems.ts";
import { servirSitio } from "../servidor/estatico.ts";

/**
 * axe-core (Deque) run in headless Chromium over pages of a built site, with the WCAG 2.1 A/AA
 * rules the site must meet (Resolución 1519 de 2020, anexo 1) plus axe's best practices: the
 * same rules as the full accessibility test (test/e2e/accesibilidad.test.ts), here for the few
 * pages a pull request changes. https://github.com/dequelabs/axe-core/blob/develop/doc/API.md
 */

export const ETIQUETAS_WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

/** Debian's Chromium; GitHub's Ubuntu runners have Google Chrome at /usr/bin/google-chrome. */
export const NAVEGADOR_POR_OMISION = "/usr/bin/chromium";

/** One axe violation on one page. */
export interface HallazgoAxe {
  /** Site path of the page ("/noticias/2026/11/festival-campesino/"). */
  ruta: string;
  regla: string;
  impacto: string;
  /** axe's one-line help, in English (axe has no Spanish locale bundled with the rule texts we cite). */
  ayuda: string;
  /** Link to the rule's explanation (dequeuniversity.com). */
  enlace: string;
  /** CSS selectors of the elements that fail. */
  elementos: string[];
}

interface ResultadoAxe {
  violations: { id: string; impact?: string | null; help: string; helpUrl: string; nodes: { target: unknown[] }[] }[];
}

/** Runs axe on each path of the site in `carpeta` (served locally); returns every violation. */
export async function revisarPaginas(
  carpeta: string,
  rutas: readonly string[],
  navegador = NAVEGADOR_POR_OMISION,
): Promise<HallazgoAxe[]> {
  const requerir = createRequire(import.meta.url);
  const axe = readFileSync(requerir.resolve("axe-core/axe.min.js"), "utf8");
  const { chromium } = await import("playwright-core");
  let abierto;
  try {
    abierto = await chromium.launch({
      executablePath: navegador,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
    });
  } catch (e) {
    throw new ErrorConvergente(
      `No se pudo abrir el navegador ${navegador} para revisar la accesibilidad (${(e as Error).message.split("\n")[0]}). Instale Chromium («sudo apt-get install -y chromium») o indique su ruta con --navegador.`,
    );
  }
  const { servidor, url } = await servirSitio(carpeta, 0);
  const hallazgos: HallazgoAxe[] = [];
  try {
    const pagina = await abierto.newPage();
    for (const ruta of rutas) {
      const respuesta = await pagina.goto(`${url}${ruta}`);
      if (!respuesta || respuesta.status() !== 200)
        throw new ErrorConvergente(`La página ${ruta} no está en el sitio construido (${carpeta}).`);
      await pagina.addScriptTag({ content: axe });
      const resultado = await pagina.evaluate(
        async (etiquetas) =>
          (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<ResultadoAxe> } }).axe.run(document, {
            runOnly: { type: "tag", values: etiquetas },
          }),
        ETIQUETAS_WCAG,
      );
      for (const v of resultado.violations)
        hallazgos.push({
          ruta,
          regla: v.id,
          impacto: v.impact ?? "desconocido",
          ayuda: v.help,
          enlace: v.helpUrl,
          elementos: v.nodes.map((n) => n.target.map(String).join(" ")),
        });
    }
  } finally {
    await abierto.close();
    servidor.close();
  }
  return hallazgos;
}
