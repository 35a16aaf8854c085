import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { cargarInstitucion } from "../../scripts/lib/content/institucion.ts";
import { agregadoInquietudesSchema } from "../../scripts/lib/content/schema/inquietudes.ts";
import type { MensajeEntrante } from "../../scripts/lib/networks/tipos.ts";
import { AlmacenLocal } from "../../scripts/lib/inbox/almacen-local.ts";
import { etiquetasBandeja } from "../../scripts/lib/inbox/almacen-github.ts";
import { archivarEnAlmacen, crearContexto } from "../../scripts/lib/inbox/conversacion.ts";
import { idConversacion } from "../../scripts/lib/inbox/tipos.ts";
import { EmuladorGithub } from "../github/emulador.ts";
import { prensa, prensaAsincrona, prensaEnProceso } from "../ayudas/cli.ts";
import { RAIZ, raizCon, type RaizDePrueba } from "../ayudas/raiz.ts";
import { MUESTRAS } from "../../scripts/muestras/inquietudes.ts";

const AHORA = "2026-12-02T10:00:00-05:00";
const b = (s: string) => new Date(`${s}-05:00`);

/** Everything a person wrote in the scenario: none of it may appear in any command's output. */
const PERSONALES = [
  "dona_rosa_prueba",
  "Rosa Prueba",
  "vecino_prueba",
  "Vecino Prueba",
  "biblioteca",
  "hueco",
  "acueducto",
  "escuela",
];

function m(
  red: MensajeEntrante["red"],
  id: string,
  hilo: string,
  texto: string,
  recibido: string,
  extra: Partial<MensajeEntrante> = {},
): MensajeEntrante {
  return {
    red,
    idExterno: id,
    hilo,
    canal: "comentario",
    autor: { id: "cuenta-rosa", usuario: "dona_rosa_prueba", nombre: "Rosa Prueba" },
    texto,
    recibido: b(recibido),
    propio: false,
    ...extra,
  };
}

const vecino = { autor: { id: "cuenta-vecino", usuario: "vecino_prueba", nombre: "Vecino Prueba" } };

/** Five conversations on Wednesday 2 December 2026 at 10:00 in Bogotá. */
const ESCENARIO: MensajeEntrante[] = [
  // Question of Monday: due Tuesday 17:00, overdue now.
  m("facebook", "fb-1", "post-1", "¿A qué hora abre la biblioteca?", "2026-11-30T09:00:00"),
  // Complaint of Tuesday afternoon: two business days, due Thursday.
  m("instagram", "ig-1", "media-1", "Qué mal servicio, no han arreglado el hueco", "2026-12-01T16:00:00", vecino),
  // Question of Tuesday morning: due today 17:00.
  m("telegram", "tg-1", "chat-1", "¿Dónde queda la escuela de música?", "2026-12-01T11:00:00", { ...vecino, canal: "privado" }),
  m("instagram", "ig-2", "media-2", "gana dinero con criptomonedas", "2026-12-01T12:00:00", vecino),
  // Answered natively two hours later.
  m("mastodon", "md-1", "st-1", "¿Cuándo hay acueducto en la vereda?", "2026-11-30T09:00:00"),
  m("mastodon", "md-2", "st-1", "Mañana desde las 8.", "2026-11-30T11:00:00", {
    autor: { id: "alcaldia", usuario: "alcaldia" },
    propio: true,
  }),
];

let t: RaizDePrueba;
const env = () => ({ PRENSA_RAIZ: t.raiz, PRENSA_AHORA: AHORA });

async function sembrar(raiz: string): Promise<void> {
  const ctx = crearContexto(cargarInstitucion(raiz), () => b("2026-12-02T09:00:00"));
  const almacen = new AlmacenLocal(raiz);
  for (const x of ESCENARIO)
    await archivarEnAlmacen(almacen, ctx, x, x.red === "telegram" ? { ventanaCierra: b("2026-12-02T11:00:00") } : {});
}

const sinDatosPersonales = (texto: string) => {
  for (const p of PERSONALES) expect(texto, p).not.toContain(p);
};

beforeAll(async () => {
  t = raizCon({ prefijo: "convergente-inquietudes-" });
  await sembrar(t.raiz);
});
afterAll(() => t.borrar());

