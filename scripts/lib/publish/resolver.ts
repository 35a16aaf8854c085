import type { EntradaRed, Registro, Resolucion } from "../ledger/schema.ts";
import type { Red } from "../content/schema/redes.ts";
import { ErrorUso } from "../cli/comando.ts";

export interface DecisionPersona {
  accion: "publicado" | "reintentar";
  /** Public URL of the post a person found (accion publicado). */
  url?: string;
  /** Remote id; by default the last segment of the URL. */
  idRemoto?: string;
  /** When the decision is taken (ISO, Bogotá offset). */
  fecha: string;
  por?: string;
}

/** Remote id from a post URL: its last non-empty path segment (status id, tweet id, message id...). */
export function idDesdeUrl(url: string): string {
  const u = new URL(url);
  const partes = u.pathname.split("/").filter(Boolean);
  return partes.at(-1) ?? url;
}

/**
 * Applies a person's decision to an `incierto` (or failed, or stuck) entry or correction. Pure: it
 * changes the given record and returns a Spanish description. `publicado` records the URL found
 * on the network; `reintentar` makes the next run publish again.
 */
export function aplicarResolucion(registro: Registro, red: Red, d: DecisionPersona, nuevaEntrada: () => EntradaRed): string {
  if (d.accion === "publicado") {
    if (!d.url) throw new ErrorUso("falta la URL de la publicación: --resolver NOTA RED publicado URL");
    let u: URL;
    try {
      u = new URL(d.url);
    } catch {
      throw new ErrorUso(`«${d.url}» no es una URL completa (https://...)`);
    }
    if (u.protocol !== "https:" && u.protocol !== "http:") throw new ErrorUso(`«${d.url}» no es una URL web (https://...)`);
  }
  let entrada = registro.redes[red];
  const resolucion = (estadoPrevio: Resolucion["estadoPrevio"]): Resolucion => ({
    accion: d.accion,
    fecha: d.fecha,
    estadoPrevio,
    ...(d.por ? { por: d.por } : {}),
  });
  if (!entrada) {
    if (d.accion === "reintentar") throw new ErrorUso(`la nota no tiene registro en ${red}: no hay nada que reintentar`);
    entrada = nuevaEntrada();
    registro.redes[red] = entrada;
  }
  const correccion = entrada.estado === "publicado" ? entrada.correcciones.find((c) => c.estado !== "publicado") : undefined;
  if (correccion) {
    correccion.resolucion = resolucion(correccion.estado);
    if (d.accion === "publicado") {
      Object.assign(correccion, { estado: "publicado", url: d.url, idRemoto: d.idRemoto ?? idDesdeUrl(d.url!), fecha: d.fecha });
      entrada.version = correccion.version;
      entrada.actualizado = d.fecha;
      return `La corrección ${correccion.version} en ${red} quedó como publicada (${d.url}).`;
    }
    Object.assign(correccion, {
      estado: "fallido",
      fecha: d.fecha,
      ultimoError: { tipo: "manual", mensaje: "una persona pidió reintentar la corrección", fecha: d.fecha },
    });
    entrada.actualizado = d.fecha;
    return `La corrección ${correccion.version} en ${red} se enviará de nuevo en la próxima ejecución.`;
  }
  const previo = entrada.estado;
  entrada.resolucion = resolucion(previo);
  if (d.accion === "publicado") {
    const publicadoEn = entrada.publicadoEn ?? (previo === "publicado" ? d.fecha : entrada.actualizado);
    Object.assign(entrada, {
      estado: "publicado",
      url: d.url,
      idRemoto: d.idRemoto ?? idDesdeUrl(d.url!),
      publicadoEn,
      demoraSegundos: Math.round((new Date(publicadoEn).getTime() - new Date(entrada.programado).getTime()) / 1000),
      actualizado: d.fecha,
    });
    return `La publicación en ${red} quedó como publicada (${d.url}).`;
  }
  if (previo === "publicado")
    throw new ErrorUso(`la nota ya está publicada en ${red} (${entrada.url ?? "sin URL"}); no hay nada que reintentar`);
  Object.assign(entrada, {
    estado: "fallido",
    actualizado: d.fecha,
    ultimoError: { tipo: "manual", mensaje: "una persona pidió reintentar la publicación", fecha: d.fecha },
  });
  return `La publicación en ${red} se enviará de nuevo en la próxima ejecución de «prensa publicar».`;
}
