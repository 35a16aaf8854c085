import {
  NOMBRE_SUBTIPO,
  reglaClasificacionSchema,
  type ConfigInquietudes,
  type ReglaClasificacion,
  type SubtipoPeticion,
  type TipoInquietud,
} from "../content/schema/inquietudes.ts";
import { formatoFecha } from "../content/time.ts";
import { TERMINO_LEGAL } from "./plazos.ts";

/**
 * Classification of what citizens write, by rules the office reads and edits in
 * config/institucion.yaml (`inquietudes.reglas`). Rules are tried in order and the first match wins;
 * keywords match whole words regardless of case and accents. Nothing matches: «pregunta» when the
 * text asks something, else «no-requiere-respuesta» is NOT assumed (a person decides): it stays
 * «pregunta», the kind with the shortest target, so nothing is left unanswered by a wrong guess.
 */

/** Built-in Spanish rules, used when the config has none. Same format as the config. */
export const REGLAS_INCLUIDAS: ReglaClasificacion[] = [
  { tipo: "ofensivo", palabras: ["hijueputa", "malparido", "gonorrea", "hp", "marica"], nota: "insultos" },
  {
    tipo: "spam",
    palabras: ["gana dinero", "criptomonedas", "inversion garantizada", "haz clic aqui", "sigueme y te sigo"],
    expresiones: ["https?://(bit\\.ly|tinyurl\\.com)/"],
  },
  {
    tipo: "peticion",
    subtipo: "documentos",
    palabras: [
      "solicito copia",
      "copia del contrato",
      "copia de la resolucion",
      "solicito informacion",
      "solicito la informacion",
    ],
    expresiones: ["\\b(envien|enviar|entreguen)(me)? (copia|el documento|los documentos)\\b"],
  },
  { tipo: "peticion", subtipo: "consulta", palabras: ["solicito concepto", "consulta formal", "concepto juridico"] },
  {
    tipo: "peticion",
    subtipo: "general",
    palabras: ["derecho de peticion", "solicito", "solicitamos", "requiero que", "pido formalmente"],
  },
  { tipo: "denuncia", palabras: ["denuncio", "denuncia", "corrupcion", "soborno", "coima"] },
  { tipo: "reclamo", palabras: ["reclamo", "me cobraron", "no me han pagado", "exijo", "cobro indebido"] },
  {
    tipo: "queja",
    palabras: ["queja", "pesimo", "mal servicio", "nadie responde", "no han arreglado", "abandonados", "verguenza"],
  },
  { tipo: "sugerencia", palabras: ["sugiero", "sugerencia", "deberian", "propongo", "seria bueno"] },
  { tipo: "felicitacion", palabras: ["felicitaciones", "felicito", "gracias", "excelente", "que bien", "bien hecho"] },
  {
    tipo: "pregunta",
    palabras: ["cuando", "donde", "como", "horario", "que dia", "informacion", "hasta que hora"],
    expresiones: ["\\?"],
  },
].map((r) => reglaClasificacionSchema.parse(r));

/** Lowercase, without accents or diacritics, with single spaces. */
export function normalizar(texto: string): string {
  return texto.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

const escapar = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

interface ReglaCompilada {
  regla: ReglaClasificacion;
  indice: number;
  patrones: { patron: RegExp; fuente: string }[];
}

function compilar(reglas: readonly ReglaClasificacion[]): ReglaCompilada[] {
  return reglas.map((regla, indice) => ({
    regla,
    indice,
    patrones: [
      ...regla.palabras.map((p) => ({
        patron: new RegExp(`(?<![\\p{L}\\p{N}])${escapar(normalizar(p))}(?![\\p{L}\\p{N}])`, "u"),
        fuente: p,
      })),
      ...regla.expresiones.map((e) => ({ patron: new RegExp(e, "iu"), fuente: e })),
    ],
  }));
}

export interface Clasificacion {
  tipo: TipoInquietud;
  subtipo?: SubtipoPeticion;
  /** Which rule matched and on what, for whoever checks it («regla 3 (peticion): «solicito»»). */
  regla: string;
  /** true when it may be a derecho de petición: flag it for radicación in the PQRSD system. */
  radicar: boolean;
}

/** A classifier for one config: compiles the rules once. */
export function crearClasificador(config: Pick<ConfigInquietudes, "reglas" | "radicar">): (texto: string) => Clasificacion {
  const propias = config.reglas.length > 0;
  const reglas = compilar(propias ? config.reglas : REGLAS_INCLUIDAS);
  const origen = propias ? "inquietudes.reglas" : "reglas incluidas";
  return (texto) => {
    const normal = normalizar(texto);
    for (const r of reglas) {
      const hallado = r.patrones.find((p) => p.patron.test(normal) || p.patron.test(texto));
      if (!hallado) continue;
      const tipo = r.regla.tipo;
      const subtipo =
        tipo === "peticion" ? (r.regla.subtipo ?? "general") : config.radicar.includes(tipo) ? "general" : undefined;
      return {
        tipo,
        ...(subtipo ? { subtipo } : {}),
        regla: `${origen} n.º ${r.indice + 1} (${tipo}${r.regla.subtipo ? `/${r.regla.subtipo}` : ""}): «${hallado.fuente}»`,
        radicar: config.radicar.includes(tipo),
      };
    }
    return {
      tipo: "pregunta",
      regla: "ninguna regla coincidió: queda como pregunta para que una persona la revise",
      radicar: false,
    };
  };
}

export interface DatosAcuse {
  subtipo: SubtipoPeticion;
  venceLegal: Date;
  radicado?: string;
}

/**
 * The acknowledgement (acuse de recibo) for a possible petition, from the config template: number
 * (or «en trámite»), term, due date, kind, PQRSD link and privacy notice.
 */
export function textoAcuse(config: Pick<ConfigInquietudes, "acuse">, datos: DatosAcuse, pqrsd: string | undefined): string {
  const valores: Record<string, string> = {
    numero: datos.radicado ?? config.acuse.sinNumero,
    plazo: `${TERMINO_LEGAL[datos.subtipo]} días hábiles`,
    vence: formatoFecha(datos.venceLegal),
    tipo: NOMBRE_SUBTIPO[datos.subtipo],
    pqrsd: pqrsd ?? "la sede electrónica de la entidad",
    aviso: config.acuse.avisoPrivacidad.trim(),
  };
  return config.acuse.plantilla
    .replace(/\{(\w+)\}/g, (todo, clave: string) => valores[clave] ?? todo)
    .replace(/\s+/g, " ")
    .trim();
}
