import { AtpAgent, AtUri, XRPCError, type AppBskyFeedPost } from "@atproto/api";
import { contador, errorRed, fetchContado, type Plataforma } from "../http.ts";
import { REGISTRO } from "../index.ts";
import { facetasDe, rkeyDe, traducirError } from "../bluesky.ts";
import type {
  FabricaBandeja,
  LecturaBandeja,
  MensajeEntrante,
  PostRemoto,
  Reconciliacion,
  RespuestaSaliente,
  VentanaRespuesta,
} from "../tipos.ts";
import { abierta, cerrada, desdeIncluido, escribirCursor, leerCursor, masReciente, mismoTexto } from "./comun.ts";

/**
 * Bluesky inbox (AT Protocol through `@atproto/api`):
 * - `app.bsky.notification.listNotifications` with `reasons: [reply, mention, quote]`, newest
 *   first, read back to the last instant filed
 *   (https://docs.bsky.app/docs/api/app-bsky-notification-list-notifications);
 * - the office's native replies: `app.bsky.feed.getAuthorFeed` (filter posts_with_replies) of the
 *   account, its posts with `reply.parent` (https://docs.bsky.app/docs/api/app-bsky-feed-get-author-feed);
 * - chat: `chat.bsky.convo.listConvos` / `getMessages` / `getConvoForMembers` / `sendMessage`,
 *   through the PDS with the header `atproto-proxy: did:web:api.bsky.chat#bsky_chat`
 *   (https://docs.bsky.app/docs/api/chat-bsky-convo-send-message); the app password must allow
 *   direct messages;
 * - public reply: an `app.bsky.feed.post` with `reply: {root, parent}` (root: the parent's root,
 *   or the parent itself) created under a record key fixed from the command's key (rkeyDe, as the
 *   publisher): a second create is refused, and reconciliation reads that record. A chat message
 *   has no such key: a lost one is looked for in the conversation by text since the first send.
 */

const { nombre: NOMBRE, credenciales, variableUrl: VARIABLE_SERVICIO } = REGISTRO.bluesky;
const [VARIABLE_IDENTIFICADOR, VARIABLE_CLAVE] = credenciales as readonly [string, string];
const SERVICIO_PREDETERMINADO = "https://bsky.social";
const CHAT = "did:web:api.bsky.chat";
const COLECCION = "app.bsky.feed.post";
const POR_PAGINA = 50;
const PAGINAS = 5;

interface CursorBluesky {
  notificaciones: string;
  propios: string;
  chat: string;
}

const enlaceDe = (uri: string, handle: string): string => `https://bsky.app/profile/${handle}/post/${new AtUri(uri).rkey}`;

