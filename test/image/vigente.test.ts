import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cargarInstitucion } from "../../scripts/lib/content/institucion.ts";
import { cargarNotasOFallar } from "../../scripts/lib/content/notas.ts";
import { RAIZ } from "../../scripts/lib/content/paths.ts";
import type { Institucion } from "../../scripts/lib/content/schema/institucion.ts";
import { variablesTema } from "../../scripts/lib/image/css.ts";
import { campanaVigente, estiloTarjetaDeNota, imagenDe, temaVigente } from "../../scripts/lib/image/vigente.ts";
import { claveImagen } from "../../scripts/lib/images/cache.ts";
import { entradaImagenDeNota } from "../../scripts/lib/images/nota.ts";
import { renderizarImagenSocial } from "../../scripts/lib/images/social.ts";
import { construirEnvio } from "../../scripts/lib/publish/contenido.ts";
import { raizCon, type RaizDePrueba } from "../ayudas/raiz.ts";

const ANTES = new Date("2026-11-30T23:59:59-05:00");
const PRIMER_INSTANTE = new Date("2026-12-01T00:00:00-05:00");
const ANTES_DE_LA_NOTA = new Date("2026-12-10T09:00:00-05:00");
const DENTRO = new Date("2026-12-16T09:00:00-05:00");
const ULTIMO_DIA = new Date("2027-01-06T23:59:00-05:00");
const DESPUES = new Date("2027-01-07T00:00:00-05:00");

let institucion: Institucion;
beforeAll(() => {
  institucion = cargarInstitucion();
});

const NOVENAS = { publicar: new Date("2026-12-15T08:00:00-05:00"), campana: "navidad-2026" };

describe("la campaña vigente se elige por el instante de la construcción, como las notas programadas", () => {
  it("antes de su inicio y desde su fin no aparece nada de ella; dentro de la ventana, sí", () => {
    const imagen = imagenDe(institucion);
    expect(campanaVigente(imagen, ANTES)).toBeUndefined();
    expect(campanaVigente(imagen, PRIMER_INSTANTE)?.id).toBe("navidad-2026");
    expect(campanaVigente(imagen, ULTIMO_DIA)?.id).toBe("navidad-2026");
    expect(campanaVigente(imagen, DESPUES)).toBeUndefined();
    for (const fuera of [ANTES, DESPUES]) {
      const t = temaVigente(institucion, fuera);
      expect(t.banners).toEqual([]);
      expect(t.campana).toBeUndefined();
      expect(t.tarjeta).toEqual({ fondo: "#004884", acento: "#FFC93C", franja: "#3366CC" });
    }
    const dentro = temaVigente(institucion, DENTRO);
    expect(dentro.banners.map((b) => [b.tipo, b.colores.fondo])).toEqual([["campana", "#1B5E20"]]);
    // The theme never touches the GOV.CO bar or footer colour.
    expect(variablesTema(dentro.sitio)).not.toContain("--azul-govco");
  });

  it("un aviso urgente sale en todo el sitio desde ya, antes que el de la campaña, y se va en su «hasta»", () => {
    const conAviso = cargarInstitucionCon({
      imagen: {
        ...institucion.imagen,
        campanas: institucion.imagen!.campanas.map((c) => ({ ...c, inicio: "2026-12-01", fin: "2027-01-06" })),
        avisos: [
          {
            id: "cierre-variante",
            tipo: "cierre-vial",
            texto: "Cierre total de la variante Cajicá–Zipaquirá por obras.",
            hasta: "2026-12-20",
          },
        ],
      },
    });
    expect(temaVigente(conAviso, DENTRO).banners.map((b) => b.id)).toEqual(["cierre-variante", "navidad-2026"]);
    expect(temaVigente(conAviso, ANTES).banners.map((b) => b.id)).toEqual(["cierre-variante"]);
    expect(temaVigente(conAviso, new Date("2026-12-21T00:00:00-05:00")).banners.map((b) => b.id)).toEqual(["navidad-2026"]);
  });

  it("la cinta y la marca van solo en la tarjeta de la nota que nombra la campaña, y nunca antes de que la nota sea pública", () => {
    expect(estiloTarjetaDeNota(institucion, NOVENAS, ANTES_DE_LA_NOTA).cinta).toBeUndefined();
    const dentro = estiloTarjetaDeNota(institucion, NOVENAS, DENTRO);
    expect(dentro).toEqual({
      colores: { fondo: "#14532D", acento: "#FFD166", franja: "#C62828" },
      cinta: {
        campana: "navidad-2026",
        texto: "#NavidadEnCajicá",
        fondo: "#FFD166",
        colorTexto: "#1F1F1F",
        marca: path.join(RAIZ, "site/public/identidad/campanas/navidad-en-cajica.svg"),
      },
    });
    expect(estiloTarjetaDeNota(institucion, NOVENAS, DESPUES).cinta).toBeUndefined();
    // A note that does not name it keeps the base card inside the window.
    expect(estiloTarjetaDeNota(institucion, { publicar: NOVENAS.publicar }, DENTRO)).toEqual({
      colores: { fondo: "#004884", acento: "#FFC93C", franja: "#3366CC" },
    });
  });
});

