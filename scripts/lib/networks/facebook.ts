import { existsSync } from "node:fs";
import { leerImagen } from "./http.ts";
import {
  clienteGraphDesdeContexto,
  idCreado,
  reconciliarEnEdge,
  idGraph,
  mismoTexto,
  texto,
  type ClienteGraph,
  type PerfilGraph,
} from "./graph.ts";
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
 * Facebook Page adapter (Graph API v26.0): text posts to /{page-id}/feed with message and link,
 * image posts to /{page-id}/photos (file upload, alt text), edits by POST to the post id,
 * reconciliation by finding the note URL among the page's recent posts.
 */

const PERFIL: PerfilGraph = {
  red: "facebook",
  tokenNuevo: "un token de página nuevo",
  permisos: "pages_manage_posts y pages_read_engagement",
};

function escaparRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** true when `texto` contains the note URL (with or without trailing slash, not as a prefix of another URL). */
export function contieneEnlace(textoPost: string | undefined, enlace: string): boolean {
  if (!textoPost) return false;
  const base = escaparRegex(enlace.replace(/\/+$/, ""));
  return new RegExp(`${base}(?:/(?![\\w-])|(?![\\w/-]))`).test(textoPost);
}

/** The post message: the network text, with the note URL appended when the text does not carry it. */
export function mensajeFacebook(p: Publicacion): string {
  return contieneEnlace(p.texto, p.enlace) ? p.texto : `${p.texto.trimEnd()}\n\n${p.enlace}`;
}

/** Public URL of a post when Graph did not give its permalink: facebook.com resolves {page}_{post} ids. */
function urlDePost(idPost: string): string {
  return `https://www.facebook.com/${idPost}`;
}

function crearAdaptadorFacebook(cliente: ClienteGraph, paginaId: string | undefined, env: NodeJS.ProcessEnv): AdaptadorRed {
  const pagina = (): string => {
    if (paginaId) return paginaId;
    throw new ErrorRed(
      "Falta el identificador de la página de Facebook: agregue redes.facebook.opciones.paginaId " +
        '(solo dígitos, entre comillas, por ejemplo "100064000000001") en config/institucion.yaml.',
      "permanente",
    );
  };

  /** Never throws: once the post exists, a failed permalink read must not turn it into a failure. */
  async function enlacePermanente(idPost: string): Promise<string> {
    try {
      return texto(await cliente.get(idPost, { fields: "permalink_url" }), "permalink_url") ?? urlDePost(idPost);
    } catch {
      return urlDePost(idPost);
    }
  }

  return {
    red: "facebook",
    edita: REGISTRO.facebook.capacidades.edita,
    solicitudes: cliente.solicitudes,

    async publicar(p: Publicacion): Promise<PostRemoto> {
      const id = pagina();
      const mensaje = mensajeFacebook(p);
      let idPost: string | undefined;
      if (p.imagen) {
        const formulario = new FormData();
        formulario.set("caption", mensaje);
        formulario.set("alt_text_custom", p.imagen.alt);
        // The file when it is here (its type read from its bytes); otherwise Graph fetches the public URL.
        if (existsSync(p.imagen.ruta)) {
          const imagen = await leerImagen({ nombre: "Facebook", env }, p.imagen.ruta);
          formulario.set("source", new Blob([imagen.datos], { type: imagen.tipo }), imagen.nombre);
        } else formulario.set("url", p.imagen.url);
        const datos = await cliente.post(`${id}/photos`, formulario);
        idPost = texto(datos, "post_id") ?? texto(datos, "id");
      } else {
        const datos = await cliente.post(`${id}/feed`, { message: mensaje, link: p.enlace });
        idPost = texto(datos, "id");
      }
      const creado = idCreado("Facebook", idPost, "la publicación", "la página");
      return { idRemoto: creado, url: await enlacePermanente(creado) };
    },

    reconciliar(p: Publicacion): Promise<Reconciliacion> {
      return reconciliarEnEdge(
        cliente,
        `${pagina()}/posts`,
        { fields: "id,message,permalink_url,created_time", limit: "25" },
        (post) => contieneEnlace(texto(post, "message"), p.enlace),
        {
          noAparece: (n) => `el enlace ${p.enlace} no aparece en las ${n} publicaciones más recientes de la página`,
          post: (item, id) => ({ idRemoto: id, url: texto(item, "permalink_url") ?? urlDePost(id) }),
          sinId: "Facebook devolvió una publicación sin identificador",
        },
      );
    },

    async corregir(c: Correccion): Promise<PostRemoto> {
      const datos = await cliente.post(c.original.idRemoto, { message: mensajeFacebook(c.publicacion) });
      if (datos.success !== true) {
        throw new ErrorRed(
          `Facebook no confirmó la edición de la publicación ${c.original.idRemoto}; se reintentará.`,
          "transitorio",
        );
      }
      return c.original;
    },

    async reconciliarCorreccion(c: Correccion): Promise<Reconciliacion> {
      const datos = await cliente.get(c.original.idRemoto, { fields: "message" });
      return mismoTexto(texto(datos, "message"), mensajeFacebook(c.publicacion))
        ? { estado: "publicado", post: c.original }
        : { estado: "no-publicado" };
    },
  };
}

/** Facebook adapter, or undefined when FACEBOOK_TOKEN or the redes.facebook account is missing. */
export const crearAdaptador: FabricaAdaptador = (ctx) => {
  const cuenta = ctx.institucion.redes.facebook;
  const cliente = clienteGraphDesdeContexto(ctx, PERFIL);
  if (!cliente || !cuenta) return undefined;
  return crearAdaptadorFacebook(cliente, idGraph(cuenta.opciones.paginaId), ctx.env);
};
