import type { Institucion } from "../content/schema/institucion.ts";
import { buscarSubserie, type TrdCompleta } from "../content/schema/trd.ts";
import { isoBogota, partes } from "../content/time.ts";
import { hashSha512 } from "./bagit.ts";
import type { UnidadArchivo } from "./expediente.ts";
import type { DocumentoIndice, FilaFuid, Fuid, Indice } from "./esquema.ts";
import type { Bloque } from "./pdfa.ts";

/** Pure: the índice electrónico and the FUID of a set of units. */

const dia = (d: Date) => {
  const p = partes(d);
  return `${p.anio}-${String(p.mes).padStart(2, "0")}-${String(p.dia).padStart(2, "0")}`;
};

export function construirIndice(
  institucion: Institucion,
  periodo: string,
  unidades: UnidadArchivo[],
  incorporado: Date,
  avisos: string[],
): Indice {
  const documentos: DocumentoIndice[] = [];
  for (const u of unidades) {
    let pagina = 1;
    u.documentos.forEach((d, i) => {
      documentos.push({
        orden: i + 1,
        unidad: u.id,
        nombre: d.nombre,
        tipoDocumental: d.tipoDocumental,
        fechaCreacion: isoBogota(d.creado),
        fechaIncorporacion: isoBogota(incorporado),
        paginas: d.paginas,
        paginaInicio: pagina,
        paginaFin: pagina + d.paginas - 1,
        formato: d.formato,
        tamano: d.contenido.byteLength,
        huella: hashSha512(d.contenido),
        funcionResumen: "SHA-512",
        origen: d.origen,
        ruta: `data/${d.ruta}`,
      });
      pagina += d.paginas;
    });
  }
  return {
    esquema: 1,
    periodo,
    entidad: institucion.entidad,
    oficina: institucion.oficina,
    generado: isoBogota(incorporado),
    avisos,
    documentos,
  };
}

export function construirFuid(
  institucion: Institucion & { trd: TrdCompleta },
  periodo: string,
  unidades: UnidadArchivo[],
  fecha: Date,
): Fuid {
  const trd = institucion.trd;
  const filas: FilaFuid[] = unidades.map((u, i) => {
    const s = buscarSubserie(trd, u.subserie)!;
    const tiempos = u.documentos.map((d) => d.creado.getTime());
    return {
      numeroOrden: i + 1,
      codigo: `${trd.unidadProductora.codigo}-${u.subserie}`,
      nombre: `${s.serie.nombre} / ${s.subserie.nombre} / ${u.asunto}`,
      fechaInicial: dia(new Date(Math.min(...tiempos))),
      fechaFinal: dia(new Date(Math.max(...tiempos))),
      unidadConservacion: `Carpeta electrónica data/${u.carpeta}/`,
      numeroFolios: u.documentos.reduce((n, d) => n + d.paginas, 0),
      soporte: "Electrónico",
      frecuenciaConsulta: s.subserie.frecuenciaConsulta,
      notas: [`${u.documentos.length} documentos`, ...u.notas].join(". "),
      subserie: u.subserie,
    };
  });
  return {
    esquema: 1,
    periodo,
    entidadRemitente: institucion.entidad,
    entidadProductora: institucion.entidad,
    unidadAdministrativa: institucion.oficina,
    oficinaProductora: `${trd.unidadProductora.codigo} ${trd.unidadProductora.nombre}`,
    objeto: "Transferencia primaria (inventario del archivo de gestión)",
    trd: `${trd.norma}; TRD ${trd.version}`,
    fecha: dia(fecha),
    filas,
  };
}

const COLUMNAS_FUID = [
  "Número de orden",
  "Código",
  "Nombre de la serie, subserie o asunto",
  "Fecha inicial",
  "Fecha final",
  "Unidad de conservación",
  "Número de folios",
  "Soporte",
  "Frecuencia de consulta",
  "Notas",
];

