/**
 * Spanish label and hint of every field of the note form, keyed by the field's path in the note
 * schema (scripts/lib/content/schema/nota.ts). The schema's JSDoc is written for developers in
 * English; these are the words an editor reads. A test fails when a schema field has no entry
 * here or an entry names a field the schema does not have.
 */
export const CAMPOS_EDITOR: Record<string, { etiqueta: string; ayuda?: string }> = {
  titulo: { etiqueta: "Título", ayuda: "Concreto y claro, de 10 a 110 caracteres. De él sale el nombre del archivo." },
  resumen: { etiqueta: "Resumen (bajada)", ayuda: "Qué pasó, a quién afecta y cuándo; de 20 a 300 caracteres." },
  publicar: {
    etiqueta: "Fecha y hora de publicación",
    ayuda: "Hora de Colombia. Antes de este momento la nota no aparece en ninguna parte.",
  },
  dependencia: { etiqueta: "Dependencia", ayuda: "Dependencia que pidió o es dueña de la información." },
  autor: { etiqueta: "Autor", ayuda: "Persona o equipo de la Oficina de Prensa que redactó la nota." },
  etiquetas: {
    etiqueta: "Etiquetas",
    ayuda: "Temas en minúsculas (máximo 10); cada una tiene su página y se vuelve numeral en las redes.",
  },
  "etiquetas[]": { etiqueta: "Etiqueta" },
  imagen: { etiqueta: "Imagen principal", ayuda: "Foto o gráfica de la nota, guardada junto a ella." },
  "imagen.src": { etiqueta: "Archivo de imagen", ayuda: "JPG, PNG o WebP." },
  "imagen.alt": {
    etiqueta: "Texto alternativo",
    ayuda:
      "Lo que muestra la imagen, en una o dos frases (de 8 a 250 caracteres), para quien usa lector de pantalla. No escriba «imagen», «foto» ni el nombre del archivo.",
  },
  "imagen.credito": { etiqueta: "Crédito", ayuda: "Quién tomó o hizo la imagen, por ejemplo «Oficina de Prensa / Juan Pérez»." },
  canales: { etiqueta: "Redes sociales", ayuda: "Redes de la entidad donde se publicará la nota." },
  "canales[].red": { etiqueta: "Red" },
  "canales[].texto": {
    etiqueta: "Texto para esta red",
    ayuda: "Opcional. Sin él, el texto se arma con el título, el resumen y las etiquetas.",
  },
  urgente: { etiqueta: "Urgente", ayuda: "Las notas urgentes salen primero (emisión en tiempo real)." },
  borrador: { etiqueta: "Borrador", ayuda: "Un borrador no aparece en ninguna parte, sea cual sea su fecha." },
  privacidad: { etiqueta: "Datos personales (Ley 1581 de 2012)" },
  "privacidad.datosPersonales": {
    etiqueta: "¿La nota tiene datos personales?",
    ayuda: "Nombres, fotos de personas identificables, teléfonos o documentos de ciudadanos.",
  },
  "privacidad.autorizacion": {
    etiqueta: "Referencia de la autorización",
    ayuda: "Radicado, acta o formato firmado. Obligatoria si la nota tiene datos personales autorizados.",
  },
  correcciones: {
    etiqueta: "Correcciones (fe de erratas)",
    ayuda: "Cambios hechos después de publicar, la más antigua primero.",
  },
  "correcciones[].fecha": { etiqueta: "Fecha de la corrección", ayuda: "Hora de Colombia." },
  "correcciones[].descripcion": {
    etiqueta: "Qué se corrigió",
    ayuda: "Qué decía y qué dice ahora, concreto y cierto (al menos 10 caracteres).",
  },
  trd: { etiqueta: "Clasificación documental (TRD)", ayuda: "Por omisión, la serie y subserie de la configuración." },
  "trd.serie": { etiqueta: "Serie" },
  "trd.subserie": { etiqueta: "Subserie" },
  destacada: { etiqueta: "Destacada", ayuda: "Muestra la nota en el espacio destacado de la portada." },
  campana: {
    etiqueta: "Campaña",
    ayuda: "Opcional. La tarjeta de la nota lleva la marca de la campaña mientras esta esté vigente.",
  },
};

/** Labels of the choices of `privacidad.datosPersonales`. */
export const OPCIONES_DATOS_PERSONALES: Record<string, string> = {
  ninguno: "No tiene datos personales",
  autorizados: "Sí, con autorización escrita",
};

/** Names of the networks as people write them. */
export const NOMBRES_REDES: Record<string, string> = {
  facebook: "Facebook",
  instagram: "Instagram",
  x: "X (Twitter)",
  telegram: "Telegram",
  mastodon: "Mastodon",
  bluesky: "Bluesky",
};

/** Our own Spanish messages in the editor (the CMS's interface comes from its «es» locale). */
export const MENSAJES_EDITOR = {
  coleccion: "Notas de prensa",
  coleccionSingular: "nota",
  descripcion:
    "Cada nota nueva se guarda en una rama y abre una solicitud de cambios (pull request) que la jefatura de prensa revisa y aprueba.",
  cuerpo: "Cuerpo de la nota",
  ayudaCuerpo:
    "Texto en Markdown: subtítulos (nivel 2 y 3), listas, enlaces y videos de YouTube. Nada de código ni HTML que ejecute programas.",
  video: "Video de YouTube",
  videoId: "Identificador del video (11 caracteres, lo que va después de «v=» en la dirección)",
  videoTitulo: "De qué trata el video",
  noGuardada: "La nota no se guardó porque tiene datos inválidos:",
} as const;
