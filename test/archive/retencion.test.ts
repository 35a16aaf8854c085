import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { vencimientos } from "../../scripts/lib/archive/retencion.ts";
import type { Fuid } from "../../scripts/lib/archive/esquema.ts";
import { cargarInstitucion } from "../../scripts/lib/content/institucion.ts";
import { institucionSchema } from "../../scripts/lib/content/schema/institucion.ts";
import { esTrdCompleta, type TrdCompleta } from "../../scripts/lib/content/schema/trd.ts";
import { prensa } from "../ayudas/cli.ts";
import { raizCon } from "../ayudas/raiz.ts";

const institucion = cargarInstitucion();
const trd = institucion.trd as TrdCompleta;

const fila = (subserie: string, fechaFinal: string, numeroOrden = 1) => ({
  numeroOrden,
  codigo: `1100-${subserie}`,
  nombre: `Unidad ${subserie}`,
  fechaInicial: fechaFinal,
  fechaFinal,
  unidadConservacion: "Carpeta electrónica data/x/",
  numeroFolios: 3,
  soporte: "Electrónico",
  frecuenciaConsulta: "media",
  notas: "",
  subserie,
});
const inventario = (filas: ReturnType<typeof fila>[]): Fuid => ({
  esquema: 1,
  periodo: "2026-11",
  entidadRemitente: "x",
  entidadProductora: "x",
  unidadAdministrativa: "x",
  oficinaProductora: "x",
  objeto: "x",
  trd: "x",
  fecha: "2026-12-01",
  filas,
});

describe("retención documental por TRD (decisiones puras)", () => {
  it("la configuración de muestra trae la TRD completa de la oficina de prensa", () => {
    expect(esTrdCompleta(institucion.trd)).toBe(true);
    expect(trd.norma).toMatch(/Acuerdo 001 de 2024/);
    expect(Object.values(trd.artefactos).length).toBe(6);
  });

  it("nada vence dentro del archivo de gestión; luego toca transferir al central", () => {
    const inv = [inventario([fila("28.02", "2026-11-30")])];
    expect(vencimientos(trd, inv, "2028-11-29")).toEqual({ vencidos: [], alDia: 1 });
    const { vencidos } = vencimientos(trd, inv, "2028-11-30");
    expect(vencidos.map((v) => [v.accion, v.desde])).toEqual([["transferencia-central", "2028-11-30"]]);
  });

  it("al final de la retención aplica la disposición: conservación total y medio técnico para los boletines", () => {
    const { vencidos } = vencimientos(trd, [inventario([fila("28.02", "2026-11-30")])], "2036-11-30");
    expect(vencidos.map((v) => v.accion)).toEqual(["transferencia-historico", "medio-tecnico"]);
  });

  it("una eliminación sin acta no prepara lista; con un acta posterior que cubre la unidad, sí", () => {
    const inv = [inventario([fila("45.03", "2026-11-30")])];
    const sin = vencimientos(trd, inv, "2031-12-01").vencidos;
    expect(sin.map((v) => [v.accion, v.acta])).toEqual([["eliminacion", undefined]]);
    const conActa: TrdCompleta = {
      ...trd,
      actasEliminacion: [
        { numero: "CIGD-2031-004", fecha: "2031-12-01", subserie: "45.03", hasta: "2026-12-31", aprobadaPor: "Comité" },
      ],
    };
    expect(vencimientos(conActa, inv, "2031-12-01").vencidos.map((v) => v.acta)).toEqual(["CIGD-2031-004"]);
    // An acta that does not reach the unit's closing date does not cover it.
    const corta = { ...conActa, actasEliminacion: [{ ...conActa.actasEliminacion[0]!, hasta: "2026-10-31" }] };
    expect(vencimientos(corta, inv, "2031-12-01").vencidos.map((v) => v.acta)).toEqual([undefined]);
  });
});

describe("la TRD de la configuración se valida con zod y los errores nombran el campo", () => {
  const texto = readFileSync(path.join(import.meta.dirname, "../../config/institucion.yaml"), "utf8");
  it("un artefacto clasificado en una subserie que no existe es un error en español", () => {
    const doc = parseDocument(texto).toJS() as { trd: { artefactos: Record<string, string> } };
    doc.trd.artefactos.nota = "99.99";
    const r = institucionSchema.safeParse(doc);
    expect(r.success).toBe(false);
    const issue = r.error!.issues.find((i) => i.path.join(".") === "trd.artefactos.nota");
    expect(issue?.message).toMatch(/la subserie «99.99» no está en trd.series/);
  });
  it("conservación total y eliminación a la vez no es una disposición válida", () => {
    const doc = parseDocument(texto).toJS() as { trd: { series: { subseries: { disposicion: string[] }[] }[] } };
    doc.trd.series[0]!.subseries[0]!.disposicion = ["conservacion-total", "eliminacion"];
    expect(institucionSchema.safeParse(doc).success).toBe(false);
  });
});

describe("prensa archivo retencion", () => {
  const copia = raizCon();
  afterAll(() => copia.borrar());

  it("lista lo vencido, exige el acta para eliminar y nunca borra nada", () => {
    const carpeta = path.join(copia.raiz, "content/archivo");
    mkdirSync(carpeta, { recursive: true });
    writeFileSync(
      path.join(carpeta, "2026-11.json"),
      JSON.stringify(
        inventario([fila("28.02", "2026-11-30", 1), fila("45.03", "2026-11-20", 2), fila("36.12", "2026-11-30", 3)]),
      ),
    );
    const antes = readdirSync(carpeta);
    const r = prensa(
      ["archivo", "retencion", "--fecha", "2031-12-01", "--lista-eliminacion", path.join(copia.raiz, "eliminar.csv")],
      {
        PRENSA_RAIZ: copia.raiz,
      },
    );
    expect(r.error).toBe("");
    expect(r.codigo).toBe(0);
    expect(r.salida).toContain("Transferencia primaria al archivo central desde 2028-11-30: 1100-28.02");
    expect(r.salida).toContain("Eliminación desde 2031-11-20: 1100-45.03");
    expect(r.salida).toContain("FALTA el acta de eliminación");
    expect(r.salida).toContain("Lista de eliminación (0 unidades con acta)");
    expect(readFileSync(path.join(copia.raiz, "eliminar.csv"), "utf8").trim().split("\n")).toHaveLength(1);
    expect(readdirSync(carpeta)).toEqual(antes);
    expect(existsSync(path.join(carpeta, "2026-11.json"))).toBe(true);
  });
});
