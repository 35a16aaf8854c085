import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { buscarSubserie, type TrdCompleta } from "../content/schema/trd.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { mensajeIssue } from "../content/zod-es.ts";
import { fuidSchema, type FilaFuid, type Fuid } from "./esquema.ts";

/**
 * What is due by the TRD: pure decisions over the committed FUID rows (content/archivo/*.json).
 * Times count in whole years from the unit's closing date (fecha final). Nothing is ever deleted:
 * an elimination is only listed, and only when an approved acta in config covers the unit.
 */

export type Accion = "transferencia-central" | "transferencia-historico" | "seleccion" | "medio-tecnico" | "eliminacion";

export interface Vencimiento {
  periodo: string;
  fila: FilaFuid;
  accion: Accion;
  /** "AAAA-MM-DD" when it became due. */
  desde: string;
  /** For eliminations: the acta that allows preparing the list, when there is one. */
  acta?: string;
}

export const ACCIONES: Record<Accion, string> = {
  "transferencia-central": "Transferencia primaria al archivo central",
  "transferencia-historico": "Transferencia secundaria al archivo histórico (conservación total)",
  seleccion: "Selección (muestra según el procedimiento de la TRD)",
  "medio-tecnico": "Reproducción en medio técnico",
  eliminacion: "Eliminación",
};

const masAnios = (dia: string, anios: number) => `${Number(dia.slice(0, 4)) + anios}${dia.slice(4)}`;

/** Every due action at `hoy` ("AAAA-MM-DD"), plus how many units are not due yet. */
export function vencimientos(trd: TrdCompleta, inventarios: Fuid[], hoy: string): { vencidos: Vencimiento[]; alDia: number } {
  const vencidos: Vencimiento[] = [];
  let alDia = 0;
  for (const inv of inventarios) {
    for (const fila of inv.filas) {
      const s = buscarSubserie(trd, fila.subserie)?.subserie;
      if (!s) continue;
      const transferencia = masAnios(fila.fechaFinal, s.retencionGestion);
      const final = masAnios(fila.fechaFinal, s.retencionGestion + s.retencionCentral);
      if (hoy < transferencia) {
        alDia++;
        continue;
      }
      if (hoy < final) {
        vencidos.push({ periodo: inv.periodo, fila, accion: "transferencia-central", desde: transferencia });
        continue;
      }
      for (const d of s.disposicion) {
        const accion: Accion = d === "conservacion-total" ? "transferencia-historico" : d;
        const acta =
          accion === "eliminacion"
            ? trd.actasEliminacion.find((a) => a.subserie === fila.subserie && a.hasta >= fila.fechaFinal && a.fecha >= final)
                ?.numero
            : undefined;
        vencidos.push({ periodo: inv.periodo, fila, accion, desde: final, ...(acta ? { acta } : {}) });
      }
    }
  }
  return { vencidos, alDia };
}

/** Reads and validates every committed FUID under content/archivo/. */
export function leerInventarios(raiz: string): Fuid[] {
  const carpeta = path.join(raiz, "content/archivo");
  if (!existsSync(carpeta)) return [];
  return readdirSync(carpeta)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const archivo = `content/archivo/${f}`;
      let datos: unknown;
      try {
        datos = JSON.parse(readFileSync(path.join(carpeta, f), "utf8"));
      } catch {
        throw new ErrorConvergente(`El inventario ${archivo} no es JSON válido.`, [
          { archivo, mensaje: "JSON mal formado", arreglo: `restáurelo con git (git log -p -- ${archivo})` },
        ]);
      }
      const r = fuidSchema.safeParse(datos);
      if (!r.success)
        throw new ErrorConvergente(
          `El inventario ${archivo} no es válido.`,
          r.error.issues.map((i) => ({
            archivo,
            campo: i.path.join("."),
            mensaje: mensajeIssue(i),
            arreglo: "vuelva a generarlo con prensa archivo AAAA-MM",
          })),
        );
      return r.data;
    });
}
