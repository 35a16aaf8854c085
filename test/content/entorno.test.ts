import { describe, it, expect } from "vitest";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { RAIZ } from "../../scripts/lib/content/paths.ts";
import { VARIABLES_ENTORNO, variableDeclarada } from "../../scripts/lib/content/entorno.ts";

/** Every PRENSA_* name the shipped code, the site and the workflows read. */
function variablesLeidas(): Map<string, Set<string>> {
  const archivos = execFileSync(
    "git",
    ["ls-files", "-co", "--exclude-standard", "scripts", "site", "astro.config.mjs", ".github"],
    {
      cwd: RAIZ,
      encoding: "utf8",
    },
  )
    .split("\n")
    .filter((a) => /\.(ts|mjs|astro|ya?ml)$/.test(a));
  const leidas = new Map<string, Set<string>>();
  for (const a of archivos) {
    let texto: string;
    try {
      texto = readFileSync(path.join(RAIZ, a), "utf8");
    } catch {
      continue; // listed by git but deleted in the working tree
    }
    for (const m of texto.matchAll(/\bPRENSA_[A-Z0-9_]*[A-Z0-9]\b/g)) leidas.set(m[0], (leidas.get(m[0]) ?? new Set()).add(a));
  }
  return leidas;
}

describe("una sola lista de variables de entorno (scripts/lib/content/entorno.ts)", () => {
  it("cada variable PRENSA_* que lee el código está declarada, con su valor por omisión y su significado", () => {
    const leidas = variablesLeidas();
    expect(leidas.size).toBeGreaterThan(10);
    const sinDeclarar = [...leidas].filter(([n]) => !variableDeclarada(n)).map(([n, a]) => `${n} (${[...a].join(", ")})`);
    expect(sinDeclarar).toEqual([]);
    for (const v of VARIABLES_ENTORNO) {
      expect(v.descripcion.length, v.nombre).toBeGreaterThan(20);
      expect(v.porOmision.length, v.nombre).toBeGreaterThan(0);
    }
  });

  it("cada variable declarada se lee en algún lugar (ninguna sobra)", () => {
    const leidas = variablesLeidas();
    const fuera = (n: string) => [...(leidas.get(n) ?? [])].filter((a) => a !== "scripts/lib/content/entorno.ts");
    const sobran = VARIABLES_ENTORNO.filter((v) => !v.nombre.endsWith("<RED>") && fuera(v.nombre).length === 0).map(
      (v) => v.nombre,
    );
    expect(sobran).toEqual([]);
  });

  it("el README documenta cada variable declarada", () => {
    const readme = readFileSync(path.join(RAIZ, "README.md"), "utf8");
    for (const v of VARIABLES_ENTORNO) expect(readme, v.nombre).toContain(`\`${v.nombre}\``);
  });
});
