import { ErrorUso, leerArgumentos, SALIDA, type Comando, type Io } from "../cli/comando.ts";
import { ocultarSecretos } from "../cli/secretos.ts";
import { cargarInstitucion } from "../content/institucion.ts";
import { rutas } from "../content/paths.ts";
import type { Conversacion, Respuesta } from "../content/schema/inquietudes.ts";
import type { Red } from "../content/schema/redes.ts";
import { separarRepo } from "../github/cliente.ts";
import { crearBandeja, type DisponibilidadBandeja } from "../networks/bandeja/index.ts";
import type { AdaptadorBandeja, ErrorRed, PostRemoto, RespuestaSaliente } from "../networks/tipos.ts";
import { comoErrorRed, esperaTrasFallo, noSeProceso, politicaDesde, type PoliticaReintentos } from "../publish/politica.ts";
import { abrirAlmacen } from "./almacen.ts";
import { AlmacenGithub, clienteInquietudes } from "./almacen-github.ts";
import { configBandeja, registrarRespuesta } from "./conversacion.ts";
import {
  OrdenesGithub,
  OrdenesLocales,
  type EstadoOrden,
  type FuenteOrdenes,
  type Orden,
  type OrdenConEstado,
} from "./ordenes.ts";
import type { AlmacenInquietudes } from "./tipos.ts";

/**
 * `prensa inquietudes responder`: sends the replies the press team ordered with `/responder …`
 * (public) or `/responder-privado …` (private), each exactly once, and writes the link back.
 *
 * The loop is the publisher's (publish/ejecutor.ts#enviarConReconciliacion), on orders instead of
 * publications: the order goes `enviando` (with the instant) before the network is called; on a
 * transient failure it waits and, unless the failure proves nothing was sent, asks the network
 * whether the reply exists before sending again; the idempotency key is the order's key (the
 * GitHub comment id, or the local order's id), which Mastodon sends as Idempotency-Key and Bluesky
 * turns into a fixed record key. A run that dies after `enviando` is reconciled by the next one.
 * What cannot be decided (a lost send on Telegram, a closed window, a refusal) is left for a person
 * with the reason, never sent blindly. Output: counts and states only, never texts or handles.
 */

export interface ContextoResponder {
  almacen: AlmacenInquietudes;
  fuente: FuenteOrdenes;
  abrir: (red: Red) => Promise<DisponibilidadBandeja>;
  politica: PoliticaReintentos;
  dormir: (ms: number) => Promise<void>;
  reloj: () => Date;
}

export type ResultadoOrden =
  | "enviada"
  | "ya-enviada"
  | "para-una-persona"
  | "en-espera"
  /** Nothing to do now (no reader for that network yet): stays for the next run. */
  | "sin-red";

export interface FilaRespuesta {
  clave: string;
  conversacion: string;
  red?: Red;
  privado: boolean;
  resultado: ResultadoOrden;
  /** Spanish, no personal data. */
  detalle?: string;
}

/** The citizen's last message of the conversation (the one a reply answers), when it still holds its data. */
function mensajeAResponder(c: Conversacion): RespuestaSaliente["mensaje"] | undefined {
  const entrada = [...c.entradas].reverse().find((e) => !e.propio && e.autor);
  if (!entrada?.autor) return undefined;
  return {
    idExterno: entrada.idExterno,
    hilo: c.hilo,
    canal: c.canal,
    autor: entrada.autor,
    recibido: new Date(entrada.recibido),
  };
}

const enlaceValido = (url: string | undefined): string | undefined => (url && URL.canParse(url) ? url : undefined);

/** Records the reply in the conversation (replacing the echo a sync may have filed as a native reply). */
async function registrar(ctx: ContextoResponder, c: Conversacion, o: Orden, post: PostRemoto, cuando: Date): Promise<void> {
  const actual = (await ctx.almacen.obtener(c.id)) ?? c;
  const base: Conversacion = {
    ...actual,
    respuestas: actual.respuestas.filter((r) => !(r.via === "red" && r.idRemoto === post.idRemoto)),
  };
  const enlace = enlaceValido(post.url);
  const respuesta: Respuesta = {
    clave: o.clave,
    via: "comando",
    privado: o.privado,
    texto: o.texto,
    idRemoto: post.idRemoto,
    ...(enlace ? { enlace } : {}),
    fecha: cuando.toISOString(),
    por: o.por,
  };
  await ctx.almacen.guardar(registrarRespuesta(base, respuesta, cuando));
}

