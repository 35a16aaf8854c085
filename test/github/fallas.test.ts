import { rmSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { escribirRegistro, registroNuevo, type EntradaRed, type Registro } from "../../scripts/lib/ledger/index.ts";
import { ETIQUETA_FALLAS, fallasDe, MARCA_FALLAS, TITULO_FALLAS } from "../../scripts/lib/github/fallas.ts";
import { rutas } from "../../scripts/lib/content/paths.ts";
import { EmuladorGithub } from "./emulador.ts";
import { GITHUB_SIN_ESPERA, prensaAsincrona, prensaEnProceso } from "../ayudas/cli.ts";
import { raizCon, type RaizDePrueba } from "../ayudas/raiz.ts";

const FECHA = "2026-11-20T08:05:00-05:00";

function entrada(estado: EntradaRed["estado"], extra: Partial<EntradaRed> = {}): EntradaRed {
  return {
    estado,
    intentos: 1,
    programado: "2026-11-20T08:00:00-05:00",
    hashEnviado: "h",
    clave: "k",
    version: "original",
    correcciones: [],
    actualizado: FECHA,
    ...extra,
  };
}

function registro(id: string, titulo: string, redes: Registro["redes"]): Registro {
  return {
    ...registroNuevo({ notaId: id, archivo: `content/notas/${id}.mdx`, titulo, dependencia: "secretaria-de-salud" }),
    redes,
  };
}

describe("issue «Fallas de publicación»", () => {
  let emu: EmuladorGithub;
  let url: string;
  let temp: RaizDePrueba;
  const env = () => ({ ...GITHUB_SIN_ESPERA, PRENSA_RAIZ: temp.raiz, PRENSA_URL_GITHUB: url, GITHUB_TOKEN: emu.token });
  const conFallas = () => {
    escribirRegistro(
      temp.raiz,
      registro("2026/11/jornada-de-vacunacion", "Jornada de vacunación", {
        facebook: entrada("publicado", { url: "https://facebook.com/1" }),
        x: entrada("fallido", {
          intentos: 3,
          ultimoError: {
            mensaje: "X rechazó el texto: contenido duplicado | otra",
            tipo: "permanente",
            codigo: 403,
            fecha: FECHA,
          },
        }),
        mastodon: entrada("incierto", { ultimoError: { mensaje: "se perdió la respuesta", tipo: "incierto", fecha: FECHA } }),
      }),
    );
    escribirRegistro(
      temp.raiz,
      registro("2026/11/cierre-de-via", "Cierre de la vía a Zipaquirá", {
        telegram: entrada("fallido", { ultimoError: { mensaje: "HTTP 502", tipo: "transitorio", fecha: FECHA } }),
      }),
    );
  };

  beforeEach(async () => {
    emu = new EmuladorGithub();
    url = await emu.iniciar();
    temp = raizCon({ delRepositorio: [".github"] });
  });
  afterEach(async () => {
    await emu.cerrar();
    temp.borrar();
  });

  it("lista cada entrada fallida o incierta con qué hacer", () => {
    const fallas = fallasDe([
      registro("2026/11/a", "A", {
        x: entrada("publicado", {
          correcciones: [
            { version: "correccion-1", estado: "incierto", modo: "respuesta", fecha: FECHA, hash: "h", clave: "c", intentos: 1 },
          ],
        }),
      }),
    ]);
    expect(fallas).toHaveLength(1);
    expect(fallas[0]).toMatchObject({ red: "x", version: "correccion-1", estado: "incierto" });
    expect(fallas[0]!.queHacer).toContain("prensa publicar --resolver 2026/11/a x publicado URL");
  });

  it("abre el issue con las fallas, lo actualiza cuando cambian, no escribe si no cambian y lo cierra en verde", async () => {
    conFallas();
    const r = await prensaAsincrona(["fallas"], env());
    expect(r.error).toBe("");
    expect(r.codigo).toBe(0);
    expect(r.salida).toContain("abierto con 3 fallas");
    expect(emu.resumen()).toEqual(["GET /issues", "POST /issues"]);
    expect(emu.llamadas[0]!.consulta).toMatchObject({ labels: ETIQUETA_FALLAS, state: "all" });
    const issue = [...emu.issues.values()][0]!;
    expect(issue.title).toBe(TITULO_FALLAS);
    expect(issue.labels).toEqual([ETIQUETA_FALLAS]);
    expect(issue.body.startsWith(MARCA_FALLAS)).toBe(true);
    expect(issue.body).toContain("@alcaldia-cajica/jefatura-de-prensa");
    expect(issue.body).toContain("| Jornada de vacunación (`2026/11/jornada-de-vacunacion`) | X | original | fallido | 3 |");
    expect(issue.body).toContain("contenido duplicado \\| otra");
    expect(issue.body).toContain("prensa publicar --resolver 2026/11/jornada-de-vacunacion mastodon publicado URL");
    expect(issue.body).toContain("Error pasajero de Telegram");
    expect(issue.body).not.toContain("| Facebook |");

    emu.reiniciarLlamadas();
    expect((await prensaEnProceso("fallas", [], env())).salida).toContain("sin cambios");
    expect(emu.resumen()).toEqual(["GET /issues"]);

    // The Telegram failure is fixed: the issue is updated in place.
    rmSync(`${rutas(temp.raiz).publicaciones}/2026/11/cierre-de-via.json`);
    emu.reiniciarLlamadas();
    expect((await prensaEnProceso("fallas", [], env())).salida).toContain("actualizado: 2 fallas");
    expect(emu.resumen()).toEqual(["GET /issues", `PATCH /issues/${issue.number}`]);
    expect(issue.body).not.toContain("Telegram");

    // All green: a comment and the issue is closed.
    rmSync(rutas(temp.raiz).publicaciones, { recursive: true });
    emu.reiniciarLlamadas();
    expect((await prensaEnProceso("fallas", [], env())).salida).toContain("issue #");
    expect(emu.resumen()).toEqual(["GET /issues", `POST /issues/${issue.number}/comments`, `PATCH /issues/${issue.number}`]);
    expect(issue.state).toBe("closed");
    expect(issue.state_reason).toBe("completed");

    // Still green: nothing is written.
    emu.reiniciarLlamadas();
    await prensaEnProceso("fallas", [], env());
    expect(emu.resumen()).toEqual(["GET /issues"]);

    // A new failure reopens the same issue instead of opening another one.
    conFallas();
    emu.reiniciarLlamadas();
    expect((await prensaEnProceso("fallas", [], env())).salida).toContain("reabierto");
    expect(emu.resumen()).toEqual(["GET /issues", `PATCH /issues/${issue.number}`]);
    expect(emu.issues.size).toBe(1);
    expect(issue.state).toBe("open");
    expect(emu.inesperadas).toEqual([]);
    expect(emu.invalidas).toEqual([]);
  });

  it("--simular muestra la lista sin llamar a GitHub", async () => {
    conFallas();
    const r = await prensaEnProceso("fallas", ["--simular"], { PRENSA_RAIZ: temp.raiz });
    expect(r.codigo).toBe(0);
    expect(r.salida).toContain("3** entradas");
    expect(emu.llamadas).toEqual([]);
  });
});
