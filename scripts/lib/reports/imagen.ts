import { spawnSync } from "node:child_process";
import type { CambioImagen } from "../content/schema/informe.ts";
import { cambiosDeImagen } from "../image/registro.ts";

/**
 * The image changes of a month (procedure step 5) for the report, from the image log of issue
 * «Imagen institucional» (image/registro.ts#cambiosDeImagen: the git history of the config's
 * `imagen` section, each change with its motivo). Without git history (a copy of the content
 * outside a repository) the log cannot exist: the report says «no disponible», never «no changes».
 */

const TIPO = { tema: "Tema del sitio", campana: "Campaña", aviso: "Aviso urgente" } as const;
const ACCION = { nueva: "nueva", modificada: "modificada", retirada: "retirada" } as const;

export function leerCambiosDeImagen(raiz: string, periodo: string): { archivos: string[]; cambios: CambioImagen[] } | undefined {
  const dentro = spawnSync("git", ["rev-parse", "--is-inside-work-tree"], { cwd: raiz, encoding: "utf8" });
  if (dentro.status !== 0 || dentro.stdout.trim() !== "true") return undefined;
  const cambios = cambiosDeImagen(raiz, periodo).map((c) => ({
    fecha: c.fecha.slice(0, 10),
    descripcion: `${TIPO[c.tipo]}${c.tipo === "tema" ? "" : ` «${c.nombre}»`}: ${ACCION[c.accion]}`,
    motivo: c.motivo?.texto.trim().replace(/\.$/, "") || "sin motivo registrado",
  }));
  return { archivos: ["config/institucion.yaml"], cambios };
}
