import { describe, it, expect } from "vitest";
import path from "node:path";
import { cargarInstitucion, cargarNotas, type Nota } from "../../scripts/lib/content/index.ts";
import { calcularPendientes, type EntradaPendientes } from "../../scripts/lib/publish/pendientes.ts";
import { RAIZ } from "../ayudas/raiz.ts";
import { registroNuevo, type EntradaRed, type Registro } from "../../scripts/lib/ledger/index.ts";
import type { Red } from "../../scripts/lib/content/schema/redes.ts";

/** The four notes of the scenario, read with the real config. */
const FIXTURE = path.join(import.meta.dirname, "fixtures/una-redaccion-con-cuatro-notas");
const institucion = cargarInstitucion(RAIZ);
const { notas, problemas } = cargarNotas(institucion, { raiz: FIXTURE });
const nota = (slug: string): Nota => notas.find((n) => n.slug === slug)!;

function entrada(cambios: Partial<EntradaRed> = {}): EntradaRed {
  return {
    estado: "publicado",
    intentos: 1,
    idRemoto: "1",
    url: "https://x.example/1",
    programado: "2026-11-20T10:00:00-05:00",
    hashEnviado: "hash-actual",
    credencial: "cred-actual",
    clave: "cvg-abc",
    version: "original",
    correcciones: [],
    actualizado: "2026-11-20T10:00:05-05:00",
    ...cambios,
  };
}

function pendientes(ahora: string, registros: Map<string, Registro> = new Map(), extra: Partial<EntradaPendientes> = {}) {
  return calcularPendientes({
    notas,
    registros,
    institucion,
    ahora: new Date(ahora),
    hashActual: () => "hash-actual",
    credencialActual: () => "cred-actual",
    ...extra,
  });
}

function registroCon(slug: string, red: Red, e: EntradaRed): Map<string, Registro> {
  const n = nota(slug);
  const r = registroNuevo({ notaId: n.id, archivo: n.archivo, titulo: n.datos.titulo, dependencia: n.datos.dependencia });
  r.redes[red] = e;
  return new Map([[n.id, r]]);
}

const pares = (t: { nota: Nota; red: Red }[]) => t.map((x) => `${x.nota.slug}:${x.red}`);

