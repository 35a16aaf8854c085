import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cargarInstitucion, RAIZ } from "../../../scripts/lib/content/index.ts";
import { crearMetricas as metricasFacebook } from "../../../scripts/lib/networks/metricas/facebook.ts";
import { crearMetricas as metricasInstagram } from "../../../scripts/lib/networks/metricas/instagram.ts";
import type { AdaptadorMetricas } from "../../../scripts/lib/networks/tipos.ts";
import { iniciarEmuladorGraph, type EmuladorGraph } from "../emuladores/graph.ts";
import { errorRedDe } from "../../ayudas/redes.ts";

const institucion = cargarInstitucion(RAIZ);
const TOKEN_FB = "EAAtokenDePaginaDePrueba123456";
const TOKEN_IG = "EAAtokenDeInstagramDePrueba654321";
const PAGINA = "100064000000001";
const CUENTA_IG = "17841400000000001";

let emu: EmuladorGraph;
beforeEach(async () => {
  emu = await iniciarEmuladorGraph({ tokenFacebook: TOKEN_FB, tokenInstagram: TOKEN_IG, paginaId: PAGINA, cuentaId: CUENTA_IG });
});
afterEach(() => emu.cerrar());

function lector(crear: typeof metricasFacebook, env: NodeJS.ProcessEnv): AdaptadorMetricas {
  const l = crear({ institucion, env, baseUrl: emu.url });
  if (!l) throw new Error("sin lector");
  return l;
}

const resumen = (total: number) => ({ data: [], summary: { total_count: total } });

describe("métricas de Facebook", () => {
  it("lee seguidores e insights de la página y, por publicación, reacciones, comentarios, compartidos y sus insights", async () => {
    emu.cifras.set(PAGINA, {
      campos: { followers_count: 15230, fan_count: 14980 },
      insights: { page_media_view: 4200, page_total_media_view_unique: 3100, page_post_engagements: 380 },
    });
    const uno = emu.agregarPost("Festival del Campesino https://prensa.cajica.gov.co/noticias/2026/11/festival-campesino/");
    const dos = emu.agregarPost("Jornada de vacunación https://prensa.cajica.gov.co/noticias/2026/11/jornada-vacunacion/");
    emu.cifras.set(uno.id, {
      campos: { reactions: resumen(40), comments: resumen(5), shares: { count: 3 } },
      insights: { post_media_view: 900, post_total_media_view_unique: 700, post_clicks: 61 },
    });
    // Never shared: Graph leaves `shares` out.
    emu.cifras.set(dos.id, {
      campos: { reactions: resumen(10), comments: resumen(0) },
      insights: { post_media_view: 300, post_total_media_view_unique: 250, post_clicks: 7 },
    });
    const l = lector(metricasFacebook, { FACEBOOK_TOKEN: TOKEN_FB });

    expect(await l.cuenta()).toEqual({
      seguidores: 15230,
      detalle: {
        followers_count: 15230,
        fan_count: 14980,
        page_media_view: 4200,
        page_total_media_view_unique: 3100,
        page_post_engagements: 380,
      },
    });
    expect(await l.publicaciones([uno.id, dos.id])).toEqual([
      {
        idRemoto: uno.id,
        vistas: 900,
        alcance: 700,
        interacciones: 48,
        detalle: {
          reactions: 40,
          comments: 5,
          shares: 3,
          post_media_view: 900,
          post_total_media_view_unique: 700,
          post_clicks: 61,
        },
      },
      {
        idRemoto: dos.id,
        vistas: 300,
        alcance: 250,
        interacciones: 10,
        detalle: {
          reactions: 10,
          comments: 0,
          shares: 0,
          post_media_view: 300,
          post_total_media_view_unique: 250,
          post_clicks: 7,
        },
      },
    ]);
    expect(l.noDisponibles?.()).toEqual([]);
    expect(emu.lineas()).toEqual([
      `GET /v26.0/${PAGINA}`,
      `GET /v26.0/${PAGINA}/insights`,
      `GET /v26.0/${uno.id}`,
      `GET /v26.0/${uno.id}/insights`,
      `GET /v26.0/${dos.id}`,
      `GET /v26.0/${dos.id}/insights`,
    ]);
    const consultas = emu.solicitudes.map((s) => s.consulta);
    expect(consultas[0]).toEqual({ fields: "followers_count,fan_count" });
    expect(consultas[1]).toEqual({ metric: "page_media_view,page_total_media_view_unique,page_post_engagements", period: "day" });
    expect(consultas[2]).toEqual({
      fields: "shares,reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)",
    });
    expect(consultas[3]).toEqual({ metric: "post_media_view,post_total_media_view_unique,post_clicks", period: "lifetime" });
    expect(emu.solicitudes.every((s) => s.autorizacion === `Bearer ${TOKEN_FB}`)).toBe(true);
  });

  it("una métrica que Meta retiró queda en null («no disponible») y no se vuelve a pedir; una publicación borrada se omite", async () => {
    emu.retiradas.add("post_clicks");
    const uno = emu.agregarPost("Uno");
    const dos = emu.agregarPost("Dos");
    emu.cifras.set(uno.id, {
      campos: { reactions: resumen(2), comments: resumen(1) },
      insights: { post_media_view: 50, post_total_media_view_unique: 40 },
    });
    emu.cifras.set(dos.id, {
      campos: { reactions: resumen(0), comments: resumen(0) },
      insights: { post_media_view: 9, post_total_media_view_unique: 8 },
    });
    const borrada = `${PAGINA}_999999`;
    const l = lector(metricasFacebook, { FACEBOOK_TOKEN: TOKEN_FB });

    const cifras = await l.publicaciones([uno.id, borrada, dos.id]);
    expect(cifras.map((c) => [c.idRemoto, c.vistas, c.interacciones, c.detalle.post_clicks])).toEqual([
      [uno.id, 50, 3, null],
      [dos.id, 9, 0, null],
    ]);
    expect(l.noDisponibles?.()).toEqual(["post_clicks"]);
    expect(emu.lineas()).toEqual([
      `GET /v26.0/${uno.id}`,
      `GET /v26.0/${uno.id}/insights`,
      `GET /v26.0/${uno.id}/insights`,
      `GET /v26.0/${uno.id}/insights`,
      `GET /v26.0/${uno.id}/insights`,
      `GET /v26.0/${borrada}`,
      `GET /v26.0/${dos.id}`,
      `GET /v26.0/${dos.id}/insights`,
    ]);
    expect(emu.solicitudes.filter((s) => s.ruta.endsWith("/insights")).map((s) => s.consulta.metric)).toEqual([
      "post_media_view,post_total_media_view_unique,post_clicks",
      "post_media_view",
      "post_total_media_view_unique",
      "post_clicks",
      "post_media_view,post_total_media_view_unique",
    ]);
  });

  it("un token rechazado es un error permanente que dice qué variable renovar, sin el token", async () => {
    const l = lector(metricasFacebook, { FACEBOOK_TOKEN: "EAAotroTokenQueNoEsElDePrueba" });
    const e = await errorRedDe(l.cuenta());
    expect(e.tipo).toBe("permanente");
    expect(e.message).toContain("FACEBOOK_TOKEN");
    expect(e.message).not.toContain("EAAotroTokenQueNoEsElDePrueba");
  });

  it("sin FACEBOOK_TOKEN no hay lector", () => {
    expect(metricasFacebook({ institucion, env: {}, baseUrl: emu.url })).toBeUndefined();
  });
});

