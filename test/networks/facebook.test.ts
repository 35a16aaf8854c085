import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cargarInstitucion, RAIZ } from "../../scripts/lib/content/index.ts";
import { crearAdaptador, contieneEnlace } from "../../scripts/lib/networks/facebook.ts";
import type { AdaptadorRed, Publicacion } from "../../scripts/lib/networks/tipos.ts";
import { iniciarEmuladorGraph, type EmuladorGraph } from "./emuladores/graph.ts";
import { prensaAsincrona } from "../ayudas/cli.ts";
import { raizCon } from "../ayudas/raiz.ts";
import { errorRedDe as errorDe } from "../ayudas/redes.ts";

const institucion = cargarInstitucion(RAIZ);
const TOKEN = "EAAtokenDePaginaDePrueba123456";
const PAGINA = "100064000000001";
const ENLACE = "https://prensa.cajica.gov.co/noticias/2026/11/festival-del-campesino/";
/** A real 1x1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

let carpeta: string;
let imagen: string;
let emu: EmuladorGraph;

beforeAll(() => {
  carpeta = mkdtempSync(path.join(tmpdir(), "convergente-facebook-"));
  imagen = path.join(carpeta, "festival-del-campesino.png");
  writeFileSync(imagen, PNG);
});
afterAll(() => rmSync(carpeta, { recursive: true, force: true }));
beforeEach(async () => {
  emu = await iniciarEmuladorGraph({ tokenFacebook: TOKEN, paginaId: PAGINA });
});
afterEach(() => emu.cerrar());

function adaptador(opciones: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): AdaptadorRed {
  const a = crearAdaptador({
    institucion,
    env: { FACEBOOK_TOKEN: TOKEN, PRENSA_URL_FACEBOOK: emu.url, ...opciones.env },
    timeoutMs: opciones.timeoutMs,
  });
  if (!a) throw new Error("se esperaba un adaptador");
  return a;
}

function publicacion(cambios: Partial<Publicacion> = {}): Publicacion {
  return {
    notaId: "2026/11/festival-del-campesino",
    version: "original",
    texto: "Este sábado llega el Festival del Campesino al parque principal de Cajicá.",
    enlace: ENLACE,
    titulo: "Festival del Campesino",
    resumen: "Música, mercado y muestras agrícolas en el parque principal.",
    clave: "2026/11/festival-del-campesino:facebook:original",
    ...cambios,
  };
}

const MENSAJE = `Este sábado llega el Festival del Campesino al parque principal de Cajicá.\n\n${ENLACE}`;

describe("adaptador de Facebook", () => {
  it("no crea adaptador sin FACEBOOK_TOKEN ni sin la cuenta configurada, y no llama a la red", () => {
    expect(crearAdaptador({ institucion, env: { PRENSA_URL_FACEBOOK: emu.url } })).toBeUndefined();
    expect(crearAdaptador({ institucion, env: { FACEBOOK_TOKEN: "  " } })).toBeUndefined();
    const sinRed = { ...institucion, redes: { x: institucion.redes.x } };
    expect(crearAdaptador({ institucion: sinRed, env: { FACEBOOK_TOKEN: TOKEN } })).toBeUndefined();
    expect(adaptador().edita).toBe(true);
    expect(emu.lineas()).toEqual([]);
  });

  it("publica un texto en el muro de la página con el enlace de la nota y lee el permalink", async () => {
    const post = await adaptador().publicar(publicacion());
    expect(emu.lineas()).toEqual([`POST /v26.0/${PAGINA}/feed`, `GET /v26.0/${PAGINA}_5001`]);
    const [crear, leer] = emu.solicitudes;
    expect(crear!.autorizacion).toBe(`Bearer ${TOKEN}`);
    expect(crear!.campos).toEqual({ message: MENSAJE, link: ENLACE });
    expect(leer!.consulta).toEqual({ fields: "permalink_url" });
    expect(leer!.autorizacion).toBe(`Bearer ${TOKEN}`);
    expect(post).toEqual({ idRemoto: `${PAGINA}_5001`, url: `https://www.facebook.com/${PAGINA}/posts/5001` });
    expect(emu.posts.map((p) => p.message)).toEqual([MENSAJE]);
  });

  it("no repite el enlace cuando el texto ya lo trae", async () => {
    const texto = `Festival del Campesino: programación completa en ${ENLACE}`;
    await adaptador().publicar(publicacion({ texto }));
    expect(emu.lineas()).toEqual([`POST /v26.0/${PAGINA}/feed`, `GET /v26.0/${PAGINA}_5001`]);
    expect(emu.solicitudes[0]!.campos).toEqual({ message: texto, link: ENLACE });
  });

  it("publica una foto subiendo el archivo con su texto alternativo", async () => {
    const alt = "Campesinos con sombrero vueltiao muestran papa criolla en el parque principal";
    const post = await adaptador().publicar(
      publicacion({
        imagen: { url: "https://prensa.cajica.gov.co/social/2026/11/festival-del-campesino.png", ruta: imagen, alt },
      }),
    );
    expect(emu.lineas()).toEqual([`POST /v26.0/${PAGINA}/photos`, `GET /v26.0/${PAGINA}_5001`]);
    const subida = emu.solicitudes[0]!;
    expect(subida.autorizacion).toBe(`Bearer ${TOKEN}`);
    // Multipart form encoding turns line breaks into CRLF; Graph stores them as LF.
    expect(subida.campos).toEqual({ caption: MENSAJE.replace(/\n/g, "\r\n"), alt_text_custom: alt });
    expect(emu.posts[0]!.message).toBe(MENSAJE);
    expect(subida.archivos).toEqual({
      source: { nombre: "festival-del-campesino.png", tipo: "image/png", bytes: PNG.length, png: true, tipoBytes: "image/png" },
    });
    expect(emu.posts[0]!.foto).toMatchObject({ origen: "source", alt });
    expect(post).toEqual({ idRemoto: `${PAGINA}_5001`, url: `https://www.facebook.com/${PAGINA}/posts/5001` });
  });

  it("publica la foto por su URL pública cuando el archivo local no existe", async () => {
    const url = "https://prensa.cajica.gov.co/social/2026/11/festival-del-campesino.png";
    await adaptador().publicar(
      publicacion({ imagen: { url, ruta: path.join(carpeta, "no-existe.png"), alt: "Mercado campesino" } }),
    );
    expect(emu.lineas()).toEqual([`POST /v26.0/${PAGINA}/photos`, `GET /v26.0/${PAGINA}_5001`]);
    expect(emu.solicitudes[0]!.campos).toEqual({
      caption: MENSAJE.replace(/\n/g, "\r\n"),
      alt_text_custom: "Mercado campesino",
      url,
    });
    expect(emu.solicitudes[0]!.archivos).toEqual({});
  });

  it("devuelve la publicación aunque falle la lectura del permalink (ya existe: no es un fallo)", async () => {
    emu.fallar({ metodo: "GET", status: 500, cuerpo: { error: { message: "An unknown error occurred", code: 1 } } });
    const post = await adaptador().publicar(publicacion());
    expect(emu.lineas()).toEqual([`POST /v26.0/${PAGINA}/feed`, `GET /v26.0/${PAGINA}_5001`]);
    expect(post).toEqual({ idRemoto: `${PAGINA}_5001`, url: `https://www.facebook.com/${PAGINA}_5001` });
  });

  it("corrige editando el mensaje de la publicación y lo confirma al reconciliar", async () => {
    const a = adaptador();
    const original = await a.publicar(publicacion());
    const corregida = publicacion({
      version: "correccion-1",
      texto: "Este domingo llega el Festival del Campesino al parque principal de Cajicá.",
    });
    const correccion = { original, publicacion: corregida, errata: `Fe de erratas: el festival es el domingo. ${ENLACE}` };
    expect(await a.reconciliarCorreccion(correccion)).toEqual({ estado: "no-publicado" });
    expect(await a.corregir(correccion)).toEqual(original);
    expect(await a.reconciliarCorreccion(correccion)).toEqual({ estado: "publicado", post: original });
    expect(emu.lineas()).toEqual([
      `POST /v26.0/${PAGINA}/feed`,
      `GET /v26.0/${PAGINA}_5001`,
      `GET /v26.0/${PAGINA}_5001`,
      `POST /v26.0/${PAGINA}_5001`,
      `GET /v26.0/${PAGINA}_5001`,
    ]);
    const nuevo = `Este domingo llega el Festival del Campesino al parque principal de Cajicá.\n\n${ENLACE}`;
    expect(emu.solicitudes[2]!.consulta).toEqual({ fields: "message" });
    expect(emu.solicitudes[3]!.campos).toEqual({ message: nuevo });
    expect(emu.solicitudes[3]!.autorizacion).toBe(`Bearer ${TOKEN}`);
    expect(emu.posts.map((p) => p.message)).toEqual([nuevo]);
  });

  it("reconcilia una publicación hecha por una corrida que murió, aunque esté en la segunda página", async () => {
    const a = adaptador();
    emu.fallar({ metodo: "POST", despues: true, cortar: true });
    expect((await errorDe(a.publicar(publicacion()))).tipo).toBe("transitorio");
    for (let i = 0; i < 30; i++) emu.agregarPost(`Otra noticia ${i} https://prensa.cajica.gov.co/noticias/2026/11/otra-${i}/`);
    // A longer URL that starts with the note's URL must not match.
    emu.agregarPost(`${ENLACE.replace(/\/$/, "")}-segunda-parte/`);
    const resultado = await a.reconciliar(publicacion());
    expect(resultado).toEqual({
      estado: "publicado",
      post: { idRemoto: `${PAGINA}_5001`, url: `https://www.facebook.com/${PAGINA}/posts/5001` },
    });
    expect(emu.lineas()).toEqual([`POST /v26.0/${PAGINA}/feed`, `GET /v26.0/${PAGINA}/posts`, `GET /v26.0/${PAGINA}/posts`]);
    expect(emu.solicitudes[1]!.consulta).toEqual({ fields: "id,message,permalink_url,created_time", limit: "25" });
    expect(emu.solicitudes[2]!.consulta).toEqual({
      fields: "id,message,permalink_url,created_time",
      limit: "25",
      after: expect.any(String) as string,
    });
    expect(emu.solicitudes.every((s) => s.autorizacion === `Bearer ${TOKEN}`)).toBe(true);
  });

  it("reconcilia como no publicada cuando el enlace no está entre las publicaciones de la página", async () => {
    emu.agregarPost("Jornada de vacunación https://prensa.cajica.gov.co/noticias/2026/11/vacunacion/");
    expect(await adaptador().reconciliar(publicacion())).toEqual({ estado: "no-publicado" });
    expect(emu.lineas()).toEqual([`GET /v26.0/${PAGINA}/posts`]);
  });

  it("deja la reconciliación en desconocido si el enlace no aparece en las páginas que revisa", async () => {
    for (let i = 0; i < 120; i++) emu.agregarPost(`Noticia ${i}`);
    const resultado = await adaptador().reconciliar(publicacion());
    expect(resultado).toEqual({
      estado: "desconocido",
      motivo: `el enlace ${ENLACE} no aparece en las 100 publicaciones más recientes de la página`,
    });
    expect(emu.lineas()).toEqual(Array.from({ length: 4 }, () => `GET /v26.0/${PAGINA}/posts`));
  });

  const permanentes = [
    {
      codigo: 190,
      status: 400,
      mensaje: "Error validating access token: Session has expired",
      pista: "Genere un token de página nuevo y actualice FACEBOOK_TOKEN",
    },
    {
      codigo: 200,
      status: 403,
      mensaje: "(#200) Requires pages_manage_posts permission",
      pista: "pages_manage_posts y pages_read_engagement",
    },
    { codigo: 10, status: 403, mensaje: "(#10) Application does not have permission for this action", pista: "permisos" },
    {
      codigo: 368,
      status: 400,
      mensaje: "The action attempted has been deemed abusive or is otherwise disallowed",
      pista: "políticas",
    },
    { codigo: 506, status: 400, mensaje: "(#506) Duplicate status message", pista: "prensa publicar --resolver" },
    { codigo: 100, status: 400, mensaje: "(#100) Invalid parameter", pista: "config/institucion.yaml" },
  ];
  for (const caso of permanentes) {
    it(`marca como permanente el código ${caso.codigo} de Graph con el mensaje de Facebook en español`, async () => {
      emu.fallar({
        metodo: "POST",
        status: caso.status,
        cuerpo: { error: { message: caso.mensaje, type: "OAuthException", code: caso.codigo, fbtrace_id: "AxYz123" } },
      });
      const error = await errorDe(adaptador().publicar(publicacion()));
      expect(emu.lineas()).toEqual([`POST /v26.0/${PAGINA}/feed`]);
      expect(error.tipo).toBe("permanente");
      expect(error.codigo).toBe(caso.codigo);
      expect(error.esperarMs).toBeUndefined();
      expect(error.message).toContain(`Facebook `);
      expect(error.message).toContain(`(código ${caso.codigo}): ${caso.mensaje.replace(/\.$/, "")} (fbtrace_id AxYz123)`);
      expect(error.message).toContain(caso.pista);
      expect(error.message).not.toContain(TOKEN);
    });
  }

  it("redacta el token de página de un error de Facebook que lo repite", async () => {
    emu.fallar({
      metodo: "POST",
      status: 400,
      cuerpo: { error: { message: `Malformed access token ${TOKEN}`, type: "OAuthException", code: 190 } },
    });
    const error = await errorDe(adaptador().publicar(publicacion()));
    expect(emu.lineas()).toEqual([`POST /v26.0/${PAGINA}/feed`]);
    expect(error.message).toBe(
      "Facebook rechazó el token (código 190): Malformed access token [oculto]. " +
        "Genere un token de página nuevo y actualice FACEBOOK_TOKEN.",
    );
  });

  it("rechaza con el código 190 un token que el emulador no reconoce (sin poner el token en la URL)", async () => {
    const error = await errorDe(adaptador({ env: { FACEBOOK_TOKEN: "EAAotroTokenVencido999" } }).publicar(publicacion()));
    expect(emu.lineas()).toEqual([`POST /v26.0/${PAGINA}/feed`]);
    expect(emu.solicitudes[0]!.consulta).toEqual({});
    expect(error.tipo).toBe("permanente");
    expect(error.codigo).toBe(190);
    expect(error.message).not.toContain("EAAotroTokenVencido999");
  });

  const limites = [4, 17, 32, 613, 80001];
  for (const codigo of limites) {
    it(`marca como transitorio el límite de frecuencia ${codigo} y usa el tiempo estimado de x-business-use-case-usage`, async () => {
      emu.fallar({
        metodo: "POST",
        status: 400,
        cuerpo: {
          error: { message: "(#4) Application request limit reached", type: "OAuthException", code: codigo, is_transient: true },
        },
        encabezados: {
          "x-business-use-case-usage": JSON.stringify({
            [PAGINA]: [{ type: "pages", call_count: 100, total_cputime: 10, total_time: 10, estimated_time_to_regain_access: 3 }],
          }),
        },
      });
      const error = await errorDe(adaptador().publicar(publicacion()));
      expect(emu.lineas()).toEqual([`POST /v26.0/${PAGINA}/feed`]);
      expect(error.tipo).toBe("transitorio");
      expect(error.codigo).toBe(codigo);
      expect(error.esperarMs).toBe(180_000);
      expect(error.message).toContain("Facebook limitó la frecuencia de llamadas");
      expect(error.message).toContain("Se puede reintentar en 180 s.");
    });
  }

  it("usa Retry-After de una respuesta 429 para la espera", async () => {
    emu.fallar({ metodo: "POST", status: 429, cuerpo: {}, encabezados: { "retry-after": "7" } });
    const error = await errorDe(adaptador().publicar(publicacion()));
    expect(emu.lineas()).toEqual([`POST /v26.0/${PAGINA}/feed`]);
    expect(error).toMatchObject({ tipo: "transitorio", codigo: 429, esperarMs: 7000 });
  });

  it("marca como transitorio un error 5xx de Graph", async () => {
    emu.fallar({
      metodo: "POST",
      status: 503,
      cuerpo: { error: { message: "Service temporarily unavailable", type: "OAuthException", code: 2 } },
    });
    const error = await errorDe(adaptador().publicar(publicacion()));
    expect(emu.lineas()).toEqual([`POST /v26.0/${PAGINA}/feed`]);
    expect(error).toMatchObject({ tipo: "transitorio", codigo: 2 });
    expect(error.message).toBe("Facebook tuvo una falla temporal (código 2): Service temporarily unavailable.");
  });

  it("marca como transitoria una conexión cortada", async () => {
    emu.fallar({ metodo: "POST", cortar: true });
    const error = await errorDe(adaptador().publicar(publicacion()));
    expect(emu.lineas()).toEqual([`POST /v26.0/${PAGINA}/feed`]);
    expect(error.tipo).toBe("transitorio");
    expect(error.message).toMatch(/^No se pudo enviar la solicitud en Facebook: fetch failed: .+\. Se reintentará\.$/);
    // A cut connection may come after Graph made the post: it is reconciled, never resent blindly.
    expect(error.noProcesado).toBe(false);
    expect(emu.posts).toEqual([]);
  });

  it("marca como transitorio un tiempo de espera agotado", async () => {
    emu.fallar({ metodo: "POST", demoraMs: 1500 });
    const error = await errorDe(adaptador({ timeoutMs: 200 }).publicar(publicacion()));
    expect(emu.lineas()).toEqual([`POST /v26.0/${PAGINA}/feed`]);
    expect(error.tipo).toBe("transitorio");
    expect(error.message).toBe("Facebook no respondió en 200 ms al enviar la solicitud. Se reintentará.");
    expect(error.noProcesado).toBe(false);
  });

  it("falla de forma permanente y sin llamar a la red si falta o no sirve el id de la página", async () => {
    for (const paginaId of [undefined, 17841400000000001, "página"]) {
      const opciones: Record<string, string | number> = paginaId === undefined ? {} : { paginaId };
      const inst = { ...institucion, redes: { ...institucion.redes, facebook: { ...institucion.redes.facebook!, opciones } } };
      const a = crearAdaptador({ institucion: inst, env: { FACEBOOK_TOKEN: TOKEN, PRENSA_URL_FACEBOOK: emu.url } })!;
      const error = await errorDe(a.publicar(publicacion()));
      expect(error.tipo).toBe("permanente");
      expect(error.message).toContain("redes.facebook.opciones.paginaId");
    }
    expect(emu.lineas()).toEqual([]);
  });

  it("reconoce el enlace de la nota con o sin barra final y no como prefijo de otro", () => {
    expect(contieneEnlace(`Vea ${ENLACE}`, ENLACE)).toBe(true);
    expect(contieneEnlace(`Vea ${ENLACE.slice(0, -1)}.`, ENLACE)).toBe(true);
    expect(contieneEnlace(`Vea ${ENLACE}?utm_source=facebook`, ENLACE)).toBe(true);
    expect(contieneEnlace(`Vea ${ENLACE.slice(0, -1)}-2/`, ENLACE)).toBe(false);
    expect(contieneEnlace(`Vea ${ENLACE}fotos/`, ENLACE)).toBe(false);
    expect(contieneEnlace(undefined, ENLACE)).toBe(false);
  });
});

describe("prensa publicar con Facebook (punto de entrada real)", () => {
  const FIXTURE = path.join(RAIZ, "test/networks/fixtures/una-nota-para-facebook-e-instagram");
  const NOTA = "content/notas/2026/11/festival-del-campesino.mdx";
  let raiz: string;
  let borrar: () => void;

  beforeEach(() => {
    ({ raiz, borrar } = raizCon({ prefijo: "convergente-facebook-", capas: [FIXTURE] }));
  });
  afterEach(() => borrar());

  const correr = (ahora: string) =>
    prensaAsincrona(["publicar", "--canal", "facebook", "--ahora", ahora], {
      PRENSA_RAIZ: raiz,
      FACEBOOK_TOKEN: TOKEN,
      PRENSA_URL_FACEBOOK: emu.url,
      PRENSA_ESPERA_BASE_MS: "0",
    });
  const registro = () =>
    JSON.parse(readFileSync(path.join(raiz, "content/publicaciones/2026/11/festival-del-campesino.json"), "utf8")) as {
      redes: { facebook: { estado: string; idRemoto: string; url: string; correcciones: { version: string; modo: string }[] } };
    };

  it("publica la foto con su texto alternativo una sola vez y edita la publicación cuando la nota se corrige", async () => {
    const primera = await correr("2026-11-20T09:00:00-05:00");
    expect(primera.codigo, primera.error).toBe(0);
    expect(emu.lineas()).toEqual([`POST /v26.0/${PAGINA}/photos`, `GET /v26.0/${PAGINA}_5001`]);
    const subida = emu.solicitudes[0]!;
    expect(subida.autorizacion).toBe(`Bearer ${TOKEN}`);
    // The social card from the image cache, sent with the type its bytes say (JPEG), not a hard-coded PNG.
    const cache = path.join(raiz, ".cache/social");
    const tarjeta = readdirSync(cache).filter((f) => f.endsWith(".jpg"));
    expect(tarjeta).toHaveLength(1);
    expect(subida.archivos.source).toMatchObject({
      tipo: "image/jpeg",
      tipoBytes: "image/jpeg",
      bytes: statSync(path.join(cache, tarjeta[0]!)).size,
    });
    expect(subida.campos.alt_text_custom).toContain("Cajicá celebra el Festival del Campesino");
    expect(emu.posts[0]!.message).toContain(ENLACE);
    expect(registro().redes.facebook).toMatchObject({
      estado: "publicado",
      idRemoto: `${PAGINA}_5001`,
      url: `https://www.facebook.com/${PAGINA}/posts/5001`,
    });
    expect(primera.salida).toContain(`https://www.facebook.com/${PAGINA}/posts/5001`);
    expect(primera.salida).not.toContain(TOKEN);

    const segunda = await correr("2026-11-20T09:30:00-05:00");
    expect(segunda.codigo, segunda.error).toBe(0);
    expect(emu.lineas()).toHaveLength(2);

    const nota = path.join(raiz, NOTA);
    writeFileSync(
      nota,
      readFileSync(nota, "utf8").replace(
        "canales: [facebook, instagram]\n",
        "canales: [facebook, instagram]\ncorrecciones:\n  - fecha: 2026-11-20T10:00:00-05:00\n" +
          "    descripcion: El desfile es el domingo a las 10 a. m., no el sábado.\n",
      ),
    );
    const tercera = await correr("2026-11-20T10:30:00-05:00");
    expect(tercera.codigo, tercera.error).toBe(0);
    expect(emu.lineas()).toEqual([`POST /v26.0/${PAGINA}/photos`, `GET /v26.0/${PAGINA}_5001`, `POST /v26.0/${PAGINA}_5001`]);
    expect(emu.solicitudes[2]!.campos.message).toContain(ENLACE);
    expect(emu.posts).toHaveLength(1);
    expect(registro().redes.facebook.correcciones).toMatchObject([{ version: "correccion-1", modo: "edicion" }]);

    const cuarta = await correr("2026-11-20T11:00:00-05:00");
    expect(cuarta.codigo, cuarta.error).toBe(0);
    expect(emu.lineas()).toHaveLength(3);
  });

  it("cuando se pierde la respuesta, encuentra la publicación entre las de la página en vez de repetirla", async () => {
    emu.fallar({ metodo: "POST", ruta: `/v26.0/${PAGINA}/photos`, despues: true, cortar: true });
    const r = await correr("2026-11-20T09:00:00-05:00");
    expect(r.codigo, r.error).toBe(0);
    expect(emu.lineas()).toEqual([`POST /v26.0/${PAGINA}/photos`, `GET /v26.0/${PAGINA}/posts`]);
    expect(emu.posts).toHaveLength(1);
    expect(registro().redes.facebook).toMatchObject({ estado: "publicado", idRemoto: `${PAGINA}_5001` });
  });

  it("un token vencido deja la publicación como fallida con el mensaje de Facebook y sin mostrar el token", async () => {
    emu.fallar({
      metodo: "POST",
      status: 400,
      cuerpo: { error: { message: "Error validating access token: Session has expired", type: "OAuthException", code: 190 } },
    });
    const r = await correr("2026-11-20T09:00:00-05:00");
    expect(r.codigo).toBe(1);
    expect(emu.lineas()).toEqual([`POST /v26.0/${PAGINA}/photos`]);
    expect(registro().redes.facebook.estado).toBe("fallido");
    expect(r.salida + r.error).toContain("Facebook rechazó el token (código 190)");
    expect(r.salida + r.error).not.toContain(TOKEN);
  });
});
