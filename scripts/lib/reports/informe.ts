import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import type { z } from "zod";
import { escribirAtomico } from "../content/escribir.ts";
import { cargarInstitucion } from "../content/institucion.ts";
import { cargarNotasOFallar } from "../content/notas.ts";
import { relativa, rutas } from "../content/paths.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { mensajeIssue } from "../content/zod-es.ts";
import { cifrasInformeSchema, informeFrontmatterSchema, solicitudesMesSchema } from "../content/schema/informe.ts";
import { agregadoInquietudesSchema } from "../content/schema/inquietudes.ts";
import { instantaneaMetricasSchema } from "../content/schema/metricas.ts";
import { leerRegistros } from "../ledger/almacen.ts";
import { calcularCifras, type DatosInforme } from "./cifras.ts";
import { graficoBarras } from "./graficos.ts";
import { crearPdfInforme } from "./pdf.ts";
import { aCsv, aMdx, conclusionesDe, redactar } from "./redaccion.ts";
import { leerCambiosDeImagen } from "./imagen.ts";

/**
 * `prensa informe AAAA-MM`: reads what the repository holds for the month, computes the figures
 * (cifras.ts), writes the text (redaccion.ts), draws the charts (graficos.ts), typesets the PDF/A
 * (pdf.ts) and writes everything to content/reportes/AAAA/MM/ (temp file + rename each). No
 * instant from the clock enters a file: the same repository state gives the same bytes.
 */

/** Folder of a month's report: content/reportes/AAAA/MM. */
export const carpetaInforme = (raiz: string, periodo: string): string =>
  path.join(rutas(raiz).reportes, periodo.slice(0, 4), periodo.slice(5, 7));
/** Folder of a month's data: content/reportes/datos/AAAA/MM. */
export const carpetaDatos = (raiz: string, periodo: string): string =>
  path.join(rutas(raiz).reportes, "datos", periodo.slice(0, 4), periodo.slice(5, 7));

/** Reads and validates a JSON file with a schema; Spanish error naming the file and the field. */
export function leerJson<T extends z.ZodType>(raiz: string, ruta: string, esquema: T): z.infer<T> {
  const archivo = relativa(raiz, ruta);
  let datos: unknown;
  try {
    datos = JSON.parse(readFileSync(ruta, "utf8"));
  } catch (e) {
    throw new ErrorConvergente(`${archivo} no es JSON válido.`, [
      {
        archivo,
        mensaje: `JSON mal formado (${(e as Error).message})`,
        arreglo: `restáurelo desde git (git log -p -- ${archivo})`,
      },
    ]);
  }
  const r = esquema.safeParse(datos);
  if (r.success) return r.data;
  throw new ErrorConvergente(
    `${archivo} no es válido.`,
    r.error.issues.map((i) => ({
      archivo,
      campo: i.path.join(".") || "(raíz)",
      mensaje: mensajeIssue(i),
      arreglo: `restáurelo desde git (git log -p -- ${archivo})`,
    })),
  );
}

/** Everything the report of a month reads from the repository. */
export function leerDatos(raiz: string, periodo: string, ahora: Date): DatosInforme {
  const institucion = cargarInstitucion(raiz);
  const notas = cargarNotasOFallar(institucion, { raiz });
  const registros = [...leerRegistros(raiz).values()];
  const datos = carpetaDatos(raiz, periodo);
  const enDatos = existsSync(datos) ? readdirSync(datos).sort() : [];
  const metricas = enDatos
    .filter((f) => /^metricas-\d{4}-\d{2}-\d{2}\.json$/.test(f))
    .map((f) => ({
      archivo: relativa(raiz, path.join(datos, f)),
      datos: leerJson(raiz, path.join(datos, f), instantaneaMetricasSchema),
    }));
  const rutaBandeja = path.join(datos, "inquietudes.json");
  const rutaSolicitudes = path.join(datos, "solicitudes.json");
  const imagen = leerCambiosDeImagen(raiz, periodo);
  return {
    periodo,
    institucion,
    notas,
    registros,
    metricas,
    inquietudes: existsSync(rutaBandeja)
      ? { archivo: relativa(raiz, rutaBandeja), datos: leerJson(raiz, rutaBandeja, agregadoInquietudesSchema) }
      : undefined,
    solicitudes: existsSync(rutaSolicitudes)
      ? { archivo: relativa(raiz, rutaSolicitudes), datos: leerJson(raiz, rutaSolicitudes, solicitudesMesSchema) }
      : undefined,
    imagen,
    ahora,
  };
}

