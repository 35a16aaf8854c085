import { describe, expect, it } from "vitest";
import { cargarInstitucion } from "../../scripts/lib/content/institucion.ts";
import type { Red } from "../../scripts/lib/content/schema/redes.ts";
import { AlmacenLocal } from "../../scripts/lib/inbox/almacen-local.ts";
import { crearContexto } from "../../scripts/lib/inbox/conversacion.ts";
import { OrdenesLocales, type EstadoOrden, type FuenteOrdenes, type Orden } from "../../scripts/lib/inbox/ordenes.ts";
import { responder } from "../../scripts/lib/inbox/responder.ts";
import { sincronizar } from "../../scripts/lib/inbox/sincronizar.ts";
import type { AlmacenInquietudes } from "../../scripts/lib/inbox/tipos.ts";
import {
  ErrorRed,
  type AdaptadorBandeja,
  type MensajeEntrante,
  type PostRemoto,
  type RespuestaSaliente,
  type VentanaRespuesta,
} from "../../scripts/lib/networks/tipos.ts";
import type { PoliticaReintentos } from "../../scripts/lib/publish/politica.ts";
import { generadorSembrado } from "../ayudas/azar.ts";
import { raizCon } from "../ayudas/raiz.ts";

/**
 * Fault injection for the inbox, like test/publish/fallos.test.ts: every scenario is a few runs of
 * `sincronizar` then `responder` against two simulated platforms sharing one store, each run killed
 * at a random step (before or after the platform or the store acts: the run simply stops there, as
 * a killed process does) or fed transient failures (rate-limit refusals, 5xx, responses lost after
 * the platform acted). Then clean runs settle everything. Checked: every message is filed exactly
 * once, and every ordered reply is sent once or left for a person, never twice.
 *
 * The two platforms cover the two reconciliation models: "mastodon" resends with the same
 * Idempotency-Key and can look its reply up; "telegram" cannot read history (a lost send is left
 * for a person) and takes no key (a blind resend would duplicate).
 */

const ESCENARIOS = Number(process.env.PRUEBA_ESCENARIOS ?? 50);
const CORRIDAS = 5;
const POLITICA: PoliticaReintentos = { intentos: 3, baseMs: 0, maxMs: 0, maxEsperaMs: 60_000 };

/** The step where a run dies: it never resolves. */
class Interruptor {
  pasos = 0;
  muerto = false;
  private avisar!: () => void;
  readonly muerte = new Promise<void>((r) => (this.avisar = r));
  readonly matarEn: number;
  constructor(matarEn: number) {
    this.matarEn = matarEn;
  }
  punto(): Promise<void> {
    this.pasos++;
    if (this.pasos !== this.matarEn) return Promise.resolve();
    this.muerto = true;
    this.avisar();
    return new Promise<void>(() => {});
  }
}

interface Cuentas {
  corridas: number;
  /** Runs with random kills or faults (the clean runs that settle each scenario are in `corridas`). */
  aleatorias: number;
  matadas: number;
  sinLlegar: number;
  fallosInyectados: Record<string, number>;
  mensajes: number;
  archivados: number;
  duplicados: number;
  perdidos: number;
  ordenes: number;
  enviadas: number;
  paraUnaPersona: number;
  paraUnaPersonaSinEnviar: number;
  paraUnaPersonaEnviadas: number;
  dobles: number;
  sinTerminar: number;
}

/** One simulated platform: its message sequence (citizens and the office), and what was really sent. */
class RedSimulada {
  readonly secuencia: MensajeEntrante[] = [];
  /** Order key → replies really created on the platform. */
  readonly creadas = new Map<string, PostRemoto[]>();
  private n = 0;
  readonly red: Red;
  private readonly conClave: boolean;
  constructor(red: Red, conClave: boolean) {
    this.red = red;
    this.conClave = conClave;
  }

