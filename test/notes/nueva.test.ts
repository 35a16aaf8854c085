import { describe, it, expect, afterEach } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { spawn as spawnPty } from "@lydell/node-pty";
import { RAIZ } from "../../scripts/lib/content/paths.ts";
import { raizCon } from "../ayudas/raiz.ts";
import { prensa } from "../ayudas/cli.ts";

const copias: { borrar(): void }[] = [];
afterEach(() => copias.splice(0).forEach((c) => c.borrar()));
function copia() {
  const c = raizCon();
  copias.push(c);
  return c;
}

describe("prensa nueva crea una nota válida en la carpeta de su mes", () => {
  it("con opciones, escribe content/notas/AAAA/MM/<slug>.mdx y la nota pasa la comprobación", () => {
    const { raiz } = copia();
    const r = prensa(
      [
        "nueva",
        "--titulo",
        "Cajicá celebra la Semana de la Juventud",
        "--resumen",
        "Conciertos, deporte y ferias de empleo para jóvenes del 1 al 7 de diciembre.",
        "--dependencia",
        "secretaria-de-cultura",
        "--autor",
        "Oficina de Prensa",
        "--publicar",
        "2026-12-01T08:00:00-05:00",
        "--etiquetas",
        "juventud, cultura",
        "--canales",
        "facebook,x",
        "--urgente",
      ],
      { PRENSA_RAIZ: raiz },
    );
    expect(r.error).toBe("");
    expect(r.codigo).toBe(0);
    const archivo = path.join(raiz, "content/notas/2026/12/cajica-celebra-la-semana-de-la-juventud.mdx");
    expect(r.salida).toContain("Nota creada: content/notas/2026/12/cajica-celebra-la-semana-de-la-juventud.mdx");
    const texto = readFileSync(archivo, "utf8");
    expect(texto).toMatch(/^---\ntitulo: Cajicá celebra la Semana de la Juventud\n/);
    expect(texto).toContain("urgente: true");
    expect(texto).toContain("  - juventud\n  - cultura");
    const comprobacion = prensa(["comprobar"], { PRENSA_RAIZ: raiz, PRENSA_AHORA: "2026-12-02T00:00:00-05:00" });
    expect(comprobacion.codigo).toBe(0);
    expect(comprobacion.salida).toContain("Todo en orden: 1 nota válida (1 pública, 0 programadas o en borrador).");
  });

  it("una hora de Bogotá cerca de la medianoche va al mes correcto", () => {
    const { raiz } = copia();
    const r = prensa(
      [
        "nueva",
        "--titulo",
        "Aviso de fin de mes para la ciudadanía",
        "--resumen",
        "Un aviso de prueba con suficiente texto.",
        "--dependencia",
        "oficina-de-prensa",
        "--autor",
        "Prensa",
        "--publicar",
        "2026-11-30T23:30:00-05:00",
      ],
      { PRENSA_RAIZ: raiz },
    );
    expect(r.codigo).toBe(0);
    expect(existsSync(path.join(raiz, "content/notas/2026/11/aviso-de-fin-de-mes-para-la-ciudadania.mdx"))).toBe(true);
  });

  it("datos inválidos no escriben nada y explican el error en español", () => {
    const { raiz } = copia();
    const r = prensa(
      [
        "nueva",
        "--titulo",
        "Corto",
        "--resumen",
        "Un resumen de prueba suficiente.",
        "--dependencia",
        "secretaria-de-deportes",
        "--autor",
        "Prensa",
      ],
      { PRENSA_RAIZ: raiz },
    );
    expect(r.codigo).toBe(1);
    expect(r.error).toContain("campo «titulo»: el título debe tener al menos 10 caracteres");
    expect(r.error).toContain("campo «dependencia»: no es una dependencia configurada");
    expect(existsSync(path.join(raiz, "content/notas"))).toBe(false);
  });

  it("sin terminal y sin datos obligatorios es un error de uso (código 2)", () => {
    const { raiz } = copia();
    const r = prensa(["nueva", "--titulo", "Solo el título de la nota"], { PRENSA_RAIZ: raiz });
    expect(r.codigo).toBe(2);
    expect(r.error).toContain("faltan datos obligatorios: --resumen, --dependencia, --autor");
  });

  it("no sobrescribe una nota que ya existe", () => {
    const { raiz } = copia();
    const args = [
      "nueva",
      "--titulo",
      "Nota que se crea dos veces",
      "--resumen",
      "Un resumen de prueba suficiente.",
      "--dependencia",
      "oficina-de-prensa",
      "--autor",
      "Prensa",
      "--publicar",
      "2026-11-20",
    ];
    expect(prensa(args, { PRENSA_RAIZ: raiz }).codigo).toBe(0);
    const segunda = prensa(args, { PRENSA_RAIZ: raiz });
    expect(segunda.codigo).toBe(1);
    expect(segunda.error).toContain("no se sobrescribe");
  });
});

describe("prensa sin argumentos", () => {
  it("lista los subcomandos en español", () => {
    const r = prensa([]);
    expect(r.codigo).toBe(0);
    expect(r.salida).toContain("Uso: prensa <comando> [opciones]");
    for (const c of ["nueva", "comprobar", "validar", "publicar", "kit", "servir"])
      expect(r.salida).toMatch(new RegExp(`^  ${c} +\\S`, "m"));
  });
  it("un comando desconocido sale con código 2", () => {
    const r = prensa(["publicame"]);
    expect(r.codigo).toBe(2);
    expect(r.error).toContain("Comando desconocido: «publicame»");
  });
});

