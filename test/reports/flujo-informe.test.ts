import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { RAIZ } from "../../scripts/lib/content/paths.ts";
import { crearCalendario } from "../../scripts/lib/inbox/plazos.ts";
import { inquietudesSchema } from "../../scripts/lib/content/schema/inquietudes.ts";
import { primerDiaHabil } from "../../scripts/lib/reports/calendario.ts";
import { MARCA_SOLICITUD } from "../../scripts/lib/requests/convertir.ts";
import { crearAlmacen, ejecutarFlujo, entornoDeMaquina, type Almacen, type Ejecucion } from "../ayudas/flujo.ts";
import { prensaAsincrona } from "../ayudas/cli.ts";
import { BOT, EmuladorGithub } from "../github/emulador.ts";

/**
 * `.github/workflows/informe.yml` as written, run by the local runner (test/ayudas/flujo.ts) in a
 * fresh clone of a real bare repository holding this repository's files, against the GitHub
 * emulator: on the first business day it reads the month's requests, writes the report of the
 * previous month, pushes it to informe/AAAA-MM and opens the pull request assigned to the head of
 * press; run again after the head of press wrote the conclusions on the branch, it keeps them,
 * rebuilds the PDF/A and updates the same pull request.
 */

const FLUJO = path.join(RAIZ, ".github/workflows/informe.yml");
const REPO = "alcaldia-cajica/convergente";
const RESPONSABLE = "jefatura-prensa";
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

const github = new EmuladorGithub();
let urlGithub = "";
let base = "";
let origen = "";
let almacen: Almacen;
let ejecuciones = 0;

async function correr(evento: "schedule" | "workflow_dispatch", ahora: string): Promise<Ejecucion> {
  const r = await ejecutarFlujo({
    archivo: FLUJO,
    evento,
    origen,
    repositorio: REPO,
    almacen,
    runId: 7000 + ejecuciones++,
    secretos: { repositorio: { GITHUB_TOKEN: github.token }, entornos: {} },
    variables: {},
    maquina: {
      ...entornoDeMaquina(),
      TZ: "UTC",
      PRENSA_AHORA: ahora,
      PRENSA_URL_GITHUB: urlGithub,
      npm_config_prefer_offline: "true",
    },
    traza: (l) => console.log(`[informe.yml] ${l}`),
  });
  for (const [id, t] of Object.entries(r.trabajos))
    expect({
      id,
      resultado: t.resultado,
      fallidos: t.pasos.filter((p) => p.outcome === "failure").map((p) => p.salida.slice(-2000)),
    }).toEqual({
      id,
      resultado: "success",
      fallidos: [],
    });
  return r;
}

/** A request filed with the form, and the bot's comment `prensa solicitud` leaves when it becomes a note. */
function solicitud(numero: number, dependencia: string, creada: string, nota?: string): void {
  github.issues.set(numero, {
    number: numero,
    title: `[Solicitud] Solicitud ${numero}`,
    body: `### Dependencia que solicita\n\n${dependencia}\n\n### Título propuesto\n\nSolicitud ${numero}\n\n### Contacto institucional\n\nextensión 123`,
    state: "open",
    labels: ["solicitud"],
    user: { login: "funcionaria-de-la-dependencia", type: "User" },
    created_at: creada,
  });
  if (nota)
    github.comentarios.push({
      id: github.nuevoId(),
      issue: numero,
      user: BOT,
      body: `${MARCA_SOLICITUD}\n<!-- rama=nota/x archivo=content/notas/${nota}.mdx -->\nLa Oficina de Prensa empezó a redactar la nota.`,
    });
}

const rutaInforme = "content/reportes/2026/11/informe.mdx";
const enRama = (ruta: string) => github.archivos.get(`informe/2026-11\u0000${ruta}`);

