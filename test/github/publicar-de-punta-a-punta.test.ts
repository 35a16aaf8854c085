import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { AtpAgent } from "@atproto/api";
import type { TestNetworkNoAppView } from "@atproto/dev-env";
import { RAIZ } from "../../scripts/lib/content/paths.ts";
import { isoBogota } from "../../scripts/lib/content/time.ts";
import { esJpeg } from "../../scripts/lib/images/formato.ts";
import { crearAlmacen, ejecutarFlujo, entornoDeMaquina, type Almacen, type Ejecucion } from "../ayudas/flujo.ts";
import { EmuladorGithub } from "./emulador.ts";
import { iniciarEmuladorGraph, type EmuladorGraph } from "../networks/emuladores/graph.ts";
import { iniciarEmuladorMastodon, type EmuladorMastodon } from "../networks/emuladores/mastodon.ts";
import { iniciarEmuladorTelegram, type EmuladorTelegram } from "../networks/emuladores/telegram.ts";
import { iniciarEmuladorX, type EmuladorX } from "../networks/emuladores/x.ts";

/**
 * `.github/workflows/publicar.yml` itself, run job by job by the local runner (test/ayudas/flujo.ts)
 * in fresh clones of a real bare repository, with only what the YAML passes between jobs, against
 * the local emulators of the four HTTP platforms and a real Bluesky PDS (@atproto/dev-env). The
 * notes are dated from the real clock, since the workflow uses it.
 */

const FLUJO = path.join(RAIZ, ".github/workflows/publicar.yml");
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

const CRED_X = {
  appKey: "clave-app-x",
  appSecret: "secreto-app-x",
  accessToken: "token-acceso-x",
  accessSecret: "secreto-acceso-x",
};
const TOKEN_TELEGRAM = "123456:ABC-token-de-prueba";
const HANDLE = "prensa.test";
const CLAVE_BLUESKY = "clave-de-aplicacion-de-prueba";

let base: string;
let origen: string;
let trabajo: string;
let almacen: Almacen;
let servidorSitio: Server;
let graph: EmuladorGraph;
let x: EmuladorX;
let telegram: EmuladorTelegram;
let mastodon: EmuladorMastodon;
let pds: TestNetworkNoAppView;
const github = new EmuladorGithub();
let urlGithub = "";
let ejecuciones = 0;

/** Title of each note written by the test, by path. */
const TITULOS = new Map<string, string>();

/** A note dated relative to the real clock (the workflow decides with the real clock). */
function nota(slug: string, publicar: Date, titulo: string): { ruta: string; texto: string } {
  const p = isoBogota(publicar);
  const ruta = `content/notas/${p.slice(0, 4)}/${p.slice(5, 7)}/${slug}.mdx`;
  TITULOS.set(ruta, titulo);
  return {
    ruta,
    texto: `---
titulo: "${titulo}"
resumen: "La Alcaldía informa a la comunidad los detalles de esta actividad abierta y gratuita."
publicar: ${p}
dependencia: secretaria-de-cultura
autor: "Oficina de Prensa"
canales: [facebook, instagram, x, telegram, mastodon, bluesky]
privacidad:
  datosPersonales: ninguno
---

La Casa de la Cultura abre sus puertas para todas las personas. La entrada es libre.
`,
  };
}

function confirmarNota(n: { ruta: string; texto: string }, mensaje: string): void {
  mkdirSync(path.dirname(path.join(trabajo, n.ruta)), { recursive: true });
  writeFileSync(path.join(trabajo, n.ruta), n.texto);
  git(trabajo, "pull", "--quiet", "--rebase", "origin", "main");
  git(trabajo, "add", n.ruta);
  git(trabajo, "commit", "--quiet", "-m", mensaje);
  git(trabajo, "push", "--quiet", "origin", "HEAD:main");
}

/**
 * Instagram downloads `image_url` after the container is created; the Graph emulator answers that
 * download from what is registered with servir(). Register what the deployed site serves under
 * /social/ (the test checks separately that the URL serves those bytes).
 */
