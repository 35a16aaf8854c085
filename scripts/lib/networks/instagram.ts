import { setTimeout as esperar } from "node:timers/promises";
import { dimensiones } from "../images/formato.ts";
import {
  clienteGraphDesdeContexto,
  cuandoReintentar,
  idCreado,
  idGraph,
  mismoTexto,
  reconciliarEnEdge,
  texto,
  type ClienteGraph,
  type FalloGraph,
  type PerfilGraph,
} from "./graph.ts";
import { errorRed, leerImagen } from "./http.ts";
import { REGISTRO } from "./index.ts";
import {
  ErrorRed,
  type AdaptadorRed,
  type Correccion,
  type FabricaAdaptador,
  type PostRemoto,
  type Publicacion,
  type Reconciliacion,
} from "./tipos.ts";

/**
 * Instagram professional account adapter (Instagram Graph API through Facebook Login, v26.0):
 * media container with image_url, caption and alt_text; poll status_code until FINISHED;
 * media_publish; read permalink. Instagram cannot edit captions through the API used here, so a
 * correction is one comment "Fe de erratas: …" on the post. Reconciliation matches the caption.
 */

/** The publishing quota is a rolling 24-hour window (IG User Content Publishing Limit). */
const DIA_MS = 24 * 60 * 60_000;

/**
 * Instagram's own codes, before the shared Graph table
 * (https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/error-codes):
 * - 9 / 2207042 "You reached maximum number of posts that is allowed to be published by Content
 *   Publishing API": a refusal; retried when the rolling 24-hour quota frees a slot (the usage
 *   headers' wait when given, else 24 h).
 * - 4 / 2207051 "We restrict certain activity to protect our community": flagged as spam; a person
 *   must look at the account, so it is permanent (without the subcode, 4 is a rate limit).
 * - -1 (2207001 server error, 2207032 create media failed, 2207053) and -2 (2207003 download
 *   timeout, 2207020 container expired): "Try again" with a new container; transient.
 */
export function codigosInstagram(f: FalloGraph): ErrorRed | undefined {
  if (f.codigo === 9 && f.subcodigo === 2207042) {
    const esperarMs = f.esperarMs ?? DIA_MS;
    return errorRed(
      f.plataforma,
      `Instagram alcanzó el límite diario de publicaciones de la cuenta ${f.detalle}. Se publicará cuando se libere el cupo.${cuandoReintentar(esperarMs)}`,
      "transitorio",
      { codigo: 9, esperarMs, noProcesado: true },
    );
  }
  if (f.codigo === 4 && f.subcodigo === 2207051) {
    return errorRed(
      f.plataforma,
      `Instagram restringió la publicación por considerarla posible spam ${f.detalle}. Una persona debe revisar la cuenta ` +
        `(avisos en la app de Instagram) y, si es un error, informarlo a Instagram; luego resuelva con prensa publicar --resolver.`,
      "permanente",
      { codigo: 4 },
    );
  }
  if (f.codigo === -1 || f.codigo === -2) {
    return errorRed(f.plataforma, `Instagram tuvo una falla temporal ${f.detalle}. Se reintentará.`, "transitorio", {
      codigo: f.codigo,
      esperarMs: f.esperarMs,
    });
  }
  return undefined;
}

const PERFIL: PerfilGraph = {
  red: "instagram",
  tokenNuevo: "un token de acceso nuevo para la cuenta de Instagram",
  permisos: "instagram_basic, instagram_content_publish, instagram_manage_comments y pages_read_engagement",
  propios: codigosInstagram,
};

/**
 * IG User Media, "Image Specifications": Format JPEG; file size 8 MB maximum; aspect ratio
 * within 4:5 and 1.91:1 (https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media).
 */
export const IMAGEN_INSTAGRAM = {
  tipo: "image/jpeg",
  maximoBytes: 8 * 1024 * 1024,
  proporcionMinima: 4 / 5,
  proporcionMaxima: 1.91,
};

/**
 * Checks the local copy of the image whose public URL Instagram will fetch against the documented
 * contract; a violation is permanent (Instagram would answer with an opaque container ERROR).
 */