  escribe(canal: MensajeEntrante["canal"], base: Date): void {
    const n = ++this.n;
    this.secuencia.push({
      red: this.red,
      idExterno: `${this.red}-m${n}`,
      hilo: canal === "privado" ? `chat-${n}` : `hilo-${n}`,
      canal,
      autor: { id: `u${n}`, usuario: `persona${n}` },
      texto: `¿A qué hora abre la oficina ${n}?`,
      recibido: new Date(base.getTime() + n * 60_000),
      propio: false,
    });
  }

  adaptador(x: Interruptor, azar: () => number, cuentas: Cuentas, conFallos: boolean): AdaptadorBandeja {
    const fallo = (donde: string, despues: boolean): ErrorRed | undefined => {
      if (!conFallos || azar() > 0.15) return undefined;
      const tipo = despues ? "perdida" : azar() < 0.5 ? "limite" : "caida";
      cuentas.fallosInyectados[`${donde}:${tipo}`] = (cuentas.fallosInyectados[`${donde}:${tipo}`] ?? 0) + 1;
      if (tipo === "limite") return new ErrorRed("HTTP 429", "transitorio", { codigo: 429, noProcesado: true });
      return new ErrorRed(tipo === "caida" ? "HTTP 503" : "respuesta perdida", "transitorio", { codigo: 503 });
    };
    const ventana = (r: Pick<RespuestaSaliente, "mensaje" | "privado">): VentanaRespuesta => {
      if (r.mensaje.canal === "privado" && !r.privado)
        return { permitida: false, explicacion: "chat privado: sin respuesta pública" };
      if (this.red === "telegram" && r.privado && r.mensaje.canal !== "privado")
        return { permitida: false, explicacion: "el bot solo escribe a quien lo inició" };
      return { permitida: true, explicacion: "abierta" };
    };
    let solicitudes = 0;
    return {
      red: this.red,
      solicitudes: () => solicitudes,
      ventana,
      leer: async (cursor) => {
        solicitudes++;
        await x.punto();
        const error = fallo("leer", false);
        if (error) throw error;
        const desde = Number(cursor ?? 0);
        const lote = this.secuencia.slice(desde, desde + 1 + Math.floor(azar() * 4));
        return { mensajes: structuredClone(lote), cursor: lote.length ? String(desde + lote.length) : undefined };
      },
      responder: async (r) => {
        solicitudes++;
        await x.punto();
        const antes = fallo("responder", false);
        if (antes) throw antes;
        if (!ventana(r).permitida) throw new ErrorRed("ventana cerrada", "permanente");
        const previas = this.creadas.get(r.clave) ?? [];
        // Mastodon answers a repeated Idempotency-Key with the status already made.
        let post = this.conClave ? previas[0] : undefined;
        if (!post) {
          post = { idRemoto: `${this.red}-r${this.creadas.size + 1}-${previas.length}`, url: `https://red.invalid/${r.clave}` };
          this.creadas.set(r.clave, [...previas, post]);
          this.secuencia.push({
            red: this.red,
            idExterno: post.idRemoto,
            hilo: r.mensaje.hilo,
            canal: r.mensaje.canal,
            autor: { id: "oficina", usuario: "alcaldia" },
            texto: r.texto,
            recibido: new Date(),
            propio: true,
            respondeA: r.mensaje.idExterno,
          });
        }
        await x.punto();
        const despues = fallo("responder", true);
        if (despues) throw despues;
        return post;
      },
      reconciliarRespuesta: async (r) => {
        solicitudes++;
        await x.punto();
        const error = fallo("reconciliar", false);
        if (error) throw error;
        if (!this.conClave) return { estado: "desconocido", motivo: "sin historial" };
        const post = this.creadas.get(r.clave)?.[0];
        return post ? { estado: "publicado", post } : { estado: "no-publicado" };
      },
    };
  }
}

