import type { MensajeEntrante } from "../networks/tipos.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import {
  TIPOS_SIN_RESPUESTA,
  conversacionSchema,
  inquietudesSchema,
  type ConfigInquietudes,
  type Conversacion,
  type Entrada,
  type Respuesta,
} from "../content/schema/inquietudes.ts";
import { crearClasificador, type Clasificacion } from "./clasificar.ts";
import {
  crearCalendario,
  estadoPlazo,
  limiteTraslado,
  radicacion,
  venceLegal,
  venceMeta,
  type Calendario,
  type EstadoPlazo,
} from "./plazos.ts";
import { idAnonimo, idConversacion, tieneMensaje, type AlmacenInquietudes } from "./tipos.ts";

/**
 * The conversation model: filing a message into its conversation, recording a reply, what is due,
 * and anonymization. Pure functions over conversacionSchema records; the stores only keep them.
 * `sincronizar` (14b) calls archivarMensaje for each message read and saves the result.
 */

/** Everything the model needs for one office. */
export interface ContextoBandeja {
  config: ConfigInquietudes;
  calendario: Calendario;
  clasificar: (texto: string) => Clasificacion;
  /** Link to the entity's PQRSD page (portal.pqrsd), for the acknowledgement. */
  pqrsd?: string;
  /** The real clock, for the instants written to records (archivado, actualizada). */
  reloj: () => Date;
}

/** The config section with its defaults when the institution has none. */
export function configBandeja(institucion: Pick<Institucion, "inquietudes">): ConfigInquietudes {
  return institucion.inquietudes ?? inquietudesSchema.parse({});
}

export function crearContexto(
  institucion: Pick<Institucion, "inquietudes" | "portal">,
  reloj: () => Date = () => new Date(),
): ContextoBandeja {
  const config = configBandeja(institucion);
  return {
    config,
    calendario: crearCalendario(config),
    clasificar: crearClasificador(config),
    ...(institucion.portal?.pqrsd ? { pqrsd: institucion.portal.pqrsd } : {}),
    reloj,
  };
}

function entradaDe(m: MensajeEntrante, archivado: Date): Entrada {
  return {
    idExterno: m.idExterno,
    autor: { id: m.autor.id, usuario: m.autor.usuario, ...(m.autor.nombre ? { nombre: m.autor.nombre } : {}) },
    texto: m.texto,
    ...(m.enlace ? { enlace: m.enlace } : {}),
    recibido: m.recibido.toISOString(),
    propio: m.propio,
    ...(m.respondeA ? { respondeA: m.respondeA } : {}),
    archivado: archivado.toISOString(),
  };
}

const porFecha = (a: { recibido: string }, b: { recibido: string }) => Date.parse(a.recibido) - Date.parse(b.recibido);

/** Due dates of a (re)opened conversation from the message that opened it. */
function plazos(ctx: ContextoBandeja, c: Pick<Conversacion, "tipo">, clas: Clasificacion | undefined, recibido: Date) {
  const vence = venceMeta(ctx.calendario, ctx.config, c.tipo, recibido);
  return {
    radicacion: radicacion(ctx.calendario, recibido).toISOString(),
    ...(vence ? { vence: vence.toISOString() } : {}),
    ...(clas?.radicar && clas.subtipo
      ? {
          peticion: {
            subtipo: clas.subtipo,
            venceLegal: venceLegal(ctx.calendario, recibido, clas.subtipo).toISOString(),
            porRadicar: true,
          },
        }
      : {}),
  };
}

/**
 * Files one message into its conversation. Returns the conversation to save, or undefined when
 * nothing changes: the message was already filed (one external id, one entry), or it is the
 * entity's own message outside any conversation (its own post, not an inquiry).
 *
 * - A new thread opens a conversation, classified by the rules, with its internal target and, for a
 *   possible petition, its legal term and the radicación flag.
 * - The entity's own message in a thread is a reply a person made natively: the conversation is
 *   answered at that instant (unless it is the echo of a reply already sent by command).
 * - A new message of the person in an answered conversation reopens it with a new due date.
 */
