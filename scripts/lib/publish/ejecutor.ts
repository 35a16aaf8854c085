import type { Institucion } from "../content/schema/institucion.ts";
import type { Red } from "../content/schema/redes.ts";
import { isoBogota } from "../content/time.ts";
import { relativa } from "../content/paths.ts";
import type { Nota } from "../content/notas.ts";
import { ocultarSecretos } from "../cli/secretos.ts";
import { confirmarYEmpujar } from "../ledger/git.ts";
import { escribirRegistro, registroNuevo } from "../ledger/almacen.ts";
import type { CorreccionRegistro, EntradaRed, ErrorRegistro, Estado, Registro } from "../ledger/schema.ts";
import { huellaCredenciales, type Disponibilidad } from "../networks/index.ts";
import type { AdaptadorRed, Correccion, ErrorRed, PostRemoto, Reconciliacion } from "../networks/tipos.ts";
import { escribirBuzon, textoSimulacion } from "./buzon.ts";
import { construirCorreccion, construirEnvio } from "./contenido.ts";
import { notaCompleta, type Accion, type Trabajo } from "./pendientes.ts";
import { comoErrorRed, esperaParaOtraCorrida, esperaTrasFallo, noSeProceso, type PoliticaReintentos } from "./politica.ts";
import { claveIdempotencia, hashNota, versionDe } from "./version.ts";

/** One line of the run summary. */
export interface Fila {
  notaId: string;
  titulo: string;
  red: Red;
  accion: Accion;
  version: string;
  estado: Estado | "simulado";
  url?: string;
  /** Error or reason, in Spanish, without secrets. */
  detalle?: string;
  demoraSegundos?: number;
  /** Where the simulation was written. */
  buzon?: string;
}

/** Everything a run needs; tests build it with their own clock and sleep. */
export interface ContextoEjecucion {
  raiz: string;
  institucion: Institucion;
  env: NodeJS.ProcessEnv;
  /** Current instant (the run's --ahora plus the time elapsed). */
  reloj: () => Date;
  dormir: (ms: number) => Promise<void>;
  politica: PoliticaReintentos;
  simular: boolean;
  commit: boolean;
  registros: Map<string, Registro>;
  adaptador: (red: Red) => Promise<Disponibilidad>;
  /** Prints a line (simulations). */
  salida: (texto: string) => void;
}

const ahoraIso = (ctx: ContextoEjecucion) => isoBogota(ctx.reloj());

function errorRegistro(
  ctx: ContextoEjecucion,
  tipo: ErrorRegistro["tipo"],
  mensaje: string,
  codigo?: string | number,
  noProcesado = false,
): ErrorRegistro {
  return {
    mensaje: ocultarSecretos(mensaje, ctx.env),
    tipo,
    ...(codigo !== undefined ? { codigo } : {}),
    ...(noProcesado ? { noProcesado: true as const } : {}),
    fecha: ahoraIso(ctx),
  };
}

/** The record of a note, created when missing; note-level facts refreshed from the note. */
export function registroDe(ctx: Pick<ContextoEjecucion, "registros" | "raiz" | "institucion">, nota: Nota): Registro {
  let registro = ctx.registros.get(nota.id);
  if (!registro) {
    registro = registroNuevo({
      notaId: nota.id,
      archivo: nota.archivo,
      titulo: nota.datos.titulo,
      dependencia: nota.datos.dependencia,
    });
    ctx.registros.set(nota.id, registro);
  }
  registro.archivo = nota.archivo;
  registro.titulo = nota.datos.titulo;
  registro.dependencia = nota.datos.dependencia;
  registro.enlace = `${ctx.institucion.sitio}${nota.url}`;
  return registro;
}

/** Writes the record atomically; with --commit and a message, commits and pushes it at once. */
export async function guardar(ctx: ContextoEjecucion, registro: Registro, mensaje?: string): Promise<void> {
  const ruta = escribirRegistro(ctx.raiz, registro);
  if (ctx.commit && mensaje)
    await confirmarYEmpujar(ctx.raiz, [relativa(ctx.raiz, ruta)], `publicaciones: ${mensaje}`, { env: ctx.env });
}

