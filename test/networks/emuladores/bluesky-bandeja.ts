import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { CID } from "multiformats/cid";
import { create as digest } from "multiformats/hashes/digest";

/**
 * A local emulator of the Bluesky lexicons the inbox reader uses. Why not the real services of
 * `@atproto/dev-env`: notifications and author feeds come from the AppView, which dev-env starts
 * only with a PostgreSQL database and the indexing pipeline (too heavy for every test run on a
 * 2-core CI machine), and `chat.bsky.convo.*` is served by Bluesky's chat service, which is not
 * open source and which no dev-env network starts. So the lexicons are emulated here, as documented:
 * - com.atproto.server.createSession (https://docs.bsky.app/docs/api/com-atproto-server-create-session);
 * - app.bsky.notification.listNotifications: `reasons`, `limit`, `cursor`, newest first
 *   (https://docs.bsky.app/docs/api/app-bsky-notification-list-notifications);
 * - app.bsky.feed.getAuthorFeed with filter posts_with_replies (https://docs.bsky.app/docs/api/app-bsky-feed-get-author-feed);
 * - com.atproto.repo.getRecord / createRecord (a second create with the same rkey is refused);
 * - chat.bsky.convo.listConvos / getMessages / getConvoForMembers / sendMessage, accepted only with
 *   the header `atproto-proxy: did:web:api.bsky.chat#bsky_chat` (https://docs.bsky.app/docs/api/chat-bsky-convo-send-message).
 * Every request is recorded; anything else is answered 501 MethodNotImplemented and noted in `violaciones`.
 */

export const CUENTA_BLUESKY = {
  did: "did:plc:alcaldiacajica",
  handle: "alcaldia.cajica.test",
  displayName: "Alcaldía de Cajicá",
};
const PROXY_CHAT = "did:web:api.bsky.chat#bsky_chat";

export interface PerfilBluesky {
  did: string;
  handle: string;
  displayName?: string;
}

export interface PostBluesky {
  uri: string;
  cid: string;
  autor: PerfilBluesky;
  registro: {
    $type: "app.bsky.feed.post";
    text: string;
    createdAt: string;
    reply?: { root: { uri: string; cid: string }; parent: { uri: string; cid: string } };
  };
  indexado: string;
}

export interface MensajeChat {
  id: string;
  rev: string;
  text: string;
  sender: { did: string };
  sentAt: string;
}

export interface SolicitudBluesky {
  metodo: string;
  nsid: string;
  consulta: URLSearchParams;
  cuerpo: unknown;
  proxy?: string;
}

export interface EmuladorBlueskyBandeja {
  url: string;
  solicitudes: SolicitudBluesky[];
  violaciones: string[];
  posts: PostBluesky[];
  chats: Map<string, { miembros: PerfilBluesky[]; mensajes: MensajeChat[] }>;
  /** NSIDs requested, in order. */
  nsids(): string[];
  /** A post by the account (one of its publications). */
  publicar(texto: string): PostBluesky;
  /** A citizen replies to a post, mentions or quotes the account: a notification with that reason. */
  escribir(de: PerfilBluesky, texto: string, razon: "reply" | "mention" | "quote", padre?: PostBluesky): PostBluesky;
  /** A citizen writes in a chat with the account. */
  escribirChat(de: PerfilBluesky, texto: string): string;
  cerrar(): Promise<void>;
}

function cidDe(texto: string): string {
  return CID.createV1(0x71, digest(0x12, createHash("sha256").update(texto).digest())).toString();
}

