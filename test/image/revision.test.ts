import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { prepararArtefacto } from "../../scripts/lib/github/comentario.ts";
import { cuerpoComentario } from "../../scripts/lib/github/revision.ts";
import { capturarInicio } from "../../scripts/lib/image/revision.ts";
import { prensa } from "../ayudas/cli.ts";
import { RUTA_CHROMIUM } from "../ayudas/navegador.ts";
import { raizCon, type RaizDePrueba } from "../ayudas/raiz.ts";

const DENTRO = "2026-12-16T09:00:00-05:00";
const NOTA = `---
titulo: "Programación de las novenas navideñas en los barrios"
resumen: "Del 16 al 24 de diciembre habrá novenas con música y refrigerios en nueve barrios y veredas."
publicar: 2026-12-15T08:00:00-05:00
dependencia: secretaria-de-cultura
autor: "Oficina de Prensa"
campana: navidad-2026
---

Texto de la nota.
`;

let r: RaizDePrueba;
function git(args: string[]): string {
  const res = spawnSync("git", args, {
    cwd: r.raiz,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "Prensa",
      GIT_AUTHOR_EMAIL: "p@cajica.test",
      GIT_COMMITTER_NAME: "Prensa",
      GIT_COMMITTER_EMAIL: "p@cajica.test",
    },
  });
  if (res.status !== 0) throw new Error(res.stderr);
  return res.stdout.trim();
}

beforeAll(() => {
  r = raizCon({ archivos: { "content/notas/2026/12/novenas.mdx": NOTA } });
  git(["init", "-q", "-b", "main"]);
  git(["add", "."]);
  git(["commit", "-q", "-m", "base"]);
  git(["checkout", "-q", "-b", "cambio-de-tema"]);
});
afterAll(() => r?.borrar());

async function color(archivo: string, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(archivo).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [data[i]!, data[i + 1]!, data[i + 2]!];
}
const cerca = (a: number[], hex: string) => a.every((v, i) => Math.abs(v - parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16)) <= 12);

describe("una solicitud que cambia la imagen lleva su antes y su después a la revisión", () => {
  it("sin cambio de imagen no hay nada que comparar", () => {
    writeFileSync(path.join(r.raiz, "content/notas/2026/12/otra.mdx"), NOTA.replace("novenas navideñas", "novenas de diciembre"));
    git(["add", "."]);
    git(["commit", "-q", "-m", "solo contenido"]);
    const res = prensa(["imagen", "comparar", "--base", "main", "--detectar"], { PRENSA_RAIZ: r.raiz, PRENSA_AHORA: DENTRO });
    expect(res.salida.trim()).toBe("false");
    expect(prepararArtefacto(r.raiz, "main", [], {}).imagen).toBeUndefined();
  });

  it("un cambio de la campaña se detecta, dibuja la tarjeta con la configuración de main y con la de la solicitud, y sale en el comentario", async () => {
    const archivo = path.join(r.raiz, "config/institucion.yaml");
    const doc = parse(readFileSync(archivo, "utf8")) as {
      imagen: { campanas: { tema: { tarjeta: Record<string, string> }; motivo: { texto: string } }[] };
    };
    doc.imagen.campanas[0]!.tema.tarjeta.franja = "#1F1F1F";
    doc.imagen.campanas[0]!.motivo.texto = "Seguidores pidieron una franja más sobria para la temporada navideña.";
    writeFileSync(archivo, stringify(doc));
    git(["commit", "-q", "-am", "franja"]);

    const env = { PRENSA_RAIZ: r.raiz, PRENSA_AHORA: DENTRO };
    expect(prensa(["imagen", "comparar", "--base", "main", "--detectar"], env).salida.trim()).toBe("true");
    const salida = path.join(r.raiz, "dist/revision-imagen");
    const res = prensa(["imagen", "comparar", "--base", "main", "--salida", salida], env);
    expect(res.error).toBe("");
    expect(res.salida).toContain("Campaña cambia: Navidad en Cajicá (motivo: Seguidores pidieron una franja más sobria");
    expect(cerca(await color(path.join(salida, "tarjeta-antes.jpg"), 20, 626), "#C62828")).toBe(true);
    expect(cerca(await color(path.join(salida, "tarjeta-despues.jpg"), 20, 626), "#1F1F1F")).toBe(true);
    expect((JSON.parse(readFileSync(path.join(salida, "imagen.json"), "utf8")) as { archivos: string[] }).archivos).toEqual([
      "tarjeta-antes.jpg",
      "tarjeta-despues.jpg",
    ]);

    const artefacto = prepararArtefacto(r.raiz, "main", [], {});
    expect(artefacto.imagen?.cambios).toHaveLength(1);
    const comentario = cuerpoComentario(artefacto, {});
    expect(comentario).toContain("### Cambio de imagen");
    expect(comentario).toContain("`revision-imagen/tarjeta-antes.jpg` y `revision-imagen/tarjeta-despues.jpg`");
  }, 120_000);

  it("la página de inicio de un sitio construido se captura con Chromium a 1280 px de ancho", async () => {
    const sitio = path.join(r.raiz, "sitio");
    mkdirSync(sitio, { recursive: true });
    writeFileSync(
      path.join(sitio, "index.html"),
      '<!doctype html><html lang="es"><body style="margin:0;background:#1B5E20"><h1>Inicio</h1></body></html>',
    );
    const destino = path.join(r.raiz, "inicio.png");
    await capturarInicio(sitio, destino, RUTA_CHROMIUM);
    const meta = await sharp(destino).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 1280, 900]);
    expect(cerca(await color(destino, 640, 800), "#1B5E20")).toBe(true);
  }, 60_000);
});
