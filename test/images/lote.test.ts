import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RAIZ } from "../../scripts/lib/content/paths.ts";
import { contadorRenders, reiniciarContador } from "../../scripts/lib/images/cache.ts";
import { renderizarLote } from "../../scripts/lib/images/lote.ts";
import { entradaDeEjemplo } from "../ayudas/imagenes.ts";

const temporales: string[] = [];
afterAll(() => {
  for (const d of temporales) rmSync(d, { recursive: true, force: true });
});

const FOTO = path.join(RAIZ, "content/notas/2026/10/biblioteca-publica.png");
const entradas = Array.from({ length: 5 }, (_, i) =>
  entradaDeEjemplo({ titulo: `Nota número ${i + 1} del lote de prueba de imágenes`, fotoRuta: i % 2 ? FOTO : undefined }),
);

describe("lote de imágenes con hilos", () => {
  it("dibuja con 2 hilos, guarda cada imagen en su lugar y la segunda vez no dibuja ninguna", async () => {
    const cache = mkdtempSync(path.join(tmpdir(), "convergente-lote-"));
    temporales.push(cache);
    reiniciarContador();
    const primera = await renderizarLote(entradas, cache, { hilos: 2 });
    expect(primera.generadas).toBe(5);
    expect(primera.rutas).toHaveLength(5);
    expect(new Set(primera.rutas).size).toBe(5);
    for (const r of primera.rutas) expect(existsSync(r)).toBe(true);
    // Renders done by the workers are added to this process's counter.
    expect(contadorRenders()).toEqual({ generadas: 5, desdeCache: 0 });

    const segunda = await renderizarLote(entradas, cache, { hilos: 2 });
    expect(segunda).toMatchObject({ generadas: 0, desdeCache: 5 });
    expect(segunda.rutas).toEqual(primera.rutas);
  });

  it("un error dentro de un hilo llega en español con el archivo y detiene el lote", async () => {
    const cache = mkdtempSync(path.join(tmpdir(), "convergente-lote-"));
    temporales.push(cache);
    const mala = path.join(cache, "foto-del-lote.webp");
    writeFileSync(mala, "RIFF....WEBPVP8 ");
    const malas = [entradaDeEjemplo({ titulo: "Nota con una foto en formato no admitido", fotoRuta: mala }), ...entradas];
    await expect(renderizarLote(malas, cache, { hilos: 2 })).rejects.toThrow(
      /foto-del-lote\.webp no es un archivo PNG ni JPEG válido/,
    );
  });

  it("una foto que no existe se informa antes de arrancar los hilos", async () => {
    const cache = mkdtempSync(path.join(tmpdir(), "convergente-lote-"));
    temporales.push(cache);
    const malas = [...entradas, entradaDeEjemplo({ fotoRuta: "/no/existe/foto-del-lote.jpg" })];
    await expect(renderizarLote(malas, cache, { hilos: 2 })).rejects.toThrow(
      /No se encontró la imagen de la nota: \/no\/existe\/foto-del-lote\.jpg/,
    );
  });
});
