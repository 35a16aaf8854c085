import { readFile } from "node:fs/promises";
import { createRestAPIClient, MastoHttpError, MastoTimeoutError, type mastodon } from "masto";
import { ocultarSecretos } from "../cli/secretos.ts";
import { VARIABLE_URL } from "./index.ts";
import {
  ErrorRed,
  type AdaptadorRed,
  type ContextoAdaptador,
  type Correccion,
  type FabricaAdaptador,
  type PostRemoto,
  type Publicacion,
  type Reconciliacion,
} from "./tipos.ts";

/**
 * Mastodon adapter (REST API through `masto`).
 *
 * Publish: POST /api/v2/media (file + description = alt text; 202 means "still processing", so
 * GET /api/v1/media/:id is polled until `url` is set), then POST /api/v1/statuses with the header
 * `Idempotency-Key: <clave>`. Correction: PUT /api/v1/statuses/:id (Mastodon edits in place).
 *
 * Reconcile: Mastodon keeps an Idempotency-Key for one hour only (PostStatusService stores it in
 * Redis with a 3600 s expiry), so resending alone could duplicate a post when the run that died is
 * older than that. We first look for the note link among the account's latest statuses and only
 * resend (same request, same key) when it is not there: inside the hour the server answers with
 * the existing status; after it, the post is most likely not made and is made now.
 */

/** Environment variable with the access token (scope write:statuses write:media read:statuses read:accounts). */
export const VARIABLE_TOKEN = "MASTODON_TOKEN";
/** Environment variable that overrides `redes.mastodon.opciones.instancia`. */
const VARIABLE_INSTANCIA = VARIABLE_URL.mastodon;

/** Tunables (tests shorten the media polling). */
export interface AjustesMastodon {
  /** Wait between polls of a media attachment still being processed (default 1 s). */
  esperaMedioMs?: number;
  /** Polls before giving up on a media attachment (default 60). */
  consultasMedio?: number;
  /** How many of the account's latest statuses reconciliation looks at (default 40, the API maximum). */
  recientes?: number;
}

const NOMBRE = "Mastodon";

/** Sleeps without keeping the process alive for nothing else. */
const dormir = (ms: number) => new Promise<void>((resolver) => setTimeout(resolver, ms));

/** Milliseconds to wait according to Retry-After (seconds or HTTP date) or X-RateLimit-Reset (ISO date). */
export function esperaDesdeCabeceras(cabeceras: Headers | undefined, ahora = Date.now()): number | undefined {
  if (!cabeceras) return undefined;
  const retry = cabeceras.get("retry-after");
  if (retry) {
    const segundos = Number(retry);
    if (Number.isFinite(segundos)) return Math.max(0, Math.round(segundos * 1000));
    const fecha = Date.parse(retry);
    if (!Number.isNaN(fecha)) return Math.max(0, fecha - ahora);
  }
  const reinicio = cabeceras.get("x-ratelimit-reset");
  if (reinicio) {
    const fecha = Date.parse(reinicio);
    if (!Number.isNaN(fecha)) return Math.max(0, fecha - ahora);
  }
  return undefined;
}

/** Turns whatever masto or fetch threw into an ErrorRed with a Spanish message and no secret. */
export function traducirError(error: unknown, accion: string, env: NodeJS.ProcessEnv): ErrorRed {
  if (error instanceof ErrorRed) return error;
  const limpio = (texto: string) => ocultarSecretos(texto, env);
  if (error instanceof MastoHttpError) {
    const estado = error.statusCode;
    const detalle = [error.message, error.description].filter((t) => t && t.length > 0).join(": ");
    const plataforma = detalle ? `: «${detalle}»` : "";
    const respuesta = error.cause instanceof Response ? error.cause : undefined;
    const esperarMs = esperaDesdeCabeceras(respuesta?.headers);
    if (estado === 429) {
      const cuando = esperarMs === undefined ? "" : ` Pide esperar ${Math.ceil(esperarMs / 1000)} s.`;
      return new ErrorRed(
        limpio(`${NOMBRE} limitó las solicitudes al ${accion} (HTTP 429)${plataforma}.${cuando}`),
        "transitorio",
        {
          codigo: estado,
          esperarMs,
        },
      );
    }
    if (estado >= 500 || estado === 408) {
      // Only a 503's Retry-After says the request was not processed; other 5xx may have been.
      return new ErrorRed(limpio(`${NOMBRE} falló al ${accion} (HTTP ${estado})${plataforma}. Se reintentará.`), "transitorio", {
        codigo: estado,
        ...(estado === 503 ? { esperarMs } : {}),
      });
    }
    const arreglo =
      estado === 401
        ? ` Revise el token en la variable ${VARIABLE_TOKEN} (puede estar vencido o revocado).`
        : estado === 403
          ? ` El token no tiene permiso para esto: genere uno con los alcances write:statuses, write:media, read:statuses y read:accounts.`
          : estado === 404
            ? " La publicación o el archivo ya no existe en la instancia."
            : "";
    return new ErrorRed(limpio(`${NOMBRE} rechazó ${accion} (HTTP ${estado})${plataforma}.${arreglo}`), "permanente", {
      codigo: estado,
    });
  }
  if (error instanceof MastoTimeoutError) {
    return new ErrorRed(limpio(`${NOMBRE} no respondió a tiempo al ${accion}. Se reintentará.`), "transitorio", {
      codigo: "timeout",
    });
  }
  const mensaje = error instanceof Error ? describirCausa(error) : String(error);
  return new ErrorRed(limpio(`No se pudo ${accion} en ${NOMBRE}: ${mensaje}. Se reintentará.`), "transitorio", { codigo: "red" });
}

