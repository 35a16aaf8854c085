import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { cargarInstitucion } from "../../scripts/lib/content/institucion.ts";
import type { MensajeEntrante } from "../../scripts/lib/networks/tipos.ts";
import { AlmacenLocal } from "../../scripts/lib/inbox/almacen-local.ts";
import { AlmacenGithub, ETIQUETA_INQUIETUD } from "../../scripts/lib/inbox/almacen-github.ts";
import { anonimizar, archivarEnAlmacen, crearContexto } from "../../scripts/lib/inbox/conversacion.ts";
import { idConversacion, type AlmacenInquietudes } from "../../scripts/lib/inbox/tipos.ts";
import { Octokit } from "octokit";
import type { ClienteGithub } from "../../scripts/lib/github/cliente.ts";
import { EmuladorGithub } from "../github/emulador.ts";
import { raizCon, type RaizDePrueba } from "../ayudas/raiz.ts";

const reloj = () => new Date("2026-12-02T15:00:00Z");
const ctx = crearContexto(cargarInstitucion(), reloj);

const mensaje = (idExterno: string, texto: string, extra: Partial<MensajeEntrante> = {}): MensajeEntrante => ({
  red: "facebook",
  idExterno,
  hilo: "post-1",
  canal: "comentario",
  autor: { id: "persona-77", usuario: "dona_rosa_prueba", nombre: "Rosa Prueba" },
  texto,
  enlace: `https://www.facebook.com/p/1?comment_id=${idExterno}`,
  recibido: new Date("2026-12-02T14:00:00Z"),
  propio: false,
  ...extra,
});

interface Caso {
  nombre: string;
  crear: () => Promise<{ almacen: AlmacenInquietudes; todoElTexto: () => string; cerrar: () => Promise<void> }>;
}

/**
 * An octokit client for the emulator without the throttling plugin's one-second gap between writes
 * (https://github.com/octokit/plugin-throttling.js), so these tests take milliseconds.
 */
function cliente(url: string, token: string): ClienteGithub {
  return new Octokit({ auth: token, baseUrl: url, throttle: { enabled: false }, retry: { enabled: false } });
}

const temporales: RaizDePrueba[] = [];
afterAll(() => temporales.forEach((t) => t.borrar()));

const CASOS: Caso[] = [
  {
    nombre: "la carpeta local",
    crear: () => {
      const t = raizCon({ prefijo: "convergente-almacen-" });
      temporales.push(t);
      const carpeta = path.join(t.raiz, ".inquietudes");
      const todo = () =>
        readdirSync(carpeta, { recursive: true, withFileTypes: true })
          .filter((d) => d.isFile())
          .map((d) => readFileSync(path.join(d.parentPath, d.name), "utf8"))
          .join("\n");
      return Promise.resolve({ almacen: new AlmacenLocal(t.raiz), todoElTexto: todo, cerrar: () => Promise.resolve() });
    },
  },
  {
    nombre: "los issues de un repositorio privado de GitHub",
    crear: async () => {
      const emu = new EmuladorGithub({ repo: "inquietudes", privado: true });
      const url = await emu.iniciar();
      const gh = cliente(url, emu.token);
      const almacen = new AlmacenGithub(gh, { owner: emu.owner, repo: emu.repo }, { ahora: reloj });
      const todo = () =>
        [...[...emu.issues.values()].flatMap((i) => [i.title, i.body]), ...emu.comentarios.map((c) => c.body)].join("\n") +
        // the hidden markers are base64: decode them too
        [...[...emu.issues.values()].map((i) => i.body), ...emu.comentarios.map((c) => c.body)]
          .flatMap((b) =>
            [...b.matchAll(/<!-- \S+ ([A-Za-z0-9_-]+) -->/g)].map((m) => Buffer.from(m[1]!, "base64url").toString("utf8")),
          )
          .join("\n");
      return {
        almacen,
        todoElTexto: todo,
        cerrar: async () => {
          expect(emu.inesperadas).toEqual([]);
          expect(emu.invalidas).toEqual([]);
          await emu.cerrar();
        },
      };
    },
  },
];

