import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instantaneaMetricasSchema } from "../../scripts/lib/content/schema/metricas.ts";
import { isoBogota } from "../../scripts/lib/content/time.ts";
import { crearAlmacen, ejecutarFlujo, entornoDeMaquina, type Almacen, type Ejecucion } from "../ayudas/flujo.ts";
import { git } from "../ayudas/git.ts";
import { RAIZ } from "../ayudas/raiz.ts";
import { iniciarEmuladorMastodon, type EmuladorMastodon } from "../networks/emuladores/mastodon.ts";
import { iniciarEmuladorTelegram, type EmuladorTelegram } from "../networks/emuladores/telegram.ts";

/**
 * metricas.yml run as written (test/ayudas/flujo.ts) on a fresh clone of a local bare repository
 * holding the project without the sample content and one real record: the job installs what
 * `prensa metricas` needs, reads Mastodon and Telegram (the networks with secrets in the «redes»
 * environment; the others are skipped) and pushes the day's snapshot to main with the deploy key.
 */

const TOKEN_TELEGRAM = "123456:ABC-token-de-bot-de-prueba";
const FLUJO = path.join(RAIZ, ".github/workflows/metricas.yml");

let base = "";
let origen = "";
let almacen: Almacen;
let mastodon: EmuladorMastodon;
let telegram: EmuladorTelegram;
let clave = "";
let ejecucion: Ejecucion;

beforeAll(async () => {
  base = mkdtempSync(path.join(tmpdir(), "convergente-metricas-flujo-"));
  origen = path.join(base, "origen.git");
  const trabajo = path.join(base, "trabajo");
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "despliegue", "-f", path.join(base, "llave")]);
  clave = readFileSync(path.join(base, "llave"), "utf8");
  [mastodon, telegram] = await Promise.all([iniciarEmuladorMastodon(), iniciarEmuladorTelegram(TOKEN_TELEGRAM)]);
  mastodon.seguidores.set("cajica", 1320);
  mastodon.estados.push({
    id: "111",
    cuenta: "cajica",
    texto: "Concierto de Navidad",
    mediaIds: [],
    visibilidad: "public",
    idioma: "es",
    creado: new Date(Date.now() - 2 * 3_600_000).toISOString(),
    editado: null,
    ediciones: 0,
    cifras: { favourites_count: 9, reblogs_count: 3, replies_count: 1 },
  });
  telegram.miembros = 2870;
  almacen = crearAlmacen("http://127.0.0.1:9");

  git(base, "init", "--quiet", "--bare", "--initial-branch=main", origen);
  git(base, "clone", "--quiet", origen, trabajo);
  git(trabajo, "config", "user.name", "Jefatura de Prensa");
  git(trabajo, "config", "user.email", "prensa@cajica.test");
  git(trabajo, "checkout", "--quiet", "-b", "main");
  const archivos = git(RAIZ, "ls-files", "-co", "--exclude-standard", "-z")
    .split("\0")
    .filter((a) => a && !/^content\/(notas|publicaciones|reportes)\//.test(a) && existsSync(path.join(RAIZ, a)));
  for (const a of archivos) cpSync(path.join(RAIZ, a), path.join(trabajo, a), { recursive: true });
  // One real record: a note posted two hours ago on Mastodon and Telegram.
  const publicado = isoBogota(new Date(Date.now() - 2 * 3_600_000));
  const entrada = (idRemoto: string) => ({
    estado: "publicado",
    intentos: 1,
    idRemoto,
    url: `https://ejemplo.invalid/${idRemoto}`,
    programado: publicado,
    publicadoEn: publicado,
    demoraSegundos: 0,
    hashEnviado: "0".repeat(16),
    clave: `clave-${idRemoto}`,
    version: "original",
    correcciones: [],
    actualizado: publicado,
  });
  const registro = path.join(trabajo, "content/publicaciones/2026/12/concierto-de-navidad.json");
  mkdirSync(path.dirname(registro), { recursive: true });
  writeFileSync(
    registro,
    JSON.stringify({
      esquema: 1,
      notaId: "2026/12/concierto-de-navidad",
      archivo: "content/notas/2026/12/concierto-de-navidad.mdx",
      titulo: "Concierto de Navidad",
      dependencia: "secretaria-de-cultura",
      redes: { telegram: entrada("texto:41"), mastodon: entrada("111") },
      compartidos: [],
    }),
  );
  git(trabajo, "add", "-A");
  git(trabajo, "commit", "--quiet", "-m", "Sala de prensa con una publicación");
  git(trabajo, "push", "--quiet", "origin", "main");

  ejecucion = await ejecutarFlujo({
    archivo: FLUJO,
    evento: "schedule",
    origen,
    repositorio: "alcaldia-cajica/convergente",
    almacen,
    runId: 8100,
    secretos: {
      repositorio: {},
      entornos: { redes: { PRENSA_CLAVE_DESPLIEGUE: clave, MASTODON_TOKEN: mastodon.token, TELEGRAM_BOT_TOKEN: TOKEN_TELEGRAM } },
    },
    variables: {},
    maquina: {
      ...entornoDeMaquina(),
      TZ: "America/Bogota",
      PRENSA_URL_MASTODON: mastodon.url,
      PRENSA_URL_TELEGRAM: telegram.url,
    },
  });
}, 600_000);

