import { prensaAsincrona } from "../ayudas/cli.ts";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AtpAgent, AtUri, type AppBskyFeedPost } from "@atproto/api";
import type { TestNetworkNoAppView } from "@atproto/dev-env";
import { Resvg } from "@resvg/resvg-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cargarInstitucion, type Institucion } from "../../scripts/lib/content/index.ts";
import { crearAdaptador, crearAdaptadorBluesky, rkeyDe } from "../../scripts/lib/networks/bluesky.ts";
import type { AdaptadorRed, Correccion, Publicacion } from "../../scripts/lib/networks/tipos.ts";
import { errorRedDe as errorDe, notaCorregida, redaccionDePrueba } from "../ayudas/redes.ts";

/**
 * Against a real local PDS (@atproto/dev-env, no AppView): every record is created, validated
 * against the lexicons and read back by the same server Bluesky runs.
 */

const institucion = cargarInstitucion();
const carpeta = mkdtempSync(join(tmpdir(), "convergente-bluesky-"));
const rutaImagen = join(carpeta, "festival-del-campesino.png");
const ENLACE = "https://prensa.cajica.gov.co/noticias/2026/11/festival-del-campesino/";
const ALT = "Campesinos de Cajicá con canastos de papa y fresas en la plaza principal";
const HANDLE = "cajica.test";
const CLAVE_CUENTA = "clave-de-aplicacion-1234";
const TID = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;

let red: TestNetworkNoAppView;
let did: string;
let lector: AtpAgent;
let cargaMs = 0;
let arranqueMs = 0;

beforeAll(async () => {
  const inicio = performance.now();
  const { TestNetworkNoAppView } = await import("@atproto/dev-env");
  cargaMs = performance.now() - inicio;
  red = await TestNetworkNoAppView.create({});
  arranqueMs = performance.now() - inicio - cargaMs;
  const registro = new AtpAgent({ service: red.pds.url });
  const cuenta = await registro.createAccount({ email: "prensa@cajica.test", handle: HANDLE, password: CLAVE_CUENTA });
  did = cuenta.data.did;
  lector = new AtpAgent({ service: red.pds.url });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630">
    <defs><linearGradient id="g"><stop offset="0" stop-color="#0b5"/><stop offset="1" stop-color="#fc0"/></linearGradient></defs>
    <rect width="1200" height="630" fill="url(#g)"/></svg>`;
  writeFileSync(rutaImagen, new Resvg(svg).render().asPng());
});

afterAll(async () => {
  await red?.close();
  rmSync(carpeta, { recursive: true, force: true });
});

/** Network calls seen by the adapter, as "METHOD nsid". */
type Registro = string[];

interface Opciones {
  registro?: Registro;
  /** Performs the createRecord call and then loses the answer, as a runner dying mid-request. */
  perderRespuestaDe?: { veces: number };
  env?: NodeJS.ProcessEnv;
  institucion?: Institucion;
  /** The runner's cache folder, where the session is kept between runs. */
  cache?: string;
}

function adaptador(o: Opciones = {}): AdaptadorRed {
  const registro = o.registro ?? [];
  const espia: typeof fetch = async (entrada, init) => {
    const url = new URL(typeof entrada === "string" ? entrada : entrada instanceof URL ? entrada.href : entrada.url);
    const metodo = init?.method ?? (entrada instanceof Request ? entrada.method : "GET");
    registro.push(`${metodo.toUpperCase()} ${url.pathname.replace(/^\/xrpc\//, "")}`);
    const respuesta = await fetch(entrada, init);
    if (o.perderRespuestaDe && o.perderRespuestaDe.veces > 0 && url.pathname.endsWith("com.atproto.repo.createRecord")) {
      o.perderRespuestaDe.veces--;
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) });
    }
    return respuesta;
  };
  const a = crearAdaptadorBluesky({
    institucion: o.institucion ?? institucion,
    env: { BLUESKY_IDENTIFICADOR: HANDLE, BLUESKY_CLAVE: CLAVE_CUENTA, PRENSA_URL_BLUESKY: red.pds.url, ...o.env },
    fetch: espia,
    timeoutMs: 10_000,
    cache: o.cache,
  });
  if (!a) throw new Error("el adaptador debía existir");
  return a;
}

