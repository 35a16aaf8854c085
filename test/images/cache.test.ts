import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { RAIZ } from "../../scripts/lib/content/paths.ts";
import { contadorRenders, imagenSocialConCache, reiniciarContador } from "../../scripts/lib/images/cache.ts";
import { dimensionesJpeg } from "../../scripts/lib/images/formato.ts";
import { entradaDeEjemplo } from "../ayudas/imagenes.ts";

const MUESTRAS = path.join(RAIZ, "content/notas/2026/11");
const temporales: string[] = [];
function carpetaTemporal(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "convergente-cache-img-"));
  temporales.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of temporales) rmSync(d, { recursive: true, force: true });
});
beforeEach(() => reiniciarContador());

describe("caché de imágenes sociales", () => {
  it("la segunda llamada con la misma nota sale de la caché sin dibujar", async () => {
    const cache = carpetaTemporal();
    const primera = await imagenSocialConCache(entradaDeEjemplo(), cache);
    expect(primera.renderizada).toBe(true);
    expect(primera.ruta.startsWith(path.join(cache, "social"))).toBe(true);
    expect(dimensionesJpeg(primera.jpeg)).toEqual({ ancho: 1200, alto: 630 });

    reiniciarContador();
    const segunda = await imagenSocialConCache(entradaDeEjemplo(), cache);
    expect(segunda.renderizada).toBe(false);
    expect(segunda.ruta).toBe(primera.ruta);
    expect(Buffer.from(segunda.jpeg).equals(Buffer.from(primera.jpeg))).toBe(true);
    expect(contadorRenders()).toEqual({ generadas: 0, desdeCache: 1 });
    // Written atomically: only the JPEG, no temporary file left behind.
    expect(readdirSync(path.join(cache, "social"))).toEqual([path.basename(primera.ruta)]);
  });

  it("cambiar el título, el resumen, la fecha o las etiquetas vuelve a dibujar", async () => {
    const cache = carpetaTemporal();
    await imagenSocialConCache(entradaDeEjemplo(), cache);
    const cambios = [
      { titulo: "Otro título para el Festival Campesino de Cajicá" },
      { resumen: "Otra bajada." },
      { fecha: new Date("2026-11-21T08:00:00-05:00") },
      { etiquetas: ["campo"] },
      { dependencia: "Secretaría de Salud" },
    ];
    for (const cambio of cambios) {
      const r = await imagenSocialConCache(entradaDeEjemplo(cambio), cache);
      expect(r.renderizada, JSON.stringify(cambio)).toBe(true);
    }
    expect(contadorRenders().generadas).toBe(1 + cambios.length);
  });

  it("cambiar los bytes de la foto vuelve a dibujar; moverla sin cambiarla no", async () => {
    const cache = carpetaTemporal();
    const fotos = carpetaTemporal();
    const foto = path.join(fotos, "foto.png");
    copyFileSync(path.join(MUESTRAS, "festival-campesino.png"), foto);
    expect((await imagenSocialConCache(entradaDeEjemplo({ fotoRuta: foto }), cache)).renderizada).toBe(true);
    expect((await imagenSocialConCache(entradaDeEjemplo({ fotoRuta: foto }), cache)).renderizada).toBe(false);

    const movida = path.join(fotos, "otra-carpeta-foto.png");
    copyFileSync(foto, movida);
    expect((await imagenSocialConCache(entradaDeEjemplo({ fotoRuta: movida }), cache)).renderizada).toBe(false);

    // Same file name, different picture.
    copyFileSync(path.join(MUESTRAS, "ciclovia-sabana.png"), foto);
    expect((await imagenSocialConCache(entradaDeEjemplo({ fotoRuta: foto }), cache)).renderizada).toBe(true);
    expect(contadorRenders()).toEqual({ generadas: 2, desdeCache: 2 });
  });
});
