import { prensaAsincrona as prensa } from "../ayudas/cli.ts";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cargarInstitucion } from "../../scripts/lib/content/index.ts";
import type { Institucion } from "../../scripts/lib/content/index.ts";
import type { AdaptadorRed, Correccion, Publicacion } from "../../scripts/lib/networks/tipos.ts";
import { crearAdaptador } from "../../scripts/lib/networks/x.ts";
import { recortarHasta } from "../../scripts/lib/copy/recortar.ts";
import { USUARIO_X, iniciarEmuladorX } from "./emuladores/x.ts";
import type { CredencialesX, EmuladorX } from "./emuladores/x.ts";
import { errorRedDe, notaCorregida, redaccionDePrueba } from "../ayudas/redes.ts";

const CREDENCIALES: CredencialesX = {
  appKey: "clave-de-app-x-1234567890",
  appSecret: "secreto-de-app-x-abcdefghijklmnop",
  accessToken: "2244994945-tokenDeAccesoX0987654321",
  accessSecret: "secreto-de-acceso-x-qrstuvwxyz",
};
const ENV = {
  X_API_KEY: CREDENCIALES.appKey,
  X_API_SECRET: CREDENCIALES.appSecret,
  X_ACCESS_TOKEN: CREDENCIALES.accessToken,
  X_ACCESS_SECRET: CREDENCIALES.accessSecret,
};
const SECRETOS = Object.values(ENV);

/** A 1x1 PNG: the adapter sends the file's bytes as they are. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

let carpeta: string;
let institucion: Institucion;
let emu: EmuladorX;

beforeAll(() => {
  carpeta = mkdtempSync(path.join(tmpdir(), "convergente-x-"));
  writeFileSync(path.join(carpeta, "festival.png"), PNG);
  institucion = cargarInstitucion();
});
afterAll(() => rmSync(carpeta, { recursive: true, force: true }));
afterEach(async () => emu?.cerrar());

async function preparar(
  opciones: { credenciales?: CredencialesX; timeoutMs?: number; usuarioId?: string } = {},
): Promise<AdaptadorRed> {
  emu = await iniciarEmuladorX(opciones.credenciales ?? CREDENCIALES);
  const inst: Institucion = opciones.usuarioId
    ? {
        ...institucion,
        redes: {
          ...institucion.redes,
          x: { usuario: "@AlcaldiaCajica", url: "https://x.com/AlcaldiaCajica", opciones: { usuarioId: opciones.usuarioId } },
        },
      }
    : institucion;
  const adaptador = crearAdaptador({ institucion: inst, env: { ...ENV }, baseUrl: emu.url, timeoutMs: opciones.timeoutMs });
  if (!adaptador) throw new Error("el adaptador de X debía crearse con las cuatro credenciales");
  return adaptador;
}

function publicacion(extra: Partial<Publicacion> = {}): Publicacion {
  return {
    notaId: "2026/11/festival-del-campesino",
    version: "original",
    texto:
      "Este domingo, Festival del Campesino en el parque principal de Cajicá. https://prensa.cajica.gov.co/noticias/2026/11/festival-del-campesino/",
    enlace: "https://prensa.cajica.gov.co/noticias/2026/11/festival-del-campesino/",
    titulo: "Festival del Campesino",
    resumen: "Música, mercado y cocina tradicional",
    imagen: {
      url: "https://prensa.cajica.gov.co/social/2026/11/festival-del-campesino.png",
      ruta: path.join(carpeta, "festival.png"),
      alt: "Campesinos de Cajicá con ruanas y sombreros junto a un puesto de mercado con papa y mazorca",
    },
    clave: "2026/11/festival-del-campesino:x:original",
    ...extra,
  };
}

/** Runs a promise that must fail and returns the ErrorRed, checking no secret leaked into it. */
const fallo = (promesa: Promise<unknown>) => errorRedDe(promesa, SECRETOS);

