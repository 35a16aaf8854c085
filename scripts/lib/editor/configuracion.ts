import type { z } from "zod";
import { crearEsquemaNota } from "../content/schema/nota.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import { CAMPOS_EDITOR, MENSAJES_EDITOR, NOMBRES_REDES, OPCIONES_DATOS_PERSONALES } from "./textos.ts";

/**
 * The Decap CMS configuration of the web editor (/admin/), generated from the note schema so the
 * form and `prensa validar` can never disagree on a field. Options follow
 * https://decapcms.org/docs/configuration-options/ and the widgets of
 * https://decapcms.org/docs/widgets/.
 */

/** One Decap field (the subset of options this project uses). */
export interface CampoDecap {
  name: string;
  label: string;
  /** How the list's "Agregar ..." button names one item. */
  label_singular?: string;
  hint?: string;
  widget: string;
  required: boolean;
  default?: unknown;
  pattern?: [string, string];
  options?: { label: string; value: string }[];
  multiple?: boolean;
  fields?: CampoDecap[];
  field?: CampoDecap;
  max?: number;
  summary?: string;
  collapsed?: boolean;
  format?: string;
  date_format?: string;
  time_format?: string;
  choose_url?: boolean;
  buttons?: string[];
  editor_components?: string[];
  modes?: string[];
}

export interface OpcionesEditor {
  /** URL of the local backend (decap-server) when the editor runs on this machine. */
  backendLocal?: string;
}

/** Name of the custom file format registered by the admin page (frontmatter written like `prensa nueva`). */
export const FORMATO_NOTA = "nota-mdx";
/**
 * Keys of the entry data that hold the Bogotá year and month of `publicar`, for the collection's
 * `path`. Decap cannot compute them itself: before compiling the path template it lowercases it,
 * strips its single quotes and turns dots into dashes (prepareSlug in
 * decap-cms-core/src/lib/formatters.ts), so `{{fields.publicar | date('YYYY')}}` becomes
 * `{{fields-publicar | date(yyyy)}}`, an unknown key and filter; and its `{{year}}`/`{{month}}`
 * read only a field named date, publishDate or publish_date, in UTC (a note of 30 November 21:00
 * in Bogotá would land in December). The admin page's preSave handler adds these keys (Decap
 * compiles the path after that event, from the data the handler returns) and the file format
 * never writes them. Hence lowercase names, no dots, and no `fields.` prefix in the template.
 */
export const CLAVES_CARPETA = { anio: "carpeta_anio", mes: "carpeta_mes" } as const;
/** Components the body editor offers (registered with CMS.registerEditorComponent). */
export const COMPONENTES_EDITOR = ["youtube"];
/** Toolbar of the body: what Markdown the editor can produce (no raw HTML, headings 2 and 3 only). */
const BOTONES = ["bold", "italic", "link", "heading-two", "heading-three", "quote", "bulleted-list", "numbered-list"];

type Zod = z.ZodType;
interface Definicion {
  type: string;
  innerType?: Zod;
  in?: Zod;
  shape?: Record<string, Zod>;
  element?: Zod;
  options?: Zod[];
  entries?: Record<string, string>;
  defaultValue?: unknown;
  checks?: { _zod: { def: { check: string; minimum?: number; maximum?: number } } }[];
}
const def = (s: Zod): Definicion => (s as unknown as { _zod: { def: Definicion } })._zod.def;

/** The schema under optional/default wrappers, whether the field is optional, and its default. */
export function desenvolver(s: Zod): { base: Zod; opcional: boolean; porOmision?: unknown } {
  let base = s;
  let opcional = false;
  let porOmision: unknown;
  for (;;) {
    const d = def(base);
    if (d.type === "optional") opcional = true;
    else if (d.type === "default") {
      opcional = true;
      porOmision = typeof d.defaultValue === "function" ? (d.defaultValue as () => unknown)() : d.defaultValue;
    } else break;
    base = d.innerType!;
  }
  return { base, opcional, porOmision };
}

/** Length limits of a string schema (min_length / max_length checks). */
function longitudes(s: Zod): { min?: number; max?: number } {
  const r: { min?: number; max?: number } = {};
  for (const c of def(s).checks ?? []) {
    const d = c._zod.def;
    if (d.check === "min_length") r.min = d.minimum;
    if (d.check === "max_length") r.max = d.maximum;
  }
  return r;
}

/** A pattern any letter-case of `palabra` matches (Decap compiles patterns without flags). */
const sinMayusculas = (palabra: string) =>
  [...palabra].map((c) => (c.toLowerCase() !== c.toUpperCase() ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c)).join("");