beforeAll(async () => {
  urlGithub = await github.iniciar();
  base = mkdtempSync(path.join(tmpdir(), "convergente-flujo-informe-"));
  origen = path.join(base, "origen.git");
  const trabajo = path.join(base, "trabajo");
  almacen = crearAlmacen("http://127.0.0.1:9");
  git(base, "init", "--quiet", "--bare", "--initial-branch=main", origen);
  git(base, "clone", "--quiet", origen, trabajo);
  git(trabajo, "config", "user.name", "Jefatura de Prensa");
  git(trabajo, "config", "user.email", "prensa@cajica.test");
  git(trabajo, "checkout", "--quiet", "-b", "main");
  // The repository as it is (tracked and new files), without the report the workflow must write.
  const archivos = git(RAIZ, "ls-files", "-co", "--exclude-standard", "-z")
    .split("\0")
    .filter((a) => a && !a.startsWith("content/reportes/2026/11/") && existsSync(path.join(RAIZ, a)));
  for (const a of archivos) {
    mkdirSync(path.dirname(path.join(trabajo, a)), { recursive: true });
    cpSync(path.join(RAIZ, a), path.join(trabajo, a));
  }
  const config = path.join(trabajo, "config/institucion.yaml");
  writeFileSync(
    config,
    stringify({ ...(parse(readFileSync(config, "utf8")) as object), informes: { responsable: RESPONSABLE } }),
  );
  git(trabajo, "add", "-A");
  git(trabajo, "commit", "--quiet", "-m", "Sala de prensa de muestra");
  git(trabajo, "push", "--quiet", "origin", "main");
  // Requests: two of November (one became a sample note), one of October.
  solicitud(41, "Secretaría de Salud", "2026-11-05T14:00:00Z", "2026/11/jornada-vacunacion");
  solicitud(42, "Secretaría de Movilidad", "2026-11-20T15:30:00Z");
  solicitud(40, "Secretaría de Cultura y Juventud", "2026-10-28T15:00:00Z", "2026/10/feria-emprendimiento");
}, 120_000);

afterAll(async () => {
  await github.cerrar();
  rmSync(base, { recursive: true, force: true });
  if (almacen) rmSync(almacen.dir, { recursive: true, force: true });
});

