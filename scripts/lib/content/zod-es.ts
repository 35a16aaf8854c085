import type { z } from "zod";

/** Fix hints by field, shown after each schema message. */
const ARREGLOS: Record<string, string> = {
  titulo:
    'escriba un título concreto de 10 a 110 caracteres, por ejemplo: titulo: "Cajicá abre inscripciones para la escuela de música"',
  resumen: "escriba una bajada de máximo 300 caracteres que diga qué pasó, a quién y cuándo",
  publicar: 'use "AAAA-MM-DD" o "AAAA-MM-DDTHH:MM:SS-05:00", por ejemplo: publicar: 2026-11-20T08:00:00-05:00',
  dependencia: "copie el id exacto de una dependencia de config/institucion.yaml",
  autor: "escriba el nombre de quien redactó la nota",
  etiquetas: "escriba una lista de temas en minúsculas, por ejemplo: etiquetas: [salud, vacunación]",
  imagen: "agregue imagen con src (archivo junto a la nota), alt (qué muestra la imagen) y credito",
  "imagen.src": "guarde la imagen junto a la nota y escriba su nombre, por ejemplo: src: festival.jpg",
  "imagen.alt":
    'describa lo que se ve en la imagen, por ejemplo: alt: "Niños y niñas bailan en la plaza principal durante el festival"',
  canales: 'liste redes configuradas, por ejemplo: canales: [facebook, x] o - red: x con texto: "..."',
  urgente: "escriba urgente: true o urgente: false",
  borrador: "escriba borrador: true o borrador: false",
  privacidad: "use datosPersonales: ninguno, o datosPersonales: autorizados con autorizacion: <radicado>",
  "privacidad.autorizacion": "escriba el radicado o la referencia del formato de autorización firmado",
  correcciones: "cada corrección lleva fecha y descripcion",
  trd: "indique serie y subserie de la Tabla de Retención Documental",
  destacada: "escriba destacada: true o destacada: false",
};

export function arregloPara(ruta: (string | number)[]): string | undefined {
  const conIndices = ruta.filter((p) => typeof p === "string").join(".");
  return ARREGLOS[conIndices] ?? ARREGLOS[String(ruta[0])];
}

/** What the allowed values of a field are, to name a wrong one: "«tiktok» no es una red conocida". */
const VALORES: Record<string, [que: string, cual: string]> = {
  canales: ["una red conocida", "una"],
  "canales.red": ["una red conocida", "una"],
  redes: ["una red conocida", "una"],
  dependencia: ["una dependencia configurada", "una"],
};

/** The value at a path of the input, when it is known. */
function valorEn(entrada: unknown, ruta: readonly PropertyKey[]): unknown {
  let v = entrada;
  for (const p of ruta) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

const citar = (v: unknown): string | undefined =>
  typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? `«${String(v)}»` : undefined;

/**
 * Spanish text of a zod issue (custom messages pass through; defaults are translated). With the
 * parsed input (`entrada`), the message quotes the wrong value and, for unions, explains the
 * branch the value was meant for instead of "no tiene una forma válida".
 */
export function mensajeIssue(issue: z.core.$ZodIssue, entrada?: unknown): string {
  const valor = valorEn(entrada, issue.path);
  if (issue.code === "unrecognized_keys") return `campo desconocido: ${issue.keys.join(", ")}`;
  if (issue.code === "invalid_union") {
    const rama = ramaPretendida(issue.errors, valor);
    if (rama) return mensajeIssue({ ...rama, path: [...issue.path, ...rama.path] }, entrada);
    if (valor === undefined && entrada !== undefined) return "falta este campo obligatorio";
    const esperados = [
      ...new Set(issue.errors.flat().flatMap((i) => (i.code === "invalid_type" && !i.path.length ? [tipo(i.expected)] : []))),
    ];
    return esperados.length ? `tiene un tipo incorrecto (se esperaba ${esperados.join(" o ")})` : "no tiene una forma válida";
  }
  if (issue.code === "invalid_value" && citar(valor)) {
    const campo = issue.path.filter((p) => typeof p === "string").join(".");
    const [que, cual] = VALORES[campo] ?? VALORES[String(issue.path[0])] ?? ["un valor permitido", "uno"];
    return `${citar(valor)!} no es ${que}; use ${cual} de: ${issue.values.map(String).join(", ")}`;
  }
  if (issue.message && !/^(Invalid|Expected|Too|Unrecognized|Required)/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return (entrada !== undefined ? valor : issue.input) === undefined
        ? "falta este campo obligatorio"
        : `tiene un tipo incorrecto (se esperaba ${tipo(issue.expected)})`;
    case "too_small":
      return `es demasiado corto (mínimo ${String(issue.minimum)})`;
    case "too_big":
      return `es demasiado largo (máximo ${String(issue.maximum)})`;
    case "invalid_value":
      return `debe ser uno de: ${issue.values.map(String).join(", ")}`;
    case "invalid_format":
      return "no tiene el formato esperado";
    default:
      return "no es válido";
  }
}

/**
 * The branch of a union the value was meant for. A branch that rejected the value's own type
 * (an object where a string fits) was not meant; of the rest, an object value was meant for the
 * branch that looked inside it, a plain value for the branch that judged it whole.
 */
function ramaPretendida(ramas: z.core.$ZodIssue[][], valor: unknown): z.core.$ZodIssue | undefined {
  let posibles = ramas.filter((r) => !r.every((i) => i.code === "invalid_type" && i.path.length === 0));
  if (posibles.length > 1) {
    const compuesto = valor !== null && typeof valor === "object";
    posibles = posibles.filter((r) => r.some((i) => i.path.length > 0 === compuesto));
  }
  return posibles.length === 1 ? posibles[0]![0] : undefined;
}

function tipo(t: string): string {
  return (
    {
      string: "un texto",
      number: "un número",
      boolean: "true o false",
      array: "una lista",
      object: "un grupo de campos",
      date: "una fecha",
    }[t] ?? t
  );
}
