import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { RAIZ } from "../../scripts/lib/content/paths.ts";
import { instantaneaMetricasSchema } from "../../scripts/lib/content/schema/metricas.ts";
import { leerRegistros } from "../../scripts/lib/ledger/almacen.ts";
import { datosDeMuestra, DIA_RETIRO, DIA_SIN_DATOS } from "../../scripts/muestras/generar-publicaciones.ts";
import { raizCon, type RaizDePrueba } from "../ayudas/raiz.ts";

const listar = (raiz: string, carpeta: string): string[] => {
  const base = path.join(raiz, carpeta);
  if (!existsSync(base)) return [];
  return (readdirSync(base, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".json"))
    .map((f) => `${carpeta}/${f.split(path.sep).join("/")}`)
    .sort();
};

let raiz: RaizDePrueba | undefined;
afterEach(() => {
  raiz?.borrar();
  raiz = undefined;
});

describe("registros y métricas de muestra", () => {
  const archivos = datosDeMuestra(RAIZ);

  it("el generador da exactamente los archivos del repositorio, byte a byte (si cambia una nota de muestra, vuelva a generarlos)", () => {
    const enDisco = [
      ...listar(RAIZ, "content/publicaciones").filter((f) => f !== "content/publicaciones/agenda.json"),
      ...listar(RAIZ, "content/reportes/datos").filter((f) => /\/metricas-[^/]+\.json$/.test(f)),
    ].sort();
    expect([...archivos.keys()].sort()).toEqual(enDisco);
    for (const [relativa, texto] of archivos) expect(readFileSync(path.join(RAIZ, relativa), "utf8"), relativa).toBe(texto);
  });

  it("las notas publicadas hasta el 23 de noviembre tienen registro de ejemplo; las recientes, las programadas y el borrador no", () => {
    const registros = leerRegistros(RAIZ);
    expect([...registros.keys()].sort()).toEqual([
      "2026/10/adulto-mayor",
      "2026/10/biblioteca-publica",
      "2026/10/siembra-arboles",
      "2026/10/simulacro-sismo",
      "2026/11/ciclovia-sabana",
      "2026/11/consejo-juventud",
      "2026/11/escuela-musica",
      "2026/11/festival-campesino",
      "2026/11/jornada-vacunacion",
      "2026/11/mantenimiento-parques",
      "2026/11/matriculas-colegios",
      "2026/11/obras-calle-septima",
    ]);
    for (const r of registros.values()) {
      expect(r.ejemplo, r.notaId).toBe(true);
      for (const e of Object.values(r.redes)) expect(e.estado, r.notaId).toBe("publicado");
    }
    // The note with a correction shows it on every network (edited or answered once).
    const vacunacion = registros.get("2026/11/jornada-vacunacion")!;
    for (const [red, e] of Object.entries(vacunacion.redes)) {
      expect(e.version, red).toBe("correccion-1");
      expect(
        e.correcciones.map((c) => [c.version, c.estado]),
        red,
      ).toEqual([["correccion-1", "publicado"]]);
    }
    // One post was resolved by hand after its outcome was lost.
    expect(registros.get("2026/10/simulacro-sismo")!.redes.telegram?.resolucion).toMatchObject({
      accion: "publicado",
      estadoPrevio: "incierto",
    });
  });

  it("hay una foto de métricas por día de noviembre menos uno (un hueco), válidas, de ejemplo y con una métrica retirada desde el 15", () => {
    const fotos = [...archivos].filter(([f]) => f.startsWith("content/reportes/datos/"));
    expect(fotos).toHaveLength(29);
    expect(fotos.some(([f]) => f.endsWith(`metricas-${DIA_SIN_DATOS}.json`))).toBe(false);
    for (const [archivo, texto] of fotos) {
      const foto = instantaneaMetricasSchema.parse(JSON.parse(texto));
      expect(foto.ejemplo).toBe(true);
      expect(archivo).toBe(`content/reportes/datos/2026/11/metricas-${foto.fecha}.json`);
      expect(Object.keys(foto.redes)).toEqual(["facebook", "instagram", "x", "telegram", "mastodon", "bluesky"]);
      const clics = foto.redes.facebook!.publicaciones.map((p) => p.detalle.post_clicks);
      if (foto.fecha >= DIA_RETIRO) {
        expect(foto.redes.facebook!.noDisponibles).toEqual(["post_clicks"]);
        expect(clics.every((c) => c === null)).toBe(true);
      } else expect(clics.every((c) => typeof c === "number")).toBe(true);
    }
    // Followers grow and lifetime figures never go down from one day to the next.
    const primera = instantaneaMetricasSchema.parse(JSON.parse(fotos[0]![1]));
    const ultima = instantaneaMetricasSchema.parse(JSON.parse(fotos.at(-1)![1]));
    expect(ultima.redes.facebook!.cuenta!.seguidores!).toBeGreaterThan(primera.redes.facebook!.cuenta!.seguidores!);
    const antes = new Map(primera.redes.x!.publicaciones.map((p) => [p.idRemoto, p.interacciones!]));
    for (const p of ultima.redes.x!.publicaciones)
      if (antes.has(p.idRemoto)) expect(p.interacciones!).toBeGreaterThanOrEqual(antes.get(p.idRemoto)!);
  });
});

