import { z } from "zod";
import type { Nota } from "../content/notas.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import { NOMBRE_RED, redSchema } from "../content/schema/redes.ts";
import { formatoFechaHora, isoBogota } from "../content/time.ts";
import { textoParaRed } from "../copy/index.ts";
import { construirKit, NOMBRE_PLATAFORMA } from "../share/kit.ts";
import { crearDocumento } from "../checks/documento.ts";
import { legibilidad } from "../checks/silabas.ts";
import { bloque, celda, codigo, escaparHtml, textoPlano } from "./markdown.ts";

/**
 * The review artifact (`revision.json`): produced by revision.yml with no token and no secret,
 * read by comentario-revision.yml (workflow_run) to write the sticky PR comment. Everything in it
 * came from pull-request code, so the poster validates it with this schema and escapes it.
 */

/** One finding as printed by `prensa validar --formato json`. */
export const hallazgoSchema = z.object({
  archivo: z.string().max(500),
  linea: z.number().int().nonnegative().optional(),
  columna: z.number().int().nonnegative().optional(),
  regla: z.string().max(100),
  severidad: z.enum(["error", "aviso"]),
  mensaje: z.string().max(2000),
  arreglo: z.string().max(2000).optional(),
});
export type HallazgoRevision = z.infer<typeof hallazgoSchema>;

const textoSeguro = z.string().max(70_000);

export const notaRevisionSchema = z.object({
  archivo: z.string().max(500),
  id: z.string().max(300),
  titulo: textoSeguro,
  /** Absolute URL the note will have on the site. */
  url: z.string().max(1000),
  /** ISO instant in Bogotá. */
  publicar: z.string().max(40),
  borrador: z.boolean(),
  urgente: z.boolean(),
  correcciones: z.number().int().nonnegative(),
  /** Main image: alt text and where the social image is inside the preview artifact. */
  imagen: z.object({ alt: textoSeguro, social: z.string().max(500) }).optional(),
  redes: z.array(
    z.object({
      red: redSchema,
      texto: textoSeguro,
      longitud: z.number(),
      limite: z.number(),
      cabe: z.boolean(),
      propio: z.boolean(),
      motivo: textoSeguro.optional(),
    }),
  ),
  /** Readability of summary + body, computed as `prensa validar` does (lenguaje/legibilidad). */
  legibilidad: z
    .object({
      fernandezHuerta: z.number(),
      escalaFernandezHuerta: z.string().max(100),
      inflesz: z.number(),
      escalaInflesz: z.string().max(100),
      palabras: z.number(),
    })
    .optional(),
  hallazgos: z.array(hallazgoSchema),
  grupos: z.array(
    z.object({ nombre: textoSeguro, plataforma: z.string().max(40), mensaje: textoSeguro, compartir: z.string().max(5000) }),
  ),
});
export type NotaRevision = z.infer<typeof notaRevisionSchema>;

/** One axe violation on a page the pull request changes (`prensa accesibilidad --salida`). */
export const hallazgoAxeSchema = z.object({
  ruta: z.string().max(500),
  regla: z.string().max(100),
  impacto: z.string().max(40),
  ayuda: z.string().max(1000),
  enlace: z.string().max(500),
  elementos: z.array(z.string().max(500)).max(50),
});

/** The axe check of the pages a pull request changes: which pages, and what failed. */
export const accesibilidadRevisionSchema = z.object({
  paginas: z.array(z.string().max(500)).max(200),
  hallazgos: z.array(hallazgoAxeSchema).max(500),
});
export type AccesibilidadRevision = z.infer<typeof accesibilidadRevisionSchema>;

