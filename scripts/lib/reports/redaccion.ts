import { NOMBRE_RED } from "../content/schema/redes.ts";
import { NOMBRES_MES } from "../content/time.ts";
import type { CifrasInforme, GraficoInforme, InformeFrontmatter, Termino } from "../content/schema/informe.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import { escaparMdx } from "../requests/convertir.ts";
import { diasDelMes, leerMes, type Mes } from "./cifras.ts";

/**
 * The report's text, written from the figures: a short summary, one section per source, the
 * glossary and the sources. Sentences stay short (lenguaje claro: `prensa validar` fails a report
 * with a sentence over 30 words). The structure is plain data (sections of blocks) that becomes
 * MDX here and a PDF in pdf.ts (from the MDX, so the PDF always says what the MDX says).
 */

export const nombreMes = (m: Mes): string => `${NOMBRES_MES[m.mes - 1]} de ${m.anio}`;
/** «Informe de noviembre de 2026» (also the pull request's title). */
export const tituloInforme = (periodo: string): string => `Informe de ${nombreMes(leerMes(periodo))}`;

const fmtEntero = new Intl.NumberFormat("es-CO", { maximumFractionDigits: 0 });
const fmtDecimal = new Intl.NumberFormat("es-CO", { maximumFractionDigits: 1 });
/** 1234 → «1.234»; 2.5 → «2,5»; null → «no disponible». */
export const cifra = (n: number | null | undefined): string =>
  n === null || n === undefined ? "no disponible" : Number.isInteger(n) ? fmtEntero.format(n) : fmtDecimal.format(n);
const plural = (n: number, uno: string, varios: string) => `${cifra(n)} ${n === 1 ? uno : varios}`;
const diaCorto = (iso: string) => `${Number(iso.slice(8, 10))} de ${NOMBRES_MES[Number(iso.slice(5, 7)) - 1]}`;

/** Title of the section the head of press writes, and the marker that says it is still empty. */
export const TITULO_CONCLUSIONES = "Conclusiones y compromisos";
export const MARCA_CONCLUSIONES_PENDIENTES = "{/* convergente:conclusiones-pendientes */}";
export const TEXTO_CONCLUSIONES_PENDIENTES =
  "**Pendiente:** la jefatura de prensa escribe aquí las conclusiones del mes y los compromisos para el mes siguiente.";
export const TITULO_GLOSARIO = "Glosario";
/** A table whose first column names figures (one per row) starts with this header. */
export const COLUMNA_CIFRA = "Cifra";