function servirImagenesDelSitio(): void {
  const carpeta = path.join(almacen.sitio, "social");
  if (!existsSync(carpeta)) return;
  for (const f of readdirSync(carpeta, { recursive: true, encoding: "utf8" }))
    if (f.endsWith(".jpg"))
      graph.servir(`${almacen.urlSitio}/social/${f.split(path.sep).join("/")}`, readFileSync(path.join(carpeta, f)));
}

async function correr(evento: "push" | "schedule", antesDeTrabajo?: (id: string) => void): Promise<Ejecucion> {
  const r = await ejecutarFlujo({
    archivo: FLUJO,
    evento,
    origen,
    repositorio: "alcaldia-cajica/convergente",
    almacen,
    runId: 9000 + ejecuciones++,
    secretos: {
      repositorio: { GITHUB_TOKEN: github.token },
      entornos: {
        redes: {
          PRENSA_CLAVE_DESPLIEGUE: CLAVE_SSH,
          FACEBOOK_TOKEN: "EAAtokenDePaginaDePrueba123456",
          INSTAGRAM_TOKEN: "EAAtokenDeInstagramDePrueba654321",
          X_API_KEY: CRED_X.appKey,
          X_API_SECRET: CRED_X.appSecret,
          X_ACCESS_TOKEN: CRED_X.accessToken,
          X_ACCESS_SECRET: CRED_X.accessSecret,
          TELEGRAM_BOT_TOKEN: TOKEN_TELEGRAM,
          MASTODON_TOKEN: mastodon.token,
          BLUESKY_CLAVE: CLAVE_BLUESKY,
        },
      },
    },
    variables: { BLUESKY_IDENTIFICADOR: HANDLE, PRENSA_SITIO_DESPLEGADO: `${almacen.urlSitio}/construccion.json` },
    maquina: {
      ...entornoDeMaquina(),
      TZ: "America/Bogota",
      ASTRO_TELEMETRY_DISABLED: "1",
      PRENSA_URL_FACEBOOK: graph.url,
      PRENSA_URL_INSTAGRAM: graph.url,
      PRENSA_URL_X: x.url,
      PRENSA_URL_TELEGRAM: telegram.url,
      PRENSA_URL_MASTODON: mastodon.url,
      PRENSA_URL_BLUESKY: pds.pds.url,
      PRENSA_URL_GITHUB: urlGithub,
      PRENSA_INSTAGRAM_SONDEO_MS: "5",
      PRENSA_ESPERA_BASE_MS: "1",
    },
    antesDeTrabajo: (id) => {
      if (id === "publicar") servirImagenesDelSitio();
      antesDeTrabajo?.(id);
    },
    traza: (l) => console.log(`[publicar.yml] ${l}`),
  });
  const minutos = Object.entries(r.trabajos)
    .filter(([, t]) => t.resultado !== "skipped")
    .map(([id, t]) => `${id} ${(t.ms / 1000).toFixed(0)} s`);
  console.log(`[publicar.yml] ejecución ${evento}: ${minutos.join(", ")}`);
  return r;
}

let CLAVE_SSH = "";

const hace = (ms: number) => new Date(Date.now() - ms);
const HORA = 3_600_000;
const A = nota("concierto-de-navidad", hace(2 * HORA), "Concierto de Navidad en el parque principal");
const B = nota("feria-de-emprendimiento", new Date(Date.now() + 30 * 24 * HORA), "Feria de emprendimiento en diciembre");
const C = nota("jornada-de-lectura", hace(HORA), "Jornada de lectura en la biblioteca municipal");
const D = nota("taller-de-teatro", hace(HORA / 2), "Taller de teatro para jóvenes de las veredas");

