import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { cargarInstitucion, REDES, type Institucion, type Red } from "../../scripts/lib/content/index.ts";
import {
  textoParaRed,
  textoErrata,
  contarPara,
  limiteDe,
  hashtagDe,
  graphemes,
  bytesUtf8,
  type TextoRed,
} from "../../scripts/lib/copy/index.ts";
import type { Nota } from "../../scripts/lib/content/notas.ts";
import { RAIZ } from "../ayudas/raiz.ts";

const institucion = cargarInstitucion(RAIZ);
const URL_NOTA = "/noticias/2026/11/festival-del-campesino/";
const URL_COMPLETA = `${institucion.sitio}${URL_NOTA}`;

type NotaTexto = Pick<Nota, "datos" | "url">;
function nota(d: {
  titulo?: string;
  resumen?: string;
  etiquetas?: string[];
  canales?: { red: Red; texto?: string }[];
  imagen?: boolean;
  correcciones?: string[];
  url?: string;
}): NotaTexto {
  return {
    url: d.url ?? URL_NOTA,
    datos: {
      titulo: d.titulo ?? "Cajicá celebra el Festival del Campesino con música y mercados",
      resumen:
        d.resumen ??
        "Más de 3.000 personas asistieron al parque principal para celebrar a las familias campesinas de las veredas del municipio, con música carranguera y mercado agroecológico.",
      publicar: new Date("2026-11-20T08:00:00-05:00"),
      dependencia: "secretaria-de-cultura",
      autor: "Oficina de Prensa",
      etiquetas: d.etiquetas ?? ["cultura campesina", "mercados"],
      imagen: d.imagen ? { src: "foto.jpg", alt: "Silleteros desfilan por el parque principal" } : undefined,
      canales: d.canales ?? [],
      urgente: false,
      borrador: false,
      privacidad: { datosPersonales: "ninguno" },
      correcciones: (d.correcciones ?? []).map((descripcion) => ({ fecha: new Date("2026-11-21T10:00:00-05:00"), descripcion })),
      trd: institucion.trd,
      destacada: false,
    },
  };
}