let contador = 0;
function publicacion(cambios: Partial<Publicacion> = {}): Publicacion {
  contador++;
  return {
    notaId: `2026/11/festival-del-campesino-${contador}`,
    version: "original",
    texto: `Llega el Festival del Campesino a Cajicá: música, mercado y tradición en la plaza. Más información: ${ENLACE} #Cajicá`,
    enlace: ENLACE,
    titulo: "Llega el Festival del Campesino",
    resumen: "Música, mercado campesino y tradición en la plaza principal.",
    imagen: { url: "https://prensa.cajica.gov.co/social/2026/11/festival-del-campesino.png", ruta: rutaImagen, alt: ALT },
    clave: `2026/11/festival-del-campesino-${contador}:bluesky:original`,
    ...cambios,
  };
}

async function leerPost(uri: string): Promise<{ cid: string; valor: AppBskyFeedPost.Record }> {
  const at = new AtUri(uri);
  const r = await lector.com.atproto.repo.getRecord({ repo: at.host, collection: at.collection, rkey: at.rkey });
  return { cid: r.data.cid!, valor: r.data.value as AppBskyFeedPost.Record };
}

async function contarPosts(): Promise<number> {
  const r = await lector.com.atproto.repo.listRecords({ repo: did, collection: "app.bsky.feed.post", limit: 100 });
  return r.data.records.length;
}

const bytes = (texto: string) => Buffer.byteLength(texto, "utf8");