/** Every figure the report can show, with its definition. Table headers use exactly these names. */
export const GLOSARIO: Record<string, string> = {
  "Notas publicadas":
    "notas del sitio cuya fecha de publicación, en hora de Colombia, cae en el mes. No cuenta borradores ni notas programadas para después.",
  Publicaciones:
    "publicaciones que la red tiene, publicadas en el mes. Cada nota cuenta una vez por red, aunque haya necesitado varios intentos.",
  "Con falla resuelta":
    "publicaciones que fallaron y luego salieron. Salieron en otro intento, o una persona confirmó que estaban publicadas.",
  "Sin resolver": "publicaciones programadas en el mes que al cierre seguían fallidas, inciertas o en espera.",
  "Mediana de demora (min)":
    "la mitad de las publicaciones salió con esta demora o menos. Se cuenta en minutos desde la hora programada.",
  "Percentil 90 de demora (min)":
    "nueve de cada diez publicaciones salieron con esta demora o menos, en minutos. Se usa el método del rango más cercano.",
  Correcciones: "fe de erratas de la nota con fecha en el mes.",
  "Veces compartida": "veces que el equipo compartió una nota en el grupo y lo anotó con «prensa kit».",
  "Seguidores al inicio": "seguidores de la cuenta en la primera lectura de métricas del mes.",
  "Seguidores al final": "seguidores de la cuenta en la última lectura de métricas del mes.",
  Vistas:
    "veces que se mostraron las publicaciones del mes, según la red, en su última lectura del mes. Mastodon, Bluesky y Telegram no las informan.",
  Alcance: "cuentas distintas que vieron las publicaciones del mes, según la red. Solo Facebook e Instagram lo informan.",
  Interacciones:
    "reacciones, comentarios y veces compartidas de las publicaciones del mes, como las cuenta cada red. En Instagram suma las guardadas.",
  "Publicaciones medidas": "publicaciones del mes que tienen al menos una lectura de métricas.",
  "Inquietudes recibidas": "conversaciones de la ciudadanía que llegaron en el mes por las redes.",
  "Requieren respuesta": "inquietudes recibidas que necesitan una respuesta de la entidad.",
  Respondidas: "inquietudes que recibieron respuesta o se trasladaron a la autoridad competente.",
  "Respondidas a tiempo": "respondidas dentro del plazo que les corresponde.",
  "Mediana de primera respuesta (horas hábiles)":
    "la mitad de las respondidas tuvo su primera respuesta en este tiempo o menos. Cuenta solo horas hábiles.",
  "Vencidas al cierre": "inquietudes sin respuesta y con el plazo vencido el último día del mes.",
  "Posibles peticiones": "mensajes que pueden ser un derecho de petición (Ley 1755 de 2015).",
  "Peticiones radicadas": "posibles peticiones que el equipo radicó en el sistema de peticiones de la entidad.",
  "Peticiones trasladadas": "posibles peticiones que se enviaron a la autoridad competente.",
  "Solicitudes recibidas": "solicitudes de comunicación que las dependencias abrieron en el mes con el formulario.",
  "Convertidas en nota": "solicitudes del mes que ya tienen su nota en el repositorio.",
  "Mediana de días hasta publicar":
    "la mitad de las solicitudes convertidas se publicó en estos días o menos. Se cuenta desde que llegó.",
};

export type Bloque =
  | { tipo: "parrafo"; texto: string }
  | { tipo: "lista"; elementos: string[] }
  | { tipo: "tabla"; id: string; titulo: string; columnas: string[]; filas: (string | number | null)[][] }
  | { tipo: "grafico"; grafico: GraficoInforme; tabla: string }
  | { tipo: "mdx"; texto: string };

export interface Seccion {
  titulo: string;
  bloques: Bloque[];
}

/** A chart to draw: labels and values of a bar chart, with its text alternative. */
export interface GraficoPedido {
  grafico: GraficoInforme;
  etiquetas: string[];
  valores: number[];
  medida: string;
  categoria: string;
  horizontal: boolean;
}

export interface Redaccion {
  frontmatter: InformeFrontmatter;
  secciones: Seccion[];
  /** The charts and tables to write beside the report. */
  graficos: GraficoPedido[];
  tablas: Extract<Bloque, { tipo: "tabla" }>[];
}

/** «1 de noviembre», «2 al 8 de noviembre». */
function semana(desde: string, hasta: string): string {
  return desde === hasta ? diaCorto(desde) : `${Number(desde.slice(8, 10))} al ${diaCorto(hasta)}`;
}

/** The short summary of the month, from the numbers: a few sentences of under 20 words. */
export function resumenDe(c: CifrasInforme): string {
  const m = leerMes(c.periodo);
  const p = c.publicaciones;
  const redes = p.porRed.filter((r) => r.publicadas > 0);
  const publicadas = redes.reduce((a, r) => a + r.publicadas, 0);
  const frases = [
    `En ${nombreMes(m)} la oficina publicó ${plural(p.notas, "nota", "notas")} en el sitio` +
      (publicadas ? ` y ${plural(publicadas, "publicación", "publicaciones")} en ${plural(redes.length, "red", "redes")}.` : "."),
  ];
  if (p.puntualidad.medianaMinutos !== null)
    frases.push(`La mitad de las publicaciones salió con ${cifra(p.puntualidad.medianaMinutos)} minutos de demora o menos.`);
  const resueltas = p.fallas.filter((f) => f.resolucion !== "sin-resolver").length;
  const pendientes = p.fallas.length - resueltas;
  if (p.fallas.length)
    frases.push(
      !pendientes
        ? `Hubo ${plural(p.fallas.length, "falla", "fallas")} de publicación y ${p.fallas.length === 1 ? "se resolvió" : "todas se resolvieron"}.`
        : `Hubo ${plural(p.fallas.length, "falla", "fallas")} de publicación: ${cifra(resueltas)} ${resueltas === 1 ? "resuelta" : "resueltas"} y ${cifra(pendientes)} sin resolver.`,
    );
  if (c.alcance) {
    const inter = c.alcance.porRed.map((r) => r.interacciones).filter((x): x is number => x !== null);
    if (inter.length) frases.push(`Las publicaciones del mes sumaron ${cifra(inter.reduce((a, b) => a + b, 0))} interacciones.`);
  } else frases.push("No hay métricas de las redes para este mes.");
  if (c.inquietudes)
    frases.push(
      `Llegaron ${plural(c.inquietudes.recibidas, "inquietud", "inquietudes")} y se respondieron ${cifra(c.inquietudes.respondidas)}.`,
    );
  return frases.join(" ");
}

