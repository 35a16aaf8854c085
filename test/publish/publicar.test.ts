import { describe, it, expect, beforeAll, afterAll } from "vitest";
import path from "node:path";
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { prensaAsincrona } from "../ayudas/cli.ts";
import { raizCon } from "../ayudas/raiz.ts";
import { Emulador } from "../ayudas/emulador-publicacion.ts";
import { escribirRegistro, leerRegistro } from "../../scripts/lib/ledger/index.ts";
import { formatoDemora } from "../../scripts/lib/publish/resumen.ts";

const FIXTURE = path.join(import.meta.dirname, "fixtures/una-redaccion-con-cuatro-notas");
const AHORA = "2026-11-21T09:00:00-05:00";
const emulador = new Emulador();
let n = 0;

function preparar() {
  const nombre = `p${n++}`;
  const { raiz, borrar } = raizCon({ prefijo: "prensa-publicar-", capas: [FIXTURE] });
  const esc = emulador.escenario(nombre);
  const env = {
    PRENSA_RAIZ: raiz,
    PRENSA_INTENTOS: "3",
    PRENSA_ESPERA_BASE_MS: "1",
    ...emulador.entorno(nombre),
  };
  return { raiz, borrar, esc, env };
}

/** Adds a correction to a note file of a temp root. */
function agregarCorreccion(raiz: string, id: string, descripcion: string) {
  const archivo = path.join(raiz, "content/notas", `${id}.mdx`);
  const texto = readFileSync(archivo, "utf8");
  writeFileSync(
    archivo,
    texto.replace(/\n---\n/, `\ncorrecciones:\n  - fecha: 2026-11-21T08:00:00-05:00\n    descripcion: ${descripcion}\n---\n`),
  );
}