describe("prensa inquietudes lista las conversaciones en una tabla en español", () => {
  it("muestra red, tipo, recibida, vence y estado de cada una, sin usuarios ni textos", async () => {
    const r = await prensaEnProceso("inquietudes", [], env());
    expect(r.codigo).toBe(0);
    expect(r.salida).toContain("5 conversaciones en la carpeta local .inquietudes/");
    expect(r.salida).toMatch(/Facebook\s+Pregunta\s+30\/11\/2026, 09:00\s+01\/12\/2026, 17:00\s+Pendiente, VENCIDA/);
    expect(r.salida).toMatch(
      /Telegram\s+Pregunta\s+01\/12\/2026, 11:00\s+02\/12\/2026, 17:00\s+Pendiente, vence hoy; ventana de Telegram hasta 02\/12\/2026, 11:00/,
    );
    expect(r.salida).toMatch(/Instagram\s+Queja ⚖\s+01\/12\/2026, 16:00\s+03\/12\/2026, 17:00\s+Pendiente, vence en 31 h/);
    expect(r.salida).toMatch(/Instagram\s+Spam .*Cerrada/);
    expect(r.salida).toMatch(/Mastodon\s+Pregunta .*Respondida/);
    sinDatosPersonales(r.salida + r.error);
  });

  it("filtra por estado y por red, y rechaza un filtro que no existe", async () => {
    const r = await prensaEnProceso("inquietudes", ["listar", "--estado", "pendiente", "--red", "instagram"], env());
    expect(r.salida).toContain("1 conversación en");
    const malo = await prensaEnProceso("inquietudes", ["--estado", "abierta"], env());
    expect(malo.codigo).toBe(2);
    expect(malo.error).toContain("--estado debe ser uno de: pendiente, respondida, trasladada, cerrada");
  });

  it("un subcomando desconocido es un error de uso", async () => {
    const r = await prensaEnProceso("inquietudes", ["revisar"], env());
    expect(r.codigo).toBe(2);
    expect(r.error).toContain("subcomando desconocido: «revisar»");
  });
});

describe("prensa inquietudes pendientes es el punto de control: ninguna sin respuesta", () => {
  it("lista lo vencido y lo que vence hoy, termina con código 1 y deja solo cifras en el resumen del trabajo", async () => {
    const resumen = path.join(t.raiz, "resumen.md");
    writeFileSync(resumen, "");
    const r = await prensaEnProceso("inquietudes", ["pendientes"], { ...env(), GITHUB_STEP_SUMMARY: resumen });
    expect(r.codigo).toBe(1);
    const filas = r.salida.split("\n").filter((l) => /-[0-9a-f]{16}\s/.test(l));
    expect(filas).toHaveLength(2);
    expect(filas[0]).toMatch(/^facebook-\S+\s+Facebook\s+Pregunta .*VENCIDA \(vencida hace 17 h\)\s+responder$/);
    expect(filas[1]).toMatch(/^telegram-\S+\s+Telegram\s+Pregunta .*vence hoy\s+responder$/);
    expect(r.salida).toContain("1 vencidas y 1 que vencen hoy.");
    expect(readFileSync(resumen, "utf8")).toBe(
      "### Inquietudes\n\n1 vencidas y 1 que vencen hoy (solo cifras: los datos están en el repositorio privado).\n\n",
    );
    sinDatosPersonales(r.salida + r.error);
  });

  it("termina con código 0 cuando nada está vencido", async () => {
    const r = await prensaEnProceso("inquietudes", ["pendientes"], { ...env(), PRENSA_AHORA: "2026-12-01T12:00:00-05:00" });
    expect(r.codigo).toBe(0);
    expect(r.salida).toContain("0 vencidas y 1 que vencen hoy.");
  });
});

describe("prensa inquietudes agregados escribe solo cifras en el repositorio público", () => {
  it("cuenta por día, red y tipo, respuestas a tiempo y la mediana en horas hábiles", async () => {
    const r = await prensaEnProceso("inquietudes", ["agregados", "2026-11"], env());
    expect(r.codigo).toBe(0);
    const archivo = path.join(t.raiz, "content/reportes/datos/2026/11/inquietudes.json");
    const texto = readFileSync(archivo, "utf8");
    const a = agregadoInquietudesSchema.parse(JSON.parse(texto));
    expect(a).toMatchObject({
      mes: "2026-11",
      recibidas: 2,
      porDia: { "2026-11-30": 2 },
      porRed: { facebook: 1, mastodon: 1 },
      porTipo: { pregunta: 2 },
      requierenRespuesta: 2,
      respondidas: 1,
      respondidasATiempo: 1,
      medianaPrimeraRespuestaHorasHabiles: 2,
      vencidasAlCierre: 0,
    });
    const dic = await prensaEnProceso("inquietudes", ["agregados", "2026-12"], env());
    expect(dic.salida).toContain("3 recibidas, 0 respondidas (0 a tiempo), 0 vencidas al cierre");
    sinDatosPersonales(texto + r.salida);
  });

  it("pide el mes en la forma AAAA-MM", async () => {
    const r = await prensaEnProceso("inquietudes", ["agregados", "noviembre"], env());
    expect(r.codigo).toBe(2);
    expect(r.error).toContain("AAAA-MM");
  });
});