let r: RaizDePrueba | undefined;
afterAll(() => r?.borrar());
function cargarInstitucionCon(config: Record<string, unknown>): Institucion {
  r?.borrar();
  r = raizCon({ config });
  return cargarInstitucion(r.raiz);
}

describe("una marca de campaña que no existe es un error en español que nombra el campo", () => {
  it("dibujar la tarjeta de una nota de la campaña sin su archivo de marca se detiene con el arreglo", () => {
    const sinMarca = cargarInstitucionCon({
      imagen: {
        campanas: [
          {
            ...structuredClone(institucion.imagen!.campanas[0]!),
            inicio: "2026-12-01",
            fin: "2027-01-06",
            marca: { archivo: "/identidad/campanas/no-existe.svg", alt: "Marca que falta" },
          },
        ],
      },
    });
    expect(() => estiloTarjetaDeNota(sinMarca, NOVENAS, DENTRO)).toThrow(
      "No se encontró la marca de la campaña navidad-2026: site/public/identidad/campanas/no-existe.svg.",
    );
  });
});

describe("la caché de imágenes sociales sigue al tema y a la campaña, y lo publicado no se reenvía", () => {
  it("el tema por omisión no cambia ninguna clave; la campaña cambia solo la de la nota que la nombra; un cambio del tema las cambia todas", () => {
    const notas = cargarNotasOFallar(institucion);
    const claves = (inst: Institucion, momento: Date) =>
      Object.fromEntries(notas.map((n) => [n.id, claveImagen(entradaImagenDeNota(n, inst, momento))]));
    const sinEstilo = Object.fromEntries(
      notas.map((n) => [n.id, claveImagen({ ...entradaImagenDeNota(n, institucion, ANTES), estilo: undefined })]),
    );
    const antes = claves(institucion, ANTES);
    expect(antes).toEqual(sinEstilo);
    const dentro = claves(institucion, DENTRO);
    const cambiadas = Object.keys(dentro).filter((id) => dentro[id] !== antes[id]);
    expect(cambiadas).toEqual(["2026/12/novenas-navidad"]);

    const otroAcento = cargarInstitucionCon({
      imagen: { ...structuredClone(institucion.imagen), campanas: [], tema: { tarjeta: { acento: "#FFD166" } } },
    });
    const conAcento = claves(otroAcento, ANTES);
    expect(Object.keys(conAcento).filter((id) => conAcento[id] === antes[id])).toEqual([]);
  });

  it("una nota ya publicada no se reenvía porque cambió el tema: el hash del envío no depende de la tarjeta", () => {
    const nota = cargarNotasOFallar(institucion).find((n) => n.id === "2026/12/novenas-navidad")!;
    const otro = cargarInstitucionCon({ imagen: { tema: { tarjeta: { acento: "#FFD166", fondo: "#14532D" } } } });
    const a = construirEnvio(nota, "facebook", institucion, RAIZ);
    const b = construirEnvio(nota, "facebook", otro, RAIZ);
    expect(b.hash).toBe(a.hash);
    expect(b.publicacion.imagen?.url).toBe(a.publicacion.imagen?.url);
  });
});

describe("la tarjeta social dibuja la variante de la campaña: colores, cinta y marca", () => {
  const tmp = process.env.TARJETA_DIR ?? mkdtempSync(path.join(tmpdir(), "convergente-tarjeta-"));
  afterAll(() => process.env.TARJETA_DIR || rmSync(tmp, { recursive: true, force: true }));

  async function pixeles(jpeg: Uint8Array) {
    const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
    return (x: number, y: number) => {
      const i = (y * info.width + x) * info.channels;
      return [data[i]!, data[i + 1]!, data[i + 2]!];
    };
  }
  const cerca = (a: number[], hex: string) =>
    a.every((v, i) => Math.abs(v - parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16)) <= 12);

  it("con la campaña vigente la tarjeta de la nota lleva su cinta con la marca; fuera de la ventana, la tarjeta de siempre", async () => {
    const nota = cargarNotasOFallar(institucion).find((n) => n.id === "2026/12/novenas-navidad")!;
    const dentro = await pixeles(await renderizarImagenSocial(entradaImagenDeNota(nota, institucion, DENTRO)));
    const despues = await pixeles(await renderizarImagenSocial(entradaImagenDeNota(nota, institucion, DESPUES)));
    // The ribbon hangs from the GOV.CO bar at the right of the text column (the photo is at x >= 712).
    expect(cerca(dentro(700, 95), "#FFD166")).toBe(true);
    expect(cerca(despues(700, 95), "#FFD166")).toBe(false);
    // Bottom band: campaign red inside, GOV.CO blue after.
    expect(cerca(dentro(20, 626), "#C62828")).toBe(true);
    expect(cerca(despues(20, 626), "#3366CC")).toBe(true);
    // The GOV.CO bar is the same in both.
    expect(cerca(dentro(5, 5), "#3366CC")).toBe(true);
    expect(cerca(despues(5, 5), "#3366CC")).toBe(true);
    writeFileSync(path.join(tmp, "dentro.jpg"), await renderizarImagenSocial(entradaImagenDeNota(nota, institucion, DENTRO)));
  });
});
