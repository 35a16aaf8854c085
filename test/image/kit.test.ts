import { readFileSync } from "node:fs";
import path from "node:path";
import { AtpAgent } from "@atproto/api";
import type { TestNetworkNoAppView } from "@atproto/dev-env";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registroPerfilesSchema } from "../../scripts/lib/content/schema/imagen.ts";
import { PIEZAS, nombreArchivo } from "../../scripts/lib/image/kit.ts";
import { prensaAsincrona } from "../ayudas/cli.ts";
import { raizCon, type RaizDePrueba } from "../ayudas/raiz.ts";
import { iniciarEmuladorMastodon, type EmuladorMastodon } from "../networks/emuladores/mastodon.ts";
import { iniciarEmuladorTelegram, type EmuladorTelegram } from "../networks/emuladores/telegram.ts";
import { iniciarEmuladorX, type CredencialesX, type EmuladorX } from "../networks/emuladores/x.ts";

const DENTRO = "2026-12-16T09:00:00-05:00";
const DESPUES = "2027-01-10T09:00:00-05:00";
const HANDLE = "cajica.test";
const CLAVE = "clave-de-aplicacion-de-prueba";
const TOKEN_TELEGRAM = "123456:token-de-bot-de-prueba";
const CREDENCIALES_X: CredencialesX = {
  appKey: "clave-app-x",
  appSecret: "secreto-app-x",
  accessToken: "token-acceso-x",
  accessSecret: "secreto-acceso-x",
};

let r: RaizDePrueba;
let mastodon: EmuladorMastodon;
let telegram: EmuladorTelegram;
let emuX: EmuladorX;
let pds: TestNetworkNoAppView;

beforeAll(async () => {
  r = raizCon();
  mastodon = await iniciarEmuladorMastodon();
  telegram = await iniciarEmuladorTelegram(TOKEN_TELEGRAM);
  emuX = await iniciarEmuladorX(CREDENCIALES_X);
  const { TestNetworkNoAppView } = await import("@atproto/dev-env");
  pds = await TestNetworkNoAppView.create({});
  await new AtpAgent({ service: pds.pds.url }).createAccount({ email: "prensa@cajica.test", handle: HANDLE, password: CLAVE });
}, 120_000);
afterAll(async () => {
  await mastodon?.cerrar();
  await telegram?.cerrar();
  await emuX?.cerrar();
  await pds?.close();
  r?.borrar();
});

const env = (ahora: string): Record<string, string> => ({
  PRENSA_RAIZ: r.raiz,
  PRENSA_AHORA: ahora,
  MASTODON_TOKEN: mastodon.token,
  PRENSA_URL_MASTODON: mastodon.url,
  BLUESKY_IDENTIFICADOR: HANDLE,
  BLUESKY_CLAVE: CLAVE,
  PRENSA_URL_BLUESKY: pds.pds.url,
  TELEGRAM_BOT_TOKEN: TOKEN_TELEGRAM,
  PRENSA_URL_TELEGRAM: telegram.url,
  X_API_KEY: CREDENCIALES_X.appKey,
  X_API_SECRET: CREDENCIALES_X.appSecret,
  X_ACCESS_TOKEN: CREDENCIALES_X.accessToken,
  X_ACCESS_SECRET: CREDENCIALES_X.accessSecret,
  PRENSA_URL_X: emuX.url,
});

describe("prensa imagen kit dibuja la foto de perfil y la portada de cada red al tamaño que documenta", () => {
  it("cada imagen de cada red configurada queda en la carpeta a su tamaño exacto, con su lista de verificación", async () => {
    const carpeta = path.join(r.raiz, "salida/kit-dentro");
    const res = await prensaAsincrona(["imagen", "kit", "--carpeta", carpeta], { PRENSA_RAIZ: r.raiz, PRENSA_AHORA: DENTRO });
    expect(res.error).toBe("");
    expect(res.codigo).toBe(0);
    expect(res.salida).toContain("campaña «Navidad en Cajicá»");
    // The sample config has the six networks: every documented piece is drawn.
    expect(PIEZAS).toHaveLength(10);
    const lista = readFileSync(path.join(carpeta, "LISTA.md"), "utf8");
    for (const p of PIEZAS) {
      const archivo = path.join(carpeta, nombreArchivo(p));
      const meta = await sharp(archivo).metadata();
      expect([p.red, p.tipo, meta.format, meta.width, meta.height]).toEqual([p.red, p.tipo, "png", p.ancho, p.alto]);
      expect(readFileSync(archivo).byteLength).toBeLessThanOrEqual(p.maximo);
      expect(lista).toContain(`- [ ] `);
      expect(lista).toContain(`\`${nombreArchivo(p)}\` (${p.ancho}×${p.alto} px`);
    }
    expect(lista).toContain("la campaña «Navidad en Cajicá» (#NavidadEnCajicá)");
  }, 120_000);
});

