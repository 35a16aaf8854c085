import { leerArgumentos, SALIDA, type Comando, type Io } from "../cli/comando.ts";
import { ocultarSecretos } from "../cli/secretos.ts";
import { cargarInstitucion } from "../content/institucion.ts";
import { rutas } from "../content/paths.ts";
import { NOMBRE_RED, REDES, type Red } from "../content/schema/redes.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import { crearBandeja, type DisponibilidadBandeja } from "../networks/bandeja/index.ts";
import type { AdaptadorBandeja, MensajeEntrante } from "../networks/tipos.ts";
import { comoErrorRed, esperaTrasFallo, politicaDesde, type PoliticaReintentos } from "../publish/politica.ts";
import { abrirAlmacen } from "./almacen.ts";
import { archivarEnAlmacen, configBandeja, crearContexto, type ContextoBandeja } from "./conversacion.ts";
import type { AlmacenInquietudes } from "./tipos.ts";

/**
 * `prensa inquietudes sincronizar`: reads every configured network's inbox since its cursor and
 * files each new message into its conversation (classified by ./clasificar.ts through
 * ./conversacion.ts). Exactly once, whatever the re-runs and wherever a run dies:
 * - one external id, one entry: a message already filed is skipped (archivarEnAlmacen);
 * - the cursor of a network is stored only after every message of that read was saved, so a run
 *   killed in between reads the same messages again and files none twice;
 * - a transient failure of a read is retried (the publisher's policy); when retries run out the
 *   cursor stays and the next run reads again.
 * A message that answers another one already filed (Mastodon, Bluesky and X replies, the office's
 * native replies) joins that conversation, whatever its own thread id.
 * Output: counts per network only. Handles and texts are personal data and never printed.
 */

/** Everything one run needs; tests build it with their own store, readers and clock. */
export interface ContextoSincronizar {
  almacen: AlmacenInquietudes;
  bandeja: ContextoBandeja;
  redes: readonly Red[];
  /** The reader of a network (real factories by default). */
  abrir: (red: Red) => Promise<DisponibilidadBandeja>;
  politica: PoliticaReintentos;
  dormir: (ms: number) => Promise<void>;
  /** Clock for the reply windows (the real one by default). */
  reloj: () => Date;
}

/** What happened on one network. */
export interface ResultadoRed {
  red: Red;
  estado: "leida" | "omitida" | "fallida";
  nuevos: number;
  repetidos: number;
  solicitudes: number;
  /** Spanish, no personal data. */
  detalle?: string;
  avisos: string[];
}

/** Networks whose inbox is read: `inquietudes.redes`, else every configured network (X only with `x.leer`). */
export function redesALeer(institucion: Institucion): Red[] {
  const config = configBandeja(institucion);
  const base = config.redes ?? REDES.filter((r) => institucion.redes[r]);
  return base.filter((r) => r !== "x" || config.x.leer);
}

/** Moves a reply into the conversation of the message it answers, when that one is filed. */
async function conHiloDeRespuesta(almacen: AlmacenInquietudes, m: MensajeEntrante): Promise<MensajeEntrante> {
  if (!m.respondeA) return m;
  const padre = await almacen.buscarPorMensaje(m.red, m.respondeA);
  return padre && padre.hilo !== m.hilo ? { ...m, hilo: padre.hilo } : m;
}

/** Files the messages of one read, oldest first, and only then moves the cursor. */
async function archivarLectura(
  ctx: ContextoSincronizar,
  bandeja: AdaptadorBandeja,
  mensajes: readonly MensajeEntrante[],
): Promise<{ nuevos: number; repetidos: number }> {
  let nuevos = 0;
  let repetidos = 0;
  const ordenados = [...mensajes].sort((a, b) => a.recibido.getTime() - b.recibido.getTime());
  for (const crudo of ordenados) {
    const m = await conHiloDeRespuesta(ctx.almacen, crudo);
    const cierra = m.propio ? undefined : bandeja.ventana({ mensaje: m, privado: true }, m.recibido).cierra;
    const r = await archivarEnAlmacen(ctx.almacen, ctx.bandeja, m, cierra ? { ventanaCierra: cierra } : {});
    if (r === "nuevo") nuevos++;
    else repetidos++;
  }
  return { nuevos, repetidos };
}

