import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Institucion } from "../content/schema/institucion.ts";
import { buscarSubserie, type ArtefactoTrd, type TrdCompleta } from "../content/schema/trd.ts";
import type { Nota } from "../content/notas.ts";
import { formatoFecha, formatoFechaHora, isoBogota, partes } from "../content/time.ts";
import { nombreDependencia } from "../content/institucion.ts";
import { rutas } from "../content/paths.ts";
import { crearPdfA, type Bloque } from "./pdfa.ts";
import type { EvidenciaNota, SolicitudArchivada } from "./evidencia.ts";

/**
 * Gathers the documents of a period into archival units (expedientes): one per note, one per
 * monthly report, one per inbox aggregate. Pure gathering over files already in the repository
 * plus what the caller reads from GitHub or git; nothing is written here.
 */

export interface Periodo {
  /** "2026-11" or "2026". */
  texto: string;
  anio: number;
  mes?: number;
}

export function leerPeriodo(texto: string | undefined): Periodo | undefined {
  const m = /^(\d{4})(?:-(0[1-9]|1[0-2]))?$/.exec(texto ?? "");
  if (!m) return undefined;
  return { texto: texto!, anio: Number(m[1]), mes: m[2] ? Number(m[2]) : undefined };
}

export const enPeriodo = (d: Date, p: Periodo): boolean => {
  const x = partes(d);
  return x.anio === p.anio && (p.mes === undefined || x.mes === p.mes);
};

export interface DocumentoArchivo {
  ruta: string;
  nombre: string;
  tipoDocumental: string;
  creado: Date;
  formato: string;
  paginas: number;
  origen: string;
  contenido: Uint8Array;
}

export interface UnidadArchivo {
  id: string;
  artefacto: ArtefactoTrd;
  subserie: string;
  asunto: string;
  carpeta: string;
  documentos: DocumentoArchivo[];
  notas: string[];
}

/** What the caller provides per note (read from GitHub or git) and the published page. */
export interface FuentesNota {
  evidencia: EvidenciaNota;
  solicitud?: SolicitudArchivada;
  /** Published HTML, when the built site or the live site had it. */
  html?: Uint8Array;
  origenHtml?: string;
}

const json = (v: unknown) => Buffer.from(`${JSON.stringify(v, null, 2)}\n`, "utf8");