describe("quitar la muestra al adoptar Convergente", () => {
  it("quita los registros, los datos y los informes marcados como ejemplo y las carpetas vacías; nunca los reales", () => {
    const real = JSON.parse(
      readFileSync(path.join(RAIZ, "content/publicaciones/2026/11/festival-campesino.json"), "utf8"),
    ) as Record<string, unknown>;
    delete real.ejemplo;
    const fotoReal = JSON.parse(
      readFileSync(path.join(RAIZ, "content/reportes/datos/2026/11/metricas-2026-11-30.json"), "utf8"),
    ) as Record<string, unknown>;
    delete fotoReal.ejemplo;
    raiz = raizCon({
      delRepositorio: ["content/publicaciones", "content/reportes"],
      archivos: {
        "content/reportes/2026/12/informe.mdx": "---\ntitulo: Informe de diciembre de 2026\n---\n\nUn informe real.\n",
        "content/publicaciones/2026/12/festival-campesino.json": JSON.stringify({
          ...real,
          notaId: "2026/12/festival-campesino",
        }),
        "content/reportes/datos/2026/12/metricas-2026-12-01.json": JSON.stringify({ ...fotoReal, fecha: "2026-12-01" }),
      },
    });
    const salida = execFileSync(process.execPath, [path.join(RAIZ, "scripts/muestras/quitar-muestra.ts"), "--raiz", raiz.raiz], {
      encoding: "utf8",
    });
    const datos = listar(RAIZ, "content/reportes/datos").length;
    const informes = existsSync(path.join(RAIZ, "content/reportes/2026/11/informe.mdx")) ? 1 : 0;
    expect(salida).toBe(
      `Se quitaron 12 registros de publicaciones, ${datos} archivos de datos de los informes y ${informes} informes de muestra.\n`,
    );
    expect(existsSync(path.join(raiz.raiz, "content/reportes/2026/11"))).toBe(false);
    expect(readFileSync(path.join(raiz.raiz, "content/reportes/2026/12/informe.mdx"), "utf8")).toContain("Un informe real.");
    expect([...listar(raiz.raiz, "content/publicaciones"), ...listar(raiz.raiz, "content/reportes/datos")]).toEqual([
      "content/publicaciones/2026/12/festival-campesino.json",
      "content/reportes/datos/2026/12/metricas-2026-12-01.json",
    ]);
    expect(existsSync(path.join(raiz.raiz, "content/publicaciones/2026/11"))).toBe(false);
    expect(existsSync(path.join(raiz.raiz, "content/reportes/datos/2026/11"))).toBe(false);
    expect(datos).toBeGreaterThanOrEqual(29);
  });
});
