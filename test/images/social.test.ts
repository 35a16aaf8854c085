import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import satori from "satori";
import { describe, expect, it } from "vitest";
import { RAIZ } from "../../scripts/lib/content/paths.ts";
import { dimensiones, dimensionesPng, esPng } from "../../scripts/lib/images/formato.ts";
import { cargarFuentes, lecturasDeFuentes } from "../../scripts/lib/images/fuentes.ts";
import { ALTO, ANCHO, ANCHO_FOTO, COLORES, distribuir, plantillaSocial, type Nodo } from "../../scripts/lib/images/plantilla.ts";
import { renderizarImagenSocial } from "../../scripts/lib/images/social.ts";
import { entradaDeEjemplo, hex, parecido, pixel } from "./ayudas.ts";

const FOTO = path.join(RAIZ, "content/notas/2026/11/festival-campesino.png");
const TITULO_LARGO =
  "La Alcaldía de Cajicá anuncia un plan integral de movilidad, espacio público, ciclorrutas, andenes y semaforización " +
  "inteligente para las veredas Chuntame, Canelón, Río Grande, Calahorra y el casco urbano durante los próximos cuatro años";

/** Every text box satori lays out, with its position. */
async function cajasDeTexto(arbol: Nodo): Promise<{ texto: string; arriba: number; derecha: number; abajo: number }[]> {
  const cajas: { texto: string; arriba: number; derecha: number; abajo: number }[] = [];
  await satori(arbol, {
    width: ANCHO,
    height: ALTO,
    fonts: cargarFuentes(),
    onNodeDetected: (n) => {
      if (n.textContent) cajas.push({ texto: n.textContent, arriba: n.top, derecha: n.left + n.width, abajo: n.top + n.height });
    },
  });
  return cajas;
}

function textos(n: Nodo | string): string[] {
  if (typeof n === "string") return [n];
  const hijos = n.props.children;
  if (hijos === undefined) return [];
  return (Array.isArray(hijos) ? hijos : [hijos]).flatMap(textos);
}

describe("imagen social de una nota", () => {
  it("es un PNG de 1200×630", async () => {
    const png = await renderizarImagenSocial(entradaDeEjemplo());
    expect(esPng(png)).toBe(true);
    expect(dimensionesPng(png)).toEqual({ ancho: 1200, alto: 630 });
    // The GOV.CO bar on top and the institutional blue below it.
    expect(parecido(pixel(png, 600, 5), hex(COLORES.barra))).toBe(true);
    expect(parecido(pixel(png, 20, 300), hex(COLORES.institucional))).toBe(true);
  });

  it("muestra la entidad, la dependencia y la fecha en español de Bogotá", () => {
    // 03:00 UTC on 21 November is still 20 November in Bogotá.
    const arbol = plantillaSocial(entradaDeEjemplo({ fecha: new Date("2026-11-21T03:00:00Z") }));
    const todo = textos(arbol);
    expect(todo).toContain("GOV.CO");
    expect(todo).toContain("Alcaldía de Cajicá");
    expect(todo).toContain("Secretaría de Desarrollo Económico");
    expect(todo).toContain("20 de noviembre de 2026");
    expect(todo).toContain("#campo");
  });

  it("un título muy largo no se sale de la imagen: la fuente se reduce", async () => {
    const entrada = entradaDeEjemplo({ titulo: TITULO_LARGO, etiquetas: ["movilidad", "obras públicas", "veredas"] });
    for (const conFoto of [false, true]) {
      const d = distribuir(entrada, conFoto);
      expect(d.titulo.tamano).toBeLessThan(64);
      const arbol = plantillaSocial(entrada, conFoto ? true : false);
      const cajas = await cajasDeTexto(arbol);
      const limiteDerecho = conFoto ? ANCHO - ANCHO_FOTO - 8 : ANCHO;
      for (const c of cajas) {
        // The GOV.CO bar spans the whole width; the column below it must not reach the photo.
        expect(c.derecha, c.texto).toBeLessThanOrEqual(c.arriba < 60 ? ANCHO : limiteDerecho);
        expect(c.abajo, c.texto).toBeLessThanOrEqual(ALTO - 8);
      }
      // The headline ends above the date.
      const titulo = cajas.find((c) => c.texto.startsWith("La Alcaldía"));
      const fecha = cajas.find((c) => c.texto === "20 de noviembre de 2026");
      expect(titulo && fecha && titulo.abajo < fecha.abajo - 28).toBe(true);
    }
    const png = await renderizarImagenSocial({ ...entrada, fotoRuta: FOTO });
    expect(dimensionesPng(png)).toEqual({ ancho: 1200, alto: 630 });
  });

  it("incluye la foto de la nota a la derecha", async () => {
    const sin = await renderizarImagenSocial(entradaDeEjemplo());
    const con = await renderizarImagenSocial(entradaDeEjemplo({ fotoRuta: FOTO }));
    // The sky of the festival picture (#BFE3F5) fills the right panel's top.
    expect(parecido(pixel(con, 1000, 80), hex("#BFE3F5"), 10)).toBe(true);
    expect(parecido(pixel(sin, 1000, 80), hex("#BFE3F5"), 10)).toBe(false);
  });

  it("acepta una foto JPG más grande que el panel y la recorta al centro sin deformarla", async () => {
    const jpg = path.join(import.meta.dirname, "fixtures/una-foto-jpeg-horizontal/siembra.jpg");
    expect(dimensiones(readFileSync(jpg))).toEqual({ ancho: 1600, alto: 1000 });
    const png = await renderizarImagenSocial(entradaDeEjemplo({ fotoRuta: jpg }));
    expect(dimensionesPng(png)).toEqual({ ancho: 1200, alto: 630 });
    // Sky at the top of the panel, grass at the bottom (JPEG colours are approximate).
    expect(parecido(pixel(png, 1150, 70), hex("#BFE3F5"), 14)).toBe(true);
    expect(parecido(pixel(png, 1000, 610), hex("#7CB85A"), 24)).toBe(true);
  });

  it("una foto que no existe da un error en español que nombra el archivo", async () => {
    await expect(renderizarImagenSocial(entradaDeEjemplo({ fotoRuta: "/no/existe/foto.jpg" }))).rejects.toThrow(
      /No se encontró la imagen de la nota: \/no\/existe\/foto\.jpg/,
    );
  });

  it("un archivo que no es PNG ni JPEG da un error que dice cómo guardarlo", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "convergente-webp-"));
    const mala = path.join(dir, "mala.webp");
    writeFileSync(mala, "RIFF....WEBPVP8 ");
    try {
      await expect(renderizarImagenSocial(entradaDeEjemplo({ fotoRuta: mala }))).rejects.toThrow(
        /mala\.webp no es un archivo PNG ni JPEG válido/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("activa las páginas grandes de mimalloc antes de cargar resvg (evita miles de fallos de página)", () => {
    expect(process.env.MIMALLOC_ALLOW_LARGE_OS_PAGES).toBe("1");
  });

  it("lee los archivos de fuentes una sola vez por proceso", async () => {
    await renderizarImagenSocial(entradaDeEjemplo({ titulo: "Primera imagen para contar lecturas de fuentes" }));
    await renderizarImagenSocial(entradaDeEjemplo({ titulo: "Segunda imagen para contar lecturas de fuentes" }));
    expect(lecturasDeFuentes()).toBe(1);
  });
});