describe("la retención y el habeas data quitan los datos personales y dejan registros anónimos", () => {
  it("suprimir --autor quita los datos de esa persona y dice qué quitó", async () => {
    const u = raizCon({ prefijo: "convergente-suprimir-" });
    try {
      await sembrar(u.raiz);
      const simulado = await prensaEnProceso("inquietudes", ["suprimir", "--autor", "@Vecino_Prueba", "--simular"], {
        PRENSA_RAIZ: u.raiz,
      });
      expect(simulado.salida).toContain("Se suprimirían los datos de la persona indicada en 3 conversaciones");
      const r = await prensaEnProceso("inquietudes", ["suprimir", "--autor", "@Vecino_Prueba"], { PRENSA_RAIZ: u.raiz });
      expect(r.codigo).toBe(0);
      expect(r.salida).toContain(
        "Se suprimieron los datos de la persona indicada en 3 conversaciones (Instagram: 2, Telegram: 1):",
      );
      expect(r.salida).toContain("- 3 mensajes: usuario, nombre, id de la cuenta, texto y enlace.");
      const carpeta = path.join(u.raiz, ".inquietudes/conversaciones");
      const todo = readdirSync(carpeta)
        .map((f) => readFileSync(path.join(carpeta, f), "utf8"))
        .join("\n");
      for (const p of ["vecino_prueba", "Vecino Prueba", "cuenta-vecino", "hueco", "escuela", "criptomonedas"])
        expect(todo).not.toContain(p);
      expect(todo).toContain("dona_rosa_prueba");
      const lista = await prensaEnProceso("inquietudes", [], { PRENSA_RAIZ: u.raiz, PRENSA_AHORA: AHORA });
      expect(lista.salida).toContain("5 conversaciones");
      expect(lista.salida).toMatch(/Telegram .*\(anonimizada\)/);
      const otra = await prensaEnProceso("inquietudes", ["suprimir", "--autor", "nadie_asi"], { PRENSA_RAIZ: u.raiz });
      expect(otra.salida).toContain("No hay ninguna conversación con datos de esa persona");
    } finally {
      u.borrar();
    }
  });

  it("depurar anonimiza solo lo cerrado hace más de inquietudes.retencionMeses", async () => {
    const u = raizCon({ prefijo: "convergente-depurar-", config: { inquietudes: { retencionMeses: 12 } } });
    try {
      await sembrar(u.raiz);
      const antes = await prensaEnProceso("inquietudes", ["depurar"], {
        PRENSA_RAIZ: u.raiz,
        PRENSA_AHORA: "2027-11-29T10:00:00-05:00",
      });
      expect(antes.salida).toContain("Nada que depurar");
      const r = await prensaEnProceso("inquietudes", ["depurar"], {
        PRENSA_RAIZ: u.raiz,
        PRENSA_AHORA: "2027-12-03T10:00:00-05:00",
      });
      expect(r.salida).toContain("Se anonimizaron 2 conversaciones cerradas hace 12 meses o más (3 mensajes");
      const carpeta = path.join(u.raiz, ".inquietudes/conversaciones");
      const todo = readdirSync(carpeta)
        .map((f) => readFileSync(path.join(carpeta, f), "utf8"))
        .join("\n");
      expect(todo).not.toContain("acueducto");
      expect(todo).not.toContain("criptomonedas");
      expect(todo).toContain("biblioteca"); // still pending: never purged
    } finally {
      u.borrar();
    }
  });
});

