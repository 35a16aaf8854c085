import { z } from "zod";
import { OPCIONES_RED } from "./redes.ts";
import { trdSchema } from "./trd.ts";
import { metricasConfigSchema } from "./metricas.ts";
import { imagenSchema, problemasDeContraste } from "./imagen.ts";
import { inquietudesSchema } from "./inquietudes.ts";
import { informesConfigSchema } from "./informe.ts";

export { trdSchema };

const slugSchema = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    "debe ser un identificador en minúsculas, sin tildes ni espacios, con guiones (ejemplo: secretaria-de-salud)",
  );

/** An official phone line, shown in the footer and never reported as personal data. */
export const telefonoSchema = z.object({
  /** What the line is for, e.g. "Conmutador" or "Línea de emergencias". */
  nombre: z.string().min(1),
  /** The number as people dial it, e.g. "+57 601 8795356". */
  numero: z.string().min(7),
});

/** A department (dependencia) of the entity that can request and sign notes. */
export const dependenciaSchema = z.object({
  /** Stable identifier used in notes (`dependencia:`) and URLs (`/dependencias/<id>/`). */
  id: slugSchema,
  /** Official name shown to citizens. */
  nombre: z.string().min(3),
  /** Institutional e-mail of the department (not personal data). */
  correo: z.email("debe ser un correo electrónico válido").optional(),
});

/** One institutional social account: where it lives, how it is shown in the footer, and its network's settings. */
function cuentaRed<O extends z.ZodType>(opciones: O) {
  return z.object({
    /** Public handle, e.g. "@AlcaldiaCajica". */
    usuario: z.string().min(1),
    /** Public profile URL. */
    url: z.url("debe ser una URL completa (https://...)"),
    /** Network-specific settings the publisher needs (page id, chat id, instance URL...): see OPCIONES_RED. */
    opciones: opciones.default({} as never),
  });
}

/** The accounts, one per network; each network validates its own `opciones` (OPCIONES_RED). */
export const redesSchema = z
  .object({
    facebook: cuentaRed(OPCIONES_RED.facebook).optional(),
    instagram: cuentaRed(OPCIONES_RED.instagram).optional(),
    x: cuentaRed(OPCIONES_RED.x).optional(),
    telegram: cuentaRed(OPCIONES_RED.telegram).optional(),
    mastodon: cuentaRed(OPCIONES_RED.mastodon).optional(),
    bluesky: cuentaRed(OPCIONES_RED.bluesky).optional(),
  })
  .strict();

/** A community group created by the population (WhatsApp, Facebook, Telegram) where notes are shared by hand. */
export const grupoComunitarioSchema = z.object({
  /** Stable identifier, used by `prensa kit NOTA --compartido <id>`. */
  id: slugSchema,
  /** Name of the group as people know it. */
  nombre: z.string().min(3),
  /** Platform of the group. */
  plataforma: z.enum(["whatsapp", "facebook", "telegram"]),
  /** Who is in the group (vereda, sector, population). */
  audiencia: z.string().min(3),
  /** Invitation or group link. */
  enlace: z.url("debe ser una URL completa (https://...)"),
  /** Dependencias or tags whose notes interest this group; empty means every note. */
  intereses: z.array(z.string()).default([]),
});

/** Where the newsroom lives on GitHub and how `main` is protected (`prensa configurar`, `prensa solicitud`). */
export const githubSchema = z.object({
  /** Repository as "owner/name", e.g. "alcaldia-cajica/convergente". */
  repositorio: z
    .string()
    .regex(
      /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/,
      'debe tener la forma "propietario/repositorio" (ejemplo: alcaldia-cajica/convergente)',
    ),
  /** Team of the head of press that must approve changes to content/, as "org/team-slug" (used in CODEOWNERS). */
  equipoPrensa: z
    .string()
    .regex(
      /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/,
      'debe tener la forma "organizacion/equipo" (ejemplo: alcaldia-cajica/jefatura-de-prensa)',
    ),
  /** Protected branch that the site and the networks publish from. */
  ramaPrincipal: z.string().min(1).default("main"),
  /** Names of the checks (jobs of revision.yml) that must pass before merging into the main branch. */
  chequeosRequeridos: z.array(z.string().min(1)).default(["revision"]),
});

const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, "debe ser un color hexadecimal de seis cifras (ejemplo: #0943B5)");
const urlSchema = z.url("debe ser una URL completa (https://...)");

