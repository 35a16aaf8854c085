import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { EmuladorGithub } from "../github/emulador.ts";
import { GITHUB_SIN_ESPERA, prensaAsincrona, prensaEnProceso } from "../ayudas/cli.ts";
import { raizCon, type RaizDePrueba } from "../ayudas/raiz.ts";

const CUERPO = readFileSync(path.join(import.meta.dirname, "fixtures/una-solicitud-de-salud-completa/cuerpo.md"), "utf8");
const AHORA = "2026-11-17T10:00:00-05:00";
const ARCHIVO = "content/notas/2026/11/jornada-de-vacunacion-gratuita-en-la-vereda-chuntame.mdx";
const RAMA = "nota/jornada-de-vacunacion-gratuita-en-la-vereda-chuntame";

describe("prensa solicitud", () => {
  let emu: EmuladorGithub;
  let url: string;
  let temp: RaizDePrueba;
  const env = () => ({
    ...GITHUB_SIN_ESPERA,
    PRENSA_RAIZ: temp.raiz,
    PRENSA_URL_GITHUB: url,
    GITHUB_TOKEN: emu.token,
    PRENSA_AHORA: AHORA,
  });

  beforeEach(async () => {
    emu = new EmuladorGithub();
    url = await emu.iniciar();
    temp = raizCon({ delRepositorio: [".github"] });
    emu.issues.set(42, {
      number: 42,
      title: "[Solicitud] Jornada de vacunación gratuita en la vereda Chuntame",
      body: CUERPO,
      state: "open",
      labels: ["solicitud", "redactar"],
      user: { login: "secretaria-salud", type: "User" },
    });
  });
  afterEach(async () => {
    await emu.cerrar();
    temp.borrar();
  });

  it("crea la rama, el borrador, la solicitud de cambios en borrador y el comentario; la segunda vez no cambia nada", async () => {
    const primera = await prensaAsincrona(["solicitud", "42"], env());
    expect(primera.error).toBe("");
    expect(primera.codigo).toBe(0);
    expect(emu.resumen()).toEqual([
      "GET /issues/42",
      "GET /issues/42/comments",
      `GET /contents/${ARCHIVO}`,
      "GET /pulls",
      `GET /git/ref/heads/${RAMA}`,
      "GET /git/ref/heads/main",
      "POST /git/refs",
      `GET /contents/${ARCHIVO}`,
      `PUT /contents/${ARCHIVO}`,
      "POST /pulls",
      "POST /issues/42/comments",
    ]);
    expect(emu.inesperadas).toEqual([]);
    expect(emu.invalidas).toEqual([]);
    expect(primera.salida).toContain("abierta en borrador");

    // The note: valid frontmatter converted from the request, draft, escaped MDX.
    const texto = emu.archivos.get(`${RAMA}\u0000${ARCHIVO}`)!;
    const [, fm, cuerpo] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(texto)!;
    const datos = parse(fm!) as Record<string, unknown>;
    expect(datos).toMatchObject({
      titulo: "Jornada de vacunación gratuita en la vereda Chuntame",
      publicar: "2026-11-18T07:30:00-05:00",
      dependencia: "secretaria-de-salud",
      canales: ["facebook", "x", "telegram"],
      borrador: true,
      privacidad: { datosPersonales: "ninguno" },
    });
    expect(String(datos.resumen)).toMatch(/^La Secretaría de Salud realizará una jornada/);
    expect(String(datos.resumen).length).toBeLessThanOrEqual(300);
    expect(cuerpo).toContain("### Requisitos");
    expect(cuerpo).toContain("Use \\{llaves\\} y \\<b\\>etiquetas\\</b\\>");

    // The pull request: draft, closes the request, shows the derived texts.
    expect(emu.pulls).toHaveLength(1);
    const pr = emu.pulls[0]!;
    expect(pr).toMatchObject({ head: RAMA, base: "main", draft: true, state: "open" });
    expect(pr.body).toMatch(/^Closes #42\n/);
    expect(pr.body).toContain("**X** (");
    expect(pr.body).toContain(
      "https://prensa.cajica.gov.co/noticias/2026/11/jornada-de-vacunacion-gratuita-en-la-vereda-chuntame/",
    );
    expect(pr.body).toContain("user-attachments/assets/0000-afiche.png");

    // The comment on the request links the pull request.
    expect(emu.comentarios).toHaveLength(1);
    expect(emu.comentarios[0]!.body).toContain(`https://github.com/alcaldia-cajica/convergente/pull/${pr.number}`);

    const estado = JSON.stringify([...emu.refs, ...emu.archivos, emu.pulls, emu.comentarios]);
    emu.reiniciarLlamadas();
    const segunda = await prensaEnProceso("solicitud", ["42"], env());
    expect(segunda.codigo).toBe(0);
    expect(emu.resumen()).toEqual([
      "GET /issues/42",
      "GET /issues/42/comments",
      "GET /pulls",
      `GET /git/ref/heads/${RAMA}`,
      `GET /contents/${ARCHIVO}`,
    ]);
    expect(JSON.stringify([...emu.refs, ...emu.archivos, emu.pulls, emu.comentarios])).toBe(estado);
    expect(segunda.salida).toContain("ya existía");
    expect(emu.inesperadas).toEqual([]);
  });

  it("no recrea nada cuando la solicitud de cambios ya se fusionó y la rama se borró", async () => {
    expect((await prensaEnProceso("solicitud", ["42"], env())).codigo).toBe(0);
    emu.pulls[0]!.state = "closed";
    emu.pulls[0]!.merged_at = "2026-11-17T16:00:00Z";
    emu.refs.delete(RAMA);
    emu.reiniciarLlamadas();
    const r = await prensaEnProceso("solicitud", ["42"], env());
    expect(r.codigo).toBe(0);
    expect(r.salida).toContain("(fusionada)");
    expect(emu.resumen()).toEqual(["GET /issues/42", "GET /issues/42/comments", "GET /pulls"]);
    expect(emu.refs.has(RAMA)).toBe(false);
  });

  it("usa un nombre único cuando ya hay una nota con ese nombre en main", async () => {
    emu.archivos.set(`main\u0000${ARCHIVO}`, "---\ntitulo: otra\n---\n");
    const r = await prensaEnProceso("solicitud", ["42"], env());
    expect(r.codigo).toBe(0);
    expect(emu.pulls[0]!.head).toBe(`${RAMA}-42`);
    expect(emu.archivos.has(`${RAMA}-42\u0000${ARCHIVO.replace(".mdx", "-42.mdx")}`)).toBe(true);
  });

  it("ataque: la marca escrita por el autor de la solicitud no apunta el bot a la rama de otra solicitud de cambios", async () => {
    // Someone else's open pull request, on a branch the attacker wants the bot to write into.
    emu.refs.set("nota/presupuesto-2027", "a".repeat(40));
    emu.pulls.push({
      number: 7,
      title: "Presupuesto 2027",
      body: "",
      head: "nota/presupuesto-2027",
      headSha: "a".repeat(40),
      base: "main",
      draft: false,
      state: "open",
      merged_at: null,
    });
    emu.comentarios.push({
      id: 1,
      issue: 42,
      body: "<!-- convergente:solicitud -->\n<!-- rama=nota/presupuesto-2027 archivo=content/notas/2026/11/presupuesto-2027.mdx -->",
      user: { login: "secretaria-salud", type: "User" },
    });
    const r = await prensaEnProceso("solicitud", ["42"], env());
    expect(r.codigo).toBe(0);
    expect(emu.archivos.has("nota/presupuesto-2027\u0000content/notas/2026/11/presupuesto-2027.mdx")).toBe(false);
    expect(emu.refs.get("nota/presupuesto-2027")).toBe("a".repeat(40));
    expect(emu.archivos.has(`${RAMA}\u0000${ARCHIVO}`)).toBe(true);
    expect(emu.pulls.map((p) => p.head)).toEqual(["nota/presupuesto-2027", RAMA]);
  });

  it("si GitHub no deja que los flujos abran solicitudes de cambios, deja la rama, la nota y un enlace de un clic", async () => {
    emu.actionsAbrePulls = false;
    const r = await prensaEnProceso("solicitud", ["42"], env());
    expect(r.error).toBe("");
    expect(r.codigo).toBe(0);
    expect(r.salida).toContain("GitHub no deja que los flujos abran solicitudes de cambios");
    expect(emu.pulls).toEqual([]);
    expect(emu.archivos.has(`${RAMA}\u0000${ARCHIVO}`)).toBe(true);
    const comentario = emu.comentarios.find((c) => c.issue === 42)!.body;
    const enlace = /https:\/\/github\.com\/\S+/.exec(comentario)![0];
    const u = new URL(enlace);
    expect(u.pathname).toBe(`/alcaldia-cajica/convergente/compare/main...${encodeURIComponent(RAMA)}`);
    expect(u.searchParams.get("quick_pull")).toBe("1");
    expect(u.searchParams.get("title")).toBe("Jornada de vacunación gratuita en la vereda Chuntame");
    expect(u.searchParams.get("body")).toMatch(/^Closes #42\n/);
    expect(emu.inesperadas).toEqual([]);
  });

  it("rechaza en español una solicitud de una dependencia que no existe, sin escribir nada", async () => {
    emu.issues.get(42)!.body = CUERPO.replace("Secretaría de Salud\n", "Secretaría de Magia\n");
    const r = await prensaEnProceso("solicitud", ["42"], env());
    expect(r.codigo).toBe(1);
    expect(r.error).toContain("«Secretaría de Magia» no es una dependencia configurada");
    expect(emu.resumen()).toEqual(["GET /issues/42"]);
  });

  it("explica el uso cuando falta el número y nunca muestra el token", async () => {
    const r = await prensaEnProceso("solicitud", [], env());
    expect(r.codigo).toBe(2);
    expect(r.error).toContain("indique el número de la solicitud");
    const sinToken = await prensaEnProceso("solicitud", ["42"], { ...env(), GITHUB_TOKEN: "ghp_otro-token-invalido-987654" });
    expect(sinToken.codigo).toBe(1);
    expect(sinToken.error).toContain("HTTP 401");
    expect(sinToken.error).not.toContain("ghp_otro-token-invalido-987654");
  });

  it("reintenta cuando GitHub responde un error pasajero", async () => {
    emu.fallarSiguientes = 1;
    const r = await prensaEnProceso("solicitud", ["42"], env());
    expect(r.codigo).toBe(0);
    expect(emu.resumen()[0]).toBe("GET /issues/42");
    expect(emu.resumen()[1]).toBe("GET /issues/42");
    expect(emu.pulls).toHaveLength(1);
  });
});

describe("prensa nueva --desde-solicitud", () => {
  it("escribe localmente la misma nota que prensa solicitud y no la sobrescribe", async () => {
    const emu = new EmuladorGithub();
    const url = await emu.iniciar();
    const temp = raizCon({ delRepositorio: [".github"] });
    try {
      emu.issues.set(42, { number: 42, title: "x", body: CUERPO, state: "open", labels: [], user: { login: "s", type: "User" } });
      const env = {
        ...GITHUB_SIN_ESPERA,
        PRENSA_RAIZ: temp.raiz,
        PRENSA_URL_GITHUB: url,
        GITHUB_TOKEN: emu.token,
        PRENSA_AHORA: AHORA,
      };
      const r = await prensaAsincrona(["nueva", "--desde-solicitud", "42"], env);
      expect(r.error).toBe("");
      expect(r.codigo).toBe(0);
      expect(emu.resumen()).toEqual(["GET /issues/42"]);
      const destino = path.join(temp.raiz, ARCHIVO);
      expect(existsSync(destino)).toBe(true);
      expect(readFileSync(destino, "utf8")).toContain("dependencia: secretaria-de-salud");
      const otra = await prensaEnProceso("nueva", ["--desde-solicitud", "42"], env);
      expect(otra.codigo).toBe(1);
      expect(otra.error).toContain("no se sobrescribe");
    } finally {
      await emu.cerrar();
      temp.borrar();
    }
  });
});
