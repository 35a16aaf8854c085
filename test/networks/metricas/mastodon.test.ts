import { afterEach, beforeEach, expect, it } from "vitest";
import { cargarInstitucion, RAIZ } from "../../../scripts/lib/content/index.ts";
import { crearMetricas } from "../../../scripts/lib/networks/metricas/mastodon.ts";
import { iniciarEmuladorMastodon, type EmuladorMastodon, type StatusEmulado } from "../emuladores/mastodon.ts";

const institucion = cargarInstitucion(RAIZ);
let emu: EmuladorMastodon;
beforeEach(async () => {
  emu = await iniciarEmuladorMastodon();
});
afterEach(() => emu.cerrar());

function status(id: string, cifras: StatusEmulado["cifras"]): StatusEmulado {
  const s: StatusEmulado = {
    id,
    cuenta: "cajica",
    texto: "Festival del Campesino",
    mediaIds: [],
    visibilidad: "public",
    idioma: "es",
    creado: "2026-11-20T13:00:00.000Z",
    editado: null,
    ediciones: 0,
    cifras,
  };
  emu.estados.push(s);
  return s;
}

it("Mastodon: seguidores de la cuenta y, por publicación, favoritos, impulsos, respuestas y citas (sin vistas ni alcance)", async () => {
  emu.seguidores.set("cajica", 1320);
  status("111", { favourites_count: 30, reblogs_count: 12, replies_count: 4, quotes_count: 1 });
  status("112", {});
  const l = crearMetricas({ institucion, env: { MASTODON_TOKEN: emu.token }, baseUrl: emu.url })!;

  expect(await l.cuenta()).toEqual({
    seguidores: 1320,
    detalle: { followers_count: 1320, following_count: 0, statuses_count: 2 },
  });
  // 404 (a deleted status) is left out.
  expect(await l.publicaciones(["111", "999", "112"])).toEqual([
    {
      idRemoto: "111",
      vistas: null,
      alcance: null,
      interacciones: 47,
      detalle: { favourites_count: 30, reblogs_count: 12, replies_count: 4, quotes_count: 1 },
    },
    {
      idRemoto: "112",
      vistas: null,
      alcance: null,
      interacciones: 0,
      detalle: { favourites_count: 0, reblogs_count: 0, replies_count: 0, quotes_count: 0 },
    },
  ]);
  expect(emu.rutas()).toEqual([
    "GET /api/v1/accounts/verify_credentials",
    "GET /api/v1/statuses/111",
    "GET /api/v1/statuses/999",
    "GET /api/v1/statuses/112",
  ]);
  expect(emu.registro.every((r) => r.token === emu.token)).toBe(true);
  expect(emu.violaciones).toEqual([]);
  expect(l.solicitudes()).toBe(4);
});

it("Mastodon sin MASTODON_TOKEN no tiene lector", () => {
  expect(crearMetricas({ institucion, env: {}, baseUrl: emu.url })).toBeUndefined();
});
