import { describe, it, expect } from "vitest";
import { cargarInstitucion } from "../../scripts/lib/content/institucion.ts";
import {
  archivoDeFormulario,
  carpetaDeFormulario,
  formularioDeArchivo,
  horaBogota,
  problemasDeFormulario,
} from "../../scripts/lib/editor/formato.ts";

const institucion = cargarInstitucion();
const valida = {
  titulo: "Cajicá abre la convocatoria de estímulos culturales",
  resumen: "La Secretaría de Cultura recibe propuestas de artistas hasta el 15 de febrero.",
  publicar: "2026-12-01T22:10:00Z",
  dependencia: "secretaria-de-cultura",
  autor: "Oficina de Prensa",
  etiquetas: [],
  imagen: { src: "foto.jpg", alt: "Artistas ensayan una obra en la casa de la cultura", credito: "Archivo" },
  canales: [{ red: "facebook", texto: "" }, { red: "x" }],
  privacidad: { datosPersonales: "ninguno", autorizacion: "" },
  correcciones: [],
  body: "## Cómo participar\n\nLea las [bases](https://www.cajica.gov.co/).",
};

describe("formato de las notas del editor web", () => {
  it("escribe el archivo como prensa nueva: sin textos vacíos, fechas en hora de Colombia y redes por nombre", () => {
    const texto = archivoDeFormulario({ body: valida.body, ...Object.fromEntries(Object.entries(valida).reverse()) });
    // The schema's order whatever order the form gives: titulo first, like prensa nueva.
    expect(texto.split("\n").slice(1, 5)).toEqual([
      `titulo: ${valida.titulo}`,
      `resumen: ${valida.resumen}`,
      "publicar: 2026-12-01T17:10:00-05:00",
      `dependencia: ${valida.dependencia}`,
    ]);
    expect(texto).toMatch(/canales:\n {2}- facebook\n {2}- x\n/);
    expect(texto).not.toContain("autorizacion");
    expect(texto).toContain("etiquetas: []");
    expect(texto.endsWith("Lea las [bases](https://www.cajica.gov.co/).\n")).toBe(true);
    const leido = formularioDeArchivo(texto);
    expect(leido.canales).toEqual([{ red: "facebook" }, { red: "x" }]);
    expect(leido.body).toBe(valida.body + "\n");
  });

  it("convierte cualquier instante a -05:00 y deja quietas las fechas sin hora", () => {
    expect(horaBogota("2026-01-01T03:00:00+00:00")).toBe("2025-12-31T22:00:00-05:00");
    expect(horaBogota("2026-11-20")).toBe("2026-11-20");
  });

  it("pone la nota en la carpeta del mes de Colombia, aunque en UTC ya sea el mes siguiente, y no escribe esa carpeta en el archivo", () => {
    // 30 November 21:00 in Bogotá is 1 December 02:00 UTC, whatever zone the browser wrote it in.
    for (const publicar of ["2026-11-30T21:00:00-05:00", "2026-12-01T02:00:00+00:00", "2026-12-01T02:00:00Z"])
      expect(carpetaDeFormulario({ publicar }), publicar).toEqual({ carpeta_anio: "2026", carpeta_mes: "11" });
    expect(carpetaDeFormulario({ publicar: "2026-12-31T23:30:00-05:00" })).toEqual({ carpeta_anio: "2026", carpeta_mes: "12" });
    expect(carpetaDeFormulario({ publicar: "2027-01-01T04:59:00Z" })).toEqual({ carpeta_anio: "2026", carpeta_mes: "12" });
    expect(carpetaDeFormulario({ publicar: "2026-11-20" })).toEqual({ carpeta_anio: "2026", carpeta_mes: "11" });
    expect(carpetaDeFormulario({ publicar: "mañana" })).toBeUndefined();
    expect(carpetaDeFormulario({})).toBeUndefined();
    const texto = archivoDeFormulario({ ...valida, carpeta_anio: "2026", carpeta_mes: "12" });
    expect(texto).not.toContain("carpeta");
    expect(problemasDeFormulario(institucion, { ...valida, carpeta_anio: "2026", carpeta_mes: "12" })).toEqual([]);
  });

  it("no deja guardar lo que rechazarían el esquema o las reglas de seguridad, y lo dice en español", () => {
    expect(problemasDeFormulario(institucion, valida)).toEqual([]);
    const sinAutorizacion = problemasDeFormulario(institucion, { ...valida, privacidad: { datosPersonales: "autorizados" } });
    expect(sinAutorizacion.join("\n")).toMatch(/privacidad\.autorizacion: .*autorización/);
    const conScript = problemasDeFormulario(institucion, { ...valida, body: 'Hola <script>alert("x")</script>' });
    expect(conScript.join("\n")).toMatch(/etiqueta <script> no está permitida/);
    const conIframe = problemasDeFormulario(institucion, { ...valida, body: '<YouTube id="corto" titulo="x" />' });
    expect(conIframe.join("\n")).toMatch(/YouTube/);
    const conLlaves = problemasDeFormulario(institucion, { ...valida, body: "Texto {alert(1)}" });
    expect(conLlaves.length).toBeGreaterThan(0);
  });
});
