import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local Mastodon instance for tests: a node:http server that implements the part of the REST
 * contract the publisher uses, as documented at docs.joinmastodon.org:
 *
 * - POST /api/v2/media (multipart: file, description, focus, thumbnail): 200 with `url`, or 202
 *   with `url: null` while processing; GET /api/v1/media/:id answers 206 until processed, then 200.
 * - POST /api/v1/statuses (JSON) with Idempotency-Key: the same key from the same account within
 *   its lifetime (one hour, as Mastodon keeps it in Redis) returns the status already made.
 *   Unprocessed media → 422 "Cannot attach files that have not finished processing...".
 * - GET /api/v1/statuses/:id, GET /api/v1/statuses/:id/source, PUT /api/v1/statuses/:id (edit).
 * - GET /api/v1/accounts/verify_credentials, GET /api/v1/accounts/:id/statuses (newest first).
 * - Statuses carry replies_count, reblogs_count, favourites_count and quotes_count, accounts
 *   followers_count, following_count and statuses_count (entities/Status, entities/Account).
 * - Errors as Mastodon returns them: {"error": "..."} (and error_description for OAuth errors).
 * - Inbox (docs.joinmastodon.org/methods/notifications/#get): GET /api/v1/notifications with
 *   types[], min_id, limit and include_filtered (Mastodon 4.3: mentions the notification policy
 *   filters, the «notification requests» from strangers, are listed only with include_filtered=true);
 *   statuses keep in_reply_to_id / in_reply_to_account_id (entities/Status); GET
 *   /api/v1/accounts/:id/statuses honours min_id (the oldest page newer than it, newest first).
 *   `mencionar` seeds what a citizen writes from another account.
 *
 * Every request is logged (`registro`); anything off-contract (unknown route, unknown field,
 * missing or bad token, wrong content type) is answered with an error and added to
 * `violaciones`, so tests assert both the exact request list and that no violation happened.
 */

export interface SolicitudMastodon {
  metodo: string;
  /** Path without query string, e.g. "/api/v1/statuses". */
  ruta: string;
  consulta: Record<string, string>;
  /** Bearer token sent, if any. */
  token?: string;
  idempotencia?: string;
  /** Parsed body: JSON object, or the multipart fields (file as {nombre, tipo, bytes}). */
  cuerpo: Record<string, unknown>;
  /** Status code answered (0 when the connection was cut). */
  estado: number;
}

export interface StatusEmulado {
  id: string;
  cuenta: string;
  texto: string;
  mediaIds: string[];
  visibilidad: string;
  idioma: string | null;
  creado: string;
  editado: string | null;
  ediciones: number;
  /** in_reply_to_id (entities/Status). */
  enRespuestaA?: string;
  /** Counts the instance shows on the status (Status entity: replies_count, reblogs_count, favourites_count, quotes_count); 0 when unset. */
  cifras?: { replies_count?: number; reblogs_count?: number; favourites_count?: number; quotes_count?: number };
}

/** A file received in a multipart body. */
export interface ArchivoPerfil {
  nombre: string;
  tipo: string;
  bytes: number;
}

interface MedioEmulado {
  id: string;
  cuenta: string;
  nombre: string;
  tipo: string;
  bytes: number;
  descripcion: string | null;
  /** Remaining polls answered with 206 before the file is processed. */
  pendientes: number;
  statusId: string | null;
}

/** A scripted fault for the next matching request(s). */
export interface Falla {
  metodo: string;
  /** Exact path or a pattern. */
  ruta: string | RegExp;
  /** How many matching requests it applies to (default 1). */
  veces?: number;
  /**
   * "respuesta": answer with `estado`, `cuerpo`, `cabeceras` without processing;
   * "cortar-antes": drop the connection without processing (network error);
   * "cortar-despues": process the request normally, then drop the connection (lost outcome);
   * "demorar": wait `retrasoMs` before processing normally (for timeouts).
   */
  tipo: "respuesta" | "cortar-antes" | "cortar-despues" | "demorar";
  estado?: number;
  cuerpo?: unknown;
  cabeceras?: Record<string, string>;
  retrasoMs?: number;
}

export interface CuentaEmulada {
  token: string;
  usuario: string;
}

export interface OpcionesEmuladorMastodon {
  cuentas?: CuentaEmulada[];
  /** GET polls needed before an uploaded image is processed: 0 = answered 200 at once, k > 0 = 202 then k polls. */
  procesamiento?: number;
  /** Idempotency-Key lifetime in ms (Mastodon: 3600 s). */
  vidaClaveMs?: number;
}

export interface EmuladorMastodon {
  url: string;
  /** Token of the first account. */
  token: string;
  registro: SolicitudMastodon[];
  violaciones: string[];
  estados: StatusEmulado[];
  medios: MedioEmulado[];
  /** "METHOD /path" of every request, in order. */
  rutas(): string[];
  fallar(falla: Falla): void;
  /** Moves the emulator's clock forward (idempotency keys expire). */
  adelantarReloj(ms: number): void;
  /** Changes the media processing delay for later uploads. */
  fijarProcesamiento(polls: number): void;
  /** followers_count each account reports (Account entity), by username; 0 when unset. */
  seguidores: Map<string, number>;
  /**
   * A citizen's status mentioning the first account (a notification of type mention): public,
   * unlisted or direct, optionally replying to another status; `filtrada` when the notification
   * policy holds it as a request from a stranger.
   */
  mencionar(
    de: string,
    texto: string,
    opciones?: { visibilidad?: string; enRespuestaA?: string; filtrada?: boolean },
  ): StatusEmulado;
  /** Avatar and header each account set with PATCH /api/v1/accounts/update_credentials (file name, type, bytes). */
  perfiles: Map<string, { avatar?: ArchivoPerfil; header?: ArchivoPerfil }>;
  cerrar(): Promise<void>;
}

const CAMPOS_STATUS = new Set([
  "status",
  "media_ids",
  "visibility",
  "language",
  "in_reply_to_id",
  "sensitive",
  "spoiler_text",
  "poll",
  "scheduled_at",
  "quoted_status_id",
]);
// skip_polling is masto's client-side flag sent along; Mastodon ignores unknown multipart params.
const CAMPOS_MEDIO = new Set(["file", "description", "focus", "thumbnail", "skip_polling"]);

class RespuestaError extends Error {
  readonly estado: number;
  readonly cuerpo: Record<string, unknown>;
  constructor(estado: number, cuerpo: Record<string, unknown>) {
    super(String(cuerpo.error));
    this.estado = estado;
    this.cuerpo = cuerpo;
  }
}

function escapar(texto: string): string {
  return texto.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Renders status text as Mastodon does: paragraphs, <br>, and links as anchors. */
function html(texto: string): string {
  return texto
    .split(/\n{2,}/)
    .map((parrafo) => {
      const partes = parrafo.split(/(https?:\/\/[^\s]+)/g);
      const cuerpo = partes
        .map((parte, i) =>
          i % 2 === 1
            ? `<a href="${escapar(parte)}" rel="nofollow noopener" target="_blank">${escapar(parte)}</a>`
            : escapar(parte),
        )
        .join("")
        .replace(/\n/g, "<br />");
      return `<p>${cuerpo}</p>`;
    })
    .join("");
}

/** Mastodon counts every URL as 23 characters. */
function largoMastodon(texto: string): number {
  return [...texto.replace(/https?:\/\/[^\s]+/g, "x".repeat(23))].length;
}

export async function iniciarEmuladorMastodon(opciones: OpcionesEmuladorMastodon = {}): Promise<EmuladorMastodon> {
  const cuentas = opciones.cuentas ?? [{ token: "token-de-prueba-mastodon-123456", usuario: "cajica" }];
  const vidaClaveMs = opciones.vidaClaveMs ?? 3_600_000;
  let procesamiento = opciones.procesamiento ?? 0;
  let desfase = 0;
  const ahora = () => Date.now() + desfase;
  let secuencia = 110_000_000_000_000_000n;
  const nuevoId = () => (++secuencia).toString();

  const registro: SolicitudMastodon[] = [];
  const violaciones: string[] = [];
  const estados: StatusEmulado[] = [];
  const medios: MedioEmulado[] = [];
  const fallas: Falla[] = [];
  const claves = new Map<string, { statusId: string; en: number }>();
  const seguidores = new Map<string, number>();
  const perfiles = new Map<string, { avatar?: ArchivoPerfil; header?: ArchivoPerfil }>();
  const notificaciones: { id: string; statusId: string; filtrada: boolean }[] = [];
  let base = "";

  const idCuenta = (usuario: string) => String(cuentas.findIndex((c) => c.usuario === usuario) + 1);

  const cuentaJson = (usuario: string) => ({
    id: idCuenta(usuario),
    username: usuario,
    acct: usuario,
    display_name: "Alcaldía de Cajicá",
    url: `${base}/@${usuario}`,
    followers_count: seguidores.get(usuario) ?? 0,
    following_count: 0,
    statuses_count: estados.filter((e) => e.cuenta === usuario).length,
  });

  const medioJson = (m: MedioEmulado) => ({
    id: m.id,
    type: "image",
    url: m.pendientes > 0 ? null : `${base}/system/media_attachments/${m.id}/original/${m.nombre}`,
    preview_url: `${base}/system/media_attachments/${m.id}/small/${m.nombre}`,
    remote_url: null,
    description: m.descripcion,
    blurhash: null,
    meta: {},
  });

  const statusJson = (s: StatusEmulado) => ({
    id: s.id,
    uri: `${base}/users/${s.cuenta}/statuses/${s.id}`,
    url: `${base}/@${s.cuenta}/${s.id}`,
    created_at: s.creado,
    edited_at: s.editado,
    content: html(s.texto),
    visibility: s.visibilidad,
    language: s.idioma,
    sensitive: false,
    spoiler_text: "",
    in_reply_to_id: s.enRespuestaA ?? null,
    in_reply_to_account_id: s.enRespuestaA ? idCuenta(estados.find((e) => e.id === s.enRespuestaA)?.cuenta ?? "") : null,
    reblog: null,
    account: cuentaJson(s.cuenta),
    media_attachments: s.mediaIds.map((id) => medioJson(medios.find((m) => m.id === id)!)),
    mentions: [],
    tags: [],
    emojis: [],
    card: null,
    poll: null,
    replies_count: s.cifras?.replies_count ?? 0,
    reblogs_count: s.cifras?.reblogs_count ?? 0,
    favourites_count: s.cifras?.favourites_count ?? 0,
    quotes_count: s.cifras?.quotes_count ?? 0,
  });

  const violar = (mensaje: string, estado = 422): never => {
    violaciones.push(mensaje);
    throw new RespuestaError(estado, { error: mensaje });
  };

  function validarMedios(usuario: string, ids: unknown, statusId: string | null): string[] {
    if (ids === undefined) return [];
    if (!Array.isArray(ids) || ids.some((i) => typeof i !== "string")) return violar("media_ids debe ser una lista de cadenas");
    const lista = ids as string[];
    if (lista.length > 4) throw new RespuestaError(422, { error: "Validation failed: You can only attach up to 4 images" });
    for (const id of lista) {
      const medio = medios.find((m) => m.id === id && m.cuenta === usuario);
      if (!medio || (medio.statusId !== null && medio.statusId !== statusId)) {
        throw new RespuestaError(422, { error: `Validation failed: Media attachments could not be found: ${id}` });
      }
      if (medio.pendientes > 0) {
        throw new RespuestaError(422, { error: "Cannot attach files that have not finished processing. Try again in a moment!" });
      }
    }
    return lista;
  }

  function validarTexto(cuerpo: Record<string, unknown>, mediaIds: string[]): string {
    const texto = cuerpo.status;
    if (texto !== undefined && typeof texto !== "string") return violar("status debe ser una cadena");
    if ((!texto || texto.trim() === "") && mediaIds.length === 0) {
      throw new RespuestaError(422, { error: "Validation failed: Text can't be blank" });
    }
    if (texto && largoMastodon(texto) > 500) {
      throw new RespuestaError(422, { error: "Validation failed: Text character limit of 500 exceeded" });
    }
    return texto ?? "";
  }

  function camposDesconocidos(cuerpo: Record<string, unknown>, permitidos: Set<string>, donde: string) {
    for (const campo of Object.keys(cuerpo)) {
      if (!permitidos.has(campo)) violar(`campo desconocido en ${donde}: ${campo}`);
    }
  }

  async function leerCuerpo(req: IncomingMessage): Promise<Buffer> {
    const trozos: Buffer[] = [];
    for await (const trozo of req) trozos.push(trozo as Buffer);
    return Buffer.concat(trozos);
  }

  async function interpretar(req: IncomingMessage, bruto: Buffer): Promise<Record<string, unknown>> {
    const tipo = req.headers["content-type"] ?? "";
    if (bruto.length === 0) return {};
    if (tipo.startsWith("application/json")) {
      try {
        const datos: unknown = JSON.parse(bruto.toString("utf8"));
        if (!datos || typeof datos !== "object" || Array.isArray(datos)) return violar("el cuerpo JSON debe ser un objeto", 400);
        return datos as Record<string, unknown>;
      } catch {
        return violar("JSON mal formado", 400);
      }
    }
    if (tipo.startsWith("multipart/form-data")) {
      const peticion = new Request("http://emulador/", {
        method: "POST",
        headers: { "content-type": tipo },
        body: new Uint8Array(bruto),
      });
      const formulario = await peticion.formData();
      const cuerpo: Record<string, unknown> = {};
      for (const [campo, valor] of formulario.entries()) {
        cuerpo[campo] =
          typeof valor === "string"
            ? valor
            : { nombre: valor.name, tipo: valor.type, bytes: (await valor.arrayBuffer()).byteLength };
      }
      return cuerpo;
    }
    return violar(`tipo de contenido no admitido: ${tipo || "(ninguno)"}`, 415);
  }

  function atender(s: SolicitudMastodon, usuario: string): { estado: number; cuerpo: unknown } {
    const { metodo, ruta, cuerpo } = s;
    let m: RegExpMatchArray | null;

    if (metodo === "POST" && ruta === "/api/v2/media") {
      camposDesconocidos(cuerpo, CAMPOS_MEDIO, "POST /api/v2/media");
      const archivo = cuerpo.file as { nombre: string; tipo: string; bytes: number } | undefined;
      if (!archivo || typeof archivo !== "object")
        throw new RespuestaError(422, { error: "Validation failed: File can't be blank" });
      if (!/^image\/(png|jpeg|webp|gif)$/.test(archivo.tipo)) {
        throw new RespuestaError(422, { error: "Validation failed: File content type is invalid" });
      }
      const descripcion = typeof cuerpo.description === "string" ? cuerpo.description : null;
      if (descripcion && [...descripcion].length > 1500) {
        throw new RespuestaError(422, { error: "Validation failed: Description is too long (maximum is 1500 characters)" });
      }
      const medio: MedioEmulado = {
        id: nuevoId(),
        cuenta: usuario,
        nombre: archivo.nombre,
        tipo: archivo.tipo,
        bytes: archivo.bytes,
        descripcion,
        pendientes: procesamiento,
        statusId: null,
      };
      medios.push(medio);
      return { estado: medio.pendientes > 0 ? 202 : 200, cuerpo: medioJson(medio) };
    }

    if (metodo === "GET" && (m = ruta.match(/^\/api\/v1\/media\/(\d+)$/))) {
      const medio = medios.find((x) => x.id === m![1] && x.cuenta === usuario);
      if (!medio) throw new RespuestaError(404, { error: "Record not found" });
      if (medio.pendientes > 0) {
        medio.pendientes--;
        if (medio.pendientes > 0) return { estado: 206, cuerpo: medioJson(medio) };
      }
      return { estado: 200, cuerpo: medioJson(medio) };
    }

    if (metodo === "POST" && ruta === "/api/v1/statuses") {
      camposDesconocidos(cuerpo, CAMPOS_STATUS, "POST /api/v1/statuses");
      if (s.idempotencia) {
        const previa = claves.get(`${usuario}:${s.idempotencia}`);
        if (previa && ahora() - previa.en < vidaClaveMs) {
          return { estado: 200, cuerpo: statusJson(estados.find((e) => e.id === previa.statusId)!) };
        }
      }
      const mediaIds = validarMedios(usuario, cuerpo.media_ids, null);
      const texto = validarTexto(cuerpo, mediaIds);
      const visibilidad = cuerpo.visibility ?? "public";
      if (typeof visibilidad !== "string" || !["public", "unlisted", "private", "direct"].includes(visibilidad)) {
        throw new RespuestaError(422, { error: "Validation failed: Visibility is not included in the list" });
      }
      const idioma = cuerpo.language;
      if (idioma !== undefined && (typeof idioma !== "string" || !/^[a-z]{2,3}$/.test(idioma))) {
        throw new RespuestaError(422, { error: "Validation failed: Language is not a valid ISO 639 code" });
      }
      const enRespuestaA = cuerpo.in_reply_to_id;
      if (enRespuestaA !== undefined && (typeof enRespuestaA !== "string" || !estados.some((e) => e.id === enRespuestaA)))
        throw new RespuestaError(404, { error: "Record not found" });
      const status: StatusEmulado = {
        id: nuevoId(),
        cuenta: usuario,
        texto,
        mediaIds,
        visibilidad,
        idioma: idioma ?? null,
        creado: new Date(ahora()).toISOString(),
        editado: null,
        ediciones: 0,
        ...(enRespuestaA ? { enRespuestaA } : {}),
      };
      estados.push(status);
      for (const id of mediaIds) medios.find((x) => x.id === id)!.statusId = status.id;
      if (s.idempotencia) claves.set(`${usuario}:${s.idempotencia}`, { statusId: status.id, en: ahora() });
      return { estado: 200, cuerpo: statusJson(status) };
    }

    if ((m = ruta.match(/^\/api\/v1\/statuses\/(\d+)(\/source)?$/))) {
      const status = estados.find((e) => e.id === m![1]);
      if (!status) throw new RespuestaError(404, { error: "Record not found" });
      if (metodo === "GET" && !m[2]) return { estado: 200, cuerpo: statusJson(status) };
      if (status.cuenta !== usuario) throw new RespuestaError(403, { error: "This action is not allowed" });
      if (metodo === "GET") return { estado: 200, cuerpo: { id: status.id, text: status.texto, spoiler_text: "" } };
      if (metodo === "PUT" && !m[2]) {
        camposDesconocidos(cuerpo, new Set([...CAMPOS_STATUS, "media_attributes"]), "PUT /api/v1/statuses/:id");
        const mediaIds = validarMedios(usuario, cuerpo.media_ids, status.id);
        const texto = validarTexto(cuerpo, mediaIds);
        const atributos = cuerpo.media_attributes;
        if (atributos !== undefined) {
          if (!Array.isArray(atributos)) return violar("media_attributes debe ser una lista");
          for (const atributo of atributos as { id?: unknown; description?: unknown }[]) {
            const medio = medios.find((x) => x.id === atributo.id && mediaIds.includes(x.id));
            if (!medio) throw new RespuestaError(422, { error: "Validation failed: Media attachments could not be found" });
            if (typeof atributo.description === "string") medio.descripcion = atributo.description;
          }
        }
        for (const id of status.mediaIds) if (!mediaIds.includes(id)) medios.find((x) => x.id === id)!.statusId = null;
        for (const id of mediaIds) medios.find((x) => x.id === id)!.statusId = status.id;
        status.texto = texto;
        status.mediaIds = mediaIds;
        if (typeof cuerpo.language === "string") status.idioma = cuerpo.language;
        status.editado = new Date(ahora()).toISOString();
        status.ediciones++;
        return { estado: 200, cuerpo: statusJson(status) };
      }
    }

    if (metodo === "GET" && ruta === "/api/v1/accounts/verify_credentials") {
      return { estado: 200, cuerpo: { ...cuentaJson(usuario), source: { privacy: "public", language: "es" } } };
    }

    if (metodo === "GET" && (m = ruta.match(/^\/api\/v1\/accounts\/(\d+)\/statuses$/))) {
      const cuenta = cuentas[Number(m[1]) - 1];
      if (!cuenta) throw new RespuestaError(404, { error: "Record not found" });
      const limite = Math.min(Number(s.consulta.limit ?? 20) || 20, 40);
      const propios = estados.filter((e) => e.cuenta === cuenta.usuario);
      // min_id: the page immediately newer than it (docs.joinmastodon.org/api/guidelines/#pagination).
      const minId = s.consulta.min_id;
      const lista = minId
        ? propios
            .filter((e) => BigInt(e.id) > BigInt(minId))
            .slice(0, limite)
            .reverse()
        : propios.slice().reverse().slice(0, limite);
      return { estado: 200, cuerpo: lista.map(statusJson) };
    }

    if (metodo === "GET" && ruta === "/api/v1/notifications") {
      const tipos = Object.entries(s.consulta)
        .filter(([k]) => k === "types[]" || k.startsWith("types["))
        .map(([, v]) => v);
      if (tipos.length && !tipos.every((t) => t === "mention"))
        return violar("el emulador solo sirve notificaciones de tipo mention");
      const limite = Math.min(Number(s.consulta.limit ?? 40) || 40, 80);
      const conFiltradas = s.consulta.include_filtered === "true";
      const visibles = notificaciones.filter((n) => conFiltradas || !n.filtrada);
      const minId = s.consulta.min_id;
      const lista = minId
        ? visibles
            .filter((n) => BigInt(n.id) > BigInt(minId))
            .slice(0, limite)
            .reverse()
        : visibles.slice().reverse().slice(0, limite);
      return {
        estado: 200,
        cuerpo: lista.map((n) => {
          const status = estados.find((e) => e.id === n.statusId)!;
          return {
            id: n.id,
            type: "mention",
            created_at: status.creado,
            account: cuentaJson(status.cuenta),
            status: statusJson(status),
          };
        }),
      };
    }

    // PATCH /api/v1/accounts/update_credentials (docs.joinmastodon.org/methods/accounts/#update_credentials):
    // multipart with `avatar` and/or `header` files (PNG, GIF or JPG up to 2 MB each, as
    // docs.joinmastodon.org/user/profile says); answers the CredentialAccount.
    if (metodo === "PATCH" && ruta === "/api/v1/accounts/update_credentials") {
      camposDesconocidos(
        cuerpo,
        new Set(["avatar", "header", "display_name", "note"]),
        "PATCH /api/v1/accounts/update_credentials",
      );
      const perfil = perfiles.get(usuario) ?? {};
      for (const campo of ["avatar", "header"] as const) {
        const archivo = cuerpo[campo] as ArchivoPerfil | string | undefined;
        if (archivo === undefined) continue;
        if (typeof archivo === "string") return violar(`${campo} debe ser un archivo (multipart), no texto`, 422);
        if (!/^image\/(png|jpeg|gif)$/.test(archivo.tipo))
          throw new RespuestaError(422, {
            error: `Validation failed: ${campo === "avatar" ? "Avatar" : "Header"} has contents that are not what they are reported to be`,
          });
        if (archivo.bytes > 2 * 1024 * 1024)
          throw new RespuestaError(422, {
            error: `Validation failed: ${campo === "avatar" ? "Avatar" : "Header"} must be less than 2 MB`,
          });
        perfil[campo] = archivo;
      }
      perfiles.set(usuario, perfil);
      return { estado: 200, cuerpo: { ...cuentaJson(usuario), source: { privacy: "public", language: "es" } } };
    }

    return violar(`ruta no implementada: ${metodo} ${ruta}`, 404);
  }

  function responder(res: ServerResponse, estado: number, cuerpo: unknown, cabeceras: Record<string, string> = {}) {
    res.writeHead(estado, { "content-type": "application/json; charset=utf-8", ...cabeceras });
    res.end(JSON.stringify(cuerpo));
  }

  const servidor = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", base);
      const bruto = await leerCuerpo(req);
      const autorizacion = req.headers.authorization;
      const token = autorizacion?.startsWith("Bearer ") ? autorizacion.slice(7) : undefined;
      const idem = req.headers["idempotency-key"];
      const solicitud: SolicitudMastodon = {
        metodo: req.method ?? "GET",
        ruta: url.pathname,
        consulta: Object.fromEntries(url.searchParams),
        token,
        idempotencia: typeof idem === "string" ? idem : undefined,
        cuerpo: {},
        estado: 0,
      };
      registro.push(solicitud);

      const falla = fallas.find(
        (f) =>
          f.metodo === solicitud.metodo && (typeof f.ruta === "string" ? f.ruta === solicitud.ruta : f.ruta.test(solicitud.ruta)),
      );
      if (falla) {
        falla.veces = (falla.veces ?? 1) - 1;
        if (falla.veces <= 0) fallas.splice(fallas.indexOf(falla), 1);
      }
      if (falla?.tipo === "cortar-antes") {
        req.socket.destroy();
        return;
      }
      if (falla?.tipo === "respuesta") {
        solicitud.estado = falla.estado ?? 500;
        responder(res, solicitud.estado, falla.cuerpo ?? { error: "Internal server error" }, falla.cabeceras);
        return;
      }
      if (falla?.tipo === "demorar") await new Promise((r) => setTimeout(r, falla.retrasoMs ?? 1000));

      let estado: number;
      let cuerpo: unknown;
      try {
        const cuenta = cuentas.find((c) => c.token === token);
        if (!cuenta) {
          throw new RespuestaError(
            401,
            token ? { error: "The access token is invalid" } : { error: "The access token is missing" },
          );
        }
        solicitud.cuerpo = await interpretar(req, bruto);
        ({ estado, cuerpo } = atender(solicitud, cuenta.usuario));
      } catch (error) {
        if (!(error instanceof RespuestaError)) throw error;
        estado = error.estado;
        cuerpo = error.cuerpo;
      }
      if (falla?.tipo === "cortar-despues") {
        req.socket.destroy();
        return;
      }
      solicitud.estado = estado;
      responder(res, estado, cuerpo);
    })().catch((error: unknown) => {
      violaciones.push(`error interno del emulador: ${String(error)}`);
      if (!res.headersSent) responder(res, 500, { error: "Internal server error" });
    });
  });

  await new Promise<void>((resolver) => servidor.listen(0, "127.0.0.1", resolver));
  base = `http://127.0.0.1:${(servidor.address() as AddressInfo).port}`;

  return {
    url: base,
    token: cuentas[0]!.token,
    registro,
    violaciones,
    estados,
    medios,
    rutas: () => registro.map((r) => `${r.metodo} ${r.ruta}`),
    mencionar: (de, texto, o = {}) => {
      if (!cuentas.some((c) => c.usuario === de)) cuentas.push({ token: `token-de-${de}-sin-uso`, usuario: de });
      const status: StatusEmulado = {
        id: nuevoId(),
        cuenta: de,
        texto: `@${cuentas[0]!.usuario} ${texto}`,
        mediaIds: [],
        visibilidad: o.visibilidad ?? "public",
        idioma: "es",
        creado: new Date(ahora()).toISOString(),
        editado: null,
        ediciones: 0,
        ...(o.enRespuestaA ? { enRespuestaA: o.enRespuestaA } : {}),
      };
      estados.push(status);
      notificaciones.push({ id: nuevoId(), statusId: status.id, filtrada: o.filtrada === true });
      return status;
    },
    fallar: (falla) => fallas.push({ ...falla }),
    adelantarReloj: (ms) => {
      desfase += ms;
    },
    fijarProcesamiento: (polls) => {
      procesamiento = polls;
    },
    seguidores,
    perfiles,
    cerrar: () =>
      new Promise<void>((resolver, rechazar) => {
        servidor.closeAllConnections();
        servidor.close((error) => (error ? rechazar(error) : resolver()));
      }),
  };
}