/** Plain text of an MDX body, for the PDF rendering (headings, lists and links kept readable). */
export function textoPlano(mdx: string): Bloque[] {
  const bloques: Bloque[] = [];
  const sinCodigo = mdx.replace(/^(import|export)\s.*$/gm, "").replace(/<[^>]+>/g, "");
  for (const parrafo of sinCodigo.split(/\n\s*\n/)) {
    const t = parrafo
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/\[([^\]]+)\]\(([^)]+)\)/g, "$1 ($2)")
      .replace(/[*_`]{1,3}([^*_`]+)[*_`]{1,3}/g, "$1")
      .replace(/^\s*[-*+]\s+/gm, "• ")
      .trim();
    if (!t) continue;
    if (/^#{1,6}\s/.test(t)) bloques.push({ tipo: "subtitulo", texto: t.replace(/^#{1,6}\s+/, "") });
    else bloques.push({ tipo: "parrafo", texto: t });
  }
  return bloques;
}

/** First commit that added a file, from the local history; undefined outside git. */
function creadoEnGit(raiz: string, archivo: string): Date | undefined {
  try {
    const s = execFileSync("git", ["log", "--diff-filter=A", "--follow", "--format=%cI", "--", archivo], {
      cwd: raiz,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    })
      .trim()
      .split("\n")
      .pop();
    return s ? new Date(s) : undefined;
  } catch {
    return undefined;
  }
}

function tipo(trd: TrdCompleta, codigo: string, indice: number): string {
  const s = buscarSubserie(trd, codigo)?.subserie;
  return s?.tiposDocumentales[indice] ?? s?.tiposDocumentales[0] ?? "Documento";
}

/** The archival unit of one note: request, source, images, page (HTML and PDF/A), evidence, record, corrections. */
export async function unidadDeNota(
  nota: Nota,
  institucion: Institucion & { trd: TrdCompleta },
  fuentes: FuentesNota,
  raiz: string,
): Promise<UnidadArchivo> {
  const trd = institucion.trd;
  const codigo = trd.artefactos.nota;
  const carpeta = `notas/${nota.anio}-${nota.mes}-${nota.slug}`;
  const d = nota.datos;
  const creadoFuente = creadoEnGit(raiz, nota.archivo) ?? d.publicar;
  const docs: DocumentoArchivo[] = [];
  const notas: string[] = [];
  const ev = fuentes.evidencia;
  const sol = fuentes.solicitud;
  const numeroSolicitud = sol?.numero ?? ev.verificaciones.find((v) => v.solicitud)?.solicitud;
  if (sol) {
    docs.push({
      ruta: `${carpeta}/solicitud.json`,
      nombre: `Solicitud #${sol.numero}: ${sol.titulo}`,
      tipoDocumental: tipo(trd, codigo, 0),
      creado: sol.creadaEn ? new Date(sol.creadaEn) : creadoFuente,
      formato: "application/json",
      paginas: 1,
      origen: `GitHub, issue #${sol.numero}${sol.url ? ` (${sol.url})` : ""}`,
      contenido: json(sol),
    });
  } else if (numeroSolicitud) {
    notas.push(`Solicitud #${numeroSolicitud}: su texto no se leyó (sin conexión con GitHub)`);
  } else {
    notas.push("Sin solicitud asociada (la nota no cierra ningún issue)");
  }
  docs.push({
    ruta: `${carpeta}/nota.mdx`,
    nombre: `Nota: ${d.titulo}`,
    tipoDocumental: tipo(trd, codigo, 1),
    creado: creadoFuente,
    formato: "text/markdown (MDX, UTF-8)",
    paginas: 1,
    origen: nota.archivo,
    contenido: readFileSync(nota.ruta),
  });
  let imagen: { datos: Uint8Array; formato: "png" | "jpg" } | undefined;
  if (nota.rutaImagen && d.imagen) {
    const datos = readFileSync(nota.rutaImagen);
    const ext = path.extname(nota.rutaImagen).slice(1).toLowerCase();
    const mime = ext === "jpg" || ext === "jpeg" ? "image/jpeg" : ext === "webp" ? "image/webp" : "image/png";
    docs.push({
      ruta: `${carpeta}/${path.basename(nota.rutaImagen)}`,
      nombre: `Imagen de la nota: ${d.imagen.alt}`,
      tipoDocumental: tipo(trd, codigo, 3),
      creado: creadoEnGit(raiz, path.relative(raiz, nota.rutaImagen)) ?? creadoFuente,
      formato: mime,
      paginas: 1,
      origen: path.relative(raiz, nota.rutaImagen).split(path.sep).join("/"),
      contenido: datos,
    });
    if (mime !== "image/webp") imagen = { datos, formato: mime === "image/png" ? "png" : "jpg" };
  }
  if (fuentes.html) {
    docs.push({
      ruta: `${carpeta}/pagina.html`,
      nombre: `Página publicada: ${institucion.sitio}${nota.url}`,
      tipoDocumental: tipo(trd, codigo, 2),
      creado: d.publicar,
      formato: "text/html (UTF-8)",
      paginas: 1,
      origen: fuentes.origenHtml ?? `${institucion.sitio}${nota.url}`,
      contenido: fuentes.html,
    });
  } else {
    notas.push("Página HTML no incluida: no se indicó el sitio construido ni el publicado (--sitio)");
  }
  const bloques: Bloque[] = [
    { tipo: "parrafo", texto: `${institucion.nombreCorto} · ${institucion.oficina}`, tamano: 8.5 },
    { tipo: "titulo", texto: d.titulo },
    { tipo: "parrafo", texto: d.resumen, tamano: 11 },
    { tipo: "dato", etiqueta: "Publicada", valor: formatoFechaHora(d.publicar) },
    { tipo: "dato", etiqueta: "Dependencia", valor: nombreDependencia(institucion, d.dependencia) },
    { tipo: "dato", etiqueta: "Autor", valor: d.autor },
    { tipo: "dato", etiqueta: "Dirección", valor: `${institucion.sitio}${nota.url}` },
    ...(imagen && d.imagen ? [{ tipo: "imagen" as const, ...imagen, alt: d.imagen.alt }] : []),
    ...textoPlano(nota.cuerpo),
    ...(d.correcciones.length
      ? [
          { tipo: "subtitulo" as const, texto: "Fe de erratas" },
          ...d.correcciones.map((c) => ({ tipo: "parrafo" as const, texto: `${formatoFechaHora(c.fecha)}: ${c.descripcion}` })),
        ]
      : []),
  ];
  const pdf = await crearPdfA({
    titulo: d.titulo,
    autor: institucion.oficina,
    asunto: d.resumen,
    creado: d.correcciones.at(-1)?.fecha ?? d.publicar,
    bloques,
  });
  docs.push({
    ruta: `${carpeta}/pagina.pdf`,
    nombre: `Página publicada en PDF/A: ${d.titulo}`,
    tipoDocumental: tipo(trd, codigo, 2),
    creado: d.correcciones.at(-1)?.fecha ?? d.publicar,
    formato: "application/pdf (PDF/A-2b)",
    paginas: pdf.paginas,
    origen: `Convergente, a partir de ${nota.archivo}`,
    contenido: pdf.bytes,
  });
  const verificada = ev.verificaciones.find((v) => v.aprobaciones.length) ?? ev.verificaciones[0];
  docs.push({
    ruta: `${carpeta}/verificacion.json`,
    nombre: verificada ? `Verificación: solicitud de cambios #${verificada.pr}` : "Verificación: no consta",
    tipoDocumental: tipo(trd, codigo, 4),
    creado: verificada?.fusionadoEn ? new Date(verificada.fusionadoEn) : creadoFuente,
    formato: "application/json",
    paginas: 1,
    origen:
      ev.fuente === "github"
        ? "GitHub (API REST: pull requests, revisiones y chequeos)"
        : "historia git local (commits de fusión)",
    contenido: json(ev),
  });
  if (ev.fuente === "historia-git-local") notas.push("Verificación leída sin conexión de la historia git local");
  if (!ev.verificaciones.length) notas.push("No consta solicitud de cambios fusionada para esta nota");
  else if (!ev.verificaciones.some((v) => v.aprobaciones.length)) notas.push("No consta quién aprobó");
  const registro = path.join(rutas(raiz).publicaciones, `${nota.id}.json`);
  if (existsSync(registro)) {
    docs.push({
      ruta: `${carpeta}/registro-publicacion.json`,
      nombre: `Registro de publicación en redes: ${d.titulo}`,
      tipoDocumental: tipo(trd, trd.artefactos.registroPublicacion, 5),
      creado: creadoEnGit(raiz, path.relative(raiz, registro)) ?? d.publicar,
      formato: "application/json",
      paginas: 1,
      origen: path.relative(raiz, registro).split(path.sep).join("/"),
      contenido: readFileSync(registro),
    });
  } else {
    notas.push("Sin registro de publicación en redes");
  }
  if (d.correcciones.length) {
    docs.push({
      ruta: `${carpeta}/correcciones.json`,
      nombre: `Fe de erratas (${d.correcciones.length})`,
      tipoDocumental: tipo(trd, codigo, 6),
      creado: d.correcciones.at(-1)!.fecha,
      formato: "application/json",
      paginas: 1,
      origen: `${nota.archivo} (campo correcciones)`,
      contenido: json(d.correcciones.map((c) => ({ fecha: isoBogota(c.fecha), descripcion: c.descripcion }))),
    });
    notas.push(`Correcciones: ${d.correcciones.map((c) => formatoFecha(c.fecha)).join("; ")}`);
  }
  return {
    id: `${nota.anio}-${nota.mes}-${nota.slug}`,
    artefacto: "nota",
    subserie: codigo,
    asunto: d.titulo,
    carpeta,
    documentos: docs.sort((a, b) => a.creado.getTime() - b.creado.getTime()),
    notas,
  };
}