/** Alternative texts the schema refuses (imagenSchema in nota.ts), as a Decap pattern. */
const PATRON_ALT: [string, string] = [
  `^(?!\\s*(?:${["imagen", "foto", "fotografía", "fotografia", "img", "picture", "image", "photo"].map(sinMayusculas).join("|")})\\s*$)(?![\\s\\S]*\\.(?:${["jpg", "jpeg", "png", "gif", "webp", "avif", "svg"].map(sinMayusculas).join("|")})\\s*$)[\\s\\S]{8,250}$`,
  "Describa lo que muestra la imagen en 8 a 250 caracteres (no escriba «imagen», «foto» ni el nombre del archivo).",
];

function patronLongitud(min?: number, max?: number): [string, string] | undefined {
  if (min === undefined && max === undefined) return undefined;
  const texto =
    min !== undefined && max !== undefined
      ? `Debe tener entre ${min} y ${max} caracteres.`
      : min !== undefined
        ? `Debe tener al menos ${min} caracteres.`
        : `No debe pasar de ${max} caracteres.`;
  return [`^[\\s\\S]{${min ?? 0},${max ?? ""}}$`, texto];
}

const ETIQUETA_PATRON: [string, string] = [
  "^[\\p{Ll}\\p{N}]+(?:[ -][\\p{Ll}\\p{N}]+)*$",
  "Use minúsculas, números, espacios o guiones (de 2 a 40 caracteres).",
];

/** Widgets chosen by path where the zod type alone does not say it. */
const WIDGETS: Record<string, string> = {
  resumen: "text",
  "imagen.src": "image",
  "imagen.alt": "text",
  "canales[].texto": "text",
  "correcciones[].descripcion": "text",
};

/**
 * Fields the form requires although the schema leaves them optional: the press office always
 * credits the image. A test checks every other field against the schema.
 */
export const MAS_ESTRICTOS_QUE_EL_ESQUEMA = ["imagen.credito"];

function campoDe(ruta: string, nombre: string, esquema: Zod, institucion: Institucion): CampoDecap {
  const { base, opcional, porOmision } = desenvolver(esquema);
  const texto = CAMPOS_EDITOR[ruta];
  if (!texto) throw new Error(`Falta la etiqueta en español del campo «${ruta}» en scripts/lib/editor/textos.ts`);
  const campo: CampoDecap = {
    name: nombre,
    label: texto.etiqueta,
    ...(texto.ayuda ? { hint: texto.ayuda } : {}),
    widget: "string",
    required: !opcional || MAS_ESTRICTOS_QUE_EL_ESQUEMA.includes(ruta),
  };
  if (porOmision !== undefined && !(Array.isArray(porOmision) && porOmision.length === 0)) campo.default = porOmision;
  const d = def(base);
  if (ruta === "dependencia") {
    campo.widget = "select";
    campo.options = institucion.dependencias.map((dep) => ({ label: dep.nombre, value: dep.id }));
  } else if (ruta === "campana") {
    // The campaigns of the config (imagen.campanas), by the name people read.
    const { imagen } = institucion as { imagen?: { campanas?: { id: string; nombre: string }[] } };
    campo.widget = "select";
    campo.options = (imagen?.campanas ?? []).map((c) => ({ label: c.nombre, value: c.id }));
  } else if (ruta === "canales[].red") {
    campo.widget = "select";
    campo.options = Object.keys(institucion.redes).map((red) => ({ label: NOMBRES_REDES[red] ?? red, value: red }));
  } else if (d.type === "pipe" && def(d.in!).type === "union") {
    // fechaSchema: a date-time with offset. The format keeps the offset; the admin page writes it in Bogotá time.
    campo.widget = "datetime";
    campo.format = "YYYY-MM-DDTHH:mm:ssZ";
    campo.date_format = "DD/MM/YYYY";
    campo.time_format = "HH:mm";
    if (ruta === "publicar") campo.default = "{{now}}";
  } else if (d.type === "string") {
    campo.widget = WIDGETS[ruta] ?? "string";
    const { min, max } = longitudes(base);
    const patron = ruta === "imagen.alt" ? PATRON_ALT : campo.widget === "image" ? undefined : patronLongitud(min, max);
    if (patron) campo.pattern = patron;
    if (campo.widget === "image") campo.choose_url = false;
  } else if (d.type === "boolean") {
    campo.widget = "boolean";
  } else if (d.type === "enum") {
    campo.widget = "select";
    campo.options = Object.values(d.entries!).map((v) => ({ label: OPCIONES_DATOS_PERSONALES[v] ?? v, value: v }));
  } else if (d.type === "object") {
    campo.widget = "object";
    campo.collapsed = ruta === "trd";
    campo.fields = Object.entries(d.shape!).map(([k, v]) => campoDe(`${ruta}.${k}`, k, v, institucion));
    if (porOmision && typeof porOmision === "object")
      for (const f of campo.fields) {
        const valor = (porOmision as Record<string, unknown>)[f.name];
        if (valor !== undefined) f.default = valor;
      }
    delete campo.default;
  } else if (d.type === "array") {
    campo.widget = "list";
    if (texto.singular) campo.label_singular = texto.singular;
    const elemento = desenvolver(d.element!).base;
    const de = def(elemento);
    if (de.type === "union") {
      // canalSchema: a network name or { red, texto }; the form always uses the object form.
      const objeto = de.options!.map((o) => desenvolver(o).base).find((o) => def(o).type === "object")!;
      campo.fields = Object.entries(def(objeto).shape!).map(([k, v]) => campoDe(`${ruta}[].${k}`, k, v, institucion));
      campo.summary = "{{fields.red}}";
      campo.max = Object.keys(institucion.redes).length;
    } else if (de.type === "object") {
      campo.fields = Object.entries(de.shape!).map(([k, v]) => campoDe(`${ruta}[].${k}`, k, v, institucion));
      campo.summary = "{{fields.fecha}}: {{fields.descripcion}}";
    } else {
      campo.field = { ...campoDe(`${ruta}[]`, nombre.replace(/s$/, ""), elemento, institucion), pattern: ETIQUETA_PATRON };
      campo.max = 10;
    }
  } else {
    throw new Error(`El campo «${ruta}» tiene un tipo (${d.type}) que el editor web no sabe mostrar`);
  }
  return campo;
}

