import { describe, it, expect } from "vitest";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { prensa } from "../ayudas/cli.ts";
import { RAIZ } from "../ayudas/raiz.ts";
import { redaccionCon, validarEn, reglas, AHORA, entornoDe } from "../ayudas/validacion.ts";
import { validar } from "../../scripts/lib/checks/ejecutar.ts";
import { COMPONENTES_PERMITIDOS } from "../../scripts/lib/checks/seguridad.ts";

describe("prensa validar: cada familia de reglas", () => {
  it("no encuentra nada en una nota correcta con la dirección, el teléfono y el correo institucionales", () => {
    expect(validarEn(redaccionCon())).toEqual([]);
  });

  it("señala cédula, teléfono, dirección, correo, placa y menor con su fragmento y su línea", () => {
    const hs = validarEn(redaccionCon("una-nota-con-datos-personales"));
    const p = hs.filter((h) => h.regla.startsWith("privacidad/"));
    expect(p.map((h) => [h.regla, h.linea, h.severidad])).toEqual([
      ["privacidad/documento", 2, "error"],
      ["privacidad/telefono", 9, "error"],
      ["privacidad/direccion", 14, "error"],
      ["privacidad/correo", 16, "error"],
      ["privacidad/menor", 18, "error"],
      ["privacidad/placa", 20, "error"],
    ]);
    expect(p[0]!.mensaje).toContain("«C.C. 52.345.678»");
    expect(p[3]).toMatchObject({ columna: 40, mensaje: expect.stringContaining("«juanperez1985@gmail.com»") as string });
    expect(p[4]!.mensaje).toContain("«niña Valentina Gómez»");
  });

  it("con datos personales autorizados los deja como aviso", () => {
    const hs = validarEn(redaccionCon("una-nota-con-datos-personales-autorizados"));
    expect(reglas(hs)).toEqual(["aviso privacidad/correo"]);
    expect(hs[0]!.mensaje).toContain("Formato de autorización 2026-145");
  });

  it("rechaza el MDX que ejecuta código y deja pasar el componente YouTube permitido y los comentarios", () => {
    const hs = validarEn(redaccionCon("una-nota-con-mdx-peligroso")).filter((h) => h.regla.startsWith("seguridad/"));
    expect(hs.map((h) => `${h.linea} ${h.regla}`)).toEqual([
      "9 seguridad/import-export",
      "11 seguridad/import-export",
      "13 seguridad/expresion",
      "13 seguridad/expresion",
      "17 seguridad/etiqueta-peligrosa",
      "19 seguridad/etiqueta-peligrosa",
      "21 seguridad/url-peligrosa",
      "23 seguridad/evento",
      "25 seguridad/url-peligrosa",
      "27 seguridad/componente-no-permitido",
      "31 seguridad/componente-invalido",
      "31 seguridad/componente-invalido",
      "33 seguridad/expresion",
    ]);
    expect(hs.every((h) => h.severidad === "error")).toBe(true);
  });

  it("la lista de componentes permitidos es la misma que ofrece el sitio", () => {
    const indice = readFileSync(path.join(RAIZ, "site/components/mdx/index.ts"), "utf8");
    const ofrecidos = /componentesMdx\s*=\s*\{([^}]*)\}/
      .exec(indice)?.[1]
      ?.split(",")
      .map((s) => s.trim().split(":")[0]!.trim())
      .filter(Boolean);
    expect(ofrecidos?.sort()).toEqual(Object.keys(COMPONENTES_PERMITIDOS).sort());
  });

  it("señala alt inútil o vacío, niveles de título saltados, enlaces «clic aquí» y mayúsculas sostenidas", () => {
    const hs = validarEn(redaccionCon("una-nota-con-problemas-de-accesibilidad"));
    expect(hs.map((h) => `${h.linea} ${h.severidad} ${h.regla}`)).toEqual([
      "9 error accesibilidad/encabezado-h1",
      "11 error accesibilidad/encabezado-saltado",
      "13 error accesibilidad/alt-inutil",
      "15 error accesibilidad/alt-inutil",
      "17 error accesibilidad/alt-vacio",
      "19 error accesibilidad/enlace-generico",
      "21 aviso accesibilidad/mayusculas",
    ]);
  });

  it("señala textos propios que no caben, Instagram sin imagen y exceso de hashtags", () => {
    const hs = validarEn(redaccionCon("una-nota-con-textos-por-red-que-no-caben"));
    expect(reglas(hs.filter((h) => h.regla.startsWith("canal/")))).toEqual([
      "aviso canal/sin-enlace",
      "error canal/texto-largo",
      "error canal/demasiados-hashtags",
      "error canal/instagram-sin-imagen",
      "aviso canal/demasiados-hashtags",
    ]);
    expect(hs.find((h) => h.regla === "canal/texto-largo")!.mensaje).toMatch(
      /367 caracteres \(cuenta de X\) y el máximo en X es 280/,
    );
  });

  it("da avisos (no errores) de lenguaje: oraciones largas, siglas sin explicar y legibilidad INFLESZ", () => {
    const hs = validarEn(redaccionCon("una-nota-con-lenguaje-dificil"));
    expect(hs.every((h) => h.severidad === "aviso")).toBe(true);
    expect(reglas(hs)).toEqual([
      "aviso lenguaje/sigla-sin-explicar",
      "aviso lenguaje/legibilidad",
      "aviso lenguaje/oracion-muy-larga",
      "aviso lenguaje/oracion-larga",
    ]);
    expect(hs[0]!.mensaje).toContain("«PDM»");
    expect(hs[1]!.mensaje).toMatch(/INFLESZ -?\d+\.\d \(«muy difícil»/);
    expect(hs[1]!.mensaje).toMatch(/Fernández-Huerta/);
    // ICBF is spelled out before use: no finding.
    expect(hs.some((h) => h.mensaje.includes("ICBF"))).toBe(false);
  });

  it("señala enlaces internos rotos, imágenes que faltan y direcciones externas mal escritas", () => {
    const hs = validarEn(redaccionCon("una-nota-con-enlaces-rotos"));
    expect(hs.map((h) => `${h.linea} ${h.severidad} ${h.regla}`)).toEqual([
      "9 error enlaces/interno-roto",
      "11 error enlaces/interno-roto",
      "11 error enlaces/sin-protocolo",
      "13 error enlaces/url-mal-formada",
      "13 aviso enlaces/http",
      "13 error enlaces/url-mal-formada",
      "15 error enlaces/imagen-inexistente",
    ]);
  });
});

