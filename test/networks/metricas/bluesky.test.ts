import { afterEach, beforeEach, expect, it } from "vitest";
import { cargarInstitucion, RAIZ } from "../../../scripts/lib/content/index.ts";
import { crearMetricas } from "../../../scripts/lib/networks/metricas/bluesky.ts";
import { iniciarEmuladorBlueskyMetricas, type EmuladorBlueskyMetricas } from "../emuladores/bluesky-metricas.ts";

const institucion = cargarInstitucion(RAIZ);
const ENV = { BLUESKY_IDENTIFICADOR: "cajica.gov.co", BLUESKY_CLAVE: "clave-de-aplicacion-de-prueba" };
let emu: EmuladorBlueskyMetricas;
beforeEach(async () => {
  emu = await iniciarEmuladorBlueskyMetricas();
});
afterEach(() => emu.cerrar());

const uri = (rkey: string) => `at://${emu.perfil.did}/app.bsky.feed.post/${rkey}`;

it("Bluesky: seguidores del perfil y, de 25 en 25, me gusta, reposts, respuestas y citas (sin vistas); una borrada se omite", async () => {
  emu.perfil.followersCount = 940;
  emu.perfil.postsCount = 120;
  const rkeys = Array.from({ length: 27 }, (_, i) => `3m${String(i).padStart(11, "a")}`);
  for (const [i, rkey] of rkeys.entries()) {
    if (i === 3) continue; // deleted
    emu.posts.push({ uri: uri(rkey), likeCount: i, repostCount: 1, replyCount: 2, quoteCount: 0 });
  }
  const l = crearMetricas({ institucion, env: ENV, baseUrl: emu.url })!;

  expect(await l.cuenta()).toEqual({
    seguidores: 940,
    detalle: { followersCount: 940, followsCount: 0, postsCount: 120 },
  });
  const cifras = await l.publicaciones(rkeys.map(uri));
  expect(cifras).toHaveLength(26);
  expect(cifras[0]).toEqual({
    idRemoto: uri(rkeys[0]!),
    vistas: null,
    alcance: null,
    interacciones: 3,
    detalle: { likeCount: 0, repostCount: 1, replyCount: 2, quoteCount: 0 },
  });
  expect(cifras.at(-1)).toMatchObject({ idRemoto: uri(rkeys[26]!), interacciones: 29 });
  expect(cifras.some((c) => c.idRemoto === uri(rkeys[3]!))).toBe(false);
  expect(emu.rutas()).toEqual(["GET app.bsky.actor.getProfile", "GET app.bsky.feed.getPosts", "GET app.bsky.feed.getPosts"]);
  expect(emu.consultas[0]).toEqual({ actor: ["cajica.gov.co"] });
  expect(emu.consultas[1]!.uris).toEqual(rkeys.slice(0, 25).map(uri));
  expect(emu.consultas[2]!.uris).toEqual(rkeys.slice(25).map(uri));
  expect(emu.violaciones).toEqual([]);
});

it("Bluesky sin credenciales no tiene lector", () => {
  expect(crearMetricas({ institucion, env: {}, baseUrl: emu.url })).toBeUndefined();
});
