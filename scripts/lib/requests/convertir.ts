import { slugDe } from "../content/escribir.ts";
import { nombreDependencia } from "../content/institucion.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import { crearEsquemaNota, type DatosNotaEntrada } from "../content/schema/nota.ts";
import { NOMBRE_RED } from "../content/schema/redes.ts";
import { isoBogota, partes } from "../content/time.ts";
import { mensajeIssue } from "../content/zod-es.ts";
import { textoParaRed } from "../copy/index.ts";
import { textoNota } from "../notes/plantilla.ts";
import { bloque } from "../github/markdown.ts";
import type { Solicitud } from "./formulario.ts";

/** A draft note derived from a request: where it goes and what it says. */
export interface NotaDesdeSolicitud {
  slug: string;
  /** Path relative to the repository root: content/notas/AAAA/MM/<slug>.mdx */
  archivo: string;
  /** Branch where the note is written: nota/<slug>. */
  rama: string;
  datos: DatosNotaEntrada;
  /** Full file text (frontmatter + body). */
  texto: string;
  /** Schema problems the editor must fix in the pull request (the draft is written anyway). */
  pendientes: string[];
}

/** Cuts a text at a word boundary so it has at most `max` characters, adding "…" when cut. */
export function cortarEnPalabra(texto: string, max: number): string {
  const limpio = texto.replace(/\s+/g, " ").trim();
  if (limpio.length <= max) return limpio;
  const corte = limpio.slice(0, max - 1);
  const espacio = corte.lastIndexOf(" ");
  return `${(espacio > max / 2 ? corte.slice(0, espacio) : corte).replace(/[\s,.;:]+$/, "")}…`;
}

/** Escapes characters that MDX would read as JSX or expressions, so a request never runs as code. */
export function escaparMdx(texto: string): string {
  return texto
    .replace(/[{}<>]/g, (c) => `\\${c}`)
    .replace(
      /^(\s*)(import|export)\b/gim,
      (_m, esp: string, palabra: string) => `${esp}&#${palabra.charCodeAt(0)};${palabra.slice(1)}`,
    );
}

/** First paragraph of the message, as the summary (bajada). */
export function resumenDe(mensaje: string): string {
  const parrafo = mensaje.split(/\n\s*\n/).find((p) => p.trim()) ?? mensaje;
  return cortarEnPalabra(parrafo, 300);
}

/**
 * Converts a request into a draft note. Deterministic: the same request always gives the same
 * slug, branch and text (the date comes from the request, or from `ahora` when it has none).
 */
export function notaDesdeSolicitud(solicitud: Solicitud, institucion: Institucion, ahora: Date): NotaDesdeSolicitud {
  const publicar = solicitud.fecha ?? ahora;
  const datos: DatosNotaEntrada = {
    titulo: cortarEnPalabra(solicitud.titulo, 110),
    resumen: resumenDe(solicitud.mensaje),
    publicar: isoBogota(publicar),
    dependencia: solicitud.dependencia,
    autor: institucion.oficina,
    etiquetas: [],
    canales: solicitud.redes,
    urgente: false,
    borrador: true,
    privacidad: { datosPersonales: "ninguno" },
  };
  const cuerpo = solicitud.mensaje
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => escaparMdx(p.trim()))
    .filter(Boolean)
    .join("\n\n");
  const slug = slugDe(datos.titulo) || `solicitud-${solicitud.numero}`;
  const p = partes(publicar);
  const archivo = `content/notas/${p.anio}/${String(p.mes).padStart(2, "0")}/${slug}.mdx`;
  const r = crearEsquemaNota(institucion).safeParse(datos);
  const pendientes = r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${mensajeIssue(i)}`);
  return { slug, archivo, rama: `nota/${slug}`, datos, texto: textoNota(datos, cuerpo), pendientes };
}

/** Marker of the comment `prensa solicitud` leaves on the request (found again on later runs). */
export const MARCA_SOLICITUD = "<!-- convergente:solicitud -->";

/** Description of the draft pull request: the request, the derived texts and what the editor must do. */
export function cuerpoPullRequest(
  solicitud: Solicitud,
  nota: NotaDesdeSolicitud,
  institucion: Institucion,
  avisos: string[],
): string {
  const lineas = [
    `Closes #${solicitud.numero}`,
    "",
    `Borrador de nota creado desde la solicitud #${solicitud.numero} de **${nombreDependencia(institucion, solicitud.dependencia)}**.`,
    "",
    `- Archivo: \`${nota.archivo}\``,
    `- Contacto de la dependencia: ${solicitud.contacto || "(no indicado)"}`,
    `- Declaración de datos personales e imágenes: ${solicitud.declaracion ? "marcada" : "**NO marcada**"}`,
    "",
    "## Qué falta antes de aprobar",
    "",
    "- [ ] Reescribir el cuerpo en lenguaje claro y verificar cada dato con la dependencia.",
    "- [ ] Agregar la imagen junto a la nota con su texto alternativo y crédito (los adjuntos están abajo).",
    "- [ ] Agregar etiquetas.",
    "- [ ] Quitar `borrador: true` cuando la nota esté lista.",
    "- [ ] Marcar la solicitud de cambios como lista para revisión.",
  ];
  if (nota.pendientes.length) {
    lineas.push("", "## Datos que la validación rechazará", "", ...nota.pendientes.map((p) => `- ${p}`));
  }
  if (avisos.length) lineas.push("", "## Avisos", "", ...avisos.map((a) => `- ${a}`));
  if (solicitud.enlaces) lineas.push("", "## Enlaces y adjuntos de la solicitud", "", solicitud.enlaces);
  const redes = nota.datos.canales ?? [];
  if (redes.length) {
    lineas.push("", "## Textos derivados para cada red", "");
    const notaTexto = {
      datos: crearEsquemaNota(institucion).safeParse({ ...nota.datos, borrador: false }).data,
      url: `/noticias/${nota.archivo.replace(/^content\/notas\//, "").replace(/\.mdx$/, "")}/`,
    };
    for (const canal of redes) {
      const red = typeof canal === "string" ? canal : canal.red;
      if (!notaTexto.datos) {
        lineas.push(`- ${NOMBRE_RED[red]}: se calculará cuando los datos de la nota sean válidos.`);
        continue;
      }
      const t = textoParaRed({ datos: notaTexto.datos, url: notaTexto.url }, red, institucion);
      lineas.push(`**${NOMBRE_RED[red]}** (${t.longitud}/${t.limite}${t.cabe ? "" : `, ${t.motivo ?? "no cabe"}`})`, "");
      lineas.push(bloque(t.texto), "");
    }
  }
  return lineas.join("\n").trimEnd() + "\n";
}
