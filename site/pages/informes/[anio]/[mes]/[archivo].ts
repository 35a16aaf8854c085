import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRoute, GetStaticPaths } from "astro";
import { informesPublicados } from "../../../../../scripts/lib/reports/html.ts";

/** The files beside each report (charts, tables, figures, PDF/A), served at /informes/AAAA/MM/<file>. */
export const getStaticPaths = (() =>
  informesPublicados().flatMap((informe) =>
    informe.archivos.map((archivo) => ({
      params: { anio: informe.anio, mes: informe.mes, archivo },
      props: { ruta: path.join(informe.carpeta, archivo) },
    })),
  )) satisfies GetStaticPaths;

const TIPOS: Record<string, string> = {
  ".svg": "image/svg+xml",
  ".csv": "text/csv; charset=utf-8",
  ".pdf": "application/pdf",
  ".json": "application/json",
};

export const GET: APIRoute = ({ props }) => {
  const ruta = (props as { ruta: string }).ruta;
  return new Response(readFileSync(ruta), {
    headers: { "Content-Type": TIPOS[path.extname(ruta)] ?? "application/octet-stream" },
  });
};
