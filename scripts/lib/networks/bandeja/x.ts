import http from "node:http";
import { TwitterApi } from "twitter-api-v2";
import { contador, errorRed, type Plataforma } from "../http.ts";
import { REGISTRO } from "../index.ts";
import { traducirError, URL_X } from "../x.ts";
import type {
  FabricaBandeja,
  LecturaBandeja,
  MensajeEntrante,
  PostRemoto,
  Reconciliacion,
  RespuestaSaliente,
  VentanaRespuesta,
} from "../tipos.ts";
import { abierta, cerrada, escribirCursor, idMayor, leerCursor } from "./comun.ts";

/**
 * X inbox (API v2, OAuth 1.0a user context, through `twitter-api-v2` as the publisher):
 * - mentions: `GET /2/users/:id/mentions?since_id=…`
 *   (https://docs.x.com/x-api/posts/timelines/introduction), with the author expanded;
 * - the office's native replies: `GET /2/users/:id/tweets?since_id=…` (its posts that reply to another);
 * - direct messages: `GET /2/dm_events?event_types=MessageCreate` (the last 30 days, newest first,
 *   https://docs.x.com/x-api/direct-messages/lookup/integrate), read back to the last event filed;
 * - replies: `POST /2/tweets` with `reply.in_reply_to_tweet_id`, and
 *   `POST /2/dm_conversations/with/:participant_id/messages` for a private answer
 *   (https://docs.x.com/x-api/direct-messages/manage/introduction).
 * X charges per request, so reading is opt-in (`inquietudes.x.leer`) with a monthly budget of
 * requests (`inquietudes.x.presupuestoMensual`). The count of the month travels in the cursor,
 * which the inbox stores after each read: when it is spent, reading stops (what was read is kept)
 * and `avisos()` says so. Reconciling a lost reply reads one page of the account's posts (or the
 * DM conversation) since the first send, and is counted too.
 */

const { credenciales: VARIABLES_X, variableUrl } = REGISTRO.x;
const POR_PAGINA = 100;
/** Pages per source and run at most (the budget may stop earlier). */
const PAGINAS = 5;

interface CursorX {
  menciones: string;
  propios: string;
  dm: string;
  /** Month "AAAA-MM" (Bogotá) the count is for. */
  mes: string;
  gastadas: number;
}

interface TweetX {
  id: string;
  text: string;
  author_id?: string;
  created_at?: string;
  conversation_id?: string;
  in_reply_to_user_id?: string;
  referenced_tweets?: { type: string; id: string }[];
}
interface UsuarioX {
  id: string;
  username: string;
  name?: string;
}
interface EventoDm {
  id: string;
  event_type: string;
  text?: string;
  sender_id?: string;
  dm_conversation_id?: string;
  created_at?: string;
}
interface PaginaX<T> {
  data?: T[];
  includes?: { users?: UsuarioX[] };
  meta?: { next_token?: string; newest_id?: string; result_count?: number };
}

/** "AAAA-MM" in Bogotá (UTC-5 all year). */
const mesBogota = (d: Date): string => new Date(d.getTime() - 5 * 3_600_000).toISOString().slice(0, 7);