function listar(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

const MIME: Record<string, string> = {
  ".md": "text/markdown (UTF-8)",
  ".mdx": "text/markdown (MDX, UTF-8)",
  ".json": "application/json",
  ".csv": "text/csv (UTF-8)",
  ".pdf": "application/pdf",
  ".html": "text/html (UTF-8)",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

const ES_BUZON = /(inquietudes|buzon)/;

/** Files of content/reportes/ of the period: the period appears in the path as AAAA-MM or AAAA/MM. */
function archivosDelPeriodo(raiz: string, p: Periodo): string[] {
  const carpeta = rutas(raiz).reportes;
  const marcas =
    p.mes !== undefined
      ? [`${p.anio}-${String(p.mes).padStart(2, "0")}`, `${p.anio}/${String(p.mes).padStart(2, "0")}`]
      : [`${p.anio}-`, `${p.anio}/`];
  return listar(carpeta).filter((f) => {
    const rel = path.relative(carpeta, f).split(path.sep).join("/");
    return marcas.some((m) => rel.includes(m));
  });
}

/** Units for the monthly reports (report + its metrics data + a PDF/A rendering) and inbox aggregates. */
export async function unidadesDeInformes(
  institucion: Institucion & { trd: TrdCompleta },
  p: Periodo,
  raiz: string,
): Promise<{ unidades: UnidadArchivo[]; avisos: string[] }> {
  const trd = institucion.trd;
  const archivos = archivosDelPeriodo(raiz, p);
  const avisos: string[] = [];
  const unidades: UnidadArchivo[] = [];
  const porMes = new Map<string, { informes: string[]; buzon: string[] }>();
  for (const f of archivos) {
    const rel = path.relative(rutas(raiz).reportes, f).split(path.sep).join("/");
    const mes = /(\d{4})[-/](\d{2})/.exec(rel)!;
    const clave = `${mes[1]}-${mes[2]}`;
    const g = porMes.get(clave) ?? { informes: [], buzon: [] };
    (ES_BUZON.test(rel) ? g.buzon : g.informes).push(f);
    porMes.set(clave, g);
  }
  if (![...porMes.values()].some((g) => g.informes.length))
    avisos.push(`No hay informes mensuales de ${p.texto} en content/reportes/: el paquete no incluye informes.`);
  if (![...porMes.values()].some((g) => g.buzon.length))
    avisos.push(`No hay agregados de inquietudes de ${p.texto}: el paquete no los incluye.`);
  avisos.push(
    "Las conversaciones completas con la ciudadanía (datos personales, Ley 1581 de 2012) nunca entran a este paquete público.",
  );
  for (const [mes, g] of [...porMes.entries()].sort()) {
    for (const [artefacto, lista] of [
      ["informeMensual", g.informes],
      ["agregadoBuzon", g.buzon],
    ] as const) {
      if (!lista.length) continue;
      const codigo = trd.artefactos[artefacto];
      const carpeta = `${artefacto === "informeMensual" ? "informes" : "inquietudes"}/${mes}`;
      const docs: DocumentoArchivo[] = [];
      for (const f of lista) {
        const rel = path.relative(raiz, f).split(path.sep).join("/");
        const contenido = readFileSync(f);
        const ext = path.extname(f).toLowerCase();
        const creado = creadoEnGit(raiz, rel) ?? new Date(`${mes}-01T00:00:00-05:00`);
        const baseRuta = path.relative(rutas(raiz).reportes, f).split(path.sep).join("/").replace(/\//g, "_");
        docs.push({
          ruta: `${carpeta}/${baseRuta}`,
          nombre: `${artefacto === "informeMensual" ? "Informe" : "Agregado de inquietudes"}: ${path.basename(f)}`,
          tipoDocumental: tipo(trd, codigo, /datos\//.test(rel) ? 1 : 0),
          creado,
          formato: MIME[ext] ?? "application/octet-stream",
          paginas: 1,
          origen: rel,
          contenido,
        });
        if (ext === ".md" || ext === ".mdx") {
          const texto = contenido.toString("utf8").replace(/^---\n[\s\S]*?\n---\n/, "");
          const titulo = /^#\s+(.+)$/m.exec(texto)?.[1] ?? `Informe de ${mes}`;
          const pdf = await crearPdfA({
            titulo,
            autor: institucion.oficina,
            asunto: `Informe mensual ${mes}`,
            creado,
            bloques: [
              { tipo: "parrafo", texto: `${institucion.nombreCorto} · ${institucion.oficina}`, tamano: 8.5 },
              ...textoPlano(texto),
            ],
          });
          docs.push({
            ruta: `${carpeta}/${baseRuta.replace(/\.mdx?$/, "")}.pdf`,
            nombre: `Informe en PDF/A: ${titulo}`,
            tipoDocumental: tipo(trd, codigo, 0),
            creado,
            formato: "application/pdf (PDF/A-2b)",
            paginas: pdf.paginas,
            origen: `Convergente, a partir de ${rel}`,
            contenido: pdf.bytes,
          });
        }
      }
      unidades.push({
        id: `${artefacto === "informeMensual" ? "informe" : "inquietudes"}-${mes}`,
        artefacto,
        subserie: codigo,
        asunto: artefacto === "informeMensual" ? `Informe mensual de comunicaciones ${mes}` : `Agregados de inquietudes ${mes}`,
        carpeta,
        documentos: docs.sort((a, b) => a.creado.getTime() - b.creado.getTime() || (a.ruta < b.ruta ? -1 : 1)),
        notas: [],
      });
    }
  }
  return { unidades, avisos };
}
