import { describe, expect, it } from "vitest";
import { cargarInstitucion } from "../../../scripts/lib/content/index.ts";
import { REDES } from "../../../scripts/lib/content/schema/redes.ts";
import { cargarBandeja, crearBandeja } from "../../../scripts/lib/networks/bandeja/index.ts";

const institucion = cargarInstitucion();

describe("registro de bandejas", () => {
  it("cada una de las seis redes tiene su lector de bandeja, que sin credenciales no se crea ni llama a la red", async () => {
    for (const red of REDES) {
      expect(typeof (await cargarBandeja(red)), red).toBe("function");
      expect(await crearBandeja(red, institucion, {}), red).toEqual({ red, motivo: "sin-credenciales" });
    }
  });
});