describe("el equipo anota radicación, prórroga, traslado, tipo y cierre", () => {
  it("cada cambio queda en la conversación y respeta los términos de la Ley 1755", async () => {
    const u = raizCon({ prefijo: "convergente-tramite-" });
    try {
      await sembrar(u.raiz);
      const e = { PRENSA_RAIZ: u.raiz, PRENSA_AHORA: AHORA };
      const telegram = idConversacion("telegram", "chat-1");
      const queja = idConversacion("instagram", "media-1");
      const tipo = await prensaEnProceso("inquietudes", ["tipo", telegram, "peticion", "--subtipo", "documentos"], e);
      expect(tipo.salida).toBe(`${telegram}: ahora es Petición (solicitud de documentos o información, por radicar).\n`);
      const radicar = await prensaEnProceso("inquietudes", ["radicar", telegram, "--numero", "2026-PQR-00123"], e);
      expect(radicar.salida).toBe(`${telegram}: radicada en el sistema PQRSD. El término legal sigue hasta 16/12/2026, 17:00.\n`);
      const festivo = await prensaEnProceso(
        "inquietudes",
        ["prorrogar", queja, "--hasta", "2026-12-25", "--aviso", "Falta un concepto de Obras."],
        e,
      );
      expect(festivo.error).toContain("2026-12-25 no es día hábil (festivo: Navidad)");
      const larga = await prensaEnProceso(
        "inquietudes",
        ["prorrogar", queja, "--hasta", "2027-03-01", "--aviso", "Falta un concepto de Obras."],
        e,
      );
      expect(larga.error).toContain("no puede exceder el doble del término inicial (15 días hábiles)");
      const p = await prensaEnProceso(
        "inquietudes",
        ["prorrogar", queja, "--hasta", "2027-01-15", "--aviso", "Falta un concepto de Obras; respondemos el 15 de enero."],
        e,
      );
      expect(p.salida).toBe(`${queja}: prórroga anotada con su aviso; el término vence ahora 15/01/2027, 16:00.\n`);
      const fb = idConversacion("facebook", "post-1");
      const t = await prensaEnProceso("inquietudes", ["trasladar", fb, "--entidad", "Gobernación de Cundinamarca"], e);
      expect(t.salida).toContain(`${fb}: trasladada. Dentro del término del art. 21 (hasta 07/12/2026, 17:00).`);
      const c = await prensaEnProceso("inquietudes", ["cerrar", fb], e);
      expect(c.error).toContain("ya está trasladada");
      const almacen = new AlmacenLocal(u.raiz);
      expect((await almacen.obtener(telegram))?.peticion).toMatchObject({
        subtipo: "documentos",
        porRadicar: false,
        radicado: "2026-PQR-00123",
      });
      expect((await almacen.obtener(queja))?.prorrogas.map((x) => x.aviso)).toEqual([
        "Falta un concepto de Obras; respondemos el 15 de enero.",
      ]);
      const lista = await prensaEnProceso("inquietudes", [], e);
      expect(lista.salida).toMatch(/Facebook .*Trasladada/);
      sinDatosPersonales(lista.salida + tipo.salida + radicar.salida + p.salida + t.salida);
    } finally {
      u.borrar();
    }
  });
});

