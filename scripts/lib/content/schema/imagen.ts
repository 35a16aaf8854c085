import { z } from "zod";
import { parseFechaPublicacion } from "../time.ts";

/**
 * The institutional image as data (step 5, «Cambios de imagen»): the theme of the site and of the
 * social cards, the campaigns with their dates, and the urgent notices. Section `imagen` of
 * config/institucion.yaml; documented for people in docs/imagen.md.
 *
 * What Resolución MinTIC 1519 de 2020 fixes is NOT here: the GOV.CO top bar, the institutional
 * footer and their colours and links come from `identidad` and the GOV.CO kit, never from a theme
 * or a campaign. Every text and background pair a theme produces is checked for WCAG 2.1 AA
 * contrast when the config is validated (see `problemasDeContraste`).
 */

const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, "debe ser un color hexadecimal de seis cifras (ejemplo: #004884)");

const archivoPublicoSchema = z
  .string()
  .regex(
    /^\/[^\s]+\.(svg|png)$/,
    'debe ser un archivo .svg o .png dentro de site/public, como "/identidad/campanas/navidad.svg"',
  );

const idSchema = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    "debe ser un identificador en minúsculas, sin tildes ni espacios, con guiones (ejemplo: navidad-2026)",
  );

/** An instant with its offset, or a bare date (00:00 in Bogotá). */
function instanteSchema(finDelDia: boolean) {
  return z.union([z.string(), z.date()]).transform((valor, ctx) => {
    const d = parseFechaPublicacion(valor);
    if (!d) {
      ctx.addIssue({
        code: "custom",
        message: 'no es una fecha válida; escriba "AAAA-MM-DD" o "AAAA-MM-DDTHH:MM:SS-05:00" (hora de Colombia)',
      });
      return z.NEVER;
    }
    // A bare end date includes that whole day: the campaign ends at 00:00 of the next day.
    const bare = typeof valor === "string" ? /^\d{4}-\d{2}-\d{2}$/.test(valor.trim()) : false;
    return finDelDia && bare ? new Date(d.getTime() + 86_400_000) : d;
  });
}

/** Colours of the site a theme may change (CSS custom properties of site/styles/global.css). */
export const coloresSitioSchema = z
  .object({
    /** Institutional colour of links, buttons and borders; default `identidad.colores.primario`. */
    primario: colorSchema.optional(),
    /** Links under the pointer; default `identidad.colores.primarioOscuro`. */
    primarioOscuro: colorSchema.optional(),
    /** Main headings (h1, large text); default the primary colour. */
    titulos: colorSchema.optional(),
    /** Keyboard focus outline (drawn beside a ring in the text colour); default `identidad.colores.foco`. */
    foco: colorSchema.optional(),
    /** Body text. */
    texto: colorSchema.optional(),
    /** Secondary text (dates, captions, metadata). */
    textoSuave: colorSchema.optional(),
    /** Page background. */
    fondo: colorSchema.optional(),
    /** Soft background of the footer and of highlighted boxes. */
    fondoSuave: colorSchema.optional(),
    /** Decorative borders (cards); not text, not checked for contrast. */
    borde: colorSchema.optional(),
    /** Background of the campaign banner; default the primary colour. */
    aviso: colorSchema.optional(),
    /** Text and link of the campaign banner; default white. */
    avisoTexto: colorSchema.optional(),
  })
  .strict();

/** Colours of the social card (1200×630): its background, the accent and the bottom band. */
export const coloresTarjetaSchema = z
  .object({
    /** Background of the card; default the institutional blue #004884. */
    fondo: colorSchema.optional(),
    /** Accent: the short mark, the dependencia line and the photo edge; default #FFC93C. */
    acento: colorSchema.optional(),
    /** Band along the bottom of the card; default #3366CC. */
    franja: colorSchema.optional(),
  })
  .strict();

/** A logo or mark file kept in the repository (under site/public/). */
export const archivoImagenSchema = z
  .object({
    /** File inside site/public/, e.g. "/identidad/campanas/navidad-en-cajica.svg". */
    archivo: archivoPublicoSchema,
    /** Alternative text, e.g. "Estrella de Navidad de Cajicá". */
    alt: z.string().min(3),
  })
  .strict();