export async function iniciarEmuladorBlueskyBandeja(clave = "clave-de-aplicacion-bluesky"): Promise<EmuladorBlueskyBandeja> {
  const solicitudes: SolicitudBluesky[] = [];
  const violaciones: string[] = [];
  const posts: PostBluesky[] = [];
  const notificaciones: { post: PostBluesky; razon: string }[] = [];
  const chats = new Map<string, { miembros: PerfilBluesky[]; mensajes: MensajeChat[] }>();
  const perfiles = new Map<string, PerfilBluesky>([[CUENTA_BLUESKY.did, CUENTA_BLUESKY]]);
  let n = 0;
  let reloj = Date.now() - 3_600_000;
  const instante = () => new Date((reloj += 1000)).toISOString();
  const rkey = () => `3l${(++n).toString(32).padStart(11, "a")}`;

  function crearPost(autor: PerfilBluesky, texto: string, padre?: PostBluesky, rkeyFija?: string): PostBluesky {
    const uri = `at://${autor.did}/app.bsky.feed.post/${rkeyFija ?? rkey()}`;
    const cuando = instante();
    const raiz = padre?.registro.reply?.root ?? (padre ? { uri: padre.uri, cid: padre.cid } : undefined);
    const p: PostBluesky = {
      uri,
      cid: cidDe(uri),
      autor,
      registro: {
        $type: "app.bsky.feed.post",
        text: texto,
        createdAt: cuando,
        ...(padre && raiz ? { reply: { root: raiz, parent: { uri: padre.uri, cid: padre.cid } } } : {}),
      },
      indexado: cuando,
    };
    posts.push(p);
    return p;
  }

  const vistaPost = (p: PostBluesky) => ({
    uri: p.uri,
    cid: p.cid,
    author: { did: p.autor.did, handle: p.autor.handle, ...(p.autor.displayName ? { displayName: p.autor.displayName } : {}) },
    record: p.registro,
    indexedAt: p.indexado,
  });
  const vistaMensaje = (m: MensajeChat) => ({ $type: "chat.bsky.convo.defs#messageView", ...m });
  const vistaConvo = (id: string) => {
    const c = chats.get(id)!;
    const ultimo = c.mensajes.at(-1);
    return {
      id,
      rev: ultimo?.rev ?? "0",
      members: c.miembros,
      ...(ultimo ? { lastMessage: vistaMensaje(ultimo) } : {}),
      muted: false,
      unreadCount: 0,
    };
  };
  const chatCon = (did: string): string => {
    const id = [...chats.entries()].find(([, c]) => c.miembros.some((m) => m.did === did))?.[0] ?? `convo${chats.size + 1}`;
    if (!chats.has(id))
      chats.set(id, { miembros: [CUENTA_BLUESKY, perfiles.get(did) ?? { did, handle: "desconocido.test" }], mensajes: [] });
    return id;
  };
  const nuevoMensaje = (convo: string, did: string, text: string): MensajeChat => {
    const m: MensajeChat = { id: `msg${++n}`, rev: String(n).padStart(6, "0"), text, sender: { did }, sentAt: instante() };
    chats.get(convo)!.mensajes.push(m);
    return m;
  };

  /** Newest first, `limit` per page, opaque cursor = offset. */
  function pagina<T>(items: T[], consulta: URLSearchParams): { items: T[]; cursor?: string } {
    const limite = Number(consulta.get("limit") ?? 50);
    const desde = Number(consulta.get("cursor") ?? 0);
    const trozo = items.slice(desde, desde + limite);
    return { items: trozo, ...(desde + limite < items.length ? { cursor: String(desde + limite) } : {}) };
  }

  function ejecutar(s: SolicitudBluesky, autorizado: boolean): [number, unknown] {
    if (s.nsid === "com.atproto.server.createSession") {
      const c = s.cuerpo as { identifier?: string; password?: string };
      if ((c.identifier !== CUENTA_BLUESKY.handle && c.identifier !== CUENTA_BLUESKY.did) || c.password !== clave)
        return [401, { error: "AuthenticationRequired", message: "Invalid identifier or password" }];
      return [
        200,
        {
          accessJwt: "acceso.jwt.prueba",
          refreshJwt: "refresco.jwt.prueba",
          did: CUENTA_BLUESKY.did,
          handle: CUENTA_BLUESKY.handle,
          active: true,
        },
      ];
    }
    if (!autorizado) return [401, { error: "AuthenticationRequired", message: "Authentication Required" }];
    if (s.nsid.startsWith("chat.bsky.") && s.proxy !== PROXY_CHAT) {
      violaciones.push(`${s.nsid} sin atproto-proxy ${PROXY_CHAT}`);
      return [501, { error: "MethodNotImplemented", message: "Method Not Implemented" }];
    }
    switch (s.nsid) {
      case "app.bsky.notification.listNotifications": {
        const razones = s.consulta.getAll("reasons");
        const lista = notificaciones.filter((x) => razones.length === 0 || razones.includes(x.razon)).reverse();
        const p = pagina(lista, s.consulta);
        return [
          200,
          {
            notifications: p.items.map((x) => ({ ...vistaPost(x.post), reason: x.razon, isRead: false })),
            ...(p.cursor ? { cursor: p.cursor } : {}),
          },
        ];
      }
      case "app.bsky.feed.getAuthorFeed": {
        const actor = s.consulta.get("actor");
        const filtro = s.consulta.get("filter") ?? "posts_with_replies";
        const lista = posts
          .filter((x) => x.autor.did === actor && (filtro === "posts_with_replies" || !x.registro.reply))
          .reverse();
        const p = pagina(lista, s.consulta);
        return [200, { feed: p.items.map((x) => ({ post: vistaPost(x) })), ...(p.cursor ? { cursor: p.cursor } : {}) }];
      }
      case "com.atproto.repo.getRecord": {
        const uri = `at://${s.consulta.get("repo")}/${s.consulta.get("collection")}/${s.consulta.get("rkey")}`;
        const p = posts.find((x) => x.uri === uri);
        if (!p) return [400, { error: "RecordNotFound", message: `Could not locate record: ${uri}` }];
        return [200, { uri: p.uri, cid: p.cid, value: p.registro }];
      }
      case "com.atproto.repo.createRecord": {
        const c = s.cuerpo as { repo?: string; collection?: string; rkey?: string; record?: PostBluesky["registro"] };
        if (c.repo !== CUENTA_BLUESKY.did || c.collection !== "app.bsky.feed.post" || !c.record?.text)
          return [400, { error: "InvalidRequest", message: "Invalid record" }];
        if (c.rkey && posts.some((x) => x.uri === `at://${c.repo}/${c.collection}/${c.rkey}`))
          return [500, { error: "InternalServerError", message: "Internal Server Error" }];
        const padre = c.record.reply ? posts.find((x) => x.uri === c.record!.reply!.parent.uri) : undefined;
        if (c.record.reply && !padre) return [400, { error: "InvalidRequest", message: "parent not found" }];
        const p = crearPost(CUENTA_BLUESKY, c.record.text, padre, c.rkey);
        return [200, { uri: p.uri, cid: p.cid }];
      }
      case "chat.bsky.convo.listConvos": {
        const lista = [...chats.keys()].map(vistaConvo).reverse();
        return [200, { convos: lista }];
      }
      case "chat.bsky.convo.getMessages": {
        const c = chats.get(s.consulta.get("convoId") ?? "");
        if (!c) return [400, { error: "InvalidRequest", message: "Convo not found" }];
        const p = pagina([...c.mensajes].reverse(), s.consulta);
        return [200, { messages: p.items.map(vistaMensaje), ...(p.cursor ? { cursor: p.cursor } : {}) }];
      }
      case "chat.bsky.convo.getConvoForMembers": {
        const miembros = s.consulta.getAll("members");
        if (miembros.length !== 1) return [400, { error: "InvalidRequest", message: "members" }];
        return [200, { convo: vistaConvo(chatCon(miembros[0]!)) }];
      }
      case "chat.bsky.convo.sendMessage": {
        const c = s.cuerpo as { convoId?: string; message?: { text?: string } };
        if (!c.convoId || !chats.has(c.convoId) || !c.message?.text)
          return [400, { error: "InvalidRequest", message: "Invalid message" }];
        return [200, vistaMensaje(nuevoMensaje(c.convoId, CUENTA_BLUESKY.did, c.message.text))];
      }
    }
    violaciones.push(`${s.metodo} ${s.nsid} no está emulado`);
    return [501, { error: "MethodNotImplemented", message: "Method Not Implemented" }];
  }

  const servidor = http.createServer((req, res) => {
    const trozos: Buffer[] = [];
    req.on("data", (t: Buffer) => trozos.push(t));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const crudo = Buffer.concat(trozos).toString("utf8");
      const proxy = req.headers["atproto-proxy"];
      const s: SolicitudBluesky = {
        metodo: req.method ?? "GET",
        nsid: url.pathname.replace(/^\/xrpc\//, ""),
        consulta: url.searchParams,
        cuerpo: crudo ? (JSON.parse(crudo) as unknown) : {},
        ...(typeof proxy === "string" ? { proxy } : {}),
      };
      solicitudes.push(s);
      const [estado, cuerpo] = ejecutar(s, req.headers.authorization === "Bearer acceso.jwt.prueba");
      res.writeHead(estado, { "content-type": "application/json" });
      res.end(JSON.stringify(cuerpo));
    });
  });
  await new Promise<void>((listo) => servidor.listen(0, "127.0.0.1", listo));
  const { port } = servidor.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    solicitudes,
    violaciones,
    posts,
    chats,
    nsids: () => solicitudes.map((s) => s.nsid),
    publicar: (texto) => crearPost(CUENTA_BLUESKY, texto),
    escribir(de, texto, razon, padre) {
      perfiles.set(de.did, de);
      const p = crearPost(
        de,
        razon === "reply" ? texto : `@${CUENTA_BLUESKY.handle} ${texto}`,
        razon === "reply" ? padre : undefined,
      );
      notificaciones.push({ post: p, razon });
      return p;
    },
    escribirChat(de, texto) {
      perfiles.set(de.did, de);
      const convo = chatCon(de.did);
      nuevoMensaje(convo, de.did, texto);
      return convo;
    },
    cerrar: () =>
      new Promise<void>((listo) => {
        servidor.closeAllConnections();
        servidor.close(() => listo());
      }),
  };
}
