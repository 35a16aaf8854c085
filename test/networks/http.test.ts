import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  describirCausa,
  errorConexion,
  errorHttp,
  esperaDesdeCabeceras,
  esperaSegundos,
  leerImagen,
  nuncaLlego,
  ocultar,
} from "../../scripts/lib/networks/http.ts";
import { ErrorRed } from "../../scripts/lib/networks/tipos.ts";

const AHORA = Date.parse("2026-11-20T15:00:00Z");
const S = AHORA / 1000;

describe("espera pedida por las redes, en cada forma de cabecera", () => {
  it("Retry-After en segundos o como fecha HTTP (todas las redes)", () => {
    expect(esperaDesdeCabeceras(new Headers({ "retry-after": "30" }), AHORA)).toBe(30_000);
    expect(esperaDesdeCabeceras(new Headers({ "retry-after": "Fri, 20 Nov 2026 15:01:00 GMT" }), AHORA)).toBe(60_000);
    expect(esperaDesdeCabeceras({ "Retry-After": "12" }, AHORA)).toBe(12_000);
  });

  it("X: x-rate-limit-reset (15 minutos) y los límites de 24 horas por usuario y por app, cuando se agotaron", () => {
    expect(esperaDesdeCabeceras({ "x-rate-limit-remaining": "0", "x-rate-limit-reset": String(S + 40) }, AHORA)).toBe(40_000);
    const diario = {
      "x-rate-limit-remaining": "899",
      "x-rate-limit-reset": String(S + 600),
      "x-user-limit-24hour-remaining": "0",
      "x-user-limit-24hour-reset": String(S + 20 * 3600),
    };
    expect(esperaDesdeCabeceras(diario, AHORA)).toBe(20 * 3600_000);
    const app = { "x-app-limit-24hour-remaining": "0", "x-app-limit-24hour-reset": String(S + 3 * 3600) };
    expect(esperaDesdeCabeceras(app, AHORA)).toBe(3 * 3600_000);
    // A 24-hour window with requests left does not hold anything back.
    expect(
      esperaDesdeCabeceras({ "x-user-limit-24hour-remaining": "5", "x-user-limit-24hour-reset": String(S + 9000) }, AHORA),
    ).toBeUndefined();
  });

  it("Mastodon: X-RateLimit-Reset como fecha ISO", () => {
    const c = new Headers({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": "2026-11-20T15:05:00.000Z" });
    expect(esperaDesdeCabeceras(c, AHORA)).toBe(300_000);
    expect(esperaDesdeCabeceras(new Headers({ "x-ratelimit-reset": "2026-11-20T14:00:00.000Z" }), AHORA)).toBe(0);
  });

  it("Bluesky: RateLimit-Reset en segundos Unix (o en segundos de espera)", () => {
    expect(esperaDesdeCabeceras({ "ratelimit-reset": String(S + 300) }, AHORA)).toBe(300_000);
    expect(esperaDesdeCabeceras({ "RateLimit-Reset": "90" }, AHORA)).toBe(90_000);
  });

  it("Graph: estimated_time_to_regain_access de X-App-Usage y X-Business-Use-Case-Usage, en minutos", () => {
    const negocio = { "123": [{ type: "pages", call_count: 100, estimated_time_to_regain_access: 3 }] };
    expect(esperaDesdeCabeceras(new Headers({ "x-business-use-case-usage": JSON.stringify(negocio) }), AHORA)).toBe(180_000);
    const app = { call_count: 100, estimated_time_to_regain_access: 7 };
    expect(esperaDesdeCabeceras(new Headers({ "x-app-usage": JSON.stringify(app) }), AHORA)).toBe(420_000);
    expect(esperaDesdeCabeceras(new Headers({ "x-app-usage": "{roto" }), AHORA)).toBeUndefined();
  });

  it("Telegram: parameters.retry_after en segundos", () => {
    expect(esperaSegundos(7)).toBe(7000);
    expect(esperaSegundos("7")).toBe(7000);
    expect(esperaSegundos(undefined)).toBeUndefined();
  });

  it("sin cabeceras de espera no hay espera; con varias gana la más larga", () => {
    expect(esperaDesdeCabeceras(new Headers(), AHORA)).toBeUndefined();
    expect(esperaDesdeCabeceras(undefined, AHORA)).toBeUndefined();
    expect(esperaDesdeCabeceras({ "retry-after": "5", "x-rate-limit-reset": String(S + 60) }, AHORA)).toBe(60_000);
  });
});

describe("traducción de errores de transporte y HTTP", () => {
  const plataforma = { nombre: "Mastodon", env: { MASTODON_TOKEN: "token-secreto-123456" } };

  /** A real refused connection: a port that was free a moment ago. */
  async function conexionRechazada(): Promise<unknown> {
    const libre = createServer();
    await new Promise<void>((r) => libre.listen(0, "127.0.0.1", r));
    const puerto = (libre.address() as AddressInfo).port;
    await new Promise((r) => libre.close(r));
    return fetch(`http://127.0.0.1:${puerto}/`).then(
      () => {
        throw new Error("se esperaba una conexión rechazada");
      },
      (e: unknown) => e,
    );
  }

  it("una conexión rechazada prueba que nada llegó: transitorio y no procesado, con la causa completa", async () => {
    const causa = await conexionRechazada();
    expect(nuncaLlego(causa)).toBe(true);
    expect(describirCausa(causa)).toMatch(/^fetch failed: connect ECONNREFUSED 127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/);
    const e = errorConexion(plataforma, causa, "publicar el estado");
    expect(e).toMatchObject({ tipo: "transitorio", noProcesado: true, codigo: "ECONNREFUSED" });
    expect(e.message).toMatch(
      /^No se pudo publicar el estado en Mastodon: fetch failed: connect ECONNREFUSED 127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. No llegó a enviarse nada\. Se reintentará\.$/,
    );
  });

  it("un nombre que no resuelve (ENOTFOUND, EAI_AGAIN) tampoco llegó; un corte o un plazo vencido pudieron llegar", () => {
    const dns = Object.assign(new TypeError("fetch failed"), {
      cause: Object.assign(new Error("getaddrinfo ENOTFOUND api.x.com"), { code: "ENOTFOUND" }),
    });
    expect(errorConexion(plataforma, dns, "publicar").noProcesado).toBe(true);
    const temporal = Object.assign(new Error("getaddrinfo EAI_AGAIN"), { code: "EAI_AGAIN" });
    expect(nuncaLlego(temporal)).toBe(true);
    const corte = Object.assign(new TypeError("fetch failed"), {
      cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }),
    });
    expect(errorConexion(plataforma, corte, "publicar")).toMatchObject({ tipo: "transitorio", noProcesado: false });
    const plazo = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    expect(errorConexion(plataforma, plazo, "publicar", 2000)).toMatchObject({
      tipo: "transitorio",
      noProcesado: false,
      codigo: "timeout",
      message: "Mastodon no respondió en 2 s al publicar. Se reintentará.",
    });
  });

  it("describirCausa recorre toda la cadena de causas y los errores agregados", () => {
    const agregado = Object.assign(
      new AggregateError([Object.assign(new Error("connect EHOSTUNREACH"), { code: "EHOSTUNREACH" })], ""),
      {},
    );
    const error = new TypeError("fetch failed", { cause: new Error("capa intermedia", { cause: agregado }) });
    expect(describirCausa(error)).toBe("fetch failed: capa intermedia: connect EHOSTUNREACH (EHOSTUNREACH)");
    expect(nuncaLlego(error)).toBe(true);
  });

  it("429 es un rechazo (no procesado) con su espera; 5xx es transitorio y se reconcilia aunque traiga Retry-After", () => {
    const limite = errorHttp(
      plataforma,
      { estado: 429, detalle: "Too many requests", cabeceras: { "retry-after": "9" } },
      "publicar",
    );
    expect(limite).toMatchObject({ tipo: "transitorio", noProcesado: true, esperarMs: 9000, codigo: 429 });
    expect(limite.message).toBe("Mastodon limitó las solicitudes al publicar (HTTP 429): «Too many requests». Pide esperar 9 s.");
    const caido = errorHttp(plataforma, { estado: 503, cabeceras: { "retry-after": "30" } }, "publicar");
    expect(caido).toMatchObject({ tipo: "transitorio", noProcesado: false, esperarMs: 30_000 });
    const fallo = errorHttp(plataforma, { estado: 500, cabeceras: { "retry-after": "30" } }, "publicar");
    expect(fallo).toMatchObject({ tipo: "transitorio", noProcesado: false, esperarMs: undefined });
  });

  it("los demás 4xx son permanentes, con el arreglo de la red y sin secretos", () => {
    const e = errorHttp(
      plataforma,
      { estado: 401, detalle: "token-secreto-123456 inválido", arreglos: { 401: "Renueve MASTODON_TOKEN." } },
      "publicar",
    );
    expect(e).toBeInstanceOf(ErrorRed);
    expect(e.tipo).toBe("permanente");
    expect(e.message).toBe("Mastodon rechazó publicar (HTTP 401): «[oculto] inválido». Renueve MASTODON_TOKEN.");
    expect(ocultar("bot123456:ABCDEFGHIJKLMNOPQRSTUV ok", {}, ["otro-secreto"])).toBe("bot[oculto] ok");
  });
});

describe("imagen social leída de sus bytes", () => {
  const carpeta = mkdtempSync(path.join(tmpdir(), "convergente-http-"));
  afterAll(() => rmSync(carpeta, { recursive: true, force: true }));
  const plataforma = { nombre: "Telegram", env: {} };

  it("el tipo sale de los bytes, no de la extensión", async () => {
    const jpeg = path.join(carpeta, "tarjeta.png");
    writeFileSync(jpeg, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]));
    const leida = await leerImagen(plataforma, jpeg);
    expect(leida).toMatchObject({ tipo: "image/jpeg", nombre: "tarjeta.png" });
  });

  it("un archivo que falta o que no es PNG ni JPEG es permanente y nombra el archivo", async () => {
    const falta = path.join(carpeta, "no-existe.jpg");
    await expect(leerImagen(plataforma, falta)).rejects.toMatchObject({ tipo: "permanente" });
    await expect(leerImagen(plataforma, falta)).rejects.toThrow(/no-existe\.jpg/);
    const texto = path.join(carpeta, "nota.jpg");
    writeFileSync(texto, "no soy una imagen");
    await expect(leerImagen(plataforma, texto)).rejects.toThrow(/no es PNG ni JPEG/);
  });
});
