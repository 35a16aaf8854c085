import { createRestAPIClient, type mastodon } from "masto";
import { contador, errorRed, type Plataforma } from "../http.ts";
import { REGISTRO } from "../index.ts";
import { traducirError } from "../mastodon.ts";
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
 * Mastodon inbox (REST API through `masto`, https://docs.joinmastodon.org/methods/notifications/):
 * - `GET /api/v1/notifications?types[]=mention&include_filtered=true&min_id=…`: mentions, replies
 *   and direct messages (a direct status is a mention with visibility "direct"). With
 *   `include_filtered` the mentions that the notification policy holds back as notification
 *   requests from strangers (Mastodon 4.3, https://docs.joinmastodon.org/methods/notifications/#get,
 *   https://docs.joinmastodon.org/methods/notifications/#get-requests) are read too: no citizen is
 *   left unread because the office does not follow them.
 * - The office's native replies: `GET /api/v1/accounts/:id/statuses?min_id=…` (its own statuses
 *   with `in_reply_to_id`), filed `propio` in the conversation of the status they answer.
 * - Replies: `POST /api/v1/statuses` with `in_reply_to_id`, the author's @acct first, visibility
 *   "public" or "direct" for a private answer, and `Idempotency-Key: <clave>`
 *   (https://docs.joinmastodon.org/methods/statuses/#create). Reconciliation looks for our reply
 *   among the account's statuses and otherwise resends with the same key (the instance returns the
 *   status already made within the key's hour).
 */

const { nombre: NOMBRE, credenciales, variableUrl: VARIABLE_INSTANCIA } = REGISTRO.mastodon;
const VARIABLE_TOKEN = credenciales[0]!;
const POR_PAGINA = 40;
const PAGINAS = 10;

interface CursorMastodon {
  /** min_id for notifications. */
  notificacion: string;
  /** min_id for the account's own statuses. */
  propio: string;
}

/** Plain text of a status' HTML content (paragraphs and line breaks kept). */
export function textoPlano(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/p>\s*<p>/gi, "\n\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
}

export const crearBandeja: FabricaBandeja = (ctx) => {
  const token = ctx.env[VARIABLE_TOKEN];
  if (!token) return undefined;
  const opcion = ctx.institucion.redes.mastodon?.opciones.instancia;
  const instancia = (ctx.baseUrl ?? ctx.env[VARIABLE_INSTANCIA] ?? (typeof opcion === "string" ? opcion : undefined))?.trim();
  if (!instancia || !URL.canParse(instancia)) return undefined;
  const env = ctx.env;
  const plataforma: Plataforma = { nombre: NOMBRE, env };
  const cuenta = contador();
  const cliente = createRestAPIClient({ url: instancia, accessToken: token, timeout: ctx.timeoutMs ?? 30_000, log: "error" });
  let propia: Promise<string> | undefined;

  async function paso<T>(accion: string, hacer: (c: mastodon.rest.Client) => Promise<T>): Promise<T> {
    cuenta.sumar();
    try {
      return await hacer(cliente);
    } catch (error) {
      throw traducirError(error, accion, env);
    }
  }

  /** The account's id (one verify_credentials per run). */
  function cuentaPropia(): Promise<string> {
    propia ??= paso("leer la cuenta", (c) => c.v1.accounts.verifyCredentials()).then((a) => a.id);
    propia.catch(() => {
      propia = undefined;
    });
    return propia;
  }

  function mensajeDe(s: mastodon.v1.Status, propio: boolean, yo: string): MensajeEntrante {
    const canal = s.visibility === "direct" ? "privado" : s.inReplyToAccountId === yo ? "comentario" : "mencion";
    return {
      red: "mastodon",
      idExterno: s.id,
      hilo: s.id,
      canal,
      autor: { id: s.account.id, usuario: s.account.acct, ...(s.account.displayName ? { nombre: s.account.displayName } : {}) },
      texto: textoPlano(s.content),
      ...(s.url ? { enlace: s.url } : {}),
      recibido: new Date(s.createdAt),
      propio,
      ...(s.inReplyToId ? { respondeA: s.inReplyToId } : {}),
    };
  }

  /** Pages forward from min_id (each page is the oldest ones newer than it), at most PAGINAS. */
  async function adelante<T extends { id: string }>(
    desde: string | undefined,
    leerPagina: (minId: string | undefined) => Promise<T[]>,
  ): Promise<{ items: T[]; ultimo?: string }> {
    const items: T[] = [];
    let ultimo = desde;
    for (let i = 0; i < PAGINAS; i++) {
      const pagina = await leerPagina(ultimo);
      if (pagina.length === 0) break;
      items.push(...pagina);
      ultimo = pagina.reduce<string | undefined>((a, x) => idMayor(a, x.id), ultimo);
      if (pagina.length < POR_PAGINA || desde === undefined) break;
    }
    return { items, ultimo };
  }

  function ventana(r: Pick<RespuestaSaliente, "mensaje" | "privado">): VentanaRespuesta {
    if (r.mensaje.canal === "privado" && !r.privado)
      return cerrada("Es un mensaje directo de Mastodon: responderlo en público lo expondría. Use /responder-privado.");
    return abierta(
      r.privado
        ? "Respuesta directa (visibilidad «directa»): solo la ve la persona mencionada."
        : "Respuesta pública en el hilo, mencionando a la persona.",
    );
  }

  const postDe = (s: mastodon.v1.Status): PostRemoto => ({ idRemoto: s.id, url: s.url ?? s.uri });

  function enviar(r: RespuestaSaliente): Promise<PostRemoto> {
    const v = ventana(r);
    if (!v.permitida) return Promise.reject(errorRed(plataforma, v.explicacion, "permanente", { codigo: "ventana" }));
    return paso("enviar la respuesta", (c) =>
      c.v1.statuses.create(
        {
          status: `@${r.mensaje.autor.usuario} ${r.texto}`,
          inReplyToId: r.mensaje.idExterno,
          visibility: r.privado ? "direct" : "public",
          language: "es",
        },
        { requestInit: { headers: { "Idempotency-Key": r.clave } } },
      ),
    ).then(postDe);
  }

  return {
    red: "mastodon",
    solicitudes: cuenta.total,

    async leer(cursor): Promise<LecturaBandeja> {
      const previo = leerCursor<CursorMastodon>(cursor);
      const yo = await cuentaPropia();
      const notificaciones = await adelante(previo.notificacion, (minId) =>
        paso(
          "leer las menciones",
          async (c) =>
            await c.v1.notifications.list({
              types: ["mention"],
              limit: POR_PAGINA,
              ...(minId ? { minId } : {}),
              // Mastodon 4.3: include what the notification policy filtered (requests from strangers).
              ...({ includeFiltered: true } as object),
            }),
        ),
      );
      const propios = await adelante(previo.propio, (minId) =>
        paso(
          "leer las respuestas de la cuenta",
          async (c) =>
            await c.v1.accounts
              .$select(yo)
              .statuses.list({ limit: POR_PAGINA, excludeReblogs: true, ...(minId ? { minId } : {}) }),
        ),
      );
      const mensajes = [
        ...notificaciones.items.flatMap((n) => (n.type === "mention" && n.status ? [mensajeDe(n.status, false, yo)] : [])),
        ...propios.items.filter((s) => s.inReplyToId).map((s) => mensajeDe(s, true, yo)),
      ];
      const nuevo = { notificacion: notificaciones.ultimo, propio: propios.ultimo };
      const cambio = nuevo.notificacion !== previo.notificacion || nuevo.propio !== previo.propio;
      return { mensajes, cursor: cambio ? escribirCursor(nuevo) : undefined };
    },

    ventana,

    responder: enviar,

    async reconciliarRespuesta(r: RespuestaSaliente): Promise<Reconciliacion> {
      const yo = await cuentaPropia();
      const recientes = await paso(
        "leer las respuestas de la cuenta",
        async (c) => await c.v1.accounts.$select(yo).statuses.list({ limit: POR_PAGINA, excludeReblogs: true }),
      );
      const hallada = recientes.find(
        (s) => s.inReplyToId === r.mensaje.idExterno && textoPlano(s.content).includes(r.texto.trim()),
      );
      if (hallada) return { estado: "publicado", post: postDe(hallada) };
      // Same request, same Idempotency-Key: within the key's hour the instance returns the status already made.
      return { estado: "publicado", post: await enviar(r) };
    },
  };
};
