import { describe, expect, it } from "vitest";
import { cargarInstitucion } from "../../scripts/lib/content/institucion.ts";
import { describir, diferencia, reglasRevision, sinCambios } from "../../scripts/lib/github/proteccion.ts";
import { RAIZ } from "../ayudas/raiz.ts";

const institucion = cargarInstitucion(RAIZ);

describe("protección de la rama principal", () => {
  it("no encuentra diferencias cuando GitHub devuelve la misma protección con campos de más y en otro orden", () => {
    const deseado = reglasRevision(institucion);
    const devuelto = {
      ...deseado,
      id: 7,
      node_id: "RRS_x",
      rules: [...deseado.rules].reverse(),
      current_user_can_bypass: "always",
    };
    expect(sinCambios(diferencia(devuelto, deseado))).toBe(true);
  });

  it("usa los chequeos y la rama de la configuración", () => {
    const otra = {
      ...institucion,
      github: { ...institucion.github!, ramaPrincipal: "principal", chequeosRequeridos: ["revision", "pruebas"] },
    };
    const lineas = describir(reglasRevision(otra));
    expect(lineas).toContain("ramas: refs/heads/principal");
    expect(lineas.some((l) => l.includes("chequeos obligatorios: pruebas, revision"))).toBe(true);
  });

  it("quita las reglas que sobran en el conjunto propio", () => {
    const deseado = reglasRevision(institucion);
    const actual = { ...deseado, rules: [...deseado.rules, { type: "required_signatures" }] };
    expect(diferencia(actual, deseado)).toEqual({ agregar: [], quitar: ["regla: required_signatures {}"] });
  });
});

describe("chequeos obligatorios", () => {
  it("solo valen si los reporta GitHub Actions: un chequeo sin origen se corrige", () => {
    const deseado = reglasRevision(institucion);
    const regla = deseado.rules.find((r) => r.type === "required_status_checks")!;
    expect(regla.parameters!.required_status_checks).toEqual([{ context: "revision", integration_id: 15368 }]);
    const actual = {
      ...deseado,
      rules: deseado.rules.map((r) =>
        r.type === "required_status_checks"
          ? { ...r, parameters: { ...r.parameters, required_status_checks: [{ context: "revision" }] } }
          : r,
      ),
    };
    const d = diferencia(actual, deseado);
    expect(d.quitar).toEqual(["regla: chequeos obligatorios: revision (de cualquier origen); rama al día: no"]);
    expect(d.agregar).toEqual(["regla: chequeos obligatorios: revision; rama al día: no"]);
  });
});
