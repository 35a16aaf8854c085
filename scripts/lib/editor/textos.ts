/**
 * Spanish label and hint of every field of the note form, keyed by the field's path in the note
 * schema (scripts/lib/content/schema/nota.ts). The schema's JSDoc is written for developers in
 * English; these are the words an editor reads. A test fails when a schema field has no entry
 * here or an entry names a field the schema does not have.
 */
export const CAMPOS_EDITOR: Record<string, { etiqueta: string; ayuda?: string; singular?: string }> = {
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
    singular: "etiqueta",
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
  canales: {
    etiqueta: "Redes sociales",
    singular: "red social",
    ayuda: "Redes de la entidad donde se publicará la nota.",
  },
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
    singular: "corrección",
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

/**
 * The phrases Decap CMS's «es» locale lacks (decap-cms-locales/src/es against src/en), merged into
 * it by the admin page (CMS.registerLocale, https://decapcms.org/docs/configuration-options/#locale):
 * without them those buttons and messages show in English. A test fails when a Decap update adds
 * an English phrase that neither its «es» locale nor this list translates.
 */
export const TRADUCCIONES_DECAP = {
  auth: { loginWithAzure: "Iniciar sesión con Azure", loginWithForgejo: "Iniciar sesión con Forgejo" },
  collection: {
    sidebar: { allCollections: "Todas las colecciones", searchIn: "Buscar en" },
    collectionTop: {
      viewAsList: "Ver como lista",
      viewAsGrid: "Ver como cuadrícula",
      searchResults: "Resultados de la búsqueda de «%{searchTerm}»",
      searchResultsInCollection: "Resultados de la búsqueda de «%{searchTerm}» en %{collection}",
      filterBy: "Filtrar por",
      groupBy: "Agrupar por",
    },
    entries: { unpublishedHeader: "Entradas sin publicar" },
    groups: { other: "Otros", negateLabel: "No %{label}" },
  },
  editor: {
    editorControl: { field: { widgetLabel: "Campo %{widgetLabel}" } },
    editorControlPane: {
      widget: {
        invalidPath: "«%{path}» no es una ruta válida",
        pathExists: "La ruta «%{path}» ya existe",
      },
      i18n: {
        writingInLocale: "Escribiendo en %{locale}",
        copyFromLocale: "Llenar desde otro idioma",
        copyFromLocaleConfirm: "¿Quiere llenar los datos desde el idioma %{locale}?\nSe reemplazará todo el contenido actual.",
      },
    },
    editorInterface: {
      toggleI18n: "Mostrar u ocultar idiomas",
      togglePreview: "Mostrar u ocultar la vista previa",
      toggleScrollSync: "Sincronizar el desplazamiento",
      toggleNotes: "Mostrar u ocultar las notas",
    },
    editorNotesPane: {
      title: "Notas",
      emptyState: "Todavía no hay notas. Escriba la primera abajo para comentar con el equipo.",
      addNote: "Agregar nota",
      addPlaceholder: "Escriba una nota...",
      editPlaceholder: "Edite su nota...",
      save: "Guardar",
      cancel: "Cancelar",
      edit: "Editar",
      delete: "Borrar",
      resolve: "Resolver",
      unresolve: "Reabrir",
      confirmDelete: "¿Seguro que quiere borrar esta nota?",
      shortcut: "Consejo: oprima Ctrl+Enter para agregar la nota",
    },
    editorToolbar: {
      statusInfoTooltipDraft:
        "La entrada está en borrador. Para terminarla y enviarla a revisión, cambie el estado a «En revisión».",
      statusInfoTooltipInReview:
        "La entrada está en revisión; no hace falta nada más. Puede seguir haciendo cambios mientras la revisan.",
    },
    editorWidgets: {
      markdown: {
        bold: "Negrilla",
        italic: "Cursiva",
        strikethrough: "Tachado",
        code: "Código",
        link: "Enlace",
        linkPrompt: "Escriba la dirección (URL) del enlace",
        headings: "Subtítulos",
        quote: "Cita",
        bulletedList: "Lista con viñetas",
        numberedList: "Lista numerada",
        addComponent: "Agregar componente",
        toggleMode: { rich: "Cambiar a texto enriquecido", markdown: "Cambiar a Markdown" },
      },
      image: {
        chooseMultiple: "Elegir imágenes",
        chooseUrl: "Insertar desde una dirección (URL)",
        replaceUrl: "Reemplazar con una dirección (URL)",
        promptUrl: "Escriba la dirección (URL) de la imagen",
        addMore: "Agregar más imágenes",
        removeAll: "Quitar todas las imágenes",
      },
      file: {
        chooseUrl: "Insertar desde una dirección (URL)",
        chooseMultiple: "Elegir archivos",
        replaceUrl: "Reemplazar con una dirección (URL)",
        promptUrl: "Escriba la dirección (URL) del archivo",
        addMore: "Agregar más archivos",
        removeAll: "Quitar todos los archivos",
      },
      datetime: { setToNow: "Poner %{fieldLabel} en este momento" },
      list: { add: "Agregar %{item}", addType: "Agregar %{item}" },
      object: { expand: "Desplegar", collapse: "Plegar" },
    },
  },
  mediaLibrary: {
    mediaLibraryCard: {
      copy: "Copiar",
      copyUrl: "Copiar la dirección",
      copyPath: "Copiar la ruta",
      copyName: "Copiar el nombre",
      copied: "Copiado",
    },
    mediaLibraryModal: { close: "Cerrar" },
  },
  ui: {
    settingsDropdown: { account: "Opciones de la cuenta" },
    toast: {
      noteAdded: "Nota agregada",
      onFailToAddNote: "No se pudo agregar la nota: %{details}",
      noteUpdated: "Nota actualizada",
      onFailToUpdateNote: "No se pudo actualizar la nota: %{details}",
      noteDeleted: "Nota borrada",
      onFailToDeleteNote: "No se pudo borrar la nota: %{details}",
      noteResolved: "Nota resuelta",
      noteReopened: "Nota reabierta",
      onFailToToggleNote: "No se pudo cambiar el estado de la nota: %{details}",
      onLoggedOut: "Su sesión se cerró. Guarde una copia de lo que estaba escribiendo e inicie sesión de nuevo.",
      onBackendDown: "El servicio de almacenamiento tiene una falla. Vea %{details} para más información.",
    },
  },
};

/** Deep merge of phrase trees: `propias` wins. */
export function mezclarFrases(base: Record<string, unknown>, propias: Record<string, unknown>): Record<string, unknown> {
  const r: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(propias))
    r[k] =
      v && typeof v === "object" && r[k] && typeof r[k] === "object"
        ? mezclarFrases(r[k] as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  return r;
}
