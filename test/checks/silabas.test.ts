import { describe, it, expect } from "vitest";
import { silabas, legibilidad, oraciones, escalaInflesz, escalaFernandezHuerta } from "../../scripts/lib/checks/silabas.ts";

/** Spanish words with their orthographic syllable count (RAE, Ortografía 2010). */
const PALABRAS: [string, number][] = [
  ["casa", 2],
  ["árbol", 2],
  ["murciélago", 4],
  ["ciudad", 2],
  ["cuidado", 3],
  ["día", 2],
  ["país", 2],
  ["reúne", 3],
  ["búho", 2],
  ["ahí", 2],
  ["prohíbe", 3],
  ["río", 2],
  ["tío", 2],
  ["guerra", 2],
  ["queso", 2],
  ["quince", 2],
  ["guitarra", 3],
  ["pingüino", 3],
  ["vergüenza", 3],
  ["agüero", 3],
  ["cigüeña", 3],
  ["agua", 2],
  ["huevo", 2],
  ["hielo", 2],
  ["buey", 1],
  ["Uruguay", 3],
  ["Paraguay", 3],
  ["muy", 1],
  ["hoy", 1],
  ["rey", 1],
  ["ley", 1],
  ["leyes", 2],
  ["ayuda", 3],
  ["yo", 1],
  ["y", 1],
  ["poeta", 3],
  ["teatro", 3],
  ["aéreo", 4],
  ["área", 3],
  ["zoológico", 5],
  ["leer", 2],
  ["creer", 2],
  ["caer", 2],
  ["oír", 2],
  ["reír", 2],
  ["leído", 3],
  ["maíz", 2],
  ["baúl", 2],
  ["raíz", 2],
  ["ataúd", 3],
  ["aula", 2],
  ["causa", 2],
  ["fuente", 2],
  ["bueno", 2],
  ["tierra", 2],
  ["piedra", 2],
  ["viento", 2],
  ["nieve", 2],
  ["ciencia", 2],
  ["cien", 1],
  ["diez", 1],
  ["seis", 1],
  ["veinte", 2],
  ["treinta", 2],
  ["aire", 2],
  ["peine", 2],
  ["boina", 2],
  ["oigo", 2],
  ["ruido", 2],
  ["fui", 1],
  ["fue", 1],
  ["huir", 1],
  ["construir", 2],
  ["jesuita", 3],
  ["Alcaldía", 4],
  ["Cajicá", 3],
  ["Secretaría", 5],
  ["educación", 4],
  ["información", 4],
  ["comunicación", 5],
  ["municipio", 4],
  ["ciudadanía", 5],
  ["participación", 5],
  ["estudiantes", 4],
  ["adolescentes", 5],
  ["vacunación", 4],
  ["biblioteca", 4],
  ["programación", 4],
  ["sábado", 3],
  ["miércoles", 3],
  ["jueves", 2],
  ["diciembre", 3],
  ["noviembre", 3],
  ["oficina", 4],
  ["prensa", 2],
  ["público", 3],
  ["salud", 2],
  ["niño", 2],
  ["familia", 3],
  ["cultura", 3],
  ["música", 3],
  ["campesino", 4],
  ["mercado", 3],
  ["parque", 2],
  ["transporte", 3],
  ["instituto", 4],
  ["constitución", 4],
  ["continuación", 4],
  ["averigüéis", 4],
  ["limpiáis", 2],
  ["estudiáis", 3],
  ["guion", 1],
  ["Sofía", 3],
  ["María", 3],
  ["Raúl", 2],
  ["Luis", 1],
  ["Díaz", 2],
  ["Ruiz", 1],
  ["Andrés", 2],
  ["Colombia", 3],
  ["Bogotá", 3],
  ["seguridad", 4],
  ["ambiente", 3],
  ["desarrollo", 4],
  ["hacienda", 3],
  ["obras", 2],
  ["acueducto", 4],
  ["alcantarillado", 6],
  ["pedagogía", 5],
  ["caía", 3],
  ["sonreír", 3],
  ["geografía", 5],
  ["increíble", 4],
  ["feo", 2],
  ["peor", 2],
  ["océano", 4],
  ["héroe", 3],
  ["creían", 3],
  ["actúa", 3],
  ["continúe", 4],
  ["acentúa", 4],
  ["paella", 3],
  ["cohete", 3],
  ["rehúsa", 3],
  ["vehículo", 4],
  ["ahora", 3],
  ["búsqueda", 3],
  ["lingüística", 4],
  ["destruí", 2],
  ["construí", 2],
  ["casuística", 4],
  ["cuídate", 3],
  ["ñandú", 2],
  ["Cundinamarca", 5],
  ["Zipaquirá", 4],
  ["Tocancipá", 4],
  ["Chía", 2],
  ["Sopó", 2],
  ["Chuntame", 3],
  ["Capellanía", 5],
  ["chiita", 3],
  ["ahumado", 4],
  ["guía", 2],
  ["Jacinto", 3],
  ["whatsapp", 2],
];

describe("contador de sílabas del español", () => {
  it(`cuenta bien las sílabas de ${PALABRAS.length} palabras (diptongos, hiatos con tilde, qu/gu, ü, y final)`, () => {
    expect(PALABRAS.length).toBeGreaterThanOrEqual(100);
    const errores = PALABRAS.filter(([p, n]) => silabas(p) !== n).map(([p, n]) => `${p}: esperadas ${n}, contadas ${silabas(p)}`);
    expect(errores).toEqual([]);
  });

  it("no cuenta números ni signos como sílabas", () => {
    expect(silabas("2026")).toBe(0);
    expect(silabas("¡Hola!")).toBe(2);
  });
});

describe("legibilidad (Fernández-Huerta e INFLESZ)", () => {
  it("aplica las fórmulas con sílabas, palabras y oraciones", () => {
    // 8 words, 15 syllables, 2 sentences.
    const texto = "La casa es bonita. El parque tiene flores.";
    const l = legibilidad(texto)!;
    expect(l.palabras).toBe(8);
    expect(l.silabas).toBe(1 + 2 + 1 + 3 + 1 + 2 + 2 + 2);
    expect(l.oraciones).toBe(2);
    expect(l.fernandezHuerta).toBeCloseTo(206.84 - 0.6 * ((14 / 8) * 100) - 1.02 * ((2 / 8) * 100), 5);
    expect(l.inflesz).toBeCloseTo(206.835 - 62.3 * (14 / 8) - 8 / 2, 5);
  });

  it("usa las palabras de cada escala", () => {
    expect([30, 50, 60, 70, 85].map(escalaInflesz)).toEqual([
      "muy difícil",
      "algo difícil",
      "normal",
      "bastante fácil",
      "muy fácil",
    ]);
    expect([20, 40, 55, 65, 75, 85, 95].map(escalaFernandezHuerta)).toEqual([
      "muy difícil",
      "difícil",
      "bastante difícil",
      "normal",
      "bastante fácil",
      "fácil",
      "muy fácil",
    ]);
  });

  it("no corta oraciones en abreviaturas, horas ni cifras", () => {
    expect(oraciones("La jornada va de 8:00 a. m. a 4:00 p. m. en la Cra. 4. Asistieron 3.000 personas.")).toEqual([
      "La jornada va de 8:00 a. m. a 4:00 p. m. en la Cra. 4.",
      "Asistieron 3.000 personas.",
    ]);
  });
});
