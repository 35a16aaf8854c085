import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { RAIZ } from "../../scripts/lib/content/paths.ts";
import { REDES, REGISTRO } from "../../scripts/lib/networks/index.ts";
import { generadorSembrado } from "./azar.ts";

/**
 * A small generic social-network emulator for the publisher's tests (not any real platform's
 * contract: the real adapters have their own emulators). Each scenario has its own namespace
 * `/<escenario>/<red>/...`, its own posts, its own injected faults and an optional kill hook.
 *
 * Routes (per scenario and network):
 *   POST /posts                 {clave, enlace, texto, version} → 201 {id, url}
 *                               mastodon-like: same Idempotency-Key → 200 with the same post
 *                               bluesky-like: a post with the same rkey (clave) exists → 409
 *   GET  /posts/:clave          → 200 {id, url} | 404
 *   GET  /recientes             → {completo, posts: [{id, url, enlace}]}
 *   POST /posts/:id/correccion  {clave, texto} → 201 {id, url}
 *   GET  /correcciones?clave=   → {correcciones: [{id, url}]}
 */

export interface Post {
  id: string;
  url: string;
  red: string;
  clave: string;
  enlace: string;
  texto: string;
  version: string;
}

export interface Fallos {
  /** Probability that a request fails (503 before or after processing, 429, or a cut connection). */
  prob: number;
  /** Probability that /recientes answers with an incomplete list (the adapter cannot decide). */
  incompleto: number;
}

/** Kill the run when the n-th request of the scenario arrives: before or after the emulator processes it. */
export interface Muerte {
  n: number;
  fase: "antes" | "despues";
  matar: () => void;
}

export interface Escenario {
  posts: Post[];
  correcciones: { id: string; original: string; clave: string; texto: string }[];
  fallos: Fallos;
  muerte?: Muerte;
  peticiones: number;
  /** Requests to routes the emulator does not know (must stay 0). */
  desconocidas: string[];
  /** Injected faults, by kind. */
  inyectados: Record<string, number>;
  /** Networks whose POST /posts answers 400 (a permanent error). */
  rechazar: Set<string>;
  /** Called on every request, in arrival order (tests use it to race with another git pusher). */
  alPedir?: (n: number) => void;
  /** Log of requests: "POST /posts (x)". */
  registro: string[];
  /** The scenario's random source (seeded from its name): faults are the same on every machine. */
  azar: () => number;
}

const semillaDe = (texto: string): number =>
  [...texto].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);

/** The test adapters that speak this emulator, loaded through PRENSA_ADAPTADORES_PRUEBA. */
const ADAPTADORES_EMULADOS = path.join(RAIZ, "test/ayudas/adaptadores-emulados.ts");

const IDEMPOTENTE = new Set(["mastodon"]);
const RKEY = new Set(["bluesky"]);

export class Emulador {
  readonly escenarios = new Map<string, Escenario>();
  private servidor?: Server;
  private siguiente = 1;
  base = "";

  async iniciar(): Promise<void> {
    this.servidor = createServer((req, res) => void this.atender(req, res));
    await new Promise<void>((ok) => this.servidor!.listen(0, "127.0.0.1", ok));
    this.base = `http://127.0.0.1:${(this.servidor.address() as AddressInfo).port}`;
  }

  async detener(): Promise<void> {
    this.servidor?.closeAllConnections();
    await new Promise<void>((ok) => this.servidor?.close(() => ok()) ?? ok());
  }

  /**
   * Environment that points `prensa publicar` at one scenario: the test adapters that speak this
   * emulator (PRENSA_ADAPTADORES_PRUEBA) and every network's base URL.
   */
  entorno(escenario: string): Record<string, string> {
    return {
      PRENSA_ADAPTADORES_PRUEBA: ADAPTADORES_EMULADOS,
      ...Object.fromEntries(REDES.map((red) => [REGISTRO[red].variableUrl, `${this.base}/${escenario}/${red}`])),
    };
  }

  escenario(nombre: string): Escenario {
    let e = this.escenarios.get(nombre);
    if (!e) {
      e = {
        posts: [],
        correcciones: [],
        fallos: { prob: 0, incompleto: 0 },
        peticiones: 0,
        desconocidas: [],
        inyectados: {},
        rechazar: new Set(),
        registro: [],
        azar: generadorSembrado(semillaDe(nombre)),
      };
      this.escenarios.set(nombre, e);
    }
    return e;
  }