export const artefactoSchema = z.object({
  version: z.literal(1),
  /** Pull request number, as the workflow saw it (the poster checks it against the run's commit). */
  pr: z.number().int().positive().optional(),
  /** Commit reviewed. */
  sha: z.string().max(64).optional(),
  base: z.string().max(200),
  /** Whether `prensa validar` passed, and the counts. */
  validacion: z.object({ errores: z.number().int().nonnegative(), avisos: z.number().int().nonnegative() }),
  notas: z.array(notaRevisionSchema).max(200),
  /** Findings in changed files that are not notes (config, pages...). */
  otros: z.array(hallazgoSchema).max(500),
  /** Image changes (theme, campaigns, notices: scripts/lib/image/revision.ts); their before/after is in the preview's revision-imagen/. */
  imagen: z.object({ cambios: z.array(z.string().max(600)).max(50) }).optional(),
  /** axe on the preview's pages that the pull request changes (revision.yml, fast path included). */
  accesibilidad: accesibilidadRevisionSchema.optional(),
});
export type Artefacto = z.infer<typeof artefactoSchema>;

/** Readability of the prose (summary and body blocks except code), with the same recipe as the lenguaje checks. */
export function legibilidadDe(nota: Nota): NotaRevision["legibilidad"] {
  const doc = crearDocumento(nota);
  const resumen = doc.segmentoCampo(["resumen"], nota.datos.resumen, "resumen", "el resumen");
  const prosa = [resumen, ...doc.bloques.filter((b) => b.origen === "cuerpo" && b.nodo?.type !== "code")];
  const l = legibilidad(prosa.map((b) => b.texto).join("\n\n"));
  if (!l) return undefined;
  const redondo = (v: number) => Math.round(v * 10) / 10;
  return {
    fernandezHuerta: redondo(l.fernandezHuerta),
    escalaFernandezHuerta: l.escalaFernandezHuerta,
    inflesz: redondo(l.inflesz),
    escalaInflesz: l.escalaInflesz,
    palabras: l.palabras,
  };
}

/** Builds the per-note part of the artifact (pure). */
export function notaParaRevision(nota: Nota, institucion: Institucion, hallazgos: HallazgoRevision[]): NotaRevision {
  const redes = nota.datos.canales.map((c) => {
    const t = textoParaRed(nota, c.red, institucion);
    return {
      red: c.red,
      texto: t.texto,
      longitud: t.longitud,
      limite: t.limite,
      cabe: t.cabe,
      propio: t.propio,
      ...(t.motivo ? { motivo: t.motivo } : {}),
    };
  });
  return {
    archivo: nota.archivo,
    id: nota.id,
    titulo: nota.datos.titulo,
    url: `${institucion.sitio}${nota.url}`,
    publicar: isoBogota(nota.datos.publicar),
    borrador: nota.datos.borrador,
    urgente: nota.datos.urgente,
    correcciones: nota.datos.correcciones.length,
    ...(nota.datos.imagen ? { imagen: { alt: nota.datos.imagen.alt, social: `social/${nota.id}.png` } } : {}),
    redes,
    ...(() => {
      const l = legibilidadDe(nota);
      return l ? { legibilidad: l } : {};
    })(),
    hallazgos: hallazgos.filter((h) => h.archivo === nota.archivo),
    grupos: construirKit(nota, institucion).map((k) => ({
      nombre: k.grupo.nombre,
      plataforma: k.grupo.plataforma,
      mensaje: k.mensaje,
      compartir: k.compartir,
    })),
  };
}

/** Marker that identifies the sticky review comment. */
export const MARCA_REVISION = "<!-- convergente:revision -->";

/** The reviewer's checklist from the procedure (steps 1, 2 and 6). */
export const LISTA_REVISOR = [
  "Información veraz y verificada con la dependencia",
  "Política de privacidad cumplida (Ley 1581 de 2012): sin datos personales sin autorización; menores solo con autorización de sus acudientes",
  "Lenguaje claro: frases cortas, siglas explicadas, qué, quién, cuándo y dónde",
  "Imagen con texto alternativo que describe lo que muestra, y con crédito",
  "Fe de erratas (`correcciones`) si corrige algo ya publicado",
];

/** GitHub refuses comments over 65,536 characters. */
const MAXIMO_COMENTARIO = 60_000;

const FAMILIAS_VISTAS: Record<string, string> = {
  privacidad: "Privacidad",
  accesibilidad: "Accesibilidad",
  esquema: "Datos de la nota",
  canal: "Redes",
  seguridad: "Seguridad",
  erratas: "Fe de erratas",
  enlaces: "Enlaces",
  lenguaje: "Lenguaje claro",
};

