import * as p from "@clack/prompts";
import type { Institucion } from "../content/schema/institucion.ts";
import type { EsquemaNota } from "../content/schema/nota.ts";
import { NOMBRE_RED, type Red } from "../content/schema/redes.ts";
import { mensajeIssue } from "../content/zod-es.ts";
import { slugDe } from "../content/escribir.ts";

/** The answers of `prensa nueva`, as the flags would give them. */
export interface Respuestas {
  titulo?: string;
  resumen?: string;
  dependencia?: string;
  autor?: string;
  publicar?: string;
  etiquetas?: string;
  canales?: string;
  slug?: string;
}

/** Why a value does not fit one field of the note schema (Spanish, as `prensa validar` says it), or undefined. */
export function problemaCampo(esquema: EsquemaNota, campo: keyof EsquemaNota["shape"], valor: unknown): string | undefined {
  const r = esquema.shape[campo].safeParse(valor);
  return r.success ? undefined : mensajeIssue(r.error.issues[0]!, valor);
}

/** "a, b ,c" → ["a", "b", "c"]. */
export const lista = (v?: string): string[] =>
  (v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** The editor left (Ctrl+C or Escape): nothing is written. */
export class Cancelado extends Error {}

function respuesta<T>(valor: T): Exclude<T, symbol> {
  if (p.isCancel(valor)) throw new Cancelado("cancelado");
  return valor as Exclude<T, symbol>;
}

export interface OpcionesPreguntas {
  esquema: EsquemaNota;
  institucion: Institucion;
  /** Answers given as flags: a valid one is not asked again; an invalid one is asked with its reason. */
  dadas: Respuestas;
  /** Today in Bogotá, "AAAA-MM-DD" (the default publication date). */
  hoy: string;
  /** Whether a note with this slug may be written for this publication date (no note has that name yet). */
  libre: (slug: string, publicar: string) => boolean;
  entrada?: NodeJS.ReadableStream;
  salida?: NodeJS.WritableStream;
}

/**
 * Asks, in the terminal, every field of a new note that the flags did not give, validating each
 * answer as it is typed with the same zod schema as `prensa validar` and asking again with the
 * Spanish reason; departments and networks are chosen from the configured lists with the arrow keys.
 * @clack/prompts draws the prompts (https://bomb.sh/docs/clack/packages/prompts/).
 */
export async function preguntar(
  op: OpcionesPreguntas,
): Promise<Required<Pick<Respuestas, "titulo" | "resumen" | "dependencia" | "autor" | "publicar">> & Respuestas> {
  const { esquema, institucion, dadas } = op;
  const comun = { input: op.entrada as never, output: op.salida as never };
  const valido = (campo: keyof EsquemaNota["shape"], v: string | undefined) =>
    v !== undefined && !problemaCampo(esquema, campo, v);
  const texto = async (
    campo: "titulo" | "resumen" | "autor" | "publicar",
    mensaje: string,
    extra: Partial<p.TextOptions> = {},
  ) => {
    if (valido(campo, dadas[campo])) return dadas[campo]!;
    return respuesta(
      await p.text({
        ...comun,
        message: mensaje,
        ...(dadas[campo] !== undefined ? { initialValue: dadas[campo] } : {}),
        ...extra,
        validate: (v) => problemaCampo(esquema, campo, !v && extra.defaultValue ? extra.defaultValue : (v ?? "")),
      }),
    ).trim();
  };

  p.intro("Nueva nota", comun);
  const titulo = await texto("titulo", "Título (de 10 a 110 caracteres, concreto y claro)");
  const resumen = await texto("resumen", "Resumen o bajada (qué pasó, a quién y cuándo; máximo 300 caracteres)");
  const ids = institucion.dependencias.map((d) => d.id);
  const dependencia =
    dadas.dependencia && ids.includes(dadas.dependencia)
      ? dadas.dependencia
      : respuesta(
          await p.select({
            ...comun,
            message: "Dependencia que pidió o es dueña de la información (↑ ↓ para moverse, Enter para elegir)",
            options: institucion.dependencias.map((d) => ({ value: d.id, label: d.nombre, hint: d.id })),
            showInstructions: false,
          }),
        );
  const autor = await texto("autor", "Autor (quien redacta la nota)", {
    defaultValue: institucion.oficina,
    placeholder: institucion.oficina,
  });
  const publicar = await texto("publicar", "Fecha de publicación (AAAA-MM-DD o AAAA-MM-DDTHH:MM:SS-05:00; Enter para hoy)", {
    defaultValue: op.hoy,
    placeholder: op.hoy,
  });
  let etiquetas = dadas.etiquetas;
  if (
    etiquetas === undefined ||
    problemaCampo(
      esquema,
      "etiquetas",
      lista(etiquetas).map((e) => e.toLowerCase()),
    )
  )
    etiquetas = respuesta(
      await p.text({
        ...comun,
        message: "Etiquetas separadas por comas (opcional; por ejemplo: salud, vacunación)",
        placeholder: "Enter para ninguna",
        defaultValue: "",
        ...(etiquetas ? { initialValue: etiquetas } : {}),
        validate: (v) =>
          problemaCampo(
            esquema,
            "etiquetas",
            lista(v).map((e) => e.toLowerCase()),
          ),
      }),
    );
  const redes = Object.keys(institucion.redes) as Red[];
  let canales = dadas.canales;
  if (canales === undefined || problemaCampo(esquema, "canales", lista(canales)))
    canales = redes.length
      ? respuesta(
          await p.multiselect({
            ...comun,
            message: "Redes donde se publicará (↑ ↓ para moverse, espacio para marcar, Enter para seguir; ninguna es válido)",
            options: redes.map((r) => ({ value: r, label: NOMBRE_RED[r] })),
            required: false,
            showInstructions: false,
          }),
        ).join(",")
      : "";
  let slug = dadas.slug ? slugDe(dadas.slug) : slugDe(titulo);
  if (!slug || !op.libre(slug, publicar)) {
    slug = slugDe(
      respuesta(
        await p.text({
          ...comun,
          message: slug
            ? `Ya existe una nota llamada «${slug}» en ese mes; escriba otro nombre de archivo (minúsculas y guiones)`
            : "Nombre del archivo (minúsculas y guiones)",
          validate: (v) => {
            const s = slugDe(v ?? "");
            if (!s) return "escriba al menos una palabra con letras o números";
            if (!op.libre(s, publicar)) return `ya existe una nota llamada «${s}» en ese mes`;
            return undefined;
          },
        }),
      ),
    );
  }
  return { titulo, resumen, dependencia, autor, publicar, etiquetas, canales, slug };
}

/** Shows the file about to be written and asks to confirm. */
export async function confirmarEscritura(
  ruta: string,
  contenido: string,
  op: Pick<OpcionesPreguntas, "entrada" | "salida">,
): Promise<boolean> {
  const comun = { input: op.entrada as never, output: op.salida as never };
  p.note(contenido.trimEnd(), `Se escribirá ${ruta}`, comun);
  return respuesta(await p.confirm({ ...comun, message: "¿Crear la nota?", active: "Sí", inactive: "No", initialValue: true }));
}

/** Closing lines of the interactive mode. */
export const terminar = (mensaje: string, op: Pick<OpcionesPreguntas, "salida"> = {}): void =>
  p.outro(mensaje, { output: op.salida as never });
export const abandonar = (mensaje: string, op: Pick<OpcionesPreguntas, "salida"> = {}): void =>
  p.cancel(mensaje, { output: op.salida as never });