describe("qué hay pendiente de publicar", () => {
  it("las notas del fixture son válidas", () => {
    expect(problemas).toEqual([]);
    expect(notas).toHaveLength(4);
  });

  it("con --ahora antes de la hora de una nota no la publica", () => {
    const { trabajos } = pendientes("2026-11-20T09:00:00-05:00");
    expect(pares(trabajos)).toEqual([
      "festival-del-campesino:facebook",
      "festival-del-campesino:instagram",
      "festival-del-campesino:telegram",
      "festival-del-campesino:bluesky",
    ]);
  });

  it("con --ahora después de la hora publica y la urgente va primero", () => {
    const { trabajos } = pendientes("2026-11-20T10:00:00-05:00");
    expect(pares(trabajos)).toEqual([
      "cierre-de-via:facebook",
      "cierre-de-via:x",
      "cierre-de-via:mastodon",
      "festival-del-campesino:facebook",
      "festival-del-campesino:instagram",
      "festival-del-campesino:telegram",
      "festival-del-campesino:bluesky",
    ]);
    expect(trabajos.every((t) => t.accion === "publicar" && t.version === "original")).toBe(true);
  });

  it("nunca publica un borrador, aunque su fecha haya pasado hace años", () => {
    const { trabajos } = pendientes("2030-01-01T00:00:00-05:00");
    expect(trabajos.some((t) => t.nota.slug === "borrador-vacunacion")).toBe(false);
    expect(trabajos.some((t) => t.nota.slug === "mercado-campesino")).toBe(true);
  });

  it("con --canal solo considera esa red", () => {
    const { trabajos } = pendientes("2026-11-21T09:00:00-05:00", new Map(), { canal: "facebook" });
    expect(pares(trabajos)).toEqual(["cierre-de-via:facebook", "festival-del-campesino:facebook"]);
  });

  it("no vuelve a publicar lo que el registro marca como publicado", () => {
    const { trabajos } = pendientes("2026-11-21T09:00:00-05:00", registroCon("cierre-de-via", "x", entrada()));
    expect(pares(trabajos)).not.toContain("cierre-de-via:x");
    expect(pares(trabajos)).toContain("cierre-de-via:facebook");
  });

  it("una entrada que quedó «enviando» se reconcilia, nunca se reenvía a ciegas", () => {
    const { trabajos } = pendientes(
      "2026-11-21T09:00:00-05:00",
      registroCon("cierre-de-via", "x", entrada({ estado: "enviando" })),
    );
    expect(trabajos.find((t) => t.red === "x")?.accion).toBe("reconciliar");
  });

  it("tras errores transitorios agotados, la siguiente corrida reconcilia antes de reintentar", () => {
    const e = entrada({
      estado: "fallido",
      ultimoError: { tipo: "transitorio", mensaje: "503", fecha: "2026-11-20T10:00:05-05:00" },
    });
    const { trabajos } = pendientes("2026-11-21T09:00:00-05:00", registroCon("cierre-de-via", "x", e));
    expect(trabajos.find((t) => t.red === "x")?.accion).toBe("reconciliar");
  });

  it("un error permanente no se reintenta hasta que cambie el texto o las credenciales", () => {
    const e = entrada({
      estado: "fallido",
      ultimoError: { tipo: "permanente", mensaje: "token", fecha: "2026-11-20T10:00:05-05:00" },
    });
    const reg = registroCon("cierre-de-via", "x", e);
    const sinCambio = pendientes("2026-11-21T09:00:00-05:00", reg);
    expect(pares(sinCambio.trabajos)).not.toContain("cierre-de-via:x");
    expect(sinCambio.atencion.map((a) => `${a.red}:${a.estado}`)).toEqual(["x:fallido"]);
    const otroTexto = pendientes("2026-11-21T09:00:00-05:00", reg, { hashActual: () => "otro" }).trabajos;
    expect(otroTexto.find((t) => t.red === "x")?.accion).toBe("publicar");
    const otraCredencial = pendientes("2026-11-21T09:00:00-05:00", reg, { credencialActual: () => "nueva" }).trabajos;
    expect(otraCredencial.find((t) => t.red === "x")?.accion).toBe("publicar");
  });

  it("una entrada incierta espera a una persona y se lista para resolverla", () => {
    const e = entrada({
      estado: "incierto",
      ultimoError: { tipo: "incierto", mensaje: "lista incompleta", fecha: "2026-11-20T10:00:05-05:00" },
    });
    const r = pendientes("2026-11-21T09:00:00-05:00", registroCon("cierre-de-via", "x", e));
    expect(pares(r.trabajos)).not.toContain("cierre-de-via:x");
    expect(r.atencion.map((a) => `${a.nota.slug}:${a.red}:${a.estado}:${a.motivo}`)).toEqual([
      "cierre-de-via:x:incierto:lista incompleta",
    ]);
  });

  it("pide reintentar cuando una persona lo decidió con --resolver", () => {
    const e = entrada({
      estado: "fallido",
      ultimoError: { tipo: "manual", mensaje: "reintentar", fecha: "2026-11-20T10:00:05-05:00" },
    });
    const { trabajos } = pendientes("2026-11-21T09:00:00-05:00", registroCon("cierre-de-via", "x", e));
    expect(trabajos.find((t) => t.red === "x")?.accion).toBe("publicar");
  });

  it("una corrección nueva se envía una vez por versión", () => {
    const n = nota("cierre-de-via");
    const corregida: Nota = {
      ...n,
      datos: {
        ...n.datos,
        correcciones: [
          { fecha: new Date("2026-11-20T12:00:00-05:00"), descripcion: "La vía cierra a las 11 p. m., no a las 10 p. m." },
        ],
      },
    };
    const base = {
      notas: [corregida],
      institucion,
      ahora: new Date("2026-11-21T09:00:00-05:00"),
      hashActual: () => "h",
      credencialActual: () => "cred-actual",
    };
    const sin = registroCon("cierre-de-via", "x", entrada());
    expect(calcularPendientes({ ...base, registros: sin }).trabajos.map((t) => `${t.red}:${t.accion}:${t.version}`)).toContain(
      "x:corregir:correccion-1",
    );
    const hecha = registroCon(
      "cierre-de-via",
      "x",
      entrada({
        version: "correccion-1",
        correcciones: [
          {
            version: "correccion-1",
            estado: "publicado",
            modo: "respuesta",
            fecha: "2026-11-20T12:00:05-05:00",
            hash: "h",
            clave: "c",
            intentos: 1,
          },
        ],
      }),
    );
    expect(calcularPendientes({ ...base, registros: hecha }).trabajos.some((t) => t.red === "x")).toBe(false);
    const aMedias = registroCon(
      "cierre-de-via",
      "x",
      entrada({
        correcciones: [
          {
            version: "correccion-1",
            estado: "enviando",
            modo: "respuesta",
            fecha: "2026-11-20T12:00:05-05:00",
            hash: "h",
            clave: "c",
            intentos: 1,
          },
        ],
      }),
    );
    expect(calcularPendientes({ ...base, registros: aMedias }).trabajos.find((t) => t.red === "x")?.accion).toBe(
      "reconciliar-correccion",
    );
  });

  describe("límites con hora de reinicio y envíos que la red no recibió", () => {
    const trabajoX = (e: EntradaRed, ahora: string) =>
      pendientes(ahora, registroCon("cierre-de-via", "x", e)).trabajos.find((t) => t.red === "x");
    const enEspera = entrada({
      estado: "en-espera",
      idRemoto: undefined,
      url: undefined,
      reintentarDesde: "2026-11-21T10:00:00-05:00",
      ultimoError: {
        mensaje: "X limitó las solicitudes (límite de 24 horas)",
        tipo: "transitorio",
        codigo: 429,
        noProcesado: true,
        fecha: "2026-11-20T10:00:05-05:00",
      },
    });

    it("una entrada en espera no se toca antes de su hora, ni pide a una persona", () => {
      const r = pendientes("2026-11-21T09:59:00-05:00", registroCon("cierre-de-via", "x", enEspera));
      expect(r.trabajos.some((t) => t.red === "x")).toBe(false);
      expect(r.atencion.some((a) => a.red === "x")).toBe(false);
    });

    it("pasada su hora se publica sin reconciliar (la red la rechazó: nada salió)", () => {
      expect(trabajoX(enEspera, "2026-11-21T10:00:01-05:00")).toMatchObject({ accion: "publicar", version: "original" });
    });

    it("un envío de resultado desconocido que debe esperar se reconcilia después de la hora, no antes", () => {
      const dudosa = entrada({ estado: "enviando", idRemoto: undefined, reintentarDesde: "2026-11-21T10:00:00-05:00" });
      expect(trabajoX(dudosa, "2026-11-21T09:00:00-05:00")).toBeUndefined();
      expect(trabajoX(dudosa, "2026-11-21T11:00:00-05:00")?.accion).toBe("reconciliar");
    });

    it("tras errores transitorios reconcilia, salvo que el último envío no haya llegado a la red", () => {
      const error = { mensaje: "m", tipo: "transitorio" as const, fecha: "2026-11-20T10:00:05-05:00" };
      const dudosa = entrada({ estado: "fallido", idRemoto: undefined, ultimoError: { ...error, codigo: 503 } });
      expect(trabajoX(dudosa, "2026-11-21T09:00:00-05:00")?.accion).toBe("reconciliar");
      const rechazada = entrada({
        estado: "fallido",
        idRemoto: undefined,
        ultimoError: { ...error, codigo: "ECONNREFUSED", noProcesado: true },
      });
      expect(trabajoX(rechazada, "2026-11-21T09:00:00-05:00")?.accion).toBe("publicar");
    });
  });
});