async function comprobarImagen(imagen: NonNullable<Publicacion["imagen"]>, env: NodeJS.ProcessEnv): Promise<void> {
  const plataforma = { nombre: "Instagram", env };
  const { datos, tipo } = await leerImagen(plataforma, imagen.ruta);
  const fallo = (motivo: string) =>
    errorRed(plataforma, `La imagen social ${imagen.ruta} no cumple lo que Instagram exige: ${motivo}.`, "permanente", {
      codigo: "imagen",
    });
  if (tipo !== IMAGEN_INSTAGRAM.tipo) throw fallo("debe ser JPEG y es PNG");
  if (datos.byteLength > IMAGEN_INSTAGRAM.maximoBytes)
    throw fallo(`pesa ${Math.round(datos.byteLength / 1024)} KiB y el máximo es 8 MiB`);
  const d = dimensiones(datos);
  const proporcion = d ? d.ancho / d.alto : undefined;
  if (
    proporcion === undefined ||
    proporcion < IMAGEN_INSTAGRAM.proporcionMinima - 1e-3 ||
    proporcion > IMAGEN_INSTAGRAM.proporcionMaxima + 1e-3
  ) {
    throw fallo(`su proporción ${d ? `${d.ancho}×${d.alto}` : "no se pudo leer"} está fuera de 4:5 a 1.91:1`);
  }
}

/** Container polling: interval and number of status reads before giving up (transient). */
export interface SondeoInstagram {
  intervaloMs: number;
  intentos: number;
}

/** Defaults: one read every 2 s for up to a minute. Env overrides keep tests and CI fast. */
export function sondeoDesdeEnv(env: NodeJS.ProcessEnv): SondeoInstagram {
  const entero = (valor: string | undefined, defecto: number, minimo: number): number => {
    const n = Number(valor);
    return valor !== undefined && valor.trim() !== "" && Number.isInteger(n) && n >= minimo ? n : defecto;
  };
  return {
    intervaloMs: entero(env.PRENSA_INSTAGRAM_SONDEO_MS, 2000, 0),
    intentos: entero(env.PRENSA_INSTAGRAM_SONDEOS, 30, 1),
  };
}