/** The checks every derived text must pass, whatever the input. */
function comprobarDerivado(t: TextoRed, inst: Institucion, n: NotaTexto) {
  expect(t.propio).toBe(false);
  expect(t.cabe).toBe(true);
  expect(t.longitud).toBe(contarPara(t.red, t.texto));
  expect(t.longitud).toBeLessThanOrEqual(t.limite);
  expect(t.limite).toBe(limiteDe(t.red, inst, Boolean(n.datos.imagen)));
  if (t.red === "bluesky") {
    expect(graphemes(t.texto)).toBeLessThanOrEqual(300);
    expect(bytesUtf8(t.texto)).toBeLessThanOrEqual(3000);
  }
  const url = `${inst.sitio}${n.url}`;
  if (t.red === "instagram") {
    expect(t.texto).not.toContain(url);
    expect(t.texto).toContain("enlace de la biografía");
    expect(t.enlace).toBeUndefined();
    expect(t.hashtags.length).toBeLessThanOrEqual(30);
  } else {
    // The link is always complete and its offsets point at it, in UTF-16 and in UTF-8 bytes.
    expect(t.enlace?.url).toBe(url);
    expect(t.texto.slice(t.enlace!.inicio, t.enlace!.fin)).toBe(url);
    const bytes = Buffer.from(t.texto, "utf8");
    expect(bytes.subarray(t.enlace!.byteStart, t.enlace!.byteEnd).toString("utf8")).toBe(url);
  }
  // Never cut mid-word: every paragraph before the link is the title or summary, or a prefix of
  // it ending at a word boundary followed by "…".
  const parrafos = t.texto.split("\n\n");
  const fuentes = [n.datos.titulo.trim(), n.datos.resumen.trim()];
  for (const p of parrafos) {
    if (p === url || p.startsWith("Lea la nota") || p.startsWith("#")) continue;
    if (fuentes.includes(p)) continue;
    expect(p.endsWith("…")).toBe(true);
    const base = p.slice(0, -1);
    const fuente = fuentes.find((f) => f.startsWith(base));
    expect(fuente, `«${p}» no sale del título ni del resumen`).toBeDefined();
    const siguiente = fuente!.slice(base.length);
    expect(siguiente === "" || /^[\s,;:.\-–—(«"“]/u.test(siguiente)).toBe(true);
  }
}

describe("conversión del mensaje a cada red", () => {
  it("arma el texto con título, resumen, enlace y hashtags cuando cabe", () => {
    const n = nota({});
    const t = textoParaRed(n, "facebook", institucion);
    expect(t.texto).toBe([n.datos.titulo, n.datos.resumen, URL_COMPLETA, "#CulturaCampesina #Mercados"].join("\n\n"));
    expect(t.hashtags).toEqual(["#CulturaCampesina", "#Mercados"]);
    comprobarDerivado(t, institucion, n);
  });

  it("acorta el resumen en X en un límite de palabra con puntos suspensivos y cuenta el enlace como 23", () => {
    const n = nota({});
    const t = textoParaRed(n, "x", institucion);
    comprobarDerivado(t, institucion, n);
    expect(t.texto).toContain("…");
    expect(t.texto).toContain(URL_COMPLETA);
    // twitter-text: the 70-character URL weighs 23.
    expect(contarPara("x", URL_COMPLETA)).toBe(23);
  });

  it("en X los emojis y los caracteres CJK pesan 2", () => {
    expect(contarPara("x", "🎉")).toBe(2);
    expect(contarPara("x", "漢字")).toBe(4);
    expect(contarPara("x", "á")).toBe(1);
  });

  it("en Bluesky cuenta grafemas, no unidades de código, y da el enlace en bytes UTF-8", () => {
    expect(contarPara("bluesky", "👨‍👩‍👧‍👦 ñandú")).toBe(7);
    const n = nota({ titulo: "Cajicá 🎉 celebra el Festival del Campesino con música" });
    const t = textoParaRed(n, "bluesky", institucion);
    comprobarDerivado(t, institucion, n);
    expect(t.enlace!.byteStart).toBeGreaterThan(t.enlace!.inicio);
  });

  it("en Mastodon usa el límite de la instancia configurada y cuenta los enlaces como 23", () => {
    const inst: Institucion = structuredClone(institucion);
    inst.redes.mastodon!.opciones = { ...inst.redes.mastodon!.opciones, limite: 200 };
    expect(limiteDe("mastodon", inst)).toBe(200);
    const n = nota({});
    const t = textoParaRed(n, "mastodon", inst);
    comprobarDerivado(t, inst, n);
    expect(t.limite).toBe(200);
    expect(contarPara("mastodon", `Hola ${URL_COMPLETA}`)).toBe(5 + 23);
    expect(contarPara("mastodon", "@cajica@mastodon.social")).toBe("@cajica".length);
  });

  it("en Instagram no pone el enlace sino la indicación de la biografía", () => {
    const n = nota({ imagen: true });
    const t = textoParaRed(n, "instagram", institucion);
    comprobarDerivado(t, institucion, n);
    expect(t.texto).toContain("Lea la nota completa en el enlace de la biografía (@alcaldiacajica).");
  });

  it("en Telegram con imagen usa el límite de la leyenda de la foto (1.024)", () => {
    expect(textoParaRed(nota({ imagen: true }), "telegram", institucion).limite).toBe(1024);
    expect(textoParaRed(nota({}), "telegram", institucion).limite).toBe(4096);
  });

  it("nunca recorta el texto propio del editor: lo marca como que no cabe", () => {
    const largo = `${"Palabra ".repeat(60)}final`;
    const n = nota({ canales: [{ red: "x", texto: largo }] });
    const t = textoParaRed(n, "x", institucion);
    expect(t.propio).toBe(true);
    expect(t.texto).toBe(largo);
    expect(t.cabe).toBe(false);
    expect(t.motivo).toMatch(/máximo en X es 280/);
  });

  it("respeta el texto propio que cabe y encuentra su enlace", () => {
    const texto = `¡Llegó el festival! Toda la programación en ${URL_COMPLETA} #Cajicá`;
    const t = textoParaRed(nota({ canales: [{ red: "bluesky", texto }] }), "bluesky", institucion);
    expect(t).toMatchObject({ propio: true, cabe: true, texto, hashtags: ["#Cajicá"] });
    expect(t.enlace?.url).toBe(URL_COMPLETA);
  });

  it("marca un texto de Instagram con más de 30 hashtags", () => {
    const texto = Array.from({ length: 31 }, (_, i) => `#Tema${String.fromCharCode(65 + (i % 26))}${i}`).join(" ");
    const t = textoParaRed(nota({ canales: [{ red: "instagram", texto }] }), "instagram", institucion);
    expect(t.cabe).toBe(false);
    expect(t.motivo).toMatch(/31 hashtags/);
  });

  it("convierte etiquetas en hashtags conservando las tildes", () => {
    expect(hashtagDe("salud pública")).toBe("#SaludPública");
    expect(hashtagDe("vía cajicá-zipaquirá")).toBe("#VíaCajicáZipaquirá");
    expect(hashtagDe("covid-19")).toBe("#Covid19");
    expect(hashtagDe("2026")).toBeUndefined();
  });

  it("arma la fe de erratas con la última corrección y el enlace", () => {
    const n = nota({ correcciones: ["primera corrección de prueba", "el desfile es el sábado 21 y no el domingo 22."] });
    const t = textoErrata(n, "x", institucion);
    expect(t.texto).toBe(`Fe de erratas: el desfile es el sábado 21 y no el domingo 22. ${URL_COMPLETA}`);
    expect(t.cabe).toBe(true);
    const ig = textoErrata(n, "instagram", institucion);
    expect(ig.texto).not.toContain(URL_COMPLETA);
  });
});

describe("propiedades: un texto derivado nunca pasa el límite de ninguna red", () => {
  const palabra = fc.oneof(
    fc.stringMatching(/^[a-záéíóúñü]{1,14}$/),
    fc.constantFrom("🎉", "👨‍👩‍👧‍👦", "漢字", "Cajicá", "3.000", "$1.500.000", "e\u0301", "«hola»", "—"),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }).filter((s) => !/\s/u.test(s)),
  );
  const frase = (max: number) => fc.array(palabra, { minLength: 1, maxLength: max }).map((ps) => ps.join(" ").trim() || "texto");
  const etiqueta = fc.stringMatching(/^[a-záéíóúñ0-9]{2,12}( [a-záéíóúñ0-9]{2,12}){0,2}$/);
  const notaArb = fc.record({
    titulo: frase(40),
    resumen: frase(120),
    etiquetas: fc.array(etiqueta, { maxLength: 10 }),
    imagen: fc.boolean(),
    slug: fc.stringMatching(/^[a-z0-9]{1,30}(-[a-z0-9]{1,20}){0,6}$/),
  });

  it("en las seis redes, con cualquier título, resumen, etiquetas, emoji y límite de Mastodon", () => {
    fc.assert(
      fc.property(notaArb, fc.integer({ min: 150, max: 5000 }), (d, limiteMastodon) => {
        const inst: Institucion = structuredClone(institucion);
        inst.redes.mastodon!.opciones = { ...inst.redes.mastodon!.opciones, limite: limiteMastodon };
        const n = nota({ ...d, url: `/noticias/2026/11/${d.slug}/` });
        for (const red of REDES) comprobarDerivado(textoParaRed(n, red, inst), inst, n);
      }),
      { numRuns: 300 },
    );
  });

  it("la fe de erratas tampoco pasa el límite", () => {
    fc.assert(
      fc.property(frase(200), (descripcion) => {
        const n = nota({ correcciones: [descripcion] });
        for (const red of REDES) {
          const t = textoErrata(n, red, institucion);
          expect(t.cabe).toBe(true);
          expect(t.texto.startsWith("Fe de erratas:")).toBe(true);
          if (red !== "instagram") expect(t.texto.endsWith(URL_COMPLETA)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