const nombreRed = (red: keyof typeof NOMBRE_RED) => NOMBRE_RED[red];

/** Builds the report's structure from the figures. `conclusiones` is the MDX the head of press wrote, kept across regenerations. */
export function redactar(
  c: CifrasInforme,
  institucion: Institucion,
  opciones: { conclusiones?: string; ejemplo?: boolean } = {},
): Redaccion {
  const m = leerMes(c.periodo);
  const secciones: Seccion[] = [];
  const graficos: GraficoPedido[] = [];
  const tablas: Redaccion["tablas"] = [];
  const usados = new Set<string>();
  const tabla = (id: string, titulo: string, columnas: string[], filas: (string | number | null)[][]) => {
    const t = { tipo: "tabla" as const, id, titulo, columnas, filas };
    for (const col of columnas.slice(1)) if (col in GLOSARIO) usados.add(col);
    if (columnas[0] === COLUMNA_CIFRA) for (const f of filas) if (String(f[0]) in GLOSARIO) usados.add(String(f[0]));
    tablas.push(t);
    return t;
  };
  const grafico = (
    id: string,
    titulo: string,
    alt: string,
    t: ReturnType<typeof tabla>,
    opciones: { horizontal?: boolean } = {},
  ): Bloque => {
    const g = { id, titulo, alt };
    graficos.push({
      grafico: g,
      etiquetas: t.filas.map((f) => String(f[0])),
      valores: t.filas.map((f) => Number(f[1] ?? 0)),
      medida: t.columnas[1]!,
      categoria: t.columnas[0]!,
      horizontal: opciones.horizontal ?? false,
    });
    return { tipo: "grafico", grafico: g, tabla: t.id };
  };
  const p = c.publicaciones;

  // Publications.
  const pub: Bloque[] = [];
  const semanas = tabla(
    "notas-por-semana",
    "Notas publicadas por semana",
    ["Semana", "Notas publicadas"],
    p.porSemana.map((s) => [semana(s.desde, s.hasta), s.notas]),
  );
  const masSemana = [...p.porSemana].sort((a, b) => b.notas - a.notas)[0];
  pub.push({
    tipo: "parrafo",
    texto: `El sitio publicó ${plural(p.notas, "nota", "notas")} en el mes.${
      masSemana && masSemana.notas ? ` La semana con más notas fue la del ${semana(masSemana.desde, masSemana.hasta)}.` : ""
    }`,
  });
  pub.push(
    grafico(
      "notas-por-semana",
      "Notas publicadas por semana",
      `Gráfico de barras de las notas publicadas por semana: ${p.porSemana.map((s) => `${semana(s.desde, s.hasta)}, ${cifra(s.notas)}`).join("; ")}.`,
      semanas,
    ),
    semanas,
  );
  if (p.porDependencia.length) {
    const deps = tabla(
      "notas-por-dependencia",
      "Notas publicadas por dependencia",
      ["Dependencia", "Notas publicadas"],
      p.porDependencia.map((d) => [d.nombre, d.notas]),
    );
    pub.push(
      grafico(
        "notas-por-dependencia",
        "Notas publicadas por dependencia",
        `Gráfico de barras de las notas publicadas por dependencia: ${p.porDependencia.map((d) => `${d.nombre}, ${cifra(d.notas)}`).join("; ")}.`,
        deps,
        { horizontal: true },
      ),
      deps,
    );
  }
  if (p.porRed.length) {
    const redes = tabla(
      "publicaciones-por-red",
      "Publicaciones en redes y puntualidad",
      ["Red", "Publicaciones", "Con falla resuelta", "Sin resolver", "Mediana de demora (min)", "Percentil 90 de demora (min)"],
      p.porRed.map((r) => [
        nombreRed(r.red),
        r.publicadas,
        r.conFallaResuelta,
        r.sinResolver,
        r.puntualidad.medianaMinutos,
        r.puntualidad.p90Minutos,
      ]),
    );
    pub.push({
      tipo: "parrafo",
      texto:
        p.puntualidad.medianaMinutos === null
          ? "No hay publicaciones con hora de salida registrada para medir la puntualidad."
          : `En todas las redes, la mediana de demora fue de ${cifra(p.puntualidad.medianaMinutos)} minutos. El percentil 90 fue de ${cifra(p.puntualidad.p90Minutos)} minutos.`,
    });
    pub.push(
      grafico(
        "publicaciones-por-red",
        "Publicaciones por red",
        `Gráfico de barras de las publicaciones por red: ${p.porRed.map((r) => `${nombreRed(r.red)}, ${cifra(r.publicadas)}`).join("; ")}.`,
        redes,
      ),
      redes,
    );
  } else pub.push({ tipo: "parrafo", texto: "No hay publicaciones en redes registradas en el mes." });
  if (p.fallas.length) {
    const comoTexto = {
      "a-mano": "una persona confirmó que estaba publicada",
      reintento: "una persona pidió reintentar y salió",
      automatica: "salió en un intento posterior",
      "sin-resolver": "sigue sin resolver",
    } as const;
    pub.push(
      { tipo: "parrafo", texto: `Fallas de publicación del mes y cómo terminaron (${cifra(p.fallas.length)}):` },
      {
        tipo: "lista",
        elementos: p.fallas.map((f) => `${nombreRed(f.red)}, «${f.titulo}»: ${comoTexto[f.resolucion]}.`),
      },
    );
  } else pub.push({ tipo: "parrafo", texto: "No hubo fallas de publicación en el mes." });
  if (p.correcciones.length) {
    const corr = tabla(
      "correcciones",
      "Correcciones (fe de erratas) por nota",
      ["Nota", "Correcciones"],
      p.correcciones.map((x) => [x.titulo, x.correcciones]),
    );
    pub.push(
      {
        tipo: "parrafo",
        texto: `${p.correcciones.length === 1 ? "Se corrigió" : "Se corrigieron"} ${plural(p.correcciones.length, "nota", "notas")} con fe de erratas.`,
      },
      corr,
    );
  } else pub.push({ tipo: "parrafo", texto: "No hubo correcciones (fe de erratas) en el mes." });
  if (p.compartidos.length) {
    const comp = tabla(
      "grupos-comunitarios",
      "Notas compartidas en grupos comunitarios",
      ["Grupo", "Veces compartida"],
      p.compartidos.map((x) => [x.nombre, x.veces]),
    );
    pub.push(
      {
        tipo: "parrafo",
        texto: `El equipo compartió notas ${plural(
          p.compartidos.reduce((a, x) => a + x.veces, 0),
          "vez",
          "veces",
        )} en grupos comunitarios.`,
      },
      comp,
    );
  } else pub.push({ tipo: "parrafo", texto: "No se anotaron notas compartidas en grupos comunitarios." });
  secciones.push({ titulo: "Publicaciones", bloques: pub });

  // Reach and interaction.
  const alc: Bloque[] = [];
  if (c.alcance && c.alcance.porRed.length) {
    const a = c.alcance;
    const t = tabla(
      "alcance-por-red",
      "Alcance e interacción por red",
      ["Red", "Seguidores al inicio", "Seguidores al final", "Vistas", "Alcance", "Interacciones", "Publicaciones medidas"],
      a.porRed.map((r) => [
        nombreRed(r.red),
        r.seguidoresInicio,
        r.seguidoresFin,
        r.vistas,
        r.alcance,
        r.interacciones,
        r.publicacionesMedidas,
      ]),
    );
    alc.push({
      tipo: "parrafo",
      texto: `Las cifras salen de ${plural(a.diasConDatos, "lectura diaria", "lecturas diarias")} de métricas.${
        a.diasSinDatos.length
          ? ` ${a.diasSinDatos.length === 1 ? "Falta" : "Faltan"} ${plural(a.diasSinDatos.length, "día", "días")} sin lectura.`
          : ""
      } «No disponible» indica que la red no ofrece la cifra.`,
    });
    const conInter = a.porRed.filter((r) => r.interacciones !== null);
    if (conInter.length) {
      const ti = tabla(
        "interacciones-por-red",
        "Interacciones por red",
        ["Red", "Interacciones"],
        conInter.map((r) => [nombreRed(r.red), r.interacciones]),
      );
      alc.push(
        grafico(
          "interacciones-por-red",
          "Interacciones por red",
          `Gráfico de barras de las interacciones por red: ${conInter.map((r) => `${nombreRed(r.red)}, ${cifra(r.interacciones)}`).join("; ")}.`,
          ti,
        ),
        ti,
      );
    }
    alc.push(t);
    const retiradas = a.porRed.filter((r) => r.noDisponibles.length);
    if (retiradas.length)
      alc.push({
        tipo: "parrafo",
        texto: `Métricas que la plataforma ya no entrega (no disponibles): ${retiradas
          .map((r) => `${nombreRed(r.red)}, ${r.noDisponibles.join(", ")}`)
          .join("; ")}.`,
      });
    if (a.destacadas.length)
      alc.push(
        tabla(
          "publicaciones-destacadas",
          "Las cinco publicaciones con más interacciones",
          ["Publicación", "Interacciones"],
          a.destacadas.map((d) => [`${d.titulo} (${nombreRed(d.red)})`, d.interacciones]),
        ),
      );
  } else
    alc.push({
      tipo: "parrafo",
      texto: "No disponible: no hay lecturas de métricas de las redes en este mes.",
    });
  secciones.push({ titulo: "Alcance e interacción", bloques: alc });

  // Inquiries.
  const inq: Bloque[] = [];
  if (c.inquietudes) {
    const q = c.inquietudes;
    inq.push({
      tipo: "parrafo",
      texto: `Llegaron ${plural(q.recibidas, "inquietud", "inquietudes")} por las redes. Se respondieron ${cifra(q.respondidas)} de ${cifra(q.requierenRespuesta)} que lo requerían.`,
    });
    if (q.porRed.length) {
      const tr = tabla(
        "atencion-por-red",
        "Inquietudes recibidas por red",
        ["Red", "Inquietudes recibidas"],
        q.porRed.map((r) => [r.red, r.recibidas]),
      );
      inq.push(
        grafico(
          "atencion-por-red",
          "Inquietudes recibidas por red",
          `Gráfico de barras de las inquietudes recibidas por red: ${q.porRed.map((r) => `${r.red}, ${cifra(r.recibidas)}`).join("; ")}.`,
          tr,
        ),
        tr,
      );
    }
    if (q.porTipo.length)
      inq.push(
        tabla(
          "atencion-por-tipo",
          "Inquietudes recibidas por tipo",
          ["Tipo", "Inquietudes recibidas"],
          q.porTipo.map((t) => [t.tipo, t.recibidas]),
        ),
      );
    inq.push(
      tabla(
        "atencion-cifras",
        "Atención de inquietudes",
        [COLUMNA_CIFRA, "Valor"],
        [
          ["Inquietudes recibidas", q.recibidas],
          ["Requieren respuesta", q.requierenRespuesta],
          ["Respondidas", q.respondidas],
          ["Respondidas a tiempo", q.respondidasATiempo],
          ["Mediana de primera respuesta (horas hábiles)", q.medianaHorasHabiles],
          ["Vencidas al cierre", q.vencidasAlCierre],
          ["Posibles peticiones", q.peticiones.recibidas],
          ["Peticiones radicadas", q.peticiones.radicadas],
          ["Peticiones trasladadas", q.peticiones.trasladadas],
        ],
      ),
    );
  } else inq.push({ tipo: "parrafo", texto: `No disponible: ${c.fuentes.inquietudes.nota ?? "no hay agregado de la bandeja"}.` });
  secciones.push({ titulo: "Inquietudes ciudadanas", bloques: inq });

  // Requests.
  const sol: Bloque[] = [];
  if (c.solicitudes) {
    const s = c.solicitudes;
    sol.push(
      {
        tipo: "parrafo",
        texto: `Las dependencias enviaron ${plural(s.recibidas, "solicitud", "solicitudes")}. ${cifra(s.convertidasEnNota)} ya ${s.convertidasEnNota === 1 ? "tiene" : "tienen"} su nota.`,
      },
      tabla(
        "solicitudes-cifras",
        "Solicitudes de las dependencias",
        [COLUMNA_CIFRA, "Valor"],
        [
          ["Solicitudes recibidas", s.recibidas],
          ["Convertidas en nota", s.convertidasEnNota],
          ["Mediana de días hasta publicar", s.medianaDiasHastaPublicar],
        ],
      ),
    );
    if (s.porDependencia.length)
      sol.push(
        tabla(
          "solicitudes-por-dependencia",
          "Solicitudes recibidas por dependencia",
          ["Dependencia", "Solicitudes recibidas"],
          s.porDependencia.map((d) => [d.nombre, d.recibidas]),
        ),
      );
  } else sol.push({ tipo: "parrafo", texto: `No disponible: ${c.fuentes.solicitudes.nota ?? "no hay datos de solicitudes"}.` });
  secciones.push({ titulo: "Solicitudes de las dependencias", bloques: sol });

  // Image changes.
  const img: Bloque[] = [];
  if (c.imagen === null) img.push({ tipo: "parrafo", texto: `No disponible: ${c.fuentes.imagen.nota ?? "no hay registro"}.` });
  else if (!c.imagen.length) img.push({ tipo: "parrafo", texto: "No hubo cambios de imagen institucional en el mes." });
  else
    img.push({
      tipo: "lista",
      elementos: c.imagen.map((x) => `${diaCorto(x.fecha)}: ${x.descripcion}. Motivo: ${x.motivo}.`),
    });
  secciones.push({ titulo: "Cambios de imagen institucional", bloques: img });

  // Conclusions: written by the head of press; kept across regenerations.
  const propias = opciones.conclusiones?.trim();
  secciones.push({
    titulo: TITULO_CONCLUSIONES,
    bloques: [{ tipo: "mdx", texto: propias ? propias : `${MARCA_CONCLUSIONES_PENDIENTES}\n\n${TEXTO_CONCLUSIONES_PENDIENTES}` }],
  });

  // Glossary: every figure shown, defined.
  const glosario: Termino[] = Object.entries(GLOSARIO)
    .filter(([t]) => usados.has(t))
    .map(([termino, definicion]) => ({ termino, definicion }));
  secciones.push({
    titulo: TITULO_GLOSARIO,
    bloques: [{ tipo: "lista", elementos: glosario.map((g) => `**${g.termino}**: ${g.definicion}`) }],
  });

  // Sources.
  const f = c.fuentes;
  const fuente = (nombre: string, x: typeof f.notas) =>
    x.disponible
      ? `${nombre}: ${plural(x.archivos.length, "archivo", "archivos")}${x.nota ? `; ${x.nota}` : ""}.`
      : `${nombre}: no disponible; ${x.nota ?? "no hay datos"}.`;
  secciones.push({
    titulo: "Fuentes de los datos",
    bloques: [
      {
        tipo: "parrafo",
        texto: `El informe cubre del 1 al ${diasDelMes(m)} de ${nombreMes(m)}, en hora de Colombia. Se calcula con «prensa informe ${c.periodo}» a partir de los archivos del repositorio:`,
      },
      {
        tipo: "lista",
        elementos: [
          fuente("Notas del sitio", f.notas),
          fuente("Registros de publicación", f.registros),
          fuente("Métricas de las redes", f.metricas),
          fuente("Agregado de la bandeja de inquietudes", f.inquietudes),
          fuente("Solicitudes de las dependencias", f.solicitudes),
          f.imagen.disponible
            ? "Registro de cambios de imagen: historial de git de config/institucion.yaml."
            : fuente("Registro de cambios de imagen", f.imagen),
        ],
      },
      {
        tipo: "parrafo",
        texto:
          "Cada tabla está también en un archivo CSV (Comma-Separated Values: valores separados por comas) junto a este informe.",
      },
    ],
  });

  const frontmatter: InformeFrontmatter = {
    titulo: tituloInforme(c.periodo),
    periodo: c.periodo,
    resumen: resumenDe(c),
    entidad: institucion.entidad,
    oficina: institucion.oficina,
    graficos: graficos.map((g) => g.grafico),
    tablas: tablas.map((t) => `${t.id}.csv`),
    glosario,
    pdf: `informe-${c.periodo}.pdf`,
    ...(opciones.ejemplo ? { ejemplo: true as const } : {}),
  };
  return { frontmatter, secciones, graficos, tablas };
}