describe("adaptador de Bluesky contra un PDS local real", () => {
  it("arranca el PDS local en poco tiempo", () => {
    console.log(
      `PDS local: cargar @atproto/dev-env ${Math.round(cargaMs)} ms; arrancar TestNetworkNoAppView ${Math.round(arranqueMs)} ms`,
    );
    expect(arranqueMs).toBeLessThan(10_000);
  });

  it("queda simulado (undefined) sin contraseña de aplicación; toma el identificador de la configuración", () => {
    expect(crearAdaptador({ institucion, env: {} })).toBeUndefined();
    expect(crearAdaptador({ institucion, env: { BLUESKY_IDENTIFICADOR: HANDLE } })).toBeUndefined();
    // config/institucion.yaml has redes.bluesky.opciones.identificador.
    expect(crearAdaptador({ institucion, env: { BLUESKY_CLAVE: "una-clave-123" } })?.red).toBe("bluesky");
  });

  it("deriva una rkey TID fija y distinta por clave de idempotencia", () => {
    const a = rkeyDe("2026/11/festival-del-campesino:bluesky:original");
    expect(a).toMatch(TID);
    expect(rkeyDe("2026/11/festival-del-campesino:bluesky:original")).toBe(a);
    expect(rkeyDe("2026/11/festival-del-campesino:bluesky:correccion-1")).not.toBe(a);
    const claves = Array.from({ length: 2000 }, (_, i) => rkeyDe(`2026/11/nota-${i}:bluesky:original`));
    expect(new Set(claves).size).toBe(2000);
    expect(claves.every((k) => TID.test(k))).toBe(true);
  });

  it("publica con la rkey fija, facetas de enlace y etiqueta en bytes UTF-8 y la tarjeta con la imagen social", async () => {
    const registro: Registro = [];
    const p = publicacion();
    const post = await adaptador({ registro }).publicar(p);

    const rkey = rkeyDe(p.clave);
    expect(post).toEqual({
      idRemoto: `at://${did}/app.bsky.feed.post/${rkey}`,
      url: `https://bsky.app/profile/${HANDLE}/post/${rkey}`,
    });
    expect(registro).toEqual([
      "POST com.atproto.server.createSession",
      "POST com.atproto.repo.uploadBlob",
      "POST com.atproto.repo.createRecord",
    ]);

    const { valor } = await leerPost(post.idRemoto);
    expect(valor.text).toBe(p.texto);
    expect(valor.langs).toEqual(["es"]);
    // Accents before the link (á, ú, ó, Más) make byte offsets differ from string indexes.
    const inicio = p.texto.indexOf(ENLACE);
    const etiqueta = p.texto.indexOf("#Cajicá");
    expect(bytes(p.texto.slice(0, inicio))).toBeGreaterThan(inicio);
    expect(valor.facets).toEqual([
      {
        index: { byteStart: bytes(p.texto.slice(0, inicio)), byteEnd: bytes(p.texto.slice(0, inicio + ENLACE.length)) },
        features: [{ $type: "app.bsky.richtext.facet#link", uri: ENLACE }],
      },
      {
        index: { byteStart: bytes(p.texto.slice(0, etiqueta)), byteEnd: bytes(p.texto) },
        features: [{ $type: "app.bsky.richtext.facet#tag", tag: "Cajicá" }],
      },
    ]);
    const segmento = Buffer.from(p.texto, "utf8").subarray(valor.facets![0]!.index.byteStart, valor.facets![0]!.index.byteEnd);
    expect(segmento.toString("utf8")).toBe(ENLACE);

    const embed = valor.embed as { $type: string; external: { uri: string; title: string; description: string; thumb: unknown } };
    expect(embed.$type).toBe("app.bsky.embed.external");
    expect(embed.external).toMatchObject({ uri: ENLACE, title: p.titulo, description: p.resumen });
    const png = readFileSync(rutaImagen);
    const thumb = embed.external.thumb as { ref: { toString(): string }; mimeType: string; size: number };
    expect(thumb.mimeType).toBe("image/png");
    expect(thumb.size).toBe(png.byteLength);
    const blob = await lector.com.atproto.sync.getBlob({ did, cid: thumb.ref.toString() });
    expect(Buffer.from(blob.data).equals(png)).toBe(true);
  });

  it("con incrustacion: imagen publica la imagen con su texto alternativo y proporción", async () => {
    const conImagen: Institucion = {
      ...institucion,
      redes: {
        ...institucion.redes,
        bluesky: { ...institucion.redes.bluesky!, opciones: { ...institucion.redes.bluesky!.opciones, incrustacion: "imagen" } },
      },
    };
    const registro: Registro = [];
    const post = await adaptador({ registro, institucion: conImagen }).publicar(publicacion());
    expect(registro).toEqual([
      "POST com.atproto.server.createSession",
      "POST com.atproto.repo.uploadBlob",
      "POST com.atproto.repo.createRecord",
    ]);
    const { valor } = await leerPost(post.idRemoto);
    expect(valor.embed).toMatchObject({
      $type: "app.bsky.embed.images",
      images: [{ alt: ALT, aspectRatio: { width: 1200, height: 630 } }],
    });
  });

  it("una imagen de más de 1 MB deja la tarjeta sin miniatura en vez de perder la publicación", async () => {
    const grande = join(carpeta, "grande.png");
    writeFileSync(grande, Buffer.concat([readFileSync(rutaImagen).subarray(0, 24), Buffer.alloc(1_100_000)]));
    const registro: Registro = [];
    const p = publicacion({ imagen: { url: "x", ruta: grande, alt: ALT } });
    const post = await adaptador({ registro }).publicar(p);
    expect(registro).toEqual(["POST com.atproto.server.createSession", "POST com.atproto.repo.createRecord"]);
    const { valor } = await leerPost(post.idRemoto);
    expect(valor.embed).toEqual({
      $type: "app.bsky.embed.external",
      external: { uri: ENLACE, title: p.titulo, description: p.resumen },
    });
  });

  it("reconcilia una publicación cuya respuesta se perdió leyendo la rkey fija, sin duplicarla", async () => {
    const antes = await contarPosts();
    const registro: Registro = [];
    const perder = { veces: 1 };
    const a = adaptador({ registro, perderRespuestaDe: perder });
    const p = publicacion();

    // The create reaches the PDS but the answer is lost: the adapter reads the rkey and finds it.
    const post = await a.publicar(p);
    expect(post.idRemoto).toBe(`at://${did}/app.bsky.feed.post/${rkeyDe(p.clave)}`);
    expect(perder.veces).toBe(0);
    expect(await contarPosts()).toBe(antes + 1);

    // A new run reconciles the entry left in `enviando`: a read, nothing created.
    const b = adaptador({ registro });
    expect(await b.reconciliar(p)).toEqual({ estado: "publicado", post });
    // And a blind second create is refused by the PDS and answered with the existing post.
    expect(await b.publicar(p)).toEqual(post);
    expect(await contarPosts()).toBe(antes + 1);

    expect(registro).toEqual([
      "POST com.atproto.server.createSession",
      "POST com.atproto.repo.uploadBlob",
      "POST com.atproto.repo.createRecord",
      "GET com.atproto.repo.getRecord",
      "POST com.atproto.server.createSession",
      "GET com.atproto.repo.getRecord",
      "POST com.atproto.repo.uploadBlob",
      "POST com.atproto.repo.createRecord",
      "GET com.atproto.repo.getRecord",
    ]);
  });

  it("reconciliar lo que nunca llegó al PDS dice no-publicado", async () => {
    const registro: Registro = [];
    expect(await adaptador({ registro }).reconciliar(publicacion())).toEqual({ estado: "no-publicado" });
    expect(registro).toEqual(["POST com.atproto.server.createSession", "GET com.atproto.repo.getRecord"]);
  });

  it("corrige respondiendo una sola vez con la fe de erratas, con su propia rkey fija", async () => {
    const registro: Registro = [];
    const a = adaptador({ registro });
    const p = publicacion();
    const original = await a.publicar(p);
    const errata = `Fe de erratas: el festival es el sábado 21 de noviembre, no el 14. ${ENLACE}`;
    const correccion: Correccion = {
      original,
      publicacion: { ...p, version: "correccion-1", clave: p.clave.replace(/original$/, "correccion-1") },
      errata,
    };
    expect(await a.reconciliarCorreccion(correccion)).toEqual({ estado: "no-publicado" });
    const respuesta = await a.corregir(correccion);
    const rkey = rkeyDe(correccion.publicacion.clave);
    expect(respuesta).toEqual({
      idRemoto: `at://${did}/app.bsky.feed.post/${rkey}`,
      url: `https://bsky.app/profile/${HANDLE}/post/${rkey}`,
    });
    expect(rkey).not.toBe(rkeyDe(p.clave));

    const { cid } = await leerPost(original.idRemoto);
    const { valor } = await leerPost(respuesta.idRemoto);
    expect(valor.text).toBe(errata);
    expect(valor.langs).toEqual(["es"]);
    expect(valor.reply).toEqual({ root: { uri: original.idRemoto, cid }, parent: { uri: original.idRemoto, cid } });
    const inicio = errata.indexOf(ENLACE);
    expect(valor.facets).toEqual([
      {
        index: { byteStart: bytes(errata.slice(0, inicio)), byteEnd: bytes(errata.slice(0, inicio)) + ENLACE.length },
        features: [{ $type: "app.bsky.richtext.facet#link", uri: ENLACE }],
      },
    ]);

    expect(await a.reconciliarCorreccion(correccion)).toEqual({ estado: "publicado", post: respuesta });
    const antes = await contarPosts();
    expect(await a.corregir(correccion)).toEqual(respuesta);
    expect(await contarPosts()).toBe(antes);

    expect(registro).toEqual([
      "POST com.atproto.server.createSession",
      "POST com.atproto.repo.uploadBlob",
      "POST com.atproto.repo.createRecord",
      "GET com.atproto.repo.getRecord",
      "GET com.atproto.repo.getRecord",
      "POST com.atproto.repo.createRecord",
      "GET com.atproto.repo.getRecord",
      "GET com.atproto.repo.getRecord",
      "POST com.atproto.repo.createRecord",
      "GET com.atproto.repo.getRecord",
    ]);
  });

  it("corregir una publicación borrada es un error permanente", async () => {
    const registro: Registro = [];
    const a = adaptador({ registro });
    const p = publicacion();
    const original = await a.publicar(p);
    const sesion = new AtpAgent({ service: red.pds.url });
    await sesion.login({ identifier: HANDLE, password: CLAVE_CUENTA });
    await sesion.com.atproto.repo.deleteRecord({ repo: did, collection: "app.bsky.feed.post", rkey: rkeyDe(p.clave) });
    const error = await errorDe(
      a.corregir({ original, publicacion: { ...p, clave: `${p.clave}-c1` }, errata: `Fe de erratas: x ${ENLACE}` }),
    );
    expect(error.tipo).toBe("permanente");
    expect(error.message).toContain("ya no existe en Bluesky");
    expect(registro.slice(3)).toEqual(["GET com.atproto.repo.getRecord"]);
  });

  it("guarda la sesión en la caché del ejecutor y la reanuda en la corrida siguiente sin iniciar sesión otra vez", async () => {
    const cache = mkdtempSync(join(tmpdir(), "convergente-bluesky-cache-"));
    try {
      const primera: Registro = [];
      await adaptador({ registro: primera, cache }).reconciliar(publicacion());
      expect(primera).toEqual(["POST com.atproto.server.createSession", "GET com.atproto.repo.getRecord"]);
      const archivo = join(cache, "bluesky", "sesion.json");
      const guardada = readFileSync(archivo, "utf8");
      expect(statSync(archivo).mode & 0o077).toBe(0);
      expect(guardada).not.toContain(CLAVE_CUENTA);
      expect(JSON.parse(guardada)).toMatchObject({ identificador: HANDLE, sesion: { did, handle: HANDLE } });

      // Next run (a new adapter): refreshSession with the saved refresh JWT, no createSession.
      const segunda: Registro = [];
      await adaptador({ registro: segunda, cache }).reconciliar(publicacion());
      expect(segunda.filter((l) => l.endsWith("createSession"))).toEqual([]);
      expect(segunda[0]).toBe("POST com.atproto.server.refreshSession");
      expect(segunda.at(-1)).toBe("GET com.atproto.repo.getRecord");
      // The refresh rotated the tokens: the file holds the new ones.
      expect(readFileSync(archivo, "utf8")).not.toBe(guardada);

      // A session the PDS no longer accepts leads to one login, and the file is replaced.
      const rota = JSON.parse(readFileSync(archivo, "utf8")) as { sesion: { refreshJwt: string; accessJwt: string } };
      rota.sesion.refreshJwt = "no-es-un-jwt";
      rota.sesion.accessJwt = "tampoco";
      writeFileSync(archivo, JSON.stringify(rota));
      const tercera: Registro = [];
      await adaptador({ registro: tercera, cache }).reconciliar(publicacion());
      expect(tercera.filter((l) => l.endsWith("createSession"))).toHaveLength(1);
      expect(tercera.at(-1)).toBe("GET com.atproto.repo.getRecord");
      expect(readFileSync(archivo, "utf8")).not.toContain("no-es-un-jwt");
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it("credenciales equivocadas dan un error permanente en español, sin la contraseña", async () => {
    const registro: Registro = [];
    const a = adaptador({ registro, env: { BLUESKY_CLAVE: "contrasena-equivocada-99" } });
    const error = await errorDe(a.publicar(publicacion()));
    expect(error.tipo).toBe("permanente");
    expect(error.codigo).toBe(401);
    expect(error.message).toContain(
      `Bluesky rechazó iniciar sesión como ${HANDLE} (HTTP 401 AuthenticationRequired): «Invalid identifier or password».`,
    );
    expect(error.message).toContain("BLUESKY_CLAVE");
    expect(error.message).not.toContain("contrasena-equivocada-99");
    expect(registro).toEqual(["POST com.atproto.server.createSession"]);
  });

  it("un servicio caído es un error transitorio", async () => {
    const libre = createServer();
    await new Promise<void>((r) => libre.listen(0, "127.0.0.1", r));
    const puerto = (libre.address() as AddressInfo).port;
    await new Promise((r) => libre.close(r));
    const a = crearAdaptadorBluesky({
      institucion,
      env: { BLUESKY_IDENTIFICADOR: HANDLE, BLUESKY_CLAVE: CLAVE_CUENTA, PRENSA_URL_BLUESKY: `http://127.0.0.1:${puerto}` },
    })!;
    const error = await errorDe(a.reconciliar(publicacion()));
    expect(error.tipo).toBe("transitorio");
    expect(error.message).toMatch(
      /^No se pudo iniciar sesión como cajica\.test en Bluesky: fetch failed: connect ECONNREFUSED 127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. No llegó a enviarse nada\. Se reintentará\.$/,
    );
  });
});

/** The one social card in a newsroom's image cache. */
function tarjetaSocial(raiz: string): Buffer {
  const cache = join(raiz, ".cache/social");
  const tarjetas = readdirSync(cache).filter((f) => f.endsWith(".jpg"));
  expect(tarjetas).toHaveLength(1);
  return readFileSync(join(cache, tarjetas[0]!));
}

describe("prensa publicar con Bluesky contra el PDS local", () => {
  it("publica la tarjeta, responde una sola vez con la fe de erratas y no repite nada", async () => {
    // An account of its own: its repository must hold exactly what the CLI created.
    const handle = "prensa-cli.test";
    const clave = "clave-de-aplicacion-cli-5678";
    const cuenta = await new AtpAgent({ service: red.pds.url }).createAccount({
      email: "cli@cajica.test",
      handle,
      password: clave,
    });
    const repo = cuenta.data.did;
    const { raiz, nota, registro: archivoRegistro } = redaccionDePrueba(["bluesky"]);
    try {
      const env = { BLUESKY_IDENTIFICADOR: handle, BLUESKY_CLAVE: clave, PRENSA_RAIZ: raiz, PRENSA_URL_BLUESKY: red.pds.url };
      const posts = async () =>
        (await lector.com.atproto.repo.listRecords({ repo, collection: "app.bsky.feed.post", limit: 10 })).data.records;

      const primera = await prensa(["publicar", "--ahora", "2026-11-21T08:00:00-05:00"], env);
      expect(primera.error).toBe("");
      expect(primera.codigo).toBe(0);
      const [original] = await posts();
      expect(await posts()).toHaveLength(1);
      const rkey = new AtUri(original!.uri).rkey;
      expect(rkey).toMatch(TID);
      const valor = original!.value as AppBskyFeedPost.Record;
      expect(valor.text).toContain("https://prensa.cajica.gov.co/noticias/2026/11/festival-del-campesino/");
      expect(valor.facets?.some((f) => f.features.some((x) => x.$type === "app.bsky.richtext.facet#link"))).toBe(true);
      expect(valor.embed).toMatchObject({
        $type: "app.bsky.embed.external",
        external: {
          uri: "https://prensa.cajica.gov.co/noticias/2026/11/festival-del-campesino/",
          title: "Cajicá celebra el Festival del Campesino este fin de semana",
          // The social card `prensa publicar` drew into the image cache, typed from its bytes.
          thumb: { mimeType: "image/jpeg", size: tarjetaSocial(raiz).byteLength },
        },
      });
      const url = `https://bsky.app/profile/${handle}/post/${rkey}`;
      expect(primera.salida).toContain(url);
      const entrada = () =>
        (JSON.parse(readFileSync(archivoRegistro, "utf8")) as { redes: { bluesky: Record<string, unknown> } }).redes.bluesky;
      expect(entrada()).toMatchObject({ estado: "publicado", idRemoto: original!.uri, url });

      writeFileSync(nota, notaCorregida(["bluesky"]));
      const segunda = await prensa(["publicar", "--ahora", "2026-11-21T10:00:00-05:00"], env);
      expect(segunda.error).toBe("");
      expect(segunda.codigo).toBe(0);
      const tercera = await prensa(["publicar", "--ahora", "2026-11-21T11:00:00-05:00"], env);
      expect(tercera.codigo).toBe(0);

      const todos = await posts();
      expect(todos).toHaveLength(2);
      const respuesta = todos.find((r) => r.uri !== original!.uri)!;
      const valorRespuesta = respuesta.value as AppBskyFeedPost.Record;
      expect(valorRespuesta.text).toMatch(/^Fe de erratas: /);
      expect(valorRespuesta.text).toContain("El desfile es el domingo");
      expect(valorRespuesta.reply).toEqual({
        root: { uri: original!.uri, cid: original!.cid },
        parent: { uri: original!.uri, cid: original!.cid },
      });
      expect(entrada()).toMatchObject({ correcciones: [{ estado: "publicado", modo: "respuesta" }] });
      expect(primera.salida + segunda.salida + tercera.salida + readFileSync(archivoRegistro, "utf8")).not.toContain(clave);
    } finally {
      rmSync(raiz, { recursive: true, force: true });
    }
  });
});

/** The real CLI with fast backoff, so retries inside a run do not slow the test. */
const prensa = (args: string[], env: Record<string, string>) => prensaAsincrona(args, { PRENSA_ESPERA_BASE_MS: "10", ...env });