function crearAdaptadorInstagram(
  cliente: ClienteGraph,
  cuentaId: string | undefined,
  urlPerfil: string,
  sondeo: SondeoInstagram,
  env: NodeJS.ProcessEnv,
): AdaptadorRed {
  const cuenta = (): string => {
    if (cuentaId) return cuentaId;
    throw new ErrorRed(
      "Falta el identificador de la cuenta profesional de Instagram: agregue redes.instagram.opciones.cuentaId " +
        '(solo dígitos, entre comillas, por ejemplo "17841400000000001") en config/institucion.yaml.',
      "permanente",
    );
  };

  /** Waits until the container is FINISHED; ERROR is permanent, EXPIRED and a long wait are transient. */
  async function esperarContenedor(idContenedor: string, p: Publicacion): Promise<void> {
    for (let intento = 1; intento <= sondeo.intentos; intento++) {
      const datos = await cliente.get(idContenedor, { fields: "status_code,status" });
      const estado = texto(datos, "status_code");
      const detalle = texto(datos, "status");
      if (estado === "FINISHED") return;
      if (estado === "ERROR") {
        throw errorRed(
          { nombre: "Instagram", env },
          `Instagram no pudo procesar la imagen de la nota ${p.notaId} (estado ERROR${detalle ? `: ${detalle}` : ""}). ` +
            `Verifique que ${p.imagen?.url ?? "la imagen social"} esté publicada y sea un JPEG válido.`,
          "permanente",
          { codigo: "ERROR" },
        );
      }
      if (estado === "EXPIRED") {
        throw new ErrorRed(
          `El contenedor de Instagram ${idContenedor} venció antes de publicarse; se creará otro al reintentar.`,
          "transitorio",
          { codigo: "EXPIRED" },
        );
      }
      if (estado !== "IN_PROGRESS") {
        throw new ErrorRed(
          `Instagram devolvió un estado inesperado para el contenedor ${idContenedor}: ${estado ?? "sin estado"}.`,
          "transitorio",
          { codigo: estado ?? "sin-estado" },
        );
      }
      if (intento < sondeo.intentos) await esperar(sondeo.intervaloMs);
    }
    throw new ErrorRed(
      `Instagram no terminó de procesar la imagen después de ${sondeo.intentos} consultas; se reintentará.`,
      "transitorio",
      { codigo: "IN_PROGRESS" },
    );
  }

  /** Never throws: once the media exists, a failed permalink read must not turn it into a failure. */
  async function enlacePermanente(idMedio: string): Promise<string> {
    try {
      return texto(await cliente.get(idMedio, { fields: "permalink" }), "permalink") ?? urlPerfil;
    } catch {
      return urlPerfil;
    }
  }

  return {
    red: "instagram",
    edita: REGISTRO.instagram.capacidades.edita,
    solicitudes: cliente.solicitudes,

    async publicar(p: Publicacion): Promise<PostRemoto> {
      if (!p.imagen) {
        throw new ErrorRed(
          `Instagram solo publica con imagen y la nota ${p.notaId} no tiene imagen social. ` +
            "Agregue una imagen a la nota o quite instagram de sus canales.",
          "permanente",
        );
      }
      const id = cuenta();
      await comprobarImagen(p.imagen, env);
      const contenedor = await cliente.post(`${id}/media`, {
        image_url: p.imagen.url,
        caption: p.texto,
        alt_text: p.imagen.alt,
      });
      const idContenedor = texto(contenedor, "id");
      if (!idContenedor) {
        throw new ErrorRed("Instagram no devolvió el identificador del contenedor; se reintentará.", "transitorio");
      }
      await esperarContenedor(idContenedor, p);
      const medio = await cliente.post(`${id}/media_publish`, { creation_id: idContenedor });
      const idMedio = idCreado("Instagram", texto(medio, "id"), "la publicación", "la cuenta");
      return { idRemoto: idMedio, url: await enlacePermanente(idMedio) };
    },

    reconciliar(p: Publicacion): Promise<Reconciliacion> {
      return reconciliarEnEdge(
        cliente,
        `${cuenta()}/media`,
        { fields: "id,caption,permalink,timestamp", limit: "25" },
        (medio) => mismoTexto(texto(medio, "caption"), p.texto),
        {
          noAparece: (n) => `el texto de la nota ${p.notaId} no aparece en las ${n} publicaciones más recientes de la cuenta`,
          post: (item, id) => ({ idRemoto: id, url: texto(item, "permalink") ?? urlPerfil }),
          sinId: "Instagram devolvió una publicación sin identificador",
        },
      );
    },

    async corregir(c: Correccion): Promise<PostRemoto> {
      const datos = await cliente.post(`${c.original.idRemoto}/comments`, { message: c.errata });
      const idComentario = idCreado("Instagram", texto(datos, "id"), "la fe de erratas", "la publicación");
      // Comments have no permalink of their own: the reply lives on the original post.
      return { idRemoto: idComentario, url: c.original.url };
    },

    reconciliarCorreccion(c: Correccion): Promise<Reconciliacion> {
      return reconciliarEnEdge(
        cliente,
        `${c.original.idRemoto}/comments`,
        { fields: "id,text,timestamp", limit: "50" },
        (comentario) => mismoTexto(texto(comentario, "text"), c.errata),
        {
          noAparece: (n) => `la fe de erratas no aparece en los ${n} comentarios más recientes de la publicación`,
          // Comments have no permalink of their own: the reply lives on the original post.
          post: (_item, id) => ({ idRemoto: id, url: c.original.url }),
          sinId: "Instagram devolvió un comentario sin identificador",
        },
      );
    },
  };
}

/** Instagram adapter, or undefined when INSTAGRAM_TOKEN or the redes.instagram account is missing. */
export const crearAdaptador: FabricaAdaptador = (ctx) => {
  const cuenta = ctx.institucion.redes.instagram;
  const cliente = clienteGraphDesdeContexto(ctx, PERFIL);
  if (!cliente || !cuenta) return undefined;
  return crearAdaptadorInstagram(cliente, idGraph(cuenta.opciones.cuentaId), cuenta.url, sondeoDesdeEnv(ctx.env), ctx.env);
};
