import type { Nodes, Parent } from "mdast";
import type { Hallazgo, Revision } from "./tipos.ts";
import { textoEnLinea } from "./documento.ts";

export const MAX_ALT = 250;
const ALT_INUTIL =
  /^(?:imagen|foto|fotograf[íi]a|img|image|picture|photo|gr[áa]fico|ilustraci[óo]n|logo|banner|captura|imagen\s+\d+|foto\s+\d+)$/iu;
const ALT_ARCHIVO =
  /(?:\.(?:jpe?g|png|gif|webp|avif|svg|heic)$|^(?:img|dsc|pxl|whatsapp image|screenshot|captura de pantalla)[\s_-]*\d)/iu;
const ENLACE_GENERICO =
  /^(?:(?:haga\s+|de\s+|dé\s+)?(?:clic|click)(?:\s+aqu[íi]|\s+ac[áa])?|aqu[íi]|ac[áa]|ver\s+m[áa]s|leer\s+m[áa]s|lea\s+m[áa]s|m[áa]s|m[áa]s\s+informaci[óo]n|enlace|este\s+enlace|link|este\s+link|ingrese\s+aqu[íi]|consulte\s+aqu[íi]|descargue\s+aqu[íi]|descargar|ver)$/iu;

/** Why an alternative text does not describe an image, or undefined when it is fine. */
export function problemaAlt(alt: string | null | undefined): { regla: `accesibilidad/${string}`; mensaje: string } | undefined {
  const t = (alt ?? "").trim();
  if (!t) return { regla: "accesibilidad/alt-vacio", mensaje: "la imagen no tiene texto alternativo (alt)" };
  if (ALT_INUTIL.test(t) || ALT_ARCHIVO.test(t))
    return { regla: "accesibilidad/alt-inutil", mensaje: `el texto alternativo «${t}» no describe la imagen` };
  if (t.length > MAX_ALT)
    return { regla: "accesibilidad/alt-largo", mensaje: `el texto alternativo tiene ${t.length} caracteres (máximo ${MAX_ALT})` };
  return undefined;
}

const enMayusculas = (t: string): boolean => {
  if (/\p{Ll}/u.test(t)) return false;
  const letras = t.replace(/[^\p{L}]/gu, "");
  const palabras = t.split(/\s+/).filter((p) => /\p{L}{2,}/u.test(p)).length;
  return letras.length >= 15 && palabras >= 3 && letras === letras.toUpperCase() && letras !== letras.toLowerCase();
};

/**
 * accesibilidad/*: alternative texts, heading levels, link texts and text in capitals
 * (WCAG 2.1 AA, NTC 5854). The main image's alt is checked by the schema (esquema → accesibilidad).
 */
export const revisarAccesibilidad: Revision = (ctx) => {
  const { nota, doc } = ctx;
  const hallazgos: Hallazgo[] = [];
  const agregar = (n: Nodes, regla: `accesibilidad/${string}`, severidad: "error" | "aviso", mensaje: string, arreglo: string) =>
    hallazgos.push({
      archivo: nota.archivo,
      ...doc.posicionCuerpo(n.position?.start.offset ?? 0),
      regla,
      severidad,
      mensaje,
      arreglo,
    });
  if (enMayusculas(nota.datos.titulo))
    hallazgos.push({
      archivo: nota.archivo,
      ...doc.campo(["titulo"]),
      regla: "accesibilidad/mayusculas",
      severidad: "aviso",
      mensaje: "el título está escrito en mayúsculas sostenidas",
      arreglo: "escríbalo en minúsculas con mayúscula inicial; los lectores de pantalla pueden deletrearlo",
    });
  if (!doc.arbol) return hallazgos;
  let nivelPrevio = 1;
  const visitar = (n: Nodes) => {
    switch (n.type) {
      case "image": {
        const p = problemaAlt(n.alt);
        if (p)
          agregar(
            n,
            p.regla,
            "error",
            p.mensaje,
            "describa en una o dos frases lo que muestra la imagen: ![Descripción](archivo.jpg)",
          );
        break;
      }
      case "mdxJsxFlowElement":
      case "mdxJsxTextElement":
        if (n.name === "img") {
          const alt = n.attributes.find((a) => a.type === "mdxJsxAttribute" && a.name === "alt");
          const valor = alt && alt.type === "mdxJsxAttribute" && typeof alt.value === "string" ? alt.value : undefined;
          const p = problemaAlt(valor);
          if (p) agregar(n, p.regla, "error", p.mensaje, 'agregue alt="descripción de lo que muestra la imagen"');
        }
        break;
      case "heading":
        if (n.depth === 1)
          agregar(
            n,
            "accesibilidad/encabezado-h1",
            "error",
            "el cuerpo usa un título de nivel 1 (#); el título de la nota ya es el nivel 1 de la página",
            "use ## para las secciones del cuerpo",
          );
        else if (n.depth > nivelPrevio + 1)
          agregar(
            n,
            "accesibilidad/encabezado-saltado",
            "error",
            `el subtítulo salta del nivel ${nivelPrevio} al nivel ${n.depth}`,
            `use ${"#".repeat(nivelPrevio + 1)} (los niveles deben ir en orden, sin saltos)`,
          );
        nivelPrevio = Math.max(n.depth, 1);
        if (enMayusculas(textoEnLinea(n, 0).texto))
          agregar(
            n,
            "accesibilidad/mayusculas",
            "aviso",
            "un subtítulo está en mayúsculas sostenidas",
            "escríbalo con mayúscula inicial",
          );
        break;
      case "paragraph":
        if (enMayusculas(textoEnLinea(n, 0).texto))
          agregar(
            n,
            "accesibilidad/mayusculas",
            "aviso",
            "un párrafo está escrito en mayúsculas sostenidas",
            "escríbalo en minúsculas; use **negrita** para resaltar",
          );
        break;
      case "link": {
        const texto = textoEnLinea(n, 0)
          .texto.trim()
          .replace(/[.:…!]+$/u, "");
        if (ENLACE_GENERICO.test(texto))
          agregar(
            n,
            "accesibilidad/enlace-generico",
            "error",
            `el texto del enlace «${texto}» no dice a dónde lleva`,
            "escriba lo que la persona encontrará: [formulario de inscripción](...) en lugar de [clic aquí](...)",
          );
        else if (/^https?:\/\//i.test(texto) && texto.length > 40)
          agregar(
            n,
            "accesibilidad/enlace-url",
            "aviso",
            "el texto del enlace es una dirección larga que el lector de pantalla leerá letra por letra",
            "use un texto que describa el destino",
          );
        break;
      }
    }
    if ("children" in n) for (const h of (n as Parent).children) visitar(h);
  };
  visitar(doc.arbol);
  return hallazgos;
};
