import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { raizCon, type RaizDePrueba } from "../ayudas/raiz.ts";
import { prensa } from "../ayudas/cli.ts";
import { abrirNavegador } from "../ayudas/navegador.ts";
import { cifrasInformeSchema, type CifrasInforme } from "../../scripts/lib/content/schema/informe.ts";
import { mediana, percentil } from "../../scripts/lib/reports/cifras.ts";

/**
 * `prensa informe 2026-11` over a fixture month written for this test: notes (one published at
 * 23:30 of the last day in Bogotá, which is December 1st in UTC; a draft; one of October and one of
 * December), publication records (a post that failed three times and was marked published by a
 * person; a permanent failure; a post that needed two attempts), two metrics snapshots, the inbox
 * aggregate and the requests aggregate. Every figure is asserted exactly.
 */

const FIXTURE = path.join(
  import.meta.dirname,
  "fixtures/un-noviembre-con-una-falla-resuelta-a-mano-y-una-nota-a-las-once-y-media-del-ultimo-dia",
);
const AHORA = "2026-12-01T08:00:00-05:00";

/** Every file of a fixture folder, by path relative to it. */
function archivosDe(carpeta: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(carpeta, { recursive: true, encoding: "utf8" })
      .filter((f) => /\.(mdx|json)$/.test(f))
      .map((f) => [f.split(path.sep).join("/"), readFileSync(path.join(carpeta, f), "utf8")]),
  );
}

const raizDelMes = () => raizCon({ archivos: archivosDe(FIXTURE), config: { informes: { responsable: "jefatura-prensa" } } });
const carpetaInforme = (raiz: string) => path.join(raiz, "content/reportes/2026/11");
const bytesDe = (carpeta: string) =>
  Object.fromEntries(
    readdirSync(carpeta)
      .sort()
      .map((f) => [f, readFileSync(path.join(carpeta, f)).toString("base64")]),
  );

let mes: RaizDePrueba;
let otra: RaizDePrueba;
let cifras: CifrasInforme;
let salida = "";

beforeAll(() => {
  mes = raizDelMes();
  const r = prensa(["informe", "2026-11"], { PRENSA_RAIZ: mes.raiz, PRENSA_AHORA: AHORA });
  expect(r.error).toBe("");
  expect(r.codigo).toBe(0);
  salida = r.salida;
  cifras = cifrasInformeSchema.parse(JSON.parse(readFileSync(path.join(carpetaInforme(mes.raiz), "cifras.json"), "utf8")));
}, 120_000);

afterAll(() => {
  mes?.borrar();
  otra?.borrar();
});