/** "fetch failed (ECONNREFUSED)"-style description of a low-level error. */
function describirCausa(error: Error): string {
  const causa = error.cause;
  const codigo =
    causa && typeof causa === "object" && "code" in causa && typeof causa.code === "string" ? ` (${causa.code})` : "";
  return `${error.message}${codigo}`;
}

/** Escapes the characters that change inside an HTML attribute, as Mastodon renders links. */
function escaparHtml(texto: string): string {
  return texto.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function postDe(status: mastodon.v1.Status): PostRemoto {
  return { idRemoto: status.id, url: status.url ?? status.uri };
}

/** Resolves the instance URL: explicit base URL, then PRENSA_URL_MASTODON, then the config. */
function instanciaDe(ctx: ContextoAdaptador): string | undefined {
  const opcion = ctx.institucion.redes.mastodon?.opciones.instancia;
  const valor = ctx.baseUrl ?? ctx.env[VARIABLE_INSTANCIA] ?? (typeof opcion === "string" ? opcion : undefined);
  return valor && valor.trim().length > 0 ? valor.trim() : undefined;
}

export function crearAdaptadorMastodon(ctx: ContextoAdaptador, ajustes: AjustesMastodon = {}): AdaptadorRed | undefined {
  const token = ctx.env[VARIABLE_TOKEN];
  if (!token) return undefined;
  const env = ctx.env;
  const esperaMedioMs = ajustes.esperaMedioMs ?? 1000;
  const consultasMedio = ajustes.consultasMedio ?? 60;
  const recientes = ajustes.recientes ?? 40;

  const instancia = instanciaDe(ctx);
  let problemaConfig: string | undefined;
  if (!instancia) {
    problemaConfig = `Falta la instancia de ${NOMBRE}: escriba redes.mastodon.opciones.instancia (por ejemplo https://mastodon.social) en config/institucion.yaml o defina ${VARIABLE_INSTANCIA}.`;
  } else if (!URL.canParse(instancia) || !/^https?:$/.test(new URL(instancia).protocol)) {
    problemaConfig = `La instancia de ${NOMBRE} «${instancia}» no es una URL válida: use la forma https://mastodon.social en redes.mastodon.opciones.instancia o en ${VARIABLE_INSTANCIA}.`;
  }
  const cliente =
    problemaConfig || !instancia
      ? undefined
      : createRestAPIClient({ url: instancia, accessToken: token, timeout: ctx.timeoutMs ?? 30_000, log: "error" });

  /** Runs one API step and turns any failure into an ErrorRed. */
  async function paso<T>(accion: string, hacer: (c: mastodon.rest.Client) => Promise<T>): Promise<T> {
    if (!cliente) throw new ErrorRed(ocultarSecretos(problemaConfig ?? "Falta configurar Mastodon.", env), "permanente");
    try {
      return await hacer(cliente);
    } catch (error) {
      throw traducirError(error, accion, env);
    }
  }

  /** Uploads the social image with its alt text and waits until the instance has processed it. */
  async function subirImagen(imagen: NonNullable<Publicacion["imagen"]>): Promise<string> {
    let datos: Buffer;
    try {
      datos = await readFile(imagen.ruta);
    } catch (error) {
      const motivo = error instanceof Error ? error.message : String(error);
      throw new ErrorRed(
        `No se pudo leer la imagen social ${imagen.ruta} para ${NOMBRE}: ${motivo}. Genere el sitio (npm run build) antes de publicar.`,
        "permanente",
      );
    }
    const archivo = new File([new Uint8Array(datos)], nombreArchivo(imagen.ruta), { type: tipoImagen(imagen.ruta) });
    // skipPolling: masto would otherwise always wait 1 s and poll once even when the upload is
    // already processed (HTTP 200 with url); we poll only on 202 (url null).
    let medio = await paso("subir la imagen", (c) =>
      c.v2.media.create({ file: archivo, description: imagen.alt, skipPolling: true }),
    );
    for (let consulta = 0; !medio.url; consulta++) {
      if (consulta >= consultasMedio) {
        throw new ErrorRed(
          `${NOMBRE} no terminó de procesar la imagen ${medio.id} después de ${consultasMedio} consultas. Se reintentará.`,
          "transitorio",
          { codigo: "medio-en-proceso" },
        );
      }
      await dormir(esperaMedioMs);
      const id = medio.id;
      medio = await paso("consultar la imagen subida", (c) => c.v1.media.$select(id).fetch());
    }
    return medio.id;
  }

  /** The full publish request: upload (if any image) and create the status with the idempotency key. */
  async function enviar(p: Publicacion): Promise<PostRemoto> {
    const mediaIds = p.imagen ? [await subirImagen(p.imagen)] : [];
    const status = await paso("publicar el estado", (c) =>
      c.v1.statuses.create(
        { status: p.texto, mediaIds, visibility: "public", language: "es" },
        { requestInit: { headers: { "Idempotency-Key": p.clave } } },
      ),
    );
    return postDe(status);
  }

  /** Looks for a status of ours that links to the note among the latest ones. */
  async function buscarReciente(enlace: string): Promise<PostRemoto | undefined> {
    const cuenta = await paso("leer la cuenta", (c) => c.v1.accounts.verifyCredentials());
    const estados = await paso("leer las publicaciones recientes", async (c) =>
      c.v1.accounts.$select(cuenta.id).statuses.list({ limit: recientes, excludeReblogs: true }),
    );
    const variantes = [enlace, escaparHtml(enlace)];
    const hallado = estados.find((s) => variantes.some((v) => s.content.includes(v)));
    return hallado ? postDe(hallado) : undefined;
  }

  return {
    red: "mastodon",
    edita: true,

    publicar: enviar,

    async reconciliar(p: Publicacion): Promise<Reconciliacion> {
      // A token without read scopes cannot search: the Idempotency-Key alone then decides.
      const reciente = await buscarReciente(p.enlace).catch((error: unknown) => {
        if (error instanceof ErrorRed && error.tipo === "permanente") return undefined;
        throw error;
      });
      if (reciente) return { estado: "publicado", post: reciente };
      // Same request, same Idempotency-Key: within the key's lifetime the instance returns the
      // status already made instead of creating a second one.
      return { estado: "publicado", post: await enviar(p) };
    },

    async corregir(c: Correccion): Promise<PostRemoto> {
      const id = c.original.idRemoto;
      const actual = await paso("leer la publicación original", (cl) => cl.v1.statuses.$select(id).fetch());
      const imagen = c.publicacion.imagen;
      let mediaIds = actual.mediaAttachments.map((m) => m.id);
      let mediaAttributes: { id: string; description: string }[] | undefined;
      if (imagen && mediaIds.length === 0) mediaIds = [await subirImagen(imagen)];
      else if (imagen) mediaAttributes = mediaIds.map((m) => ({ id: m, description: imagen.alt }));
      const editado = await paso("editar la publicación", (cl) =>
        cl.v1.statuses.$select(id).update({
          status: c.publicacion.texto,
          mediaIds,
          language: "es",
          ...(mediaAttributes ? { mediaAttributes } : {}),
        }),
      );
      return postDe(editado);
    },

    async reconciliarCorreccion(c: Correccion): Promise<Reconciliacion> {
      const id = c.original.idRemoto;
      const fuente = await paso("leer el texto de la publicación", (cl) => cl.v1.statuses.$select(id).source.fetch());
      return fuente.text.trim() === c.publicacion.texto.trim()
        ? { estado: "publicado", post: c.original }
        : { estado: "no-publicado" };
    },
  };
}

function nombreArchivo(ruta: string): string {
  return ruta.split(/[\\/]/).pop() || "imagen.png";
}

function tipoImagen(ruta: string): string {
  if (/\.jpe?g$/i.test(ruta)) return "image/jpeg";
  if (/\.webp$/i.test(ruta)) return "image/webp";
  return "image/png";
}

/** Mastodon adapter, or undefined (simulated) when MASTODON_TOKEN is not set. */
export const crearAdaptador: FabricaAdaptador = (ctx) => crearAdaptadorMastodon(ctx);
