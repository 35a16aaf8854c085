import { clienteGraphDesdeContexto, idGraph, type PerfilGraph } from "../graph.ts";
import { errorRed } from "../http.ts";
import type { AdaptadorMetricas, Cifra, FabricaMetricas, MetricasPublicacion } from "../tipos.ts";
import { configMetricas } from "./index.ts";
import { cifraDe, esObjetoAusente, leerInsights } from "./insights.ts";

/**
 * Facebook Page metrics (Graph API v26.0, same token as publishing: FACEBOOK_TOKEN, a Page token
 * with read_insights and pages_read_engagement).
 *
 * Account: GET /{page-id}?fields=followers_count,fan_count
 * (https://developers.facebook.com/docs/graph-api/reference/page/) and the Page Insights named in
 * `metricas.facebook.pagina`, period=day (the last complete day)
 * (https://developers.facebook.com/docs/graph-api/reference/insights).
 *
 * Post: GET /{post-id}?fields=shares,reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)
 * (counts only: `limit(0)` returns no reaction or comment, so nobody's name is read;
 * https://developers.facebook.com/docs/graph-api/reference/post/,
 * https://developers.facebook.com/docs/graph-api/reference/object/reactions/) and the post insights
 * named in `metricas.facebook.publicacion`, period=lifetime. Interactions = reactions + comments +
 * shares. Views and reach are the configured metrics `vistas` and `alcance`; a retired one is null.
 */

const PERFIL: PerfilGraph = {
  red: "facebook",
  tokenNuevo: "un token de página nuevo",
  permisos: "read_insights y pages_read_engagement",
};

const CAMPOS_POST = "shares,reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)";

/** `total_count` of an edge summary ({"data":[],"summary":{"total_count":n}}). */
function total(valor: unknown): Cifra {
  const resumen = (valor as { summary?: { total_count?: unknown } } | undefined)?.summary;
  return cifraDe(resumen?.total_count);
}

export const crearMetricas: FabricaMetricas = (ctx) => {
  const cuentaRed = ctx.institucion.redes.facebook;
  const cliente = clienteGraphDesdeContexto(ctx, PERFIL);
  if (!cliente || !cuentaRed) return undefined;
  const paginaId = idGraph(cuentaRed.opciones.paginaId);
  const config = configMetricas(ctx.institucion).facebook;
  const publicacion = [...new Set([...config.publicacion, config.vistas, config.alcance])];
  const retiradas = new Set<string>();

  const pagina = (): string => {
    if (paginaId) return paginaId;
    throw errorRed(
      { nombre: "Facebook", env: ctx.env },
      'Falta el identificador de la página de Facebook: agregue redes.facebook.opciones.paginaId (solo dígitos, entre comillas, por ejemplo "100064000000001") en config/institucion.yaml.',
      "permanente",
    );
  };

  const lector: AdaptadorMetricas = {
    red: "facebook",
    solicitudes: cliente.solicitudes,
    noDisponibles: () => [...retiradas],

    async cuenta() {
      const id = pagina();
      const nodo = await cliente.get(id, { fields: "followers_count,fan_count" });
      const insights = await leerInsights(cliente, id, config.pagina, { period: "day" }, retiradas);
      return {
        seguidores: cifraDe(nodo.followers_count),
        detalle: { followers_count: cifraDe(nodo.followers_count), fan_count: cifraDe(nodo.fan_count), ...insights },
      };
    },

    async publicaciones(ids) {
      const salida: MetricasPublicacion[] = [];
      for (const idRemoto of ids) {
        let nodo: Record<string, unknown>;
        try {
          nodo = await cliente.get(idRemoto, { fields: CAMPOS_POST });
        } catch (error) {
          // A deleted post has no figures any more: it is left out (listed as unread), not a failure.
          if (esObjetoAusente(error)) continue;
          throw error;
        }
        const insights = await leerInsights(cliente, idRemoto, publicacion, { period: "lifetime" }, retiradas);
        const reacciones = total(nodo.reactions);
        const comentarios = total(nodo.comments);
        // Graph omits `shares` when the post was never shared.
        const compartidos = nodo.shares === undefined ? 0 : cifraDe((nodo.shares as { count?: unknown }).count);
        const partes = [reacciones, comentarios, compartidos];
        salida.push({
          idRemoto,
          vistas: insights[config.vistas] ?? null,
          alcance: insights[config.alcance] ?? null,
          interacciones: partes.some((p) => p === null) ? null : partes.reduce<number>((a, b) => a + (b ?? 0), 0),
          detalle: { reactions: reacciones, comments: comentarios, shares: compartidos, ...insights },
        });
      }
      return salida;
    },
  };
  return lector;
};
