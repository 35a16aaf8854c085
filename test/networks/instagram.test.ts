import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cargarInstitucion, RAIZ } from "../../scripts/lib/content/index.ts";
import { crearAdaptador, sondeoDesdeEnv } from "../../scripts/lib/networks/instagram.ts";
import type { AdaptadorRed, Correccion, Publicacion } from "../../scripts/lib/networks/tipos.ts";
import { iniciarEmuladorGraph, type EmuladorGraph } from "./emuladores/graph.ts";
import { jpeg, png } from "./imagenes.ts";
import { prensaAsincrona } from "../ayudas/cli.ts";
import { raizCon } from "../ayudas/raiz.ts";
import { errorRedDe as errorDe } from "../ayudas/redes.ts";

const institucion = cargarInstitucion(RAIZ);
const TOKEN = "EAAtokenDeInstagramDePrueba654321";
const CUENTA = "17841400000000001";
const ENLACE = "https://prensa.cajica.gov.co/noticias/2026/11/festival-del-campesino/";
const IMAGEN = "https://prensa.cajica.gov.co/social/2026/11/festival-del-campesino.jpg";
const ALT = "Campesinos muestran papa criolla y fresas en el parque principal de Cajicá";
const TEXTO = "Este sábado llega el Festival del Campesino al parque principal. Enlace en la biografía.\n\n#Cajicá";

/** The social card as the site serves it (JPEG) and its local copy, which the adapter checks. */
let JPEG: Buffer;
const carpeta = mkdtempSync(path.join(tmpdir(), "convergente-instagram-imagen-"));
const rutaJpeg = path.join(carpeta, "festival-del-campesino.jpg");
beforeAll(async () => {
  JPEG = await jpeg();
  writeFileSync(rutaJpeg, JPEG);
});
afterAll(() => rmSync(carpeta, { recursive: true, force: true }));

let emu: EmuladorGraph;
beforeEach(async () => {
  emu = await iniciarEmuladorGraph({ tokenInstagram: TOKEN, cuentaId: CUENTA });
  emu.servir(IMAGEN, JPEG);
});
afterEach(() => emu.cerrar());

function adaptador(env: NodeJS.ProcessEnv = {}): AdaptadorRed {
  const a = crearAdaptador({
    institucion,
    env: { INSTAGRAM_TOKEN: TOKEN, PRENSA_URL_INSTAGRAM: emu.url, PRENSA_INSTAGRAM_SONDEO_MS: "5", ...env },
  });
  if (!a) throw new Error("se esperaba un adaptador");
  return a;
}

function publicacion(cambios: Partial<Publicacion> = {}): Publicacion {
  return {
    notaId: "2026/11/festival-del-campesino",
    version: "original",
    texto: TEXTO,
    enlace: ENLACE,
    titulo: "Festival del Campesino",
    resumen: "Música, mercado y muestras agrícolas en el parque principal.",
    imagen: { url: IMAGEN, ruta: rutaJpeg, alt: ALT },
    clave: "2026/11/festival-del-campesino:instagram:original",
    ...cambios,
  };
}

const CREAR = `POST /v26.0/${CUENTA}/media`;
const PUBLICAR = `POST /v26.0/${CUENTA}/media_publish`;
const CONTENEDOR = "GET /v26.0/1785001";

