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
 * Facebook Page inbox (Graph API v26.0, the same client as the publisher):
 * - comments on the page's recent posts: `GET /{page-id}/posts`, then `GET /{post-id}/comments`
 *   with `filter=stream` (top-level comments and replies, with `parent`) newest first
 *   (https://developers.facebook.com/docs/graph-api/reference/object/comments);
 * - Messenger: `GET /{page-id}/conversations?platform=messenger` and `/{conversation-id}/messages`
 *   (see ./meta.ts);
 * - public reply: `POST /{comment-id}/comments` with `message` (Graph nests a reply to a reply
 *   under the top-level comment);
 * - private: the Send API, inside Messenger's windows, or the one private reply to a comment
 *   within 7 days (https://developers.facebook.com/docs/messenger-platform/discovery/private-replies).
 * A comment or message whose `from.id` is the page is the page's own: a person answered natively.
 * Cursor: the newest `created_time` filed (messages are deduplicated by id, so an overlap is harmless).
 */

const PERFIL: PerfilGraph = {
  red: "facebook",
  tokenNuevo: "un token de página nuevo",
  permisos: "pages_read_engagement, pages_read_user_content, pages_manage_engagement y pages_messaging",
};

/** Recent posts whose comments are read each run, and comments per post. */
const PUBLICACIONES = "25";
const COMENTARIOS = "100";

interface CursorFacebook {
  desde: string;
}

function comentarioDe(item: Record<string, unknown>, pagina: string): MensajeEntrante | undefined {
  const id = cadena(item.id);
  const recibido = instante(item.created_time);
  if (!id || !recibido) return undefined;
  const desde = (item.from ?? {}) as Record<string, unknown>;
  const autorId = cadena(desde.id) ?? "desconocido";
  const nombre = cadena(desde.name);
  const padre = cadena(((item.parent ?? {}) as Record<string, unknown>).id);
  const enlace = cadena(item.permalink_url);
  return {
    red: "facebook",
    idExterno: id,
    hilo: padre ?? id,
    canal: "comentario",
    autor: { id: autorId, usuario: nombre ?? autorId, ...(nombre ? { nombre } : {}) },
    texto: cadena(item.message) ?? "",
    ...(enlace ? { enlace } : {}),
    recibido,
    propio: autorId === pagina,
    ...(padre ? { respondeA: padre } : {}),
  };
}

export function crearBandejaFacebook(
  cliente: ClienteGraph,
  pagina: string,
  reloj: () => Date = () => new Date(),
): AdaptadorBandeja {
  const meta: NodoMeta = {
    cliente,
    nodo: pagina,
    red: "facebook",
    plataforma: "messenger",
    nombre: "Facebook",
    campoUsuario: "name",
  };

  async function leerComentarios(desde: string): Promise<MensajeEntrante[]> {
    const salida: MensajeEntrante[] = [];
    const posts = paginaGraph(await cliente.get(`${pagina}/posts`, { fields: "id,created_time", limit: PUBLICACIONES }));
    for (const post of posts.items) {
      const id = cadena(post.id);
      if (!id) continue;
      const comentarios = paginaGraph(
        await cliente.get(`${id}/comments`, {
          filter: "stream",
          order: "reverse_chronological",
          fields: "id,message,from,created_time,parent{id},permalink_url",
          limit: COMENTARIOS,
        }),
      );
      for (const item of comentarios.items) {
        const m = comentarioDe(item, pagina);
        if (m && desdeIncluido(m.recibido.toISOString(), desde)) salida.push(m);
      }
    }
    return salida;
  }

  return {
    red: "facebook",
    solicitudes: cliente.solicitudes,

    async leer(cursor): Promise<LecturaBandeja> {
      const previo = leerCursor<CursorFacebook>(cursor).desde;
      const desde = previo ?? new Date(reloj().getTime() - PRIMERA_LECTURA_MS).toISOString();
      const mensajes = [...(await leerComentarios(desde)), ...(await leerConversaciones(meta, desde))];
      const nuevo = mensajes.reduce<string | undefined>((a, m) => masReciente(a, m.recibido.toISOString()), previo);
      return { mensajes, cursor: nuevo && nuevo !== previo ? escribirCursor({ desde: nuevo }) : undefined };
    },

    ventana: (r, ahora) => ventanaMeta(r, ahora, "Facebook"),

    async responder(r: RespuestaSaliente): Promise<PostRemoto> {
      if (r.privado) return enviarPrivado(meta, r, reloj());
      if (r.mensaje.canal === "privado")
        throw new ErrorRed("Un mensaje de Messenger no tiene respuesta pública: use /responder-privado.", "permanente");
      const datos = await cliente.post(`${r.mensaje.idExterno}/comments`, { message: r.texto });
      const id = texto(datos, "id");
      if (!id)
        throw new ErrorRed("Facebook aceptó la respuesta pero no devolvió su identificador; revise el comentario.", "permanente");
      return { idRemoto: id, url: `https://www.facebook.com/${id}` };
    },

    async reconciliarRespuesta(r: RespuestaSaliente): Promise<Reconciliacion> {
      if (r.privado) return reconciliarPrivado(meta, r);
      const respuestas = paginaGraph(
        await cliente.get(`${r.mensaje.idExterno}/comments`, { fields: "id,message,from,created_time", limit: COMENTARIOS }),
      );
      const propia = respuestas.items.find(
        (c) => cadena(((c.from ?? {}) as Record<string, unknown>).id) === pagina && mismoTexto(cadena(c.message), r.texto),
      );
      const id = propia ? cadena(propia.id) : undefined;
      return id
        ? { estado: "publicado", post: { idRemoto: id, url: `https://www.facebook.com/${id}` } }
        : { estado: "no-publicado" };
    },
  };
}

/** Facebook inbox, or undefined without FACEBOOK_TOKEN, the account or its paginaId. */
export const crearBandeja: FabricaBandeja = (ctx) => {
  const cuenta = ctx.institucion.redes.facebook;
  const pagina = cuenta ? idGraph(cuenta.opciones.paginaId) : undefined;
  const cliente = clienteGraphDesdeContexto(ctx, PERFIL);
  if (!cliente || !pagina) return undefined;
  return crearBandejaFacebook(cliente, pagina);
};
