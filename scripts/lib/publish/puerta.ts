import { createHash } from "node:crypto";

/**
 * The publishing gate's decisions, pure. The gate runs on every scheduled run (144 a day) before
 * anything is installed, so this module and the command that uses it (compuerta.ts) import only
 * Node's built-ins: they read the deployed site's construccion.json, the records as plain JSON,
 * the agenda and git, and decide whether the run must build the site and whether it must publish.
 */

/** The parts of a record the gate and the build fingerprint (plain JSON, not validated here). */
export interface RegistroCrudo {
  notaId?: unknown;
  redes?: Record<string, { estado?: unknown; url?: unknown } | undefined>;
}

/**
 * Fingerprint of the posts the site links to («También en»: every published entry with a URL).
 * The build stores it in construccion.json; when the records gain a link the site is stale.
 */
export function huellaEnlaces(registros: Iterable<RegistroCrudo>): string {
  const lineas: string[] = [];
  for (const r of registros) {
    if (typeof r.notaId !== "string") continue;
    for (const [red, e] of Object.entries(r.redes ?? {}))
      if (e?.estado === "publicado" && typeof e.url === "string") lineas.push(`${r.notaId} ${red} ${e.url}`);
  }
  lineas.sort();
  return createHash("sha256").update(lineas.join("\n")).digest("hex").slice(0, 16);
}

/** What the deployed site says it shows (its construccion.json), already read. */
export interface Desplegado {
  commit: string | null;
  instante: Date;
  proximas: Date[];
  enlaces: string;
}

export interface EntradaPuerta {
  /** undefined when the deployed site could not be read. */
  desplegado?: Desplegado;
  /** Files changed between the deployed commit and HEAD; undefined when git cannot tell. */
  cambios?: readonly string[];
  ahora: Date;
  /** The agenda's next instant: null = nothing becomes due by itself; undefined = no agenda yet. */
  proxima: Date | null | undefined;
  /** huellaEnlaces of the records now. */
  enlaces: string;
  /** A person started the run by hand: build and publish. */
  forzar?: boolean;
}

export interface DecisionPuerta {
  construir: boolean;
  publicar: boolean;
  /** Why, in Spanish, one line each. */
  motivos: string[];
}

/**
 * Files no page shows: the publication records (written by the publisher itself; they change the
 * pages only through their links, see enlaces) and the daily data of the reports (metrics
 * snapshots and inbox aggregates, committed by metricas.yml; the report pages come from
 * content/reportes/AAAA/MM/ once a report is merged).
 */
const NO_CAMBIAN_EL_SITIO = /^content\/(publicaciones|reportes\/datos)\//;

export function decidirPuerta(e: EntradaPuerta): DecisionPuerta {
  // Reasons that change what the site shows as news (new or edited notes, a scheduled note that
  // became public): the new site must be built, and then what it shows may be due on the networks.
  const contenido: string[] = [];
  // Reasons that change only the links to posts («También en»): a build, no publishing run.
  const enlaces: string[] = [];
  if (e.forzar) contenido.push("ejecución manual: se construye y se publica");
  if (!e.desplegado) contenido.push("no se pudo leer construccion.json del sitio desplegado: se construye de nuevo");
  else {
    if (!e.desplegado.commit || !e.cambios) contenido.push("no se sabe de qué commit salió el sitio desplegado");
    else {
      const otros = e.cambios.filter((c) => !NO_CAMBIAN_EL_SITIO.test(c));
      if (otros.length)
        contenido.push(
          `${otros.length} ${otros.length === 1 ? "archivo cambió" : "archivos cambiaron"} desde el sitio desplegado (${otros.slice(0, 3).join(", ")}${otros.length > 3 ? ", …" : ""})`,
        );
    }
    const vencidas = e.desplegado.proximas.filter((p) => p.getTime() <= e.ahora.getTime());
    if (vencidas.length)
      contenido.push(
        `${vencidas.length} ${vencidas.length === 1 ? "nota programada ya es pública" : "notas programadas ya son públicas"}`,
      );
    if (e.desplegado.enlaces !== e.enlaces) enlaces.push("el registro tiene publicaciones nuevas que el sitio aún no enlaza");
  }
  const motivos = [...contenido, ...enlaces];
  const construir = motivos.length > 0;
  let publicar = contenido.length > 0;
  if (!publicar) {
    if (e.proxima === undefined) {
      motivos.push("no hay agenda de publicación (content/publicaciones/agenda.json): se publica para crearla");
      publicar = true;
    } else if (e.proxima !== null && e.proxima.getTime() <= e.ahora.getTime()) {
      motivos.push("hay publicaciones o reintentos que ya tocan según la agenda");
      publicar = true;
    }
  }
  if (!construir && !publicar) motivos.push("nada que hacer: el sitio está al día y no hay publicaciones pendientes");
  return { construir, publicar, motivos };
}

/** Reads a deployed construccion.json loosely (no dependencies here); undefined when it is not one. */
export function leerDesplegado(texto: string): Desplegado | undefined {
  let d: { esquema?: unknown; commit?: unknown; instante?: unknown; proximas?: unknown; enlaces?: unknown };
  try {
    d = JSON.parse(texto) as typeof d;
  } catch {
    return undefined;
  }
  const instante = typeof d.instante === "string" ? new Date(d.instante) : undefined;
  if (d.esquema !== 1 || !instante || Number.isNaN(instante.getTime()) || typeof d.enlaces !== "string") return undefined;
  const proximas = Array.isArray(d.proximas) ? d.proximas.map((p) => new Date(String(p))) : [];
  if (proximas.some((p) => Number.isNaN(p.getTime()))) return undefined;
  const commit = typeof d.commit === "string" && /^[0-9a-f]{40}$/.test(d.commit) ? d.commit : null;
  return { commit, instante, proximas, enlaces: d.enlaces };
}