describe("prensa publicar (punto de entrada real)", () => {
  beforeAll(() => emulador.iniciar());
  afterAll(() => emulador.detener());

  it("sin credenciales simula: escribe el buzón, lo muestra y no toca el registro", async () => {
    const { raiz, borrar } = raizCon({ prefijo: "prensa-publicar-", capas: [FIXTURE] });
    try {
      const r = await prensaAsincrona(["publicar", "--ahora", AHORA], { PRENSA_RAIZ: raiz });
      expect(r.error).toBe("");
      expect(r.codigo).toBe(0);
      expect(r.salida).toContain("7 simuladas");
      expect(r.salida).toContain("Texto alternativo:");
      const buzon = path.join(raiz, "salida/buzon/2026/11/cierre-de-via/x.original.json");
      const sim = JSON.parse(readFileSync(buzon, "utf8")) as {
        publicacion: { texto: string; imagen: { alt: string } };
        destino: { usuario: string };
      };
      expect(sim.publicacion.texto).toContain("https://prensa.cajica.gov.co/noticias/2026/11/cierre-de-via/");
      expect(sim.publicacion.imagen.alt.length).toBeGreaterThan(8);
      expect(sim.destino.usuario).toBe("@AlcaldiaCajica");
      expect(existsSync(path.join(raiz, "content/publicaciones"))).toBe(false);
      expect(existsSync(path.join(raiz, "salida/buzon/2026/11/borrador-vacunacion"))).toBe(false);
    } finally {
      borrar();
    }
  });

  it("con --simular no llama a ninguna red aunque haya credenciales", async () => {
    const { raiz, borrar, esc, env } = preparar();
    try {
      const r = await prensaAsincrona(["publicar", "--ahora", AHORA, "--simular"], env);
      expect(r.codigo).toBe(0);
      expect(esc.registro).toEqual([]);
      expect(existsSync(path.join(raiz, "content/publicaciones"))).toBe(false);
      expect(readdirSync(path.join(raiz, "salida/buzon/2026/11/festival-del-campesino")).sort()).toEqual([
        "bluesky.original.json",
        "facebook.original.json",
        "instagram.original.json",
        "telegram.original.json",
      ]);
    } finally {
      borrar();
    }
  });

  it("publica la urgente primero, deja el registro completo y una segunda corrida no hace nada", async () => {
    const { raiz, borrar, esc, env } = preparar();
    const resumen = path.join(mkdtempSync(path.join(tmpdir(), "resumen-")), "resumen.md");
    try {
      const antes = Date.now();
      const r = await prensaAsincrona(["publicar", "--ahora", AHORA], { ...env, GITHUB_STEP_SUMMARY: resumen });
      const despues = Date.now();
      expect(r.error).toBe("");
      expect(r.codigo).toBe(0);
      expect(esc.registro).toEqual([
        "POST /posts (facebook)",
        "POST /posts (x)",
        "POST /posts (mastodon)",
        "POST /posts (facebook)",
        "POST /posts (instagram)",
        "POST /posts (telegram)",
        "POST /posts (bluesky)",
      ]);
      expect(esc.posts[0]!.enlace).toBe("https://prensa.cajica.gov.co/noticias/2026/11/cierre-de-via/");
      const reg = leerRegistro(raiz, "2026/11/cierre-de-via")!;
      expect(reg).toMatchObject({
        notaId: "2026/11/cierre-de-via",
        archivo: "content/notas/2026/11/cierre-de-via.mdx",
        dependencia: "secretaria-de-movilidad",
      });
      expect(reg.hashNota).toMatch(/^[0-9a-f]{16}$/);
      const x = reg.redes.x!;
      expect(x).toMatchObject({ estado: "publicado", intentos: 1, programado: "2026-11-20T10:00:00-05:00", version: "original" });
      expect(x.idRemoto).toBe(esc.posts[1]!.id);
      expect(x.url).toBe(esc.posts[1]!.url);
      // Record instants come from the real clock; --ahora only decided what was due.
      expect(x.publicadoEn).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-05:00$/);
      const publicadoEn = Date.parse(x.publicadoEn!);
      expect(publicadoEn).toBeGreaterThanOrEqual(Math.floor(antes / 1000) * 1000);
      expect(publicadoEn).toBeLessThanOrEqual(despues);
      // publicadoEn is written to the second; the delay is rounded from the same instant.
      expect(Math.abs(x.demoraSegundos! - (publicadoEn - Date.parse("2026-11-20T10:00:00-05:00")) / 1000)).toBeLessThanOrEqual(1);
      expect(x.clave).toMatch(/^cvg-[0-9a-f]{24}$/);
      expect(x.hashEnviado).toMatch(/^[0-9a-f]{16}$/);
      expect(esc.posts[1]!.clave).toBe(x.clave);
      expect(r.salida).toMatch(/2026\/11\/cierre-de-via\s+X\s+publicado\s+https:\/\/x\.example\//);
      expect(r.salida).toContain(formatoDemora(x.demoraSegundos));
      expect(r.salida).toContain(
        "Para compartir «Cajicá celebra el Festival del Campesino este fin de semana» en grupos comunitarios",
      );
      expect(r.salida).toContain("https://wa.me/?text=");
      const md = readFileSync(resumen, "utf8");
      expect(md).toContain("| Nota | Red | Estado | URL o error | Demora |");
      expect(md).toContain("- [ ] Jóvenes de Cajicá (Telegram): https://t.me/share/url?url=");

      const otra = await prensaAsincrona(["publicar", "--ahora", AHORA], env);
      expect(otra.codigo).toBe(0);
      expect(otra.salida).toContain("No había nada pendiente de publicar.");
      expect(esc.registro).toHaveLength(7);
    } finally {
      borrar();
      rmSync(path.dirname(resumen), { recursive: true, force: true });
    }
  });

  it("con --ahora antes de la hora de la urgente solo sale la nota ya programada", async () => {
    const { raiz, borrar, esc, env } = preparar();
    try {
      const r = await prensaAsincrona(["publicar", "--ahora", "2026-11-20T09:30:00-05:00"], env);
      expect(r.codigo).toBe(0);
      expect(new Set(esc.posts.map((p) => p.enlace))).toEqual(
        new Set(["https://prensa.cajica.gov.co/noticias/2026/11/festival-del-campesino/"]),
      );
      expect(leerRegistro(raiz, "2026/11/cierre-de-via")).toBeUndefined();
    } finally {
      borrar();
    }
  });

  it("aplica cada corrección una sola vez: edita donde se puede y responde donde no", async () => {
    const { raiz, borrar, esc, env } = preparar();
    try {
      expect((await prensaAsincrona(["publicar", "--ahora", AHORA], env)).codigo).toBe(0);
      agregarCorreccion(raiz, "2026/11/festival-del-campesino", "El desfile empieza a las 10 a. m., no a las 9 a. m.");
      const r = await prensaAsincrona(["publicar", "--ahora", AHORA], env);
      expect(r.codigo).toBe(0);
      expect(esc.correcciones).toHaveLength(4);
      const bluesky = esc.correcciones.find((c) => c.texto.startsWith("Fe de erratas: El desfile"));
      expect(bluesky).toBeDefined();
      const reg = leerRegistro(raiz, "2026/11/festival-del-campesino")!;
      expect(reg.redes.facebook!.version).toBe("correccion-1");
      expect(reg.redes.facebook!.correcciones).toMatchObject([{ version: "correccion-1", estado: "publicado", modo: "edicion" }]);
      expect(reg.redes.bluesky!.correcciones).toMatchObject([
        { version: "correccion-1", estado: "publicado", modo: "respuesta" },
      ]);
      expect(r.salida).toContain("corrección publicada");
      await prensaAsincrona(["publicar", "--ahora", AHORA], env);
      expect(esc.correcciones).toHaveLength(4);
    } finally {
      borrar();
    }
  });

  it("un error permanente queda fallido, no se reintenta y sí se reintenta al cambiar la credencial", async () => {
    const { raiz, borrar, esc, env } = preparar();
    try {
      esc.rechazar.add("x");
      const r = await prensaAsincrona(["publicar", "--ahora", AHORA], { ...env, X_API_KEY: "clave-de-prueba-1" });
      expect(r.codigo).toBe(1);
      expect(r.salida).toMatch(/X\s+fallido\s+rechazado \(400\)/);
      expect(leerRegistro(raiz, "2026/11/cierre-de-via")!.redes.x).toMatchObject({
        estado: "fallido",
        intentos: 1,
        ultimoError: { tipo: "permanente" },
      });
      expect(esc.posts).toHaveLength(6);
      const antes = esc.registro.length;
      const segunda = await prensaAsincrona(["publicar", "--ahora", AHORA], { ...env, X_API_KEY: "clave-de-prueba-1" });
      expect(esc.registro).toHaveLength(antes);
      expect(segunda.codigo).toBe(1);
      expect(segunda.salida).toContain(
        "2026/11/cierre-de-via en X (fallido): rechazado (400) (no se reintenta hasta que cambie el texto o las credenciales)",
      );
      esc.rechazar.clear();
      const nueva = await prensaAsincrona(["publicar", "--ahora", AHORA], { ...env, X_API_KEY: "clave-de-prueba-2" });
      expect(nueva.codigo).toBe(0);
      expect(leerRegistro(raiz, "2026/11/cierre-de-via")!.redes.x).toMatchObject({ estado: "publicado", intentos: 2 });
      expect(nueva.salida + nueva.error).not.toContain("clave-de-prueba");
    } finally {
      borrar();
    }
  });

  it("reintenta los fallos transitorios dentro de la corrida y publica una sola vez", async () => {
    const { raiz, borrar, esc, env } = preparar();
    try {
      esc.fallos = { prob: 0.5, incompleto: 0 };
      const r = await prensaAsincrona(["publicar", "--ahora", AHORA, "--canal", "mastodon"], { ...env, PRENSA_INTENTOS: "12" });
      expect(r.codigo).toBe(0);
      expect(esc.posts).toHaveLength(1);
      expect(leerRegistro(raiz, "2026/11/cierre-de-via")!.redes.mastodon!.estado).toBe("publicado");
    } finally {
      borrar();
    }
  });

  it("--resolver marca como publicada una entrada incierta o la devuelve para reintentar", async () => {
    const { raiz, borrar, esc, env } = preparar();
    try {
      await prensaAsincrona(["publicar", "--ahora", AHORA, "--canal", "x"], env);
      const reg = leerRegistro(raiz, "2026/11/cierre-de-via")!;
      Object.assign(reg.redes.x!, {
        estado: "incierto",
        ultimoError: { tipo: "incierto", mensaje: "no se pudo decidir", fecha: AHORA },
      });
      escribirRegistro(raiz, reg);
      const aviso = await prensaAsincrona(["publicar", "--ahora", AHORA, "--canal", "x"], env);
      expect(aviso.codigo).toBe(1);
      expect(aviso.salida).toContain("prensa publicar --resolver 2026/11/cierre-de-via x publicado <URL>");

      const r = await prensaAsincrona(
        ["publicar", "--resolver", "cierre-de-via", "x", "publicado", "https://x.com/AlcaldiaCajica/status/1234567"],
        {
          ...env,
          GITHUB_ACTOR: "editora",
        },
      );
      expect(r.codigo).toBe(0);
      expect(r.salida).toContain("quedó como publicada");
      expect(leerRegistro(raiz, "2026/11/cierre-de-via")!.redes.x).toMatchObject({
        estado: "publicado",
        idRemoto: "1234567",
        url: "https://x.com/AlcaldiaCajica/status/1234567",
        resolucion: { accion: "publicado", por: "editora", estadoPrevio: "incierto" },
      });

      const reg2 = leerRegistro(raiz, "2026/11/cierre-de-via")!;
      reg2.redes.x!.estado = "incierto";
      escribirRegistro(raiz, reg2);
      expect((await prensaAsincrona(["publicar", "--resolver", "2026/11/cierre-de-via", "x", "reintentar"], env)).codigo).toBe(0);
      const antes = esc.posts.length;
      const otra = await prensaAsincrona(["publicar", "--ahora", AHORA, "--canal", "x"], env);
      expect(otra.codigo).toBe(0);
      expect(esc.posts.length).toBe(antes + 1);

      const mal = await prensaAsincrona(["publicar", "--resolver", "cierre-de-via", "x", "borrar"], env);
      expect(mal.codigo).toBe(2);
      expect(mal.error).toContain("la decisión «borrar» no existe");
    } finally {
      borrar();
    }
  });

  it("rechaza una red desconocida en --canal con un mensaje en español", async () => {
    const { raiz, borrar } = raizCon({ prefijo: "prensa-publicar-", capas: [FIXTURE] });
    try {
      const r = await prensaAsincrona(["publicar", "--canal", "myspace"], { PRENSA_RAIZ: raiz });
      expect(r.codigo).toBe(2);
      expect(r.error).toContain("«myspace» no es una red");
    } finally {
      borrar();
    }
  });
});
