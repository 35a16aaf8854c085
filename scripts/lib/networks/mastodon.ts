import { createRestAPIClient, MastoHttpError, type mastodon } from "masto";
import { contador, errorConexion, errorHttp, errorRed, leerImagen, type Plataforma } from "./http.ts";
import { REGISTRO } from "./index.ts";
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

const { nombre: NOMBRE, credenciales, variableUrl: VARIABLE_INSTANCIA } = REGISTRO.mastodon;
/** Environment variable with the access token (scope write:statuses write:media read:statuses read:accounts). */
const VARIABLE_TOKEN = credenciales[0]!;

/** Tunables (tests shorten the media polling). */
export interface AjustesMastodon {
  /** Wait between polls of a media attachment still being processed (default 1 s). */
  esperaMedioMs?: number;
  /** Polls before giving up on a media attachment (default 60). */
  consultasMedio?: number;
  /** How many of the account's latest statuses reconciliation looks at (default 40, the API maximum). */
  recientes?: number;
}

/** Sleeps without keeping the process alive for nothing else. */
const dormir = (ms: number) => new Promise<void>((resolver) => setTimeout(resolver, ms));

/** Mastodon's fixes for its HTTP statuses (https://docs.joinmastodon.org/entities/Error/). */
const ARREGLOS: Partial<Record<number, string>> = {
  401: `Revise el token en la variable ${VARIABLE_TOKEN} (puede estar vencido o revocado).`,
  403: "El token no tiene permiso para esto: genere uno con los alcances write:statuses, write:media, read:statuses y read:accounts.",
  404: "La publicación o el archivo ya no existe en la instancia.",
};

/** Turns whatever masto or fetch threw into an ErrorRed with a Spanish message and no secret. */
export function traducirError(error: unknown, accion: string, env: NodeJS.ProcessEnv): ErrorRed {
  const plataforma: Plataforma = { nombre: NOMBRE, env };
  if (error instanceof MastoHttpError) {
    const detalle = [error.message, error.description].filter((t) => t && t.length > 0).join(": ");
    const respuesta = error.cause instanceof Response ? error.cause : undefined;
    return errorHttp(
      plataforma,
      { estado: error.statusCode, detalle, cabeceras: respuesta?.headers, arreglos: ARREGLOS },
      accion,
    );
  }
  return errorConexion(plataforma, error, accion);
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
  const plataforma: Plataforma = { nombre: NOMBRE, env };
  const cuenta = contador();
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
    if (!cliente) throw errorRed(plataforma, problemaConfig ?? "Falta configurar Mastodon.", "permanente");
    cuenta.sumar();
    try {
      return await hacer(cliente);
    } catch (error) {
      throw traducirError(error, accion, env);
    }
  }

  /** Uploads the social image with its alt text and waits until the instance has processed it. */
  async function subirImagen(imagen: NonNullable<Publicacion["imagen"]>): Promise<string> {
    const leida = await leerImagen(plataforma, imagen.ruta);
    const archivo = new File([leida.datos], leida.nombre, { type: leida.tipo });
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
    edita: REGISTRO.mastodon.capacidades.edita,
    solicitudes: cuenta.total,

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

/** Mastodon adapter, or undefined (simulated) when MASTODON_TOKEN is not set. */
export const crearAdaptador: FabricaAdaptador = (ctx) => crearAdaptadorMastodon(ctx);
