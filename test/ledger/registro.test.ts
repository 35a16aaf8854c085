import { describe, it, expect } from "vitest";
import path from "node:path";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import {
  escribirRegistro,
  leerRegistro,
  registroNuevo,
  rutaRegistro,
  serializarRegistro,
} from "../../scripts/lib/ledger/index.ts";
import { ErrorConvergente } from "../../scripts/lib/content/problems.ts";
import { raizCon } from "../ayudas/raiz.ts";

const base = () => raizCon({ prefijo: "prensa-registro-" });

describe("el registro de publicaciones", () => {
  it("no existe para una nota que nunca se publicó", () => {
    const { raiz, borrar } = base();
    expect(leerRegistro(raiz, "2026/11/nada")).toBeUndefined();
    borrar();
  });

  it("se guarda junto a la ruta de la nota, completo, y se lee validado", () => {
    const { raiz, borrar } = base();
    try {
      const r = registroNuevo({
        notaId: "2026/11/festival",
        archivo: "content/notas/2026/11/festival.mdx",
        titulo: "Festival",
        dependencia: "secretaria-de-cultura",
      });
      r.redes.mastodon = {
        estado: "publicado",
        intentos: 2,
        idRemoto: "109",
        url: "https://mastodon.social/@cajica/109",
        programado: "2026-11-20T08:00:00-05:00",
        publicadoEn: "2026-11-20T08:01:00-05:00",
        demoraSegundos: 60,
        hashEnviado: "0123456789abcdef",
        clave: "cvg-1",
        version: "original",
        correcciones: [],
        actualizado: "2026-11-20T08:01:00-05:00",
      };
      r.compartidos.push({ grupo: "vereda-chuntame", fecha: "2026-11-20T09:00:00-05:00", por: "editora" });
      const ruta = escribirRegistro(raiz, r);
      expect(ruta).toBe(rutaRegistro(raiz, "2026/11/festival"));
      expect(ruta).toBe(path.join(raiz, "content/publicaciones/2026/11/festival.json"));
      expect(readdirSync(path.dirname(ruta))).toEqual(["festival.json"]);
      expect(leerRegistro(raiz, "2026/11/festival")).toEqual(r);
      expect(serializarRegistro(r).endsWith("}\n")).toBe(true);
    } finally {
      borrar();
    }
  });

  it("un registro dañado se rechaza en español nombrando archivo y campo", () => {
    const { raiz, borrar } = base();
    try {
      mkdirSync(path.join(raiz, "content/publicaciones/2026/11"), { recursive: true });
      writeFileSync(
        path.join(raiz, "content/publicaciones/2026/11/mala.json"),
        JSON.stringify({
          esquema: 1,
          notaId: "2026/11/mala",
          archivo: "a",
          titulo: "t",
          dependencia: "d",
          redes: { x: { estado: "quizas" } },
        }),
      );
      let error: unknown;
      try {
        leerRegistro(raiz, "2026/11/mala");
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ErrorConvergente);
      expect((error as Error).message).toContain("content/publicaciones/2026/11/mala.json");
      expect((error as Error).message).toContain("redes.x.estado");
      writeFileSync(path.join(raiz, "content/publicaciones/2026/11/mala.json"), '{"esquema": 1,');
      expect(() => leerRegistro(raiz, "2026/11/mala")).toThrow(/no es JSON válido/);
    } finally {
      borrar();
    }
  });

  it("no escribe un registro inválido", () => {
    const { raiz, borrar } = base();
    try {
      const r = registroNuevo({ notaId: "2026/11/x", archivo: "a", titulo: "t", dependencia: "d" });
      (r as { notaId: string }).notaId = "no es un id";
      expect(() => escribirRegistro(raiz, r)).toThrow();
      expect(leerRegistro(raiz, "2026/11/x")).toBeUndefined();
    } finally {
      borrar();
    }
  });
});
