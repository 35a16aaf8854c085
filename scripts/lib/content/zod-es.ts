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

/** Spanish text of a zod issue (custom messages pass through; defaults are translated). */
export function mensajeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") return `campo desconocido: ${issue.keys.join(", ")}`;
  if (issue.message && !/^(Invalid|Expected|Too|Unrecognized|Required)/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined
        ? "falta este campo obligatorio"
        : `tiene un tipo incorrecto (se esperaba ${tipo(issue.expected)})`;
    case "too_small":
      return `es demasiado corto (mínimo ${String(issue.minimum)})`;
    case "too_big":
      return `es demasiado largo (máximo ${String(issue.maximum)})`;
    case "invalid_value":
      return `debe ser uno de: ${issue.values.map(String).join(", ")}`;
    case "invalid_union":
      return "no tiene una forma válida";
    case "invalid_format":
      return "no tiene el formato esperado";
    default:
      return "no es válido";
  }
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