describe("el aviso diario y la configuración del repositorio privado", () => {
  let emu: EmuladorGithub;
  let url: string;
  beforeAll(async () => {
    emu = new EmuladorGithub({ repo: "inquietudes", privado: true });
    url = await emu.iniciar();
  });
  afterAll(async () => {
    await emu.cerrar();
  });
  const envGh = (extra: Record<string, string> = {}) => ({
    PRENSA_RAIZ: t.raiz,
    PRENSA_AHORA: AHORA,
    PRENSA_URL_GITHUB: url,
    PRENSA_INQUIETUDES_TOKEN: emu.token,
    ...extra,
  });

  it("abre el issue «Inquietudes por vencer y vencidas», no lo reescribe si nada cambió y lo cierra al quedar al día", async () => {
    const r = await prensaAsincrona(["inquietudes", "aviso"], envGh());
    expect(r.error).toBe("");
    expect(r.salida).toMatch(/^Issue #\d+ «Inquietudes por vencer y vencidas» abierto: 2 por atender\.\n$/);
    const issue = [...emu.issues.values()].find((i) => i.title === "Inquietudes por vencer y vencidas")!;
    expect(issue.labels).toEqual(["inquietudes-por-vencer"]);
    expect(issue.body).toMatch(
      /\| `facebook-[0-9a-f]{16}` \| Facebook \| Pregunta \| 30\/11\/2026, 09:00 \| 01\/12\/2026, 17:00 \| \*\*vencida\*\* \| responder \|/,
    );
    sinDatosPersonales(issue.body);
    emu.reiniciarLlamadas();
    const otra = await prensaAsincrona(["inquietudes", "aviso"], envGh());
    expect(otra.salida).toContain("ya está al día (2 por atender)");
    expect(emu.resumen()).toEqual(["GET ", "GET /issues"]);
    const luego = await prensaAsincrona(["inquietudes", "aviso"], envGh({ PRENSA_AHORA: "2026-11-30T07:30:00-05:00" }));
    expect(luego.salida).toBe(`Al día: issue #${issue.number} cerrado.\n`);
    expect(issue.state).toBe("closed");
    expect(emu.inesperadas).toEqual([]);
    expect(emu.invalidas).toEqual([]);
  });

  it("configurar crea las etiquetas que le faltan al repositorio privado, una sola vez", async () => {
    // The repository already has every label but two (octokit spaces writes one second apart).
    for (const l of etiquetasBandeja()) if (l.name !== "red:facebook" && l.name !== "plazo:vencida") emu.etiquetas.set(l.name, l);
    const r = await prensaAsincrona(["inquietudes", "configurar"], envGh());
    expect(r.salida).toMatch(/^alcaldia-cajica\/inquietudes es privado\. Etiquetas: 3 creadas, \d+ ya estaban\.\n$/);
    expect(emu.etiquetas.has("red:facebook")).toBe(true);
    expect(emu.etiquetas.has("plazo:vencida")).toBe(true);
    const otra = await prensaAsincrona(["inquietudes", "configurar"], envGh());
    expect(otra.salida).toMatch(/Etiquetas: 0 creadas, \d+ ya estaban/);
  });

  it("se niega a usar un repositorio público, con un mensaje que dice qué hacer", async () => {
    emu.privado = false;
    try {
      for (const sub of ["aviso", "configurar"]) {
        const r = await prensaAsincrona(["inquietudes", sub], envGh());
        expect(r.codigo).not.toBe(0);
        expect(r.error).toContain("El repositorio alcaldia-cajica/inquietudes es público");
        expect(r.error).toContain("inquietudes.repositorio");
        expect(r.error).not.toMatch(/at .*\.ts:\d+/);
      }
      const listar = await prensaAsincrona(["inquietudes", "--almacen", "github"], envGh());
      expect(listar.error).toContain("es público");
    } finally {
      emu.privado = true;
    }
  });
});

describe("la carpeta local de la bandeja", () => {
  it("se niega a trabajar en un repositorio de git que no la ignora", async () => {
    const u = raizCon({ prefijo: "convergente-sin-ignorar-", config: { inquietudes: { carpeta: ".bandeja" } } });
    try {
      execFileSync("git", ["init", "-q"], { cwd: u.raiz });
      writeFileSync(path.join(u.raiz, ".gitignore"), ".inquietudes/\n");
      const r = await prensaEnProceso("inquietudes", [], { PRENSA_RAIZ: u.raiz });
      expect(r.codigo).not.toBe(0);
      expect(r.error).toContain("La carpeta .bandeja/ de la bandeja no está en .gitignore");
      writeFileSync(path.join(u.raiz, ".gitignore"), ".bandeja/\n");
      expect((await prensaEnProceso("inquietudes", [], { PRENSA_RAIZ: u.raiz })).codigo).toBe(0);
    } finally {
      u.borrar();
    }
  });
});

describe("en una máquina nueva, sin ninguna cuenta", () => {
  it("los mensajes ficticios de muestra llenan la bandeja local y prensa inquietudes los muestra", () => {
    const u = raizCon({ prefijo: "convergente-muestras-" });
    try {
      const vacia = prensa(["inquietudes"], { PRENSA_RAIZ: u.raiz });
      expect(vacia.codigo).toBe(0);
      expect(vacia.salida).toContain("node scripts/muestras/inquietudes.ts");
      const sembrar = () =>
        execFileSync(process.execPath, [path.join(RAIZ, "scripts/muestras/inquietudes.ts"), "--raiz", u.raiz], {
          encoding: "utf8",
        });
      expect(sembrar()).toContain(`Se archivaron ${MUESTRAS.length} mensajes de muestra (ficticios)`);
      expect(sembrar()).toContain("ya estaban");
      const r = prensa(["inquietudes"], { PRENSA_RAIZ: u.raiz });
      expect(r.codigo).toBe(0);
      const hilos = new Set(MUESTRAS.map((x) => `${x.red}/${x.hilo}`));
      expect(r.salida).toContain(`${hilos.size} conversaciones en la carpeta local .inquietudes/`);
      for (const x of MUESTRAS) expect(r.salida).not.toContain(x.autor.usuario);
      expect(existsSync(path.join(u.raiz, ".inquietudes/LEAME.txt"))).toBe(true);
    } finally {
      u.borrar();
    }
  });
});