/** The store as a killed process leaves it: each write lands whole, and the run may die before or after it. */
function almacenInterrumpible(base: AlmacenInquietudes, x: Interruptor): AlmacenInquietudes {
  return {
    tipo: base.tipo,
    donde: base.donde,
    obtener: (id) => base.obtener(id),
    buscarPorMensaje: (red, id) => base.buscarPorMensaje(red, id),
    cursor: (red) => base.cursor(red),
    listar: (f) => base.listar(f),
    eliminar: (id) => base.eliminar(id),
    guardar: async (c) => {
      await x.punto();
      await base.guardar(c);
      await x.punto();
    },
    guardarCursor: async (red, cursor) => {
      await x.punto();
      await base.guardarCursor(red, cursor);
      await x.punto();
    },
  };
}

function fuenteInterrumpible(base: OrdenesLocales, x: Interruptor): FuenteOrdenes {
  return {
    tipo: base.tipo,
    ordenes: () => base.ordenes(),
    anotar: async (o: Orden, e: EstadoOrden) => {
      await x.punto();
      await base.anotar(o, e);
      await x.punto();
    },
  };
}

describe("la bandeja ante caídas y fallos transitorios", () => {
  it(
    "cada mensaje queda archivado una sola vez y cada respuesta sale una vez o queda para una persona tras más de 200 corridas interrumpidas",
    { timeout: 300_000 },
    async () => {
      const { raiz, borrar } = raizCon({ prefijo: "bandeja-fallas-" });
      const institucion = cargarInstitucion(raiz);
      const cuentas: Cuentas = {
        corridas: 0,
        aleatorias: 0,
        matadas: 0,
        sinLlegar: 0,
        fallosInyectados: {},
        mensajes: 0,
        archivados: 0,
        duplicados: 0,
        perdidos: 0,
        ordenes: 0,
        enviadas: 0,
        paraUnaPersona: 0,
        paraUnaPersonaSinEnviar: 0,
        paraUnaPersonaEnviadas: 0,
        dobles: 0,
        sinTerminar: 0,
      };
      const problemas: string[] = [];
      try {
        for (let e = 0; e < ESCENARIOS; e++) {
          const azar = generadorSembrado(1000 + e);
          const carpeta = `.inquietudes-e${e}`;
          const redes = { mastodon: new RedSimulada("mastodon", true), telegram: new RedSimulada("telegram", false) };
          const base = new Date("2026-12-01T14:00:00Z");
          const ordenadas = new Set<string>();

          const corrida = async (x: Interruptor, conFallos: boolean) => {
            const almacen = almacenInterrumpible(new AlmacenLocal(raiz, carpeta), x);
            const adaptadores = {
              mastodon: redes.mastodon.adaptador(x, azar, cuentas, conFallos),
              telegram: redes.telegram.adaptador(x, azar, cuentas, conFallos),
            };
            const abrir = async (red: Red) =>
              red === "mastodon" || red === "telegram"
                ? { red, bandeja: adaptadores[red] }
                : { red, motivo: "sin-adaptador" as const };
            await sincronizar({
              almacen,
              bandeja: crearContexto(institucion),
              redes: ["mastodon", "telegram"],
              abrir,
              politica: POLITICA,
              dormir: async () => {},
              reloj: () => new Date(),
            });
            // The team orders replies between the sync and the send (outside the killed process).
            const locales = new OrdenesLocales(raiz, carpeta);
            for (const c of await new AlmacenLocal(raiz, carpeta).listar({ estado: "pendiente" })) {
              if (ordenadas.has(c.id)) continue;
              ordenadas.add(c.id);
              const privado = c.canal === "privado" ? true : azar() < 0.3;
              locales.crear({ conversacion: c.id, texto: `Respuesta para ${c.id}`, privado, por: "equipo-local" }, new Date());
            }
            await responder({
              almacen,
              fuente: fuenteInterrumpible(locales, x),
              abrir,
              politica: POLITICA,
              dormir: async () => {},
              reloj: () => new Date(),
            });
          };

          for (let i = 0; i < CORRIDAS; i++) {
            // New messages keep arriving between runs.
            for (let k = Math.floor(azar() * 3); k > 0; k--) {
              const red = azar() < 0.5 ? redes.mastodon : redes.telegram;
              red.escribe(azar() < 0.35 ? "privado" : "comentario", base);
            }
            const x = new Interruptor(azar() < 0.7 ? 1 + Math.floor(azar() * 30) : Number.POSITIVE_INFINITY);
            cuentas.corridas++;
            cuentas.aleatorias++;
            await Promise.race([corrida(x, azar() < 0.6), x.muerte]);
            if (x.muerto) cuentas.matadas++;
            else if (Number.isFinite(x.matarEn)) cuentas.sinLlegar++;
          }
          // Clean runs until nothing is left to read or send.
          for (let i = 0; i < 12; i++) {
            cuentas.corridas++;
            await corrida(new Interruptor(Number.POSITIVE_INFINITY), false);
          }

          const almacen = new AlmacenLocal(raiz, carpeta);
          const conversaciones = await almacen.listar();
          const entradas = new Map<string, number>();
          for (const c of conversaciones)
            for (const m of c.entradas) entradas.set(m.idExterno, (entradas.get(m.idExterno) ?? 0) + 1);
          for (const red of Object.values(redes)) {
            for (const m of red.secuencia) {
              if (m.propio) continue;
              cuentas.mensajes++;
              const n = entradas.get(m.idExterno) ?? 0;
              if (n === 1) cuentas.archivados++;
              else if (n === 0) {
                cuentas.perdidos++;
                problemas.push(`e${e}: ${m.idExterno} no quedó archivado`);
              } else {
                cuentas.duplicados++;
                problemas.push(`e${e}: ${m.idExterno} quedó ${n} veces`);
              }
            }
          }
          for (const { orden, estado } of await new OrdenesLocales(raiz, carpeta).ordenes()) {
            cuentas.ordenes++;
            const red = orden.conversacion.startsWith("mastodon") ? redes.mastodon : redes.telegram;
            const creadas = red.creadas.get(orden.clave)?.length ?? 0;
            if (creadas > 1) {
              cuentas.dobles++;
              problemas.push(`e${e}: la orden ${orden.clave} salió ${creadas} veces`);
            }
            if (estado?.estado === "enviada") {
              cuentas.enviadas++;
              if (creadas !== 1) problemas.push(`e${e}: ${orden.clave} consta enviada pero salió ${creadas} veces`);
              const c = conversaciones.find((x) => x.id === orden.conversacion);
              if (!c?.respuestas.some((r) => r.clave === orden.clave))
                problemas.push(`e${e}: ${orden.clave} enviada sin quedar en su conversación`);
            } else if (estado?.estado === "para-una-persona") {
              cuentas.paraUnaPersona++;
              if (creadas === 0) cuentas.paraUnaPersonaSinEnviar++;
              else cuentas.paraUnaPersonaEnviadas++;
            } else {
              cuentas.sinTerminar++;
              problemas.push(`e${e}: ${orden.clave} quedó en «${estado?.estado ?? "sin estado"}»`);
            }
          }
        }
      } finally {
        borrar();
      }
      console.log(`Bandeja ante fallas (${ESCENARIOS} escenarios): ${JSON.stringify(cuentas, null, 2)}`);
      expect(problemas).toEqual([]);
      expect(cuentas.aleatorias).toBeGreaterThanOrEqual(200);
      expect(cuentas.matadas).toBeGreaterThan(50);
      expect(cuentas.duplicados + cuentas.perdidos + cuentas.dobles + cuentas.sinTerminar).toBe(0);
      expect(cuentas.enviadas).toBeGreaterThan(0);
      expect(cuentas.paraUnaPersonaEnviadas).toBeGreaterThan(0);
    },
  );
});
