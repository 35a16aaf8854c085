/**
 * TEST ONLY adapters for the publisher's fault-injection test, loaded through
 * PRENSA_ADAPTADORES_PRUEBA. They speak the generic emulator of ./emulador-publicacion.ts (not a real
 * platform) with the three reconciliation strategies of the real networks: Idempotency-Key
 * (Mastodon), fixed record key (Bluesky) and search among recent posts (the others).
 */
import type { Red } from "../../scripts/lib/content/schema/redes.ts";
import { REGISTRO } from "../../scripts/lib/networks/index.ts";
import {
  ErrorRed,
  type AdaptadorRed,
  type Correccion,
  type FabricaAdaptador,
  type PostRemoto,
  type Publicacion,
  type Reconciliacion,
} from "../../scripts/lib/networks/tipos.ts";

const edita = (red: Red): boolean => REGISTRO[red].capacidades.edita;

interface Respuesta {
  status: number;
  datos: Record<string, unknown>;
}

async function llamarEmulador(base: string, metodo: string, ruta: string, cuerpo?: unknown): Promise<Respuesta> {
  let res: Response;
  try {
    res = await fetch(`${base}${ruta}`, {
      method: metodo,
      headers: cuerpo ? { "content-type": "application/json" } : {},
      body: cuerpo ? JSON.stringify(cuerpo) : undefined,
      signal: AbortSignal.timeout(5000),
    });
  } catch (e) {
    throw new ErrorRed(`la red no respondió (${(e as Error).message})`, "transitorio");
  }
  let datos: Record<string, unknown> = {};
  try {
    datos = (await res.json()) as Record<string, unknown>;
  } catch {
    throw new ErrorRed("la respuesta se cortó", "transitorio");
  }
  if (res.status === 429)
    throw new ErrorRed("demasiadas peticiones", "transitorio", {
      esperarMs: Number(res.headers.get("retry-after-ms") ?? 5),
      codigo: 429,
      noProcesado: true,
    });
  if (res.status >= 500) throw new ErrorRed(`error del servidor (${res.status})`, "transitorio", { codigo: res.status });
  return { status: res.status, datos };
}

const post = (d: Record<string, unknown>): PostRemoto => ({ idRemoto: String(d.id), url: String(d.url) });

function crear(red: Red): FabricaAdaptador {
  return (ctx) => {
    const base = ctx.baseUrl;
    if (!base) return undefined;
    let solicitudes = 0;
    const llamar = (...args: Parameters<typeof llamarEmulador>) => {
      solicitudes++;
      return llamarEmulador(...args);
    };
    const crearPost = async (p: Publicacion): Promise<Respuesta> =>
      llamar(base, "POST", "/posts", { clave: p.clave, enlace: p.enlace, texto: p.texto, version: p.version });
    const adaptador: AdaptadorRed = {
      red,
      edita: edita(red),
      solicitudes: () => solicitudes,
      async publicar(p) {
        const r = await crearPost(p);
        if (r.status === 409) {
          const leido = await llamar(base, "GET", `/posts/${p.clave}`);
          if (leido.status === 200) return post(leido.datos);
        }
        if (r.status >= 400) throw new ErrorRed(`rechazado (${r.status})`, "permanente", { codigo: r.status });
        return post(r.datos);
      },
      async reconciliar(p): Promise<Reconciliacion> {
        if (red === "mastodon") return { estado: "publicado", post: await adaptador.publicar(p) };
        if (red === "bluesky") {
          const leido = await llamar(base, "GET", `/posts/${p.clave}`);
          return leido.status === 200 ? { estado: "publicado", post: post(leido.datos) } : { estado: "no-publicado" };
        }
        const r = await llamar(base, "GET", "/recientes");
        const lista = (r.datos.posts ?? []) as Record<string, unknown>[];
        const hallado = lista.find((x) => x.enlace === p.enlace);
        if (hallado) return { estado: "publicado", post: post(hallado) };
        if (!r.datos.completo) return { estado: "desconocido", motivo: "la lista de publicaciones recientes llegó incompleta" };
        return { estado: "no-publicado" };
      },
      async corregir(c: Correccion) {
        const r = await llamar(base, "POST", `/posts/${c.original.idRemoto}/correccion`, {
          clave: c.publicacion.clave,
          texto: edita(red) ? c.publicacion.texto : c.errata,
        });
        if (r.status >= 400) throw new ErrorRed(`rechazado (${r.status})`, "permanente", { codigo: r.status });
        return post(r.datos);
      },
      async reconciliarCorreccion(c) {
        const r = await llamar(base, "GET", `/correcciones?clave=${encodeURIComponent(c.publicacion.clave)}`);
        const hallada = ((r.datos.correcciones ?? []) as Record<string, unknown>[])[0];
        return hallada ? { estado: "publicado", post: post(hallada) } : { estado: "no-publicado" };
      },
    };
    return adaptador;
  };
}

export const fabricas: Partial<Record<Red, FabricaAdaptador>> = {
  facebook: crear("facebook"),
  instagram: crear("instagram"),
  x: crear("x"),
  telegram: crear("telegram"),
  mastodon: crear("mastodon"),
  bluesky: crear("bluesky"),
};
