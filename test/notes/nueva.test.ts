import { describe, it, expect, afterEach } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { copiaDeRepositorio } from "../ayudas/repositorio.ts";
import { prensa } from "../ayudas/cli.ts";

const copias: { borrar(): void }[] = [];
afterEach(() => copias.splice(0).forEach((c) => c.borrar()));
function copia() {
  const c = copiaDeRepositorio({ sinNotas: true });
  copias.push(c);
  return c;
}

describe("prensa nueva crea una nota válida en la carpeta de su mes", () => {
  it("con opciones, escribe content/notas/AAAA/MM/<slug>.mdx y la nota pasa la comprobación", () => {
    const { raiz } = copia();
    const r = prensa(
      [
        "nueva",
        "--titulo",
        "Cajicá celebra la Semana de la Juventud",
        "--resumen",
        "Conciertos, deporte y ferias de empleo para jóvenes del 1 al 7 de diciembre.",
        "--dependencia",
        "secretaria-de-cultura",
        "--autor",
        "Oficina de Prensa",
        "--publicar",
        "2026-12-01T08:00:00-05:00",
        "--etiquetas",
        "juventud, cultura",
        "--canales",
        "facebook,x",
        "--urgente",
      ],
      { PRENSA_RAIZ: raiz },
    );
    expect(r.error).toBe("");
    expect(r.codigo).toBe(0);
    const archivo = path.join(raiz, "content/notas/2026/12/cajica-celebra-la-semana-de-la-juventud.mdx");
    expect(r.salida).toContain("Nota creada: content/notas/2026/12/cajica-celebra-la-semana-de-la-juventud.mdx");
    const texto = readFileSync(archivo, "utf8");
    expect(texto).toMatch(/^---\ntitulo: Cajicá celebra la Semana de la Juventud\n/);
    expect(texto).toContain("urgente: true");
    expect(texto).toContain("  - juventud\n  - cultura");
    const comprobacion = prensa(["comprobar"], { PRENSA_RAIZ: raiz, PRENSA_AHORA: "2026-12-02T00:00:00-05:00" });
    expect(comprobacion.codigo).toBe(0);
    expect(comprobacion.salida).toContain("1 notas válidas (1 públicas");
  });

  it("una hora de Bogotá cerca de la medianoche va al mes correcto", () => {
    const { raiz } = copia();
    const r = prensa(
      [
        "nueva",
        "--titulo",
        "Aviso de fin de mes para la ciudadanía",
        "--resumen",
        "Un aviso de prueba con suficiente texto.",
        "--dependencia",
        "oficina-de-prensa",
        "--autor",
        "Prensa",
        "--publicar",
        "2026-11-30T23:30:00-05:00",
      ],
      { PRENSA_RAIZ: raiz },
    );
    expect(r.codigo).toBe(0);
    expect(existsSync(path.join(raiz, "content/notas/2026/11/aviso-de-fin-de-mes-para-la-ciudadania.mdx"))).toBe(true);
  });

  it("datos inválidos no escriben nada y explican el error en español", () => {
    const { raiz } = copia();
    const r = prensa(
      [
        "nueva",
        "--titulo",
        "Corto",
        "--resumen",
        "Un resumen de prueba suficiente.",
        "--dependencia",
        "secretaria-de-deportes",
        "--autor",
        "Prensa",
      ],
      { PRENSA_RAIZ: raiz },
    );
    expect(r.codigo).toBe(1);
    expect(r.error).toContain("campo «titulo»: el título debe tener al menos 10 caracteres");
    expect(r.error).toContain("campo «dependencia»: no es una dependencia configurada");
    expect(existsSync(path.join(raiz, "content/notas"))).toBe(false);
  });

  it("sin terminal y sin datos obligatorios es un error de uso (código 2)", () => {
    const { raiz } = copia();
    const r = prensa(["nueva", "--titulo", "Solo el título de la nota"], { PRENSA_RAIZ: raiz });
    expect(r.codigo).toBe(2);
    expect(r.error).toContain("faltan datos obligatorios: --resumen, --dependencia, --autor");
  });

  it("no sobrescribe una nota que ya existe", () => {
    const { raiz } = copia();
    const args = [
      "nueva",
      "--titulo",
      "Nota que se crea dos veces",
      "--resumen",
      "Un resumen de prueba suficiente.",
      "--dependencia",
      "oficina-de-prensa",
      "--autor",
      "Prensa",
      "--publicar",
      "2026-11-20",
    ];
    expect(prensa(args, { PRENSA_RAIZ: raiz }).codigo).toBe(0);
    const segunda = prensa(args, { PRENSA_RAIZ: raiz });
    expect(segunda.codigo).toBe(1);
    expect(segunda.error).toContain("no se sobrescribe");
  });
});

describe("prensa sin argumentos", () => {
  it("lista los subcomandos en español", () => {
    const r = prensa([]);
    expect(r.codigo).toBe(0);
    expect(r.salida).toContain("Uso: prensa <comando> [opciones]");
    for (const c of ["nueva", "comprobar", "validar", "publicar", "kit", "servir"])
      expect(r.salida).toMatch(new RegExp(`^  ${c} +\\S`, "m"));
  });
  it("un comando desconocido sale con código 2", () => {
    const r = prensa(["publicame"]);
    expect(r.codigo).toBe(2);
    expect(r.error).toContain("Comando desconocido: «publicame»");
  });
});