/** Reads and files one network. Never throws for network errors; store errors propagate. */
export async function sincronizarRed(ctx: ContextoSincronizar, red: Red): Promise<ResultadoRed> {
  const disponible = await ctx.abrir(red);
  const base = { red, nuevos: 0, repetidos: 0, solicitudes: 0, avisos: [] as string[] };
  if (!disponible.bandeja) {
    const detalle =
      disponible.motivo === "sin-credenciales"
        ? red === "x"
          ? "sin credenciales o sin inquietudes.x.leer"
          : "faltan las credenciales de esta red"
        : disponible.motivo === "sin-adaptador"
          ? "esta red aún no tiene lector de bandeja"
          : (disponible.detalle ?? "error al crear el lector");
    return { ...base, estado: disponible.motivo === "error" ? "fallida" : "omitida", detalle };
  }
  const bandeja = disponible.bandeja;
  let fallos = 0;
  let nuevos = 0;
  let repetidos = 0;
  for (;;) {
    const cursor = await ctx.almacen.cursor(red);
    let lectura;
    try {
      lectura = await bandeja.leer(cursor);
    } catch (e) {
      const error = comoErrorRed(e);
      fallos++;
      const espera = error.tipo === "transitorio" ? esperaTrasFallo(fallos, error, ctx.politica) : undefined;
      if (espera === undefined)
        return {
          ...base,
          nuevos,
          repetidos,
          estado: "fallida",
          solicitudes: bandeja.solicitudes(),
          avisos: [...(bandeja.avisos?.() ?? [])],
          detalle: `${error.message}${error.tipo === "transitorio" ? ` (tras ${fallos} intentos; la próxima corrida lee desde el mismo punto)` : ""}`,
        };
      await ctx.dormir(espera);
      continue;
    }
    const r = await archivarLectura(ctx, bandeja, lectura.mensajes);
    nuevos += r.nuevos;
    repetidos += r.repetidos;
    // Only now: every message of this read is saved.
    if (lectura.cursor !== undefined && lectura.cursor !== cursor) await ctx.almacen.guardarCursor(red, lectura.cursor);
    return {
      ...base,
      estado: "leida",
      nuevos,
      repetidos,
      solicitudes: bandeja.solicitudes(),
      avisos: [...(bandeja.avisos?.() ?? [])],
    };
  }
}

/** Reads every network in turn. */
export async function sincronizar(ctx: ContextoSincronizar): Promise<ResultadoRed[]> {
  const resultados: ResultadoRed[] = [];
  for (const red of ctx.redes) resultados.push(await sincronizarRed(ctx, red));
  return resultados;
}

/** The run summary: counts only (never a handle or a text). */
export function resumenSincronizacion(resultados: readonly ResultadoRed[], donde: string, env: NodeJS.ProcessEnv): string {
  const lineas = resultados.map((r) => {
    const nombre = NOMBRE_RED[r.red];
    if (r.estado === "omitida") return `- ${nombre}: omitida (${r.detalle})`;
    const cuentas = `${r.nuevos} nuevos, ${r.repetidos} ya archivados, ${r.solicitudes} solicitudes`;
    const fallo = r.estado === "fallida" ? ` — FALLÓ: ${ocultarSecretos(r.detalle ?? "", env)}` : "";
    const avisos = r.avisos.map((a) => `\n  aviso: ${ocultarSecretos(a, env)}`).join("");
    return `- ${nombre}: ${cuentas}${fallo}${avisos}`;
  });
  const total = resultados.reduce((s, r) => s + r.nuevos, 0);
  return [`Sincronización de la bandeja (${donde}): ${total} mensajes nuevos.`, ...lineas].join("\n");
}

const USO = `Uso: prensa inquietudes sincronizar [--almacen local|github] [--red RED]

Lee la bandeja de cada red configurada desde su cursor y archiva cada mensaje nuevo en su
conversación, una sola vez. El cursor de cada red se guarda solo después de archivar lo leído:
una corrida interrumpida no pierde ni duplica nada. La salida solo muestra cuentas.`;

export const comando: Comando = {
  nombre: "sincronizar",
  descripcion: "Lee las bandejas de las redes y archiva los mensajes nuevos",
  uso: USO,
  async ejecutar(args: string[], io: Io): Promise<number> {
    const { values } = leerArgumentos(args, { almacen: { type: "string" }, red: { type: "string" } } as const, false);
    const r = rutas(io.env.PRENSA_RAIZ);
    const institucion = cargarInstitucion(r.raiz);
    const almacen = abrirAlmacen({
      raiz: r.raiz,
      institucion,
      env: io.env,
      ...(values.almacen ? { almacen: values.almacen } : {}),
    });
    const todas = redesALeer(institucion);
    const redes = values.red ? todas.filter((x) => x === values.red) : todas;
    const resultados = await sincronizar({
      almacen,
      bandeja: crearContexto(institucion),
      redes,
      abrir: (red) => crearBandeja(red, institucion, io.env),
      politica: politicaDesde(io.env),
      dormir: (ms) => new Promise((listo) => setTimeout(listo, ms)),
      reloj: () => new Date(),
    });
    io.salida(resumenSincronizacion(resultados, almacen.donde, io.env));
    return resultados.some((x) => x.estado === "fallida") ? SALIDA.hallazgos : SALIDA.ok;
  },
};