export function archivarMensaje(
  ctx: ContextoBandeja,
  actual: Conversacion | undefined,
  m: MensajeEntrante,
  extra: { ventanaCierra?: Date } = {},
): Conversacion | undefined {
  const ahora = ctx.reloj();
  if (actual && tieneMensaje(actual, m.idExterno)) return undefined;
  const entrada = entradaDe(m, ahora);
  if (!actual) {
    if (m.propio) return undefined;
    const clas = ctx.clasificar(m.texto);
    const sinRespuesta = TIPOS_SIN_RESPUESTA.includes(clas.tipo);
    return conversacionSchema.parse({
      id: idConversacion(m.red, m.hilo),
      red: m.red,
      hilo: m.hilo,
      canal: m.canal,
      tipo: clas.tipo,
      regla: clas.regla,
      estado: sinRespuesta ? "cerrada" : "pendiente",
      recibido: m.recibido.toISOString(),
      ...plazos(ctx, { tipo: clas.tipo }, clas, m.recibido),
      ...(extra.ventanaCierra ? { ventanaCierra: extra.ventanaCierra.toISOString() } : {}),
      entradas: [entrada],
      ...(sinRespuesta ? { cerrada: ahora.toISOString() } : {}),
      actualizada: ahora.toISOString(),
    });
  }
  const c: Conversacion = structuredClone(actual);
  c.entradas = [...c.entradas, entrada].sort(porFecha);
  c.actualizada = ahora.toISOString();
  if (extra.ventanaCierra) c.ventanaCierra = extra.ventanaCierra.toISOString();
  if (m.propio) {
    const eco = c.respuestas.some((r) => r.idRemoto === m.idExterno);
    if (!eco)
      registrar(c, {
        clave: `red:${m.idExterno}`,
        via: "red",
        privado: m.canal === "privado",
        texto: m.texto,
        idRemoto: m.idExterno,
        ...(m.enlace ? { enlace: m.enlace } : {}),
        fecha: m.recibido.toISOString(),
      });
    return conversacionSchema.parse(c);
  }
  // The person wrote again.
  const clas = ctx.clasificar(m.texto);
  if (!c.tipoManual && !c.peticion && clas.radicar && clas.subtipo) {
    c.tipo = clas.tipo;
    c.regla = clas.regla;
    c.peticion = plazos(ctx, c, clas, m.recibido).peticion;
  }
  if (c.estado !== "pendiente" && !TIPOS_SIN_RESPUESTA.includes(c.tipo) && c.estado !== "trasladada") {
    const p = plazos(ctx, c, undefined, m.recibido);
    c.estado = "pendiente";
    if (p.vence) c.vence = p.vence;
    delete c.cerrada;
  }
  return conversacionSchema.parse(c);
}

/**
 * Files one message in a store: finds its conversation (by message id, then by thread), files it
 * and saves. "repetido" when it was already there. The caller moves the network's cursor only after
 * every message of a read returned.
 */
export async function archivarEnAlmacen(
  almacen: AlmacenInquietudes,
  ctx: ContextoBandeja,
  m: MensajeEntrante,
  extra: { ventanaCierra?: Date } = {},
): Promise<"nuevo" | "repetido"> {
  if (await almacen.buscarPorMensaje(m.red, m.idExterno)) return "repetido";
  const actual = await almacen.obtener(idConversacion(m.red, m.hilo));
  const c = archivarMensaje(ctx, actual, m, extra);
  if (!c) return "repetido";
  await almacen.guardar(c);
  return "nuevo";
}

/** Adds a reply and marks the conversation answered (mutates `c`). */
function registrar(c: Conversacion, r: Respuesta): void {
  if (c.respuestas.some((x) => x.clave === r.clave)) return;
  c.respuestas.push(r);
  const fecha = Date.parse(r.fecha);
  if (!c.primeraRespuesta || fecha < Date.parse(c.primeraRespuesta)) c.primeraRespuesta = r.fecha;
  if (c.estado === "pendiente") {
    c.estado = "respondida";
    c.cerrada = r.fecha;
  }
}

/** Records a reply sent by command (idempotent by `clave`); returns the conversation to save. */
export function registrarRespuesta(c: Conversacion, r: Respuesta, ahora: Date): Conversacion {
  const nueva: Conversacion = structuredClone(c);
  registrar(nueva, r);
  nueva.actualizada = ahora.toISOString();
  return conversacionSchema.parse(nueva);
}

