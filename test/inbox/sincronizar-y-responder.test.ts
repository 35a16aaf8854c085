import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Conversacion } from "../../scripts/lib/content/schema/inquietudes.ts";
import { prensaAsincrona } from "../ayudas/cli.ts";
import { raizCon, type RaizDePrueba } from "../ayudas/raiz.ts";
import { iniciarEmuladorMastodon, type EmuladorMastodon } from "../networks/emuladores/mastodon.ts";

let emu: EmuladorMastodon | undefined;
let raiz: RaizDePrueba | undefined;

afterEach(async () => {
  if (emu) expect(emu.violaciones).toEqual([]);
  await emu?.cerrar();
  raiz?.borrar();
  emu = undefined;
  raiz = undefined;
});

const DATOS_PERSONALES = ["vecina_ana", "Ana Pérez", "1234567", "subsidio de arriendo"];

function conversaciones(r: string): Conversacion[] {
  const carpeta = path.join(r, ".inquietudes", "conversaciones");
  return readdirSync(carpeta).map((f) => JSON.parse(readFileSync(path.join(carpeta, f), "utf8")) as Conversacion);
}

describe("prensa inquietudes sincronizar y responder", () => {
  it("archiva una mención una sola vez, envía la respuesta ordenada una sola vez y la reconoce al volver a leer, sin mostrar datos personales", async () => {
    emu = await iniciarEmuladorMastodon();
    raiz = raizCon({ config: { inquietudes: { redes: ["mastodon"] } }, prefijo: "bandeja-cli-" });
    const env = { PRENSA_RAIZ: raiz.raiz, MASTODON_TOKEN: emu.token, PRENSA_URL_MASTODON: emu.url };
    const mencion = emu.mencionar("vecina_ana", "Soy Ana Pérez, cédula 1234567: ¿cómo pido el subsidio de arriendo?");

    const primera = await prensaAsincrona(["inquietudes", "sincronizar"], env);
    expect(primera.error).toBe("");
    expect(primera.codigo).toBe(0);
    expect(primera.salida).toMatch(/1 mensajes nuevos/);
    const segunda = await prensaAsincrona(["inquietudes", "sincronizar"], env);
    expect(segunda.salida).toMatch(/0 mensajes nuevos/);
    const [c] = conversaciones(raiz.raiz);
    expect(c).toMatchObject({ red: "mastodon", estado: "pendiente", entradas: [{ idExterno: mencion.id }] });

    const orden = await prensaAsincrona(
      ["inquietudes", "responder", "--conversacion", c!.id, "--texto", "Hola: el subsidio se pide en la Secretaría de Vivienda."],
      env,
    );
    expect(orden.error).toBe("");
    expect(orden.salida).toMatch(/1 enviadas de 1 órdenes/);
    const respuestas = () => emu!.estados.filter((e) => e.enRespuestaA === mencion.id);
    expect(respuestas()).toHaveLength(1);
    expect(respuestas()[0]!.texto).toBe("@vecina_ana Hola: el subsidio se pide en la Secretaría de Vivienda.");

    const otra = await prensaAsincrona(["inquietudes", "responder"], env);
    expect(otra.salida).toMatch(/No hay respuestas por enviar/);
    expect(respuestas()).toHaveLength(1);

    // The reply comes back as the account's own status: recognised as the same reply, not a second one.
    await prensaAsincrona(["inquietudes", "sincronizar"], env);
    const [despues] = conversaciones(raiz.raiz);
    expect(despues).toMatchObject({ estado: "respondida", respuestas: [{ via: "comando", idRemoto: respuestas()[0]!.id }] });
    expect(despues!.entradas).toHaveLength(2);

    for (const r of [primera, segunda, orden, otra])
      for (const dato of DATOS_PERSONALES) expect(`${r.salida}${r.error}`).not.toContain(dato);
  });
});
