import { afterEach, describe, expect, it } from "vitest";
import { cargarInstitucion } from "../../scripts/lib/content/institucion.ts";
import { ErrorConvergente } from "../../scripts/lib/content/problems.ts";
import { contraste, formatoRazon, PALETAS_AVISO } from "../../scripts/lib/content/schema/imagen.ts";
import { prensa } from "../ayudas/cli.ts";
import { raizCon, type CambiosConfig, type RaizDePrueba } from "../ayudas/raiz.ts";

let r: RaizDePrueba | undefined;
afterEach(() => r?.borrar());

/** The problems of loading the real config changed by `imagen`. */
function problemasCon(imagen: CambiosConfig): { campo?: string | undefined; mensaje: string }[] {
  r = raizCon({ config: { imagen } });
  try {
    cargarInstitucion(r.raiz);
    return [];
  } catch (e) {
    if (!(e instanceof ErrorConvergente)) throw e;
    return e.problemas;
  }
}

const campanaCon = (cambios: CambiosConfig): CambiosConfig => ({
  id: "prueba",
  nombre: "Campaña de prueba",
  etiqueta: "#CampañaDePrueba",
  inicio: "2026-03-01",
  fin: "2026-03-31",
  motivo: { texto: "Una campaña para probar el contraste." },
  ...cambios,
});

