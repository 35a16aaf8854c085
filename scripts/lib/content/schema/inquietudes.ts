import { z } from "zod";
import { REDES, redSchema } from "./redes.ts";

/**
 * Inbox (procedure step 4, «Responder inquietudes»): the `inquietudes` section of
 * config/institucion.yaml, the conversation record of the PRIVATE store, and the PUBLIC monthly
 * aggregate. Norms: Ley 1755 de 2015 (derecho de petición, arts. 14 and 21), Corte Constitucional
 * T-230 de 2020 (a message through a two-way social channel can be a petition), Ley 1581 de 2012
 * (personal data: handles and texts never reach the public repository). See docs/inquietudes.md.
 */

/** Kinds of inquiry, in the order the office reads them. */
export const TIPOS_INQUIETUD = [
  "pregunta",
  "queja",
  "reclamo",
  "sugerencia",
  "felicitacion",
  "peticion",
  "denuncia",
  "ofensivo",
  "spam",
  "no-requiere-respuesta",
] as const;

export const tipoInquietudSchema = z.enum(TIPOS_INQUIETUD, {
  error: () => `debe ser uno de estos tipos: ${TIPOS_INQUIETUD.join(", ")}`,
});
export type TipoInquietud = z.infer<typeof tipoInquietudSchema>;

/** Names of each kind as people read them. */
export const NOMBRE_TIPO: Record<TipoInquietud, string> = {
  pregunta: "Pregunta",
  queja: "Queja",
  reclamo: "Reclamo",
  sugerencia: "Sugerencia",
  felicitacion: "Felicitación",
  peticion: "Petición",
  denuncia: "Denuncia",
  ofensivo: "Ofensivo",
  spam: "Spam",
  "no-requiere-respuesta": "No requiere respuesta",
};

/**
 * Kinds of derecho de petición by their legal term (Ley 1755 de 2015, art. 14): general (15 business
 * days), documentos (solicitud de documentos o información, 10) and consulta (30).
 */
export const SUBTIPOS_PETICION = ["general", "documentos", "consulta"] as const;
export const subtipoPeticionSchema = z.enum(SUBTIPOS_PETICION, {
  error: () => `debe ser uno de estos: ${SUBTIPOS_PETICION.join(", ")}`,
});
export type SubtipoPeticion = z.infer<typeof subtipoPeticionSchema>;

export const NOMBRE_SUBTIPO: Record<SubtipoPeticion, string> = {
  general: "derecho de petición",
  documentos: "solicitud de documentos o información",
  consulta: "consulta",
};

/** Kinds that do not need an answer (they are closed when filed, and never count as overdue). */
export const TIPOS_SIN_RESPUESTA: readonly TipoInquietud[] = ["ofensivo", "spam", "no-requiere-respuesta"];

const hora = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'debe ser una hora de 24 horas "HH:MM" (ejemplo: "07:00")');
const fechaDia = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'debe ser una fecha "AAAA-MM-DD" (ejemplo: "2026-05-22")')
  .refine((f) => !Number.isNaN(Date.parse(`${f}T00:00:00Z`)), "no es una fecha del calendario");
const repositorioSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/,
    'debe tener la forma "propietario/repositorio" (ejemplo: alcaldia-cajica/inquietudes)',
  );