export const crearBandeja: FabricaBandeja = (ctx) => {
  const config = ctx.institucion.inquietudes?.x;
  if (!config?.leer) return undefined;
  const [appKey, appSecret, accessToken, accessSecret] = VARIABLES_X.map((n) => ctx.env[n]?.trim());
  if (!appKey || !appSecret || !accessToken || !accessSecret) return undefined;
  const cuenta = ctx.institucion.redes.x;
  if (!cuenta) return undefined;
  const presupuesto = config.presupuestoMensual;
  const base = (ctx.baseUrl ?? ctx.env[variableUrl] ?? URL_X).replace(/\/+$/, "");
  const agente = base.startsWith("http:") ? new http.Agent() : undefined;
  const cliente = new TwitterApi({ appKey, appSecret, accessToken, accessSecret }, agente ? { httpAgent: agente } : {});
  const peticion = { prefix: `${base}/2/`, timeout: ctx.timeoutMs ?? 30_000 };
  const plataforma: Plataforma = { nombre: "X", env: { ...ctx.env }, secretos: [appKey, appSecret, accessToken, accessSecret] };
  const usuario = cuenta.usuario.replace(/^@/, "");
  let usuarioId = cuenta.opciones.usuarioId || undefined;
  const cuentaSolicitudes = contador();
  const avisos: string[] = [];
  /** Requests of this month before this adapter started (from the cursor), for replies' budget. */
  let gastadasMes = 0;

  async function llamar<T>(accion: string, hacer: () => Promise<T>): Promise<T> {
    cuentaSolicitudes.sumar();
    gastadasMes++;
    try {
      return await hacer();
    } catch (error) {
      throw traducirError(error, accion, plataforma);
    }
  }

  async function yo(): Promise<string> {
    if (usuarioId) return usuarioId;
    const r = await llamar("leer la cuenta", () => cliente.get<{ data?: { id?: string } }>("users/me", undefined, peticion));
    if (!r.data?.id) throw errorRed(plataforma, "X no devolvió el id de la cuenta (GET /2/users/me).", "transitorio");
    usuarioId = r.data.id;
    return usuarioId;
  }

  const url = (autor: string, id: string): string => `https://x.com/${autor}/status/${id}`;

  function deTweet(t: TweetX, usuarios: Map<string, UsuarioX>, propio: boolean, id: string): MensajeEntrante {
    const autor = usuarios.get(t.author_id ?? "") ?? { id: t.author_id ?? "desconocido", username: t.author_id ?? "desconocido" };
    const respondeA = t.referenced_tweets?.find((r) => r.type === "replied_to")?.id;
    return {
      red: "x",
      idExterno: t.id,
      hilo: t.id,
      canal: t.in_reply_to_user_id === id ? "comentario" : "mencion",
      autor: { id: autor.id, usuario: autor.username, ...(autor.name ? { nombre: autor.name } : {}) },
      texto: t.text,
      enlace: url(propio ? usuario : autor.username, t.id),
      recibido: new Date(t.created_at ?? Date.now()),
      propio,
      ...(respondeA ? { respondeA } : {}),
    };
  }

  function ventana(r: Pick<RespuestaSaliente, "mensaje" | "privado">): VentanaRespuesta {
    if (r.mensaje.canal === "privado" && !r.privado)
      return cerrada("Es un mensaje directo de X: no tiene respuesta pública. Use /responder-privado.");
    if (r.privado && r.mensaje.canal !== "privado")
      return abierta(
        "X entrega el mensaje directo solo si la persona acepta mensajes de la cuenta; si lo rechaza, responda en público.",
      );
    return abierta(r.privado ? "Respuesta en la conversación directa de X." : "Respuesta pública en el hilo de X.");
  }

  return {
    red: "x",
    solicitudes: cuentaSolicitudes.total,
    avisos: () => avisos,
    ventana,

    async leer(cursor): Promise<LecturaBandeja> {
      const previo = leerCursor<CursorX>(cursor);
      const mes = mesBogota(new Date());
      gastadasMes = previo.mes === mes ? (previo.gastadas ?? 0) : 0;
      const inicio = gastadasMes;
      const mensajes: MensajeEntrante[] = [];
      let agotado = false;
      const hayPresupuesto = (): boolean => {
        if (gastadasMes < presupuesto) return true;
        if (!agotado)
          avisos.push(
            `X: se agotó el presupuesto de ${presupuesto} solicitudes de ${mes} (inquietudes.x.presupuestoMensual); lo que falta se leerá el próximo mes o al subir el presupuesto.`,
          );
        agotado = true;
        return false;
      };
      const nuevo = { menciones: previo.menciones, propios: previo.propios, dm: previo.dm };
      if (!hayPresupuesto()) return { mensajes, cursor: undefined };
      const id = await yo();

      /** A timeline read forward from since_id (X returns newest first; pages go back to since_id). */
      async function linea(ruta: string, desde: string | undefined, propio: boolean): Promise<string | undefined> {
        let siguiente: string | undefined;
        let mayor = desde;
        for (let p = 0; p < PAGINAS && hayPresupuesto(); p++) {
          const pagina = await llamar("leer las menciones", () =>
            cliente.get<PaginaX<TweetX>>(
              ruta,
              {
                max_results: desde ? POR_PAGINA : 20,
                "tweet.fields": "created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets",
                expansions: "author_id",
                "user.fields": "username,name",
                ...(desde ? { since_id: desde } : {}),
                ...(siguiente ? { pagination_token: siguiente } : {}),
              },
              peticion,
            ),
          );
          const usuarios = new Map((pagina.includes?.users ?? []).map((u) => [u.id, u]));
          for (const t of pagina.data ?? []) {
            if (propio && !t.referenced_tweets?.some((r) => r.type === "replied_to")) continue;
            mensajes.push(deTweet(t, usuarios, propio, id));
            mayor = idMayor(mayor, t.id);
          }
          siguiente = pagina.meta?.next_token;
          if (!siguiente || !desde) break;
        }
        return mayor;
      }

      nuevo.menciones = await linea(`users/${id}/mentions`, previo.menciones, false);
      nuevo.propios = await linea(`users/${id}/tweets`, previo.propios, true);

      // DMs: newest first, no since_id: read back until the last event filed.
      let siguiente: string | undefined;
      let mayorDm = previo.dm;
      for (let p = 0; p < PAGINAS && hayPresupuesto(); p++) {
        const pagina = await llamar("leer los mensajes directos", () =>
          cliente.get<PaginaX<EventoDm>>(
            "dm_events",
            {
              event_types: "MessageCreate",
              max_results: POR_PAGINA,
              "dm_event.fields": "id,text,event_type,created_at,sender_id,dm_conversation_id",
              expansions: "sender_id",
              "user.fields": "username,name",
              ...(siguiente ? { pagination_token: siguiente } : {}),
            },
            peticion,
          ),
        );
        const usuarios = new Map((pagina.includes?.users ?? []).map((u) => [u.id, u]));
        let alcanzado = false;
        for (const e of pagina.data ?? []) {
          if (previo.dm && BigInt(e.id) <= BigInt(previo.dm)) {
            alcanzado = true;
            continue;
          }
          const autor = usuarios.get(e.sender_id ?? "") ?? {
            id: e.sender_id ?? "desconocido",
            username: e.sender_id ?? "desconocido",
          };
          mensajes.push({
            red: "x",
            idExterno: e.id,
            hilo: `dm:${e.dm_conversation_id ?? autor.id}`,
            canal: "privado",
            autor: { id: autor.id, usuario: autor.username, ...(autor.name ? { nombre: autor.name } : {}) },
            texto: e.text ?? "",
            recibido: new Date(e.created_at ?? Date.now()),
            propio: e.sender_id === id,
          });
          mayorDm = idMayor(mayorDm, e.id);
        }
        siguiente = pagina.meta?.next_token;
        if (alcanzado || !siguiente || !previo.dm) break;
      }
      nuevo.dm = mayorDm;
      const cursorNuevo = { ...nuevo, mes, gastadas: gastadasMes };
      return { mensajes, cursor: gastadasMes !== inicio ? escribirCursor(cursorNuevo) : undefined };
    },

    async responder(r: RespuestaSaliente): Promise<PostRemoto> {
      const v = ventana(r);
      if (!v.permitida) throw errorRed(plataforma, v.explicacion, "permanente", { codigo: "ventana" });
      if (r.privado) {
        const enviado = await llamar("enviar el mensaje directo", () =>
          cliente.post<{ data?: { dm_event_id?: string; dm_conversation_id?: string } }>(
            `dm_conversations/with/${r.mensaje.autor.id}/messages`,
            { text: r.texto },
            peticion,
          ),
        );
        const idDm = enviado.data?.dm_event_id;
        if (!idDm) throw errorRed(plataforma, "X aceptó el mensaje directo pero no devolvió su identificador.", "permanente");
        return { idRemoto: idDm, url: "" };
      }
      const creado = await llamar("responder en el hilo", () =>
        cliente.post<{ data?: { id?: string } }>(
          "tweets",
          { text: r.texto, reply: { in_reply_to_tweet_id: r.mensaje.idExterno } },
          peticion,
        ),
      );
      const idPost = creado.data?.id;
      if (!idPost) throw errorRed(plataforma, "X aceptó la respuesta pero no devolvió su identificador.", "permanente");
      return { idRemoto: idPost, url: url(usuario, idPost) };
    },

    async reconciliarRespuesta(r: RespuestaSaliente): Promise<Reconciliacion> {
      const id = await yo();
      const desde = new Date((r.desde ?? new Date(Date.now() - 3_600_000)).getTime() - 5 * 60_000)
        .toISOString()
        .replace(/\.\d{3}Z$/, "Z");
      if (r.privado) {
        const pagina = await llamar("buscar el mensaje directo enviado", () =>
          cliente.get<PaginaX<EventoDm>>(
            `dm_conversations/with/${r.mensaje.autor.id}/dm_events`,
            { event_types: "MessageCreate", max_results: POR_PAGINA, "dm_event.fields": "id,text,sender_id,created_at" },
            peticion,
          ),
        );
        const hallado = (pagina.data ?? []).find(
          (e) => e.sender_id === id && e.text?.trim() === r.texto.trim() && Date.parse(e.created_at ?? "") >= Date.parse(desde),
        );
        return hallado ? { estado: "publicado", post: { idRemoto: hallado.id, url: "" } } : { estado: "no-publicado" };
      }
      const pagina = await llamar("buscar la respuesta enviada", () =>
        cliente.get<PaginaX<TweetX>>(
          `users/${id}/tweets`,
          { start_time: desde, max_results: 10, "tweet.fields": "referenced_tweets,created_at" },
          peticion,
        ),
      );
      const hallado = (pagina.data ?? []).find((t) =>
        t.referenced_tweets?.some((x) => x.type === "replied_to" && x.id === r.mensaje.idExterno),
      );
      return hallado
        ? { estado: "publicado", post: { idRemoto: hallado.id, url: url(usuario, hallado.id) } }
        : { estado: "no-publicado" };
    },
  };
};
