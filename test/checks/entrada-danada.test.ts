import { describe, it, expect } from "vitest";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { prensa } from "../ayudas/cli.ts";
import { redaccionCon, validarEn, entornoDe } from "../ayudas/validacion.ts";

const FRONTMATTER = `---
titulo: "Una nota de prueba con un título suficiente"
resumen: "Un resumen de prueba con la longitud mínima exigida."
publicar: 2026-11-10T08:00:00-05:00
dependencia: oficina-de-prensa
autor: "Oficina de Prensa"
---
`;

function raizConArchivos(archivos: Record<string, string | Buffer>): string {
  const raiz = redaccionCon();
  const dir = path.join(raiz, "content/notas/2026/11");
  mkdirSync(dir, { recursive: true });
  for (const [nombre, contenido] of Object.entries(archivos)) writeFileSync(path.join(dir, nombre), contenido);
  return raiz;
}

describe("entradas dañadas u hostiles: un hallazgo en español, nunca un fallo ni un bloqueo", () => {
  it("reporta archivos binarios, UTF-8 roto, notas de 5 MB y bombas de alias YAML", () => {
    const alias = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 0; i < 12; i++)
      alias.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      );
    const raiz = raizConArchivos({
      "binario.mdx": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02]),
      "utf8-roto.mdx": Buffer.concat([Buffer.from(FRONTMATTER), Buffer.from([0xc3, 0x28, 0xff])]),
      "enorme.mdx": FRONTMATTER + "Texto de relleno para la nota enorme. ".repeat(140_000),
      "bomba-yaml.mdx": `---\n${alias.join("\n")}\n---\n\nCuerpo.\n`,
      "sin-cierre.mdx": "---\ntitulo: abierto\n",
      "mdx-roto.mdx": `${FRONTMATTER}\nUn párrafo.\n\n<div>\n\nSin cerrar la etiqueta.\n`,
    });
    const hs = validarEn(raiz);
    const por = (a: string) => hs.filter((h) => h.archivo.endsWith(a));
    expect(por("binario.mdx")[0]).toMatchObject({
      regla: "esquema/archivo",
      severidad: "error",
      mensaje: "el archivo es binario, no un texto MDX",
    });
    expect(por("utf8-roto.mdx")[0]).toMatchObject({ regla: "esquema/archivo", mensaje: "el archivo no está en UTF-8 válido" });
    expect(por("enorme.mdx")[0]!.regla).toBe("esquema/archivo");
    expect(por("enorme.mdx")[0]!.mensaje).toMatch(/pesa 5\.\d MB y el máximo para una nota es 1 MB/);
    expect(por("bomba-yaml.mdx")[0]!.regla).toBe("esquema/yaml");
    expect(por("sin-cierre.mdx")[0]!.regla).toMatch(/^esquema\//);
    expect(por("mdx-roto.mdx")[0]).toMatchObject({ regla: "esquema/mdx-invalido", linea: 11 });
  }, 60_000);

  it("resiste un cuerpo hostil de casi 1 MB (anidamiento profundo y miles de datos repetidos) sin colgarse", () => {
    const raiz = raizConArchivos({
      "anidada.mdx": `${FRONTMATTER}\n${"> ".repeat(20_000)}hola\n`,
      "repetida.mdx": `${FRONTMATTER}\n${"el niño Juan Pérez llamó al 310 555 1234 desde BCD-456. ".repeat(15_000)}\n`,
      "enfasis.mdx": `${FRONTMATTER}\n${"**a".repeat(50_000)}\n`,
    });
    const hs = validarEn(raiz);
    // Depending on the machine the parser either runs out of stack or out of time: either way one
    // Spanish finding that says what is wrong and where the body starts, never the engine's text.
    const anidada = hs.find((h) => h.archivo.endsWith("anidada.mdx"))!;
    expect(anidada).toMatchObject({ regla: "esquema/mdx-invalido", severidad: "error", linea: 9 });
    expect(anidada.mensaje).toMatch(
      /^el cuerpo no es MDX válido: el cuerpo (?:tiene demasiados niveles anidados|es tan largo o tan anidado)/,
    );
    expect(anidada.mensaje).not.toMatch(/Maximum|call stack|RangeError|recursion/i);
    const repetida = hs.filter((h) => h.archivo.endsWith("repetida.mdx") && h.regla === "privacidad/telefono");
    expect(repetida.length).toBe(26);
    expect(repetida.at(-1)!.mensaje).toMatch(/y \d+ hallazgos más de la regla privacidad\/telefono/);
    for (const h of hs) expect(h.mensaje).not.toMatch(/Error|at .*\.ts/);
    // A hang fails the test by its time limit.
  }, 120_000);

  it("un cuerpo que desborda la pila del analizador da un hallazgo en español con su línea", () => {
    const raiz = raizConArchivos({ "etiquetas.mdx": `${FRONTMATTER}\nUn párrafo.\n\n${"<span>".repeat(30_000)}hola\n` });
    const h = validarEn(raiz).find((x) => x.archivo.endsWith("etiquetas.mdx") && x.regla.startsWith("esquema/"))!;
    expect(h).toMatchObject({ regla: "esquema/mdx-invalido", severidad: "error" });
    expect(h.linea).toBeGreaterThanOrEqual(9);
    expect(h.mensaje).toMatch(/^el cuerpo no es MDX válido: /);
    expect(h.mensaje).not.toMatch(/Maximum|call stack|RangeError|recursion/i);
  }, 120_000);

  it("la línea de comandos no muestra trazas con archivos dañados", () => {
    const raiz = raizConArchivos({ "binario.mdx": Buffer.from([0, 1, 2, 3]) });
    const r = prensa(["validar"], entornoDe(raiz));
    expect(r.codigo).toBe(1);
    expect(r.salida).toContain("el archivo es binario");
    expect(r.error).toBe("");
  });
});
