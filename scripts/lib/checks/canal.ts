import type { Hallazgo, Revision } from "./tipos.ts";
import { NOMBRE_RED } from "../content/schema/redes.ts";
import { textoParaRed, urlDeNota, hashtagsDe, LIMITES } from "../copy/index.ts";

/** Hashtags beyond this many make a post hard to read on networks other than Instagram. */
export const HASHTAGS_RECOMENDADOS = 5;

/**
 * canal/*: what goes to each network fits its rules: the editor's text within the limit (counted
 * the network's way), Instagram with an image and at most 30 hashtags, a reasonable number of hashtags.
 */
export const revisarCanales: Revision = (ctx) => {
  const { nota, doc, institucion } = ctx;
  const hallazgos: Hallazgo[] = [];
  const url = urlDeNota(nota, institucion);
  nota.datos.canales.forEach((canal, i) => {
    const nombre = NOMBRE_RED[canal.red];
    const agregar = (regla: `canal/${string}`, severidad: "error" | "aviso", mensaje: string, arreglo: string) =>
      hallazgos.push({
        archivo: nota.archivo,
        ...doc.campo(canal.texto ? ["canales", i, "texto"] : ["canales", i]),
        regla,
        severidad,
        mensaje,
        arreglo,
      });
    if (canal.red === "instagram" && !nota.datos.imagen)
      agregar(
        "canal/instagram-sin-imagen",
        "error",
        "Instagram solo publica con una imagen y la nota no tiene `imagen`",
        "agregue imagen: { src, alt, credito } o quite instagram de canales",
      );
    if (!canal.texto) {
      // A derived text always fits (shortened at a word boundary; property-tested in test/copy),
      // so only the number of hashtags matters.
      const n = Math.min(hashtagsDe(nota.datos.etiquetas).length, LIMITES.instagramHashtags);
      if (canal.red !== "instagram" && n > HASHTAGS_RECOMENDADOS)
        agregar(
          "canal/demasiados-hashtags",
          "aviso",
          `el texto para ${nombre} tendría ${n} hashtags (uno por etiqueta); más de ${HASHTAGS_RECOMENDADOS} dificultan la lectura`,
          "deje en etiquetas solo los temas principales",
        );
      return;
    }
    const t = textoParaRed(nota, canal.red, institucion);
    if (!t.cabe) {
      const hashtags = /hashtags/.test(t.motivo ?? "");
      agregar(
        hashtags ? "canal/demasiados-hashtags" : "canal/texto-largo",
        "error",
        `el texto para ${nombre} ${t.motivo ?? "no cabe"}`,
        t.propio
          ? `acórtelo (el texto escrito por el editor nunca se recorta solo) o borre «texto» para que se derive del título y el resumen`
          : "acorte el título o el resumen",
      );
    }
    if (canal.red !== "instagram" && t.hashtags.length > HASHTAGS_RECOMENDADOS)
      agregar(
        "canal/demasiados-hashtags",
        "aviso",
        `el texto para ${nombre} tiene ${t.hashtags.length} hashtags; más de ${HASHTAGS_RECOMENDADOS} dificultan la lectura`,
        "deje los dos o tres más importantes",
      );
    if (t.propio && canal.red !== "instagram" && !t.texto.includes(url))
      agregar(
        "canal/sin-enlace",
        "aviso",
        `el texto para ${nombre} no incluye el enlace de la nota (${url})`,
        "agregue el enlace para que las personas puedan leer la nota completa",
      );
    if (t.propio && canal.red === "instagram" && /https?:\/\//.test(t.texto))
      agregar(
        "canal/enlace-en-instagram",
        "aviso",
        "Instagram no convierte los enlaces del texto en vínculos",
        "diga «enlace en la biografía» en lugar de pegar la dirección",
      );
  });
  if (nota.datos.etiquetas.length > LIMITES.instagramHashtags) {
    // The schema already limits tags to 10; kept for configs that raise it.
    hallazgos.push({
      archivo: nota.archivo,
      ...doc.campo(["etiquetas"]),
      regla: "canal/demasiados-hashtags",
      severidad: "error",
      mensaje: `la nota tiene ${nota.datos.etiquetas.length} etiquetas y Instagram admite ${LIMITES.instagramHashtags} hashtags`,
      arreglo: "use menos etiquetas",
    });
  }
  return hallazgos;
};