/** The header logo of a theme (replaces `logo` while the theme is in force). */
export const logoTemaSchema = archivoImagenSchema
  .extend({
    /** Width and height in pixels in the header (the file's proportion). */
    ancho: z.number().int().positive(),
    alto: z.number().int().positive(),
  })
  .strict();

/**
 * Why the image changed: free text and, when it came from followers, the references of their
 * inquiries or comments by label (the inbox's labels, e.g. "sugerencia", "queja-contraste").
 */
export const motivoSchema = z
  .object({
    /** What was observed and what was decided, in plain words. */
    texto: z.string().trim().min(10, "explique el motivo en al menos 10 caracteres"),
    /** Labels of the inquiries or comments (inbox) that asked for the change. */
    inquietudes: z.array(z.string().trim().min(2)).default([]),
  })
  .strict();

/** A theme: what it changes of the site and of the social cards. */
export const temaSchema = z
  .object({
    /** Site colours (each falls back to `identidad.colores` or the GOV.CO defaults). */
    colores: coloresSitioSchema.prefault({}),
    /** Social-card colours. */
    tarjeta: coloresTarjetaSchema.prefault({}),
    /** Header logo while this theme is in force (default: `logo`). */
    logo: logoTemaSchema.optional(),
  })
  .strict();

/** The base theme: a theme plus the reason of its last change. */
export const temaBaseSchema = temaSchema
  .extend({
    /** Why the theme is as it is (its last change). */
    motivo: motivoSchema.optional(),
  })
  .strict();

/** The social-card variant of a campaign: a ribbon with its name or hashtag and its mark. */
export const tarjetaCampanaSchema = z
  .object({
    /** What the ribbon says: the campaign's `nombre` or its `etiqueta` (hashtag). */
    cinta: z.enum(["nombre", "etiqueta"]).default("etiqueta"),
    /** Ribbon background; default the card accent. */
    fondoCinta: colorSchema.optional(),
    /** Ribbon text; default #1F1F1F. */
    textoCinta: colorSchema.optional(),
    /**
     * Which cards carry it: `nombradas` (notes whose `campana` names this campaign) or `periodo`
     * (also every note published inside the campaign's window).
     */
    alcance: z.enum(["nombradas", "periodo"]).default("nombradas"),
  })
  .strict();