/** The form fields of a note, from the schema, plus the body. */
export function camposNota(institucion: Institucion): CampoDecap[] {
  const forma = crearEsquemaNota(institucion).shape as Record<string, Zod>;
  const campos = Object.entries(forma).map(([nombre, esquema]) => campoDe(nombre, nombre, esquema, institucion));
  campos.push({
    name: "body",
    label: MENSAJES_EDITOR.cuerpo,
    hint: MENSAJES_EDITOR.ayudaCuerpo,
    widget: "markdown",
    required: true,
    buttons: BOTONES,
    editor_components: COMPONENTES_EDITOR,
    modes: ["rich_text", "raw"],
  });
  return campos;
}

/** The whole Decap configuration (what config.yml would contain), passed to CMS.init({ config }). */
export function configuracionEditor(institucion: Institucion, opciones: OpcionesEditor = {}) {
  const github = institucion.github;
  const autenticacion = institucion.editorWeb;
  return {
    load_config_file: false,
    locale: "es",
    backend: {
      name: "github",
      repo: github?.repositorio ?? "",
      branch: github?.ramaPrincipal ?? "main",
      ...(autenticacion ? { base_url: autenticacion.autenticacion, auth_endpoint: autenticacion.rutaAutenticacion } : {}),
      // Spanish commit messages (https://decapcms.org/docs/configuration-options/#commit-message-templates).
      commit_messages: {
        create: "Crear {{collection}} «{{slug}}»",
        update: "Actualizar {{collection}} «{{slug}}»",
        delete: "Borrar {{collection}} «{{slug}}»",
        uploadMedia: "Subir «{{path}}»",
        deleteMedia: "Borrar «{{path}}»",
      },
    },
    ...(opciones.backendLocal ? { local_backend: { url: opciones.backendLocal } } : {}),
    // Each new note is a branch cms/notas/... and a pull request (https://decapcms.org/docs/editorial-workflows/).
    publish_mode: "editorial_workflow",
    site_url: institucion.sitio,
    display_url: institucion.sitio,
    media_folder: "content/notas",
    public_folder: "",
    // Slugs as `prensa nueva` makes them (slugDe): lowercase ASCII, accents removed, dashes.
    slug: { encoding: "ascii", clean_accents: true, sanitize_replacement: "-" },
    collections: [
      {
        name: "notas",
        label: MENSAJES_EDITOR.coleccion,
        label_singular: MENSAJES_EDITOR.coleccionSingular,
        description: MENSAJES_EDITOR.descripcion,
        folder: "content/notas",
        create: true,
        extension: "mdx",
        format: FORMATO_NOTA,
        identifier_field: "titulo",
        // slugDe cuts at 60 characters; Decap's truncate adds "..." that the slug sanitizer drops.
        slug: "{{titulo | truncate(60)}}",
        // content/notas/AAAA/MM/<slug>.mdx: the Bogotá year and month of `publicar`, which the
        // admin page's preSave handler adds to the entry data (see CLAVES_CARPETA).
        path: `{{${CLAVES_CARPETA.anio}}}/{{${CLAVES_CARPETA.mes}}}/{{slug}}`,
        // The image is saved beside the note (https://decapcms.org/docs/collection-folder/#media-and-public-folders).
        media_folder: "",
        public_folder: "",
        summary: "{{titulo}}",
        sortable_fields: ["publicar", "titulo"],
        fields: camposNota(institucion),
      },
    ],
  };
}

export type ConfiguracionEditor = ReturnType<typeof configuracionEditor>;