export interface ArchivoInforme {
  /** Relative to the repository root. */
  ruta: string;
  cambio: "creado" | "actualizado" | "igual" | "borrado";
}

export interface ResultadoInforme {
  carpeta: string;
  archivos: ArchivoInforme[];
  cifras: z.infer<typeof cifrasInformeSchema>;
  /** Whether «Conclusiones y compromisos» still has the placeholder. */
  conclusionesPendientes: boolean;
}

const json = (x: unknown) => `${JSON.stringify(x, null, 2)}\n`;
/** YAML of the frontmatter: no line folding, so the text reads the same in the diff. */
const yaml = (x: unknown) => stringify(x, { lineWidth: 0 });

/** Writes the month's report. Keeps «Conclusiones y compromisos» from the existing MDX. */
export async function generarInforme(raiz: string, periodo: string, ahora: Date): Promise<ResultadoInforme> {
  const datos = leerDatos(raiz, periodo, ahora);
  const cifras = cifrasInformeSchema.parse(calcularCifras(datos));
  const carpeta = carpetaInforme(raiz, periodo);
  const rutaMdx = path.join(carpeta, "informe.mdx");
  const previo = existsSync(rutaMdx) ? readFileSync(rutaMdx, "utf8") : undefined;
  const conclusiones = previo ? conclusionesDe(previo) : undefined;
  const ejemplo =
    datos.registros.some((r) => r.ejemplo) || datos.metricas.some((m) => m.datos.ejemplo) || datos.solicitudes?.datos.ejemplo;
  const r = redactar(cifras, datos.institucion, { conclusiones, ejemplo: ejemplo === true });
  informeFrontmatterSchema.parse(r.frontmatter);
  const mdx = aMdx(r, yaml);

  const archivos = new Map<string, string | Buffer>();
  const graficos = new Map<string, Buffer>();
  for (const g of r.graficos) {
    const svg = Buffer.from(
      await graficoBarras({
        etiquetas: g.etiquetas,
        valores: g.valores,
        medida: g.medida,
        categoria: g.categoria,
        descripcion: g.grafico.alt,
        horizontal: g.horizontal,
      }),
    );
    graficos.set(`${g.grafico.id}.svg`, svg);
    archivos.set(`${g.grafico.id}.svg`, svg);
  }
  for (const t of r.tablas) archivos.set(`${t.id}.csv`, aCsv(t));
  archivos.set("cifras.json", json(cifras));
  archivos.set("informe.mdx", mdx);
  archivos.set(r.frontmatter.pdf, crearPdfInforme({ mdx, graficos, archivo: relativa(raiz, rutaMdx) }));

  const salida: ArchivoInforme[] = [];
  for (const [nombre, contenido] of [...archivos.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const destino = path.join(carpeta, nombre);
    const bytes = typeof contenido === "string" ? Buffer.from(contenido) : contenido;
    const antes = existsSync(destino) ? readFileSync(destino) : undefined;
    if (antes?.equals(bytes)) {
      salida.push({ ruta: relativa(raiz, destino), cambio: "igual" });
      continue;
    }
    escribirAtomico(destino, bytes);
    salida.push({ ruta: relativa(raiz, destino), cambio: antes ? "actualizado" : "creado" });
  }
  // Charts, tables and PDFs of an earlier run that this month no longer has.
  for (const f of existsSync(carpeta) ? readdirSync(carpeta).sort() : []) {
    if (archivos.has(f) || !/^[a-z0-9-]+\.(svg|csv|pdf)$/.test(f)) continue;
    rmSync(path.join(carpeta, f));
    salida.push({ ruta: relativa(raiz, path.join(carpeta, f)), cambio: "borrado" });
  }
  return { carpeta, archivos: salida, cifras, conclusionesPendientes: !conclusiones };
}
