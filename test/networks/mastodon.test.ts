import { prensaAsincrona } from "../ayudas/cli.ts";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cargarInstitucion } from "../../scripts/lib/content/index.ts";
import { crearAdaptador, crearAdaptadorMastodon } from "../../scripts/lib/networks/mastodon.ts";
import type { AdaptadorRed, Correccion, Publicacion } from "../../scripts/lib/networks/tipos.ts";
import { iniciarEmuladorMastodon, type EmuladorMastodon } from "./emuladores/mastodon.ts";
import { errorRedDe as errorDe, notaCorregida, redaccionDePrueba } from "../ayudas/redes.ts";

const institucion = cargarInstitucion();
const carpeta = mkdtempSync(join(tmpdir(), "convergente-mastodon-"));
const rutaImagen = join(carpeta, "festival-del-campesino.png");
const ENLACE = "https://prensa.cajica.gov.co/noticias/2026/11/festival-del-campesino/";
const ALT = "Campesinos de Cajicá con canastos de papa y fresas en la plaza principal";

let emu: EmuladorMastodon | undefined;

beforeAll(() => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"><rect width="1200" height="630" fill="#0b5"/></svg>`;
  writeFileSync(rutaImagen, new Resvg(svg).render().asPng());
});
afterAll(() => rmSync(carpeta, { recursive: true, force: true }));
afterEach(async () => {
  if (emu) {
    // No test may leave an off-contract request behind.
    expect(emu.violaciones).toEqual([]);
    await emu.cerrar();
  }
  emu = undefined;
});

function publicacion(cambios: Partial<Publicacion> = {}): Publicacion {
  return {
    notaId: "2026/11/festival-del-campesino",
    version: "original",
    texto: `Llega el Festival del Campesino a Cajicá: música, mercado y tradición en la plaza. ${ENLACE}`,
    enlace: ENLACE,
    titulo: "Llega el Festival del Campesino",
    resumen: "Música, mercado campesino y tradición en la plaza principal.",
    imagen: { url: "https://prensa.cajica.gov.co/social/2026/11/festival-del-campesino.png", ruta: rutaImagen, alt: ALT },
    clave: "2026/11/festival-del-campesino:mastodon:original",
    ...cambios,
  };
}

async function adaptador(
  opciones: Parameters<typeof iniciarEmuladorMastodon>[0] = {},
  env: NodeJS.ProcessEnv = {},
): Promise<AdaptadorRed> {
  emu = await iniciarEmuladorMastodon(opciones);
  const a = crearAdaptadorMastodon(
    { institucion, env: { MASTODON_TOKEN: emu.token, PRENSA_URL_MASTODON: emu.url, ...env }, timeoutMs: 2000 },
    { esperaMedioMs: 5 },
  );
  if (!a) throw new Error("el adaptador debía existir");
  return a;
}