for (const caso of CASOS) {
  describe(`el almacén de inquietudes en ${caso.nombre}`, () => {
    let a: Awaited<ReturnType<Caso["crear"]>>;
    beforeEach(async () => {
      a = await caso.crear();
    });
    afterEach(async () => {
      await a.cerrar();
    });

    it("guarda y devuelve la conversación entera, y la encuentra por el id de cada mensaje", async () => {
      expect(await archivarEnAlmacen(a.almacen, ctx, mensaje("c1", "¿A qué hora abre la biblioteca?"))).toBe("nuevo");
      expect(await archivarEnAlmacen(a.almacen, ctx, mensaje("c2", "Y los sábados?"))).toBe("nuevo");
      const c = await a.almacen.obtener(idConversacion("facebook", "post-1"));
      expect(c?.entradas.map((e) => [e.idExterno, e.texto, e.autor?.usuario])).toEqual([
        ["c1", "¿A qué hora abre la biblioteca?", "dona_rosa_prueba"],
        ["c2", "Y los sábados?", "dona_rosa_prueba"],
      ]);
      expect(c?.tipo).toBe("pregunta");
      expect(c?.estado).toBe("pendiente");
      expect((await a.almacen.buscarPorMensaje("facebook", "c2"))?.id).toBe(c?.id);
      expect(await a.almacen.buscarPorMensaje("instagram", "c2")).toBeUndefined();
    });

    it("un mensaje ya archivado no se archiva dos veces, aunque se lea de nuevo", async () => {
      const m = mensaje("c1", "¿A qué hora abre la biblioteca?");
      await archivarEnAlmacen(a.almacen, ctx, m);
      expect(await archivarEnAlmacen(a.almacen, ctx, m)).toBe("repetido");
      expect((await a.almacen.listar()).flatMap((c) => c.entradas)).toHaveLength(1);
    });

    it("guarda el cursor de cada red por separado", async () => {
      expect(await a.almacen.cursor("x")).toBeUndefined();
      await a.almacen.guardarCursor("x", "1700");
      await a.almacen.guardarCursor("mastodon", "abc");
      await a.almacen.guardarCursor("x", "1800");
      expect(await a.almacen.cursor("x")).toBe("1800");
      expect(await a.almacen.cursor("mastodon")).toBe("abc");
    });

    it("filtra la lista por red, estado y tipo", async () => {
      await archivarEnAlmacen(a.almacen, ctx, mensaje("c1", "¿A qué hora abre la biblioteca?"));
      await archivarEnAlmacen(a.almacen, ctx, mensaje("s1", "gana dinero con criptomonedas", { hilo: "post-2" }));
      expect((await a.almacen.listar({ estado: "pendiente" })).map((c) => c.tipo)).toEqual(["pregunta"]);
      expect((await a.almacen.listar({ tipo: "spam" })).map((c) => c.estado)).toEqual(["cerrada"]);
      expect(await a.almacen.listar({ red: "x" })).toEqual([]);
    });

    it("al anonimizar no queda ni el usuario ni el texto, y el mensaje releído sigue sin duplicarse", async () => {
      const m = mensaje("c1", "Soy Rosa, vivo en la vereda Canelón y pido ayuda con el acueducto");
      await archivarEnAlmacen(a.almacen, ctx, m);
      expect(a.todoElTexto()).toContain("dona_rosa_prueba");
      const c = (await a.almacen.obtener(idConversacion("facebook", "post-1")))!;
      await a.almacen.guardar(anonimizar(c, reloj()).conversacion);
      const todo = a.todoElTexto();
      for (const dato of ["dona_rosa_prueba", "Rosa Prueba", "Canelón", "persona-77", "comment_id"])
        expect(todo).not.toContain(dato);
      expect(await archivarEnAlmacen(a.almacen, ctx, m)).toBe("repetido");
      const stub = (await a.almacen.obtener(c.id))!;
      expect(stub.anonimizada).toBeDefined();
      expect(stub.tipo).toBe(c.tipo);
      expect(stub.entradas).toHaveLength(1);
    });
  });
}

