import { afterEach, describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { instantaneaMetricasSchema, type InstantaneaMetricas } from "../../scripts/lib/content/schema/metricas.ts";
import type { Red } from "../../scripts/lib/content/schema/redes.ts";
import type { EntradaRed, Registro } from "../../scripts/lib/ledger/schema.ts";
import { prensaAsincrona } from "../ayudas/cli.ts";
import { raizCon, type RaizDePrueba } from "../ayudas/raiz.ts";
import { iniciarEmuladorGraph } from "../networks/emuladores/graph.ts";
import { iniciarEmuladorMastodon, type StatusEmulado } from "../networks/emuladores/mastodon.ts";
import { iniciarEmuladorTelegram } from "../networks/emuladores/telegram.ts";

const TOKEN_FB = "EAAtokenDePaginaDePrueba123456";
const TOKEN_TELEGRAM = "123456:ABC-token-de-bot-de-prueba";
const AHORA = "2026-11-28T09:00:00-05:00";

function entrada(idRemoto: string, publicadoEn: string, estado: EntradaRed["estado"] = "publicado"): EntradaRed {
  return {
    estado,
    intentos: 1,
    ...(estado === "publicado" ? { idRemoto, url: `https://ejemplo.invalid/${idRemoto}`, publicadoEn, demoraSegundos: 30 } : {}),
    programado: publicadoEn,
    hashEnviado: "0".repeat(64),
    clave: `clave-${idRemoto}`,
    version: "original",
    correcciones: [],
    actualizado: publicadoEn,
  };
}

function registro(slug: string, redes: Partial<Record<Red, EntradaRed>>, extra: Partial<Registro> = {}): [string, string] {
  const notaId = `2026/11/${slug}`;
  const r: Registro = {
    esquema: 1,
    notaId,
    archivo: `content/notas/${notaId}.mdx`,
    titulo: slug,
    dependencia: "secretaria-de-cultura",
    redes,
    compartidos: [],
    ...extra,
  };
  return [`content/publicaciones/${notaId}.json`, `${JSON.stringify(r, null, 2)}\n`];
}

/** The snapshot files written under content/reportes/datos (relative paths). */
function instantaneas(raiz: string): string[] {
  const base = path.join(raiz, "content/reportes/datos");
  if (!existsSync(base)) return [];
  return (readdirSync(base, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".json"))
    .map((f) => `content/reportes/datos/${f}`);
}

let raiz: RaizDePrueba | undefined;
const cerrar: (() => Promise<void>)[] = [];
afterEach(async () => {
  raiz?.borrar();
  raiz = undefined;
  for (const c of cerrar.splice(0)) await c();
});

describe("prensa metricas", () => {
  it("guarda la foto del día de las redes con credenciales y nombra las omitidas; no lee publicaciones viejas, de ejemplo ni fallidas", async () => {
    const graph = await iniciarEmuladorGraph({ tokenFacebook: TOKEN_FB });
    const mastodon = await iniciarEmuladorMastodon();
    const telegram = await iniciarEmuladorTelegram(TOKEN_TELEGRAM);
    cerrar.push(
      () => graph.cerrar(),
      () => mastodon.cerrar(),
      () => telegram.cerrar(),
    );
    graph.cifras.set("100064000000001", {
      campos: { followers_count: 15230, fan_count: 14980 },
      insights: { page_media_view: 4200, page_total_media_view_unique: 3100, page_post_engagements: 380 },
    });
    const post = graph.agregarPost("Festival del Campesino");
    graph.cifras.set(post.id, {
      campos: { reactions: { data: [], summary: { total_count: 40 } }, comments: { data: [], summary: { total_count: 5 } } },
      insights: { post_media_view: 900, post_total_media_view_unique: 700, post_clicks: 12 },
    });
    mastodon.seguidores.set("cajica", 1320);
    const status: StatusEmulado = {
      id: "111",
      cuenta: "cajica",
      texto: "Festival",
      mediaIds: [],
      visibilidad: "public",
      idioma: "es",
      creado: "2026-11-20T13:00:30.000Z",
      editado: null,
      ediciones: 0,
      cifras: { favourites_count: 30, reblogs_count: 12, replies_count: 4 },
    };
    mastodon.estados.push(status);
    telegram.miembros = 2870;

    raiz = raizCon({
      archivos: Object.fromEntries([
        registro("festival-campesino", {
          facebook: entrada(post.id, "2026-11-20T08:00:30-05:00"),
          mastodon: entrada("111", "2026-11-20T08:00:31-05:00"),
          telegram: entrada("foto:41", "2026-11-20T08:00:32-05:00"),
        }),
        // 37 days before AHORA: outside metricas.dias (35).
        registro("biblioteca-publica", { mastodon: entrada("100", "2026-10-22T08:00:00-05:00") }),
        registro("jornada-vacunacion", { mastodon: entrada("112", "2026-11-22T08:00:00-05:00", "fallido") }),
        registro("ciclovia-sabana", { mastodon: entrada("113", "2026-11-23T08:00:00-05:00") }, { ejemplo: true }),
      ]),
    });
    const antes = Date.now();
    const r = await prensaAsincrona(["metricas"], {
      PRENSA_RAIZ: raiz.raiz,
      PRENSA_AHORA: AHORA,
      FACEBOOK_TOKEN: TOKEN_FB,
      PRENSA_URL_FACEBOOK: graph.url,
      MASTODON_TOKEN: mastodon.token,
      PRENSA_URL_MASTODON: mastodon.url,
      TELEGRAM_BOT_TOKEN: TOKEN_TELEGRAM,
      PRENSA_URL_TELEGRAM: telegram.url,
    });
    expect(r.error).toBe("");
    expect(r.codigo).toBe(0);

    const archivos = instantaneas(raiz.raiz);
    expect(archivos).toHaveLength(1);
    const foto: InstantaneaMetricas = instantaneaMetricasSchema.parse(
      JSON.parse(readFileSync(path.join(raiz.raiz, archivos[0]!), "utf8")),
    );
    // The day and instant come from the real clock (Bogotá), never from PRENSA_AHORA.
    const instante = Date.parse(foto.instante);
    expect(instante).toBeGreaterThanOrEqual(Math.floor(antes / 1000) * 1000);
    expect(instante).toBeLessThanOrEqual(Date.now());
    expect(foto.instante).toMatch(/-05:00$/);
    expect(archivos[0]).toBe(
      `content/reportes/datos/${foto.fecha.slice(0, 4)}/${foto.fecha.slice(5, 7)}/metricas-${foto.fecha}.json`,
    );
    expect(foto.instante.slice(0, 10)).toBe(foto.fecha);
    expect(foto.ejemplo).toBeUndefined();
    expect(foto.redes).toEqual({
      facebook: {
        cuenta: {
          seguidores: 15230,
          detalle: {
            followers_count: 15230,
            fan_count: 14980,
            page_media_view: 4200,
            page_total_media_view_unique: 3100,
            page_post_engagements: 380,
          },
        },
        publicaciones: [
          {
            notaId: "2026/11/festival-campesino",
            idRemoto: post.id,
            vistas: 900,
            alcance: 700,
            interacciones: 45,
            detalle: {
              reactions: 40,
              comments: 5,
              shares: 0,
              post_media_view: 900,
              post_total_media_view_unique: 700,
              post_clicks: 12,
            },
          },
        ],
        noDisponibles: [],
        sinLeer: [],
        errores: [],
        solicitudes: 4,
      },
      telegram: {
        cuenta: { seguidores: 2870, detalle: { member_count: 2870 } },
        publicaciones: [
          {
            notaId: "2026/11/festival-campesino",
            idRemoto: "foto:41",
            vistas: null,
            alcance: null,
            interacciones: null,
            detalle: {},
          },
        ],
        noDisponibles: [],
        sinLeer: [],
        errores: [],
        solicitudes: 1,
      },
      mastodon: {
        cuenta: { seguidores: 1320, detalle: { followers_count: 1320, following_count: 0, statuses_count: 1 } },
        publicaciones: [
          {
            notaId: "2026/11/festival-campesino",
            idRemoto: "111",
            vistas: null,
            alcance: null,
            interacciones: 46,
            detalle: { favourites_count: 30, reblogs_count: 12, replies_count: 4, quotes_count: 0 },
          },
        ],
        noDisponibles: [],
        sinLeer: [],
        errores: [],
        solicitudes: 2,
      },
    });
    expect(mastodon.rutas()).toEqual(["GET /api/v1/accounts/verify_credentials", "GET /api/v1/statuses/111"]);
    expect(telegram.metodos()).toEqual(["getChatMemberCount"]);
    expect(graph.lineas()).toEqual([
      "GET /v26.0/100064000000001",
      "GET /v26.0/100064000000001/insights",
      `GET /v26.0/${post.id}`,
      `GET /v26.0/${post.id}/insights`,
    ]);
    expect(r.salida).toContain(`Métricas del ${foto.fecha} guardadas en ${archivos[0]}:`);
    expect(r.salida).toContain("Facebook: 15.230 seguidores; 1 publicaciones leídas; 4 solicitudes.");
    expect(r.salida).toContain("Omitida: Instagram, sin credenciales (INSTAGRAM_TOKEN).");
    expect(r.salida).toContain("Omitida: X, sin credenciales (X_API_KEY, X_API_SECRET, X_ACCESS_TOKEN, X_ACCESS_SECRET).");
    expect(r.salida).toContain("Omitida: Bluesky, sin credenciales (BLUESKY_IDENTIFICADOR, BLUESKY_CLAVE).");
    expect(readdirSync(path.dirname(path.join(raiz.raiz, archivos[0]!)))).toEqual([path.basename(archivos[0]!)]);
  });

  it("una red que falla deja su error en la foto (sin el token) y las demás se guardan; la salida lo señala con código 1", async () => {
    const mastodon = await iniciarEmuladorMastodon();
    const telegram = await iniciarEmuladorTelegram(TOKEN_TELEGRAM);
    cerrar.push(
      () => mastodon.cerrar(),
      () => telegram.cerrar(),
    );
    telegram.miembros = 10;
    raiz = raizCon({
      archivos: Object.fromEntries([registro("festival-campesino", { mastodon: entrada("111", "2026-11-20T08:00:30-05:00") })]),
    });
    const r = await prensaAsincrona(["metricas"], {
      PRENSA_RAIZ: raiz.raiz,
      PRENSA_AHORA: AHORA,
      MASTODON_TOKEN: "token-revocado-de-mastodon-999",
      PRENSA_URL_MASTODON: mastodon.url,
      TELEGRAM_BOT_TOKEN: TOKEN_TELEGRAM,
      PRENSA_URL_TELEGRAM: telegram.url,
    });
    expect(r.codigo).toBe(1);
    const [archivo] = instantaneas(raiz.raiz);
    const foto = instantaneaMetricasSchema.parse(JSON.parse(readFileSync(path.join(raiz.raiz, archivo!), "utf8")));
    expect(foto.redes.telegram?.cuenta?.seguidores).toBe(10);
    expect(foto.redes.mastodon).toMatchObject({ cuenta: null, publicaciones: [], sinLeer: ["111"], solicitudes: 2 });
    expect(foto.redes.mastodon?.errores).toHaveLength(2);
    expect(foto.redes.mastodon?.errores[0]).toMatch(/^cuenta: Mastodon rechazó .*MASTODON_TOKEN/);
    expect(JSON.stringify(foto)).not.toContain("token-revocado-de-mastodon-999");
    expect(r.salida).not.toContain("token-revocado-de-mastodon-999");
    expect(r.salida).toContain("Error: cuenta: Mastodon rechazó");
  });

  it("sin credenciales de ninguna red no escribe nada y lo dice", async () => {
    raiz = raizCon({
      archivos: Object.fromEntries([registro("festival-campesino", { mastodon: entrada("111", "2026-11-20T08:00:30-05:00") })]),
    });
    const r = await prensaAsincrona(["metricas"], { PRENSA_RAIZ: raiz.raiz, PRENSA_AHORA: AHORA });
    expect(r.codigo).toBe(0);
    expect(r.salida).toContain("No se leyó ninguna red: no se escribió la foto del día.");
    expect(r.salida).toContain("Omitida: Facebook, sin credenciales (FACEBOOK_TOKEN).");
    expect(existsSync(path.join(raiz.raiz, "content/reportes"))).toBe(false);
  });

  it("--dias debe ser un entero de 1 a 400", async () => {
    raiz = raizCon();
    const r = await prensaAsincrona(["metricas", "--dias", "cero"], { PRENSA_RAIZ: raiz.raiz });
    expect(r.codigo).toBe(2);
    expect(r.error).toContain("--dias debe ser un número entero de 1 a 400, no «cero»");
  });
});