/** Runs one order to a final or waiting state. Never throws for network errors. */
export async function ejecutarOrden(ctx: ContextoResponder, item: OrdenConEstado): Promise<FilaRespuesta> {
  const o = item.orden;
  const fila = (resultado: ResultadoOrden, detalle?: string, red?: Red): FilaRespuesta => ({
    clave: o.clave,
    conversacion: o.conversacion,
    privado: o.privado,
    resultado,
    ...(red ? { red } : {}),
    ...(detalle ? { detalle } : {}),
  });
  const ahora = () => ctx.reloj();
  const aPersona = async (detalle: string, red?: Red): Promise<FilaRespuesta> => {
    await ctx.fuente.anotar(o, { estado: "para-una-persona", fecha: ahora().toISOString(), detalle });
    return fila("para-una-persona", detalle, red);
  };

  if (item.estado?.estado === "para-una-persona") return fila("para-una-persona", item.estado.detalle);
  const c = await ctx.almacen.obtener(o.conversacion);
  if (!c) return aPersona(`la conversación ${o.conversacion} no existe en la bandeja`);
  const hecha = c.respuestas.find((r) => r.clave === o.clave);
  if (hecha) {
    if (item.estado?.estado !== "enviada")
      await ctx.fuente.anotar(o, {
        estado: "enviada",
        fecha: hecha.fecha,
        ...(hecha.idRemoto ? { idRemoto: hecha.idRemoto } : {}),
        ...(hecha.enlace ? { enlace: hecha.enlace } : {}),
      });
    return fila("ya-enviada", undefined, c.red);
  }
  if (item.estado?.estado === "enviada") {
    // Sent and noted, but the conversation lost it (a hand edit): record it again, do not resend.
    await registrar(
      ctx,
      c,
      o,
      { idRemoto: item.estado.idRemoto ?? o.clave, url: item.estado.enlace ?? "" },
      new Date(item.estado.fecha),
    );
    return fila("ya-enviada", undefined, c.red);
  }
  const mensaje = mensajeAResponder(c);
  if (!mensaje) return aPersona("la conversación ya no tiene los datos de la persona (anonimizada o suprimida)", c.red);
  if (o.privado && c.canal !== "privado" && (c.red === "facebook" || c.red === "instagram")) {
    const previa = c.respuestas.some((r) => r.privado && r.via === "comando");
    if (previa) return aPersona("la red permite una sola respuesta privada a un comentario y ya se envió", c.red);
  }
  const disponible = await ctx.abrir(c.red);
  if (!disponible.bandeja)
    return fila("sin-red", disponible.motivo === "error" ? disponible.detalle : "faltan las credenciales de esta red", c.red);
  const bandeja: AdaptadorBandeja = disponible.bandeja;
  const previoDesde = item.estado?.estado === "enviando" ? new Date(item.estado.desde) : undefined;
  const respuesta: RespuestaSaliente = { red: c.red, mensaje, texto: o.texto, privado: o.privado, clave: o.clave };
  const ventana = bandeja.ventana(respuesta, ahora());
  if (!ventana.permitida && !previoDesde) return aPersona(ventana.explicacion, c.red);

  const exito = async (post: PostRemoto): Promise<FilaRespuesta> => {
    const cuando = ahora();
    await registrar(ctx, c, o, post, cuando);
    const enlace = enlaceValido(post.url);
    await ctx.fuente.anotar(o, {
      estado: "enviada",
      fecha: cuando.toISOString(),
      idRemoto: post.idRemoto,
      ...(enlace ? { enlace } : {}),
    });
    return fila("enviada", undefined, c.red);
  };

  let modo: "enviar" | "reconciliar" = previoDesde ? "reconciliar" : "enviar";
  let desde = previoDesde;
  let fallos = 0;
  for (;;) {
    let error: ErrorRed;
    if (modo === "enviar") {
      desde ??= ahora();
      await ctx.fuente.anotar(o, { estado: "enviando", desde: desde.toISOString() });
      try {
        return await exito(await bandeja.responder({ ...respuesta, desde }));
      } catch (e) {
        error = comoErrorRed(e);
      }
      if (error.tipo === "permanente") return aPersona(`la red rechazó la respuesta: ${error.message}`, c.red);
    } else {
      try {
        const r = await bandeja.reconciliarRespuesta({ ...respuesta, ...(desde ? { desde } : {}) });
        if (r.estado === "publicado") return await exito(r.post);
        if (r.estado === "desconocido") return aPersona(`no se sabe si la respuesta salió: ${r.motivo}`, c.red);
        if (!ventana.permitida) return aPersona(ventana.explicacion, c.red);
        modo = "enviar";
        continue;
      } catch (e) {
        error = comoErrorRed(e);
      }
      if (error.tipo === "permanente") return aPersona(`no se pudo comprobar si la respuesta salió: ${error.message}`, c.red);
    }
    fallos++;
    const noEnviado = modo === "enviar" && noSeProceso(error);
    const espera = esperaTrasFallo(fallos, error, ctx.politica);
    if (espera === undefined) {
      // Retries spent: a refusal leaves it `pendiente` (send anew); a doubt stays `enviando` (reconcile).
      if (noEnviado) await ctx.fuente.anotar(o, { estado: "pendiente", detalle: ocultarSecretos(error.message, {}) });
      return fila("en-espera", error.message, c.red);
    }
    await ctx.dormir(espera);
    if (modo === "enviar" && !noSeProceso(error)) modo = "reconciliar";
  }
}

