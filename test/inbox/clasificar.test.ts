import { describe, it, expect } from "vitest";
import { inquietudesSchema } from "../../scripts/lib/content/schema/inquietudes.ts";
import { cargarInstitucion } from "../../scripts/lib/content/institucion.ts";
import { crearClasificador, normalizar, textoAcuse } from "../../scripts/lib/inbox/clasificar.ts";
import { configBandeja } from "../../scripts/lib/inbox/conversacion.ts";

const deLaConfiguracion = crearClasificador(configBandeja(cargarInstitucion()));
const incluidas = crearClasificador(inquietudesSchema.parse({}));

describe("la clasificación en español sigue las reglas que la oficina lee y edita", () => {
  const casos: [string, string, string | undefined][] = [
    ["¿Hasta qué hora atienden en Hacienda?", "pregunta", undefined],
    ["Qué mal servicio, no han arreglado el hueco de la séptima", "queja", "general"],
    ["Me cobraron dos veces el predial", "reclamo", "general"],
    ["Sugiero más rutas de bus a las veredas", "sugerencia", undefined],
    ["Felicitaciones por el festival campesino", "felicitacion", undefined],
    ["Derecho de petición: solicito que arreglen la vía", "peticion", "general"],
    ["Solicito copia del contrato de alumbrado", "peticion", "documentos"],
    ["Solicito concepto sobre el uso del suelo de mi lote", "peticion", "consulta"],
    ["Denuncio que cobran soborno en tránsito", "denuncia", "general"],
    ["Gana dinero con criptomonedas, haz clic aqui", "spam", undefined],
  ];
  for (const [texto, tipo, subtipo] of casos) {
    it(`«${texto}» es ${tipo}${subtipo ? ` (${subtipo})` : ""} con las reglas de la configuración y con las incluidas`, () => {
      for (const clasificar of [deLaConfiguracion, incluidas]) {
        const c = clasificar(texto);
        expect(c.tipo).toBe(tipo);
        expect(c.subtipo).toBe(subtipo);
        expect(c.radicar).toBe(subtipo !== undefined);
      }
    });
  }

  it("las palabras coinciden sin importar tildes ni mayúsculas, y solo como palabra entera", () => {
    expect(normalizar("  ¿CUÁNDO   Abren?")).toBe("¿cuando abren?");
    const c = crearClasificador(inquietudesSchema.parse({ reglas: [{ tipo: "queja", palabras: ["pésimo"] }] }));
    expect(c("PESIMO el servicio").tipo).toBe("queja");
    expect(c("pesimos").tipo).toBe("pregunta");
  });

  it("dice qué regla decidió, para que una persona la revise", () => {
    expect(deLaConfiguracion("Me cobraron dos veces").regla).toMatch(/^inquietudes\.reglas n\.º \d+ \(reclamo\): «me cobraron»$/);
    expect(incluidas("ok").regla).toMatch(/ninguna regla coincidió/);
  });

  it("una expresión regular mal escrita en la configuración se rechaza con un mensaje en español", () => {
    const r = inquietudesSchema.safeParse({ reglas: [{ tipo: "spam", expresiones: ["(sin cerrar"] }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("no es una expresión regular válida de JavaScript");
    expect(r.error?.issues[0]?.path).toEqual(["reglas", 0, "expresiones", 0]);
  });
});

describe("el acuse de recibo de una posible petición sale de la plantilla de la configuración", () => {
  it("lleva número o «en trámite», término, fecha, tipo, enlace PQRSD y aviso de privacidad", () => {
    const config = configBandeja(cargarInstitucion());
    const texto = textoAcuse(
      config,
      { subtipo: "documentos", venceLegal: new Date("2026-12-16T22:00:00Z") },
      "https://pqrsd.example/",
    );
    expect(texto).toContain("solicitud de documentos o información");
    expect(texto).toContain("10 días hábiles");
    expect(texto).toContain("16 de diciembre de 2026");
    expect(texto).toContain(config.acuse.sinNumero);
    expect(texto).toContain("https://pqrsd.example/");
    expect(texto).toContain("Ley 1581 de 2012");
    expect(textoAcuse(config, { subtipo: "general", venceLegal: new Date(), radicado: "2026-PQR-00123" }, undefined)).toContain(
      "2026-PQR-00123",
    );
  });
});