  private async atender(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const trozos: Buffer[] = [];
    for await (const t of req) trozos.push(t as Buffer);
    const cuerpo = trozos.length ? (JSON.parse(Buffer.concat(trozos).toString("utf8")) as Record<string, string>) : {};
    const u = new URL(req.url ?? "/", this.base);
    const [nombre, red, ...resto] = u.pathname.split("/").filter(Boolean);
    const esc = nombre ? this.escenarios.get(nombre) : undefined;
    const enviar = (status: number, datos: unknown, cabeceras: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...cabeceras });
      res.end(JSON.stringify(datos));
    };
    if (!esc || !red) {
      enviar(404, { error: "escenario desconocido" });
      return;
    }
    esc.peticiones++;
    esc.registro.push(`${req.method} /${resto.join("/")} (${red})`);
    esc.alPedir?.(esc.peticiones);
    const muerte = esc.muerte && esc.peticiones === esc.muerte.n ? esc.muerte : undefined;
    if (muerte?.fase === "antes") {
      esc.muerte = undefined;
      muerte.matar();
      req.socket.destroy();
      return;
    }
    // Faults decided before processing: 503 or 429 (nothing happens).
    const azar = esc.azar();
    const fallo =
      !muerte && azar < esc.fallos.prob
        ? (["antes", "despues", "cortar", "429"] as const)[Math.floor(esc.azar() * 4)]!
        : undefined;
    if (fallo) esc.inyectados[fallo] = (esc.inyectados[fallo] ?? 0) + 1;
    if (fallo === "antes") return enviar(503, { error: "no disponible" });
    if (fallo === "429") return enviar(429, { error: "demasiadas peticiones" }, { "retry-after-ms": "5" });
    const ruta = `${req.method} /${resto.join("/")}`;
    let respuesta: [number, unknown];
    if (ruta === "POST /posts" && esc.rechazar.has(red)) {
      respuesta = [400, { error: "contenido rechazado por la red" }];
    } else if (ruta === "POST /posts") {
      const previo = esc.posts.find((p) => p.red === red && p.clave === cuerpo.clave);
      if (previo && IDEMPOTENTE.has(red)) respuesta = [200, { id: previo.id, url: previo.url }];
      else if (previo && RKEY.has(red)) respuesta = [409, { error: "ya existe un registro con esa clave" }];
      else {
        const id = String(this.siguiente++);
        const post: Post = {
          id,
          url: `https://${red}.example/${nombre}/${id}`,
          red,
          clave: cuerpo.clave ?? "",
          enlace: cuerpo.enlace ?? "",
          texto: cuerpo.texto ?? "",
          version: cuerpo.version ?? "",
        };
        esc.posts.push(post);
        respuesta = [201, { id, url: post.url }];
      }
    } else if (req.method === "GET" && resto[0] === "posts" && resto.length === 2) {
      const p = esc.posts.find((x) => x.red === red && x.clave === resto[1]);
      respuesta = p ? [200, { id: p.id, url: p.url }] : [404, { error: "no existe" }];
    } else if (ruta === "GET /recientes") {
      const propios = esc.posts.filter((p) => p.red === red);
      const incompleto = esc.azar() < esc.fallos.incompleto;
      if (incompleto) esc.inyectados.incompleto = (esc.inyectados.incompleto ?? 0) + 1;
      respuesta = [
        200,
        { completo: !incompleto, posts: incompleto ? [] : propios.map(({ id, url, enlace }) => ({ id, url, enlace })) },
      ];
    } else if (req.method === "POST" && resto[0] === "posts" && resto[2] === "correccion") {
      const id = String(this.siguiente++);
      esc.correcciones.push({ id, original: resto[1] ?? "", clave: cuerpo.clave ?? "", texto: cuerpo.texto ?? "" });
      respuesta = [201, { id, url: `https://${red}.example/${nombre}/${id}` }];
    } else if (ruta === "GET /correcciones") {
      const clave = u.searchParams.get("clave");
      respuesta = [
        200,
        {
          correcciones: esc.correcciones
            .filter((c) => c.clave === clave)
            .map((c) => ({ id: c.id, url: `https://${red}.example/${nombre}/${c.id}` })),
        },
      ];
    } else {
      esc.desconocidas.push(`${ruta} (${red})`);
      respuesta = [404, { error: "ruta desconocida" }];
    }
    if (muerte) {
      esc.muerte = undefined;
      muerte.matar();
      req.socket.destroy();
      return;
    }
    if (fallo === "despues") return enviar(503, { error: "no disponible" });
    if (fallo === "cortar") {
      req.socket.destroy();
      return;
    }
    enviar(respuesta[0], respuesta[1]);
  }
}
