import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { anchosPara, fotoPublicada, orientacionExif, planFoto, urlImagen } from "../../scripts/lib/images/responsiva.ts";
import { codificarFotos, rutaVariante } from "../../scripts/lib/images/fotos-web.ts";
import { ErrorConvergente } from "../../scripts/lib/content/problems.ts";
import { fotoSintetica } from "../../bench/fotos.ts";

let carpeta: string;
let cache: string;
const NOTA = { anio: "2026", mes: "11", slug: "festival-campesino" };

beforeAll(() => {
  carpeta = mkdtempSync(path.join(tmpdir(), "convergente-fotos-"));
  cache = path.join(carpeta, ".cache");
});
afterAll(() => rmSync(carpeta, { recursive: true, force: true }));

/** A photo-like JPEG written to the temp folder, with EXIF (orientation, camera, GPS) when asked. */
async function escribirFoto(nombre: string, opciones: { ancho?: number; alto?: number; orientacion?: number } = {}) {
  const { ancho = 1600, alto = 1067, orientacion } = opciones;
  let imagen = sharp(await fotoSintetica(7, ancho, alto));
  if (orientacion)
    imagen = imagen.withMetadata({
      orientation: orientacion,
      exif: { IFD0: { Make: "Camara de prueba" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "4/1 55/1 0/1" } },
    });
  const ruta = path.join(carpeta, nombre);
  writeFileSync(ruta, await imagen.jpeg({ quality: 85 }).toBuffer());
  return ruta;
}

describe("fotos responsivas de las notas", () => {
  it("publica 480, 960 y 1440 px en AVIF y 480 y 960 en WebP, sin agrandar una foto más angosta", () => {
    expect(anchosPara(1600)).toEqual([480, 960, 1440]);
    expect(anchosPara(1200)).toEqual([480, 960, 1200]);
    expect(anchosPara(700)).toEqual([480, 700]);
    expect(anchosPara(300)).toEqual([300]);
    expect(anchosPara(1600, 960)).toEqual([480, 960]);
  });

  it("el plan da los atributos del <picture>: direcciones en la carpeta de la nota, srcset por formato y la medida mayor", async () => {
    const plan = planFoto(await escribirFoto("toldos del mercado.jpg"))!;
    expect(plan.ancho).toBe(1600);
    expect(plan.alto).toBe(1067);
    expect(plan.variantes.map((v) => `${v.archivo} ${v.ancho}×${v.alto}`)).toEqual([
      "toldos del mercado-480.avif 480×320",
      "toldos del mercado-960.avif 960×640",
      "toldos del mercado-1440.avif 1440×960",
      "toldos del mercado-480.webp 480×320",
      "toldos del mercado-960.webp 960×640",
    ]);
    const base = "/imagenes/2026/11/festival-campesino/toldos%20del%20mercado";
    expect(fotoPublicada(plan, NOTA)).toEqual({
      src: `${base}-960.webp`,
      srcset: `${base}-480.webp 480w, ${base}-960.webp 960w`,
      avif: `${base}-480.avif 480w, ${base}-960.avif 960w, ${base}-1440.avif 1440w`,
      width: 1440,
      height: 960,
    });
    expect(urlImagen(NOTA, "a.svg")).toBe("/imagenes/2026/11/festival-campesino/a.svg");
  });

  it("una foto de celular girada por EXIF se publica derecha, con ancho y alto intercambiados", async () => {
    const ruta = await escribirFoto("vertical.jpg", { ancho: 1200, alto: 900, orientacion: 6 });
    expect(orientacionExif(readFileSync(ruta))).toBe(6);
    const plan = planFoto(ruta)!;
    expect([plan.ancho, plan.alto]).toEqual([900, 1200]);
    await codificarFotos([plan], cache);
    for (const v of plan.variantes) {
      const meta = await sharp(readFileSync(rutaVariante(cache, plan, v))).metadata();
      expect([meta.width, meta.height], v.archivo).toEqual([v.ancho, v.alto]);
    }
  });

  it("codifica cada versión una vez: la segunda vez todo sale de la caché, y sin los metadatos de la cámara", async () => {
    const ruta = await escribirFoto("gps.jpg", { orientacion: 1 });
    expect((await sharp(readFileSync(ruta)).metadata()).exif).toBeDefined();
    const plan = planFoto(ruta)!;
    const primera = await codificarFotos([plan, plan], cache);
    expect(primera).toMatchObject({ fotos: 1, codificadas: 5, desdeCache: 0 });
    const segunda = await codificarFotos([plan], cache);
    expect(segunda).toMatchObject({ fotos: 1, codificadas: 0, desdeCache: 5 });
    for (const v of plan.variantes) {
      const datos = readFileSync(rutaVariante(cache, plan, v));
      const meta = await sharp(datos).metadata();
      expect(meta.format, v.archivo).toBe(v.formato === "avif" ? "heif" : "webp");
      expect([meta.width, meta.height]).toEqual([v.ancho, v.alto]);
      expect(meta.exif, v.archivo).toBeUndefined();
    }
    // Every version weighs less than the uploaded photo.
    const subida = statSync(ruta).size;
    for (const v of plan.variantes) expect(statSync(rutaVariante(cache, plan, v)).size).toBeLessThan(subida);
  });

  it("una foto editada se vuelve a codificar (la clave son sus bytes)", async () => {
    const ruta = await escribirFoto("editada.jpg");
    const antes = planFoto(ruta)!;
    await codificarFotos([antes], cache);
    writeFileSync(ruta, await sharp(readFileSync(ruta)).flop().jpeg({ quality: 80 }).toBuffer());
    // A later modification time, as an editor's save gives it.
    utimesSync(ruta, new Date(), new Date(statSync(ruta).mtimeMs + 5000));
    const despues = planFoto(ruta)!;
    expect(despues.huella).not.toBe(antes.huella);
    expect((await codificarFotos([despues], cache)).codificadas).toBe(5);
  });

  it("una foto dañada detiene la construcción con un mensaje en español que nombra el archivo", async () => {
    const ruta = path.join(carpeta, "danada.jpg");
    const sana = readFileSync(await escribirFoto("sana.jpg"));
    writeFileSync(ruta, sana.subarray(0, 2000));
    const plan = planFoto(ruta)!;
    const error = await codificarFotos([plan], cache).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorConvergente);
    expect((error as Error).message).toMatch(
      /^No se pudo convertir .*danada\.jpg para la web .*Vuelva a exportarlo como \.jpg o \.png\.$/,
    );
    expect(readdirSync(path.join(cache, "fotos")).some((d) => d.startsWith(plan.huella))).toBe(false);
  });

  it("un archivo que no es PNG ni JPEG no tiene plan: se publica tal cual", () => {
    const ruta = path.join(carpeta, "mapa.svg");
    writeFileSync(ruta, '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    expect(planFoto(ruta)).toBeUndefined();
  });
});
