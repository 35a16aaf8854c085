import { describe, expect, it } from "vitest";
import { cargarInstitucion } from "../../scripts/lib/content/institucion.ts";
import { NOMBRE_RED, REDES } from "../../scripts/lib/content/schema/redes.ts";
import {
  CAMPOS,
  cargarFormulario,
  leerFechaDeseada,
  leerSolicitud,
  seccionesDelCuerpo,
} from "../../scripts/lib/requests/formulario.ts";
import { cortarEnPalabra, escaparMdx, resumenDe } from "../../scripts/lib/requests/convertir.ts";
import { analizarMdx } from "../../scripts/lib/checks/documento.ts";
import { RAIZ } from "../ayudas/raiz.ts";

const institucion = cargarInstitucion(RAIZ);
const formulario = cargarFormulario(RAIZ);
const campo = (id: string) => formulario.body.find((c) => c.id === id)!;
const opciones = (id: string) => (campo(id).attributes.options ?? []).map((o) => (typeof o === "string" ? o : o.label));

function cuerpo(valores: Record<string, string>): string {
  return formulario.body
    .filter((c) => c.id && c.attributes.label)
    .map((c) => `### ${c.attributes.label}\n\n${valores[c.id!] ?? "_No response_"}`)
    .join("\n\n");
}

describe("formulario «Solicitud de comunicación»", () => {
  it("ofrece exactamente las dependencias de la configuración, con sus nombres y en el mismo orden", () => {
    expect(campo("dependencia").type).toBe("dropdown");
    expect(opciones("dependencia")).toEqual(institucion.dependencias.map((d) => d.nombre));
    expect(campo("dependencia").validations?.required).toBe(true);
  });

  it("tiene todos los campos que lee prensa solicitud, en español, con las redes conocidas", () => {
    expect(formulario.body.map((c) => c.id).filter(Boolean)).toEqual(expect.arrayContaining([...CAMPOS]));
    expect(opciones("redes").every((o) => REDES.some((r) => NOMBRE_RED[r] === o))).toBe(true);
    expect(campo("redes").attributes.multiple).toBe(true);
    for (const id of ["titulo", "mensaje", "contacto"]) expect(campo(id).validations?.required).toBe(true);
  });

  it("cumple las reglas de GitHub para formularios: ids, etiquetas y opciones únicos y no vacíos", () => {
    const conId = formulario.body.filter((c) => c.type !== "markdown");
    const ids = conId.map((c) => c.id);
    const etiquetas = conId.map((c) => c.attributes.label);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(etiquetas).size).toBe(etiquetas.length);
    for (const c of conId) {
      expect(c.id).toMatch(/^[a-z][a-z0-9_-]*$/);
      expect(c.attributes.label?.trim()).toBeTruthy();
      const o = (c.attributes.options ?? []).map((x) => (typeof x === "string" ? x : x.label));
      expect(new Set(o).size).toBe(o.length);
      if (c.type === "dropdown" || c.type === "checkboxes") expect(o.length).toBeGreaterThan(0);
    }
    expect(formulario.name).toBeTruthy();
    expect(formulario.description).toBeTruthy();
  });

  it("exige la declaración de datos personales, con la autorización de acudientes para menores", () => {
    const [declaracion] = campo("declaracion").attributes.options as { label: string; required?: boolean }[];
    expect(declaracion!.required).toBe(true);
    expect(declaracion!.label).toMatch(/datos personales/);
    expect(declaracion!.label).toMatch(/niños, niñas o adolescentes.*(padres|acudientes)/);
  });
});