function expectFirmada(): void {
  for (const s of emu.solicitudes) {
    expect(s.oauth.oauth_consumer_key).toBe(CREDENCIALES.appKey);
    expect(s.oauth.oauth_token).toBe(CREDENCIALES.accessToken);
    expect(s.oauth.oauth_signature_method).toBe("HMAC-SHA1");
    expect(s.oauth.oauth_signature).toBeTruthy();
  }
}

describe("adaptador de X", () => {
  it("no se crea si falta alguna de las cuatro credenciales", () => {
    for (const falta of Object.keys(ENV)) {
      const env: NodeJS.ProcessEnv = { ...ENV, [falta]: "" };
      expect(crearAdaptador({ institucion, env })).toBeUndefined();
    }
    expect(crearAdaptador({ institucion, env: { ...ENV } })).toBeDefined();
  });

  it("publica un post con la imagen social y su texto alternativo", async () => {
    const x = await preparar();
    const post = await x.publicar(publicacion());

    expect(emu.rutas()).toEqual(["POST /2/media/upload", "POST /2/media/metadata", "POST /2/tweets"]);
    expectFirmada();
    const [subida, metadatos, tweet] = emu.solicitudes;
    const campos = subida?.cuerpo as Record<string, unknown>;
    expect(campos.media_category).toBe("tweet_image");
    expect(campos.media_type).toBe("image/png");
    expect((campos.media as { bytes: Buffer }).bytes.equals(PNG)).toBe(true);
    const [medio] = [...emu.medios.values()];
    expect(metadatos?.cuerpo).toEqual({
      id: medio?.id,
      metadata: { alt_text: { text: publicacion().imagen?.alt } },
    });
    expect(tweet?.cuerpo).toEqual({ text: publicacion().texto, media: { media_ids: [medio?.id] } });
    expect(medio?.alt).toBe(publicacion().imagen?.alt);

    const [creado] = emu.tweets;
    expect(post).toEqual({ idRemoto: creado?.id, url: `https://x.com/AlcaldiaCajica/status/${creado?.id}` });
    expect(x.edita).toBe(false);
  });

  it("publica un post solo de texto sin subir imagen", async () => {
    const x = await preparar();
    const post = await x.publicar(publicacion({ imagen: undefined }));
    expect(emu.rutas()).toEqual(["POST /2/tweets"]);
    expectFirmada();
    expect(emu.solicitudes[0]?.cuerpo).toEqual({ text: publicacion().texto });
    expect(post.url).toBe(`https://x.com/AlcaldiaCajica/status/${emu.tweets[0]?.id}`);
  });

  it("corrige respondiendo una sola vez al post original con la fe de erratas", async () => {
    const x = await preparar();
    const original = await x.publicar(publicacion({ imagen: undefined }));
    const correccion: Correccion = {
      original,
      publicacion: publicacion({ version: "correccion-1", texto: "El festival es el sábado." }),
      errata: `Fe de erratas: el festival es el sábado 14 & no el domingo. ${publicacion().enlace}`,
    };
    const respuesta = await x.corregir(correccion);

    expect(emu.rutas()).toEqual(["POST /2/tweets", "POST /2/tweets"]);
    expectFirmada();
    expect(emu.solicitudes[1]?.cuerpo).toEqual({
      text: correccion.errata,
      reply: { in_reply_to_tweet_id: original.idRemoto },
    });
    expect(respuesta.idRemoto).toBe(emu.tweets[1]?.id);
    expect(respuesta.idRemoto).not.toBe(original.idRemoto);
    expect(emu.tweets[1]?.respondeA).toBe(original.idRemoto);
  });

  it("reconcilia un post que salió aunque la respuesta se perdió", async () => {
    const x = await preparar();
    emu.fallar("POST /2/tweets", "perder-respuesta");
    const e = await fallo(x.publicar(publicacion({ imagen: undefined })));
    expect(e.tipo).toBe("transitorio");

    const r = await x.reconciliar(publicacion({ imagen: undefined }));
    expect(emu.rutas()).toEqual(["POST /2/tweets", "GET /2/users/me", `GET /2/users/${USUARIO_X.id}/tweets`]);
    expectFirmada();
    // X charges per post read: a page of 10, not the timeline's 100.
    expect(emu.solicitudes[2]?.consulta).toEqual({
      max_results: "10",
      "tweet.fields": "entities,referenced_tweets,created_at",
    });
    const id = emu.tweets[0]?.id;
    expect(r).toEqual({ estado: "publicado", post: { idRemoto: id, url: `https://x.com/AlcaldiaCajica/status/${id}` } });
  });

  it("reconcilia como no publicado si el post no está entre los recientes, sin confundirlo con una respuesta", async () => {
    const x = await preparar({ usuarioId: USUARIO_X.id });
    const otra = await x.publicar(
      publicacion({ imagen: undefined, texto: "Otra noticia https://prensa.cajica.gov.co/noticias/2026/11/otra/" }),
    );
    // A reply that carries the note's link is not the note's post.
    await x.corregir({
      original: otra,
      publicacion: publicacion(),
      errata: `Fe de erratas: ver ${publicacion().enlace}`,
    });
    emu.fallar("POST /2/tweets", "cortar");
    await fallo(x.publicar(publicacion({ imagen: undefined })));

    const r = await x.reconciliar(publicacion({ imagen: undefined }));
    expect(r).toEqual({ estado: "no-publicado" });
    // With redes.x.opciones.usuarioId there is no GET /2/users/me.
    expect(emu.rutas()).toEqual(["POST /2/tweets", "POST /2/tweets", "POST /2/tweets", `GET /2/users/${USUARIO_X.id}/tweets`]);
    expect(emu.tweets).toHaveLength(2);
  });

  it("reconcilia una fe de erratas cuya respuesta se perdió, distinguiéndola de otra corrección", async () => {
    const x = await preparar();
    const original = await x.publicar(publicacion({ imagen: undefined }));
    const primera: Correccion = {
      original,
      publicacion: publicacion({ version: "correccion-1" }),
      errata: `Fe de erratas: la hora es 9:00 a. m. ${publicacion().enlace}`,
    };
    const segunda: Correccion = {
      original,
      publicacion: publicacion({ version: "correccion-2" }),
      errata: `Fe de erratas: el lugar es el parque Santa Cruz & no la plaza. ${publicacion().enlace}`,
    };
    await x.corregir(primera);
    expect(await x.reconciliarCorreccion(segunda)).toEqual({ estado: "no-publicado" });

    emu.fallar("POST /2/tweets", "perder-respuesta");
    expect((await fallo(x.corregir(segunda))).tipo).toBe("transitorio");
    const r = await x.reconciliarCorreccion(segunda);
    const id = emu.tweets[2]?.id;
    expect(r).toEqual({ estado: "publicado", post: { idRemoto: id, url: `https://x.com/AlcaldiaCajica/status/${id}` } });
    expect(emu.rutas()).toEqual([
      "POST /2/tweets",
      "POST /2/tweets",
      "GET /2/users/me",
      `GET /2/users/${USUARIO_X.id}/tweets`,
      "POST /2/tweets",
      `GET /2/users/${USUARIO_X.id}/tweets`,
    ]);
  });

  it("ante contenido duplicado recupera el post que ya había salido", async () => {
    const x = await preparar();
    const primero = await x.publicar(publicacion({ imagen: undefined }));
    const segundo = await x.publicar(publicacion({ imagen: undefined }));
    expect(segundo).toEqual(primero);
    expect(emu.tweets).toHaveLength(1);
    expect(emu.rutas()).toEqual(["POST /2/tweets", "POST /2/tweets", "GET /2/users/me", `GET /2/users/${USUARIO_X.id}/tweets`]);
  });

  it("rechaza el contenido duplicado como error permanente si no es la misma nota", async () => {
    const x = await preparar();
    emu.fallar("POST /2/tweets", {
      estado: 403,
      cuerpo: {
        detail: "You are not allowed to create a Tweet with duplicate content.",
        type: "about:blank",
        title: "Forbidden",
        status: 403,
      },
    });
    const e = await fallo(x.publicar(publicacion({ imagen: undefined })));
    expect(e.tipo).toBe("permanente");
    expect(e.codigo).toBe(403);
    expect(e.message).toContain("X rechazó el contenido duplicado");
    expect(e.message).toContain("duplicate content");
    expect(emu.rutas()).toEqual(["POST /2/tweets", "GET /2/users/me", `GET /2/users/${USUARIO_X.id}/tweets`]);
  });

  it("trata el límite de solicitudes como transitorio y espera hasta x-rate-limit-reset", async () => {
    const x = await preparar();
    const reset = Math.floor(Date.now() / 1000) + 40;
    emu.fallar("POST /2/media/upload", {
      estado: 429,
      cuerpo: { title: "Too Many Requests", detail: "Too Many Requests", type: "about:blank", status: 429 },
      cabeceras: {
        "x-rate-limit-limit": "50",
        "x-rate-limit-remaining": "0",
        "x-rate-limit-reset": String(reset),
      },
    });
    const e = await fallo(x.publicar(publicacion()));
    expect(e.tipo).toBe("transitorio");
    expect(e.codigo).toBe(429);
    expect(e.esperarMs).toBeGreaterThan(35_000);
    expect(e.esperarMs).toBeLessThanOrEqual(40_000);
    expect(emu.rutas()).toEqual(["POST /2/media/upload"]);
  });

  it("el límite de 24 horas (x-user-limit-24hour-*) es un rechazo que espera hasta su reinicio, aunque la ventana de 15 minutos tenga cupo", async () => {
    const x = await preparar();
    const ahora = Math.floor(Date.now() / 1000);
    emu.fallar("POST /2/tweets", {
      estado: 429,
      cuerpo: { title: "Too Many Requests", detail: "Too Many Requests", type: "about:blank", status: 429 },
      cabeceras: {
        "x-rate-limit-limit": "100",
        "x-rate-limit-remaining": "99",
        "x-rate-limit-reset": String(ahora + 900),
        "x-user-limit-24hour-limit": "17",
        "x-user-limit-24hour-remaining": "0",
        "x-user-limit-24hour-reset": String(ahora + 20 * 3600),
      },
    });
    const e = await fallo(x.publicar(publicacion({ imagen: undefined })));
    expect(e).toMatchObject({ tipo: "transitorio", codigo: 429, noProcesado: true });
    expect(e.esperarMs).toBeGreaterThan(20 * 3600_000 - 5000);
    expect(e.esperarMs).toBeLessThanOrEqual(20 * 3600_000);
    expect(e.message).toContain("límite de 24 horas x-user-limit-24hour");
    expect(emu.tweets).toHaveLength(0);
  });

  it("reconcilia leyendo solo la ventana desde el envío (start_time), con pocos resultados", async () => {
    const x = await preparar({ usuarioId: USUARIO_X.id });
    // An older post with the same link (e.g. published by hand two days ago) is outside the window.
    emu.agregarTweet(`Antes: ${publicacion().enlace}`, new Date(Date.now() - 2 * 86_400_000));
    const desde = new Date(Date.now() - 60_000);
    const r = await x.reconciliar(publicacion({ desde }));
    expect(r).toEqual({ estado: "no-publicado" });
    expect(emu.rutas()).toEqual([`GET /2/users/${USUARIO_X.id}/tweets`]);
    const inicio = new Date(desde.getTime() - 5 * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    expect(emu.solicitudes[0]?.consulta).toEqual({
      max_results: "10",
      start_time: inicio,
      "tweet.fields": "entities,referenced_tweets,created_at",
    });
    expect(x.solicitudes()).toBe(1);
  });

  it("sigue las páginas de la ventana (next_token) pocas veces y luego dice desconocido", async () => {
    const x = await preparar({ usuarioId: USUARIO_X.id });
    for (let i = 0; i < 35; i++) emu.agregarTweet(`Aviso ${i}`, new Date());
    const r = await x.reconciliar(publicacion({ desde: new Date(Date.now() - 60_000) }));
    expect(r.estado).toBe("desconocido");
    expect(emu.rutas()).toEqual(Array.from({ length: 3 }, () => `GET /2/users/${USUARIO_X.id}/tweets`));
    expect(emu.solicitudes[1]?.consulta.pagination_token).toBeTruthy();
  });

  it("trata los errores 5xx, las conexiones cortadas y los plazos vencidos como transitorios", async () => {
    const x = await preparar({ timeoutMs: 400 });
    emu.fallar("POST /2/tweets", {
      estado: 503,
      cuerpo: { title: "Service Unavailable", detail: "Service Unavailable", type: "about:blank", status: 503 },
    });
    const e503 = await fallo(x.publicar(publicacion({ imagen: undefined })));
    expect([e503.tipo, e503.codigo]).toEqual(["transitorio", 503]);

    emu.fallar("POST /2/media/metadata", "cortar");
    const corte = await fallo(x.publicar(publicacion()));
    expect(corte.tipo).toBe("transitorio");
    expect(corte.message).toContain("No se pudo escribir el texto alternativo de la imagen en X: socket hang up (ECONNRESET)");
    expect(corte.noProcesado).toBe(false);

    emu.fallar("POST /2/tweets", "colgar");
    const inicio = Date.now();
    const plazo = await fallo(x.publicar(publicacion({ imagen: undefined })));
    expect(plazo.tipo).toBe("transitorio");
    expect(Date.now() - inicio).toBeLessThan(5_000);

    expect(emu.rutas()).toEqual(["POST /2/tweets", "POST /2/media/upload", "POST /2/media/metadata", "POST /2/tweets"]);
    expect(emu.tweets).toHaveLength(0);
  });

  it("trata credenciales inválidas como error permanente sin mostrar ningún secreto", async () => {
    // The emulator knows other secrets: the signature does not verify and X answers 401.
    const x = await preparar({ credenciales: { ...CREDENCIALES, appSecret: "otro-secreto-que-no-coincide" } });
    const e = await fallo(x.publicar(publicacion({ imagen: undefined })));
    expect(e.tipo).toBe("permanente");
    expect(e.codigo).toBe(401);
    expect(e.message).toContain("X_API_KEY");
    expect(emu.rutas()).toEqual(["POST /2/tweets"]);

    // Reconciling with bad credentials cannot decide: a person resolves it.
    const r = await x.reconciliar(publicacion());
    expect(r.estado).toBe("desconocido");
    if (r.estado === "desconocido") {
      expect(r.motivo).toContain("401");
      for (const s of SECRETOS) expect(r.motivo).not.toContain(s);
    }
    expect(emu.rutas()).toEqual(["POST /2/tweets", "GET /2/users/me"]);
  });

  it("trata la falta de permisos y las solicitudes inválidas como errores permanentes", async () => {
    const x = await preparar();
    emu.fallar("POST /2/tweets", {
      estado: 403,
      cuerpo: {
        title: "Forbidden",
        type: "about:blank",
        status: 403,
        detail: "You are not permitted to perform this action.",
      },
    });
    const permiso = await fallo(x.publicar(publicacion({ imagen: undefined })));
    expect([permiso.tipo, permiso.codigo]).toEqual(["permanente", 403]);
    expect(permiso.message).toContain("permiso de lectura y escritura");

    const largo = await fallo(x.publicar(publicacion({ imagen: undefined, texto: "Cajicá ".repeat(60) })));
    expect([largo.tipo, largo.codigo]).toEqual(["permanente", 400]);
    expect(largo.message).toContain("Invalid Request");
    expect(largo.message).toContain("Your Tweet text is too long or empty.");
    expect(emu.rutas()).toEqual(["POST /2/tweets", "POST /2/tweets"]);
  });

  it("no llama a X si la imagen social no existe", async () => {
    const x = await preparar();
    const base = publicacion();
    const imagen = { url: base.imagen?.url ?? "", alt: "Texto alternativo", ruta: path.join(carpeta, "no-existe.png") };
    const e = await fallo(x.publicar(publicacion({ imagen })));
    expect(e.tipo).toBe("permanente");
    expect(e.message).toContain("no-existe.png");
    expect(emu.rutas()).toEqual([]);
  });

  it("recorta en un límite de palabra, dentro de 1000 caracteres, un texto alternativo más largo de lo que X admite", async () => {
    const x = await preparar();
    const base = publicacion();
    const alt = "Vista del parque principal de Cajicá durante el festival. ".repeat(30);
    await x.publicar(publicacion({ imagen: { url: base.imagen?.url ?? "", ruta: base.imagen?.ruta ?? "", alt } }));
    expect(emu.rutas()).toEqual(["POST /2/media/upload", "POST /2/media/metadata", "POST /2/tweets"]);
    const enviado = [...emu.medios.values()][0]?.alt ?? "";
    // The same cut as every other text (copy/recortar.ts): whole words, an ellipsis, at most 1000.
    expect([...enviado].length).toBeLessThanOrEqual(1000);
    expect([...enviado].length).toBeGreaterThan(940);
    expect(enviado.endsWith("…")).toBe(true);
    expect(enviado).toBe(recortarHasta(alt, (r) => [...r].length <= 1000));
    expect(alt.startsWith(enviado.slice(0, -1))).toBe(true);
    expect(alt[enviado.length - 1]).toMatch(/[\s.]/);
  });
});

describe("prensa publicar con X", () => {
  it("publica con imagen y alt, responde la fe de erratas una sola vez y no repite nada", async () => {
    emu = await iniciarEmuladorX(CREDENCIALES);
    const { raiz, nota } = redaccionDePrueba(["x"]);
    try {
      const env = { ...ENV, PRENSA_RAIZ: raiz, PRENSA_URL_X: emu.url };
      const ahora = ["--ahora", "2026-11-21T08:00:00-05:00"];

      const primera = await prensa(["publicar", ...ahora], env);
      expect(primera.error).toBe("");
      expect(primera.codigo).toBe(0);
      expect(emu.rutas()).toEqual(["POST /2/media/upload", "POST /2/media/metadata", "POST /2/tweets"]);
      expectFirmada();
      const original = emu.tweets[0];
      expect(original?.mediaIds).toHaveLength(1);
      expect(emu.medios.get(original?.mediaIds[0] ?? "")?.alt).toContain("Festival del Campesino");
      expect(original?.text).toContain("https://prensa.cajica.gov.co/noticias/2026/11/festival-del-campesino/");
      const url = `https://x.com/AlcaldiaCajica/status/${original?.id}`;
      expect(primera.salida).toContain(url);
      const registro = path.join(raiz, "content/publicaciones/2026/11/festival-del-campesino.json");
      const leido = JSON.parse(readFileSync(registro, "utf8")) as { redes: { x: { estado: string; url: string } } };
      expect([leido.redes.x.estado, leido.redes.x.url]).toEqual(["publicado", url]);

      writeFileSync(nota, notaCorregida(["x"]));
      const segunda = await prensa(["publicar", "--ahora", "2026-11-21T10:00:00-05:00"], env);
      expect(segunda.error).toBe("");
      expect(segunda.codigo).toBe(0);
      const tercera = await prensa(["publicar", "--ahora", "2026-11-21T11:00:00-05:00"], env);
      expect(tercera.codigo).toBe(0);

      expect(emu.rutas()).toEqual(["POST /2/media/upload", "POST /2/media/metadata", "POST /2/tweets", "POST /2/tweets"]);
      const respuesta = emu.tweets[1];
      expect(respuesta?.respondeA).toBe(original?.id);
      expect(respuesta?.text).toContain("Fe de erratas");
      expect(respuesta?.text).toContain("El desfile es el domingo");
      for (const s of SECRETOS) expect(primera.salida + segunda.salida + tercera.salida).not.toContain(s);
    } finally {
      rmSync(raiz, { recursive: true, force: true });
    }
  });
});
