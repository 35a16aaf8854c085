import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { Red } from "../../scripts/lib/content/schema/redes.ts";
import { registroSchema, type EntradaRed } from "../../scripts/lib/ledger/schema.ts";
import { prensaAsincrona } from "../ayudas/cli.ts";
import { iniciarEmuladorGraph, type EmuladorGraph } from "./emuladores/graph.ts";
import { iniciarEmuladorTelegram, type EmuladorTelegram } from "./emuladores/telegram.ts";
import { iniciarEmuladorX, type CredencialesX, type EmuladorX } from "./emuladores/x.ts";
import { jpeg } from "./imagenes.ts";
import { NOTA_ID, redaccionDePrueba } from "../ayudas/redes.ts";

/**
 * Exactly-once under each error class, through the real entry point (`prensa publicar`) against
 * the local emulators: a Graph 5xx after the post was made (reconciled, no duplicate), Instagram's
 * daily publishing limit and X's 24-hour limit (the entry waits for the reset instead of failing or
 * burning retries), and a Telegram connection refused (nothing permanent, not `incierto`, sent on
 * the next run).
 */

const AHORA = "2026-11-21T08:00:00-05:00";

let cerrar: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cerrar?.();
  cerrar = undefined;
});

/** A newsroom with only the config and one note for `red`, and its record entry for that network. */
function redaccion(red: Red): { raiz: string; entrada: () => EntradaRed; borrar: () => void } {
  const r = redaccionDePrueba([red]);
  return { ...r, entrada: () => registroSchema.parse(JSON.parse(readFileSync(r.registro, "utf8"))).redes[red]! };
}

const publicar = (ahora: string, env: Record<string, string | undefined>) =>
  prensaAsincrona(["publicar", "--ahora", ahora], { PRENSA_ESPERA_BASE_MS: "0", ...env });

/** One minute after an instant, as --ahora. */
const despuesDe = (instante: string) => new Date(Date.parse(instante) + 60_000).toISOString();