describe("prensa validar con un frontmatter inválido", () => {
  it("reporta en una sola pasada los errores del frontmatter y los del cuerpo de cuatro familias, cada uno con su línea", () => {
    const hs = validarEn(redaccionCon("una-nota-con-el-frontmatter-roto-y-problemas-en-el-cuerpo"));
    const nota = hs.filter((h) => h.archivo.endsWith("jornada-de-vacunacion.mdx"));
    const lineas = (regla: string) => nota.filter((h) => h.regla === regla).map((h) => h.linea);
    expect(lineas("esquema/campo")).toEqual([4, 5, 7]);
    expect(lineas("privacidad/telefono")).toEqual([10]);
    expect(lineas("seguridad/expresion")).toEqual([12]);
    expect(lineas("seguridad/evento")).toEqual([14]);
    expect(lineas("accesibilidad/alt-vacio")).toEqual([14]);
    expect(lineas("accesibilidad/enlace-generico")).toEqual([16]);
    // The networks are broken, so the per-network checks (which need them) do not run.
    expect(nota.filter((h) => h.regla.startsWith("canal/"))).toEqual([]);
  });

  it("con el YAML mal formado revisa igualmente el cuerpo", () => {
    const raiz = redaccionCon("una-nota-con-el-frontmatter-roto-y-problemas-en-el-cuerpo");
    const archivo = path.join(raiz, "content/notas/2026/11/jornada-de-vacunacion.mdx");
    writeFileSync(archivo, readFileSync(archivo, "utf8").replace('autor: "Oficina de Prensa"', 'autor: "Oficina de Prensa'));
    const nota = validarEn(raiz).filter((h) => h.archivo.endsWith("jornada-de-vacunacion.mdx"));
    expect(nota[0]!.regla).toBe("esquema/yaml");
    expect(nota.map((h) => `${h.regla} ${h.linea}`)).toEqual(
      expect.arrayContaining([
        "privacidad/telefono 10",
        "seguridad/expresion 12",
        "seguridad/evento 14",
        "accesibilidad/alt-vacio 14",
      ]),
    );
  });
});

describe("prensa validar en varios hilos", () => {
  it("da los mismos hallazgos repartiendo las notas entre hilos que en un solo hilo", () => {
    const raiz = redaccionCon(
      "una-nota-con-datos-personales",
      "una-nota-con-mdx-peligroso",
      "una-nota-con-lenguaje-dificil",
      "una-nota-con-enlaces-rotos",
      "una-nota-con-problemas-de-accesibilidad",
    );
    const ahora = new Date(AHORA);
    const uno = validar({ raiz, ahora, paralelo: false });
    const varios = validar({ raiz, ahora, minimoParalelo: 1 });
    expect(varios.notas).toBe(6);
    expect(varios.hallazgos).toEqual(uno.hallazgos);
  });
});