describe("prensa informe: las cifras de un mes de prueba, exactas", () => {
  it("cuenta las notas del mes en hora de Colombia: la de las 23:30 del último día es de noviembre; el borrador, octubre y diciembre no", () => {
    const p = cifras.publicaciones;
    expect(p.notas).toBe(3);
    expect(p.porDependencia).toEqual([
      { dependencia: "secretaria-de-ambiente", nombre: "Secretaría de Ambiente y Desarrollo Rural", notas: 1 },
      { dependencia: "secretaria-de-cultura", nombre: "Secretaría de Cultura y Juventud", notas: 1 },
      { dependencia: "secretaria-de-salud", nombre: "Secretaría de Salud", notas: 1 },
    ]);
    expect(p.porSemana).toEqual([
      { desde: "2026-11-01", hasta: "2026-11-01", notas: 0 },
      { desde: "2026-11-02", hasta: "2026-11-08", notas: 1 },
      { desde: "2026-11-09", hasta: "2026-11-15", notas: 0 },
      { desde: "2026-11-16", hasta: "2026-11-22", notas: 1 },
      { desde: "2026-11-23", hasta: "2026-11-29", notas: 0 },
      { desde: "2026-11-30", hasta: "2026-11-30", notas: 1 },
    ]);
  });

  it("cuenta una vez la publicación que falló y una persona resolvió a mano, y mide la puntualidad con la mediana y el percentil 90", () => {
    const p = cifras.publicaciones;
    expect(p.porRed).toEqual([
      {
        red: "facebook",
        publicadas: 2,
        conFallaResuelta: 0,
        sinResolver: 0,
        puntualidad: { publicaciones: 2, medianaMinutos: 1, p90Minutos: 1 },
      },
      {
        red: "instagram",
        publicadas: 1,
        conFallaResuelta: 1,
        sinResolver: 0,
        puntualidad: { publicaciones: 1, medianaMinutos: 5, p90Minutos: 5 },
      },
      {
        red: "x",
        publicadas: 1,
        conFallaResuelta: 1,
        sinResolver: 0,
        puntualidad: { publicaciones: 1, medianaMinutos: 30, p90Minutos: 30 },
      },
      {
        red: "telegram",
        publicadas: 0,
        conFallaResuelta: 0,
        sinResolver: 1,
        puntualidad: { publicaciones: 0, medianaMinutos: null, p90Minutos: null },
      },
      {
        red: "mastodon",
        publicadas: 1,
        conFallaResuelta: 0,
        sinResolver: 0,
        puntualidad: { publicaciones: 1, medianaMinutos: 2, p90Minutos: 2 },
      },
    ]);
    // Delays 60, 60, 120, 300 and 1800 s (October's post, out at 23:59:40 of October 31, is not November's).
    expect(p.puntualidad).toEqual({ publicaciones: 5, medianaMinutos: 2, p90Minutos: 30 });
    expect(p.fallas).toEqual([
      {
        notaId: "2026/11/feria-del-libro",
        titulo: "Feria del libro en la plaza principal",
        red: "x",
        tipo: "manual",
        resolucion: "a-mano",
      },
      {
        notaId: "2026/11/siembra-de-arboles",
        titulo: "Siembra de árboles en la vereda Chuntame",
        red: "instagram",
        tipo: null,
        resolucion: "automatica",
      },
      {
        notaId: "2026/11/vacunacion-nocturna",
        titulo: "Jornada de vacunación nocturna en el hospital",
        red: "telegram",
        tipo: "permanente",
        resolucion: "sin-resolver",
      },
    ]);
    expect(p.correcciones).toEqual([
      { notaId: "2026/11/feria-del-libro", titulo: "Feria del libro en la plaza principal", correcciones: 1 },
    ]);
    // The share of December 1st is December's.
    expect(p.compartidos).toEqual([
      { grupo: "jovenes-cajica", nombre: "Jóvenes de Cajicá", veces: 1 },
      { grupo: "vereda-chuntame", nombre: "Vecinos de la vereda Chuntame", veces: 1 },
    ]);
  });

  it("toma seguidores de la primera y la última lectura, y vistas e interacciones de la última lectura de cada publicación del mes", () => {
    expect(cifras.alcance).toEqual({
      porRed: [
        {
          red: "facebook",
          seguidoresInicio: 1000,
          seguidoresFin: 1010,
          vistas: 150,
          alcance: 120,
          interacciones: 15,
          publicacionesMedidas: 1,
          noDisponibles: ["post_impressions"],
        },
        {
          red: "x",
          seguidoresInicio: 500,
          seguidoresFin: 505,
          vistas: 300,
          alcance: null,
          interacciones: 6,
          publicacionesMedidas: 1,
          noDisponibles: [],
        },
        {
          red: "mastodon",
          seguidoresInicio: 50,
          seguidoresFin: 50,
          vistas: null,
          alcance: null,
          interacciones: 3,
          publicacionesMedidas: 1,
          noDisponibles: [],
        },
      ],
      destacadas: [
        {
          red: "facebook",
          notaId: "2026/11/feria-del-libro",
          titulo: "Feria del libro en la plaza principal",
          url: "https://www.facebook.com/AlcaldiaDeCajica/posts/fb-feria",
          interacciones: 15,
        },
        {
          red: "x",
          notaId: "2026/11/feria-del-libro",
          titulo: "Feria del libro en la plaza principal",
          url: "https://x.com/AlcaldiaCajica/status/1",
          interacciones: 6,
        },
        {
          red: "mastodon",
          notaId: "2026/11/feria-del-libro",
          titulo: "Feria del libro en la plaza principal",
          url: "https://mastodon.social/@cajica/1",
          interacciones: 3,
        },
      ],
      diasConDatos: 2,
      diasSinDatos: Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, "0")}`).filter(
        (d) => d !== "2026-11-02" && d !== "2026-11-30",
      ),
    });
  });

  it("lee el agregado de la bandeja y el de solicitudes; la solicitud de octubre no cuenta", () => {
    expect(cifras.inquietudes).toEqual({
      recibidas: 12,
      porRed: [
        { red: "Facebook", recibidas: 7 },
        { red: "Instagram", recibidas: 3 },
        { red: "X", recibidas: 2 },
      ],
      porTipo: [
        { tipo: "Pregunta", recibidas: 8 },
        { tipo: "Petición", recibidas: 2 },
        { tipo: "Queja", recibidas: 2 },
      ],
      requierenRespuesta: 10,
      respondidas: 9,
      respondidasATiempo: 8,
      medianaHorasHabiles: 3.3,
      vencidasAlCierre: 1,
      peticiones: { recibidas: 2, radicadas: 1, trasladadas: 1 },
    });
    // 3.5625 days (November 27, 10:00 → November 30, 23:30) and 1 day: median 2.28 days.
    expect(cifras.solicitudes).toEqual({
      recibidas: 3,
      convertidasEnNota: 2,
      medianaDiasHastaPublicar: 2.3,
      porDependencia: [
        { dependencia: "secretaria-de-ambiente", nombre: "Secretaría de Ambiente y Desarrollo Rural", recibidas: 1 },
        { dependencia: "secretaria-de-cultura", nombre: "Secretaría de Cultura y Juventud", recibidas: 1 },
        { dependencia: "secretaria-de-salud", nombre: "Secretaría de Salud", recibidas: 1 },
      ],
    });
  });

  it("dice con claridad lo que no está disponible (aquí, el registro de imagen: la copia no tiene historial de git)", () => {
    expect(cifras.imagen).toBeNull();
    expect(cifras.fuentes.imagen.disponible).toBe(false);
    expect(salida).toContain("No disponible:");
    const mdx = readFileSync(path.join(carpetaInforme(mes.raiz), "informe.mdx"), "utf8");
    expect(mdx).toMatch(/## Cambios de imagen institucional\n\nNo disponible: /);
  });

  it("la mediana y el percentil 90 (rango más cercano) son los de la definición", () => {
    expect(mediana([])).toBeNull();
    expect(mediana([5, 1, 3])).toBe(3);
    expect(mediana([4, 1, 3, 2])).toBe(2.5);
    expect(percentil([60, 60, 120, 300, 1800], 90)).toBe(1800);
    expect(
      percentil(
        Array.from({ length: 10 }, (_, i) => i + 1),
        90,
      ),
    ).toBe(9);
  });
});

describe("prensa informe: los archivos", () => {
  it("escribe el MDX, las cifras, un SVG y un CSV por gráfico, un CSV por tabla y el PDF", () => {
    expect(readdirSync(carpetaInforme(mes.raiz)).sort()).toEqual([
      "alcance-por-red.csv",
      "atencion-cifras.csv",
      "atencion-por-red.csv",
      "atencion-por-red.svg",
      "atencion-por-tipo.csv",
      "cifras.json",
      "correcciones.csv",
      "grupos-comunitarios.csv",
      "informe-2026-11.pdf",
      "informe.mdx",
      "interacciones-por-red.csv",
      "interacciones-por-red.svg",
      "notas-por-dependencia.csv",
      "notas-por-dependencia.svg",
      "notas-por-semana.csv",
      "notas-por-semana.svg",
      "publicaciones-destacadas.csv",
      "publicaciones-por-red.csv",
      "publicaciones-por-red.svg",
      "solicitudes-cifras.csv",
      "solicitudes-por-dependencia.csv",
    ]);
    const csv = readFileSync(path.join(carpetaInforme(mes.raiz), "publicaciones-por-red.csv"), "utf8");
    expect(csv).toBe(
      [
        "Red,Publicaciones,Con falla resuelta,Sin resolver,Mediana de demora (min),Percentil 90 de demora (min)",
        "Facebook,2,0,0,1,1",
        "Instagram,1,1,0,5,5",
        "X,1,1,0,30,30",
        "Telegram,0,0,1,,",
        "Mastodon,1,0,0,2,2",
        "",
      ].join("\r\n"),
    );
  });

  it("vuelve a generar el mismo mes con bytes idénticos, también desde otra carpeta", () => {
    const antes = bytesDe(carpetaInforme(mes.raiz));
    const r = prensa(["informe", "2026-11"], { PRENSA_RAIZ: mes.raiz, PRENSA_AHORA: AHORA });
    expect(r.codigo).toBe(0);
    expect(r.salida).not.toMatch(/\((creado|actualizado|borrado)\)/);
    expect(bytesDe(carpetaInforme(mes.raiz))).toEqual(antes);
    otra = raizDelMes();
    // Another day: the month is over, nothing of it changes.
    expect(prensa(["informe", "2026-11"], { PRENSA_RAIZ: otra.raiz, PRENSA_AHORA: "2027-03-15T16:20:00-05:00" }).codigo).toBe(0);
    expect(bytesDe(carpetaInforme(otra.raiz))).toEqual(antes);
  }, 120_000);

  it("el PDF pasa qpdf --check y declara PDF/A-2b en sus metadatos XMP, con fechas del mes y no del reloj", () => {
    const pdf = path.join(carpetaInforme(mes.raiz), "informe-2026-11.pdf");
    const check = execFileSync("qpdf", ["--check", pdf], { encoding: "utf8" });
    expect(check).toContain("No syntax or stream encoding errors found");
    const texto = readFileSync(pdf).toString("latin1");
    expect(texto).toContain("<pdfaid:part>2</pdfaid:part>");
    expect(texto).toContain("<pdfaid:conformance>B</pdfaid:conformance>");
    expect(texto).toContain("<xmp:CreateDate>2026-12-01T05:00:00Z</xmp:CreateDate>");
    expect(texto).toContain("/OutputIntents");
    expect(texto).toMatch(/\/FontName \/[A-Z]{6}\+WorkSans-Regular/);
  });
});

describe("prensa validar con informes", () => {
  it("falla mientras «Conclusiones y compromisos» tenga el texto pendiente, y luego exige rehacer el PDF", () => {
    const env = { PRENSA_RAIZ: mes.raiz, PRENSA_AHORA: AHORA };
    const mdx = path.join(carpetaInforme(mes.raiz), "informe.mdx");
    const reglas = () => {
      const r = prensa(["validar", "--formato", "json", mdx], env);
      return {
        codigo: r.codigo,
        reglas: (JSON.parse(r.salida) as { regla: string; severidad: string }[])
          .filter((h) => h.severidad === "error")
          .map((h) => h.regla),
      };
    };
    expect(reglas()).toEqual({ codigo: 1, reglas: ["informe/conclusiones-pendientes"] });
    const texto = readFileSync(mdx, "utf8");
    const escrito = texto.replace(
      /\{\/\* convergente:conclusiones-pendientes \*\/\}\n\n\*\*Pendiente:\*\*[^\n]*/,
      "La oficina publicó a tiempo casi todo el mes.\n\n- Compromiso: revisar el canal de Telegram antes del 5 de diciembre.",
    );
    writeFileSync(mdx, escrito);
    expect(reglas()).toEqual({ codigo: 1, reglas: ["informe/pdf-desactualizado"] });
    expect(prensa(["informe", "2026-11"], env).codigo).toBe(0);
    expect(readFileSync(mdx, "utf8")).toContain("- Compromiso: revisar el canal de Telegram antes del 5 de diciembre.");
    expect(reglas()).toEqual({ codigo: 0, reglas: [] });
  }, 120_000);

  it("una cifra sin definición en el glosario, un gráfico sin texto alternativo o sin su tabla, y una oración de más de 30 palabras son errores", () => {
    const env = { PRENSA_RAIZ: mes.raiz, PRENSA_AHORA: AHORA };
    const mdx = path.join(carpetaInforme(mes.raiz), "informe.mdx");
    const bueno = readFileSync(mdx, "utf8");
    const largo = Array.from({ length: 32 }, (_, i) => `palabra${i}`).join(" ");
    const malo = bueno
      .replace("| Semana | Notas publicadas |", "| Semana | Notas nuevas |")
      .replace(/(<img src="\.\/notas-por-dependencia\.svg") alt="[^"]*"/, '$1 alt=""')
      .replace(
        /(id="grafico-publicaciones-por-red">[\s\S]*?<\/figure>\n\n)\*\*Publicaciones en redes y puntualidad\*\*[^\n]*\n\n(\|[^\n]*\n)+/,
        "$1",
      )
      .replace("El sitio publicó 3 notas en el mes.", `El sitio publicó ${largo}.`);
    writeFileSync(mdx, malo);
    const r = prensa(["validar", "--formato", "json", mdx], env);
    const errores = (JSON.parse(r.salida) as { regla: string; severidad: string; mensaje: string }[]).filter(
      (h) => h.severidad === "error",
    );
    expect(r.codigo).toBe(1);
    expect(errores.map((h) => h.regla).sort()).toEqual([
      "informe/cifra-sin-definir",
      "informe/grafico-sin-alternativa",
      "informe/grafico-sin-tabla",
      "informe/pdf-desactualizado",
      "lenguaje/oracion-muy-larga",
    ]);
    expect(errores.find((h) => h.regla === "informe/cifra-sin-definir")!.mensaje).toContain("«Notas nuevas»");
    writeFileSync(mdx, bueno);
  });
});

describe("los gráficos", () => {
  let navegador: Browser;
  beforeAll(async () => {
    navegador = await abrirNavegador();
  });
  afterAll(async () => {
    await navegador?.close();
  });

  it("cada SVG se dibuja en Chromium con su tamaño, con texto y barras, y lleva su texto alternativo en español", async () => {
    const carpeta = carpetaInforme(mes.raiz);
    const svgs = readdirSync(carpeta).filter((f) => f.endsWith(".svg"));
    expect(svgs).toHaveLength(5);
    const pagina = await navegador.newPage();
    for (const f of svgs) {
      const svg = readFileSync(path.join(carpeta, f), "utf8");
      expect(svg).not.toMatch(/aria-label="[^"]*(axis|titled|scale)/i);
      expect(svg).toMatch(/^<svg role="img" aria-label="Gráfico de barras de /);
      await pagina.setContent(
        `<!doctype html><img id="g" src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}">`,
      );
      const dibujo = await pagina.evaluate(async () => {
        const img = document.getElementById("g") as HTMLImageElement;
        await img.decode();
        const lienzo = document.createElement("canvas");
        lienzo.width = img.naturalWidth;
        lienzo.height = img.naturalHeight;
        const ctx = lienzo.getContext("2d")!;
        ctx.drawImage(img, 0, 0);
        const datos = ctx.getImageData(0, 0, lienzo.width, lienzo.height).data;
        let azul = 0;
        let oscuro = 0;
        for (let i = 0; i < datos.length; i += 4) {
          if (datos[i] === 0 && datos[i + 1] === 0x48 && datos[i + 2] === 0x84) azul++;
          if (datos[i]! < 80 && datos[i + 1]! < 80 && datos[i + 2]! < 80) oscuro++;
        }
        return { ancho: img.naturalWidth, alto: img.naturalHeight, azul, oscuro };
      });
      expect({ f, ancho: dibujo.ancho > 100, alto: dibujo.alto > 50 }).toEqual({ f, ancho: true, alto: true });
      // Bars in the institutional blue, and dark text (labels, axis titles).
      expect({ f, barras: dibujo.azul > 200, texto: dibujo.oscuro > 100 }).toEqual({ f, barras: true, texto: true });
    }
    await pagina.close();
  }, 120_000);
});
