import { setTimeout as esperar } from "node:timers/promises";
import { ocultarSecretos } from "../cli/secretos.ts";
import {
  buscarEnEdge,
  clienteGraphDesdeContexto,
  idGraph,
  mismoTexto,
  texto,
  type ClienteGraph,
  type PerfilGraph,
} from "./graph.ts";
import { VARIABLE_URL } from "./index.ts";
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

const PERFIL: PerfilGraph = {
  plataforma: "Instagram",
  variableToken: "INSTAGRAM_TOKEN",
  variableUrl: VARIABLE_URL.instagram,
  tokenNuevo: "un token de acceso nuevo para la cuenta de Instagram",
  permisos: "instagram_basic, instagram_content_publish, instagram_manage_comments y pages_read_engagement",
};

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
        throw new ErrorRed(
          ocultarSecretos(
            `Instagram no pudo procesar la imagen de la nota ${p.notaId} (estado ERROR${detalle ? `: ${detalle}` : ""}). ` +
              `Verifique que ${p.imagen?.url ?? "la imagen social"} esté publicada y sea un JPEG o PNG válido.`,
            env,
          ),
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
    edita: false,

    async publicar(p: Publicacion): Promise<PostRemoto> {
      if (!p.imagen) {
        throw new ErrorRed(
          `Instagram solo publica con imagen y la nota ${p.notaId} no tiene imagen social. ` +
            "Agregue una imagen a la nota o quite instagram de sus canales.",
          "permanente",
        );
      }
      const id = cuenta();
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
      const idMedio = texto(medio, "id");
      if (!idMedio) {
        throw new ErrorRed(
          "Instagram aceptó la publicación pero no devolvió su identificador; revise la cuenta y resuelva " +
            "el registro con prensa publicar --resolver.",
          "permanente",
        );
      }
      return { idRemoto: idMedio, url: await enlacePermanente(idMedio) };
    },

    async reconciliar(p: Publicacion): Promise<Reconciliacion> {
      const busqueda = await buscarEnEdge(
        cliente,
        `${cuenta()}/media`,
        { fields: "id,caption,permalink,timestamp", limit: "25" },
        (medio) => mismoTexto(texto(medio, "caption"), p.texto),
      );
      if (busqueda.estado === "ausente") return { estado: "no-publicado" };
      if (busqueda.estado === "limite") {
        return {
          estado: "desconocido",
          motivo: `el texto de la nota ${p.notaId} no aparece en las ${busqueda.leidos} publicaciones más recientes de la cuenta`,
        };
      }
      const idMedio = texto(busqueda.item, "id");
      if (!idMedio) return { estado: "desconocido", motivo: "Instagram devolvió una publicación sin identificador" };
      return {
        estado: "publicado",
        post: { idRemoto: idMedio, url: texto(busqueda.item, "permalink") ?? urlPerfil },
      };
    },

    async corregir(c: Correccion): Promise<PostRemoto> {
      const datos = await cliente.post(`${c.original.idRemoto}/comments`, { message: c.errata });
      const idComentario = texto(datos, "id");
      if (!idComentario) {
        throw new ErrorRed(
          "Instagram aceptó la fe de erratas pero no devolvió el identificador del comentario; revise la " +
            "publicación y resuelva el registro con prensa publicar --resolver.",
          "permanente",
        );
      }
      // Comments have no permalink of their own: the reply lives on the original post.
      return { idRemoto: idComentario, url: c.original.url };
    },

    async reconciliarCorreccion(c: Correccion): Promise<Reconciliacion> {
      const busqueda = await buscarEnEdge(
        cliente,
        `${c.original.idRemoto}/comments`,
        { fields: "id,text,timestamp", limit: "50" },
        (comentario) => mismoTexto(texto(comentario, "text"), c.errata),
      );
      if (busqueda.estado === "ausente") return { estado: "no-publicado" };
      if (busqueda.estado === "limite") {
        return {
          estado: "desconocido",
          motivo: `la fe de erratas no aparece en los ${busqueda.leidos} comentarios más recientes de la publicación`,
        };
      }
      const idComentario = texto(busqueda.item, "id");
      if (!idComentario) return { estado: "desconocido", motivo: "Instagram devolvió un comentario sin identificador" };
      return { estado: "publicado", post: { idRemoto: idComentario, url: c.original.url } };
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