/**
 * Enlaces a los menús del portal principal de la entidad a los que debe llevar cada página
 * (Resolución MinTIC 1519 de 2020, Anexo 2 §2.4). Un subsitio de prensa no los copia: los enlaza.
 */
export const portalSchema = z.object({
  /** Inicio del portal principal de la entidad, por ejemplo "https://www.cajica.gov.co". */
  principal: urlSchema,
  /** Menú «Transparencia y acceso a la información pública» (Ley 1712 de 2014). */
  transparencia: urlSchema,
  /** Menú «Atención y servicios a la ciudadanía». */
  atencion: urlSchema,
  /** Formulario o página para radicar peticiones, quejas, reclamos, sugerencias y denuncias (PQRSD). */
  pqrsd: urlSchema,
  /** Menú «Participa» (participación ciudadana). */
  participa: urlSchema,
  /** Centro de Relevo, el servicio nacional de comunicación para personas sordas (MinTIC). */
  centroDeRelevo: urlSchema.default("https://centroderelevo.gov.co"),
});

/** Canal para denunciar actos de corrupción, en el pie de página (Anexo 2 §2.2). Debe tener al menos un medio. */
export const anticorrupcionSchema = z
  .object({
    /** Línea telefónica anticorrupción. */
    telefono: z.string().min(7).optional(),
    /** Correo para denuncias de corrupción. */
    correo: z.email("debe ser un correo electrónico válido").optional(),
    /** Página o formulario para denunciar. */
    enlace: urlSchema.optional(),
  })
  .refine((a) => a.telefono || a.correo || a.enlace, "diga al menos un teléfono, un correo o un enlace para denunciar");

/** Logo o escudo propio de la entidad, en el encabezado. */
export const logoSchema = z.object({
  /** Archivo dentro de site/public/, por ejemplo "/identidad/escudo-cajica.svg". */
  archivo: z
    .string()
    .regex(/^\/[^\s]+\.(svg|png|webp)$/, 'debe ser una ruta dentro de site/public, como "/identidad/escudo.svg"'),
  /** Texto alternativo de la imagen, por ejemplo "Escudo de Cajicá". */
  alt: z.string().min(3),
  /** Ancho y alto en píxeles con que se dibuja en el encabezado (la proporción del archivo). */
  ancho: z.number().int().positive(),
  alto: z.number().int().positive(),
  /** `true` mientras el archivo sea un dibujo de ejemplo y no el logo oficial de la entidad. */
  ejemplo: z.boolean().default(false),
});

/**
 * Valores de identidad visual del kit GOV.CO vigente, aquí para que una entidad siga un kit más
 * nuevo cambiando la configuración y no el código. Por omisión: barra del Kit UI v5 (layout-govco-v5).
 */
export const identidadSchema = z.object({
  /** Versión del kit GOV.CO de donde salen estos valores. */
  kit: z.string().min(1).default("GOV.CO Kit UI v5 (layout-govco-v5)"),
  /** Barra superior que enlaza a GOV.CO (Anexo 2 §2.1). */
  barraGovco: z
    .object({
      /** Color de fondo de la barra. */
      color: colorSchema.default("#0943B5"),
      /** Alto de la barra en rem. */
      alto: z.number().min(2).max(6).default(3.5),
    })
    .prefault({}),
  /** Colores del sitio. */
  colores: z
    .object({
      /** Azul institucional de títulos y enlaces (contraste AA sobre blanco). */
      primario: colorSchema.default("#004884"),
      /** Tono más oscuro al pasar el puntero. */
      primarioOscuro: colorSchema.default("#00325C"),
      /** Contorno del foco del teclado. */
      foco: colorSchema.default("#FFBF47"),
    })
    .prefault({}),
  /** Familias tipográficas (el sitio debe servir sus archivos). */
  fuentes: z
    .object({
      /** Títulos. */
      titulos: z.string().min(1).default("Montserrat"),
      /** Texto. */
      texto: z.string().min(1).default("Work Sans"),
    })
    .prefault({}),
});

/**
 * The institution config (`config/institucion.yaml`): one typed file an entity edits to adopt
 * Convergente. Validated at load; a bad config stops every command and the build.
 */
