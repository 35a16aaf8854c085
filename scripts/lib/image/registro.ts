import { spawnSync } from "node:child_process";
import { parse } from "yaml";
import { ErrorConvergente } from "../content/problems.ts";
import { cambioDeImagenSchema, campanaSchema, type CambioDeImagen } from "../content/schema/imagen.ts";
import { isoBogota } from "../content/time.ts";

/**
 * The log of image changes (step 5), derived from the repository: every commit that touched
 * config/institucion.yaml is compared with the one before it, section `imagen` only, and each
 * theme, campaign or urgent notice that appeared, changed or went away is one entry with the
 * `motivo` the config gives it. Nothing is stored besides git and the config, so the log cannot
 * drift from what was really published. The monthly report (scripts/lib/reports/) calls
 * `cambiosDeImagen(raiz, mes)`.
 */

const CONFIG = "config/institucion.yaml";

function git(raiz: string, args: string[]): string {
  const r = spawnSync("git", args, { cwd: raiz, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new ErrorConvergente(`No se pudo leer el historial de ${CONFIG} con git: ${(r.stderr || "").trim()}`);
  return r.stdout;
}

/** The raw `imagen` section at a commit (undefined when absent or when the YAML does not parse). */
function imagenEn(raiz: string, commit: string): Record<string, unknown> | undefined {
  const r = spawnSync("git", ["show", `${commit}:./${CONFIG}`], { cwd: raiz, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) return undefined;
  try {
    const doc = parse(r.stdout) as { imagen?: unknown } | null;
    const img = doc?.imagen;
    return img && typeof img === "object" ? (img as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

type Crudo = Record<string, unknown>;
const lista = (x: unknown): Crudo[] => (Array.isArray(x) ? (x.filter((e) => e && typeof e === "object") as Crudo[]) : []);
const igual = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
function motivoDe(x: unknown): CambioDeImagen["motivo"] {
  if (!x || typeof x !== "object") return undefined;
  const m = x as Crudo;
  if (typeof m.texto !== "string") return undefined;
  const inquietudes = Array.isArray(m.inquietudes) ? m.inquietudes.map(String) : [];
  return { texto: m.texto.trim(), inquietudes };
}
/** Instant of a campaign field as ISO with the Bogotá offset, through the same schema as the config. */
function ventana(c: Crudo): { inicio?: string; fin?: string } {
  const r = campanaSchema.safeParse(c);
  return r.success ? { inicio: isoBogota(r.data.inicio), fin: isoBogota(r.data.fin) } : {};
}

/** The entries between two states of the `imagen` section. */
export function diferencias(antes: Crudo | undefined, despues: Crudo | undefined): Omit<CambioDeImagen, "fecha" | "commit">[] {
  const out: Omit<CambioDeImagen, "fecha" | "commit">[] = [];
  const temaA = (antes?.tema ?? {}) as Crudo;
  const temaD = (despues?.tema ?? {}) as Crudo;
  if (!igual(temaA, temaD))
    out.push({
      tipo: "tema",
      accion: antes?.tema === undefined ? "nueva" : despues?.tema === undefined ? "retirada" : "modificada",
      id: "tema",
      nombre: "Tema institucional",
      motivo: motivoDe(temaD.motivo) ?? motivoDe(temaA.motivo),
    });
  for (const [tipo, clave] of [
    ["campana", "campanas"],
    ["aviso", "avisos"],
  ] as const) {
    const a = new Map(lista(antes?.[clave]).map((e) => [String(e.id), e]));
    const d = new Map(lista(despues?.[clave]).map((e) => [String(e.id), e]));
    for (const [id, e] of d) {
      const previo = a.get(id);
      if (previo && igual(previo, e)) continue;
      out.push({
        tipo,
        accion: previo ? "modificada" : "nueva",
        id,
        nombre: typeof e.nombre === "string" ? e.nombre : typeof e.texto === "string" ? e.texto : id,
        ...(tipo === "campana" ? ventana(e) : {}),
        motivo: motivoDe(e.motivo),
      });
    }
    for (const [id, e] of a)
      if (!d.has(id))
        out.push({
          tipo,
          accion: "retirada",
          id,
          nombre: typeof e.nombre === "string" ? e.nombre : typeof e.texto === "string" ? e.texto : id,
          motivo: motivoDe(e.motivo),
        });
  }
  return out;
}

const MES = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Start and end (excluded) of a month "AAAA-MM" in Bogotá. */
export function limitesMes(mes: string): { desde: Date; hasta: Date } {
  const m = MES.exec(mes);
  if (!m) throw new ErrorConvergente(`El mes «${mes}» no es válido: escríbalo como AAAA-MM, por ejemplo 2026-12.`);
  const anio = Number(m[1]);
  const n = Number(m[2]);
  const siguiente = n === 12 ? `${anio + 1}-01` : `${anio}-${String(n + 1).padStart(2, "0")}`;
  return { desde: new Date(`${mes}-01T00:00:00-05:00`), hasta: new Date(`${siguiente}-01T00:00:00-05:00`) };
}

/**
 * Every change of the institutional image committed in month `mes` ("AAAA-MM", Bogotá), oldest
 * first, from the git history of config/institucion.yaml under `raiz`. Each entry says what
 * changed (tema, campana, aviso), how (nueva, modificada, retirada), when, in which commit, and
 * its `motivo` (text and the labels of the inquiries that asked for it). Stable signature: the
 * monthly report calls it.
 */
export function cambiosDeImagen(raiz: string, mes: string): CambioDeImagen[] {
  const { desde, hasta } = limitesMes(mes);
  const log = git(raiz, ["log", "--reverse", "--format=%H %cI", "--", CONFIG]).trim();
  if (!log) return [];
  const cambios: CambioDeImagen[] = [];
  let previa: Crudo | undefined;
  for (const linea of log.split("\n")) {
    const [commit, fechaCommit] = linea.split(" ") as [string, string];
    const actual = imagenEn(raiz, commit);
    const fecha = new Date(fechaCommit);
    if (fecha >= desde && fecha < hasta)
      for (const d of diferencias(previa, actual))
        cambios.push(cambioDeImagenSchema.parse({ ...d, fecha: isoBogota(fecha), commit }));
    previa = actual;
  }
  return cambios;
}
