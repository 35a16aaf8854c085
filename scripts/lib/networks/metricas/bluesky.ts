import { AtpAgent } from "@atproto/api";
import { contador, fetchContado, type Plataforma, errorRed } from "../http.ts";
import { REGISTRO } from "../index.ts";
import { traducirError } from "../bluesky.ts";
import type { AdaptadorMetricas, Cifra, FabricaMetricas, MetricasPublicacion } from "../tipos.ts";
import { cifraDe } from "./insights.ts";

/**
 * Bluesky metrics. Counts are computed by the AppView, not by the account's PDS (the PDS only
 * stores the account's own records), and the AppView's read methods are public: no login, so no
 * session is spent (https://docs.bsky.app/docs/advanced-guides/api-directory: public.api.bsky.app).
 * - Account: app.bsky.actor.getProfile?actor=<handle or DID> → followersCount, followsCount,
 *   postsCount (https://docs.bsky.app/docs/api/app-bsky-actor-get-profile).
 * - Posts: app.bsky.feed.getPosts?uris=<at:// URIs, up to 25 per call> → likeCount, repostCount,
 *   replyCount, quoteCount (https://docs.bsky.app/docs/api/app-bsky-feed-get-posts). A deleted post
 *   is simply absent from the answer and is left out.
 * Bluesky shows no views or reach. Interactions = likes + reposts + replies + quotes.
 * The reader runs when the publishing credentials are set (the same rule as every network), and
 * reads the account named by BLUESKY_IDENTIFICADOR or redes.bluesky.opciones.identificador.
 */

const { nombre: NOMBRE, credenciales } = REGISTRO.bluesky;
const [VARIABLE_IDENTIFICADOR, VARIABLE_CLAVE] = credenciales as readonly [string, string];
/** Bluesky's public AppView; PRENSA_URL_BLUESKY_APPVIEW (tests) replaces it. */
export const APPVIEW_PUBLICA = "https://public.api.bsky.app";
/** URIs per app.bsky.feed.getPosts call (the lexicon's maximum). */
export const URIS_POR_LECTURA = 25;

const suma = (valores: Cifra[]): Cifra =>
  valores.some((v) => v === null) ? null : valores.reduce<number>((a, b) => a + (b ?? 0), 0);

export const crearMetricas: FabricaMetricas = (ctx) => {
  const opciones = ctx.institucion.redes.bluesky?.opciones;
  const actor = ctx.env[VARIABLE_IDENTIFICADOR]?.trim() || opciones?.identificador;
  if (!ctx.institucion.redes.bluesky || !actor || !ctx.env[VARIABLE_CLAVE]) return undefined;
  const servicio = (ctx.baseUrl ?? APPVIEW_PUBLICA).replace(/\/+$/, "");
  const plataforma: Plataforma = { nombre: NOMBRE, env: ctx.env };
  const cuenta = contador();
  const agente = new AtpAgent({
    service: servicio,
    fetch: fetchContado(ctx.fetch ?? globalThis.fetch, cuenta, ctx.timeoutMs ?? 30_000),
  });

  async function paso<T>(accion: string, hacer: () => Promise<T>): Promise<T> {
    try {
      return await hacer();
    } catch (error) {
      throw traducirError(error, accion, ctx.env);
    }
  }

  const lector: AdaptadorMetricas = {
    red: "bluesky",
    solicitudes: cuenta.total,

    async cuenta() {
      const { data } = await paso("leer las cifras de la cuenta", () => agente.app.bsky.actor.getProfile({ actor }));
      return {
        seguidores: cifraDe(data.followersCount),
        detalle: {
          followersCount: cifraDe(data.followersCount),
          followsCount: cifraDe(data.followsCount),
          postsCount: cifraDe(data.postsCount),
        },
      };
    },

    async publicaciones(ids) {
      const salida: MetricasPublicacion[] = [];
      for (const uri of ids) {
        if (!uri.startsWith("at://")) {
          throw errorRed(plataforma, `El identificador de la publicación de Bluesky «${uri}» no es una URI at://.`, "permanente");
        }
      }
      for (let i = 0; i < ids.length; i += URIS_POR_LECTURA) {
        const lote = ids.slice(i, i + URIS_POR_LECTURA);
        const { data } = await paso("leer las cifras de las publicaciones", () => agente.app.bsky.feed.getPosts({ uris: lote }));
        const porUri = new Map(data.posts.map((p) => [p.uri, p]));
        for (const idRemoto of lote) {
          const p = porUri.get(idRemoto);
          if (!p) continue;
          const detalle: Record<string, Cifra> = {
            likeCount: cifraDe(p.likeCount),
            repostCount: cifraDe(p.repostCount),
            replyCount: cifraDe(p.replyCount),
            quoteCount: cifraDe(p.quoteCount),
          };
          salida.push({ idRemoto, vistas: null, alcance: null, interacciones: suma(Object.values(detalle)), detalle });
        }
      }
      return salida;
    },
  };
  return lector;
};