/** Records the forwarding to the competent authority (art. 21). */
export function trasladar(ctx: ContextoBandeja, c: Conversacion, entidad: string, fecha: Date): Conversacion {
  const nueva: Conversacion = structuredClone(c);
  nueva.traslado = {
    entidad,
    limite: limiteTraslado(ctx.calendario, new Date(c.recibido)).toISOString(),
    fecha: fecha.toISOString(),
  };
  nueva.estado = "trasladada";
  nueva.cerrada ??= fecha.toISOString();
  nueva.actualizada = ctx.reloj().toISOString();
  return conversacionSchema.parse(nueva);
}

/** What is due in a conversation now: the earliest of its open terms, and why. */
export interface Vencimiento {
  vence: Date;
  /** «respuesta» (internal target), «radicación» (petition not yet filed), «traslado» (art. 21). */
  que: "respuesta" | "radicacion" | "traslado";
  estado: EstadoPlazo;
}

export function vencimiento(c: Conversacion, ahora: Date, avisoHoras: number): Vencimiento | undefined {
  const candidatos: Omit<Vencimiento, "estado">[] = [];
  if (c.estado === "pendiente" && c.vence) candidatos.push({ vence: new Date(c.vence), que: "respuesta" });
  if (c.peticion?.porRadicar && c.estado !== "cerrada")
    candidatos.push({ vence: new Date(c.peticion.venceLegal), que: "radicacion" });
  if (c.traslado && !c.traslado.fecha) candidatos.push({ vence: new Date(c.traslado.limite), que: "traslado" });
  if (!candidatos.length) return undefined;
  const primero = candidatos.sort((a, b) => a.vence.getTime() - b.vence.getTime())[0]!;
  return { ...primero, estado: estadoPlazo(primero.vence, ahora, avisoHoras) };
}

/** What anonymization removed from one conversation. */
export interface Supresion {
  mensajes: number;
  respuestas: number;
  autores: Set<string>;
}

/**
 * Removes the personal data of a conversation, keeping an anonymous stub for statistics: kind,
 * state, instants, due dates, network and channel. External ids become digests (a re-read finds the
 * stub, nothing links back). With `soloAutor`, only that person's messages are removed (a public
 * thread where the person only took part); otherwise everything (the person's own conversation).
 */
export function anonimizar(
  c: Conversacion,
  ahora: Date,
  soloAutor?: (e: Entrada) => boolean,
): { conversacion: Conversacion; quitado: Supresion } {
  const n: Conversacion = structuredClone(c);
  const quitado: Supresion = { mensajes: 0, respuestas: 0, autores: new Set() };
  const todo = !soloAutor;
  n.entradas = n.entradas.map((e) => {
    if (!todo && !soloAutor(e)) return e;
    if (e.texto !== undefined || e.autor) quitado.mensajes++;
    if (e.autor && !e.propio) quitado.autores.add(e.autor.usuario);
    const { autor: _a, texto: _t, enlace: _e, ...resto } = e;
    return {
      ...resto,
      idExterno: idAnonimo(c.red, e.idExterno),
      ...(e.respondeA ? { respondeA: idAnonimo(c.red, e.respondeA) } : {}),
    };
  });
  if (todo) {
    n.hilo = idAnonimo(c.red, c.hilo);
    n.respuestas = n.respuestas.map((r) => {
      if (r.texto !== undefined || r.enlace) quitado.respuestas++;
      const { texto: _t, enlace: _e, ...resto } = r;
      return { ...resto, ...(r.idRemoto ? { idRemoto: idAnonimo(c.red, r.idRemoto) } : {}) };
    });
    n.prorrogas = n.prorrogas.map((p) => ({ ...p, aviso: "Aviso suprimido al anonimizar la conversación." }));
    if (n.peticion) delete n.peticion.radicado;
    delete n.regla;
    n.anonimizada = ahora.toISOString();
  }
  n.actualizada = ahora.toISOString();
  return { conversacion: conversacionSchema.parse(n), quitado };
}

/** True when the conversation still holds personal data. */
export function tieneDatosPersonales(c: Conversacion): boolean {
  return (
    c.entradas.some((e) => e.autor || e.texto !== undefined || e.enlace) ||
    c.respuestas.some((r) => r.texto !== undefined || r.enlace)
  );
}
