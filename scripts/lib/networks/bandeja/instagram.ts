import { clienteGraphDesdeContexto, idGraph, paginaGraph, texto, type ClienteGraph, type PerfilGraph } from "../graph.ts";
import {
  ErrorRed,
  type AdaptadorBandeja,
  type FabricaBandeja,
  type LecturaBandeja,
  type MensajeEntrante,
  type PostRemoto,
  type Reconciliacion,
  type RespuestaSaliente,
} from "../tipos.ts";
import {
  PRIMERA_LECTURA_MS,
  cadena,
  desdeIncluido,
  escribirCursor,
  instante,
  leerCursor,
  masReciente,
  mismoTexto,
  ventanaMeta,
} from "./comun.ts";
import { enviarPrivado, leerConversaciones, reconciliarPrivado, type NodoMeta } from "./meta.ts";

/**
 * Instagram professional account inbox (Graph API v26.0, Facebook Login flow, as the publisher):
 * - comments: `GET /{ig-user-id}/media`, then `GET /{ig-media-id}/comments` with their `replies`
 *   (https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-media/comments,
 *   https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-comment/replies);
 * - public reply: `POST /{ig-comment-id}/replies` with `message` (only top-level comments take
 *   replies, so the reply goes to the thread's top-level comment);
 * - messaging: `GET /{ig-user-id}/conversations?platform=instagram` and the Send API
 *   `POST /{ig-user-id}/messages`, with the windows of Messenger, and one private reply to a
 *   comment within 7 days (https://developers.facebook.com/docs/instagram-platform/private-replies).
 * A comment or message from the account itself (`from.id` = the IG user id) is the office's own reply.
 */

const PERFIL: PerfilGraph = {
  red: "instagram",
  tokenNuevo: "un token de acceso nuevo para la cuenta de Instagram",
  permisos: "instagram_basic, instagram_manage_comments, instagram_manage_messages y pages_read_engagement",
};

const MEDIOS = "25";
const COMENTARIOS = "50";
const CAMPOS_COMENTARIO = "id,text,timestamp,from,username";

interface CursorInstagram {
  desde: string;
}

function comentarioDe(item: Record<string, unknown>, cuenta: string, raiz?: string): MensajeEntrante | undefined {
  const id = cadena(item.id);
  const recibido = instante(item.timestamp);
  if (!id || !recibido) return undefined;
  const desde = (item.from ?? {}) as Record<string, unknown>;
  const autorId = cadena(desde.id) ?? "desconocido";
  const usuario = cadena(desde.username) ?? cadena(item.username) ?? autorId;
  return {
    red: "instagram",
    idExterno: id,
    hilo: raiz ?? id,
    canal: "comentario",
    autor: { id: autorId, usuario },
    texto: cadena(item.text) ?? "",
    recibido,
    propio: autorId === cuenta,
    ...(raiz ? { respondeA: raiz } : {}),
  };
}

export function crearBandejaInstagram(
  cliente: ClienteGraph,
  cuenta: string,
  reloj: () => Date = () => new Date(),
): AdaptadorBandeja {
  const meta: NodoMeta = {
    cliente,
    nodo: cuenta,
    red: "instagram",
    plataforma: "instagram",
    nombre: "Instagram",
    campoUsuario: "username",
  };

  async function leerComentarios(desde: string): Promise<MensajeEntrante[]> {
    const salida: MensajeEntrante[] = [];
    const medios = paginaGraph(await cliente.get(`${cuenta}/media`, { fields: "id,timestamp", limit: MEDIOS }));
    for (const medio of medios.items) {
      const id = cadena(medio.id);
      if (!id) continue;
      const comentarios = paginaGraph(
        await cliente.get(`${id}/comments`, { fields: `${CAMPOS_COMENTARIO},replies{${CAMPOS_COMENTARIO}}`, limit: COMENTARIOS }),
      );
      for (const item of comentarios.items) {
        const raiz = comentarioDe(item, cuenta);
        if (!raiz) continue;
        if (desdeIncluido(raiz.recibido.toISOString(), desde)) salida.push(raiz);
        const respuestas = paginaGraph((item.replies ?? {}) as Record<string, unknown>);
        for (const r of respuestas.items) {
          const m = comentarioDe(r, cuenta, raiz.idExterno);
          if (m && desdeIncluido(m.recibido.toISOString(), desde)) salida.push(m);
        }
      }
    }
    return salida;
  }

  return {
    red: "instagram",
    solicitudes: cliente.solicitudes,

    async leer(cursor): Promise<LecturaBandeja> {
      const previo = leerCursor<CursorInstagram>(cursor).desde;
      const desde = previo ?? new Date(reloj().getTime() - PRIMERA_LECTURA_MS).toISOString();
      const mensajes = [...(await leerComentarios(desde)), ...(await leerConversaciones(meta, desde))];
      const nuevo = mensajes.reduce<string | undefined>((a, m) => masReciente(a, m.recibido.toISOString()), previo);
      return { mensajes, cursor: nuevo && nuevo !== previo ? escribirCursor({ desde: nuevo }) : undefined };
    },

    ventana: (r, ahora) => ventanaMeta(r, ahora, "Instagram"),

    async responder(r: RespuestaSaliente): Promise<PostRemoto> {
      if (r.privado) return enviarPrivado(meta, r, reloj());
      if (r.mensaje.canal === "privado")
        throw new ErrorRed("Un mensaje directo de Instagram no tiene respuesta pública: use /responder-privado.", "permanente");
      const datos = await cliente.post(`${r.mensaje.hilo}/replies`, { message: r.texto });
      const id = texto(datos, "id");
      if (!id)
        throw new ErrorRed(
          "Instagram aceptó la respuesta pero no devolvió su identificador; revise el comentario.",
          "permanente",
        );
      return { idRemoto: id, url: "" };
    },

    async reconciliarRespuesta(r: RespuestaSaliente): Promise<Reconciliacion> {
      if (r.privado) return reconciliarPrivado(meta, r);
      const respuestas = paginaGraph(
        await cliente.get(`${r.mensaje.hilo}/replies`, { fields: CAMPOS_COMENTARIO, limit: COMENTARIOS }),
      );
      const propia = respuestas.items.find(
        (c) => cadena(((c.from ?? {}) as Record<string, unknown>).id) === cuenta && mismoTexto(cadena(c.text), r.texto),
      );
      const id = propia ? cadena(propia.id) : undefined;
      return id ? { estado: "publicado", post: { idRemoto: id, url: "" } } : { estado: "no-publicado" };
    },
  };
}

/** Instagram inbox, or undefined without INSTAGRAM_TOKEN, the account or its cuentaId. */
export const crearBandeja: FabricaBandeja = (ctx) => {
  const cuenta = ctx.institucion.redes.instagram;
  const id = cuenta ? idGraph(cuenta.opciones.cuentaId) : undefined;
  const cliente = clienteGraphDesdeContexto(ctx, PERFIL);
  if (!cliente || !id) return undefined;
  return crearBandejaInstagram(cliente, id);
};