/**
 * `prensa nueva` in a real pseudo-terminal, as a person types: keystrokes go in, the screen comes
 * out. Each step waits for the text of the next question (no sleeps).
 */
function terminal(raiz: string, args: string[] = []) {
  const hijo = spawnPty(process.execPath, [path.join(RAIZ, "scripts/prensa.ts"), "nueva", ...args], {
    name: "xterm-256color",
    cols: 140,
    rows: 60,
    cwd: raiz,
    env: { ...process.env, PRENSA_RAIZ: raiz, PRENSA_AHORA: "2026-11-20T12:00:00-05:00", TZ: "America/Bogota" },
  });
  let pantalla = "";
  let leido = 0;
  const esperas: { texto: string; listo: () => void }[] = [];

  const sinColores = (t: string) => t.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "");
  const revisar = () => {
    const e = esperas[0];
    if (!e) return;
    const i = sinColores(pantalla).indexOf(e.texto, leido);
    if (i < 0) return;
    leido = i + e.texto.length;
    esperas.shift();
    e.listo();
    revisar();
  };
  hijo.onData((d) => {
    pantalla += d;
    revisar();
  });
  const fin = new Promise<number>((resolver) => hijo.onExit(({ exitCode }) => resolver(exitCode)));
  return {
    /** Waits until the screen shows `texto` after everything already waited for. */
    esperar: (texto: string) =>
      new Promise<void>((listo) => {
        esperas.push({ texto, listo });
        revisar();
      }),
    escribir: (teclas: string) => hijo.write(teclas),
    fin,
    pantalla: () => sinColores(pantalla),
  };
}

const TECLA = { enter: "\r", abajo: "\x1b[B", espacio: " ", borrar: "\x7f" };

describe("prensa nueva en una terminal, como la usa una editora", () => {
  it("vuelve a preguntar un título corto con la razón, deja elegir la dependencia con las flechas y escribe la nota una vez, válida", async () => {
    const { raiz } = copia();
    const t = terminal(raiz);
    await t.esperar("Título");
    t.escribir("Corto" + TECLA.enter);
    await t.esperar("el título debe tener al menos 10 caracteres");
    t.escribir(TECLA.borrar.repeat(5) + "Cajicá abre la escuela de música" + TECLA.enter);
    await t.esperar("Resumen");
    t.escribir("La Escuela Municipal de Música abre 400 cupos gratuitos para 2027." + TECLA.enter);
    await t.esperar("Dependencia");
    await t.esperar("Secretaría de Hacienda");
    t.escribir(TECLA.abajo + TECLA.abajo + TECLA.enter);
    await t.esperar("Autor");
    t.escribir(TECLA.enter); // the office, offered as the default
    await t.esperar("Fecha de publicación");
    t.escribir(TECLA.enter); // today in Bogotá
    await t.esperar("Etiquetas");
    t.escribir("Cultura, música" + TECLA.enter);
    await t.esperar("Redes");
    await t.esperar("Bluesky");
    t.escribir(TECLA.espacio + TECLA.enter);
    await t.esperar("Se escribirá content/notas/2026/11/cajica-abre-la-escuela-de-musica.mdx");
    await t.esperar("¿Crear la nota?");
    t.escribir(TECLA.enter);
    expect(await t.fin).toBe(0);

    const pantalla = t.pantalla();
    expect(pantalla.match(/Nota creada: /g)).toHaveLength(1);
    expect(pantalla).not.toMatch(/--titulo|la opción/);
    const carpeta = path.join(raiz, "content/notas/2026/11");
    expect(readdirSync(carpeta)).toEqual(["cajica-abre-la-escuela-de-musica.mdx"]);
    const texto = readFileSync(path.join(carpeta, "cajica-abre-la-escuela-de-musica.mdx"), "utf8");
    expect(texto).toContain("titulo: Cajicá abre la escuela de música\n");
    expect(texto).toContain("dependencia: secretaria-de-educacion\n");
    expect(texto).toContain("autor: Oficina de Prensa y Comunicaciones\n");
    expect(texto).toContain("publicar: 2026-11-20\n");
    expect(texto).toContain("etiquetas:\n  - cultura\n  - música\n");
    expect(texto).toContain("canales:\n  - facebook\n");
    const comprobacion = prensa(["comprobar"], { PRENSA_RAIZ: raiz, PRENSA_AHORA: "2026-11-21T00:00:00-05:00" });
    expect(comprobacion.error).toBe("");
    expect(comprobacion.codigo).toBe(0);
  }, 60_000);

  it("si la editora no confirma, no escribe nada", async () => {
    const { raiz } = copia();
    const t = terminal(raiz, ["--resumen", "La Escuela Municipal de Música abre 400 cupos gratuitos para 2027."]);
    await t.esperar("Título");
    t.escribir("Cajicá abre la escuela de música" + TECLA.enter);
    await t.esperar("Dependencia");
    await t.esperar("Secretaría de Hacienda");
    t.escribir(TECLA.enter);
    for (const pregunta of ["Autor", "Fecha de publicación", "Etiquetas"]) {
      await t.esperar(pregunta);
      t.escribir(TECLA.enter);
    }
    await t.esperar("Redes");
    await t.esperar("Bluesky");
    t.escribir(TECLA.enter);
    await t.esperar("¿Crear la nota?");
    t.escribir("n" + TECLA.enter);
    expect(await t.fin).toBe(1);
    expect(t.pantalla()).toContain("No se creó ninguna nota.");
    expect(t.pantalla()).not.toContain("Resumen");
    expect(existsSync(path.join(raiz, "content/notas"))).toBe(false);
  }, 60_000);
});
