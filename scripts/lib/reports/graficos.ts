import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/**
 * The report's charts, drawn without a browser: a Vega-Lite specification compiled to Vega and
 * rendered to SVG by Vega's headless renderer (https://vega.github.io/vega/usage/#node,
 * `view.toSVG()`). Without node-canvas, Vega estimates text widths from character counts, so the
 * same data gives the same bytes on every machine. Institutional colours and fonts (GOV.CO:
 * blue #004884, Work Sans) come from the report's caller.
 */

export interface Barras {
  /** Category labels, in the order shown. */
  etiquetas: string[];
  valores: number[];
  /** Name of the measured figure (axis title), e.g. «Notas publicadas». */
  medida: string;
  /** Name of the categories (axis title), e.g. «Semana». */
  categoria: string;
  /** Text alternative, also written into the SVG as its ARIA description. */
  descripcion: string;
  /** Bars left to right (for long labels) instead of bottom to top. */
  horizontal?: boolean;
  color?: string;
}

const escaparXml = (t: string): string => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

/** Draws a bar chart as a standalone SVG document. */
export async function graficoBarras(b: Barras): Promise<string> {
  const datos = b.etiquetas.map((etiqueta, i) => ({ etiqueta, valor: b.valores[i] ?? 0 }));
  const categoria = {
    field: "etiqueta",
    type: "nominal" as const,
    title: b.categoria,
    sort: null,
    axis: { labelLimit: 260 },
  };
  const medida = {
    field: "valor",
    type: "quantitative" as const,
    title: b.medida,
    axis: { tickMinStep: 1, format: ",d" },
  };
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: b.descripcion,
    width: b.horizontal ? 420 : Math.max(240, 64 * datos.length),
    height: b.horizontal ? Math.max(80, 28 * datos.length) : 220,
    background: "#ffffff",
    padding: 8,
    data: { values: datos },
    layer: [
      { mark: { type: "bar", color: b.color ?? "#004884" } },
      {
        mark: { type: "text", ...(b.horizontal ? { align: "left", dx: 4 } : { baseline: "bottom", dy: -3 }), color: "#1a1a1a" },
        encoding: { text: { field: "valor", type: "quantitative", format: ",d" } },
      },
    ],
    encoding: b.horizontal
      ? { y: categoria, x: medida }
      : { x: { ...categoria, axis: { labelAngle: 0, labelLimit: 120 } }, y: medida },
    config: {
      font: "Work Sans, Arial, sans-serif",
      axis: { labelColor: "#1a1a1a", titleColor: "#1a1a1a", labelFontSize: 12, titleFontSize: 12, gridColor: "#d9d9d9" },
      view: { stroke: null },
      // Spanish number format: thousands with a dot (1.234).
      locale: { number: { decimal: ",", thousands: ".", grouping: [3], currency: ["$", ""] } },
    },
  };
  const vista = new vega.View(vega.parse(compile(spec).spec), { renderer: "none", logLevel: vega.Error });
  try {
    // Vega's own ARIA labels are English («X-axis titled…»); the chart is one image with the report's Spanish text alternative.
    const svg = (await vista.toSVG())
      .replace(/ (?:role|aria-[a-z]+)="[^"]*"/g, "")
      .replace(/^<svg /, `<svg role="img" aria-label="${escaparXml(b.descripcion)}" lang="es" `)
      .replace(/^(<svg[^>]*>)/, `$1<title>${escaparXml(b.descripcion)}</title>`);
    return `${svg}\n`;
  } finally {
    vista.finalize();
  }
}
