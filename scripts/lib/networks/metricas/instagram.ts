import { clienteGraphDesdeContexto, idGraph, type PerfilGraph } from "../graph.ts";
import { errorRed } from "../http.ts";
import { ErrorRed, type AdaptadorMetricas, type FabricaMetricas, type MetricasPublicacion } from "../tipos.ts";
import { configMetricas } from "./index.ts";
import { cifraDe, esObjetoAusente, leerInsights } from "./insights.ts";

/**
 * Instagram professional account metrics (Instagram API with Facebook Login, Graph v26.0, same
 * token as publishing: INSTAGRAM_TOKEN with instagram_basic and instagram_manage_insights).
 *
 * Account: GET /{ig-user-id}?fields=followers_count,media_count and the IG User insights named in
 * `metricas.instagram.cuenta` with period=day&metric_type=total_value
 * (https://developers.facebook.com/docs/instagram-platform/reference/instagram-user/insights).
 *
 * Post: GET /{ig-media-id}/insights?metric=views,reach,total_interactions,likes,comments,shares,saved
 * (https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights):
 * lifetime totals. The documented limits: a metric without data is absent (null here, not 0), and
 * a media seen by too few accounts answers "(#10) Not enough viewers for the media to show
 * insights": its figures are null, which is not a failure.
 */

const PERFIL: PerfilGraph = {
  red: "instagram",
  tokenNuevo: "un token de acceso nuevo para la cuenta de Instagram",
  permisos: "instagram_basic e instagram_manage_insights",
};

function pocosEspectadores(error: unknown): boolean {
  return error instanceof ErrorRed && error.codigo === 10 && /not enough viewers/i.test(error.message);
}

export const crearMetricas: FabricaMetricas = (ctx) => {
  const cuentaRed = ctx.institucion.redes.instagram;
  const cliente = clienteGraphDesdeContexto(ctx, PERFIL);
  if (!cliente || !cuentaRed) return undefined;
  const cuentaId = idGraph(cuentaRed.opciones.cuentaId);
  const config = configMetricas(ctx.institucion).instagram;
  const publicacion = [...new Set([...config.publicacion, config.vistas, config.alcance, config.interacciones])];
  const retiradas = new Set<string>();

  const cuentaIg = (): string => {
    if (cuentaId) return cuentaId;
    throw errorRed(
      { nombre: "Instagram", env: ctx.env },
      'Falta el identificador de la cuenta de Instagram: agregue redes.instagram.opciones.cuentaId (solo dígitos, entre comillas, por ejemplo "17841400000000001") en config/institucion.yaml.',
      "permanente",
    );
  };

  const lector: AdaptadorMetricas = {
    red: "instagram",
    solicitudes: cliente.solicitudes,
    noDisponibles: () => [...retiradas],

    async cuenta() {
      const id = cuentaIg();
      const nodo = await cliente.get(id, { fields: "followers_count,media_count" });
      const insights = await leerInsights(cliente, id, config.cuenta, { period: "day", metric_type: "total_value" }, retiradas);
      return {
        seguidores: cifraDe(nodo.followers_count),
        detalle: { followers_count: cifraDe(nodo.followers_count), media_count: cifraDe(nodo.media_count), ...insights },
      };
    },

    async publicaciones(ids) {
      const salida: MetricasPublicacion[] = [];
      for (const idRemoto of ids) {
        let detalle: Record<string, number | null>;
        try {
          detalle = await leerInsights(cliente, idRemoto, publicacion, {}, retiradas);
        } catch (error) {
          if (esObjetoAusente(error)) continue;
          if (!pocosEspectadores(error)) throw error;
          detalle = Object.fromEntries(publicacion.map((n) => [n, null]));
        }
        salida.push({
          idRemoto,
          vistas: detalle[config.vistas] ?? null,
          alcance: detalle[config.alcance] ?? null,
          interacciones: detalle[config.interacciones] ?? null,
          detalle,
        });
      }
      return salida;
    },
  };
  return lector;
};