afterAll(async () => {
  await Promise.all([mastodon?.cerrar(), telegram?.cerrar()]);
  rmSync(base, { recursive: true, force: true });
  if (almacen) rmSync(almacen.dir, { recursive: true, force: true });
});

describe("metricas.yml de punta a punta", () => {
  it("lee las redes con secretos, omite las demás y empuja a main solo la foto del día", () => {
    const medir = ejecucion.trabajos.medir!;
    expect(medir.pasos.map((p) => [p.nombre, p.resultado])).toEqual(medir.pasos.map((p) => [p.nombre, "success"]));
    expect(medir.resultado).toBe("success");

    const cambiados = git(origen, "diff", "--name-only", `${ejecucion.sha}..main`).split("\n").filter(Boolean);
    expect(cambiados).toHaveLength(1);
    expect(cambiados[0]).toMatch(/^content\/reportes\/datos\/\d{4}\/\d{2}\/metricas-\d{4}-\d{2}-\d{2}\.json$/);
    const foto = instantaneaMetricasSchema.parse(JSON.parse(git(origen, "show", `main:${cambiados[0]}`)));
    expect(git(origen, "log", "-1", "--format=%s", "main")).toBe(`métricas: foto del ${foto.fecha}`);
    expect(Object.keys(foto.redes).sort()).toEqual(["mastodon", "telegram"]);
    expect(foto.redes.mastodon?.cuenta?.seguidores).toBe(1320);
    expect(foto.redes.mastodon?.publicaciones.map((p) => [p.notaId, p.interacciones])).toEqual([
      ["2026/12/concierto-de-navidad", 13],
    ]);
    expect(foto.redes.telegram?.cuenta?.seguidores).toBe(2870);

    expect(mastodon.rutas()).toEqual(["GET /api/v1/accounts/verify_credentials", "GET /api/v1/statuses/111"]);
    expect(telegram.metodos()).toEqual(["getChatMemberCount"]);
    expect(medir.resumen).toContain("Omitida: Facebook, sin credenciales (FACEBOOK_TOKEN).");
    expect(medir.resumen).toContain(`Guardado en git: ${cambiados[0]}.`);
    // No secret in what the run printed.
    const todo = medir.pasos.map((p) => p.salida).join("\n") + medir.resumen;
    for (const secreto of [mastodon.token, TOKEN_TELEGRAM, clave.trim()]) expect(todo).not.toContain(secreto);
  });
});