/** A dated campaign: in force from `inicio` (included) to `fin` (excluded), America/Bogota. */
export const campanaSchema = z
  .object({
    /** Stable identifier; notes name it in `campana:`. */
    id: idSchema,
    /** Name people read, e.g. "Navidad en Cajicá". */
    nombre: z.string().trim().min(3),
    /** Hashtag, e.g. "#NavidadEnCajicá". */
    etiqueta: z.string().regex(/^#[\p{L}\p{N}_]{2,40}$/u, "debe ser una etiqueta como #NavidadEnCajicá (sin espacios)"),
    /** Start: "AAAA-MM-DD" (00:00) or "AAAA-MM-DDTHH:MM:SS-05:00". */
    inicio: instanteSchema(false),
    /** End: a bare date includes that whole day; a date-time is the exact instant it ends. */
    fin: instanteSchema(true),
    /** What the campaign changes of the theme while in force. */
    tema: temaSchema.prefault({}),
    /** The campaign's mark: a file in the repository, drawn on its cards and in its banner. */
    marca: archivoImagenSchema.optional(),
    /** Optional site-wide banner while in force. */
    aviso: z
      .object({
        /** One sentence, e.g. "Conozca la programación de la Navidad en Cajicá". */
        texto: z.string().trim().min(5).max(160),
        /** Where the banner leads (a note or a page). */
        enlace: z
          .string()
          .regex(/^(https:\/\/|\/)/, 'debe ser una URL https:// o una ruta del sitio que empiece por "/"')
          .optional(),
      })
      .strict()
      .optional(),
    /** The variant of its social cards. */
    tarjeta: tarjetaCampanaSchema.prefault({}),
    /** Why the campaign exists. */
    motivo: motivoSchema,
  })
  .strict()
  .refine((c) => c.fin.getTime() > c.inicio.getTime(), { message: "la campaña termina antes de empezar", path: ["fin"] });

/** Kinds of urgent notice; each has a fixed, checked palette (see PALETAS_AVISO). */
export const TIPOS_AVISO = ["emergencia", "cierre-vial"] as const;

/** An urgent notice: a site-wide banner from the next build on, until `hasta` when given. */
export const avisoUrgenteSchema = z
  .object({
    /** Stable identifier. */
    id: idSchema,
    /** `emergencia` (red banner) or `cierre-vial` (amber banner). */
    tipo: z.enum(TIPOS_AVISO),
    /** What people must know, in one or two sentences. */
    texto: z.string().trim().min(10).max(240),
    /** Where to read more. */
    enlace: z
      .string()
      .regex(/^(https:\/\/|\/)/, 'debe ser una URL https:// o una ruta del sitio que empiece por "/"')
      .optional(),
    /** From when (default: at once). */
    desde: instanteSchema(false).optional(),
    /** Until when (excluded; a bare date includes that day). Without it, until it is removed. */
    hasta: instanteSchema(true).optional(),
  })
  .strict();

/** Section `imagen` of config/institucion.yaml. */
export const imagenSchema = z
  .object({
    /** The base theme, in force when no campaign is. */
    tema: temaBaseSchema.prefault({}),
    /** Dated campaigns. At most one is in force at a time: windows must not overlap. */
    campanas: z.array(campanaSchema).default([]),
    /** Urgent notices (emergency, road closure): a banner on every page at once. */
    avisos: z.array(avisoUrgenteSchema).default([]),
  })
  .strict()
  .superRefine((imagen, ctx) => {
    const vistos = new Set<string>();
    imagen.campanas.forEach((c, i) => {
      if (vistos.has(c.id))
        ctx.addIssue({ code: "custom", path: ["campanas", i, "id"], message: `la campaña ${c.id} está repetida` });
      vistos.add(c.id);
      imagen.campanas.slice(0, i).forEach((o) => {
        if (c.inicio < o.fin && o.inicio < c.fin)
          ctx.addIssue({
            code: "custom",
            path: ["campanas", i, "inicio"],
            message: `la campaña ${c.id} se cruza en fechas con ${o.id}: solo una campaña puede estar vigente a la vez`,
          });
      });
    });
  });

/**
 * One entry of the log of image changes (`prensa imagen registro`, the monthly report): derived
 * from the git history of the config, never written by hand.
 */
export const cambioDeImagenSchema = z.object({
  /** When it was committed, ISO 8601 with the Bogotá offset. */
  fecha: z.string(),
  /** The commit that made it. */
  commit: z.string().regex(/^[0-9a-f]{40}$/),
  /** What changed: the base theme, a campaign or an urgent notice. */
  tipo: z.enum(["tema", "campana", "aviso"]),
  /** How: it appeared, changed or was removed. */
  accion: z.enum(["nueva", "modificada", "retirada"]),
  /** Id of the campaign or notice ("tema" for the theme). */
  id: z.string(),
  /** Name people read (campaign name, notice text). */
  nombre: z.string(),
  /** Window of a campaign, ISO with the Bogotá offset (end excluded). */
  inicio: z.string().optional(),
  fin: z.string().optional(),
  /** Why, as the config says it at that commit. */
  motivo: z.object({ texto: z.string(), inquietudes: z.array(z.string()) }).optional(),
});
export type CambioDeImagen = z.infer<typeof cambioDeImagenSchema>;

export type Imagen = z.infer<typeof imagenSchema>;
export type Campana = z.infer<typeof campanaSchema>;
export type AvisoUrgente = z.infer<typeof avisoUrgenteSchema>;
export type Motivo = z.infer<typeof motivoSchema>;

/** Every site colour, resolved. */
export type ColoresSitio = Required<z.infer<typeof coloresSitioSchema>>;
/** Every card colour, resolved. */
export type ColoresTarjeta = Required<z.infer<typeof coloresTarjetaSchema>>;

/** Defaults of the site colours that `identidad` does not give (those of site/styles/global.css). */
export const COLORES_SITIO_BASE = {
  texto: "#1F1F1F",
  textoSuave: "#4B4B4B",
  fondo: "#FFFFFF",
  fondoSuave: "#F2F5F9",
  borde: "#C9D3DF",
  avisoTexto: "#FFFFFF",
} as const;

/** Defaults of the card colours (GOV.CO style guide, the template before themes existed). */
export const COLORES_TARJETA_BASE: ColoresTarjeta = { fondo: "#004884", acento: "#FFC93C", franja: "#3366CC" };

/** Fixed colours of the card (not themeable): text, summary, tag pills. */
export const TARJETA_FIJA = { texto: "#FFFFFF", textoSuave: "#DCE7F7", etiqueta: "#0F5C9E", textoCinta: "#1F1F1F" } as const;

/** Fixed palettes of urgent notices (not themeable), checked like a theme. */
export const PALETAS_AVISO: Record<(typeof TIPOS_AVISO)[number], { fondo: string; texto: string; borde: string }> = {
  emergencia: { fondo: "#A80521", texto: "#FFFFFF", borde: "#6B0315" },
  "cierre-vial": { fondo: "#FFF4D6", texto: "#1F1F1F", borde: "#A86800" },
};

/** The identity colours a theme falls back to (`identidad.colores` of the config). */
export interface ColoresIdentidad {
  primario: string;
  primarioOscuro: string;
  foco: string;
}

/** Resolved site colours of a theme (plus a campaign's override) over the identity colours. */
export function resolverColoresSitio(
  identidad: ColoresIdentidad,
  ...capas: (z.infer<typeof coloresSitioSchema> | undefined)[]
): ColoresSitio {
  const sin = (o: object | undefined) => Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined));
  const union = Object.assign({}, ...capas.map(sin)) as z.infer<typeof coloresSitioSchema>;
  const primario = union.primario ?? identidad.primario;
  return {
    primario,
    primarioOscuro: union.primarioOscuro ?? identidad.primarioOscuro,
    titulos: union.titulos ?? primario,
    foco: union.foco ?? identidad.foco,
    texto: union.texto ?? COLORES_SITIO_BASE.texto,
    textoSuave: union.textoSuave ?? COLORES_SITIO_BASE.textoSuave,
    fondo: union.fondo ?? COLORES_SITIO_BASE.fondo,
    fondoSuave: union.fondoSuave ?? COLORES_SITIO_BASE.fondoSuave,
    borde: union.borde ?? COLORES_SITIO_BASE.borde,
    aviso: union.aviso ?? primario,
    avisoTexto: union.avisoTexto ?? COLORES_SITIO_BASE.avisoTexto,
  };
}