// ---------------------------------------------------------------- MDX and CSV

const celda = (v: string | number | null) => (typeof v === "number" ? cifra(v) : v === null ? "no disponible" : v);
const textoSeguro = (t: string) => escaparMdx(t).replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The report as MDX: frontmatter (YAML via JSON, which YAML reads) and the sections. */
export function aMdx(r: Redaccion, yaml: (datos: unknown) => string): string {
  const partes: string[] = [
    `---\n${yaml(r.frontmatter)}---`,
    "",
    `# ${r.frontmatter.titulo}`,
    "",
    textoSeguro(r.frontmatter.resumen),
  ];
  for (const s of r.secciones) {
    partes.push("", `## ${s.titulo}`);
    for (const b of s.bloques) {
      partes.push("");
      if (b.tipo === "parrafo") partes.push(textoSeguro(b.texto));
      else if (b.tipo === "mdx") partes.push(b.texto);
      else if (b.tipo === "lista") partes.push(b.elementos.map((e) => `- ${textoSeguro(e)}`).join("\n"));
      else if (b.tipo === "grafico") {
        const alt = b.grafico.alt.replace(/"/g, "”");
        partes.push(
          `<figure id="grafico-${b.grafico.id}">`,
          `  <img src="./${b.grafico.id}.svg" alt="${alt}" />`,
          `  <figcaption>${textoSeguro(b.grafico.titulo)}. Los datos están en la tabla siguiente.</figcaption>`,
          `</figure>`,
        );
      } else {
        partes.push(`**${textoSeguro(b.titulo)}** ([descargar la tabla](./${b.id}.csv))`, "");
        partes.push(`| ${b.columnas.map(textoSeguro).join(" | ")} |`);
        partes.push(`| ${b.columnas.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`);
        for (const f of b.filas) partes.push(`| ${f.map((v) => textoSeguro(String(celda(v)))).join(" | ")} |`);
      }
    }
  }
  return `${partes.join("\n")}\n`;
}

/** A table as CSV (RFC 4180, UTF-8, comma-separated, numbers with a decimal point, empty for «no disponible»). */
export function aCsv(t: Extract<Bloque, { tipo: "tabla" }>): string {
  const campo = (v: string | number | null) => {
    const s = v === null ? "" : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${[t.columnas, ...t.filas].map((f) => f.map(campo).join(",")).join("\r\n")}\r\n`;
}

/** The «Conclusiones y compromisos» section of an existing report's MDX (what the head of press wrote), or undefined. */
export function conclusionesDe(mdx: string): string | undefined {
  const lineas = mdx.split("\n");
  const inicio = lineas.findIndex((l) => l.trim() === `## ${TITULO_CONCLUSIONES}`);
  if (inicio < 0) return undefined;
  let fin = lineas.findIndex((l, i) => i > inicio && /^##\s/.test(l));
  if (fin < 0) fin = lineas.length;
  const texto = lineas
    .slice(inicio + 1, fin)
    .join("\n")
    .trim();
  if (!texto || texto.includes(MARCA_CONCLUSIONES_PENDIENTES)) return undefined;
  return texto;
}