/** Stores the note's hash once every network is published at its current version (lets later runs skip it). */
export function marcarCompleta(ctx: Pick<ContextoEjecucion, "institucion">, nota: Nota, registro: Registro): boolean {
  if (!notaCompleta(nota, registro, ctx.institucion)) return false;
  const hash = hashNota(nota.texto);
  if (registro.hashNota === hash) return false;
  registro.hashNota = hash;
  return true;
}

/** The instant reconciliation searches from (the first call of the send), when recorded. */
const desdeDe = (instante: string | undefined): Date | undefined => (instante ? new Date(instante) : undefined);

const segundosEntre = (desde: string, hasta: Date) => Math.round((hasta.getTime() - new Date(desde).getTime()) / 1000);

/** Runs one due work item and returns its summary line. Never throws for network errors. */
export async function ejecutarTrabajo(ctx: ContextoEjecucion, t: Trabajo): Promise<Fila> {
  const base = { notaId: t.nota.id, titulo: t.nota.datos.titulo, red: t.red, accion: t.accion, version: t.version };
  const disponible = await ctx.adaptador(t.red);
  if (!disponible.adaptador && disponible.motivo === "error")
    return { ...base, estado: "fallido", detalle: ocultarSecretos(disponible.detalle ?? "", ctx.env) };
  if (ctx.simular || !disponible.adaptador) {
    const motivo = ctx.simular
      ? "simulación pedida con --simular"
      : !disponible.adaptador && disponible.motivo === "sin-adaptador"
        ? "esta red aún no tiene adaptador"
        : "faltan las credenciales de esta red";
    return simular(ctx, t, base, motivo);
  }
  if (t.accion === "publicar" || t.accion === "reconciliar") return publicar(ctx, t, disponible.adaptador, base);
  return corregir(ctx, t, disponible.adaptador, base);
}

type Base = Pick<Fila, "notaId" | "titulo" | "red" | "accion" | "version">;

function simular(ctx: ContextoEjecucion, t: Trabajo, base: Base, motivo: string): Fila {
  const correccion = t.accion === "corregir" || t.accion === "reconciliar-correccion";
  const c = correccion ? construirCorreccion(t.nota, t.red, ctx.institucion, ctx.raiz) : undefined;
  const publicacion = c?.envio.publicacion ?? construirEnvio(t.nota, t.red, ctx.institucion, ctx.raiz).publicacion;
  const sim = { red: t.red, accion: t.accion, motivo, publicacion, ...(c ? { errata: c.errata } : {}) };
  const ruta = escribirBuzon(ctx.raiz, ctx.institucion, { ...sim, simuladoEn: ahoraIso(ctx) });
  ctx.salida(textoSimulacion(sim, ctx.institucion.redes[t.red]?.usuario));
  return { ...base, estado: "simulado", detalle: motivo, buzon: relativa(ctx.raiz, ruta) };
}

/**
 * After a transient failure of a publication or a correction: when the retries are spent, returns
 * the error to record as `fallido`; otherwise notes the error on the entry, saves the record and
 * waits the backoff before the next attempt (returns undefined).
 */
async function anotarFalloTransitorio(
  ctx: ContextoEjecucion,
  registro: Registro,
  destino: { ultimoError?: ErrorRegistro | undefined },
  fallos: number,
  error: ErrorRed,
): Promise<ErrorRegistro | undefined> {
  const espera = esperaTrasFallo(fallos, error, ctx.politica);
  const ultimo = errorRegistro(ctx, "transitorio", error.message, error.codigo);
  if (espera === undefined) return { ...ultimo, mensaje: `${ultimo.mensaje} (se agotaron ${fallos} intentos)` };
  destino.ultimoError = ultimo;
  escribirRegistro(ctx.raiz, registro);
  await ctx.dormir(espera);
  return undefined;
}

