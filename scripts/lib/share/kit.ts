import type { Nota } from "../content/notas.ts";
import type { GrupoComunitario, Institucion } from "../content/schema/institucion.ts";
import { urlDeNota } from "../copy/index.ts";

/** The ready-to-share message for one community group. */
export interface KitGrupo {
  grupo: GrupoComunitario;
  /** Note URL tagged with UTM parameters for this group. */
  url: string;
  /** Message to paste in the group. */
  mensaje: string;
  /** Click-to-share link: wa.me, the Facebook sharer or t.me/share. */
  compartir: string;
}

/** Whether a group wants a note: no interests means every note; else the note's department or a tag must match. */
export const leInteresa = (grupo: GrupoComunitario, nota: Pick<Nota, "datos">): boolean =>
  !grupo.intereses.length ||
  grupo.intereses.includes(nota.datos.dependencia) ||
  nota.datos.etiquetas.some((e) => grupo.intereses.includes(e));

/** Note URL with UTM tags: source = platform, medium = grupo-comunitario, campaign = note slug, content = group id. */
export function urlConUtm(base: string, grupo: GrupoComunitario, campana: string): string {
  const u = new URL(base);
  u.searchParams.set("utm_source", grupo.plataforma);
  u.searchParams.set("utm_medium", "grupo-comunitario");
  u.searchParams.set("utm_campaign", campana);
  u.searchParams.set("utm_content", grupo.id);
  return u.toString();
}

/** Click-to-share link for the group's platform. */
export function enlaceCompartir(grupo: GrupoComunitario, url: string, mensaje: string, titulo: string): string {
  switch (grupo.plataforma) {
    case "whatsapp":
      return `https://wa.me/?text=${encodeURIComponent(mensaje)}`;
    case "facebook":
      return `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}`;
    case "telegram":
      return `https://t.me/share/url?url=${encodeURIComponent(url)}&text=${encodeURIComponent(titulo)}`;
  }
}

/** The kit of a note: one entry per interested community group. Pure. */
export function construirKit(nota: Pick<Nota, "datos" | "url" | "slug">, institucion: Institucion): KitGrupo[] {
  const base = urlDeNota(nota, institucion);
  return institucion.gruposComunitarios
    .filter((g) => leInteresa(g, nota))
    .map((grupo) => {
      const url = urlConUtm(base, grupo, nota.slug);
      const mensaje = `${nota.datos.titulo.trim()}\n\n${nota.datos.resumen.trim()}\n\nMás información: ${url}\n— ${institucion.nombreCorto}`;
      return { grupo, url, mensaje, compartir: enlaceCompartir(grupo, url, mensaje, nota.datos.titulo.trim()) };
    });
}

const NOMBRE_PLATAFORMA = { whatsapp: "WhatsApp", facebook: "Facebook", telegram: "Telegram" } as const;

/** Checklist lines ("- [ ] Grupo (WhatsApp): enlace") for the publish summary. */
export function listaDeChequeo(kit: readonly KitGrupo[], compartidos: ReadonlySet<string> = new Set()): string[] {
  return kit.map(
    (k) =>
      `- [${compartidos.has(k.grupo.id) ? "x" : " "}] ${k.grupo.nombre} (${NOMBRE_PLATAFORMA[k.grupo.plataforma]}): ${k.compartir}`,
  );
}

export { NOMBRE_PLATAFORMA };