export const DIAS_SEMANA = ["domingo", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado"] as const;
export const diaSemanaSchema = z.enum(DIAS_SEMANA, {
  error: () => `debe ser un día sin tilde: ${DIAS_SEMANA.join(", ")}`,
});

/** One block of office hours: the days it applies to and when the office opens and closes. */
export const franjaHorarioSchema = z
  .object({
    /** Days of the week of this block, e.g. [lunes, martes, miercoles, jueves]. */
    dias: z.array(diaSemanaSchema).min(1),
    /** Opening time in Bogotá, "HH:MM". */
    inicio: hora,
    /** Closing time in Bogotá, "HH:MM"; a message after it counts from the next business day. */
    fin: hora,
  })
  .refine((f) => f.inicio < f.fin, {
    message: "la hora de cierre (fin) debe ser posterior a la de apertura (inicio)",
    path: ["fin"],
  });

/** A non-working day that is not a national holiday (municipal day, decreed day, collective leave). */
export const diaNoHabilSchema = z.object({
  fecha: fechaDia,
  /** Why, e.g. "Día cívico decretado (Decreto 123 de 2026)". */
  motivo: z.string().min(3),
});

/**
 * One classification rule: when a message matches any of its keywords or expressions, it gets this
 * kind. Rules are tried in order; the first that matches wins. Keywords match whole words, without
 * regard to case or accents ("tramite" matches "trámite").
 */
export const reglaClasificacionSchema = z
  .object({
    tipo: tipoInquietudSchema,
    /** For `peticion`: which legal term applies (general, documentos, consulta). */
    subtipo: subtipoPeticionSchema.optional(),
    /** Words or phrases, e.g. ["derecho de petición", "solicito"]. */
    palabras: z.array(z.string().min(2)).default([]),
    /** JavaScript regular expressions (flags "iu" are added), e.g. ["\\bcopia de(l)? (contrato|decreto)"]. */
    expresiones: z
      .array(
        z.string().refine((e) => {
          try {
            new RegExp(e, "iu");
            return true;
          } catch {
            return false;
          }
        }, "no es una expresión regular válida de JavaScript"),
      )
      .default([]),
    /** Why the office wrote the rule, for whoever edits it later. */
    nota: z.string().optional(),
  })
  .refine((r) => r.palabras.length + r.expresiones.length > 0, {
    message: "escriba al menos una palabra o una expresión",
    path: ["palabras"],
  })
  .refine((r) => r.tipo === "peticion" || r.subtipo === undefined, {
    message: "solo las reglas de tipo peticion llevan subtipo",
    path: ["subtipo"],
  });

/** A term: business days, or business hours (office hours of business days). */
export const plazoSchema = z.union([
  z.object({ diasHabiles: z.number().int().min(1).max(60) }).strict(),
  z.object({ horasHabiles: z.number().int().min(1).max(200) }).strict(),
]);
export type Plazo = z.infer<typeof plazoSchema>;

/** Default internal service targets on social networks (petitions also carry their legal term). */
export const METAS_POR_OMISION: Record<Exclude<TipoInquietud, "ofensivo" | "spam" | "no-requiere-respuesta">, Plazo> = {
  pregunta: { diasHabiles: 1 },
  queja: { diasHabiles: 2 },
  reclamo: { diasHabiles: 2 },
  sugerencia: { diasHabiles: 3 },
  felicitacion: { diasHabiles: 2 },
  peticion: { diasHabiles: 1 },
  denuncia: { diasHabiles: 1 },
};

/** Office hours by default: those of config/institucion.yaml of Cajicá. */
const HORARIO_POR_OMISION = [
  { dias: ["lunes", "martes", "miercoles", "jueves"], inicio: "07:00", fin: "17:00" },
  { dias: ["viernes"], inicio: "07:00", fin: "16:00" },
] as const;

/** Acknowledgement (acuse de recibo) of a possible petition, included in the reply draft. */
export const acuseSchema = z.object({
  /**
   * Text with placeholders: {numero} (radicado in the PQRSD system, or «en trámite»), {plazo}
   * (e.g. «15 días hábiles»), {vence} (due date), {tipo} (e.g. «derecho de petición»), {pqrsd}
   * (link to the entity's PQRSD page), {aviso} (the privacy notice below).
   */
  plantilla: z
    .string()
    .min(20)
    .refine((t) => t.includes("{plazo}") && t.includes("{aviso}"), "debe incluir {plazo} y {aviso}"),
  /** Privacy notice (Ley 1581 de 2012): who treats the data, for what, and where the policy is. */
  avisoPrivacidad: z.string().min(20),
  /** Where the reply says the number will be when it is not yet assigned. */
  sinNumero: z.string().min(3).default("en trámite (le llegará por este medio)"),
});

/** X charges per request: reading it is opt-in, with a monthly budget of requests. */
export const xInquietudesSchema = z.object({
  /** true to read mentions and DMs of X. */
  leer: z.boolean().default(false),
  /** Most requests per calendar month (Bogotá); when reached, X is skipped until next month. */
  presupuestoMensual: z.number().int().min(1).max(100000).default(300),
});

/**
 * The `inquietudes` section of config/institucion.yaml. Optional: without it, the inbox uses the
 * local folder with the defaults below.
 */
export const inquietudesSchema = z
  .object({
    /**
     * PRIVATE GitHub repository ("owner/name") where each conversation is an issue. Without it the
     * conversations live in the git-ignored local folder `carpeta`. Must never be the public repository.
     */
    repositorio: repositorioSchema.optional(),
    /**
     * Which store the commands use: "local" (the git-ignored folder, a fresh machine, tests, offices
     * not on GitHub) or "github" (issues of `repositorio`). Commands accept `--almacen` to override it
     * (the daily workflow passes `--almacen github`).
     */
    almacen: z.enum(["local", "github"]).default("local"),
    /** Local folder (relative to the checkout, git-ignored) of the embedded store. */
    carpeta: z
      .string()
      .regex(/^\.[A-Za-z0-9_.-]+$/, 'debe ser una carpeta oculta en la raíz, como ".inquietudes"')
      .default(".inquietudes"),
    /** Networks whose inbox is read; by default every network configured in `redes` (X only with `x.leer`). */
    redes: z.array(redSchema).optional(),
    /** Office hours (America/Bogota). A message after closing or on a non-working day counts from the next business day. */
    horario: z
      .array(franjaHorarioSchema)
      .min(1)
      .default(HORARIO_POR_OMISION.map((f) => ({ ...f, dias: [...f.dias] }))),
    /** Non-working days besides the national holidays (which come from the library date-holidays, CO). */
    diasNoHabiles: z.array(diaNoHabilSchema).default([]),
    /** Classification rules, in order (the first match wins). Empty: the built-in Spanish rules. */
    reglas: z.array(reglaClasificacionSchema).default([]),
    /**
     * Kinds flagged for radicación in the entity's PQRSD system with the legal term. By default every
     * modality of the derecho de petición of Ley 1755 de 2015, art. 13 (peticiones, quejas, reclamos
     * and denuncias); petitions keep their subtipo, the rest count 15 days (general).
     */
    radicar: z.array(tipoInquietudSchema).default(["peticion", "queja", "reclamo", "denuncia"]),
    /** Internal service target per kind (business days or hours). Petitions keep their legal term too. */
    metas: z
      .partialRecord(tipoInquietudSchema, plazoSchema)
      .default({})
      .transform((m) => ({ ...METAS_POR_OMISION, ...m })),
    /** Acknowledgement for possible petitions. */
    acuse: acuseSchema.prefault({
      plantilla:
        "Recibimos su mensaje y lo tratamos como {tipo} (Ley 1755 de 2015). Número de radicado: {numero}. " +
        "Le responderemos dentro de {plazo}, a más tardar el {vence}. También puede seguirlo en {pqrsd}. {aviso}",
      avisoPrivacidad:
        "Sus datos se tratan solo para responder esta solicitud, según la política de tratamiento de datos " +
        "personales de la entidad (Ley 1581 de 2012).",
    }),
    /** Months after closing before `prensa inquietudes depurar` anonymizes a conversation (TRD 45.03). */
    retencionMeses: z.number().int().min(1).max(240).default(24),
    /** Hours before the due date at which a conversation counts as «por vencer» in the daily issue. */
    avisoHoras: z.number().int().min(1).max(240).default(24),
    /** X is read only on request, with a monthly budget. */
    x: xInquietudesSchema.prefault({}),
  })
  .refine((c) => c.almacen !== "github" || c.repositorio, {
    message: 'con almacen: github, escriba repositorio: "propietario/repositorio-privado"',
    path: ["repositorio"],
  });

export type ConfigInquietudes = z.infer<typeof inquietudesSchema>;
export type ReglaClasificacion = z.infer<typeof reglaClasificacionSchema>;

// ---------------------------------------------------------------------------------------------
// Conversation record (PRIVATE store only). Fields marked «personal» are personal data.
// ---------------------------------------------------------------------------------------------

const instante = z.iso.datetime({ offset: true, error: () => "debe ser un instante ISO 8601 con zona" });

/** Where on the network a message was written (as networks/tipos.ts#CanalMensaje). */
export const canalSchema = z.enum(["comentario", "mencion", "privado"]);

/**
 * State of a conversation: `pendiente` (waiting for the entity), `respondida` (the entity
 * answered), `trasladada` (forwarded to the competent authority, Ley 1755 art. 21), `cerrada`
 * (closed without reply: spam, offensive, nothing to answer, or closed by a person).
 */
export const ESTADOS_CONVERSACION = ["pendiente", "respondida", "trasladada", "cerrada"] as const;
export const estadoConversacionSchema = z.enum(ESTADOS_CONVERSACION);
export type EstadoConversacion = z.infer<typeof estadoConversacionSchema>;

export const NOMBRE_ESTADO: Record<EstadoConversacion, string> = {
  pendiente: "Pendiente",
  respondida: "Respondida",
  trasladada: "Trasladada",
  cerrada: "Cerrada",
};

/** Author of a message (personal). Removed by `depurar` and `suprimir`. */
export const autorSchema = z.object({
  /** The platform's stable account id. */
  id: z.string().min(1),
  /** Handle (personal). */
  usuario: z.string(),
  /** Display name (personal). */
  nombre: z.string().optional(),
});

/** One message of the conversation, from the person or from the entity's own account. */
export const entradaSchema = z.object({
  /**
   * The network's id of the message; one external id, one entry. After anonymization it is
   * replaced by "anon:" and a digest, so a re-read still finds it and nothing links back.
   */
  idExterno: z.string().min(1),
  /** Author (personal); absent once anonymized. */
  autor: autorSchema.optional(),
  /** Text (personal); absent once anonymized. */
  texto: z.string().optional(),
  /** Public URL of the message (personal: it leads to the person); absent once anonymized. */
  enlace: z.url().optional(),
  /** When the network says it was written. */
  recibido: instante,
  /** true when the entity's own account wrote it (a reply made natively on the network). */
  propio: z.boolean(),
  /** External id of the message it answers. */
  respondeA: z.string().optional(),
  /** When the store filed it (real clock). */
  archivado: instante,
});
export type Entrada = z.infer<typeof entradaSchema>;

/** A reply of the entity: sent by a command or detected on the network. */
export const respuestaSchema = z.object({
  /** Idempotency key (the command's id) or "red:<idExterno>" for a reply a person made natively. */
  clave: z.string().min(1),
  /** `comando` (sent by `/responder` or the CLI) or `red` (detected in the thread). */
  via: z.enum(["comando", "red"]),
  privado: z.boolean(),
  /** Reply text (may hold personal data: removed by anonymization). */
  texto: z.string().optional(),
  /** Remote id and link of the reply on the network. */
  idRemoto: z.string().optional(),
  enlace: z.url().optional(),
  /** When it was sent (or when the network says it was written). */
  fecha: instante,
  /** GitHub login of the team member who ordered it, when sent by command. */
  por: z.string().optional(),
});
export type Respuesta = z.infer<typeof respuestaSchema>;

/** An extension of the legal term (Ley 1755 art. 14, parágrafo): announced before the term ends, at most twice the term. */
export const prorrogaSchema = z.object({
  /** When the notice was given to the person. */
  avisada: instante,
  /** New due date. */
  vence: instante,
  /** Reason and the date the answer will be given, as told to the person. */
  aviso: z.string().min(10),
});
export type Prorroga = z.infer<typeof prorrogaSchema>;

/** Forwarding to the competent authority (Ley 1755 art. 21: within 5 business days of receipt). */
export const trasladoSchema = z.object({
  /** Authority it was forwarded to (an institution, not a person). */
  entidad: z.string().min(3),
  /** Last day to forward (5 business days). */
  limite: instante,
  /** When it was forwarded, if it was. */
  fecha: instante.optional(),
});

/** Derecho de petición: flagged for radicación in the entity's official PQRSD system. */
export const peticionSchema = z.object({
  subtipo: subtipoPeticionSchema,
  /** Legal due date (art. 14), counted from the business day of receipt. */
  venceLegal: instante,
  /** true until someone files it in the PQRSD system. */
  porRadicar: z.boolean(),
  /** Number (radicado) in the PQRSD system, once filed. */
  radicado: z.string().min(1).optional(),
  /** When it was filed. */
  radicadaEl: instante.optional(),
});

/** One conversation (a thread on a network, or a private chat) in the PRIVATE store. */
export const conversacionSchema = z.object({
  version: z.literal(1).default(1),
  /** Stable id: network and a digest of the thread id (see inbox/tipos.ts#idConversacion). */
  id: z.string().regex(/^[a-z]+-[0-9a-f]{16}$/),
  red: redSchema,
  /** The network's id of the thread or chat; "anon:…" once anonymized. */
  hilo: z.string().min(1),
  canal: canalSchema,
  tipo: tipoInquietudSchema,
  /** true when a person set the kind (the rules no longer change it). */
  tipoManual: z.boolean().default(false),
  /** Name of the rule that classified it, for whoever checks it. */
  regla: z.string().optional(),
  estado: estadoConversacionSchema,
  /** Instant of the first message of the person. */
  recibido: instante,
  /** Business day from which terms count (the next one when it arrived after hours). */
  radicacion: instante,
  /** Due date of the internal service target (business days/hours); undefined for kinds without reply. */
  vence: instante.optional(),
  /** For Meta and private messages: when the platform's reply window closes. */
  ventanaCierra: instante.optional(),
  /** Present when the message may be a derecho de petición. */
  peticion: peticionSchema.optional(),
  prorrogas: z.array(prorrogaSchema).default([]),
  traslado: trasladoSchema.optional(),
  entradas: z.array(entradaSchema).min(1),
  respuestas: z.array(respuestaSchema).default([]),
  /** First answer of the entity (command or native), for response times. */
  primeraRespuesta: instante.optional(),
  /** When it was answered, forwarded or closed. */
  cerrada: instante.optional(),
  /** GitHub logins assigned to it. */
  asignados: z.array(z.string()).default([]),
  /** When its personal data was removed (`depurar` or `suprimir`). */
  anonimizada: instante.optional(),
  actualizada: instante,
});
export type Conversacion = z.infer<typeof conversacionSchema>;

// ---------------------------------------------------------------------------------------------
// PUBLIC monthly aggregate: content/reportes/datos/AAAA/MM/inquietudes.json. Counts only.
// ---------------------------------------------------------------------------------------------

const conteoPorRed = z.partialRecord(z.enum(REDES), z.number().int().min(0));
const conteoPorTipo = z.partialRecord(tipoInquietudSchema, z.number().int().min(0));

/**
 * Aggregates of one month for the monthly report (procedure step 7). Strict: it has no field that
 * could hold a handle, a name or a text, and `prensa inquietudes agregados` checks the file against
 * this schema before writing it.
 */
export const agregadoInquietudesSchema = z
  .object({
    version: z.literal(1),
    /** Month "AAAA-MM" (America/Bogota). */
    mes: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
    zonaHoraria: z.literal("America/Bogota"),
    /** Conversations received in the month. */
    recibidas: z.number().int().min(0),
    /** Received per day of the month ("AAAA-MM-DD" → count), only days with something. */
    porDia: z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.number().int().min(0)),
    porRed: conteoPorRed,
    porTipo: conteoPorTipo,
    /** Of those that needed an answer: answered (or forwarded), and answered within their due date. */
    requierenRespuesta: z.number().int().min(0),
    respondidas: z.number().int().min(0),
    respondidasATiempo: z.number().int().min(0),
    /** Median time to the first answer, in business hours (null when nothing was answered). */
    medianaPrimeraRespuestaHorasHabiles: z.number().min(0).nullable(),
    /** Conversations still unanswered after their due date at the end of the month. */
    vencidasAlCierre: z.number().int().min(0),
    peticiones: z
      .object({
        /** Possible petitions received. */
        recibidas: z.number().int().min(0),
        /** Filed in the PQRSD system. */
        radicadas: z.number().int().min(0),
        /** Forwarded to the competent authority (art. 21). */
        trasladadas: z.number().int().min(0),
        /** With an extension (prórroga). */
        prorrogadas: z.number().int().min(0),
      })
      .strict(),
  })
  .strict();
export type AgregadoInquietudes = z.infer<typeof agregadoInquietudesSchema>;