describe("adaptador de Instagram", () => {
  it("no crea adaptador sin INSTAGRAM_TOKEN ni sin la cuenta configurada, y no llama a la red", () => {
    expect(crearAdaptador({ institucion, env: { PRENSA_URL_INSTAGRAM: emu.url } })).toBeUndefined();
    const sinRed = { ...institucion, redes: { facebook: institucion.redes.facebook } };
    expect(crearAdaptador({ institucion: sinRed, env: { INSTAGRAM_TOKEN: TOKEN } })).toBeUndefined();
    expect(adaptador().edita).toBe(false);
    expect(emu.lineas()).toEqual([]);
  });

  it("publica una imagen: crea el contenedor, espera a que termine (IN_PROGRESS → FINISHED), publica y lee el permalink", async () => {
    emu.estadosContenedor = ["IN_PROGRESS", "IN_PROGRESS", "FINISHED"];
    const post = await adaptador().publicar(publicacion());
    expect(emu.lineas()).toEqual([CREAR, CONTENEDOR, CONTENEDOR, CONTENEDOR, PUBLICAR, "GET /v26.0/1795002"]);
    const [crear, sondeo, , , publicar, permalink] = emu.solicitudes;
    expect(emu.solicitudes.every((s) => s.autorizacion === `Bearer ${TOKEN}`)).toBe(true);
    expect(crear!.campos).toEqual({ image_url: IMAGEN, caption: TEXTO, alt_text: ALT });
    expect(sondeo!.consulta).toEqual({ fields: "status_code,status" });
    expect(publicar!.campos).toEqual({ creation_id: "1785001" });
    expect(permalink!.consulta).toEqual({ fields: "permalink" });
    expect(post).toEqual({ idRemoto: "1795002", url: "https://www.instagram.com/p/C1795002x/" });
    expect(emu.medios.map((m) => [m.caption, m.alt_text, m.image_url])).toEqual([[TEXTO, ALT, IMAGEN]]);
  });

  it("falla de forma permanente si Instagram no puede procesar la imagen (estado ERROR) y no publica", async () => {
    emu.estadosContenedor = ["IN_PROGRESS", "ERROR"];
    const error = await errorDe(adaptador().publicar(publicacion()));
    expect(emu.lineas()).toEqual([CREAR, CONTENEDOR, CONTENEDOR]);
    expect(error.tipo).toBe("permanente");
    expect(error.codigo).toBe("ERROR");
    expect(error.message).toContain("Media download has failed");
    expect(error.message).toContain(IMAGEN);
    expect(emu.medios).toEqual([]);
  });

  it("marca como transitorio un contenedor vencido (EXPIRED)", async () => {
    emu.estadosContenedor = ["EXPIRED"];
    const error = await errorDe(adaptador().publicar(publicacion()));
    expect(emu.lineas()).toEqual([CREAR, CONTENEDOR]);
    expect(error).toMatchObject({ tipo: "transitorio", codigo: "EXPIRED" });
  });

  it("deja de consultar después del número de sondeos configurado y lo marca transitorio", async () => {
    emu.estadosContenedor = ["IN_PROGRESS"];
    const error = await errorDe(adaptador({ PRENSA_INSTAGRAM_SONDEOS: "3" }).publicar(publicacion()));
    expect(emu.lineas()).toEqual([CREAR, CONTENEDOR, CONTENEDOR, CONTENEDOR]);
    expect(error.tipo).toBe("transitorio");
    expect(error.message).toBe("Instagram no terminó de procesar la imagen después de 3 consultas; se reintentará.");
    expect(emu.medios).toEqual([]);
  });

  it("lee el sondeo del entorno con valores por defecto seguros", () => {
    expect(sondeoDesdeEnv({})).toEqual({ intervaloMs: 2000, intentos: 30 });
    expect(sondeoDesdeEnv({ PRENSA_INSTAGRAM_SONDEO_MS: "0", PRENSA_INSTAGRAM_SONDEOS: "5" })).toEqual({
      intervaloMs: 0,
      intentos: 5,
    });
    expect(sondeoDesdeEnv({ PRENSA_INSTAGRAM_SONDEO_MS: "-1", PRENSA_INSTAGRAM_SONDEOS: "0" })).toEqual({
      intervaloMs: 2000,
      intentos: 30,
    });
  });

  it("rechaza sin llamar a la red una imagen que no es JPEG o no cabe en la proporción que Instagram documenta", async () => {
    const rutaPng = path.join(carpeta, "tarjeta.png");
    writeFileSync(rutaPng, await png());
    const noJpeg = await errorDe(adaptador().publicar(publicacion({ imagen: { url: IMAGEN, ruta: rutaPng, alt: ALT } })));
    expect(noJpeg).toMatchObject({ tipo: "permanente", codigo: "imagen" });
    expect(noJpeg.message).toBe(`La imagen social ${rutaPng} no cumple lo que Instagram exige: debe ser JPEG y es PNG.`);
    const rutaAlta = path.join(carpeta, "alta.jpg");
    writeFileSync(rutaAlta, await jpeg(400, 800));
    const alta = await errorDe(adaptador().publicar(publicacion({ imagen: { url: IMAGEN, ruta: rutaAlta, alt: ALT } })));
    expect(alta.message).toContain("su proporción 400×800 está fuera de 4:5 a 1.91:1");
    expect(emu.lineas()).toEqual([]);
  });

  it("el emulador, como Instagram, deja en ERROR el contenedor cuya URL no sirve un JPEG", async () => {
    const otra = "https://prensa.cajica.gov.co/social/2026/11/otra.jpg";
    emu.servir(otra, await png());
    const error = await errorDe(adaptador().publicar(publicacion({ imagen: { url: otra, ruta: rutaJpeg, alt: ALT } })));
    expect(emu.lineas()).toEqual([CREAR, CONTENEDOR]);
    expect(emu.contenedores.get("1785001")?.imagen).toBe("image/png");
    expect(error).toMatchObject({ tipo: "permanente", codigo: "ERROR" });
    expect(emu.medios).toEqual([]);
  });

  it("rechaza sin llamar a la red una publicación sin imagen", async () => {
    const error = await errorDe(adaptador().publicar(publicacion({ imagen: undefined })));
    expect(emu.lineas()).toEqual([]);
    expect(error.tipo).toBe("permanente");
    expect(error.message).toBe(
      "Instagram solo publica con imagen y la nota 2026/11/festival-del-campesino no tiene imagen social. " +
        "Agregue una imagen a la nota o quite instagram de sus canales.",
    );
  });

  it("devuelve la publicación con el perfil como enlace si falla la lectura del permalink", async () => {
    emu.fallar({ metodo: "GET", ruta: /^\/v26\.0\/179/, status: 500, cuerpo: { error: { message: "Unknown", code: 1 } } });
    const post = await adaptador().publicar(publicacion());
    expect(emu.lineas()).toEqual([CREAR, CONTENEDOR, PUBLICAR, "GET /v26.0/1795002"]);
    expect(post).toEqual({ idRemoto: "1795002", url: "https://www.instagram.com/alcaldiacajica" });
  });

  function correccion(original: { idRemoto: string; url: string }): Correccion {
    return {
      original,
      publicacion: publicacion({ version: "correccion-1", texto: TEXTO.replace("sábado", "domingo") }),
      errata: `Fe de erratas: el festival es el domingo, no el sábado. ${ENLACE}`,
    };
  }

  it("corrige respondiendo una vez con un comentario de fe de erratas y lo confirma al reconciliar", async () => {
    const a = adaptador();
    const original = await a.publicar(publicacion());
    emu.solicitudes.length = 0;
    const c = correccion(original);
    expect(await a.reconciliarCorreccion(c)).toEqual({ estado: "no-publicado" });
    const respuesta = await a.corregir(c);
    expect(respuesta).toEqual({ idRemoto: "1805003", url: original.url });
    expect(await a.reconciliarCorreccion(c)).toEqual({ estado: "publicado", post: respuesta });
    expect(emu.lineas()).toEqual(["GET /v26.0/1795002/comments", "POST /v26.0/1795002/comments", "GET /v26.0/1795002/comments"]);
    expect(emu.solicitudes[0]!.consulta).toEqual({ fields: "id,text,timestamp", limit: "50" });
    expect(emu.solicitudes[1]!.campos).toEqual({ message: c.errata });
    expect(emu.solicitudes.every((s) => s.autorizacion === `Bearer ${TOKEN}`)).toBe(true);
    expect(emu.medios[0]!.comentarios.map((x) => x.text)).toEqual([c.errata]);
  });

  it("reconcilia una publicación hecha por una corrida que murió, buscando el texto exacto", async () => {
    const a = adaptador();
    emu.fallar({ metodo: "POST", ruta: `/v26.0/${CUENTA}/media_publish`, despues: true, cortar: true });
    expect((await errorDe(a.publicar(publicacion()))).tipo).toBe("transitorio");
    emu.agregarMedio(`${TEXTO} (otra versión)`);
    emu.agregarMedio("Jornada de vacunación en la vereda Chuntame.");
    const resultado = await a.reconciliar(publicacion());
    expect(resultado).toEqual({
      estado: "publicado",
      post: { idRemoto: "1795002", url: "https://www.instagram.com/p/C1795002x/" },
    });
    expect(emu.lineas()).toEqual([CREAR, CONTENEDOR, PUBLICAR, `GET /v26.0/${CUENTA}/media`]);
    expect(emu.solicitudes[3]!.consulta).toEqual({ fields: "id,caption,permalink,timestamp", limit: "25" });
  });

  it("reconcilia como no publicada cuando solo se creó el contenedor", async () => {
    const a = adaptador();
    emu.fallar({ metodo: "POST", ruta: `/v26.0/${CUENTA}/media_publish`, cortar: true });
    expect((await errorDe(a.publicar(publicacion()))).tipo).toBe("transitorio");
    emu.agregarMedio("Jornada de vacunación en la vereda Chuntame.");
    expect(await a.reconciliar(publicacion())).toEqual({ estado: "no-publicado" });
    expect(emu.lineas()).toEqual([CREAR, CONTENEDOR, PUBLICAR, `GET /v26.0/${CUENTA}/media`]);
    expect(emu.medios).toHaveLength(1);
  });

  it("deja la reconciliación en desconocido si el texto no aparece en las páginas que revisa", async () => {
    for (let i = 0; i < 101; i++) emu.agregarMedio(`Publicación ${i}`);
    const resultado = await adaptador().reconciliar(publicacion());
    expect(resultado.estado).toBe("desconocido");
    expect(emu.lineas()).toEqual(Array.from({ length: 4 }, () => `GET /v26.0/${CUENTA}/media`));
  });

  it("explica en español un token de Instagram vencido (código 190) sin mostrarlo", async () => {
    const error = await errorDe(adaptador({ INSTAGRAM_TOKEN: "EAAvencidoDeInstagram777" }).publicar(publicacion()));
    expect(emu.lineas()).toEqual([CREAR]);
    expect(error.tipo).toBe("permanente");
    expect(error.codigo).toBe(190);
    expect(error.message).toMatch(
      /^Instagram rechazó el token \(código 190\): Invalid OAuth access token - Cannot parse access token \(fbtrace_id \w+\)\. Genere un token de acceso nuevo para la cuenta de Instagram y actualice INSTAGRAM_TOKEN\.$/,
    );
    expect(error.message).not.toContain("EAAvencidoDeInstagram777");
  });

  it("marca como transitorio el límite de publicaciones y usa Retry-After", async () => {
    emu.fallar({
      metodo: "POST",
      ruta: `/v26.0/${CUENTA}/media`,
      status: 400,
      cuerpo: { error: { message: "Application request limit reached", type: "OAuthException", code: 4 } },
      encabezados: { "retry-after": "12" },
    });
    const error = await errorDe(adaptador().publicar(publicacion()));
    expect(emu.lineas()).toEqual([CREAR]);
    expect(error).toMatchObject({ tipo: "transitorio", codigo: 4, esperarMs: 12_000 });
    expect(error.message).toContain("Instagram limitó la frecuencia de llamadas (código 4)");
  });

  it("el límite diario de publicaciones (9/2207042) es un rechazo que espera a que se libere el cupo, no un fallo", async () => {
    emu.fallar({
      metodo: "POST",
      ruta: `/v26.0/${CUENTA}/media`,
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
    const error = await errorDe(adaptador().publicar(publicacion()));
    expect(emu.lineas()).toEqual([CREAR]);
    expect(error).toMatchObject({ tipo: "transitorio", codigo: 9, noProcesado: true, esperarMs: 24 * 3600_000 });
    expect(error.message).toContain(
      "Instagram alcanzó el límite diario de publicaciones de la cuenta (código 9, subcódigo 2207042)",
    );
  });

  it("la restricción por posible spam (4/2207051) es permanente: la revisa una persona", async () => {
    emu.fallar({
      metodo: "POST",
      ruta: `/v26.0/${CUENTA}/media_publish`,
      status: 400,
      cuerpo: {
        error: {
          message: "We restrict certain activity to protect our community.",
          type: "OAuthException",
          code: 4,
          error_subcode: 2207051,
        },
      },
    });
    const error = await errorDe(adaptador().publicar(publicacion()));
    expect(emu.lineas()).toEqual([CREAR, CONTENEDOR, PUBLICAR]);
    expect(error).toMatchObject({ tipo: "permanente", codigo: 4, noProcesado: false });
    expect(error.message).toContain("posible spam (código 4, subcódigo 2207051)");
    expect(error.message).toContain("prensa publicar --resolver");
  });

  for (const [codigo, subcodigo] of [
    [-1, 2207001],
    [-1, 2207032],
    [-2, 2207003],
  ] as const) {
    it(`el error ${codigo}/${subcodigo} («inténtelo de nuevo») es transitorio y se reconcilia`, async () => {
      emu.fallar({
        metodo: "POST",
        ruta: `/v26.0/${CUENTA}/media`,
        status: 400,
        cuerpo: {
          error: {
            message: "Instagram server error. Try again.",
            type: "OAuthException",
            code: codigo,
            error_subcode: subcodigo,
          },
        },
      });
      const error = await errorDe(adaptador().publicar(publicacion()));
      expect(emu.lineas()).toEqual([CREAR]);
      expect(error).toMatchObject({ tipo: "transitorio", codigo, noProcesado: false });
      expect(error.message).toBe(
        `Instagram tuvo una falla temporal (código ${codigo}, subcódigo ${subcodigo}): Instagram server error. Try again. Se reintentará.`,
      );
    });
  }

  it("marca como transitorio el error 9007 (medio aún no listo) al publicar", async () => {
    emu.fallar({
      metodo: "POST",
      ruta: `/v26.0/${CUENTA}/media_publish`,
      status: 400,
      cuerpo: {
        error: {
          message: "Media ID is not available",
          type: "OAuthException",
          code: 9007,
          error_subcode: 2207027,
          fbtrace_id: "Zz9",
        },
      },
    });
    const error = await errorDe(adaptador().publicar(publicacion()));
    expect(emu.lineas()).toEqual([CREAR, CONTENEDOR, PUBLICAR]);
    expect(error.tipo).toBe("transitorio");
    expect(error.message).toBe(
      "Instagram tuvo una falla temporal (código 9007, subcódigo 2207027): Media ID is not available (fbtrace_id Zz9).",
    );
  });

  it("marca como permanente la falta de permisos para comentar", async () => {
    const a = adaptador();
    const original = await a.publicar(publicacion());
    emu.solicitudes.length = 0;
    emu.fallar({
      metodo: "POST",
      status: 403,
      cuerpo: { error: { message: "(#200) Requires instagram_manage_comments permission", type: "OAuthException", code: 200 } },
    });
    const error = await errorDe(a.corregir(correccion(original)));
    expect(emu.lineas()).toEqual(["POST /v26.0/1795002/comments"]);
    expect(error.tipo).toBe("permanente");
    expect(error.message).toContain("instagram_manage_comments");
    expect(emu.medios[0]!.comentarios).toEqual([]);
  });
});

describe("prensa publicar con Instagram (punto de entrada real)", () => {
  const FIXTURE = path.join(RAIZ, "test/networks/fixtures/una-nota-para-facebook-e-instagram");
  const NOTA = "content/notas/2026/11/festival-del-campesino.mdx";
  let raiz: string;
  let borrar: () => void;

  beforeEach(() => {
    ({ raiz, borrar } = raizCon({ prefijo: "convergente-instagram-", capas: [FIXTURE] }));
  });
  afterEach(() => borrar());

  const correr = (ahora: string) =>
    prensaAsincrona(["publicar", "--canal", "instagram", "--ahora", ahora], {
      PRENSA_RAIZ: raiz,
      INSTAGRAM_TOKEN: TOKEN,
      PRENSA_URL_INSTAGRAM: emu.url,
      PRENSA_INSTAGRAM_SONDEO_MS: "5",
      PRENSA_ESPERA_BASE_MS: "0",
    });
  const registro = () =>
    JSON.parse(readFileSync(path.join(raiz, "content/publicaciones/2026/11/festival-del-campesino.json"), "utf8")) as {
      redes: { instagram: { estado: string; idRemoto: string; url: string; correcciones: { version: string; modo: string }[] } };
    };

  it("publica la imagen social con su texto alternativo y responde una sola vez la fe de erratas", async () => {
    emu.estadosContenedor = ["IN_PROGRESS", "FINISHED"];
    // The site serves the social card that `prensa publicar` sends as image_url.
    emu.servir(IMAGEN, JPEG);
    const primera = await correr("2026-11-20T09:00:00-05:00");
    expect(primera.codigo, primera.error).toBe(0);
    expect(emu.lineas()).toEqual([CREAR, CONTENEDOR, CONTENEDOR, PUBLICAR, "GET /v26.0/1795002"]);
    expect(emu.solicitudes[0]!.campos).toMatchObject({ image_url: IMAGEN });
    expect(emu.solicitudes[0]!.campos.alt_text).toContain("Cajicá celebra el Festival del Campesino");
    expect(registro().redes.instagram).toMatchObject({
      estado: "publicado",
      idRemoto: "1795002",
      url: "https://www.instagram.com/p/C1795002x/",
    });
    expect(primera.salida).not.toContain(TOKEN);

    const nota = path.join(raiz, NOTA);
    writeFileSync(
      nota,
      readFileSync(nota, "utf8").replace(
        "canales: [facebook, instagram]\n",
        "canales: [facebook, instagram]\ncorrecciones:\n  - fecha: 2026-11-20T10:00:00-05:00\n" +
          "    descripcion: El desfile es el domingo a las 10 a. m., no el sábado.\n",
      ),
    );
    const segunda = await correr("2026-11-20T10:30:00-05:00");
    expect(segunda.codigo, segunda.error).toBe(0);
    expect(emu.lineas().slice(5)).toEqual(["POST /v26.0/1795002/comments"]);
    expect(emu.solicitudes[5]!.campos.message).toMatch(/^Fe de erratas: El desfile es el domingo/);
    expect(registro().redes.instagram.correcciones).toMatchObject([{ version: "correccion-1", modo: "respuesta" }]);

    const tercera = await correr("2026-11-20T11:00:00-05:00");
    expect(tercera.codigo, tercera.error).toBe(0);
    expect(emu.lineas()).toHaveLength(6);
    expect(emu.medios).toHaveLength(1);
    expect(emu.medios[0]!.comentarios).toHaveLength(1);
  });
});
