import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prensa } from "../ayudas/cli.ts";
import { raizCon } from "../ayudas/raiz.ts";
import { cargarInstitucion, RAIZ } from "../../scripts/lib/content/index.ts";
import { OPCIONES_RED, REDES, type Red } from "../../scripts/lib/content/schema/redes.ts";
import { cargarFabrica, REGISTRO, tablaRedes, VARIABLE_URL, VARIABLES_CREDENCIALES } from "../../scripts/lib/networks/index.ts";

const institucion = cargarInstitucion(RAIZ);

/** Credentials of a network with made-up values (long enough to count as secrets). */
const credenciales = (red: Red): Record<string, string> =>
  Object.fromEntries(REGISTRO[red].credenciales.map((v) => [v, `valor-de-prueba-${v.toLowerCase()}-123456`]));

/**
 * The local server each network's tests run against (test/networks/emuladores/ or the real PDS).
 * Typed by network: a network added to the registry without an emulator does not compile.
 */
const EMULADORES: Record<Red, string> = {
  facebook: "test/networks/emuladores/graph.ts",
  instagram: "test/networks/emuladores/graph.ts",
  x: "test/networks/emuladores/x.ts",
  telegram: "test/networks/emuladores/telegram.ts",
  mastodon: "test/networks/emuladores/mastodon.ts",
  bluesky: "node_modules/@atproto/dev-env/package.json",
};

describe("registro de redes", () => {
  it("cada red del esquema tiene una declaración, un adaptador y un emulador, y el adaptador dice lo mismo que el registro", async () => {
    expect(Object.keys(REGISTRO).sort()).toEqual([...REDES].sort());
    for (const red of REDES) {
      const fabrica = await cargarFabrica(red, {});
      expect(fabrica, red).toBeDefined();
      const adaptador = fabrica!({ institucion, env: credenciales(red) });
      expect(adaptador?.red).toBe(red);
      expect(adaptador?.edita, red).toBe(REGISTRO[red].capacidades.edita);
      expect(adaptador?.solicitudes(), red).toBe(0);
      expect(existsSync(path.join(RAIZ, EMULADORES[red])), red).toBe(true);
      expect(REGISTRO[red].capacidades.responde, red).toBe(!REGISTRO[red].capacidades.edita);
    }
  });

  it("sin todas sus credenciales una red no tiene adaptador (se simula)", async () => {
    for (const red of REDES) {
      const fabrica = (await cargarFabrica(red, {}))!;
      const sinConfig = { ...institucion, redes: { ...institucion.redes, bluesky: undefined } };
      for (const falta of REGISTRO[red].credenciales) {
        const env = { ...credenciales(red), [falta]: "" };
        expect(fabrica({ institucion: sinConfig, env }), `${red} sin ${falta}`).toBeUndefined();
      }
    }
  });

  it("las listas derivadas salen del registro", () => {
    for (const red of REDES) {
      expect(VARIABLES_CREDENCIALES[red]).toEqual(REGISTRO[red].credenciales);
      expect(VARIABLE_URL[red]).toBe(REGISTRO[red].variableUrl);
      expect(REGISTRO[red].opciones).toBe(OPCIONES_RED[red]);
    }
  });

  it("docs/publicar.md lleva la tabla de redes generada del registro y nombra cada variable", () => {
    const doc = readFileSync(path.join(RAIZ, "docs/publicar.md"), "utf8");
    // Compared without the column padding a Markdown formatter adds.
    const sinRelleno = (t: string) => t.replace(/ *\| */g, "|").replace(/\|-{3,}/g, "|---");
    expect(sinRelleno(doc)).toContain(sinRelleno(tablaRedes()));
    for (const red of REDES) {
      for (const v of [...REGISTRO[red].credenciales, REGISTRO[red].variableUrl]) expect(doc).toContain(`\`${v}\``);
    }
  });
});

describe("opciones de cada red en config/institucion.yaml", () => {
  it("la configuración del ejemplo cumple el esquema de cada red", () => {
    for (const red of REDES) {
      const cuenta = institucion.redes[red];
      if (cuenta) expect(OPCIONES_RED[red].safeParse(cuenta.opciones).success, red).toBe(true);
    }
  });

  it("prensa comprobar señala un identificador mal escrito y una opción desconocida, con archivo, campo y arreglo", () => {
    const { raiz, borrar } = raizCon({
      config: {
        redes: {
          facebook: { opciones: { paginaId: "página-de-cajica" } },
          mastodon: { opciones: { instancia: "mastodon.social", limte: 500 } },
        },
      },
      archivos: { "content/notas/.gitkeep": "" },
    });
    try {
      const r = prensa(["comprobar"], { PRENSA_RAIZ: raiz });
      expect(r.codigo).toBe(1);
      expect(r.error).toMatch(
        /config\/institucion\.yaml:\d+:\d+: campo «redes\.facebook\.opciones\.paginaId»: debe ser un identificador numérico entre comillas/,
      );
      expect(r.error).toMatch(/campo «redes\.mastodon\.opciones\.instancia»: debe ser una URL completa/);
      expect(r.error).toMatch(/campo «redes\.mastodon\.opciones»: campo desconocido: limte/);
      expect(r.error).not.toMatch(/at .*\.ts:\d+/);
    } finally {
      borrar();
    }
  });
});