/** One send (a post or a correction) as the retry loop sees it; publicar and corregir fill it in. */
interface Ciclo {
  /** Start by asking the network (a previous run may have sent it) instead of sending. */
  reconciliarPrimero: boolean;
  /** Marks the record "enviando" before the call; a final row instead when it must not be sent. */
  prepararEnvio(): Promise<Fila | undefined>;
  enviar(): Promise<PostRemoto>;
  reconciliar(): Promise<Reconciliacion>;
  /** The network says it was not sent: called before sending again. */
  alNoEstar?(): void;
  exito(post: PostRemoto): Promise<Fila>;
  /** Ends the send in this state with this error. */
  terminar(estado: Estado, ultimoError: ErrorRegistro, mensaje: string): Promise<Fila>;
  /**
   * The platform asked to wait longer than the run may: nothing is tried before `desde`. With
   * `noEnviado` (a refusal on a send) the entry is `en-espera`; otherwise it stays `enviando`,
   * to be reconciled from then.
   */
  aplazar(desde: Date, ultimoError: ErrorRegistro, noEnviado: boolean): Promise<Fila>;
  /** Start of the message when the network could not be asked ("no se pudo comprobar si se publicó"). */
  sinComprobar: string;
  registro: Registro;
  /** Where the last transient error is kept (the network's entry or the correction). */
  destino: { ultimoError?: ErrorRegistro | undefined };
}

/**
 * The exactly-once loop shared by posts and corrections: send; on a transient failure wait and,
 * unless the failure proves nothing was made (a rate-limit refusal, a connection that never
 * reached the platform), ask the network whether the send happened before sending again. A
 * permanent failure or an unknown answer ends it; a wait longer than the run moves it to the
 * platform's reset.
 */
async function enviarConReconciliacion(ctx: ContextoEjecucion, ciclo: Ciclo): Promise<Fila> {
  let modo: "enviar" | "reconciliar" = ciclo.reconciliarPrimero ? "reconciliar" : "enviar";
  let fallos = 0;
  for (;;) {
    let error: ErrorRed;
    if (modo === "enviar") {
      const parada = await ciclo.prepararEnvio();
      if (parada) return parada;
      try {
        return await ciclo.exito(await ciclo.enviar());
      } catch (e) {
        error = comoErrorRed(e);
      }
      if (error.tipo === "permanente")
        return ciclo.terminar("fallido", errorRegistro(ctx, "permanente", error.message, error.codigo), "fallido");
    } else {
      try {
        const r = await ciclo.reconciliar();
        if (r.estado === "publicado") return await ciclo.exito(r.post);
        if (r.estado === "desconocido") return ciclo.terminar("incierto", errorRegistro(ctx, "incierto", r.motivo), "incierto");
        ciclo.alNoEstar?.();
        modo = "enviar";
        continue;
      } catch (e) {
        error = comoErrorRed(e);
      }
      if (error.tipo === "permanente")
        return ciclo.terminar(
          "fallido",
          errorRegistro(ctx, "transitorio", `${ciclo.sinComprobar}: ${error.message}`, error.codigo),
          "fallido (sin comprobar)",
        );
    }
    fallos++;
    // Sent and refused for sure, after any earlier doubt was reconciled: nothing is out there.
    const noEnviado = modo === "enviar" && noSeProceso(error);
    if (esperaParaOtraCorrida(error, ctx.politica))
      return ciclo.aplazar(
        new Date(ctx.reloj().getTime() + error.esperarMs!),
        errorRegistro(ctx, "transitorio", error.message, error.codigo, noEnviado),
        noEnviado,
      );
    const agotado = await anotarFalloTransitorio(ctx, ciclo.registro, ciclo.destino, fallos, error);
    if (agotado) return ciclo.terminar("fallido", noEnviado ? { ...agotado, noProcesado: true } : agotado, "fallido");
    // Unless it proves nothing was made, a failure may have happened after the network accepted the send.
    if (modo === "enviar" && !noSeProceso(error)) modo = "reconciliar";
  }
}