const esLegibilidad = (h: HallazgoRevision) => /^lenguaje\/(legibilidad|inflesz|fernandez)/i.test(h.regla);

function tablaHallazgos(hallazgos: HallazgoRevision[]): string[] {
  if (!hallazgos.length) return ["Sin hallazgos."];
  const orden = (h: HallazgoRevision) => (h.severidad === "error" ? 0 : 1);
  return [
    "| Línea | Tipo | Regla | Mensaje |",
    "|---|---|---|---|",
    ...[...hallazgos]
      .sort((a, b) => orden(a) - orden(b) || (a.linea ?? 0) - (b.linea ?? 0))
      .map((h) => {
        const familia = FAMILIAS_VISTAS[h.regla.split("/")[0] ?? ""] ?? h.regla.split("/")[0];
        const arreglo = h.arreglo ? ` Arreglo: ${h.arreglo}` : "";
        return `| ${h.linea ?? "—"} | ${h.severidad === "error" ? "❌ error" : "⚠️ aviso"} | ${celda(`${familia}: ${h.regla}`)} | ${celda(h.mensaje + arreglo)} |`;
      }),
  ];
}

function seccionNota(n: NotaRevision, enlaceVista?: string): string[] {
  const estado = [n.borrador ? "**borrador** (no se publica)" : "", n.urgente ? "**urgente**" : ""].filter(Boolean).join(" · ");
  const fecha = new Date(n.publicar);
  const lineas = [
    `### ${celda(n.titulo)}`,
    "",
    `${codigo(n.archivo)} · publicación: ${Number.isNaN(fecha.getTime()) ? celda(n.publicar) : formatoFechaHora(fecha)}${estado ? ` · ${estado}` : ""}${n.correcciones ? ` · ${n.correcciones} corrección(es)` : ""}`,
    "",
    `Dirección en el sitio: ${celda(n.url)}`,
  ];
  if (n.imagen) {
    lineas.push(
      `Imagen social: ${codigo(n.imagen.social)} dentro ${enlaceVista ? `del [artefacto de vista previa](${enlaceVista})` : "del artefacto de vista previa"} · texto alternativo: «${celda(n.imagen.alt)}»`,
    );
  } else {
    lineas.push("Imagen: la nota no tiene imagen (Instagram la exige).");
  }
  lineas.push("", "#### Textos por red", "");
  if (!n.redes.length) lineas.push("La nota no sale en redes (sin `canales`).");
  else {
    lineas.push("| Red | Caracteres (como cuenta la red) | Límite | Estado |", "|---|---|---|---|");
    for (const r of n.redes) {
      const estadoRed = r.cabe ? "✅ cabe" : `❌ ${celda(r.motivo ?? "no cabe")}`;
      lineas.push(`| ${NOMBRE_RED[r.red]}${r.propio ? " (texto propio)" : ""} | ${r.longitud} | ${r.limite} | ${estadoRed} |`);
    }
    for (const r of n.redes) {
      lineas.push("", `<details><summary>Texto para ${NOMBRE_RED[r.red]}</summary>`, "", bloque(r.texto), "", "</details>");
    }
  }
  const avisosLegibilidad = n.hallazgos.filter(esLegibilidad);
  lineas.push("", "#### Legibilidad", "");
  if (n.legibilidad) {
    const l = n.legibilidad;
    const num = (v: number) => v.toLocaleString("es-CO", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    lineas.push(
      `- INFLESZ: **${num(l.inflesz)}** (${celda(l.escalaInflesz)}; se espera 55 o más) · Fernández-Huerta: **${num(l.fernandezHuerta)}** (${celda(l.escalaFernandezHuerta)}) · ${l.palabras} palabras`,
    );
  }
  lineas.push(...avisosLegibilidad.map((h) => `- ⚠️ ${celda(h.mensaje)}`));
  if (!n.legibilidad && !avisosLegibilidad.length) lineas.push("El texto es muy corto para medir su legibilidad.");
  lineas.push(
    "",
    "#### Hallazgos (privacidad, accesibilidad y demás)",
    "",
    ...tablaHallazgos(n.hallazgos.filter((h) => !esLegibilidad(h))),
  );
  lineas.push("", "#### Mensajes para grupos comunitarios", "");
  if (!n.grupos.length) lineas.push("Ningún grupo comunitario configurado para esta nota.");
  else {
    for (const g of n.grupos) {
      const seguro = enlaceSeguro(g.compartir);
      const enlace = seguro && HOSTS_COMPARTIR.has(new URL(seguro).hostname) ? seguro : undefined;
      const plataforma = NOMBRE_PLATAFORMA[g.plataforma as keyof typeof NOMBRE_PLATAFORMA] ?? g.plataforma;
      lineas.push(
        `<details><summary>${celda(g.nombre)} (${celda(plataforma)})</summary>`,
        "",
        ...(enlace ? [`[Compartir en ${celda(plataforma)}](${enlace})`, ""] : []),
        bloque(g.mensaje),
        "",
        "</details>",
      );
    }
  }
  return lineas;
}

/**
 * How to look at the preview. The artifact is built from the pull request's code, and a fork
 * controls every file in it (an astro.config.mjs, a node_modules/.bin/astro...): nothing from it
 * may run. Only a static file server that lives outside the folder reads it, as data.
 */
export const INSTRUCCIONES_VISTA_PREVIA = [
  "<details><summary>Cómo abrir la vista previa sin riesgo</summary>",
  "",
  "La vista previa es **contenido no confiable** si la solicitud viene de una bifurcación (fork) o de alguien fuera de la oficina: quien la abrió controla cada archivo del artefacto. Ábrala solo como archivos estáticos y **nunca ejecute nada de su interior** (ni `npm`, ni `npx astro preview`, ni scripts).",
  "",
  "1. Descargue el artefacto y descomprímalo en una carpeta vacía, por ejemplo `~/vista-previa`.",
  "2. Sírvalo con un servidor estático que no esté dentro de esa carpeta: `python3 -m http.server 4321 --bind 127.0.0.1 -d ~/vista-previa`, o desde su propia copia del repositorio, en la rama principal y no en la de la solicitud: `npm run prensa -- servir --carpeta ~/vista-previa`.",
  "3. Abra http://127.0.0.1:4321/ en el navegador. Si algo le pide instalar, ejecutar o iniciar sesión, ciérrelo.",
  "",
  "</details>",
];

/** Share links shown as links in the comment: only the platforms' own share pages. */
const HOSTS_COMPARTIR = new Set(["wa.me", "www.facebook.com", "t.me"]);

/** Links the poster adds (they come from the trusted workflow_run context, not from the artifact). */
export interface EnlacesRevision {
  /** Preview artifact (built site). */
  vistaPrevia?: string;
  /** The review run. */
  ejecucion?: string;
}

/** The sticky comment's Markdown (pure). Untrusted text is escaped; the whole is kept under GitHub's limit. */
export function cuerpoComentario(a: Artefacto, enlaces: EnlacesRevision = {}): string {
  const ok = a.validacion.errores === 0;
  const cabecera = [
    MARCA_REVISION,
    "## Revisión de Convergente",
    "",
    `${ok ? "✅" : "❌"} Validación: ${a.validacion.errores} ${a.validacion.errores === 1 ? "error" : "errores"}, ${a.validacion.avisos} ${a.validacion.avisos === 1 ? "aviso" : "avisos"}${a.sha ? ` · commit ${codigo(a.sha.slice(0, 7))}` : ""}`,
    ...(enlaces.vistaPrevia
      ? [
          `🔎 [Descargar la vista previa del sitio](${enlaces.vistaPrevia}) (incluye las imágenes sociales en \`social/\`).`,
          "",
          ...INSTRUCCIONES_VISTA_PREVIA,
        ]
      : ["🔎 La vista previa del sitio no está disponible en esta ejecución."]),
    ...(enlaces.ejecucion ? [`Detalle: [ejecución de la revisión](${enlaces.ejecucion}).`] : []),
    "",
  ];
  const pie = [
    "",
    "### Lista de verificación de quien revisa",
    "",
    ...LISTA_REVISOR.map((l) => `- [ ] ${l}`),
    "",
    "_Este comentario se actualiza en cada cambio de la solicitud; no se duplica._",
  ];
  const cuerpoNotas: string[] = [];
  if (!a.notas.length) cuerpoNotas.push("Esta solicitud de cambios no modifica notas.");
  let usado = cabecera.join("\n").length + pie.join("\n").length;
  let omitidas = 0;
  for (const n of a.notas) {
    const seccion = seccionNota(n, enlaces.vistaPrevia).join("\n");
    if (usado + seccion.length > MAXIMO_COMENTARIO) {
      omitidas++;
      continue;
    }
    usado += seccion.length;
    cuerpoNotas.push(seccion, "");
  }
  if (omitidas) cuerpoNotas.push(`_${omitidas} nota(s) más no caben en el comentario; véalas en la ejecución de la revisión._`);
  if (a.otros.length) cuerpoNotas.push("", "### Otros archivos", "", ...tablaHallazgos(a.otros).slice(0, 60));
  if (a.accesibilidad) cuerpoNotas.push("", ...seccionAccesibilidad(a.accesibilidad));
  if (a.imagen?.cambios.length)
    cuerpoNotas.push(
      "",
      "### Cambio de imagen",
      "",
      ...a.imagen.cambios.map((c) => `- ${textoPlano(c)}`),
      "",
      "Antes y después, en la vista previa: `revision-imagen/inicio-antes.png` y `revision-imagen/inicio-despues.png` (página de inicio), `revision-imagen/tarjeta-antes.jpg` y `revision-imagen/tarjeta-despues.jpg` (una tarjeta social).",
    );
  return escaparMarcas([...cabecera, ...cuerpoNotas, ...pie].join("\n")) + "\n";
}

/** The axe result of the changed pages: one line when clean, else a table (at most 30 rows). */
function seccionAccesibilidad(ac: AccesibilidadRevision): string[] {
  const titulo = "### Accesibilidad de las páginas que cambian (axe, WCAG 2.1 AA)";
  if (!ac.paginas.length) return [titulo, "", "Esta solicitud de cambios no cambia ninguna página del sitio."];
  const paginas = ac.paginas.map((p) => codigo(p)).join(", ");
  if (!ac.hallazgos.length) return [titulo, "", `✅ axe no encontró problemas en ${ac.paginas.length} página(s): ${paginas}.`];
  const filas = ac.hallazgos.slice(0, 30).map((h) => {
    const regla = enlaceSeguro(h.enlace) ? `[${celda(h.regla)}](${enlaceSeguro(h.enlace)})` : celda(h.regla);
    return `| ${codigo(h.ruta)} | ${regla} | ${celda(h.impacto)} | ${celda(h.ayuda)} | ${h.elementos
      .slice(0, 3)
      .map((e) => codigo(e.replace(/\|/g, "¦")))
      .join(" ")} |`;
  });
  return [
    titulo,
    "",
    `❌ axe encontró ${ac.hallazgos.length} problema(s) en las páginas ${paginas}. Corríjalos antes de aprobar.`,
    "",
    "| Página | Regla | Impacto | Qué falla | Elementos |",
    "|---|---|---|---|---|",
    ...filas,
    ...(ac.hallazgos.length > 30 ? [`_${ac.hallazgos.length - 30} problema(s) más en la ejecución de la revisión._`] : []),
  ];
}

/** An https URL safe to put inside a Markdown link, or undefined. */
export function enlaceSeguro(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === "https:" ? u.href.replace(/\(/g, "%28").replace(/\)/g, "%29") : undefined;
  } catch {
    return undefined;
  }
}

/** Only the first marker is ours: any other copy (from note text) is neutralized. */
function escaparMarcas(texto: string): string {
  const i = texto.indexOf(MARCA_REVISION) + MARCA_REVISION.length;
  return texto.slice(0, i) + texto.slice(i).split(MARCA_REVISION).join(escaparHtml(MARCA_REVISION));
}