describe("prensa validar desde la línea de comandos", () => {
  const raiz = redaccionCon("una-nota-con-datos-personales", "una-nota-con-lenguaje-dificil");

  it("«npx prensa validar» en un clon del repositorio usa el programa del propio repositorio, sin pedirlo al registro", () => {
    // A clone has only what git tracks (the bin entry, the executable entry point); node_modules
    // is linked in place of `npm ci`. --offline makes npm fail instead of downloading a package
    // called «prensa» if the local bin were not found.
    const clon = mkdtempSync(path.join(tmpdir(), "clon-"));
    try {
      const git = spawnSync("git", ["clone", "--quiet", "--shared", RAIZ, clon], { encoding: "utf8" });
      expect(git.status, git.stderr).toBe(0);
      symlinkSync(path.join(RAIZ, "node_modules"), path.join(clon, "node_modules"), "dir");
      const npx = (args: string[], env: Record<string, string> = {}) =>
        spawnSync("npm", ["exec", "--offline", "--", "prensa", ...args], {
          cwd: clon,
          env: { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ""}`, ...env },
          encoding: "utf8",
          timeout: 60_000,
        });
      const ayuda = npx(["--ayuda"]);
      expect(ayuda.status, ayuda.stderr).toBe(0);
      expect(ayuda.stdout).toContain("Uso: prensa <comando>");
      const r = npx(["validar"], { PRENSA_RAIZ: redaccionCon(), PRENSA_AHORA: AHORA });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain("Todo en orden: 1 nota revisada, sin hallazgos.");
    } finally {
      rmSync(clon, { recursive: true, force: true });
    }
  }, 120_000);

  it("agrupa por archivo en español y sale con 1 cuando hay errores", () => {
    const r = prensa(["validar"], entornoDe(raiz));
    expect(r.codigo).toBe(1);
    expect(r.salida).toContain("content/notas/2026/11/ayuda-familia.mdx\n  2:");
    expect(r.salida).toContain("[privacidad/documento]");
    expect(r.salida).toContain("Arreglo:");
    expect(r.salida).toMatch(/6 errores y \d+ avisos en 2 archivos \(3 notas revisadas\)\./);
  });

  it("escribe anotaciones de GitHub con archivo, línea y columna", () => {
    const r = prensa(["validar", "--formato", "github"], entornoDe(raiz));
    expect(r.codigo).toBe(1);
    expect(r.salida).toMatch(
      /^::error file=content\/notas\/2026\/11\/ayuda-familia\.mdx,line=2,col=\d+,title=privacidad\/documento::el título contiene/m,
    );
    expect(r.salida).toMatch(
      /^::warning file=content\/notas\/2026\/11\/lenguaje-dificil\.mdx,line=\d+,col=\d+,title=lenguaje\/legibilidad::/m,
    );
  });

  it("escribe un arreglo JSON con archivo, línea, columna, regla, severidad y mensaje", () => {
    const r = prensa(["validar", "--formato", "json", "content/notas/2026/11/lenguaje-dificil.mdx"], entornoDe(raiz), raiz);
    expect(r.codigo).toBe(0);
    const datos = JSON.parse(r.salida) as Record<string, unknown>[];
    expect(datos.length).toBe(4);
    for (const h of datos) {
      expect(Object.keys(h)).toEqual(["archivo", "linea", "columna", "regla", "severidad", "mensaje"]);
      expect(h.severidad).toBe("aviso");
      expect(h.archivo).toBe("content/notas/2026/11/lenguaje-dificil.mdx");
    }
  });

  it("sale con 0 cuando solo hay avisos y con 2 ante un uso incorrecto", () => {
    expect(prensa(["validar"], entornoDe(redaccionCon())).codigo).toBe(0);
    const mal = prensa(["validar", "--formato", "xml"], entornoDe(raiz));
    expect(mal.codigo).toBe(2);
    expect(mal.error).toContain("el formato «xml» no existe");
    const falta = prensa(["validar", "content/notas/no-existe.mdx"], entornoDe(raiz), raiz);
    expect(falta.codigo).toBe(2);
    expect(falta.error).toContain("no existe el archivo o carpeta");
  });
});
