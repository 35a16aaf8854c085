import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { RAIZ } from "../../scripts/lib/content/paths.ts";
import { dimensiones, dimensionesJpeg, esJpeg } from "../../scripts/lib/images/formato.ts";
import { lecturasDeFuentes } from "../../scripts/lib/images/fuentes.ts";
import { mascarasDibujadas } from "../../scripts/lib/images/glifos.ts";
import {
  ALTO,
  ANCHO,
  ANCHO_FOTO,
  COLORES,
  componerColumna,
  distribuir,
  plantillaMarco,
  type Nodo,
} from "../../scripts/lib/images/plantilla.ts";
import { renderizarImagenSocial } from "../../scripts/lib/images/social.ts";
import { cargarTipografia } from "../../scripts/lib/images/tipografia.ts";
import { entradaDeEjemplo, hex, lectorDePixeles, parecido, pixel } from "../ayudas/imagenes.ts";

const FOTO = path.join(RAIZ, "content/notas/2026/11/festival-campesino.png");
const TITULO_LARGO =
  "La Alcaldía de Cajicá anuncia un plan integral de movilidad, espacio público, ciclorrutas, andenes y semaforización " +
  "inteligente para las veredas Chuntame, Canelón, Río Grande, Calahorra y el casco urbano durante los próximos cuatro años";

beforeAll(cargarTipografia);

/** Every line of text of the column, with its box. */
function cajasDeTexto(entrada: Parameters<typeof componerColumna>[0], conFoto: boolean) {
  return componerColumna(entrada, conFoto).flatMap((p) =>
    p.tipo === "texto"
      ? [
          {
            texto: p.linea.texto,
            izquierda: p.caja.x,
            arriba: p.caja.y,
            derecha: p.caja.x + p.caja.ancho,
            abajo: p.caja.y + p.caja.alto,
          },
        ]
      : [],
  );
}

function textos(n: Nodo | string): string[] {
  if (typeof n === "string") return [n];
  const hijos = n.props.children;
  if (hijos === undefined) return [];
  return (Array.isArray(hijos) ? hijos : [hijos]).flatMap(textos);
}

describe("imagen social de una nota", () => {
  it("es un JPEG de 1200×630, el formato que aceptan todas las redes (Instagram solo acepta JPEG)", async () => {
    const png = await renderizarImagenSocial(entradaDeEjemplo());
    expect(esJpeg(png)).toBe(true);
    expect(dimensionesJpeg(png)).toEqual({ ancho: 1200, alto: 630 });
    // The GOV.CO bar on top and the institutional blue below it.
    expect(parecido(pixel(png, 600, 5), hex(COLORES.barra))).toBe(true);
    expect(parecido(pixel(png, 20, 300), hex(COLORES.institucional))).toBe(true);
  });

  it("muestra la entidad, la dependencia, el título, el resumen, las etiquetas y la fecha en español de Bogotá", () => {
    // 03:00 UTC on 21 November is still 20 November in Bogotá.
    const entrada = entradaDeEjemplo({ fecha: new Date("2026-11-21T03:00:00Z") });
    expect(textos(plantillaMarco(entrada.entidad, false))).toEqual(["GOV.CO", "Alcaldía de Cajicá"]);
    const lineas = cajasDeTexto(entrada, false).map((c) => c.texto);
    expect(lineas[0]).toBe("SECRETARÍA DE DESARROLLO ECONÓMICO");
    expect(lineas).toContain("20 de noviembre de 2026");
    expect(lineas).toContain("#campo");
    expect(lineas).toContain("#cultura");
    expect(lineas.join(" ")).toContain(entrada.titulo);
    expect(lineas.join(" ")).toContain(entrada.resumen);
  });

  it("un título muy largo no se sale de la imagen: la fuente se reduce y el texto se corta con puntos suspensivos", async () => {
    const entrada = entradaDeEjemplo({ titulo: TITULO_LARGO, etiquetas: ["movilidad", "obras públicas", "veredas"] });
    for (const conFoto of [false, true]) {
      const d = distribuir(entrada, conFoto);
      expect(d.titulo.tamano).toBeLessThan(64);
      // Beside the photo the column is narrow: even the smallest size needs a cut.
      expect(d.titulo.recortado).toBe(conFoto);
      const cajas = cajasDeTexto(entrada, conFoto);
      const limiteDerecho = conFoto ? ANCHO - ANCHO_FOTO - 8 : ANCHO;
      for (const c of cajas) {
        expect(c.izquierda, c.texto).toBeGreaterThanOrEqual(56);
        expect(c.derecha, c.texto).toBeLessThanOrEqual(limiteDerecho - 56);
        expect(c.abajo, c.texto).toBeLessThanOrEqual(ALTO - 8 - 40);
      }
      // Boxes never overlap: each line starts at or below the end of the one above.
      const porAltura = cajas.filter((c) => !c.texto.startsWith("#")).sort((a, b) => a.arriba - b.arriba);
      for (let i = 1; i < porAltura.length; i++) expect(porAltura[i]!.arriba).toBeGreaterThanOrEqual(porAltura[i - 1]!.abajo);
      // The headline ends above the date, and its last line carries the ellipsis.
      const titulo = cajas.filter((c) => c.texto.startsWith("La Alcaldía") || TITULO_LARGO.includes(c.texto.replace(/…$/, "")));
      const fecha = cajas.find((c) => c.texto === "20 de noviembre de 2026");
      if (conFoto) expect(titulo.at(-1)!.texto.endsWith("…")).toBe(true);
      else expect(titulo.map((c) => c.texto).join(" ")).toBe(TITULO_LARGO);
      expect(titulo.at(-1)!.abajo < fecha!.arriba - 28).toBe(true);
    }
    const png = await renderizarImagenSocial({ ...entrada, fotoRuta: FOTO });
    expect(dimensionesJpeg(png)).toEqual({ ancho: 1200, alto: 630 });
  });

  it("dibuja el texto: el título blanco aparece sobre el azul institucional donde lo pone la composición", async () => {
    const entrada = entradaDeEjemplo();
    const png = await renderizarImagenSocial(entrada);
    const titulo = componerColumna(entrada, false).find((p) => p.tipo === "texto" && p.linea.texto.startsWith("Más de 80"));
    if (titulo?.tipo !== "texto") throw new Error("sin título");
    // Along the title's baseline band there are white pixels (the letters) and blue ones (between them).
    const y = Math.round(titulo.base - 10);
    const leer = lectorDePixeles(png);
    const muestras = Array.from({ length: 200 }, (_, i) => leer(Math.round(titulo.x + i * 2), y));
    expect(muestras.some((p) => parecido(p, hex(COLORES.texto), 20))).toBe(true);
    expect(muestras.some((p) => parecido(p, hex(COLORES.institucional), 20))).toBe(true);
    // Above the dependencia line and below the date there is no text: only the background.
    expect(parecido(leer(300, 100), hex(COLORES.institucional))).toBe(true);
  });

  it("las letras se dibujan una vez y se reutilizan: la segunda imagen con el mismo texto no dibuja máscaras nuevas", async () => {
    await renderizarImagenSocial(entradaDeEjemplo({ titulo: "Cajicá abre inscripciones para la escuela de música" }));
    const antes = mascarasDibujadas();
    await renderizarImagenSocial(entradaDeEjemplo({ titulo: "Cajicá abre inscripciones para la escuela de música" }));
    expect(mascarasDibujadas()).toBe(antes);
    expect(antes).toBeGreaterThan(0);
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
    expect(dimensionesJpeg(png)).toEqual({ ancho: 1200, alto: 630 });
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