describe("el almacén en GitHub", () => {
  it("se niega a guardar conversaciones en un repositorio público", async () => {
    const emu = new EmuladorGithub({ repo: "convergente", privado: false });
    const url = await emu.iniciar();
    try {
      const almacen = new AlmacenGithub(cliente(url, emu.token), emu);
      await expect(archivarEnAlmacen(almacen, ctx, mensaje("c1", "hola?"))).rejects.toThrow(/es público/);
      expect(emu.resumen()).toEqual(["GET "]);
      expect(emu.issues.size).toBe(0);
    } finally {
      await emu.cerrar();
    }
  });

  it("guardar lo mismo otra vez no escribe nada, y cada mensaje es un comentario aparte", async () => {
    const emu = new EmuladorGithub({ repo: "inquietudes", privado: true });
    const url = await emu.iniciar();
    try {
      const gh = cliente(url, emu.token);
      const almacen = new AlmacenGithub(gh, emu, { ahora: reloj });
      await archivarEnAlmacen(almacen, ctx, mensaje("c1", "¿A qué hora abre la biblioteca?"));
      expect(emu.resumen()).toEqual([
        "GET ",
        `GET /issues`,
        "POST /issues",
        "GET /issues/100/comments",
        "POST /issues/100/comments",
        "PATCH /issues/100",
      ]);
      const issue = emu.issues.get(100)!;
      expect(issue.labels.sort()).toEqual(
        [ETIQUETA_INQUIETUD, "estado:pendiente", "plazo:en-plazo", "red:facebook", "tipo:pregunta"].sort(),
      );
      expect(issue.title).toBe("Pregunta por Facebook (comentario) · 02/12/2026");
      expect(`${issue.title}\n${issue.body}`).not.toMatch(/dona_rosa_prueba|biblioteca/);
      emu.reiniciarLlamadas();
      const c = (await almacen.obtener(idConversacion("facebook", "post-1")))!;
      await almacen.guardar(c);
      expect(emu.resumen()).toEqual(["GET /issues/100/comments", "GET /issues/100/comments"]);
    } finally {
      await emu.cerrar();
    }
  });

  it("al anonimizar la conversación entera se borran todos sus comentarios, también las órdenes /responder del equipo", async () => {
    const emu = new EmuladorGithub({ repo: "inquietudes", privado: true });
    const url = await emu.iniciar();
    try {
      const almacen = new AlmacenGithub(cliente(url, emu.token), emu, { ahora: reloj });
      await archivarEnAlmacen(almacen, ctx, mensaje("c1", "¿Hay jornada de vacunación?"));
      emu.comentarios.push({
        id: emu.nuevoId(),
        issue: 100,
        body: "/responder Hola doña Rosa, sí hay",
        user: { login: "jefa-de-prensa", type: "User" },
      });
      const c = (await almacen.obtener(idConversacion("facebook", "post-1")))!;
      await almacen.guardar(anonimizar(c, reloj()).conversacion);
      expect(emu.comentarios.filter((x) => x.issue === 100)).toEqual([]);
      expect(emu.issues.get(100)!.body).toContain("Datos personales | suprimidos");
    } finally {
      await emu.cerrar();
    }
  });

  it("una ejecución que murió después de crear el issue lo reutiliza en vez de abrir otro", async () => {
    const emu = new EmuladorGithub({ repo: "inquietudes", privado: true });
    const url = await emu.iniciar();
    try {
      const gh = cliente(url, emu.token);
      const muere = cliente(url, emu.token);
      // The process dies right after GitHub created the issue, before its comments and body.
      muere.hook.after("request", (_r, o) => {
        if (o.method === "POST" && String(o.url).endsWith("/issues")) throw new Error("proceso terminado");
      });
      const primera = new AlmacenGithub(muere, emu, { ahora: reloj });
      await expect(archivarEnAlmacen(primera, ctx, mensaje("c1", "¿hola?"))).rejects.toThrow();
      expect(emu.issues.size).toBe(1);
      emu.extensiones.length = 0;
      const segunda = new AlmacenGithub(gh, emu, { ahora: reloj });
      expect(await archivarEnAlmacen(segunda, ctx, mensaje("c1", "¿hola?"))).toBe("nuevo");
      expect(emu.issues.size).toBe(1);
      expect((await segunda.obtener(idConversacion("facebook", "post-1")))?.entradas[0]?.texto).toBe("¿hola?");
    } finally {
      await emu.cerrar();
    }
  });
});