describe("el contraste de cada par de colores del tema se comprueba al validar la configuración", () => {
  it("la razón de contraste es la de WCAG 2.1: negro sobre blanco 21:1, azul institucional sobre blanco 9,29:1", () => {
    expect(contraste("#000000", "#FFFFFF")).toBeCloseTo(21, 5);
    expect(formatoRazon(contraste("#004884", "#FFFFFF"))).toBe("9,29:1");
    // Truncated, never rounded up: 4.4999 must not read as a pass.
    expect(formatoRazon(4.4999)).toBe("4,49:1");
  });

  it("la configuración de muestra (tema y campaña de Navidad) pasa", () => {
    r = raizCon();
    expect(cargarInstitucion(r.raiz).imagen?.campanas.map((c) => c.id)).toEqual(["navidad-2026"]);
  });

  it("texto: enlaces gris claro sobre blanco fallan con el par y su razón (mínimo 4,5:1)", () => {
    const p = problemasCon({ tema: { colores: { primario: "#8A8A8A" } } });
    const enlaces = p.find((x) => x.mensaje.includes("enlaces sobre el fondo (#8A8A8A sobre #FFFFFF)"));
    expect(enlaces?.mensaje).toBe(
      `contraste insuficiente en el tema: enlaces sobre el fondo (#8A8A8A sobre #FFFFFF) tiene ${formatoRazon(contraste("#8A8A8A", "#FFFFFF"))}; WCAG 2.1 AA pide al menos 4,50:1 para texto`,
    );
    expect(enlaces?.campo).toBe("imagen.tema.colores.primario");
  });

  it("texto grande: títulos principales por debajo de 3:1 fallan; entre 3:1 y 4,5:1 pasan", () => {
    const falla = problemasCon({ tema: { colores: { titulos: "#A0A0A0" } } });
    expect(falla.map((x) => x.mensaje)).toEqual([
      expect.stringMatching(
        /^contraste insuficiente en el tema: títulos principales sobre el fondo \(#A0A0A0 sobre #FFFFFF\) tiene 2,\d\d:1; WCAG 2\.1 AA pide al menos 3,00:1 para texto grande$/,
      ),
    ]);
    r?.borrar();
    // #767676 on white is 4.54:1; #888888 is 3.54:1: large text only needs 3:1.
    expect(problemasCon({ tema: { colores: { titulos: "#888888" } } })).toEqual([]);
  });

  it("componentes de la interfaz: un foco del teclado sin contraste con su anillo falla (mínimo 3:1)", () => {
    const p = problemasCon({ tema: { colores: { foco: "#333333" } } });
    expect(p.map((x) => x.mensaje)).toEqual([
      expect.stringMatching(
        /contorno del foco del teclado junto al anillo del color del texto \(#333333 sobre #1F1F1F\) tiene 1,\d\d:1; WCAG 2\.1 AA pide al menos 3,00:1 para componentes de la interfaz$/,
      ),
    ]);
    expect(p[0]!.campo).toBe("imagen.tema.colores.foco");
  });

  it("tarjeta social: el acento sobre el fondo de la tarjeta falla como texto", () => {
    const p = problemasCon({ tema: { tarjeta: { acento: "#3366CC" } } });
    expect(p.map((x) => x.mensaje)).toEqual([
      expect.stringMatching(
        /^contraste insuficiente en el tema: tarjeta social: dependencia \(acento\) sobre el fondo de la tarjeta \(#3366CC sobre #004884\)/,
      ),
    ]);
  });

  it("una campaña se comprueba como queda vigente: su cinta y sus colores sobre el tema base", () => {
    const p = problemasCon({
      campanas: [
        campanaCon({ tarjeta: { fondoCinta: "#FFD166", textoCinta: "#FFFFFF" }, tema: { colores: { aviso: "#FFD166" } } }),
      ],
    });
    expect(p.map((x) => [x.campo, x.mensaje.replace(/ tiene .*/, "")])).toEqual([
      [
        "imagen.campanas.0.tema.colores.avisoTexto",
        "contraste insuficiente en la campaña prueba: texto y enlace del aviso de campaña (#FFFFFF sobre #FFD166)",
      ],
      [
        "imagen.campanas.0.tarjeta.textoCinta",
        "contraste insuficiente en la campaña prueba: tarjeta social: texto de la cinta de campaña (#FFFFFF sobre #FFD166)",
      ],
    ]);
  });

  it("dos campañas que se cruzan en fechas no se aceptan: solo una puede estar vigente", () => {
    const p = problemasCon({ campanas: [campanaCon({}), campanaCon({ id: "otra", inicio: "2026-03-30", fin: "2026-04-10" })] });
    expect(p.map((x) => x.mensaje)).toEqual([
      "la campaña otra se cruza en fechas con prueba: solo una campaña puede estar vigente a la vez",
    ]);
  });

  it("el fin de una campaña escrito como fecha incluye ese día entero (hora de Colombia)", () => {
    r = raizCon();
    const navidad = cargarInstitucion(r.raiz).imagen!.campanas[0]!;
    expect(navidad.inicio.toISOString()).toBe("2026-12-01T05:00:00.000Z");
    expect(navidad.fin.toISOString()).toBe("2027-01-07T05:00:00.000Z");
  });
});

describe("prensa comprobar se detiene con un tema sin contraste y con una campaña desconocida en una nota", () => {
  it("un tema que falla detiene prensa comprobar con el mensaje en español, sin traza", () => {
    r = raizCon({ config: { imagen: { tema: { colores: { fondo: "#FFFF00", texto: "#FFFFFF" } } } } });
    const res = prensa(["comprobar"], { PRENSA_RAIZ: r.raiz });
    expect(res.codigo).not.toBe(0);
    expect(res.error).toContain("texto sobre el fondo (#FFFFFF sobre #FFFF00) tiene 1,07:1");
    expect(res.error).toContain("imagen.tema.colores.texto");
    expect(res.error).not.toMatch(/\n\s+at /);
  });

  it("una nota que nombra una campaña que no existe es un error que nombra el archivo y el campo", () => {
    r = raizCon({
      archivos: {
        "content/notas/2026/03/con-campana.mdx": [
          "---",
          'titulo: "Una nota con una campaña que no existe"',
          'resumen: "La nota nombra una campaña que la configuración no tiene, y debe fallar."',
          "publicar: 2026-03-02T08:00:00-05:00",
          "dependencia: oficina-de-prensa",
          'autor: "Oficina de Prensa"',
          "campana: vacunacion-2026",
          "---",
          "",
          "Texto.",
          "",
        ].join("\n"),
      },
    });
    const res = prensa(["comprobar"], { PRENSA_RAIZ: r.raiz });
    expect(res.codigo).not.toBe(0);
    const salida = res.salida + res.error;
    expect(salida).toContain("content/notas/2026/03/con-campana.mdx");
    expect(salida).toMatch(/campana/);
    expect(salida).toContain("no es una campaña configurada en imagen.campanas de config/institucion.yaml (navidad-2026)");
  });
});

describe("los avisos urgentes tienen colores fijos que pasan el contraste", () => {
  it("emergencia y cierre vial: texto sobre fondo al menos 4,5:1 y borde frente al fondo de la página al menos 3:1", () => {
    for (const [tipo, p] of Object.entries(PALETAS_AVISO)) {
      expect(contraste(p.texto, p.fondo), tipo).toBeGreaterThanOrEqual(4.5);
      expect(contraste(p.borde, "#FFFFFF"), tipo).toBeGreaterThanOrEqual(3);
    }
  });
});