const celda = (v: string | number) => {
  const t = String(v);
  return /[",\n;]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
};
const filaCsv = (v: (string | number)[]) => v.map(celda).join(",");

/** The FUID as the AGN spreadsheet: header block, the table, then the signature block. */
export function fuidCsv(f: Fuid): string {
  const lineas = [
    filaCsv(["FORMATO ÚNICO DE INVENTARIO DOCUMENTAL (FUID)"]),
    filaCsv(["Entidad remitente", f.entidadRemitente]),
    filaCsv(["Entidad productora", f.entidadProductora]),
    filaCsv(["Unidad administrativa", f.unidadAdministrativa]),
    filaCsv(["Oficina productora", f.oficinaProductora]),
    filaCsv(["Objeto", f.objeto]),
    filaCsv(["Periodo", f.periodo]),
    filaCsv(["Tabla de retención", f.trd]),
    filaCsv(["Fecha", f.fecha]),
    "",
    filaCsv(COLUMNAS_FUID),
    ...f.filas.map((r) =>
      filaCsv([
        r.numeroOrden,
        r.codigo,
        r.nombre,
        r.fechaInicial,
        r.fechaFinal,
        r.unidadConservacion,
        r.numeroFolios,
        r.soporte,
        r.frecuenciaConsulta,
        r.notas,
      ]),
    ),
    "",
    filaCsv(["Elaborado por", "Nombre:", "Cargo:", "Firma:", "Lugar y fecha:"]),
    filaCsv(["Entregado por", "Nombre:", "Cargo:", "Firma:", "Lugar y fecha:"]),
    filaCsv(["Recibido por", "Nombre:", "Cargo:", "Firma:", "Lugar y fecha:"]),
  ];
  return `${lineas.join("\r\n")}\r\n`;
}

export function fuidBloques(f: Fuid): Bloque[] {
  return [
    { tipo: "titulo", texto: "Formato Único de Inventario Documental (FUID)" },
    { tipo: "dato", etiqueta: "Entidad remitente", valor: f.entidadRemitente },
    { tipo: "dato", etiqueta: "Entidad productora", valor: f.entidadProductora },
    { tipo: "dato", etiqueta: "Unidad administrativa", valor: f.unidadAdministrativa },
    { tipo: "dato", etiqueta: "Oficina productora", valor: f.oficinaProductora },
    { tipo: "dato", etiqueta: "Objeto", valor: f.objeto },
    { tipo: "dato", etiqueta: "Periodo", valor: f.periodo },
    { tipo: "dato", etiqueta: "Tabla de retención", valor: f.trd },
    { tipo: "dato", etiqueta: "Fecha", valor: f.fecha },
    {
      tipo: "tabla",
      columnas: [2, 3, 9, 3, 3, 6, 2, 3, 3, 8].map((ancho, i) => ({ titulo: COLUMNAS_FUID[i]!, ancho })),
      filas: f.filas.map((r) => [
        String(r.numeroOrden),
        r.codigo,
        r.nombre,
        r.fechaInicial,
        r.fechaFinal,
        r.unidadConservacion,
        String(r.numeroFolios),
        r.soporte,
        r.frecuenciaConsulta,
        r.notas,
      ]),
    },
    { tipo: "firma", roles: ["Elaborado por", "Entregado por", "Recibido por"] },
  ];
}

export function indiceBloques(i: Indice): Bloque[] {
  return [
    { tipo: "titulo", texto: `Índice electrónico del expediente ${i.periodo}` },
    { tipo: "dato", etiqueta: "Entidad", valor: i.entidad },
    { tipo: "dato", etiqueta: "Oficina", valor: i.oficina },
    { tipo: "dato", etiqueta: "Generado", valor: i.generado },
    { tipo: "dato", etiqueta: "Función resumen", valor: "SHA-512 (valor de la huella en hexadecimal)" },
    ...i.avisos.map((a) => ({ tipo: "parrafo" as const, texto: `Aviso: ${a}`, tamano: 9 })),
    {
      tipo: "tabla",
      columnas: [
        { titulo: "Unidad / orden", ancho: 4 },
        { titulo: "Nombre del documento", ancho: 7 },
        { titulo: "Tipo documental", ancho: 4 },
        { titulo: "Creación", ancho: 3.2 },
        { titulo: "Incorporación", ancho: 3.2 },
        { titulo: "Páginas", ancho: 1.6 },
        { titulo: "Formato", ancho: 3 },
        { titulo: "Tamaño (bytes)", ancho: 2 },
        { titulo: "Huella SHA-512", ancho: 8 },
        { titulo: "Origen", ancho: 4 },
      ],
      filas: i.documentos.map((d) => [
        `${d.unidad} / ${d.orden}`,
        d.nombre,
        d.tipoDocumental,
        d.fechaCreacion,
        d.fechaIncorporacion,
        `${d.paginas} (${d.paginaInicio}-${d.paginaFin})`,
        d.formato,
        String(d.tamano),
        d.huella,
        d.origen,
      ]),
    },
  ];
}