/** Runs every order not yet finished, oldest first. */
export async function responder(ctx: ContextoResponder): Promise<FilaRespuesta[]> {
  const filas: FilaRespuesta[] = [];
  for (const item of await ctx.fuente.ordenes()) {
    if (item.estado?.estado === "enviada" || item.estado?.estado === "para-una-persona") continue;
    filas.push(await ejecutarOrden(ctx, item));
  }
  return filas;
}

const NOMBRE_RESULTADO: Record<ResultadoOrden, string> = {
  enviada: "enviada",
  "ya-enviada": "ya estaba enviada",
  "para-una-persona": "queda para una persona",
  "en-espera": "en espera (se reintentará)",
  "sin-red": "sin lector de la red (se reintentará)",
};

/** Summary: one line per order (key, conversation, state), never the text or the person. */
export function resumenRespuestas(filas: readonly FilaRespuesta[], env: NodeJS.ProcessEnv): string {
  if (filas.length === 0) return "No hay respuestas por enviar.";
  const enviadas = filas.filter((f) => f.resultado === "enviada").length;
  return [
    `Respuestas: ${enviadas} enviadas de ${filas.length} órdenes.`,
    ...filas.map(
      (f) =>
        `- ${f.conversacion} (${f.privado ? "privada" : "pública"}, orden ${f.clave}): ${NOMBRE_RESULTADO[f.resultado]}${f.detalle ? ` — ${ocultarSecretos(f.detalle, env)}` : ""}`,
    ),
  ].join("\n");
}

const USO = `Uso: prensa inquietudes responder [--almacen local|github]
       prensa inquietudes responder --conversacion ID --texto "…" [--privado]   (almacén local)

Envía, una sola vez cada una, las respuestas que el equipo ordenó:
- en GitHub, con un comentario «/responder texto» (pública) o «/responder-privado texto» (privada)
  en el issue de la conversación, escrito por alguien con permiso de escritura en el repositorio;
- en el almacén local, con --conversacion y --texto (y --privado para un mensaje privado).
El enlace de la respuesta queda escrito bajo la orden. Si la red ya no permite ese tipo de
respuesta, la orden queda para una persona con la explicación de lo que todavía es posible.`;

export const comando: Comando = {
  nombre: "responder",
  descripcion: "Envía una vez cada respuesta ordenada con /responder o /responder-privado",
  uso: USO,
  async ejecutar(args: string[], io: Io): Promise<number> {
    const { values } = leerArgumentos(
      args,
      {
        almacen: { type: "string" },
        conversacion: { type: "string" },
        texto: { type: "string" },
        privado: { type: "boolean" },
      } as const,
      false,
    );
    const r = rutas(io.env.PRENSA_RAIZ);
    const institucion = cargarInstitucion(r.raiz);
    const config = configBandeja(institucion);
    const almacen = abrirAlmacen({
      raiz: r.raiz,
      institucion,
      env: io.env,
      ...(values.almacen ? { almacen: values.almacen } : {}),
    });
    let fuente: FuenteOrdenes;
    if (almacen instanceof AlmacenGithub) {
      if (values.conversacion || values.texto)
        throw new ErrorUso("con el almacén de GitHub las respuestas se ordenan con un comentario /responder en el issue");
      const gh = clienteInquietudes(io.env);
      fuente = new OrdenesGithub({
        gh,
        repo: separarRepo(config.repositorio!, "inquietudes.repositorio"),
        env: io.env,
        conversacionDeIssue: async (numero) => {
          for (const c of await almacen.listar()) if ((await almacen.numeroIssue(c.id)) === numero) return c.id;
          return undefined;
        },
      });
    } else {
      const locales = new OrdenesLocales(r.raiz, config.carpeta);
      if (values.conversacion || values.texto) {
        if (!values.conversacion || !values.texto) throw new ErrorUso('use --conversacion ID y --texto "…" juntos');
        if (!(await almacen.obtener(values.conversacion)))
          throw new ErrorUso(
            `no hay una conversación «${values.conversacion}» en ${almacen.donde} (vea prensa inquietudes listar)`,
          );
        locales.crear(
          { conversacion: values.conversacion, texto: values.texto, privado: values.privado === true, por: "equipo-local" },
          new Date(),
        );
      }
      fuente = locales;
    }
    const filas = await responder({
      almacen,
      fuente,
      abrir: (red) => crearBandeja(red, institucion, io.env),
      politica: politicaDesde(io.env),
      dormir: (ms) => new Promise((listo) => setTimeout(listo, ms)),
      reloj: () => new Date(),
    });
    io.salida(resumenRespuestas(filas, io.env));
    return filas.some((f) => f.resultado === "para-una-persona") ? SALIDA.hallazgos : SALIDA.ok;
  },
};

export type { EstadoOrden };
