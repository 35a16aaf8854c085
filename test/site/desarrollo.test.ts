import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RAIZ } from "../../scripts/lib/content/paths.ts";
import sharp from "sharp";
import { dimensionesJpeg, esJpeg } from "../../scripts/lib/images/formato.ts";
import { raizCon, type RaizDePrueba } from "../ayudas/raiz.ts";
import { soltarCerrojo, tomarCerrojo } from "../ayudas/construir.ts";

const AHORA = "2026-11-28T12:00:00-05:00";

let copia: RaizDePrueba;
let servidor: ChildProcess;
let base: string;

async function puertoLibre(): Promise<number> {
  return new Promise((resolver, rechazar) => {
    const s = createServer();
    s.once("error", rechazar);
    s.listen(0, "127.0.0.1", () => {
      const direccion = s.address();
      s.close(() => resolver(typeof direccion === "object" && direccion ? direccion.port : 0));
    });
  });
}

beforeAll(async () => {
  copia = raizCon({ delRepositorio: ["content"] });
  const puerto = await puertoLibre();
  tomarCerrojo();
  servidor = spawn(
    process.execPath,
    [path.join(RAIZ, "node_modules/astro/bin/astro.mjs"), "dev", "--host", "127.0.0.1", "--port", String(puerto)],
    {
      cwd: RAIZ,
      env: {
        // Without vitest's variables: with VITEST set, Astro's dev plugin skips mounting its page
        // handler (astro/dist/vite-plugin-astro-server/plugin.js).
        ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^VITEST|^NODE_ENV$|^TEST$/.test(k))),
        TZ: "America/Bogota",
        ASTRO_TELEMETRY_DISABLED: "1",
        PRENSA_RAIZ: copia.raiz,
        PRENSA_AHORA: AHORA,
        PRENSA_CACHE_ASTRO: path.join(copia.raiz, ".cache/astro"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let registro = "";
  await new Promise<void>((resolver, rechazar) => {
    const limite = setTimeout(() => rechazar(new Error(`astro dev no arrancó:\n${registro}`)), 90_000);
    const leer = (d: Buffer) => {
      registro += d.toString();
      if (registro.includes(`127.0.0.1:${puerto}`)) {
        clearTimeout(limite);
        resolver();
      }
    };
    servidor.stdout?.on("data", leer);
    servidor.stderr?.on("data", leer);
    servidor.once("exit", (codigo) => rechazar(new Error(`astro dev terminó (${codigo}):\n${registro}`)));
  });
  base = `http://127.0.0.1:${puerto}`;
  // "ready" is printed before Astro's page handler is in place: wait until the home page answers.
  for (let intento = 0; ; intento++) {
    const r = await fetch(`${base}/`).catch(() => undefined);
    if (r?.status === 200) break;
    if (intento > 120) throw new Error(`astro dev no sirve la portada:\n${registro}`);
    await new Promise((listo) => setTimeout(listo, 500));
  }
}, 120_000);

afterAll(async () => {
  if (servidor && servidor.exitCode === null) {
    const fin = new Promise((r) => servidor.once("exit", r));
    servidor.kill("SIGTERM");
    await fin;
  }
  soltarCerrojo();
  copia?.borrar();
});

describe("servidor de desarrollo (astro dev)", () => {
  it("dibuja la imagen social de una nota pública cuando se pide", async () => {
    const r = await fetch(`${base}/social/2026/11/festival-campesino.jpg`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("image/jpeg");
    const png = new Uint8Array(await r.arrayBuffer());
    expect(esJpeg(png)).toBe(true);
    expect(dimensionesJpeg(png)).toEqual({ ancho: 1200, alto: 630 });
  });

  it("no sirve la imagen social de una nota programada ni la de un borrador", async () => {
    for (const id of ["2026/12/novenas-navidad", "2026/11/borrador-mercados"]) {
      const r = await fetch(`${base}/social/${id}.jpg`);
      expect(r.status, id).toBe(404);
    }
  });

  it("sirve cada versión AVIF y WebP de la foto que pide la página, y ninguna de la foto de un borrador", async () => {
    const html = await (await fetch(`${base}/noticias/2026/11/festival-campesino/`)).text();
    const figura = /<figure>\s*<picture>\s*<source type="image\/avif" srcset="([^"]+)"[^>]*>\s*<img [^>]*srcset="([^"]+)"/.exec(
      html,
    );
    const direcciones = [figura?.[1], figura?.[2]].flatMap((s) => (s ?? "").split(", ").map((d) => d.split(" ")[0]!));
    expect(direcciones).toHaveLength(5);
    for (const d of direcciones) {
      const r = await fetch(`${base}${d}`);
      expect(r.status, d).toBe(200);
      const formato = d.endsWith(".avif") ? "avif" : "webp";
      expect(r.headers.get("content-type"), d).toBe(`image/${formato}`);
      const meta = await sharp(Buffer.from(await r.arrayBuffer())).metadata();
      expect(meta.format, d).toBe(formato === "avif" ? "heif" : "webp");
      expect(meta.width, d).toBe(Number(/-(\d+)\.\w+$/.exec(d)![1]));
    }
    const borrador = await fetch(`${base}/imagenes/2026/11/borrador-mercados/borrador-mercados-960.webp`);
    expect(borrador.status).toBe(404);
  });

  it("sirve la página de la nota con su og:image", async () => {
    const r = await fetch(`${base}/noticias/2026/11/festival-campesino/`);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain("/social/2026/11/festival-campesino.jpg");
  });

  it("al cambiar el título o el cuerpo de una nota, la página muestra el cambio sin reiniciar el servidor", async () => {
    const archivo = path.join(copia.raiz, "content/notas/2026/11/festival-campesino.mdx");
    const original = readFileSync(archivo, "utf8");
    writeFileSync(
      archivo,
      original
        .replace(/^titulo: .*$/m, 'titulo: "Festival del Campesino: nueva programación del fin de semana"')
        .replace("Todas las actividades son gratuitas.", "Todas las actividades son gratuitas y abiertas a toda la familia."),
    );
    const pagina = await esperarPagina(`${base}/noticias/2026/11/festival-campesino/`, "nueva programación del fin de semana");
    expect(pagina).toContain("<h1>Festival del Campesino: nueva programación del fin de semana</h1>");
    expect(pagina).toContain("gratuitas y abiertas a toda la familia");
    // Other notes are untouched.
    const otra = await (await fetch(`${base}/noticias/2026/11/ciclovia-sabana/`)).text();
    expect(otra).not.toContain("nueva programación");
  });
});

/** The page once it contains the text (the watcher re-syncs the store shortly after the write). */
async function esperarPagina(url: string, texto: string): Promise<string> {
  let ultima = "";
  for (let intento = 0; intento < 120; intento++) {
    ultima = await (await fetch(url)).text();
    if (ultima.includes(texto)) return ultima;
    await new Promise((listo) => setTimeout(listo, 500));
  }
  throw new Error(`La página ${url} nunca mostró «${texto}»:\n${ultima.slice(0, 500)}`);
}
