import { contador, errorConexion, errorRed, type Plataforma } from "../http.ts";
import { REGISTRO } from "../index.ts";
import { traducirError, URL_TELEGRAM } from "../telegram.ts";
import type { AdaptadorMetricas, FabricaMetricas } from "../tipos.ts";
import { cifraDe } from "./insights.ts";

/**
 * Telegram channel metrics (Bot API, the publishing bot TELEGRAM_BOT_TOKEN, administrator of the
 * channel). The Bot API gives the member count only: getChatMemberCount
 * (https://core.telegram.org/bots/api#getchatmembercount). It has no method for a message's view
 * count (views are shown in the apps, but no Bot API method returns them for channel posts), so
 * each post is stored with every figure null («no disponible») and no request is made for it.
 */

const { nombre: NOMBRE, credenciales, variableUrl } = REGISTRO.telegram;

interface RespuestaTelegram {
  ok: boolean;
  result?: unknown;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export const crearMetricas: FabricaMetricas = (ctx) => {
  const token = ctx.env[credenciales[0]!]?.trim();
  const cuentaRed = ctx.institucion.redes.telegram;
  if (!token || !cuentaRed) return undefined;
  const chatId = cuentaRed.opciones.chatId ?? (cuentaRed.usuario.startsWith("@") ? cuentaRed.usuario : undefined);
  const base = (ctx.baseUrl ?? ctx.env[variableUrl] ?? URL_TELEGRAM).replace(/\/+$/, "");
  const hacerFetch = ctx.fetch ?? globalThis.fetch;
  const timeoutMs = ctx.timeoutMs ?? 30_000;
  // The token travels in the URL path: it is redacted from every message.
  const plataforma: Plataforma = { nombre: NOMBRE, env: { ...ctx.env }, secretos: [token] };
  const cuenta = contador();

  const lector: AdaptadorMetricas = {
    red: "telegram",
    solicitudes: cuenta.total,

    async cuenta() {
      if (!chatId) {
        throw errorRed(
          plataforma,
          'Falta el canal de Telegram: escriba redes.telegram.opciones.chatId (por ejemplo "@alcaldiacajica") en config/institucion.yaml.',
          "permanente",
        );
      }
      const accion = "contar los miembros del canal";
      cuenta.sumar();
      let respuesta: Response;
      let texto: string;
      try {
        respuesta = await hacerFetch(`${base}/bot${token}/getChatMemberCount`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ chat_id: chatId }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        texto = await respuesta.text();
      } catch (error) {
        throw errorConexion(plataforma, error, accion, timeoutMs);
      }
      let datos: RespuestaTelegram | undefined;
      try {
        datos = JSON.parse(texto) as RespuestaTelegram;
      } catch {
        datos = undefined;
      }
      if (!respuesta.ok || !datos?.ok) {
        const e = traducirError(respuesta.status, datos, texto, "getChatMemberCount", accion);
        throw errorRed(plataforma, e.message, e.tipo, { codigo: e.codigo, esperarMs: e.esperarMs });
      }
      const miembros = cifraDe(datos.result);
      return { seguidores: miembros, detalle: { member_count: miembros } };
    },

    publicaciones(ids) {
      return Promise.resolve(
        ids.map((idRemoto) => ({ idRemoto, vistas: null, alcance: null, interacciones: null, detalle: {} })),
      );
    },
  };
  return lector;
};
