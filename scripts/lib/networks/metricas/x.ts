import http from "node:http";
import { TwitterApi } from "twitter-api-v2";
import { contador, errorRed, type Plataforma } from "../http.ts";
import { REGISTRO } from "../index.ts";
import { traducirError, URL_X } from "../x.ts";
import type { AdaptadorMetricas, Cifra, FabricaMetricas, MetricasPublicacion } from "../tipos.ts";
import { configMetricas } from "./index.ts";
import { cifraDe } from "./insights.ts";

/**
 * X metrics (API v2, OAuth 1.0a user context, the publishing credentials). X bills every read,
 * so the reader spends at most `metricas.x.maxSolicitudes` requests per run:
 * - account: one GET /2/users/me?user.fields=public_metrics (followers_count, following_count,
 *   tweet_count, listed_count; https://docs.x.com/x-api/users/get-my-user,
 *   https://docs.x.com/x-api/fundamentals/data-dictionary#user);
 * - posts: GET /2/tweets?ids=<up to 100, comma-separated>&tweet.fields=public_metrics
 *   (https://docs.x.com/x-api/posts/get-posts-by-ids): public_metrics carries retweet_count,
 *   reply_count, like_count, quote_count, bookmark_count and impression_count
 *   (https://docs.x.com/enterprise-api/fundamentals/fields). A deleted post comes back in
 *   `errors[]` (resource-not-found) and is left out. Ids beyond the budget are not read that day.
 * Views = impression_count; no reach; interactions = likes + reposts + replies + quotes + bookmarks.
 */

const { nombre: NOMBRE, credenciales: VARIABLES_X, variableUrl } = REGISTRO.x;
/** Ids per GET /2/tweets (the endpoint's maximum). */
export const IDS_POR_LECTURA = 100;

interface PublicMetrics {
  retweet_count?: number;
  reply_count?: number;
  like_count?: number;
  quote_count?: number;
  bookmark_count?: number;
  impression_count?: number;
}

const suma = (valores: Cifra[]): Cifra =>
  valores.some((v) => v === null) ? null : valores.reduce<number>((a, b) => a + (b ?? 0), 0);

export const crearMetricas: FabricaMetricas = (ctx) => {
  const [appKey, appSecret, accessToken, accessSecret] = VARIABLES_X.map((n) => ctx.env[n]?.trim());
  if (!appKey || !appSecret || !accessToken || !accessSecret) return undefined;
  if (!ctx.institucion.redes.x) return undefined;
  const presupuesto = configMetricas(ctx.institucion).x.maxSolicitudes;

  const base = (ctx.baseUrl ?? ctx.env[variableUrl] ?? URL_X).replace(/\/+$/, "");
  const agente = base.startsWith("http:") ? new http.Agent() : undefined;
  const cliente = new TwitterApi({ appKey, appSecret, accessToken, accessSecret }, agente ? { httpAgent: agente } : {});
  const peticion = { prefix: `${base}/2/`, timeout: ctx.timeoutMs ?? 30_000 };
  const plataforma: Plataforma = {
    nombre: NOMBRE,
    env: { ...ctx.env },
    secretos: [appKey, appSecret, accessToken, accessSecret],
  };
  const cuenta = contador();
  const avisos: string[] = [];

  async function leer<T>(accion: string, ruta: string, consulta: Record<string, string>): Promise<T> {
    cuenta.sumar();
    let reloj: NodeJS.Timeout | undefined;
    const plazo = new Promise<never>((_, rechazar) => {
      reloj = setTimeout(
        () =>
          rechazar(
            errorRed(plataforma, `X no respondió en ${Math.round(peticion.timeout / 1000)} s al ${accion}.`, "transitorio", {
              codigo: "timeout",
            }),
          ),
        peticion.timeout,
      );
    });
    try {
      return await Promise.race([cliente.get<T>(ruta, consulta, peticion), plazo]);
    } catch (error) {
      throw traducirError(error, accion, plataforma);
    } finally {
      clearTimeout(reloj);
    }
  }

  const lector: AdaptadorMetricas = {
    red: "x",
    solicitudes: cuenta.total,
    avisos: () => [...avisos],

    async cuenta() {
      const yo = await leer<{ data?: { public_metrics?: Record<string, unknown> } }>("leer las cifras de la cuenta", "users/me", {
        "user.fields": "public_metrics",
      });
      const m = yo.data?.public_metrics ?? {};
      return {
        seguidores: cifraDe(m.followers_count),
        detalle: {
          followers_count: cifraDe(m.followers_count),
          following_count: cifraDe(m.following_count),
          tweet_count: cifraDe(m.tweet_count),
          listed_count: cifraDe(m.listed_count),
        },
      };
    },

    async publicaciones(ids) {
      const salida: MetricasPublicacion[] = [];
      for (let i = 0; i < ids.length; i += IDS_POR_LECTURA) {
        if (cuenta.total() >= presupuesto) {
          avisos.push(
            `X: ${ids.length - i} publicaciones quedaron sin leer hoy porque se agotaron las ${presupuesto} lecturas permitidas (metricas.x.maxSolicitudes).`,
          );
          break;
        }
        const lote = ids.slice(i, i + IDS_POR_LECTURA);
        const respuesta = await leer<{ data?: { id?: string; public_metrics?: PublicMetrics }[] }>(
          "leer las cifras de las publicaciones",
          "tweets",
          { ids: lote.join(","), "tweet.fields": "public_metrics" },
        );
        const porId = new Map((respuesta.data ?? []).filter((t) => t.id).map((t) => [t.id!, t.public_metrics ?? {}]));
        for (const idRemoto of lote) {
          const m = porId.get(idRemoto);
          if (!m) continue;
          const detalle: Record<string, Cifra> = {
            impression_count: cifraDe(m.impression_count),
            like_count: cifraDe(m.like_count),
            retweet_count: cifraDe(m.retweet_count),
            reply_count: cifraDe(m.reply_count),
            quote_count: cifraDe(m.quote_count),
            bookmark_count: cifraDe(m.bookmark_count),
          };
          salida.push({
            idRemoto,
            vistas: detalle.impression_count ?? null,
            alcance: null,
            interacciones: suma([
              detalle.like_count!,
              detalle.retweet_count!,
              detalle.reply_count!,
              detalle.quote_count!,
              detalle.bookmark_count!,
            ]),
            detalle,
          });
        }
      }
      return salida;
    },
  };
  return lector;
};
