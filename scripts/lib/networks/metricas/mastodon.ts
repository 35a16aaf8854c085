import { createRestAPIClient, MastoHttpError, type mastodon } from "masto";
import { contador, errorRed, type Plataforma } from "../http.ts";
import { REGISTRO } from "../index.ts";
import { traducirError } from "../mastodon.ts";
import type { AdaptadorMetricas, Cifra, FabricaMetricas, MetricasPublicacion } from "../tipos.ts";
import { cifraDe } from "./insights.ts";

/**
 * Mastodon metrics (REST API through `masto`, the publishing token MASTODON_TOKEN with read:accounts
 * and read:statuses). Mastodon shows no views or reach.
 * - Account: GET /api/v1/accounts/verify_credentials → followers_count, following_count,
 *   statuses_count (https://docs.joinmastodon.org/methods/accounts/#verify_credentials,
 *   https://docs.joinmastodon.org/entities/Account/).
 * - Post: GET /api/v1/statuses/:id → replies_count, reblogs_count, favourites_count and, from
 *   Mastodon 4.5, quotes_count (https://docs.joinmastodon.org/methods/statuses/#get,
 *   https://docs.joinmastodon.org/entities/Status/). A deleted status (404) is left out.
 * Interactions = favourites + reblogs + replies (+ quotes when the instance counts them).
 */

const { nombre: NOMBRE, credenciales, variableUrl } = REGISTRO.mastodon;

export const crearMetricas: FabricaMetricas = (ctx) => {
  const token = ctx.env[credenciales[0]!]?.trim();
  if (!token || !ctx.institucion.redes.mastodon) return undefined;
  const opcion = ctx.institucion.redes.mastodon.opciones.instancia;
  const instancia = (ctx.baseUrl ?? ctx.env[variableUrl] ?? opcion)?.trim();
  const plataforma: Plataforma = { nombre: NOMBRE, env: ctx.env };
  const cuenta = contador();
  const cliente =
    instancia && URL.canParse(instancia)
      ? createRestAPIClient({ url: instancia, accessToken: token, timeout: ctx.timeoutMs ?? 30_000, log: "error" })
      : undefined;

  async function paso<T>(accion: string, hacer: (c: mastodon.rest.Client) => Promise<T>): Promise<T> {
    if (!cliente) {
      throw errorRed(
        plataforma,
        `Falta una instancia válida de ${NOMBRE}: escriba redes.mastodon.opciones.instancia (por ejemplo https://mastodon.social) en config/institucion.yaml.`,
        "permanente",
      );
    }
    cuenta.sumar();
    try {
      return await hacer(cliente);
    } catch (error) {
      throw traducirError(error, accion, ctx.env);
    }
  }

  const lector: AdaptadorMetricas = {
    red: "mastodon",
    solicitudes: cuenta.total,

    async cuenta() {
      const yo = await paso("leer las cifras de la cuenta", (c) => c.v1.accounts.verifyCredentials());
      return {
        seguidores: cifraDe(yo.followersCount),
        detalle: {
          followers_count: cifraDe(yo.followersCount),
          following_count: cifraDe(yo.followingCount),
          statuses_count: cifraDe(yo.statusesCount),
        },
      };
    },

    async publicaciones(ids) {
      const salida: MetricasPublicacion[] = [];
      for (const idRemoto of ids) {
        // A deleted status (404) has no figures any more: it is left out (listed as unread).
        const status = await paso("leer las cifras de una publicación", async (c) => {
          try {
            return await c.v1.statuses.$select(idRemoto).fetch();
          } catch (error) {
            if (error instanceof MastoHttpError && error.statusCode === 404) return undefined;
            throw error;
          }
        });
        if (!status) continue;
        // quotesCount is typed, but instances before 4.5 do not send it.
        const citas: unknown = status.quotesCount;
        const detalle: Record<string, Cifra> = {
          favourites_count: cifraDe(status.favouritesCount),
          reblogs_count: cifraDe(status.reblogsCount),
          replies_count: cifraDe(status.repliesCount),
          ...(typeof citas === "number" ? { quotes_count: cifraDe(citas) } : {}),
        };
        const partes = Object.values(detalle);
        salida.push({
          idRemoto,
          vistas: null,
          alcance: null,
          interacciones: partes.some((v) => v === null) ? null : partes.reduce<number>((a, b) => a + (b ?? 0), 0),
          detalle,
        });
      }
      return salida;
    },
  };
  return lector;
};