describe("adaptador de Mastodon", () => {
  it("queda simulado (undefined) cuando falta MASTODON_TOKEN", () => {
    expect(crearAdaptador({ institucion, env: {} })).toBeUndefined();
    expect(crearAdaptador({ institucion, env: { MASTODON_TOKEN: "algo-secreto-123" } })?.red).toBe("mastodon");
  });

  it("publica la imagen con su texto alternativo y el estado con clave de idempotencia, en español y público", async () => {
    const a = await adaptador();
    const post = await a.publicar(publicacion());

    expect(emu!.rutas()).toEqual(["POST /api/v2/media", "POST /api/v1/statuses"]);
    const [medio, status] = emu!.registro;
    expect(medio!.token).toBe(emu!.token);
    expect(medio!.cuerpo.description).toBe(ALT);
    expect(medio!.cuerpo.file).toMatchObject({ nombre: "festival-del-campesino.png", tipo: "image/png" });
    expect(status!.token).toBe(emu!.token);
    expect(status!.idempotencia).toBe("2026/11/festival-del-campesino:mastodon:original");
    expect(status!.cuerpo).toEqual({
      status: publicacion().texto,
      media_ids: [emu!.medios[0]!.id],
      visibility: "public",
      language: "es",
    });
    expect(emu!.estados).toHaveLength(1);
    expect(post).toEqual({ idRemoto: emu!.estados[0]!.id, url: `${emu!.url}/@cajica/${emu!.estados[0]!.id}` });
  });

  it("espera a que la instancia procese la imagen (HTTP 202) antes de adjuntarla", async () => {
    const a = await adaptador({ procesamiento: 3 });
    await a.publicar(publicacion());
    const id = emu!.medios[0]!.id;
    expect(emu!.rutas()).toEqual([
      "POST /api/v2/media",
      `GET /api/v1/media/${id}`,
      `GET /api/v1/media/${id}`,
      `GET /api/v1/media/${id}`,
      "POST /api/v1/statuses",
    ]);
    expect(emu!.registro.map((r) => r.estado)).toEqual([202, 206, 206, 200, 200]);
  });

  it("publica solo texto cuando la nota no tiene imagen", async () => {
    const a = await adaptador();
    await a.publicar(publicacion({ imagen: undefined }));
    expect(emu!.rutas()).toEqual(["POST /api/v1/statuses"]);
    expect(emu!.registro[0]!.cuerpo.media_ids).toEqual([]);
  });

  it("la misma clave de idempotencia devuelve el mismo estado; otra cuenta con la misma clave publica aparte", async () => {
    const a = await adaptador({
      cuentas: [
        { token: "token-cuenta-uno-123456", usuario: "cajica" },
        { token: "token-cuenta-dos-123456", usuario: "otra" },
      ],
    });
    const primero = await a.publicar(publicacion());
    const segundo = await a.publicar(publicacion());
    expect(segundo).toEqual(primero);
    expect(emu!.estados).toHaveLength(1);
    const otra = crearAdaptadorMastodon(
      { institucion, env: { MASTODON_TOKEN: "token-cuenta-dos-123456", PRENSA_URL_MASTODON: emu!.url } },
      { esperaMedioMs: 5 },
    )!;
    const tercero = await otra.publicar(publicacion());
    expect(tercero.idRemoto).not.toBe(primero.idRemoto);
    expect(emu!.estados).toHaveLength(2);
    expect(emu!.rutas()).toEqual(Array(3).fill(["POST /api/v2/media", "POST /api/v1/statuses"]).flat());
  });

  it("reconcilia una publicación cuya respuesta se perdió encontrándola entre las recientes, sin duplicarla", async () => {
    const a = await adaptador();
    emu!.fallar({ metodo: "POST", ruta: "/api/v1/statuses", tipo: "cortar-despues" });
    const perdido = await errorDe(a.publicar(publicacion()));
    expect(perdido.tipo).toBe("transitorio");
    expect(emu!.estados).toHaveLength(1);

    // Two hours later the Idempotency-Key has expired: only the search avoids a duplicate.
    emu!.adelantarReloj(2 * 3_600_000);
    const r = await a.reconciliar(publicacion());
    expect(r).toEqual({
      estado: "publicado",
      post: { idRemoto: emu!.estados[0]!.id, url: `${emu!.url}/@cajica/${emu!.estados[0]!.id}` },
    });
    expect(emu!.estados).toHaveLength(1);
    expect(emu!.rutas()).toEqual([
      "POST /api/v2/media",
      "POST /api/v1/statuses",
      "GET /api/v1/accounts/verify_credentials",
      "GET /api/v1/accounts/1/statuses",
    ]);
    expect(emu!.registro[3]!.consulta).toEqual({ limit: "40", exclude_reblogs: "true" });
  });

  it("reconcilia reenviando con la misma Idempotency-Key cuando el estado no aparece entre los recientes", async () => {
    const a = await adaptador();
    // A text without the link: the search cannot recognize it, the key does.
    const sinEnlace = publicacion({ texto: "Llega el Festival del Campesino a Cajicá." });
    emu!.fallar({ metodo: "POST", ruta: "/api/v1/statuses", tipo: "cortar-despues" });
    await errorDe(a.publicar(sinEnlace));
    const r = await a.reconciliar(sinEnlace);
    expect(r.estado).toBe("publicado");
    expect(r.estado === "publicado" && r.post.idRemoto).toBe(emu!.estados[0]!.id);
    expect(emu!.estados).toHaveLength(1);
    expect(emu!.rutas()).toEqual([
      "POST /api/v2/media",
      "POST /api/v1/statuses",
      "GET /api/v1/accounts/verify_credentials",
      "GET /api/v1/accounts/1/statuses",
      "POST /api/v2/media",
      "POST /api/v1/statuses",
    ]);
    expect(emu!.registro[5]!.idempotencia).toBe(emu!.registro[1]!.idempotencia);
  });

  it("con un token sin permisos de lectura, reconcilia solo con la Idempotency-Key", async () => {
    const a = await adaptador();
    emu!.fallar({ metodo: "POST", ruta: "/api/v1/statuses", tipo: "cortar-despues" });
    await errorDe(a.publicar(publicacion()));
    emu!.fallar({
      metodo: "GET",
      ruta: "/api/v1/accounts/verify_credentials",
      tipo: "respuesta",
      estado: 403,
      cuerpo: { error: "This action is outside the authorized scopes" },
    });
    const r = await a.reconciliar(publicacion());
    expect(r.estado === "publicado" && r.post.idRemoto).toBe(emu!.estados[0]!.id);
    expect(emu!.estados).toHaveLength(1);
    expect(emu!.rutas()).toEqual([
      "POST /api/v2/media",
      "POST /api/v1/statuses",
      "GET /api/v1/accounts/verify_credentials",
      "POST /api/v2/media",
      "POST /api/v1/statuses",
    ]);
  });

  it("reconcilia publicando cuando la solicitud nunca llegó a la instancia", async () => {
    const a = await adaptador();
    emu!.fallar({ metodo: "POST", ruta: "/api/v1/statuses", tipo: "cortar-antes" });
    const error = await errorDe(a.publicar(publicacion()));
    expect(error.tipo).toBe("transitorio");
    expect(error.message).toMatch(/No se pudo publicar el estado en Mastodon/);
    expect(emu!.estados).toHaveLength(0);
    const r = await a.reconciliar(publicacion());
    expect(r.estado).toBe("publicado");
    expect(emu!.estados).toHaveLength(1);
    expect(emu!.rutas().slice(2)).toEqual([
      "GET /api/v1/accounts/verify_credentials",
      "GET /api/v1/accounts/1/statuses",
      "POST /api/v2/media",
      "POST /api/v1/statuses",
    ]);
  });

  it("corrige editando el estado (PUT) con el texto nuevo, la misma imagen y su texto alternativo", async () => {
    const a = await adaptador();
    const original = await a.publicar(publicacion());
    const textoNuevo = `Corrección: el Festival del Campesino es el sábado 21, no el 14. ${ENLACE}`;
    const correccion: Correccion = {
      original,
      publicacion: publicacion({
        version: "correccion-1",
        texto: textoNuevo,
        clave: "2026/11/festival-del-campesino:mastodon:correccion-1",
      }),
      errata: `Fe de erratas: la fecha es el sábado 21. ${ENLACE}`,
    };
    expect(await a.reconciliarCorreccion(correccion)).toEqual({ estado: "no-publicado" });
    const editado = await a.corregir(correccion);
    expect(editado).toEqual(original);
    expect(await a.reconciliarCorreccion(correccion)).toEqual({ estado: "publicado", post: original });

    const medio = emu!.medios[0]!.id;
    expect(emu!.rutas()).toEqual([
      "POST /api/v2/media",
      "POST /api/v1/statuses",
      `GET /api/v1/statuses/${original.idRemoto}/source`,
      `GET /api/v1/statuses/${original.idRemoto}`,
      `PUT /api/v1/statuses/${original.idRemoto}`,
      `GET /api/v1/statuses/${original.idRemoto}/source`,
    ]);
    expect(emu!.registro[4]!.cuerpo).toEqual({
      status: textoNuevo,
      media_ids: [medio],
      language: "es",
      media_attributes: [{ id: medio, description: ALT }],
    });
    expect(emu!.estados).toHaveLength(1);
    expect(emu!.estados[0]).toMatchObject({ texto: textoNuevo, mediaIds: [medio], ediciones: 1 });
  });

  it("un token inválido es un error permanente en español que no muestra el token", async () => {
    const a = await adaptador();
    emu!.fallar({
      metodo: "POST",
      ruta: "/api/v2/media",
      tipo: "respuesta",
      estado: 401,
      // A server that echoes the token back must not leak it through our message.
      cuerpo: { error: `The access token is invalid: ${emu!.token}` },
    });
    const error = await errorDe(a.publicar(publicacion()));
    expect(error.tipo).toBe("permanente");
    expect(error.codigo).toBe(401);
    expect(error.message).toContain("Mastodon rechazó subir la imagen (HTTP 401)");
    expect(error.message).toContain("MASTODON_TOKEN");
    expect(error.message).not.toContain(emu!.token);
    expect(emu!.rutas()).toEqual(["POST /api/v2/media"]);
  });

  it("un token de verdad rechazado por la instancia es permanente (401 sin fallas inyectadas)", async () => {
    emu = await iniciarEmuladorMastodon();
    const a = crearAdaptadorMastodon({
      institucion,
      env: { MASTODON_TOKEN: "token-equivocado-999", PRENSA_URL_MASTODON: emu.url },
    })!;
    const error = await errorDe(a.publicar(publicacion({ imagen: undefined })));
    expect(error.tipo).toBe("permanente");
    expect(error.message).toContain("«The access token is invalid»");
    expect(error.message).not.toContain("token-equivocado-999");
    expect(emu.registro.map((r) => [r.metodo, r.ruta, r.estado])).toEqual([["POST", "/api/v1/statuses", 401]]);
  });

  it("una validación fallida (422) es permanente y trae el mensaje de la plataforma", async () => {
    const a = await adaptador();
    const error = await errorDe(a.publicar(publicacion({ imagen: undefined, texto: "x".repeat(501) })));
    expect(error.tipo).toBe("permanente");
    expect(error.codigo).toBe(422);
    expect(error.message).toBe(
      "Mastodon rechazó publicar el estado (HTTP 422): «Validation failed: Text character limit of 500 exceeded».",
    );
    expect(emu!.rutas()).toEqual(["POST /api/v1/statuses"]);
  });

  it("un 403 con error_description de OAuth es permanente y explica los alcances", async () => {
    const a = await adaptador();
    emu!.fallar({
      metodo: "POST",
      ruta: "/api/v1/statuses",
      tipo: "respuesta",
      estado: 403,
      cuerpo: { error: "insufficient_scope", error_description: "The requested scope is invalid, unknown, or malformed." },
    });
    const error = await errorDe(a.publicar(publicacion({ imagen: undefined })));
    expect(error.tipo).toBe("permanente");
    expect(error.message).toContain("insufficient_scope: The requested scope is invalid");
    expect(error.message).toContain("write:statuses");
  });

  it("429 es transitorio y respeta X-RateLimit-Reset", async () => {
    const a = await adaptador();
    const reinicio = new Date(Date.now() + 90_000).toISOString();
    emu!.fallar({
      metodo: "POST",
      ruta: "/api/v1/statuses",
      tipo: "respuesta",
      estado: 429,
      cuerpo: { error: "Too many requests" },
      cabeceras: { "X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reinicio },
    });
    const error = await errorDe(a.publicar(publicacion({ imagen: undefined })));
    expect(error.tipo).toBe("transitorio");
    expect(error.codigo).toBe(429);
    expect(error.esperarMs).toBeGreaterThan(80_000);
    expect(error.esperarMs).toBeLessThanOrEqual(90_000);
    expect(error.message).toMatch(
      /^Mastodon limitó las solicitudes al publicar el estado \(HTTP 429\): «Too many requests»\. Pide esperar \d+ s\.$/,
    );
  });

  it("5xx, cortes de red y demoras son transitorios", async () => {
    const a = await adaptador();
    emu!.fallar({
      metodo: "POST",
      ruta: "/api/v1/statuses",
      tipo: "respuesta",
      estado: 503,
      cuerpo: { error: "Service Unavailable" },
    });
    const e503 = await errorDe(a.publicar(publicacion({ imagen: undefined })));
    expect([e503.tipo, e503.codigo]).toEqual(["transitorio", 503]);

    emu!.fallar({ metodo: "POST", ruta: "/api/v1/statuses", tipo: "demorar", retrasoMs: 600 });
    const impaciente = crearAdaptadorMastodon({
      institucion,
      env: { MASTODON_TOKEN: emu!.token, PRENSA_URL_MASTODON: emu!.url },
      timeoutMs: 200,
    })!;
    const demora = await errorDe(impaciente.publicar(publicacion({ imagen: undefined })));
    expect(demora.tipo).toBe("transitorio");
    expect(demora.message).toContain("no respondió a tiempo");

    await new Promise((r) => setTimeout(r, 500)); // let the slow request finish on the server
    const url = emu!.url;
    expect(emu!.violaciones).toEqual([]);
    await emu!.cerrar();
    const rutas = emu!.rutas();
    emu = undefined;
    const caido = crearAdaptadorMastodon({
      institucion,
      env: { MASTODON_TOKEN: "token-de-prueba-123456", PRENSA_URL_MASTODON: url },
    })!;
    const red = await errorDe(caido.publicar(publicacion({ imagen: undefined })));
    expect(red.tipo).toBe("transitorio");
    expect(red.message).toMatch(
      /^No se pudo publicar el estado en Mastodon: fetch failed: connect ECONNREFUSED 127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. No llegó a enviarse nada\. Se reintentará\.$/,
    );
    expect(red.noProcesado).toBe(true);
    expect(rutas).toEqual(["POST /api/v1/statuses", "POST /api/v1/statuses"]);
  });

  it("sin instancia configurada falla de forma permanente explicando cómo arreglarlo", async () => {
    const sinInstancia = { ...institucion, redes: { ...institucion.redes, mastodon: undefined } };
    const a = crearAdaptador({ institucion: sinInstancia, env: { MASTODON_TOKEN: "token-de-prueba-123456" } })!;
    const error = await errorDe(a.publicar(publicacion()));
    expect(error.tipo).toBe("permanente");
    expect(error.message).toContain("redes.mastodon.opciones.instancia");
    expect(error.message).toContain("PRENSA_URL_MASTODON");
  });

  it("una imagen social que no existe es un error permanente que pide generar el sitio", async () => {
    const a = await adaptador();
    const error = await errorDe(
      a.publicar(publicacion({ imagen: { url: "x", ruta: join(carpeta, "no-existe.png"), alt: ALT } })),
    );
    expect(error.tipo).toBe("permanente");
    expect(error.message).toContain("npm run build");
    expect(emu!.rutas()).toEqual([]);
  });
});

const redaccion = () => redaccionDePrueba(["mastodon"]);

interface EntradaLeida {
  estado: string;
  idRemoto?: string;
  url?: string;
  correcciones: { estado: string; modo: string }[];
}
const leerEntrada = (registro: string) =>
  (JSON.parse(readFileSync(registro, "utf8")) as { redes: { mastodon: EntradaLeida } }).redes.mastodon;

describe("prensa publicar con Mastodon", () => {
  it("publica con imagen y clave de idempotencia, corrige editando una sola vez y no repite nada", async () => {
    emu = await iniciarEmuladorMastodon();
    const { raiz, nota, registro } = redaccion();
    try {
      const env = { MASTODON_TOKEN: emu.token, PRENSA_RAIZ: raiz, PRENSA_URL_MASTODON: emu.url };
      const primera = await prensa(["publicar", "--ahora", "2026-11-21T08:00:00-05:00"], env);
      expect(primera.error).toBe("");
      expect(primera.codigo).toBe(0);
      expect(emu.rutas()).toEqual(["POST /api/v2/media", "POST /api/v1/statuses"]);
      const [status] = emu.estados;
      expect(status!.texto).toContain("https://prensa.cajica.gov.co/noticias/2026/11/festival-del-campesino/");
      expect(emu.registro[1]!.idempotencia).toMatch(/\S{8,}/);
      expect(emu.medios[0]!.descripcion).toContain("Festival del Campesino");
      const url = `${emu.url}/@cajica/${status!.id}`;
      expect(primera.salida).toContain(url);
      expect(leerEntrada(registro)).toMatchObject({ estado: "publicado", idRemoto: status!.id, url });

      writeFileSync(nota, notaCorregida(["mastodon"]));
      const segunda = await prensa(["publicar", "--ahora", "2026-11-21T10:00:00-05:00"], env);
      expect(segunda.error).toBe("");
      expect(segunda.codigo).toBe(0);
      const tercera = await prensa(["publicar", "--ahora", "2026-11-21T11:00:00-05:00"], env);
      expect(tercera.codigo).toBe(0);

      expect(emu.rutas()).toEqual([
        "POST /api/v2/media",
        "POST /api/v1/statuses",
        `GET /api/v1/statuses/${status!.id}`,
        `PUT /api/v1/statuses/${status!.id}`,
      ]);
      expect(emu.registro.every((r) => r.token === emu!.token)).toBe(true);
      expect(emu.estados).toHaveLength(1);
      expect(emu.estados[0]!.ediciones).toBe(1);
      expect(emu.estados[0]!.mediaIds).toEqual([emu.medios[0]!.id]);
      expect(leerEntrada(registro).correcciones).toMatchObject([{ estado: "publicado", modo: "edicion" }]);
      expect(primera.salida + segunda.salida + tercera.salida + readFileSync(registro, "utf8")).not.toContain(emu.token);
    } finally {
      rmSync(raiz, { recursive: true, force: true });
    }
  });

  it("cuando se pierde la respuesta del estado, reconcilia en la misma corrida y no lo duplica", async () => {
    emu = await iniciarEmuladorMastodon();
    const { raiz, registro } = redaccion();
    try {
      emu.fallar({ metodo: "POST", ruta: "/api/v1/statuses", tipo: "cortar-despues" });
      const env = { MASTODON_TOKEN: emu.token, PRENSA_RAIZ: raiz, PRENSA_URL_MASTODON: emu.url };
      const r = await prensa(["publicar", "--ahora", "2026-11-21T08:00:00-05:00"], env);
      expect(r.error).toBe("");
      expect(r.codigo).toBe(0);
      expect(emu.rutas()).toEqual([
        "POST /api/v2/media",
        "POST /api/v1/statuses",
        "GET /api/v1/accounts/verify_credentials",
        "GET /api/v1/accounts/1/statuses",
      ]);
      expect(emu.estados).toHaveLength(1);
      expect(leerEntrada(registro)).toMatchObject({ estado: "publicado", idRemoto: emu.estados[0]!.id });
    } finally {
      rmSync(raiz, { recursive: true, force: true });
    }
  });
});

/** The real CLI with fast backoff, so retries inside a run do not slow the test. */
const prensa = (args: string[], env: Record<string, string>) => prensaAsincrona(args, { PRENSA_ESPERA_BASE_MS: "10", ...env });