async function publicar(ctx: ContextoEjecucion, t: Trabajo, adaptador: AdaptadorRed, base: Base): Promise<Fila> {
  const registro = registroDe(ctx, t.nota);
  const red = t.red;
  let envio = construirEnvio(t.nota, red, ctx.institucion, ctx.raiz, t.version);
  const credencial = huellaCredenciales(red, ctx.env);
  const entrada: EntradaRed = registro.redes[red] ?? {
    estado: "enviando",
    intentos: 0,
    programado: isoBogota(t.nota.datos.publicar),
    hashEnviado: envio.hash,
    clave: envio.publicacion.clave,
    version: t.version,
    correcciones: [],
    actualizado: ahoraIso(ctx),
  };
  const nueva = !registro.redes[red];
  entrada.programado = isoBogota(t.nota.datos.publicar);
  const etiqueta = `${t.nota.id} en ${red}`;

  const terminar = async (estado: Estado, cambios: Partial<EntradaRed>, mensaje: string, fila = estado): Promise<Fila> => {
    if (!("reintentarDesde" in cambios)) delete entrada.reintentarDesde;
    Object.assign(entrada, cambios, { estado, actualizado: ahoraIso(ctx) });
    registro.redes[red] = entrada;
    marcarCompleta(ctx, t.nota, registro);
    await guardar(ctx, registro, `${etiqueta} → ${mensaje}`);
    return {
      ...base,
      version: entrada.version,
      estado: fila,
      url: entrada.url,
      detalle:
        entrada.ultimoError && estado !== "publicado"
          ? `${entrada.ultimoError.mensaje}${fila === "en-espera" ? ` Se reintentará desde ${entrada.reintentarDesde}.` : ""}`
          : undefined,
      demoraSegundos: estado === "publicado" ? entrada.demoraSegundos : undefined,
    };
  };
  const exito = (post: PostRemoto) => {
    const momento = ctx.reloj();
    const cambios: Partial<EntradaRed> = {
      idRemoto: post.idRemoto,
      url: post.url,
      publicadoEn: isoBogota(momento),
      demoraSegundos: segundosEntre(entrada.programado, momento),
    };
    delete entrada.ultimoError;
    return terminar("publicado", cambios, "publicado");
  };

  return enviarConReconciliacion(ctx, {
    reconciliarPrimero: t.accion === "reconciliar" && !nueva,
    prepararEnvio: async () => {
      if (envio.noCabe)
        return terminar(
          "fallido",
          { ultimoError: errorRegistro(ctx, "permanente", envio.noCabe), hashEnviado: envio.hash, credencial },
          "fallido",
        );
      const estadoPrevio = registro.redes[red] ? entrada.estado : undefined;
      Object.assign(entrada, {
        estado: "enviando",
        intentos: entrada.intentos + 1,
        hashEnviado: envio.hash,
        clave: envio.publicacion.clave,
        version: envio.publicacion.version,
        credencial,
        primerEnvio: entrada.primerEnvio ?? ahoraIso(ctx),
        actualizado: ahoraIso(ctx),
      });
      delete entrada.reintentarDesde;
      registro.redes[red] = entrada;
      await guardar(ctx, registro, estadoPrevio === "enviando" ? undefined : `${etiqueta} → enviando`);
      return undefined;
    },
    enviar: () => adaptador.publicar(envio.publicacion),
    reconciliar: () => adaptador.reconciliar({ ...envio.publicacion, desde: desdeDe(entrada.primerEnvio) }),
    // Not published: send the note as it is now.
    alNoEstar: () => {
      envio = construirEnvio(t.nota, red, ctx.institucion, ctx.raiz, versionDe(t.nota));
    },
    exito,
    terminar: (estado, ultimoError, mensaje) => terminar(estado, { ultimoError }, mensaje),
    aplazar: (desde, ultimoError, noEnviado) =>
      terminar(
        noEnviado ? "en-espera" : "enviando",
        { ultimoError, reintentarDesde: isoBogota(desde) },
        `en espera hasta ${isoBogota(desde)}`,
        "en-espera",
      ),
    sinComprobar: "no se pudo comprobar si se publicó",
    registro,
    destino: entrada,
  });
}

