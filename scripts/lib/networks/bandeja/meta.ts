import { buscarEnEdge, paginaGraph, texto, type ClienteGraph } from "../graph.ts";
import { ErrorRed, type MensajeEntrante, type PostRemoto, type Reconciliacion, type RespuestaSaliente } from "../tipos.ts";
import { cadena, desdeIncluido, instante, mismoTexto, ventanaMeta } from "./comun.ts";

/**
 * Messaging shared by Facebook Pages (Messenger) and Instagram professional accounts (Instagram
 * messaging): both read `GET /{node}/conversations?platform=…` and `GET /{conversation-id}/messages`
 * (https://developers.facebook.com/docs/messenger-platform/conversations,
 * https://developers.facebook.com/docs/graph-api/reference/conversation/messages) and send with the
 * Send API `POST /{node}/messages` (recipient {id} for a chat, {comment_id} for the one private
 * reply to a comment; messaging_type RESPONSE inside 24 h, MESSAGE_TAG + tag HUMAN_AGENT up to 7
 * days: https://developers.facebook.com/docs/messenger-platform/send-messages).
 */

export interface NodoMeta {
  cliente: ClienteGraph;
  /** Page id (Facebook) or IG user id (Instagram): the account that receives and sends. */
  nodo: string;
  red: "facebook" | "instagram";
  /** `platform` of /conversations: messenger or instagram. */
  plataforma: "messenger" | "instagram";
  nombre: string;
  /** Fields of `from` the platform gives (Facebook: name, id; Instagram: username, id). */
  campoUsuario: "name" | "username";
}

/** Conversations read per run (newest first) and messages per conversation. */
const CONVERSACIONES = "25";
const MENSAJES = "50";

function autorDe(desde: unknown, campo: NodoMeta["campoUsuario"]): MensajeEntrante["autor"] {
  const f = (desde ?? {}) as Record<string, unknown>;
  const id = cadena(f.id) ?? "desconocido";
  const usuario = cadena(f[campo]) ?? cadena(f.name) ?? cadena(f.username) ?? id;
  return { id, usuario, ...(cadena(f.name) ? { nombre: cadena(f.name) } : {}) };
}

/** Private messages written since `desde` (the account's own ones marked `propio`). */
export async function leerConversaciones(m: NodoMeta, desde: string): Promise<MensajeEntrante[]> {
  const salida: MensajeEntrante[] = [];
  const lista = paginaGraph(
    await m.cliente.get(`${m.nodo}/conversations`, { platform: m.plataforma, fields: "id,updated_time", limit: CONVERSACIONES }),
  );
  for (const conversacion of lista.items) {
    const id = cadena(conversacion.id);
    const actualizada = instante(conversacion.updated_time);
    if (!id || (actualizada && actualizada.getTime() < Date.parse(desde))) continue;
    const mensajes = paginaGraph(
      await m.cliente.get(`${id}/messages`, { fields: `id,message,from,created_time`, limit: MENSAJES }),
    );
    for (const item of mensajes.items) {
      const idMensaje = cadena(item.id);
      const recibido = instante(item.created_time);
      if (!idMensaje || !recibido || !desdeIncluido(recibido.toISOString(), desde)) continue;
      const autor = autorDe(item.from, m.campoUsuario);
      salida.push({
        red: m.red,
        idExterno: idMensaje,
        hilo: id,
        canal: "privado",
        autor,
        texto: cadena(item.message) ?? "",
        recibido,
        propio: autor.id === m.nodo,
      });
    }
  }
  return salida;
}

/** Sends a private message (chat) or the one private reply to a comment. */
export async function enviarPrivado(m: NodoMeta, r: RespuestaSaliente, ahora: Date): Promise<PostRemoto> {
  const ventana = ventanaMeta(r, ahora, m.nombre);
  if (!ventana.permitida) throw new ErrorRed(ventana.explicacion, "permanente", { codigo: "ventana" });
  const recipient = r.mensaje.canal === "privado" ? { id: r.mensaje.autor.id } : { comment_id: r.mensaje.idExterno };
  const campos: Record<string, string> = {
    recipient: JSON.stringify(recipient),
    message: JSON.stringify({ text: r.texto }),
    messaging_type: ventana.modo === "agente-humano" ? "MESSAGE_TAG" : "RESPONSE",
  };
  if (ventana.modo === "agente-humano") campos.tag = "HUMAN_AGENT";
  const datos = await m.cliente.post(`${m.nodo}/messages`, campos);
  const id = texto(datos, "message_id");
  if (!id)
    throw new ErrorRed(
      `${m.nombre} aceptó el mensaje privado pero no devolvió su identificador; revise la bandeja de la cuenta.`,
      "permanente",
    );
  return { idRemoto: id, url: "" };
}

/**
 * Was a lost private message sent? In a chat, our message with the same text is looked for among
 * the conversation's messages since the first send; a private reply to a comment opens a chat the
 * API does not link back to the comment, so a person checks it.
 */
export async function reconciliarPrivado(m: NodoMeta, r: RespuestaSaliente): Promise<Reconciliacion> {
  if (r.mensaje.canal !== "privado")
    return {
      estado: "desconocido",
      motivo: `${m.nombre} no enlaza la respuesta privada con el comentario: revise en la bandeja de la cuenta si el mensaje salió.`,
    };
  const desde = r.desde ? r.desde.getTime() - 5 * 60_000 : 0;
  const busqueda = await buscarEnEdge(
    m.cliente,
    `${r.mensaje.hilo}/messages`,
    { fields: "id,message,from,created_time", limit: MENSAJES },
    (item) =>
      autorDe(item.from, m.campoUsuario).id === m.nodo &&
      mismoTexto(cadena(item.message), r.texto) &&
      (instante(item.created_time)?.getTime() ?? 0) >= desde,
  );
  if (busqueda.estado === "encontrado") return { estado: "publicado", post: { idRemoto: String(busqueda.item.id), url: "" } };
  if (busqueda.estado === "ausente") return { estado: "no-publicado" };
  return {
    estado: "desconocido",
    motivo: `la respuesta no aparece entre los ${busqueda.leidos} mensajes leídos de la conversación`,
  };
}