describe("métricas de Instagram", () => {
  it("lee seguidores e insights de la cuenta (total_value) y vistas, alcance e interacciones de cada publicación", async () => {
    emu.cifras.set(CUENTA_IG, {
      campos: { followers_count: 8200, media_count: 310 },
      insights: { reach: 5100, views: 12800, total_interactions: 640 },
    });
    const medio = emu.agregarMedio("Festival del Campesino");
    emu.cifras.set(medio.id, {
      insights: { views: 2100, reach: 1500, total_interactions: 180, likes: 150, comments: 12, shares: 9, saved: 9 },
    });
    const pocos = emu.agregarMedio("Consejo de juventud");
    emu.fallar({
      ruta: `/v26.0/${pocos.id}/insights`,
      status: 400,
      cuerpo: { error: { message: "(#10) Not enough viewers for the media to show insights", type: "OAuthException", code: 10 } },
    });
    const l = lector(metricasInstagram, { INSTAGRAM_TOKEN: TOKEN_IG });

    expect(await l.cuenta()).toEqual({
      seguidores: 8200,
      detalle: { followers_count: 8200, media_count: 310, reach: 5100, views: 12800, total_interactions: 640 },
    });
    const todas = ["views", "reach", "total_interactions", "likes", "comments", "shares", "saved"];
    expect(await l.publicaciones([medio.id, pocos.id])).toEqual([
      {
        idRemoto: medio.id,
        vistas: 2100,
        alcance: 1500,
        interacciones: 180,
        detalle: { views: 2100, reach: 1500, total_interactions: 180, likes: 150, comments: 12, shares: 9, saved: 9 },
      },
      {
        idRemoto: pocos.id,
        vistas: null,
        alcance: null,
        interacciones: null,
        detalle: Object.fromEntries(todas.map((n) => [n, null])),
      },
    ]);
    expect(emu.lineas()).toEqual([
      `GET /v26.0/${CUENTA_IG}`,
      `GET /v26.0/${CUENTA_IG}/insights`,
      `GET /v26.0/${medio.id}/insights`,
      `GET /v26.0/${pocos.id}/insights`,
    ]);
    expect(emu.solicitudes[1]!.consulta).toEqual({
      metric: "reach,views,total_interactions",
      period: "day",
      metric_type: "total_value",
    });
    expect(emu.solicitudes[2]!.consulta).toEqual({ metric: todas.join(",") });
    expect(emu.solicitudes.every((s) => s.autorizacion === `Bearer ${TOKEN_IG}`)).toBe(true);
  });
});