describe("prensa imagen kit --aplicar actualiza Mastodon, Bluesky, Telegram y X una vez por cambio y lo anota", () => {
  it("envía avatar y cabecera a Mastodon, avatar y banner a Bluesky la foto del canal a Telegram y foto y cabecera a X; repetido no envía nada; otro tema vuelve a enviar", async () => {
    const primera = await prensaAsincrona(["imagen", "kit", "--aplicar"], env(DENTRO));
    expect(primera.error).toBe("");
    expect(primera.salida).toContain("Mastodon: aplicado");
    expect(primera.salida).toContain("Bluesky: aplicado");
    expect(primera.salida).toContain("Telegram: aplicado");
    expect(primera.salida).toContain("X: aplicado");
    const kit = path.join(r.raiz, "salida/imagen-kit");
    const bytes = (archivo: string) => readFileSync(path.join(kit, archivo)).byteLength;

    expect(mastodon.rutas()).toEqual(["PATCH /api/v1/accounts/update_credentials"]);
    expect(mastodon.violaciones).toEqual([]);
    expect(mastodon.perfiles.get("cajica")).toEqual({
      avatar: { nombre: "mastodon-perfil-400x400.png", tipo: "image/png", bytes: bytes("mastodon-perfil-400x400.png") },
      header: { nombre: "mastodon-portada-1500x500.png", tipo: "image/png", bytes: bytes("mastodon-portada-1500x500.png") },
    });

    const agente = new AtpAgent({ service: pds.pds.url });
    await agente.login({ identifier: HANDLE, password: CLAVE });
    const perfil = await agente.com.atproto.repo.getRecord({
      repo: agente.session!.did,
      collection: "app.bsky.actor.profile",
      rkey: "self",
    });
    const valor = perfil.data.value as { avatar: { mimeType: string; size: number }; banner: { mimeType: string; size: number } };
    expect([valor.avatar.mimeType, valor.avatar.size]).toEqual(["image/png", bytes("bluesky-perfil-1000x1000.png")]);
    expect([valor.banner.mimeType, valor.banner.size]).toEqual(["image/png", bytes("bluesky-portada-1500x500.png")]);

    // Telegram channels have a photo and no cover: setChatPhoto with the kit's 640×640 photo.
    expect(telegram.metodos()).toEqual(["setChatPhoto"]);
    expect(telegram.solicitudes[0]!.cuerpo.chat_id).toBe("@alcaldiacajica");
    expect(telegram.fotoDelCanal?.bytes.byteLength).toBe(bytes("telegram-perfil-640x640.png"));

    // X: profile image and banner through API v1.1, signed like every other X request.
    expect(emuX.rutas().sort()).toEqual([
      "POST /1.1/account/update_profile_banner.json",
      "POST /1.1/account/update_profile_image.json",
    ]);
    expect(emuX.perfil).toEqual({
      imagen: { bytes: bytes("x-perfil-400x400.png"), tipo: "image/png" },
      banner: { bytes: bytes("x-portada-1500x500.png"), tipo: "image/png" },
    });

    const registro = registroPerfilesSchema.parse(
      JSON.parse(readFileSync(path.join(r.raiz, "content/imagen/perfiles.json"), "utf8")),
    );
    expect(Object.keys(registro.redes).sort()).toEqual(["bluesky", "mastodon", "telegram", "x"]);
    expect(registro.redes.telegram!.actual.cuenta).toBe("@alcaldiacajica");
    expect(registro.redes.mastodon!.actual.campana).toBe("navidad-2026");
    expect(registro.redes.bluesky!.actual.cuenta).toBe(agente.session!.did);

    // Same theme, same images: nothing is sent again.
    const segunda = await prensaAsincrona(["imagen", "kit", "--aplicar"], env(DENTRO));
    expect(segunda.salida).toContain("Mastodon: sin cambios");
    expect(segunda.salida).toContain("Bluesky: sin cambios");
    expect(segunda.salida).toContain("Telegram: sin cambios");
    expect(mastodon.rutas()).toHaveLength(1);
    expect(telegram.metodos()).toHaveLength(1);
    expect(segunda.salida).toContain("X: sin cambios");
    expect(emuX.rutas()).toHaveLength(2);

    // After the campaign the base theme's images go out, once.
    const tercera = await prensaAsincrona(["imagen", "kit", "--aplicar"], env(DESPUES));
    expect(tercera.salida).toContain("Mastodon: aplicado");
    expect(tercera.salida).toContain("Telegram: aplicado");
    expect(telegram.metodos()).toEqual(["setChatPhoto", "setChatPhoto"]);
    expect(mastodon.rutas()).toEqual(["PATCH /api/v1/accounts/update_credentials", "PATCH /api/v1/accounts/update_credentials"]);
    const despues = registroPerfilesSchema.parse(
      JSON.parse(readFileSync(path.join(r.raiz, "content/imagen/perfiles.json"), "utf8")),
    );
    expect(despues.redes.mastodon!.actual.campana).toBeNull();
    expect(despues.redes.mastodon!.historial.map((h) => h.campana)).toEqual(["navidad-2026"]);
    expect(mastodon.violaciones).toEqual([]);
  }, 180_000);
});
