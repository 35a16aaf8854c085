import { describe, it, expect } from "vitest";
import path from "node:path";
import { cargarInstitucion, cargarNotas } from "../../scripts/lib/content/index.ts";
import { proximaRevision } from "../../scripts/lib/publish/agenda.ts";
import { calcularPendientes } from "../../scripts/lib/publish/pendientes.ts";
import { RAIZ } from "../ayudas/raiz.ts";
import { registroNuevo, type Registro } from "../../scripts/lib/ledger/index.ts";

/** The four notes of the scenario, read with the real config. */
const FIXTURE = path.join(import.meta.dirname, "fixtures/una-redaccion-con-cuatro-notas");
const institucion = cargarInstitucion(RAIZ);
const { notas } = cargarNotas(institucion, { raiz: FIXTURE });

const entrada = (registros: Map<string, Registro>, ahora: string, esperan = false) => ({
  notas,
  registros,
  institucion,
  ahora: new Date(ahora),
  esperan,
  hashActual: () => "h",
  credencialActual: () => "c",
});

/** Records saying every due (note, network) at `ahora` went out. */
function todoPublicado(ahora: string): Map<string, Registro> {
  const registros = new Map<string, Registro>();
  for (const t of calcularPendientes(entrada(new Map(), ahora)).trabajos) {
    const r =
      registros.get(t.nota.id) ??
      registroNuevo({
        notaId: t.nota.id,
        archivo: t.nota.archivo,
        titulo: t.nota.datos.titulo,
        dependencia: t.nota.datos.dependencia,
      });
    r.redes[t.red] = {
      estado: "publicado",
      intentos: 1,
      programado: "2026-11-20T08:00:00-05:00",
      hashEnviado: "h",
      credencial: "c",
      clave: "cvg",
      version: t.version,
      correcciones: [],
      actualizado: "2026-11-21T09:00:00-05:00",
    };
    registros.set(t.nota.id, r);
  }
  return registros;
}

describe("la agenda de publicación (próxima revisión)", () => {
  it("con trabajo pendiente ahora, la próxima revisión es ahora", () => {
    const ahora = "2026-11-21T09:00:00-05:00";
    expect(proximaRevision(entrada(new Map(), ahora))?.toISOString()).toBe(new Date(ahora).toISOString());
  });

  it("con todo publicado, es la hora de la próxima nota programada con redes (no la de un borrador)", () => {
    const ahora = "2026-11-21T09:00:00-05:00";
    expect(proximaRevision(entrada(todoPublicado(ahora), ahora))?.toISOString()).toBe(
      new Date("2026-11-25T07:00:00-05:00").toISOString(),
    );
  });

  it("sin notas futuras ni reintentos, no hay próxima revisión", () => {
    const ahora = "2026-11-26T09:00:00-05:00";
    expect(proximaRevision(entrada(todoPublicado(ahora), ahora))).toBeNull();
  });

  it("una nota que espera al sitio nuevo deja la revisión en ahora", () => {
    const ahora = "2026-11-26T09:00:00-05:00";
    expect(proximaRevision(entrada(todoPublicado(ahora), ahora, true))?.toISOString()).toBe(new Date(ahora).toISOString());
  });
});