describe("exactamente una vez ante cada clase de error (prensa publicar contra los emuladores)", () => {
  it("Facebook: un 5xx con Retry-After después de crear la foto se reconcilia y no la duplica", async () => {
    const emu: EmuladorGraph = await iniciarEmuladorGraph();
    cerrar = () => emu.cerrar();
    const r = redaccion("facebook");
    try {
      const pagina = "100064000000001";
      // Graph makes the post, then answers 500 with a wait: the wait proves nothing about the post.
      emu.fallar({
        metodo: "POST",
        ruta: `/v26.0/${pagina}/photos`,
        despues: true,
        status: 500,
        cuerpo: { error: { message: "An unexpected error has occurred", type: "OAuthException", code: 2, is_transient: true } },
        encabezados: { "retry-after": "1" },
      });
      const corrida = await publicar(AHORA, {
        PRENSA_RAIZ: r.raiz,
        FACEBOOK_TOKEN: "EAAtokenDePaginaDePrueba123456",
        PRENSA_URL_FACEBOOK: emu.url,
      });
      expect(corrida.codigo, corrida.salida + corrida.error).toBe(0);
      expect(emu.lineas()).toEqual([`POST /v26.0/${pagina}/photos`, `GET /v26.0/${pagina}/posts`]);
      expect(emu.posts).toHaveLength(1);
      expect(r.entrada()).toMatchObject({ estado: "publicado", idRemoto: emu.posts[0]!.id, intentos: 1 });
      expect(corrida.salida).toContain("Solicitudes a las redes en esta ejecución: Facebook: 2.");
    } finally {
      r.borrar();
    }
  });

  it("Instagram: el límite diario de publicaciones deja la entrada en espera hasta que se libere el cupo, y luego sale una vez", async () => {
    const emu = await iniciarEmuladorGraph();
    cerrar = () => emu.cerrar();
    const r = redaccion("instagram");
    try {
      emu.servir(`https://prensa.cajica.gov.co/social/${NOTA_ID}.jpg`, await jpeg());
      const cuenta = "17841400000000001";
      emu.fallar({
        metodo: "POST",
        ruta: `/v26.0/${cuenta}/media`,
        status: 400,
        cuerpo: {
          error: {
            message: "You reached maximum number of posts that is allowed to be published by Content Publishing API.",
            type: "OAuthException",
            code: 9,
            error_subcode: 2207042,
          },
        },
      });
      const env = {
        PRENSA_RAIZ: r.raiz,
        INSTAGRAM_TOKEN: "EAAtokenDeInstagramDePrueba654321",
        PRENSA_URL_INSTAGRAM: emu.url,
        PRENSA_INSTAGRAM_SONDEO_MS: "5",
      };
      const antes = Date.now();
      const primera = await publicar(AHORA, env);
      expect(primera.codigo, primera.salida + primera.error).toBe(0);
      expect(emu.lineas()).toEqual([`POST /v26.0/${cuenta}/media`]);
      const enEspera = r.entrada();
      expect(enEspera).toMatchObject({
        estado: "en-espera",
        intentos: 1,
        ultimoError: { tipo: "transitorio", codigo: 9, noProcesado: true },
      });
      const desde = Date.parse(enEspera.reintentarDesde!);
      // Recorded to the second: at least 24 h after the run started (that second included).
      expect(desde).toBeGreaterThanOrEqual(Math.floor(antes / 1000) * 1000 + 24 * 3600_000);
      expect(primera.salida).toContain("en espera");

      // Before the reset nothing is tried; after it, the post goes out once (no reconciliation read).
      const segunda = await publicar(new Date(desde - 60_000).toISOString(), env);
      expect(segunda.codigo).toBe(0);
      expect(emu.lineas()).toHaveLength(1);
      const tercera = await publicar(despuesDe(enEspera.reintentarDesde!), env);
      expect(tercera.codigo, tercera.salida + tercera.error).toBe(0);
      expect(emu.lineas().slice(1)).toEqual([
        `POST /v26.0/${cuenta}/media`,
        "GET /v26.0/1785001",
        `POST /v26.0/${cuenta}/media_publish`,
        "GET /v26.0/1795002",
      ]);
      expect(emu.medios).toHaveLength(1);
      expect(r.entrada()).toMatchObject({ estado: "publicado", intentos: 2 });
      expect(r.entrada().reintentarDesde).toBeUndefined();
    } finally {
      r.borrar();
    }
  });

  it("X: el límite de 24 horas deja la entrada en espera hasta su reinicio, sin gastar intentos ni lecturas", async () => {
    const credenciales: CredencialesX = {
      appKey: "clave-de-app-x-1234567890",
      appSecret: "secreto-de-app-x-abcdefghijklmnop",
      accessToken: "2244994945-tokenDeAccesoX0987654321",
      accessSecret: "secreto-de-acceso-x-qrstuvwxyz",
    };
    const emu: EmuladorX = await iniciarEmuladorX(credenciales);
    cerrar = () => emu.cerrar();
    const r = redaccion("x");
    try {
      const ahora = Math.floor(Date.now() / 1000);
      emu.fallar("POST /2/tweets", {
        estado: 429,
        cuerpo: { title: "Too Many Requests", detail: "Too Many Requests", type: "about:blank", status: 429 },
        cabeceras: {
          "x-rate-limit-remaining": "99",
          "x-rate-limit-reset": String(ahora + 900),
          "x-user-limit-24hour-limit": "17",
          "x-user-limit-24hour-remaining": "0",
          "x-user-limit-24hour-reset": String(ahora + 6 * 3600),
        },
      });
      const env = {
        PRENSA_RAIZ: r.raiz,
        X_API_KEY: credenciales.appKey,
        X_API_SECRET: credenciales.appSecret,
        X_ACCESS_TOKEN: credenciales.accessToken,
        X_ACCESS_SECRET: credenciales.accessSecret,
        PRENSA_URL_X: emu.url,
      };
      const primera = await publicar(AHORA, env);
      expect(primera.codigo, primera.salida + primera.error).toBe(0);
      expect(emu.rutas()).toEqual(["POST /2/media/upload", "POST /2/media/metadata", "POST /2/tweets"]);
      const enEspera = r.entrada();
      expect(enEspera).toMatchObject({ estado: "en-espera", intentos: 1, ultimoError: { codigo: 429, noProcesado: true } });
      expect(Math.abs(Date.parse(enEspera.reintentarDesde!) - (ahora + 6 * 3600) * 1000)).toBeLessThan(60_000);
      expect(primera.salida).toContain("Solicitudes a las redes en esta ejecución: X: 3.");

      const segunda = await publicar(despuesDe(enEspera.reintentarDesde!), env);
      expect(segunda.codigo, segunda.salida + segunda.error).toBe(0);
      // Sent again directly: X refused it, so there is nothing to look for (reads cost money).
      expect(emu.rutas().slice(3)).toEqual(["POST /2/media/upload", "POST /2/media/metadata", "POST /2/tweets"]);
      expect(emu.tweets).toHaveLength(1);
      expect(r.entrada()).toMatchObject({ estado: "publicado", idRemoto: emu.tweets[0]!.id, intentos: 2 });
    } finally {
      r.borrar();
    }
  });

  it("Telegram: una conexión rechazada no es incierta ni permanente y el mensaje sale en la corrida siguiente", async () => {
    const libre = http.createServer();
    await new Promise<void>((listo) => libre.listen(0, "127.0.0.1", listo));
    const puerto = (libre.address() as AddressInfo).port;
    await new Promise((listo) => libre.close(listo));
    const token = "7312456789:AAHx9pQ-tokenDePruebaTelegram_zYw";
    const r = redaccion("telegram");
    try {
      const env = { PRENSA_RAIZ: r.raiz, TELEGRAM_BOT_TOKEN: token, PRENSA_INTENTOS: "2" };
      const caida = await publicar(AHORA, { ...env, PRENSA_URL_TELEGRAM: `http://127.0.0.1:${puerto}` });
      expect(caida.codigo).toBe(1);
      const fallida = r.entrada();
      expect(fallida).toMatchObject({
        estado: "fallido",
        intentos: 2,
        ultimoError: { tipo: "transitorio", codigo: "ECONNREFUSED", noProcesado: true },
      });
      expect(fallida.ultimoError?.mensaje).toContain("No llegó a enviarse nada.");
      expect(caida.salida + caida.error).not.toContain(token);

      const emu: EmuladorTelegram = await iniciarEmuladorTelegram(token);
      cerrar = () => emu.cerrar();
      const siguiente = await publicar("2026-11-21T08:10:00-05:00", { ...env, PRENSA_URL_TELEGRAM: emu.url });
      expect(siguiente.codigo, siguiente.salida + siguiente.error).toBe(0);
      expect(emu.metodos()).toEqual(["sendPhoto"]);
      expect(r.entrada()).toMatchObject({ estado: "publicado", intentos: 3 });
    } finally {
      r.borrar();
    }
  });
});
