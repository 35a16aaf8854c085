import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RAIZ } from "../ayudas/raiz.ts";
import { prensa } from "../ayudas/cli.ts";

/**
 * The sample report shipped in content/reportes/2026/11/ (from the sample notes, records and
 * metrics snapshots) is exactly what `prensa informe 2026-11` writes from a clone of the
 * repository, and it passes `prensa validar` (its conclusions are written, as a merged report's).
 */

const AHORA = "2026-12-01T08:00:00-05:00";
const bytesDe = (carpeta: string) =>
  Object.fromEntries(
    readdirSync(carpeta)
      .sort()
      .map((f) => [f, readFileSync(path.join(carpeta, f)).toString("base64")]),
  );

describe("el informe de ejemplo del repositorio", () => {
  it("content/reportes/2026/11/ es byte a byte lo que el comando genera en un clon del repositorio, y pasa prensa validar", () => {
    const clon = mkdtempSync(path.join(tmpdir(), "convergente-clon-informe-"));
    try {
      execFileSync("git", ["clone", "-q", RAIZ, clon]);
      const carpeta = path.join(clon, "content/reportes/2026/11");
      const antes = bytesDe(carpeta);
      expect(Object.keys(antes)).toContain("informe-2026-11.pdf");
      const r = prensa(["informe", "2026-11"], { PRENSA_RAIZ: clon, PRENSA_AHORA: AHORA });
      expect(r.codigo, r.error).toBe(0);
      expect(bytesDe(carpeta)).toEqual(antes);
      const v = prensa(["validar", "--formato", "json", path.join(carpeta, "informe.mdx")], {
        PRENSA_RAIZ: clon,
        PRENSA_AHORA: AHORA,
      });
      expect(JSON.parse(v.salida)).toEqual([]);
    } finally {
      rmSync(clon, { recursive: true, force: true });
    }
  }, 120_000);
});