const camposInstitucion = z.object({
  /** Legal name of the entity, e.g. "Alcaldía Municipal de Cajicá". */
  entidad: z.string().min(3),
  /** Short name for titles and images, e.g. "Alcaldía de Cajicá". */
  nombreCorto: z.string().min(3),
  /** Office that runs the newsroom. */
  oficina: z.string().min(3),
  /** Public URL of the site, without trailing slash; used for feeds, canonical and social links. */
  sitio: z.url("debe ser una URL completa (https://...)").transform((u) => u.replace(/\/+$/, "")),
  /** One-line description of the site for feeds and metadata. */
  descripcion: z.string().min(10),
  /** Timezone for every date a person sees. */
  zonaHoraria: z.literal("America/Bogota").default("America/Bogota"),
  /** Contact data for the GOV.CO institutional footer (Resolución MinTIC 1519 de 2020). */
  contacto: z.object({
    /** Main office address. */
    direccion: z.string().min(5),
    /** Municipality and department, e.g. "Cajicá, Cundinamarca, Colombia". */
    municipio: z.string().min(3),
    /** Postal code. */
    codigoPostal: z.string().min(4),
    /** Opening hours in plain words. */
    horario: z.string().min(5),
    /** Official phone lines. */
    telefonos: z.array(telefonoSchema).min(1),
    /** General contact e-mail. */
    correo: z.email("debe ser un correo electrónico válido"),
    /** E-mail for judicial notifications (required by Resolución 1519). */
    notificacionesJudiciales: z.email("debe ser un correo electrónico válido"),
    /** Other institutional addresses that are not personal data (sedes). */
    otrasDirecciones: z.array(z.string()).default([]),
  }),
  /** Departments that can request and sign notes. */
  dependencias: z.array(dependenciaSchema).min(1),
  /** Institutional social accounts. Only networks listed here can be used in `canales`. */
  redes: redesSchema.default({}),
  /** Community groups where notes are shared by hand. */
  gruposComunitarios: z.array(grupoComunitarioSchema).default([]),
  /** Tablas de Retención Documental: default classification of notes and the table itself (see schema/trd.ts). */
  trd: trdSchema,
  /** Institutional e-mail domains: addresses in these domains are not personal data. */
  dominiosInstitucionales: z.array(z.string()).default([]),
  /** GitHub repository, press team and protection of the main branch; optional until the repository exists. */
  github: githubSchema.optional(),
  /** Web editor (/admin/, Decap CMS): the OAuth token-exchange service for the GitHub login (docs/editor-web.md). */
  editorWeb: z
    .object({
      /** Base URL of the token-exchange service, e.g. "https://editor-oauth.cajica.gov.co" (Decap's backend.base_url). */
      autenticacion: z.url("debe ser una URL completa (https://...)"),
      /** Path of the login endpoint on that service (Decap's backend.auth_endpoint). */
      rutaAutenticacion: z.string().min(1).default("auth"),
    })
    .optional(),
  /** Enlaces a Transparencia, Atención (PQRSD) y Participa del portal principal; los exige la Resolución 1519. */
  portal: portalSchema.optional(),
  /** Canal anticorrupción del pie de página; lo exige la Resolución 1519. */
  anticorrupcion: anticorrupcionSchema.optional(),
  /** Logo o escudo de la entidad para el encabezado. */
  logo: logoSchema.optional(),
  /** Valores del kit GOV.CO (colores, fuentes, alto de la barra); cada uno tiene el valor del kit por omisión. */
  identidad: identidadSchema.prefault({}),
  /** Cambios de imagen (step 5): theme, dated campaigns, urgent notices; contrast-checked below. See schema/imagen.ts. */
  imagen: imagenSchema.optional(),
  /** Network metrics read daily by `prensa metricas` (Meta metric names, days of posts read, X budget): see schema/metricas.ts. */
  metricas: metricasConfigSchema.optional(),
  /** Inbox (step 4): private store, office hours, classification rules, terms, acknowledgement: see schema/inquietudes.ts. */
  inquietudes: inquietudesSchema.optional(),
  /** Monthly report (step 7): who the report's pull request is assigned to: see schema/informe.ts. */
  informes: informesConfigSchema.optional(),
});

/** The institution schema: its fields, plus the WCAG 2.1 AA contrast of every pair of the theme and campaigns (schema/imagen.ts). */
export const institucionSchema = camposInstitucion.superRefine((institucion, ctx) => {
  for (const p of problemasDeContraste(institucion.imagen ?? imagenSchema.parse({}), institucion.identidad.colores))
    ctx.addIssue({ code: "custom", path: p.ruta, message: p.mensaje });
});

export type Institucion = z.infer<typeof institucionSchema>;
export type Dependencia = z.infer<typeof dependenciaSchema>;
export type GrupoComunitario = z.infer<typeof grupoComunitarioSchema>;
export type Identidad = z.infer<typeof identidadSchema>;
