import { describe, it, expect } from "vitest";
import {
  esperaTrasFallo,
  esperaParaOtraCorrida,
  noSeProceso,
  comoErrorRed,
  politicaDesde,
  POLITICA_POR_OMISION,
} from "../../scripts/lib/publish/politica.ts";
import { ErrorRed } from "../../scripts/lib/networks/tipos.ts";

describe("reintentos con espera exponencial y variación al azar", () => {
  const p = { intentos: 4, baseMs: 1000, maxMs: 30_000, maxEsperaMs: 60_000 };

  it("duplica la espera en cada fallo, con variación entre la mitad y el total", () => {
    expect(esperaTrasFallo(1, {}, p, () => 0)).toBe(500);
    expect(esperaTrasFallo(1, {}, p, () => 0.999)).toBeLessThanOrEqual(1000);
    expect(esperaTrasFallo(2, {}, p, () => 0)).toBe(1000);
    expect(esperaTrasFallo(3, {}, p, () => 0)).toBe(2000);
  });

  it("se rinde al agotar los intentos de la corrida", () => {
    expect(esperaTrasFallo(4, {}, p)).toBeUndefined();
  });

  it("respeta la espera que pide la red (Retry-After) y se rinde si es demasiado larga", () => {
    expect(esperaTrasFallo(1, { esperarMs: 7000 }, p, () => 0)).toBe(7000);
    expect(esperaTrasFallo(1, { esperarMs: 120_000 }, p)).toBeUndefined();
  });

  it("un 429 no obliga a reconciliar; un 503 sí", () => {
    expect(noSeProceso(new ErrorRed("x", "transitorio", { codigo: 429 }))).toBe(true);
    expect(noSeProceso(new ErrorRed("x", "transitorio", { codigo: 503 }))).toBe(false);
  });

  it("una espera pedida por la red no prueba que la solicitud no se procesó: un 5xx con Retry-After se reconcilia", () => {
    expect(noSeProceso(new ErrorRed("x", "transitorio", { codigo: 503, esperarMs: 30_000 }))).toBe(false);
    expect(noSeProceso(new ErrorRed("x", "transitorio", { codigo: 2, esperarMs: 180_000 }))).toBe(false);
    expect(noSeProceso(new ErrorRed("x", "transitorio", { codigo: "ECONNREFUSED", noProcesado: true }))).toBe(true);
  });

  it("una espera más larga que la corrida aplaza la entrada en vez de gastar intentos", () => {
    expect(esperaParaOtraCorrida({ esperarMs: 24 * 3600_000 }, p)).toBe(true);
    expect(esperaParaOtraCorrida({ esperarMs: 7000 }, p)).toBe(false);
    expect(esperaParaOtraCorrida({}, p)).toBe(false);
  });

  it("comoErrorRed conserva si la solicitud no llegó a procesarse", () => {
    const copia = comoErrorRed({ name: "ErrorRed", tipo: "transitorio", message: "m", noProcesado: true });
    expect(copia.noProcesado).toBe(true);
  });

  it("un error inesperado del adaptador cuenta como transitorio de resultado incierto", () => {
    const e = comoErrorRed(new TypeError("fetch failed"));
    expect(e.tipo).toBe("transitorio");
    expect(e.message).toContain("fetch failed");
  });

  it("lee PRENSA_INTENTOS y PRENSA_ESPERA_BASE_MS, e ignora valores inválidos", () => {
    expect(politicaDesde({ PRENSA_INTENTOS: "2", PRENSA_ESPERA_BASE_MS: "5" })).toMatchObject({ intentos: 2, baseMs: 5 });
    expect(politicaDesde({ PRENSA_INTENTOS: "cero" })).toMatchObject({ intentos: POLITICA_POR_OMISION.intentos });
  });
});