/** Resolved card colours of a theme plus a campaign's override. */
export function resolverColoresTarjeta(...capas: (z.infer<typeof coloresTarjetaSchema> | undefined)[]): ColoresTarjeta {
  const r: ColoresTarjeta = { ...COLORES_TARJETA_BASE };
  for (const c of capas) for (const [k, v] of Object.entries(c ?? {})) if (v !== undefined) r[k as keyof ColoresTarjeta] = v;
  return r;
}

// --- WCAG 2.1 contrast -------------------------------------------------------------------------

/** Relative luminance of an sRGB colour (WCAG 2.1, definition «relative luminance»). */
export function luminancia(hex: string): number {
  const canal = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * canal(0) + 0.7152 * canal(1) + 0.0722 * canal(2);
}

/** Contrast ratio (L1 + 0.05) / (L2 + 0.05), from 1 to 21 (WCAG 2.1, «contrast ratio»). */
export function contraste(a: string, b: string): number {
  const [l1, l2] = [luminancia(a), luminancia(b)].sort((x, y) => y - x) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

/**
 * Kinds of pair and the minimum ratio of WCAG 2.1 AA for each: text 4.5:1 (SC 1.4.3), large text
 * 3:1 (SC 1.4.3: 18 pt, or 14 pt bold), user-interface components and their states 3:1 (SC 1.4.11).
 */
export const MINIMOS = { texto: 4.5, "texto grande": 3, componente: 3 } as const;
export type TipoPar = keyof typeof MINIMOS;

/** One pair of colours a theme produces, named for people. */
export interface ParDeColores {
  nombre: string;
  tipo: TipoPar;
  primerPlano: string;
  fondo: string;
  /** Config field to change (for the message), relative to the theme. */
  campo: string;
}

/** Every pair of the site and of the card that a theme produces. */
export function paresDelTema(
  sitio: ColoresSitio,
  tarjeta: ColoresTarjeta,
  cinta?: { fondo: string; texto: string },
): ParDeColores[] {
  const pares: ParDeColores[] = [
    { nombre: "texto sobre el fondo", tipo: "texto", primerPlano: sitio.texto, fondo: sitio.fondo, campo: "colores.texto" },
    {
      nombre: "texto sobre el fondo suave (pie de página)",
      tipo: "texto",
      primerPlano: sitio.texto,
      fondo: sitio.fondoSuave,
      campo: "colores.fondoSuave",
    },
    {
      nombre: "texto secundario (fechas, pies de foto) sobre el fondo",
      tipo: "texto",
      primerPlano: sitio.textoSuave,
      fondo: sitio.fondo,
      campo: "colores.textoSuave",
    },
    {
      nombre: "texto secundario sobre el fondo suave",
      tipo: "texto",
      primerPlano: sitio.textoSuave,
      fondo: sitio.fondoSuave,
      campo: "colores.textoSuave",
    },
    {
      nombre: "enlaces sobre el fondo",
      tipo: "texto",
      primerPlano: sitio.primario,
      fondo: sitio.fondo,
      campo: "colores.primario",
    },
    {
      nombre: "enlaces sobre el fondo suave (pie de página)",
      tipo: "texto",
      primerPlano: sitio.primario,
      fondo: sitio.fondoSuave,
      campo: "colores.primario",
    },
    {
      nombre: "enlaces bajo el puntero",
      tipo: "texto",
      primerPlano: sitio.primarioOscuro,
      fondo: sitio.fondo,
      campo: "colores.primarioOscuro",
    },
    {
      nombre: "texto blanco de los botones sobre el color primario",
      tipo: "texto",
      primerPlano: "#FFFFFF",
      fondo: sitio.primario,
      campo: "colores.primario",
    },
    {
      nombre: "texto y enlace del aviso de campaña",
      tipo: "texto",
      primerPlano: sitio.avisoTexto,
      fondo: sitio.aviso,
      campo: "colores.avisoTexto",
    },
    {
      nombre: "títulos principales sobre el fondo",
      tipo: "texto grande",
      primerPlano: sitio.titulos,
      fondo: sitio.fondo,
      campo: "colores.titulos",
    },
    {
      nombre: "borde de botones y etiquetas sobre el fondo",
      tipo: "componente",
      primerPlano: sitio.primario,
      fondo: sitio.fondo,
      campo: "colores.primario",
    },
    {
      nombre: "contorno del foco del teclado junto al anillo del color del texto",
      tipo: "componente",
      primerPlano: sitio.foco,
      fondo: sitio.texto,
      campo: "colores.foco",
    },
    {
      nombre: "tarjeta social: dependencia (acento) sobre el fondo de la tarjeta",
      tipo: "texto",
      primerPlano: tarjeta.acento,
      fondo: tarjeta.fondo,
      campo: "tarjeta.acento",
    },
    {
      nombre: "tarjeta social: título y fecha (blanco) sobre el fondo de la tarjeta",
      tipo: "texto",
      primerPlano: TARJETA_FIJA.texto,
      fondo: tarjeta.fondo,
      campo: "tarjeta.fondo",
    },
    {
      nombre: "tarjeta social: resumen sobre el fondo de la tarjeta",
      tipo: "texto",
      primerPlano: TARJETA_FIJA.textoSuave,
      fondo: tarjeta.fondo,
      campo: "tarjeta.fondo",
    },
  ];
  if (cinta)
    pares.push({
      nombre: "tarjeta social: texto de la cinta de campaña",
      tipo: "texto",
      primerPlano: cinta.texto,
      fondo: cinta.fondo,
      campo: "tarjeta.textoCinta",
    });
  return pares;
}

/** A pair that fails, with its ratio. */
export interface FallaContraste extends ParDeColores {
  razon: number;
  minimo: number;
}

/** The pairs below their WCAG 2.1 AA minimum. */
export function fallasDeContraste(pares: readonly ParDeColores[]): FallaContraste[] {
  return pares
    .map((p) => ({ ...p, razon: contraste(p.primerPlano, p.fondo), minimo: MINIMOS[p.tipo] }))
    .filter((p) => p.razon < p.minimo);
}

/** "4,48:1" (truncated, never rounded up to pass). */
export const formatoRazon = (r: number): string => `${(Math.floor(r * 100) / 100).toFixed(2).replace(".", ",")}:1`;

/** The Spanish message of a failing pair. */
export function mensajeContraste(f: FallaContraste, donde: string): string {
  return `contraste insuficiente en ${donde}: ${f.nombre} (${f.primerPlano} sobre ${f.fondo}) tiene ${formatoRazon(f.razon)}; WCAG 2.1 AA pide al menos ${formatoRazon(f.minimo)} para ${f.tipo === "componente" ? "componentes de la interfaz" : f.tipo}`;
}

/** The ribbon colours of a campaign's card over the resolved card colours. */
export function coloresCinta(c: Campana, tarjeta: ColoresTarjeta): { fondo: string; texto: string } {
  return { fondo: c.tarjeta.fondoCinta ?? tarjeta.acento, texto: c.tarjeta.textoCinta ?? TARJETA_FIJA.textoCinta };
}

/**
 * Contrast problems of the `imagen` section over the identity colours: the base theme and each
 * campaign's theme as it is when in force. Used by the institution schema (a failure stops every
 * command and the build) and by tests. Paths are relative to the config root.
 */
export function problemasDeContraste(
  imagen: Imagen,
  identidad: ColoresIdentidad,
): { ruta: (string | number)[]; mensaje: string }[] {
  const out: { ruta: (string | number)[]; mensaje: string }[] = [];
  const base = imagen.tema;
  const sitioBase = resolverColoresSitio(identidad, base.colores);
  const tarjetaBase = resolverColoresTarjeta(base.tarjeta);
  const clave = (f: FallaContraste) => `${f.nombre}|${f.primerPlano}|${f.fondo}`;
  const fallasBase = fallasDeContraste(paresDelTema(sitioBase, tarjetaBase));
  for (const f of fallasBase)
    out.push({ ruta: ["imagen", "tema", ...f.campo.split(".")], mensaje: mensajeContraste(f, "el tema") });
  // A campaign reports only what it introduces: a pair it inherits unchanged is the base theme's problem.
  const yaDichas = new Set(fallasBase.map(clave));
  imagen.campanas.forEach((c, i) => {
    const sitio = resolverColoresSitio(identidad, base.colores, c.tema.colores);
    const tarjeta = resolverColoresTarjeta(base.tarjeta, c.tema.tarjeta);
    for (const f of fallasDeContraste(paresDelTema(sitio, tarjeta, coloresCinta(c, tarjeta)))) {
      if (yaDichas.has(clave(f))) continue;
      const campo = f.campo === "tarjeta.textoCinta" ? ["tarjeta", "textoCinta"] : ["tema", ...f.campo.split(".")];
      out.push({ ruta: ["imagen", "campanas", i, ...campo], mensaje: mensajeContraste(f, `la campaña ${c.id}`) });
    }
  });
  return out;
}

/** What `prensa imagen kit --aplicar` sent to one network's profile. */
export const aplicacionPerfilSchema = z.object({
  /** Fingerprint of the images sent (sha256 of their sha256s): the same fingerprint is never sent twice. */
  huella: z.string().regex(/^[0-9a-f]{64}$/),
  /** When it was applied (real clock), ISO 8601 with the Bogotá offset. */
  aplicado: z.string(),
  /** Campaign in force when it was drawn, or null for the base theme. */
  campana: z.string().nullable(),
  /** The files sent. */
  archivos: z.array(z.object({ tipo: z.enum(["perfil", "portada"]), sha256: z.string(), bytes: z.number().int().positive() })),
  /** The account the platform answered with (Mastodon account id, Bluesky DID). */
  cuenta: z.string().optional(),
});

/** content/imagen/perfiles.json: the last profile update of each network, and every earlier one. */
export const registroPerfilesSchema = z.object({
  esquema: z.literal(1),
  redes: z.record(
    z.string(),
    z.object({ actual: aplicacionPerfilSchema, historial: z.array(aplicacionPerfilSchema).default([]) }),
  ),
});
export type AplicacionPerfil = z.infer<typeof aplicacionPerfilSchema>;
export type RegistroPerfiles = z.infer<typeof registroPerfilesSchema>;
