import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leerImagenNota, revisarImagen } from "../../scripts/lib/content/archivos.ts";
import { RAIZ } from "../../scripts/lib/content/paths.ts";
import { leerFoto } from "../../scripts/lib/images/foto.ts";
import { prensa } from "../ayudas/cli.ts";
import { construirSitio } from "../ayudas/construir.ts";
import { raizCon, type RaizDePrueba } from "../ayudas/raiz.ts";

const MODELO = readFileSync(path.join(RAIZ, "content/notas/2026/11/festival-campesino.mdx"), "utf8");
const PNG = path.join(RAIZ, "content/notas/2026/11/festival-campesino.png");
const AHORA = "2026-11-20T10:00:00-05:00";

/** A valid note (the real festival note) whose imagen.src is `src`. */
const nota = (src: string) => MODELO.replace("src: festival-campesino.png", `src: ${JSON.stringify(src)}`);

/** Every file under a folder, relative (empty when the folder does not exist). */
function archivosBajo(carpeta: string): string[] {
  if (!existsSync(carpeta)) return [];
  return readdirSync(carpeta, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(carpeta, path.join(e.parentPath, e.name)));
}

describe("las imágenes de las notas son datos, nunca enlaces", () => {
  let repo: RaizDePrueba;
  let afuera: string;
  let noviembre: string;

  beforeAll(() => {
    repo = raizCon();
    afuera = mkdtempSync(path.join(tmpdir(), "convergente-fuera-del-repositorio-"));
    writeFileSync(path.join(afuera, "credenciales.txt"), "PRENSA_CLAVE_DESPLIEGUE=-----BEGIN OPENSSH PRIVATE KEY-----\n");
    noviembre = path.join(repo.raiz, "content/notas/2026/11");
    const octubre = path.join(repo.raiz, "content/notas/2026/10");
    mkdirSync(noviembre, { recursive: true });
    mkdirSync(octubre, { recursive: true });
    // A legitimate note with its own image.
    writeFileSync(path.join(noviembre, "festival-campesino.mdx"), nota("festival-campesino.png"));
    copyFileSync(PNG, path.join(noviembre, "festival-campesino.png"));
    // 1. The image is a link to a file outside the repository.
    writeFileSync(path.join(noviembre, "enlace-afuera.mdx"), nota("enlace-afuera.png"));
    symlinkSync(path.join(afuera, "credenciales.txt"), path.join(noviembre, "enlace-afuera.png"));
    // 2. The image is a link to another note's image.
    writeFileSync(path.join(noviembre, "enlace-a-otra.mdx"), nota("enlace-a-otra.png"));
    symlinkSync("festival-campesino.png", path.join(noviembre, "enlace-a-otra.png"));
    // 3. The src climbs out of the note's folder (to a real image).
    copyFileSync(PNG, path.join(octubre, "otra.png"));
    writeFileSync(path.join(noviembre, "sube-de-carpeta.mdx"), nota("../10/otra.png"));
    // 4. A .png that is really text.
    writeFileSync(path.join(noviembre, "texto-como-png.mdx"), nota("texto-como-png.png"));
    writeFileSync(path.join(noviembre, "texto-como-png.png"), "esto no es una imagen\n");
  });
  afterAll(() => {
    repo.borrar();
    rmSync(afuera, { recursive: true, force: true });
  });

  it("prensa validar da un error seguridad/ por cada una y ninguno para la nota legítima", () => {
    const r = prensa(["validar", "--formato", "json"], { PRENSA_RAIZ: repo.raiz, PRENSA_AHORA: AHORA });
    expect(r.codigo).toBe(1);
    const hallazgos = (JSON.parse(r.salida) as { archivo: string; regla: string; severidad: string; linea: number }[]).filter(
      (h) => h.regla.startsWith("seguridad/"),
    );
    const por = (slug: string) => hallazgos.filter((h) => h.archivo === `content/notas/2026/11/${slug}.mdx`).map((h) => h.regla);
    expect(por("enlace-afuera")).toEqual(["seguridad/enlace-simbolico"]);
    expect(por("enlace-a-otra")).toEqual(["seguridad/enlace-simbolico"]);
    expect(por("sube-de-carpeta")).toEqual(["seguridad/fuera-de-la-carpeta"]);
    expect(por("texto-como-png")).toEqual(["seguridad/tipo-de-imagen"]);
    expect(por("festival-campesino")).toEqual([]);
    // Each finding points at the imagen.src line, with a severity that fails the check.
    const linea = MODELO.split("\n").findIndex((l) => l.includes("src:")) + 1;
    expect(hallazgos.every((h) => h.severidad === "error" && h.linea === linea)).toBe(true);
  });

  it("la construcción se detiene antes de escribir nada, sin copiar lo que hay al otro lado del enlace", () => {
    const c = construirSitio(repo.raiz, AHORA);
    try {
      expect(c.codigo).not.toBe(0);
      expect(c.registro).toContain("La construcción se detuvo antes de escribir nada");
      for (const slug of ["enlace-afuera", "enlace-a-otra", "sube-de-carpeta", "texto-como-png"]) {
        expect(c.registro).toContain(`content/notas/2026/11/${slug}`);
      }
      expect(archivosBajo(c.carpeta)).toEqual([]);
      expect(c.registro).not.toContain("BEGIN OPENSSH");
    } finally {
      rmSync(c.carpeta, { recursive: true, force: true });
    }
  }, 600_000);
});

describe("lectura de la imagen de una nota", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "convergente-archivos-"));
    mkdirSync(path.join(dir, "nota"));
    mkdirSync(path.join(dir, "otra"));
    copyFileSync(PNG, path.join(dir, "otra/foto.png"));
    copyFileSync(PNG, path.join(dir, "nota/foto.png"));
    copyFileSync(PNG, path.join(dir, "nota/foto-png.jpg"));
    // A folder inside the note's folder that is a link elsewhere.
    symlinkSync(path.join(dir, "otra"), path.join(dir, "nota/carpeta"));
    symlinkSync(path.join(dir, "otra/foto.png"), path.join(dir, "nota/enlace.png"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const rutaNota = () => path.join(dir, "nota/n.mdx");

  it("lee una imagen real junto a la nota", () => {
    expect(revisarImagen(rutaNota(), "foto.png")).toBeUndefined();
    expect(leerImagenNota(rutaNota(), "foto.png").equals(readFileSync(PNG))).toBe(true);
  });

  it("rechaza una carpeta intermedia que es un enlace, una ruta absoluta y una extensión que no dice la verdad", () => {
    expect(revisarImagen(rutaNota(), "carpeta/foto.png")?.regla).toBe("seguridad/enlace-simbolico");
    expect(revisarImagen(rutaNota(), path.join(dir, "otra/foto.png"))?.regla).toBe("seguridad/fuera-de-la-carpeta");
    const jpg = revisarImagen(rutaNota(), "foto-png.jpg");
    expect(jpg?.regla).toBe("seguridad/tipo-de-imagen");
    expect(jpg?.mensaje).toContain("dice ser JPEG por su extensión, pero su contenido es una imagen PNG");
  });

  it("leerImagenNota explica en español y el paso de la imagen social no sigue el enlace", () => {
    expect(() => leerImagenNota(rutaNota(), "enlace.png")).toThrow(/no es segura \(seguridad\/enlace-simbolico\)/);
    expect(() => leerFoto(path.join(dir, "nota/enlace.png"))).toThrow(/No se encontró la imagen de la nota/);
    expect(leerFoto(path.join(dir, "nota/foto.png")).length).toBeGreaterThan(0);
  });
});