const idDe = (n: { ruta: string }) => n.ruta.replace(/^content\/notas\//, "").replace(/\.mdx$/, "");
/** Posts about a note: its link, or its title (Instagram captions carry no links). */
const textosConEnlace = (textos: string[], n: { ruta: string }) =>
  textos.filter((t) => t.includes(`/noticias/${idDe(n)}/`) || t.includes(TITULOS.get(n.ruta)!));

beforeAll(async () => {
  base = mkdtempSync(path.join(tmpdir(), "convergente-flujo-"));
  origen = path.join(base, "origen.git");
  trabajo = path.join(base, "trabajo");
  // A real deploy key: the workflow loads it into ssh-agent (the local push goes over the file path).
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "despliegue", "-f", path.join(base, "llave")]);
  CLAVE_SSH = readFileSync(path.join(base, "llave"), "utf8");

  servidorSitio = createServer((req, res) => {
    const ruta = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    let archivo = path.join(almacen.sitio, ruta);
    if (ruta.endsWith("/")) archivo = path.join(archivo, "index.html");
    if (!archivo.startsWith(almacen.sitio) || !existsSync(archivo)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": archivo.endsWith(".jpg") ? "image/jpeg" : "application/octet-stream" });
    res.end(readFileSync(archivo));
  });
  await new Promise<void>((r) => servidorSitio.listen(0, "127.0.0.1", r));
  almacen = crearAlmacen(`http://127.0.0.1:${(servidorSitio.address() as AddressInfo).port}`);

  [graph, x, telegram, mastodon] = await Promise.all([
    iniciarEmuladorGraph(),
    iniciarEmuladorX(CRED_X),
    iniciarEmuladorTelegram(TOKEN_TELEGRAM),
    iniciarEmuladorMastodon(),
  ]);
  urlGithub = await github.iniciar();
  const { TestNetworkNoAppView } = await import("@atproto/dev-env");
  pds = await TestNetworkNoAppView.create({});
  await new AtpAgent({ service: pds.pds.url }).createAccount({
    email: "prensa@cajica.test",
    handle: HANDLE,
    password: CLAVE_BLUESKY,
  });

  // The repository as it is now (tracked and new files), without the sample notes and records.
  git(base, "init", "--quiet", "--bare", "--initial-branch=main", origen);
  git(origen, "config", "uploadpack.allowAnySHA1InWant", "true");
  git(base, "clone", "--quiet", origen, trabajo);
  git(trabajo, "config", "user.name", "Jefatura de Prensa");
  git(trabajo, "config", "user.email", "prensa@cajica.test");
  git(trabajo, "checkout", "--quiet", "-b", "main");
  const archivos = git(RAIZ, "ls-files", "-co", "--exclude-standard", "-z")
    .split("\0")
    .filter((a) => a && !/^content\/(notas|publicaciones)\//.test(a) && existsSync(path.join(RAIZ, a)));
  for (const a of archivos) cpSync(path.join(RAIZ, a), path.join(trabajo, a), { recursive: true });
  const config = path.join(trabajo, "config/institucion.yaml");
  writeFileSync(config, readFileSync(config, "utf8").replace(/^sitio: .*$/m, `sitio: ${almacen.urlSitio}`));
  for (const n of [A, B]) {
    mkdirSync(path.dirname(path.join(trabajo, n.ruta)), { recursive: true });
    writeFileSync(path.join(trabajo, n.ruta), n.texto);
  }
  git(trabajo, "add", "-A");
  git(trabajo, "commit", "--quiet", "-m", "Sala de prensa con dos notas");
  git(trabajo, "push", "--quiet", "origin", "main");
}, 300_000);

afterAll(async () => {
  await Promise.all([graph?.cerrar(), x?.cerrar(), telegram?.cerrar(), mastodon?.cerrar()]);
  await pds?.close();
  await github.cerrar();
  await new Promise((r) => servidorSitio?.close(r));
  rmSync(base, { recursive: true, force: true });
  if (almacen) rmSync(almacen.dir, { recursive: true, force: true });
});

/** Everything each network received, as texts, for the assertions. */
async function publicado() {
  // The PDS has no AppView here: read the account's post records from the repository itself.
  const agente = new AtpAgent({ service: pds.pds.url });
  await agente.login({ identifier: HANDLE, password: CLAVE_BLUESKY });
  const lista = await agente.com.atproto.repo.listRecords({
    repo: agente.session!.did,
    collection: "app.bsky.feed.post",
    limit: 100,
  });
  const bluesky = lista.data.records.map((r) => JSON.stringify(r.value));
  return {
    facebook: graph.posts.map((p) => p.message),
    instagram: graph.medios.map((m) => m.caption),
    x: x.tweets.map((t) => t.text),
    telegram: telegram.mensajes.map((m) => m.texto),
    mastodon: mastodon.estados.map((s) => s.texto),
    bluesky,
  };
}

describe("publicar.yml de punta a punta, trabajo por trabajo, en clones nuevos", () => {
  it("la primera ejecución construye, despliega y publica cada nota vencida una vez en cada red, con su imagen JPEG, y empuja el registro", async () => {
    const r = await correr("push");
    expect(r.orden).toEqual(["compuerta", "construir", "desplegar", "publicar"]);
    for (const id of r.orden)
      expect({
        id,
        resultado: r.trabajos[id]!.resultado,
        pasos: r.trabajos[id]!.pasos.filter((p) => p.outcome === "failure"),
      }).toMatchObject({
        id,
        resultado: "success",
      });
    const pasoPublicar = r.trabajos.publicar!.pasos.find((p) => p.id === "publicar")!;
    expect(pasoPublicar.outcome, pasoPublicar.salida).toBe("success");

    // The deployed site shows A (not the scheduled B) and its social image.
    const sitio = JSON.parse(readFileSync(path.join(almacen.sitio, "construccion.json"), "utf8")) as { commit: string };
    expect(sitio.commit).toBe(r.sha);
    const imagenA = readFileSync(path.join(almacen.sitio, "social", `${idDe(A)}.jpg`));
    expect(esJpeg(imagenA)).toBe(true);
    expect(existsSync(path.join(almacen.sitio, "social", `${idDe(B)}.jpg`))).toBe(false);

    const p = await publicado();
    for (const red of ["facebook", "instagram", "x", "telegram", "mastodon", "bluesky"] as const) {
      expect({ red, a: textosConEnlace(p[red], A).length }).toEqual({ red, a: 1 });
      expect({ red, b: textosConEnlace(p[red], B).length }).toEqual({ red, b: 0 });
    }
    // The image bytes each network got are the site's JPEG (Instagram fetches it from the site's URL).
    const ig = graph.medios.find((m) => textosConEnlace([m.caption], A).length)!;
    expect(ig.image_url).toBe(`${almacen.urlSitio}/social/${idDe(A)}.jpg`);
    const servida = Buffer.from(await (await fetch(ig.image_url)).arrayBuffer());
    expect(servida.equals(imagenA)).toBe(true);
    const foto = telegram.mensajes.find((m) => textosConEnlace([m.texto], A).length)!.foto!;
    expect(foto.bytes.equals(imagenA)).toBe(true);
    expect([...x.medios.values()].map((m) => m.bytes)).toContain(imagenA.length);
    expect(mastodon.medios.map((m) => m.bytes)).toContain(imagenA.length);
    expect(textosConEnlace(p.bluesky, A)[0]).toContain('"mimeType":"image/jpeg"');

    // The record went to origin's main, with real instants (not the build's).
    const registro = JSON.parse(git(origen, "show", `main:content/publicaciones/${idDe(A)}.json`)) as {
      redes: Record<string, { estado: string; publicadoEn: string }>;
    };
    expect(Object.keys(registro.redes).sort()).toEqual(["bluesky", "facebook", "instagram", "mastodon", "telegram", "x"]);
    for (const e of Object.values(registro.redes)) {
      expect(e.estado).toBe("publicado");
      expect(Math.abs(Date.parse(e.publicadoEn) - Date.now())).toBeLessThan(30 * 60_000);
    }
    expect(git(origen, "show", "main:content/publicaciones/agenda.json")).toContain('"proxima"');
  }, 1_200_000);

  it("la siguiente ejecución programada reconstruye el sitio para enlazar las publicaciones nuevas, sin correr la publicación", async () => {
    const antes = graph.solicitudes.length + x.solicitudes.length + telegram.solicitudes.length + mastodon.registro.length;
    const r = await correr("schedule");
    expect(r.trabajos.compuerta!.outputs).toMatchObject({ construir: "true", publicar: "false" });
    expect(r.trabajos.construir!.resultado).toBe("success");
    expect(r.trabajos.desplegar!.resultado).toBe("success");
    expect(r.trabajos.publicar!.resultado).toBe("skipped");
    // The content store and the social images came back from the caches: nothing was redone.
    const construccion = r.trabajos.construir!.pasos.find((p) => p.nombre === "Construir el sitio")!.salida;
    expect(construccion).toMatch(/notas renderizadas: 0, reutilizadas: 2\b/);
    expect(construccion).toMatch(/0 generadas, 1 desde caché/);
    expect(graph.solicitudes.length + x.solicitudes.length + telegram.solicitudes.length + mastodon.registro.length).toBe(antes);
    // The note's page now links to where it was published («También en»).
    const pagina = readFileSync(path.join(almacen.sitio, "noticias", idDe(A), "index.html"), "utf8");
    const post = graph.posts.find((p) => textosConEnlace([p.message], A).length)!;
    expect(pagina).toContain(post.permalink_url);
  }, 1_200_000);

  it("una ejecución programada sin nada pendiente solo corre la compuerta: no instala, no construye, no despliega, no publica", async () => {
    const antes = {
      fb: graph.solicitudes.length,
      x: x.solicitudes.length,
      tg: telegram.solicitudes.length,
      md: mastodon.registro.length,
    };
    const commitAntes = git(origen, "rev-parse", "main");
    const r = await correr("schedule");
    expect(r.trabajos.compuerta!.resultado).toBe("success");
    expect(r.trabajos.compuerta!.outputs).toMatchObject({ construir: "false", publicar: "false" });
    for (const id of ["construir", "desplegar", "publicar"])
      expect({ id, r: r.trabajos[id]!.resultado }).toEqual({ id, r: "skipped" });
    expect(r.trabajos.compuerta!.pasos.map((p) => p.nombre).join("\n")).not.toMatch(/npm/);
    expect({
      fb: graph.solicitudes.length,
      x: x.solicitudes.length,
      tg: telegram.solicitudes.length,
      md: mastodon.registro.length,
    }).toEqual(antes);
    expect(git(origen, "rev-parse", "main")).toBe(commitAntes);
  }, 300_000);

  it("una nota fusionada entre construir y publicar no se publica en esa ejecución", async () => {
    confirmarNota(C, "Nota C");
    const r = await correr("push", (id) => {
      if (id === "publicar") confirmarNota(D, "Nota D, fusionada mientras se desplegaba el sitio");
    });
    expect(r.trabajos.publicar!.resultado).toBe("success");
    // Only the merged note's body was rendered and only its image drawn.
    const construccion = r.trabajos.construir!.pasos.find((p) => p.nombre === "Construir el sitio")!.salida;
    expect(construccion).toMatch(/notas renderizadas: 1, reutilizadas: 2\b/);
    expect(construccion).toMatch(/1 generadas, 1 desde caché/);
    const salida = r.trabajos.publicar!.pasos.find((p) => p.id === "publicar")!.salida;
    expect(salida).toContain(idDe(D));
    const p = await publicado();
    for (const red of ["facebook", "instagram", "x", "telegram", "mastodon", "bluesky"] as const) {
      expect({ red, c: textosConEnlace(p[red], C).length }).toEqual({ red, c: 1 });
      expect({ red, d: textosConEnlace(p[red], D).length }).toEqual({ red, d: 0 });
      expect({ red, a: textosConEnlace(p[red], A).length }).toEqual({ red, a: 1 });
    }
    expect(existsSync(path.join(almacen.sitio, "social", `${idDe(D)}.jpg`))).toBe(false);
    // D waits: the next scheduled run must build (D changed since the deployed commit).
    const agenda = JSON.parse(git(origen, "show", "main:content/publicaciones/agenda.json")) as { proxima: string | null };
    expect(agenda.proxima).not.toBeNull();
  }, 1_200_000);
});