async function corregir(ctx: ContextoEjecucion, t: Trabajo, adaptador: AdaptadorRed, base: Base): Promise<Fila> {
  const registro = registroDe(ctx, t.nota);
  const red = t.red;
  const entrada = registro.redes[red];
  if (!entrada) return { ...base, estado: "fallido", detalle: "no hay publicación original que corregir" };
  const contenido = construirCorreccion(t.nota, red, ctx.institucion, ctx.raiz);
  const credencial = huellaCredenciales(red, ctx.env);
  let c: CorreccionRegistro | undefined = entrada.correcciones.find((x) => x.version === t.version);
  if (!c) {
    c = {
      version: t.version,
      estado: "enviando",
      modo: adaptador.edita ? "edicion" : "respuesta",
      fecha: ahoraIso(ctx),
      hash: contenido.hash,
      clave: claveIdempotencia(t.nota.id, red, t.version),
      intentos: 0,
    };
    entrada.correcciones.push(c);
  }
  const correccion = c;
  const etiqueta = `${t.nota.id} en ${red} (${t.version})`;
  const terminar = async (
    estado: Estado,
    cambios: Partial<CorreccionRegistro>,
    mensaje: string,
    fila = estado,
  ): Promise<Fila> => {
    if (!("reintentarDesde" in cambios)) delete correccion.reintentarDesde;
    Object.assign(correccion, cambios, { estado, fecha: ahoraIso(ctx) });
    if (estado === "publicado") entrada.version = correccion.version;
    entrada.actualizado = ahoraIso(ctx);
    marcarCompleta(ctx, t.nota, registro);
    await guardar(ctx, registro, `${etiqueta} → ${mensaje}`);
    return {
      ...base,
      estado: fila,
      url: correccion.url,
      detalle:
        estado !== "publicado"
          ? `${correccion.ultimoError?.mensaje ?? ""}${fila === "en-espera" ? ` Se reintentará desde ${correccion.reintentarDesde}.` : ""}`
          : correccion.modo === "edicion"
            ? "publicación editada"
            : "respuesta con fe de erratas",
    };
  };
  if (!entrada.idRemoto)
    return terminar(
      "fallido",
      { ultimoError: errorRegistro(ctx, "permanente", "el registro no tiene el id de la publicación original") },
      "fallido",
    );
  const datos = (): Correccion => ({
    original: { idRemoto: entrada.idRemoto!, url: entrada.url ?? "" },
    publicacion: { ...contenido.envio.publicacion, clave: correccion.clave, desde: desdeDe(correccion.primerEnvio) },
    errata: contenido.errata,
  });
  const exito = (post: PostRemoto) => {
    delete correccion.ultimoError;
    return terminar("publicado", { idRemoto: post.idRemoto, url: post.url }, "corregido");
  };
  const noCabe = adaptador.edita ? contenido.envio.noCabe : contenido.errataNoCabe;
  return enviarConReconciliacion(ctx, {
    reconciliarPrimero: t.accion === "reconciliar-correccion",
    prepararEnvio: async () => {
      if (noCabe)
        return terminar("fallido", { ultimoError: errorRegistro(ctx, "permanente", noCabe), hash: contenido.hash }, "fallido");
      const previo = correccion.estado;
      Object.assign(correccion, {
        estado: "enviando",
        intentos: correccion.intentos + 1,
        hash: contenido.hash,
        fecha: ahoraIso(ctx),
        primerEnvio: correccion.primerEnvio ?? ahoraIso(ctx),
      });
      delete correccion.reintentarDesde;
      entrada.credencial = credencial;
      await guardar(
        ctx,
        registro,
        previo === "enviando" && correccion.intentos > 1 ? undefined : `${etiqueta} → enviando corrección`,
      );
      return undefined;
    },
    enviar: () => adaptador.corregir(datos()),
    reconciliar: () => adaptador.reconciliarCorreccion(datos()),
    exito,
    terminar: (estado, ultimoError, mensaje) => terminar(estado, { ultimoError }, mensaje),
    aplazar: (desde, ultimoError, noEnviado) =>
      terminar(
        noEnviado ? "en-espera" : "enviando",
        { ultimoError, reintentarDesde: isoBogota(desde) },
        `corrección en espera hasta ${isoBogota(desde)}`,
        "en-espera",
      ),
    sinComprobar: "no se pudo comprobar la corrección",
    registro,
    destino: correccion,
  });
}