describe("informe.yml", () => {
  it("decide con el calendario de Colombia: noviembre de 2026 empieza el 3 (el 2 es festivo), enero de 2027 el 4", () => {
    const cal = crearCalendario(inquietudesSchema.parse({}));
    expect(primerDiaHabil(cal, "2026-11")).toBe("2026-11-03");
    expect(primerDiaHabil(cal, "2026-12")).toBe("2026-12-01");
    expect(primerDiaHabil(cal, "2027-01")).toBe("2027-01-04");
  });

  it("un día 2 que no es el primer día hábil no genera nada ni llama a GitHub", async () => {
    const salidas = path.join(base, "salidas-dia-2");
    writeFileSync(salidas, "");
    github.reiniciarLlamadas();
    const r = await prensaAsincrona(["informe", "--si-es-primer-dia-habil", "--desde-github"], {
      PRENSA_RAIZ: path.join(base, "trabajo"),
      PRENSA_AHORA: "2026-12-02T08:07:00-05:00",
      PRENSA_URL_GITHUB: urlGithub,
      GITHUB_TOKEN: github.token,
      GITHUB_OUTPUT: salidas,
    });
    expect(r.codigo).toBe(0);
    expect(r.salida).toContain("Hoy (2026-12-02) no es el primer día hábil del mes (es el 2026-12-01)");
    expect(readFileSync(salidas, "utf8")).toBe("generado=false\n");
    expect(github.llamadas).toEqual([]);
    expect(existsSync(path.join(base, "trabajo/content/reportes/2026/11"))).toBe(false);
  });

  it("el primer día hábil arma el informe del mes anterior, lo sube a informe/2026-11 y abre la solicitud de cambios asignada a la jefatura", async () => {
    github.reiniciarLlamadas();
    await correr("schedule", "2026-12-01T08:07:00-05:00");
    expect(github.pulls.map((p) => ({ titulo: p.title, head: p.head, base: p.base, asignados: p.assignees }))).toEqual([
      { titulo: "Informe de noviembre de 2026", head: "informe/2026-11", base: "main", asignados: [RESPONSABLE] },
    ]);
    expect(github.pulls[0]!.body).toContain("Conclusiones y compromisos");
    const mdx = enRama(rutaInforme)!;
    expect(mdx).toContain("# Informe de noviembre de 2026");
    expect(mdx).toContain("| Solicitudes recibidas | 2 |");
    expect(mdx).toContain("| Convertidas en nota | 1 |");
    expect(mdx).toContain("convergente:conclusiones-pendientes");
    const solicitudes = JSON.parse(enRama("content/reportes/datos/2026/11/solicitudes.json")!) as { solicitudes: unknown[] };
    expect(solicitudes.solicitudes).toEqual([
      {
        numero: 41,
        dependencia: "secretaria-de-salud",
        recibida: "2026-11-05T09:00:00-05:00",
        nota: "2026/11/jornada-vacunacion",
      },
      { numero: 42, dependencia: "secretaria-de-movilidad", recibida: "2026-11-20T10:30:00-05:00" },
    ]);
    // The PDF went through the API as bytes.
    expect(github.bytes.get(`informe/2026-11\u0000content/reportes/2026/11/informe-2026-11.pdf`)!.subarray(0, 5).toString()).toBe(
      "%PDF-",
    );
    const resumen = github.resumen();
    expect(resumen.filter((l) => l.startsWith("GET /issues/") && l.endsWith("/comments"))).toHaveLength(2);
    expect(resumen.filter((l) => l === "POST /pulls")).toHaveLength(1);
    expect(resumen.filter((l) => /^POST \/issues\/\d+\/assignees$/.test(l))).toHaveLength(1);
    expect(new Set(resumen)).toEqual(
      new Set([
        "GET /issues",
        ...resumen.filter((l) => /^GET \/issues\/\d+\/comments$/.test(l)),
        `GET /contents/${rutaInforme}`,
        "GET /git/ref/heads/informe/2026-11",
        "GET /git/ref/heads/main",
        "POST /git/refs",
        ...resumen.filter((l) => /^(GET|PUT) \/contents\/content\/reportes\//.test(l)),
        "GET /pulls",
        "POST /pulls",
        `POST /issues/${github.pulls[0]!.number}/assignees`,
      ]),
    );
    expect(github.inesperadas).toEqual([]);
    expect(github.invalidas).toEqual([]);
  }, 900_000);

  it("corrido otra vez después de escribir las conclusiones en la rama, las conserva, rehace el PDF y actualiza la misma solicitud", async () => {
    const clave = `informe/2026-11\u0000${rutaInforme}`;
    const conclusiones =
      "El equipo cumplió el calendario de publicación del mes.\n\n- Compromiso: responder en Telegram antes de las 10:00 a. m.";
    github.archivos.set(
      clave,
      github.archivos
        .get(clave)!
        .replace(/\{\/\* convergente:conclusiones-pendientes \*\/\}\n\n\*\*Pendiente:\*\*[^\n]*/, conclusiones),
    );
    const pdfAntes = github.bytes.get(`informe/2026-11\u0000content/reportes/2026/11/informe-2026-11.pdf`)!;
    github.reiniciarLlamadas();
    await correr("workflow_dispatch", "2026-12-01T15:00:00-05:00");
    expect(github.pulls).toHaveLength(1);
    expect(enRama(rutaInforme)).toContain(conclusiones);
    expect(enRama(rutaInforme)).not.toContain("convergente:conclusiones-pendientes");
    const pdfDespues = github.bytes.get(`informe/2026-11\u0000content/reportes/2026/11/informe-2026-11.pdf`)!;
    expect(pdfDespues.equals(pdfAntes)).toBe(false);
    const resumen = github.resumen();
    expect(resumen).not.toContain("POST /pulls");
    expect(resumen).not.toContain("POST /git/refs");
    expect(resumen.filter((l) => /assignees/.test(l))).toEqual([]);
    // Only the MDX (kept as written) and the PDF changed; charts and tables are the same bytes.
    expect(resumen.filter((l) => l.startsWith("PUT /contents/")).sort()).toEqual([
      "PUT /contents/content/reportes/2026/11/informe-2026-11.pdf",
    ]);
    expect(github.inesperadas).toEqual([]);
    expect(github.invalidas).toEqual([]);
  }, 900_000);
});
