import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { escribirBolsa, verificarBolsa } from "../../scripts/lib/archive/bagit.ts";
import { existsSync } from "node:fs";
import { prensa } from "../ayudas/cli.ts";
import { raizCon } from "../ayudas/raiz.ts";

describe("bolsa BagIt (RFC 8493)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "convergente-bagit-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const info: [string, string][] = [
    ["Source-Organization", "Alcaldía Municipal de Cajicá"],
    ["Bagging-Date", "2026-12-01"],
    ["Periodo", "2026-11"],
  ];

  it("codifica %, CR y LF de las rutas en el manifiesto (sección 2.1.3) y la bolsa verifica", () => {
    const bolsa = path.join(dir, "rara");
    escribirBolsa(bolsa, [{ ruta: "notas/100%\nnuevo.txt", contenido: Buffer.from("hola\n") }], info);
    expect(readFileSync(path.join(bolsa, "manifest-sha512.txt"), "utf8")).toMatch(
      /^[0-9a-f]{128} {2}data\/notas\/100%25%0Anuevo\.txt\n$/,
    );
    expect(verificarBolsa(bolsa)).toMatchObject({ valida: true, archivos: 1 });
  });

  it("un Payload-Oxum que no cuadra con la carga es un problema aunque las sumas estén bien", () => {
    const bolsa = path.join(dir, "oxum");
    escribirBolsa(bolsa, [{ ruta: "a.txt", contenido: Buffer.from("abc") }], info);
    const archivo = path.join(bolsa, "bag-info.txt");
    writeFileSync(archivo, readFileSync(archivo, "utf8").replace("Payload-Oxum: 3.1", "Payload-Oxum: 4.1"));
    const r = verificarBolsa(bolsa);
    expect(r.valida).toBe(false);
    expect(r.alterados).toEqual(["bag-info.txt"]);
    expect(r.problemas).toEqual(["Payload-Oxum dice 4.1 y la carga listada suma 3.1"]);
  });

  it("no escribe encima de una bolsa existente ni deja carpetas a medias", () => {
    const bolsa = path.join(dir, "una");
    escribirBolsa(bolsa, [{ ruta: "a.txt", contenido: Buffer.from("a") }], info);
    expect(() => escribirBolsa(bolsa, [{ ruta: "b.txt", contenido: Buffer.from("b") }], info)).toThrow(/ya existe/);
    expect(() => escribirBolsa(path.join(dir, "mala"), [{ ruta: "../fuera.txt", contenido: Buffer.from("x") }], info)).toThrow(
      /ruta no válida/,
    );
    expect(verificarBolsa(path.join(dir, "mala")).problemas).toEqual([`no existe la carpeta ${path.join(dir, "mala")}`]);
  });

  it("prensa archivo con un periodo mal escrito explica el formato y sale con código 2", () => {
    const r = prensa(["archivo", "noviembre"]);
    expect(r.codigo).toBe(2);
    expect(r.error).toContain("indique el periodo como AAAA-MM o AAAA (por ejemplo 2026-11); «noviembre» no lo es");
  });

  it("sin perfil de color sRGB no arma nada y dice qué instalar", () => {
    const copia = raizCon();
    try {
      const salida = path.join(copia.raiz, "salida");
      const r = prensa(["archivo", "2026-11", "--salida", salida], {
        PRENSA_RAIZ: copia.raiz,
        PRENSA_ICC_SRGB: path.join(copia.raiz, "no-existe.icc"),
      });
      expect(r.codigo).toBe(1);
      expect(r.error).toContain("No se encontró el perfil de color sRGB que exigen los PDF/A");
      expect(r.error).toContain("icc-profiles-free");
      expect(r.error).not.toMatch(/at .*\.ts:\d+/);
      expect(existsSync(path.join(salida, "archivo-2026-11"))).toBe(false);
      expect(existsSync(path.join(copia.raiz, "content/archivo/2026-11.json"))).toBe(false);
    } finally {
      copia.borrar();
    }
  });
});
