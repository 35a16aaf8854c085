import { afterEach, beforeEach, expect, it } from "vitest";
import { cargarInstitucion, RAIZ } from "../../../scripts/lib/content/index.ts";
import { institucionSchema } from "../../../scripts/lib/content/schema/institucion.ts";
import { crearMetricas } from "../../../scripts/lib/networks/metricas/x.ts";
import { iniciarEmuladorX, type EmuladorX } from "../emuladores/x.ts";

const institucion = cargarInstitucion(RAIZ);
const CREDENCIALES = {
  appKey: "clave-de-app-x-123",
  appSecret: "secreto-de-app-x-456",
  accessToken: "token-de-acceso-x-789",
  accessSecret: "secreto-de-acceso-x-012",
};
const ENV = {
  X_API_KEY: CREDENCIALES.appKey,
  X_API_SECRET: CREDENCIALES.appSecret,
  X_ACCESS_TOKEN: CREDENCIALES.accessToken,
  X_ACCESS_SECRET: CREDENCIALES.accessSecret,
};

let emu: EmuladorX;
beforeEach(async () => {
  emu = await iniciarEmuladorX(CREDENCIALES);
});
afterEach(() => emu.cerrar());

it("X: una lectura para la cuenta y una por cada 100 publicaciones, con public_metrics; una borrada se omite", async () => {
  emu.cifrasCuenta.followers_count = 25400;
  emu.cifrasCuenta.tweet_count = 9800;
  const uno = emu.agregarTweet("Festival", new Date("2026-11-20T13:00:00Z"));
  uno.public_metrics = {
    impression_count: 5400,
    like_count: 80,
    retweet_count: 20,
    reply_count: 6,
    quote_count: 2,
    bookmark_count: 4,
  };
  const dos = emu.agregarTweet("Vacunación", new Date("2026-11-21T13:00:00Z"));
  const l = crearMetricas({ institucion, env: ENV, baseUrl: emu.url })!;

  expect(await l.cuenta()).toEqual({
    seguidores: 25400,
    detalle: { followers_count: 25400, following_count: 0, tweet_count: 9800, listed_count: 0 },
  });
  expect(await l.publicaciones([uno.id, "1850000000000009999", dos.id])).toEqual([
    {
      idRemoto: uno.id,
      vistas: 5400,
      alcance: null,
      interacciones: 112,
      detalle: { impression_count: 5400, like_count: 80, retweet_count: 20, reply_count: 6, quote_count: 2, bookmark_count: 4 },
    },
    {
      idRemoto: dos.id,
      vistas: 0,
      alcance: null,
      interacciones: 0,
      detalle: { impression_count: 0, like_count: 0, retweet_count: 0, reply_count: 0, quote_count: 0, bookmark_count: 0 },
    },
  ]);
  expect(emu.rutas()).toEqual(["GET /2/users/me", "GET /2/tweets"]);
  expect(emu.solicitudes[0]!.consulta).toEqual({ "user.fields": "public_metrics" });
  expect(emu.solicitudes[1]!.consulta).toEqual({
    ids: `${uno.id},1850000000000009999,${dos.id}`,
    "tweet.fields": "public_metrics",
  });
  expect(l.avisos?.()).toEqual([]);
});

it("X no gasta más lecturas que metricas.x.maxSolicitudes: lo que queda se lee otro día y lo avisa", async () => {
  const ids = Array.from({ length: 250 }, (_, i) => emu.agregarTweet(`Post ${i}`, new Date("2026-11-20T13:00:00Z")).id);
  const conPresupuesto = institucionSchema.parse({ ...institucion, metricas: { x: { maxSolicitudes: 2 } } });
  const l = crearMetricas({ institucion: conPresupuesto, env: ENV, baseUrl: emu.url })!;

  await l.cuenta();
  const leidas = await l.publicaciones(ids);
  expect(leidas.map((p) => p.idRemoto)).toEqual(ids.slice(0, 100));
  expect(emu.rutas()).toEqual(["GET /2/users/me", "GET /2/tweets"]);
  expect(l.solicitudes()).toBe(2);
  expect(l.avisos?.()).toEqual([
    "X: 150 publicaciones quedaron sin leer hoy porque se agotaron las 2 lecturas permitidas (metricas.x.maxSolicitudes).",
  ]);
});