describe("lectura de una solicitud", () => {
  const issue = (valores: Record<string, string>) => ({ number: 8, title: "[Solicitud] x", body: cuerpo(valores) });

  it("separa las respuestas sin confundir un ### dentro del mensaje", () => {
    const s = seccionesDelCuerpo(cuerpo({ mensaje: "Uno.\n\n### No es un campo\n\nDos." }), formulario);
    expect(s.get("mensaje")).toBe("Uno.\n\n### No es un campo\n\nDos.");
    expect(s.get("fecha")).toBe("");
  });

  it("lee fechas como las escribe la gente, en hora de Colombia", () => {
    expect(leerFechaDeseada("2026-11-20 08:00")?.toISOString()).toBe("2026-11-20T13:00:00.000Z");
    expect(leerFechaDeseada("2026-11-20T7:30")?.toISOString()).toBe("2026-11-20T12:30:00.000Z");
    expect(leerFechaDeseada("20/11/2026 8:00")?.toISOString()).toBe("2026-11-20T13:00:00.000Z");
    expect(leerFechaDeseada("2026-11-20")?.toISOString()).toBe("2026-11-20T05:00:00.000Z");
    expect(leerFechaDeseada("2026-02-30")).toBeUndefined();
    expect(leerFechaDeseada("mañana temprano")).toBeUndefined();
    expect(leerFechaDeseada("2026-11-20 25:00")).toBeUndefined();
  });

  it("convierte la dependencia a su id, omite redes no configuradas y avisa si falta la declaración", () => {
    const sinBluesky = { ...institucion, redes: { ...institucion.redes, bluesky: undefined } };
    delete sinBluesky.redes.bluesky;
    const { solicitud, avisos } = leerSolicitud(
      issue({
        dependencia: "Secretaría de Movilidad",
        titulo: "Cierre de la vía a Zipaquirá",
        mensaje: "Por obras.",
        fecha: "pronto",
        redes: "Facebook, Bluesky, X",
        contacto: "movilidad@cajica.gov.co",
        declaracion: "- [ ] Declaro...",
      }),
      formulario,
      sinBluesky,
    );
    expect(solicitud).toMatchObject({ dependencia: "secretaria-de-movilidad", redes: ["facebook", "x"], declaracion: false });
    expect(solicitud.fecha).toBeUndefined();
    expect(avisos.join("\n")).toContain("La red Bluesky no está configurada");
    expect(avisos.join("\n")).toContain("«pronto» no se entiende");
    expect(avisos.join("\n")).toContain("declaración de datos personales");
  });

  it("rechaza una solicitud sin mensaje, nombrando el campo", () => {
    expect(() =>
      leerSolicitud(issue({ dependencia: "Secretaría de Salud", titulo: "Algo importante" }), formulario, institucion),
    ).toThrow(/falta el mensaje/);
  });
});

describe("conversión del mensaje", () => {
  it("corta en una palabra con puntos suspensivos y nunca pasa del límite", () => {
    const largo = "palabra ".repeat(80);
    const r = resumenDe(largo);
    expect(r.length).toBeLessThanOrEqual(300);
    expect(r.endsWith("palabra…")).toBe(true);
    expect(cortarEnPalabra("corto", 10)).toBe("corto");
  });

  it("escapa lo que MDX ejecutaría", () => {
    expect(escaparMdx("<script>alert(1)</script> {process.env}")).toBe("\\<script\\>alert(1)\\</script\\> \\{process.env\\}");
    expect(escaparMdx("Uno.\nexport const x = 1\nImport de café")).toBe("Uno.\n&#101;xport const x = 1\n&#73;mport de café");
  });

  it("lo escapado, leído con el analizador MDX, es solo texto: sin JSX, expresiones ni import/export", () => {
    const peligroso = [
      "import fs from 'node:fs'",
      "",
      "export const a = 1",
      "",
      "Hola <script>alert(1)</script> {fetch('x')} <img src=x onerror={alert(1)} />",
      "",
      "<iframe src='https://mal.example'></iframe>",
    ].join("\n");
    const tipos = new Set<string>();
    const visitar = (n: { type: string; children?: unknown[] }) => {
      tipos.add(n.type);
      for (const h of (n.children ?? []) as { type: string; children?: unknown[] }[]) visitar(h);
    };
    visitar(analizarMdx(escaparMdx(peligroso)));
    expect([...tipos].filter((t) => t.startsWith("mdx") || t === "html")).toEqual([]);
  });
});
