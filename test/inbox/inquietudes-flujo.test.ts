import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crearAlmacen, ejecutarFlujo, entornoDeMaquina, type Almacen, type Ejecucion } from "../ayudas/flujo.ts";
import { git } from "../ayudas/git.ts";
import { RAIZ } from "../ayudas/raiz.ts";
import { EmuladorGithub } from "../github/emulador.ts";
import { iniciarEmuladorMastodon, type EmuladorMastodon } from "../networks/emuladores/mastodon.ts";

/**
 * inquietudes.yml run as written (test/ayudas/flujo.ts), job by job on a fresh clone of a local bare
 * repository: the job installs what the inbox needs, reads Mastodon (the network with a secret in
 * the «redes» environment), files the citizen's mention in the PRIVATE inbox repository (a local
 * GitHub emulator reached only with PRENSA_INQUIETUDES_TOKEN), keeps the daily issue and checks
 * that nothing is overdue. Nothing the run prints holds the citizen's handle or words.
 */

const FLUJO = path.join(RAIZ, ".github/workflows/inquietudes.yml");
const USUARIO = "vecina_ana_flujo";
const TEXTO = "Buenos días, ¿a qué hora abre la ventanilla del Sisbén en la vereda Chuntame?";

let base = "";
let origen = "";
let almacen: Almacen;
let mastodon: EmuladorMastodon;
let privado: EmuladorGithub;
let ejecucion: Ejecucion;

beforeAll(async () => {
  base = mkdtempSync(path.join(tmpdir(), "convergente-inquietudes-flujo-"));
  origen = path.join(base, "origen.git");
  const trabajo = path.join(base, "trabajo");
  mastodon = await iniciarEmuladorMastodon();
  mastodon.mencionar(USUARIO, TEXTO);
  privado = new EmuladorGithub({ repo: "inquietudes", privado: true });
  const urlPrivado = await privado.iniciar();
  // https://docs.github.com/en/rest/issues/comments#list-issue-comments-for-a-repository (read by `responder`).
  privado.extensiones.push((p) => {
    if (p.metodo !== "GET" || p.ruta !== `${privado.prefijo}/issues/comments`) return false;
    p.responder(
      200,
      privado.comentarios.map((c) => ({
        id: c.id,
        body: c.body,
        user: c.user,
        created_at: new Date().toISOString(),
        html_url: `https://github.com/${privado.owner}/${privado.repo}/issues/${c.issue}#issuecomment-${c.id}`,
        issue_url: `https://api.github.com/repos/${privado.owner}/${privado.repo}/issues/${c.issue}`,
      })),
    );
    return true;
  });
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
  git(trabajo, "add", "-A");
  git(trabajo, "commit", "--quiet", "-m", "Sala de prensa");
  git(trabajo, "push", "--quiet", "origin", "main");

  ejecucion = await ejecutarFlujo({
    archivo: FLUJO,
    evento: "schedule",
    origen,
    repositorio: "alcaldia-cajica/convergente",
    almacen,
    runId: 8200,
    secretos: {
      repositorio: {},
      entornos: { redes: { PRENSA_INQUIETUDES_TOKEN: privado.token, MASTODON_TOKEN: mastodon.token } },
    },
    variables: {},
    maquina: {
      ...entornoDeMaquina(),
      TZ: "America/Bogota",
      PRENSA_URL_GITHUB: urlPrivado,
      PRENSA_URL_MASTODON: mastodon.url,
      PRENSA_GITHUB_SIN_ESPERA: "1",
    },
  });
}, 600_000);

afterAll(async () => {
  await Promise.all([mastodon?.cerrar(), privado?.cerrar()]);
  rmSync(base, { recursive: true, force: true });
  if (almacen) rmSync(almacen.dir, { recursive: true, force: true });
});

describe("inquietudes.yml de punta a punta", () => {
  it("lee la red con secreto, archiva la mención en el repositorio privado y termina en verde sin escribir datos personales en el registro", () => {
    const bandeja = ejecucion.trabajos.bandeja!;
    expect(bandeja.pasos.map((p) => [p.nombre, p.resultado])).toEqual(bandeja.pasos.map((p) => [p.nombre, "success"]));
    expect(bandeja.resultado).toBe("success");

    // The mention is filed once, in the private repository: one comment holds the citizen's words.
    const conTexto = privado.comentarios.filter((c) => c.body.includes(TEXTO));
    expect(conTexto).toHaveLength(1);
    const conversacion = privado.issues.get(conTexto[0]!.issue)!;
    expect(conversacion.title).not.toContain(USUARIO);
    expect(mastodon.violaciones).toEqual([]);
    expect(mastodon.rutas()).toContain("GET /api/v1/notifications");

    // What a public repository's Actions log shows: counts, never the handle or the words.
    const todo = bandeja.pasos.map((p) => p.salida).join("\n") + bandeja.resumen;
    expect(todo).toMatch(/1 mensajes nuevos/);
    for (const dato of [USUARIO, TEXTO.slice(0, 25), "Chuntame", privado.token, mastodon.token]) expect(todo).not.toContain(dato);
  });
});
