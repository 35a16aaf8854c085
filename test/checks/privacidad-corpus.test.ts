import { describe, it, expect } from "vitest";
import { cargarInstitucion } from "../../scripts/lib/content/index.ts";
import { detectarDatosPersonales, excepcionesDe } from "../../scripts/lib/checks/datos-personales.ts";
import { RAIZ } from "../ayudas/raiz.ts";
import { CORPUS_PRIVACIDAD } from "./corpus-privacidad.ts";

const excepciones = excepcionesDe(cargarInstitucion(RAIZ));

describe("detector de datos personales sobre el corpus etiquetado", () => {
  it("tiene al menos 150 oraciones, la mitad negativas engañosas, sin repetir ninguna", () => {
    expect(CORPUS_PRIVACIDAD.length).toBeGreaterThanOrEqual(150);
    const positivas = CORPUS_PRIVACIDAD.filter(([, d]) => d).length;
    expect(positivas).toBeGreaterThanOrEqual(60);
    expect(CORPUS_PRIVACIDAD.length - positivas).toBeGreaterThanOrEqual(CORPUS_PRIVACIDAD.length / 2);
    expect(new Set(CORPUS_PRIVACIDAD.map(([t]) => t)).size).toBe(CORPUS_PRIVACIDAD.length);
  });

  it("alcanza exhaustividad >= 0,95 y precisión >= 0,90", () => {
    let vp = 0;
    let fp = 0;
    let fn = 0;
    const errores: string[] = [];
    for (const [texto, tieneDatos] of CORPUS_PRIVACIDAD) {
      const hallados = detectarDatosPersonales(texto, excepciones);
      if (hallados.length && tieneDatos) vp++;
      else if (hallados.length && !tieneDatos) {
        fp++;
        errores.push(`falso positivo: ${texto} → ${hallados.map((h) => `${h.tipo}«${h.fragmento}»`).join(", ")}`);
      } else if (!hallados.length && tieneDatos) {
        fn++;
        errores.push(`no detectado: ${texto}`);
      }
    }
    const exhaustividad = vp / (vp + fn);
    const precision = vp / (vp + fp);
    console.log(
      `Detector de datos personales: exhaustividad ${exhaustividad.toFixed(3)}, precisión ${precision.toFixed(3)} (${CORPUS_PRIVACIDAD.length} oraciones; VP ${vp}, FP ${fp}, FN ${fn})`,
    );
    if (errores.length) console.log(errores.join("\n"));
    expect(exhaustividad).toBeGreaterThanOrEqual(0.95);
    expect(precision).toBeGreaterThanOrEqual(0.9);
  });

  it("señala el fragmento exacto del dato", () => {
    const texto = "Escriba a andres.moreno@outlook.com o llame al 310 555 1234.";
    const hallados = detectarDatosPersonales(texto, excepciones);
    expect(hallados.map((h) => [h.tipo, h.fragmento])).toEqual([
      ["correo", "andres.moreno@outlook.com"],
      ["telefono", "310 555 1234"],
    ]);
    for (const h of hallados) expect(texto.slice(h.inicio, h.fin)).toBe(h.fragmento);
  });
});
