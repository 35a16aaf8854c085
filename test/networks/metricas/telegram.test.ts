import { afterEach, beforeEach, expect, it } from "vitest";
import { cargarInstitucion, RAIZ } from "../../../scripts/lib/content/index.ts";
import { crearMetricas } from "../../../scripts/lib/networks/metricas/telegram.ts";
import { iniciarEmuladorTelegram, type EmuladorTelegram } from "../emuladores/telegram.ts";

const institucion = cargarInstitucion(RAIZ);
const TOKEN = "123456:ABC-token-de-bot-de-prueba";
let emu: EmuladorTelegram;
beforeEach(async () => {
  emu = await iniciarEmuladorTelegram(TOKEN);
});
afterEach(() => emu.cerrar());

it("Telegram: los miembros del canal con getChatMemberCount; las publicaciones quedan sin cifras y sin pedir nada", async () => {
  emu.miembros = 2870;
  const l = crearMetricas({ institucion, env: { TELEGRAM_BOT_TOKEN: TOKEN }, baseUrl: emu.url })!;

  expect(await l.cuenta()).toEqual({ seguidores: 2870, detalle: { member_count: 2870 } });
  expect(await l.publicaciones(["foto:41"])).toEqual([
    { idRemoto: "foto:41", vistas: null, alcance: null, interacciones: null, detalle: {} },
  ]);
  expect(emu.metodos()).toEqual(["getChatMemberCount"]);
  expect(emu.solicitudes[0]).toMatchObject({ tokenCorrecto: true, http: "POST", cuerpo: { chat_id: "@alcaldiacajica" } });
});

it("Telegram: un fallo lleva el mensaje de la plataforma y nunca el token", async () => {
  emu.fallar("getChatMemberCount", {
    estado: 400,
    cuerpo: { ok: false, error_code: 400, description: "Bad Request: chat not found" },
  });
  const l = crearMetricas({ institucion, env: { TELEGRAM_BOT_TOKEN: TOKEN }, baseUrl: emu.url })!;
  const error = await l.cuenta().then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  expect(error?.message).toContain("chat not found");
  expect(error?.message).not.toContain(TOKEN);
});