export const crearBandeja: FabricaBandeja = (ctx) => {
  const env = ctx.env;
  const opciones = ctx.institucion.redes.bluesky?.opciones ?? {};
  const identificador = env[VARIABLE_IDENTIFICADOR] || opciones.identificador;
  const clave = env[VARIABLE_CLAVE];
  if (!identificador || !clave) return undefined;
  const servicio = ctx.baseUrl ?? (env[VARIABLE_SERVICIO] || opciones.servicio || SERVICIO_PREDETERMINADO);
  const plataforma: Plataforma = { nombre: NOMBRE, env };
  const cuenta = contador();
  const conTiempo = fetchContado(ctx.fetch ?? globalThis.fetch, cuenta, ctx.timeoutMs ?? 30_000);
  let agente: Promise<AtpAgent> | undefined;

  /** One login per run (the inbox runs far less often than the publisher keeps its session for). */
  function sesion(): Promise<AtpAgent> {
    agente ??= (async () => {
      const a = new AtpAgent({ service: servicio, fetch: conTiempo });
      try {
        await a.login({ identifier: identificador!, password: clave! });
      } catch (error) {
        throw traducirError(error, "iniciar sesión", env);
      }
      return a;
    })();
    agente.catch(() => {
      agente = undefined;
    });
    return agente;
  }

  async function paso<T>(accion: string, hacer: () => Promise<T>): Promise<T> {
    try {
      return await hacer();
    } catch (error) {
      throw traducirError(error, accion, env);
    }
  }

  const did = (a: AtpAgent): string => {
    if (!a.session) throw errorRed(plataforma, `${NOMBRE} no devolvió una sesión. Se reintentará.`, "transitorio");
    return a.session.did;
  };
  const chat = (a: AtpAgent) => a.withProxy("bsky_chat", CHAT);

  function ventana(r: Pick<RespuestaSaliente, "mensaje" | "privado">): VentanaRespuesta {
    if (r.mensaje.canal === "privado" && !r.privado)
      return cerrada("Es un chat de Bluesky: no tiene respuesta pública. Use /responder-privado.");
    if (r.privado && r.mensaje.canal !== "privado")
      return abierta("Bluesky entrega el chat solo si la persona acepta mensajes de la cuenta; si no, responda en público.");
    return abierta(r.privado ? "Respuesta en el chat de Bluesky." : "Respuesta pública en el hilo de Bluesky.");
  }

  function deRegistro(
    uri: string,
    registro: unknown,
    autor: { did: string; handle: string; displayName?: string },
    cuando: string,
    propio: boolean,
    canal: MensajeEntrante["canal"],
  ): MensajeEntrante {
    const valor = (registro ?? {}) as Partial<AppBskyFeedPost.Record>;
    const padre = valor.reply?.parent?.uri;
    return {
      red: "bluesky",
      idExterno: uri,
      hilo: uri,
      canal,
      autor: { id: autor.did, usuario: autor.handle, ...(autor.displayName ? { nombre: autor.displayName } : {}) },
      texto: typeof valor.text === "string" ? valor.text : "",
      enlace: enlaceDe(uri, autor.handle),
      recibido: new Date(valor.createdAt ?? cuando),
      propio,
      ...(padre ? { respondeA: padre } : {}),
    };
  }

  async function buscarChat(a: AtpAgent, miembro: string): Promise<string> {
    const r = await paso("abrir el chat", () => chat(a).chat.bsky.convo.getConvoForMembers({ members: [miembro] }));
    return r.data.convo.id;
  }

  return {
    red: "bluesky",
    solicitudes: cuenta.total,
    ventana,

    async leer(cursor): Promise<LecturaBandeja> {
      const previo = leerCursor<CursorBluesky>(cursor);
      const a = await sesion();
      const yo = did(a);
      const mensajes: MensajeEntrante[] = [];
      const nuevo = { ...previo };

      let pagina: string | undefined;
      for (let p = 0; p < PAGINAS; p++) {
        const r = await paso("leer las notificaciones", () =>
          a.app.bsky.notification.listNotifications({
            reasons: ["reply", "mention", "quote"],
            limit: POR_PAGINA,
            cursor: pagina,
          }),
        );
        let antiguas = false;
        for (const n of r.data.notifications) {
          if (!desdeIncluido(n.indexedAt, previo.notificaciones)) {
            antiguas = true;
            continue;
          }
          if (!["reply", "mention", "quote"].includes(n.reason)) continue;
          mensajes.push(
            deRegistro(n.uri, n.record, n.author, n.indexedAt, false, n.reason === "reply" ? "comentario" : "mencion"),
          );
          nuevo.notificaciones = masReciente(nuevo.notificaciones, n.indexedAt);
        }
        pagina = r.data.cursor;
        if (antiguas || !pagina || !previo.notificaciones) break;
      }

      pagina = undefined;
      for (let p = 0; p < PAGINAS; p++) {
        const r = await paso("leer las respuestas de la cuenta", () =>
          a.app.bsky.feed.getAuthorFeed({ actor: yo, filter: "posts_with_replies", limit: POR_PAGINA, cursor: pagina }),
        );
        let antiguas = false;
        for (const item of r.data.feed) {
          const post = item.post;
          if (post.author.did !== yo || item.reason) continue;
          if (!desdeIncluido(post.indexedAt, previo.propios)) {
            antiguas = true;
            continue;
          }
          nuevo.propios = masReciente(nuevo.propios, post.indexedAt);
          if (!(post.record as Partial<AppBskyFeedPost.Record>).reply) continue;
          mensajes.push(deRegistro(post.uri, post.record, post.author, post.indexedAt, true, "comentario"));
        }
        pagina = r.data.cursor;
        if (antiguas || !pagina || !previo.propios) break;
      }

      const conversaciones = await paso("leer los chats", () => chat(a).chat.bsky.convo.listConvos({ limit: POR_PAGINA }));
      for (const convo of conversaciones.data.convos) {
        const ultimo = (convo.lastMessage ?? {}) as { sentAt?: string };
        if (!ultimo.sentAt || !desdeIncluido(ultimo.sentAt, previo.chat)) continue;
        const miembros = new Map(convo.members.map((m) => [m.did, m]));
        const r = await paso("leer el chat", () => chat(a).chat.bsky.convo.getMessages({ convoId: convo.id, limit: POR_PAGINA }));
        for (const m of r.data.messages) {
          const v = m as { $type?: string; id?: string; text?: string; sentAt?: string; sender?: { did: string } };
          if (!v.id || !v.sentAt || typeof v.text !== "string" || !v.sender) continue;
          if (!desdeIncluido(v.sentAt, previo.chat)) continue;
          const perfil = miembros.get(v.sender.did);
          mensajes.push({
            red: "bluesky",
            idExterno: `chat:${convo.id}:${v.id}`,
            hilo: `chat:${convo.id}`,
            canal: "privado",
            autor: {
              id: v.sender.did,
              usuario: perfil?.handle ?? v.sender.did,
              ...(perfil?.displayName ? { nombre: perfil.displayName } : {}),
            },
            texto: v.text,
            recibido: new Date(v.sentAt),
            propio: v.sender.did === yo,
          });
          nuevo.chat = masReciente(nuevo.chat, v.sentAt);
        }
      }

      const cambio =
        nuevo.notificaciones !== previo.notificaciones || nuevo.propios !== previo.propios || nuevo.chat !== previo.chat;
      return { mensajes, cursor: cambio ? escribirCursor(nuevo) : undefined };
    },

    async responder(r: RespuestaSaliente): Promise<PostRemoto> {
      const v = ventana(r);
      if (!v.permitida) throw errorRed(plataforma, v.explicacion, "permanente", { codigo: "ventana" });
      const a = await sesion();
      const yo = did(a);
      if (r.privado) {
        const convoId = await buscarChat(a, r.mensaje.autor.id);
        const enviado = await paso("enviar el mensaje del chat", () =>
          chat(a).chat.bsky.convo.sendMessage({ convoId, message: { text: r.texto } }),
        );
        return { idRemoto: `chat:${convoId}:${enviado.data.id}`, url: "" };
      }
      const padreUri = new AtUri(r.mensaje.idExterno);
      const padre = await paso("leer la publicación a responder", () =>
        a.com.atproto.repo.getRecord({ repo: padreUri.host, collection: COLECCION, rkey: padreUri.rkey }),
      );
      if (!padre.data.cid) throw errorRed(plataforma, "La publicación a responder ya no existe en Bluesky.", "permanente");
      const ref = { uri: padre.data.uri, cid: padre.data.cid };
      const raiz = (padre.data.value as Partial<AppBskyFeedPost.Record>).reply?.root ?? ref;
      const registro: AppBskyFeedPost.Record = {
        $type: COLECCION,
        text: r.texto,
        facets: facetasDe(r.texto),
        langs: ["es"],
        reply: { root: { uri: raiz.uri, cid: raiz.cid }, parent: ref },
        createdAt: new Date().toISOString(),
      };
      const rkey = rkeyDe(r.clave);
      try {
        const creado = await a.com.atproto.repo.createRecord({ repo: yo, collection: COLECCION, rkey, record: { ...registro } });
        return { idRemoto: creado.data.uri, url: enlaceDe(creado.data.uri, a.session?.handle ?? yo) };
      } catch (error) {
        const traducido = traducirError(error, "responder", env);
        const existente = await a.com.atproto.repo.getRecord({ repo: yo, collection: COLECCION, rkey }).catch(() => undefined);
        if (existente) return { idRemoto: existente.data.uri, url: enlaceDe(existente.data.uri, a.session?.handle ?? yo) };
        throw traducido;
      }
    },

    async reconciliarRespuesta(r: RespuestaSaliente): Promise<Reconciliacion> {
      const a = await sesion();
      const yo = did(a);
      if (r.privado) {
        const convoId = await buscarChat(a, r.mensaje.autor.id);
        const mensajes = await paso("leer el chat", () => chat(a).chat.bsky.convo.getMessages({ convoId, limit: POR_PAGINA }));
        const desde = r.desde ? r.desde.getTime() - 5 * 60_000 : 0;
        const hallado = mensajes.data.messages.find((m) => {
          const v = m as { id?: string; text?: string; sentAt?: string; sender?: { did: string } };
          return v.sender?.did === yo && mismoTexto(v.text, r.texto) && Date.parse(v.sentAt ?? "") >= desde;
        }) as { id: string } | undefined;
        return hallado
          ? { estado: "publicado", post: { idRemoto: `chat:${convoId}:${hallado.id}`, url: "" } }
          : { estado: "no-publicado" };
      }
      try {
        const existente = await a.com.atproto.repo.getRecord({ repo: yo, collection: COLECCION, rkey: rkeyDe(r.clave) });
        return {
          estado: "publicado",
          post: { idRemoto: existente.data.uri, url: enlaceDe(existente.data.uri, a.session?.handle ?? yo) },
        };
      } catch (error) {
        if (error instanceof XRPCError && error.error === "RecordNotFound") return { estado: "no-publicado" };
        throw traducirError(error, "leer la respuesta", env);
      }
    },
  };
};
