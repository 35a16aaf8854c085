import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verificarBolsa } from "../../scripts/lib/archive/bagit.ts";
import { fuidSchema, indiceSchema, type Fuid, type Indice } from "../../scripts/lib/archive/esquema.ts";
import { declaraPdfA } from "../../scripts/lib/archive/pdfa.ts";
import { cargarInstitucion } from "../../scripts/lib/content/institucion.ts";
import { cargarNotasOFallar } from "../../scripts/lib/content/notas.ts";
import { partes } from "../../scripts/lib/content/time.ts";
import { prensa, type Resultado } from "../ayudas/cli.ts";
import { raizCon } from "../ayudas/raiz.ts";

const AHORA = "2026-12-01T08:00:00-05:00";
const INFORME = path.join(import.meta.dirname, "fixtures/un-informe-mensual-de-noviembre");
const PAGINA = '<!doctype html><html lang="es-CO"><title>Cajicá siembra árboles</title><h1>Cajicá siembra árboles</h1></html>\n';

/** Every file under a folder, relative, with forward slashes. */
function archivos(raiz: string, dir = raiz): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? archivos(raiz, p) : [path.relative(raiz, p).split(path.sep).join("/")];
  });
}

/**
 * An independent BagIt validator written from RFC 8493 (sections 2.1.1-2.2.3, 3): it shares no
 * code with scripts/lib/archive/bagit.ts.
 */
function validarSegunRfc(bolsa: string): string[] {
  const errores: string[] = [];
  const sha512 = (f: string) =>
    createHash("sha512")
      .update(readFileSync(path.join(bolsa, f)))
      .digest("hex");
  const todos = archivos(bolsa);
  // 2.1.1: bagit.txt has exactly these two lines.
  const bagit = readFileSync(path.join(bolsa, "bagit.txt"), "utf8");
  if (bagit !== "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n") errores.push("bagit.txt");
  // 2.1.3: "checksum filepath", one per line; filepath percent-encodes CR, LF and %.
  const leer = (nombre: string) =>
    new Map(
      readFileSync(path.join(bolsa, nombre), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => {
          const i = l.search(/\s/);
          const ruta = l.slice(i).trimStart().replace(/%0A/g, "\n").replace(/%0D/g, "\r").replace(/%25/g, "%");
          return [ruta, l.slice(0, i)] as const;
        }),
    );
  const manifiesto = leer("manifest-sha512.txt");
  const carga = todos.filter((f) => f.startsWith("data/"));
  // 3: every payload file is listed and every listed file exists with its checksum.
  for (const f of carga) if (!manifiesto.has(f)) errores.push(`sin listar: ${f}`);
  for (const [f, suma] of manifiesto) {
    if (!existsSync(path.join(bolsa, f))) errores.push(`falta: ${f}`);
    else if (sha512(f) !== suma) errores.push(`suma: ${f}`);
  }
  // 2.2.1: the tag manifest lists tag files (not itself) with their checksums.
  const tags = leer("tagmanifest-sha512.txt");
  for (const [f, suma] of tags) if (sha512(f) !== suma) errores.push(`suma de etiqueta: ${f}`);
  for (const t of ["bagit.txt", "bag-info.txt", "manifest-sha512.txt"])
    if (!tags.has(t)) errores.push(`etiqueta sin listar: ${t}`);
  // 2.2.2: Payload-Oxum is "octets.files" of the payload.
  const info = readFileSync(path.join(bolsa, "bag-info.txt"), "utf8");
  const octetos = carga.reduce((n, f) => n + statSync(path.join(bolsa, f)).size, 0);
  if (!info.includes(`Payload-Oxum: ${octetos}.${carga.length}\n`)) errores.push("Payload-Oxum");
  for (const etiqueta of ["Source-Organization", "Bagging-Date", "Periodo"])
    if (!new RegExp(`^${etiqueta}: .+$`, "m").test(info)) errores.push(`falta ${etiqueta}`);
  return errores;
}

describe("prensa archivo: expediente electrónico de un periodo como bolsa BagIt", () => {
  const copia = raizCon({ delRepositorio: ["content"] });
  const salida = path.join(copia.raiz, "salida/archivo");
  const bolsa = path.join(salida, "archivo-2026-11");
  const sitio = path.join(copia.raiz, "sitio-construido");
  let armado: Resultado;
  let octubre: Resultado;
  let indice: Indice;
  let fuid: Fuid;
  const env = { PRENSA_RAIZ: copia.raiz, PRENSA_AHORA: AHORA, GITHUB_TOKEN: undefined };

  beforeAll(() => {
    // The fixture's report is the period's only one: the sample report and its data (metrics
    // snapshots, requests) are left out so the report unit holds exactly the fixture's files.
    rmSync(path.join(copia.raiz, "content/reportes"), { recursive: true, force: true });
    cpSync(INFORME, copia.raiz, { recursive: true });
    armado = prensa(["archivo", "2026-11", "--salida", salida], env);
    // A built site holding the page of one October note only.
    mkdirSync(path.join(sitio, "noticias/2026/10/siembra-arboles"), { recursive: true });
    writeFileSync(path.join(sitio, "noticias/2026/10/siembra-arboles/index.html"), PAGINA);
    octubre = prensa(["archivo", "2026-10", "--salida", salida, "--sitio", sitio], env);
    indice = indiceSchema.parse(JSON.parse(readFileSync(path.join(bolsa, "data/indice-electronico.json"), "utf8")));
    fuid = fuidSchema.parse(JSON.parse(readFileSync(path.join(bolsa, "data/fuid.json"), "utf8")));
  }, 240_000);
  afterAll(() => copia.borrar());

  it("arma la bolsa, dice que la verificación se leyó sin conexión y que octubre no tiene informes", () => {
    expect(armado.error).toBe("");
    expect(armado.codigo).toBe(0);
    expect(armado.salida).toContain("SIN CONEXIÓN");
    expect(armado.salida).not.toContain("No hay informes mensuales de 2026-11");
    expect(armado.salida).not.toContain("No hay agregados de inquietudes de 2026-11");
    expect(octubre.salida).toContain("No hay agregados de inquietudes de 2026-10");
    expect(octubre.codigo).toBe(0);
    expect(octubre.salida).toContain("No hay informes mensuales de 2026-10 en content/reportes/");
  });

  it("guarda la página publicada del sitio construido y dice cuándo no la tuvo", () => {
    const octubreBolsa = path.join(salida, "archivo-2026-10");
    expect(readFileSync(path.join(octubreBolsa, "data/notas/2026-10-siembra-arboles/pagina.html"), "utf8")).toBe(PAGINA);
    const filas = fuidSchema.parse(JSON.parse(readFileSync(path.join(octubreBolsa, "data/fuid.json"), "utf8"))).filas;
    const sinPagina = filas.filter((f) => f.notas.includes("Página HTML no incluida")).map((f) => f.unidadConservacion);
    expect(sinPagina).toHaveLength(filas.length - 1);
    expect(sinPagina.some((u) => u.includes("siembra-arboles"))).toBe(false);
  });

  it("la bolsa verifica con prensa archivo verificar y con un validador independiente escrito desde la RFC 8493", () => {
    const r = prensa(["archivo", "verificar", bolsa], env);
    expect(r.error).toBe("");
    expect(r.codigo).toBe(0);
    expect(r.salida).toMatch(/es válida: \d+ archivos de carga/);
    expect(validarSegunRfc(bolsa)).toEqual([]);
    expect(validarSegunRfc(path.join(salida, "archivo-2026-10"))).toEqual([]);
  });

  it("cambiar un byte de cualquier archivo de carga hace fallar la verificación y lo nombra", () => {
    const carga = archivos(bolsa).filter((f) => f.startsWith("data/"));
    expect(carga.length).toBeGreaterThan(40);
    for (const f of carga) {
      const ruta = path.join(bolsa, f);
      const original = readFileSync(ruta);
      const cambiado = Buffer.from(original);
      const i = Math.floor(cambiado.length / 2);
      cambiado[i] = cambiado[i]! ^ 0x01;
      writeFileSync(ruta, cambiado);
      try {
        expect({ f, r: verificarBolsa(bolsa) }).toMatchObject({
          f,
          r: { valida: false, alterados: [f], faltantes: [], sobrantes: [] },
        });
        expect(validarSegunRfc(bolsa)).toContain(`suma: ${f}`);
      } finally {
        writeFileSync(ruta, original);
      }
    }
    expect(verificarBolsa(bolsa).valida).toBe(true);
  });

  it("borrar, agregar o cambiar archivos hace fallar prensa archivo verificar y nombra cada uno", () => {
    const copiaBolsa = path.join(copia.raiz, "danada");
    cpSync(bolsa, copiaBolsa, { recursive: true });
    const pdf = archivos(copiaBolsa).find((f) => f.endsWith("pagina.pdf"))!;
    rmSync(path.join(copiaBolsa, pdf));
    writeFileSync(path.join(copiaBolsa, "data/notas/intruso.txt"), "no debería estar\n");
    appendFileSync(path.join(copiaBolsa, "bag-info.txt"), "Contact-Name: Alguien\n");
    const r = prensa(["archivo", "verificar", copiaBolsa], env);
    expect(r.codigo).toBe(1);
    expect(r.error).toContain(`- falta: ${pdf}`);
    expect(r.error).toContain("- sobra (no está en el manifiesto): data/notas/intruso.txt");
    expect(r.error).toContain("- alterado (la suma SHA-512 no coincide): bag-info.txt");
    expect(r.error).not.toMatch(/at .*\.ts:\d+/);
    // Editing the payload manifest is caught by the tag manifest.
    cpSync(bolsa, path.join(copia.raiz, "danada2"), { recursive: true });
    appendFileSync(path.join(copia.raiz, "danada2/manifest-sha512.txt"), "\n");
    const r2 = prensa(["archivo", "verificar", path.join(copia.raiz, "danada2")], env);
    expect(r2.codigo).toBe(1);
    expect(r2.error).toContain("- alterado (la suma SHA-512 no coincide): manifest-sha512.txt");
  });

  it("el FUID y el índice corresponden exactamente a las notas y al informe del periodo", () => {
    const institucion = cargarInstitucion(copia.raiz);
    const notas = cargarNotasOFallar(institucion, { raiz: copia.raiz })
      .filter((n) => !n.datos.borrador && partes(n.datos.publicar).anio === 2026 && partes(n.datos.publicar).mes === 11)
      .filter((n) => n.datos.publicar <= new Date(AHORA))
      .sort((a, b) => a.datos.publicar.getTime() - b.datos.publicar.getTime() || (a.id < b.id ? -1 : 1));
    expect(notas.length).toBeGreaterThan(5);
    const unidades = [...notas.map((n) => `${n.anio}-${n.mes}-${n.slug}`), "informe-2026-11", "inquietudes-2026-11"];
    expect(fuid.filas.map((f) => f.numeroOrden)).toEqual(unidades.map((_, i) => i + 1));
    expect(fuid.filas.map((f) => f.nombre)).toEqual([
      ...notas.map((n) => `COMUNICACIONES / Boletines y comunicados de prensa / ${n.datos.titulo}`),
      "INFORMES / Informes de gestión de comunicaciones / Informe mensual de comunicaciones 2026-11",
      "INFORMES / Informes de atención a la ciudadanía en redes sociales / Agregados de inquietudes 2026-11",
    ]);
    expect(fuid.filas.map((f) => f.codigo)).toEqual([...notas.map(() => "1100-28.02"), "1100-36.12", "1100-36.15"]);
    expect([...new Set(indice.documentos.map((d) => d.unidad))]).toEqual(unidades);
    for (const n of notas) {
      const id = `${n.anio}-${n.mes}-${n.slug}`;
      const docs = indice.documentos.filter((d) => d.unidad === id);
      const esperadas = [
        "nota.mdx",
        "pagina.pdf",
        "verificacion.json",
        ...(n.rutaImagen ? [path.basename(n.rutaImagen)] : []),
        ...(n.datos.correcciones.length ? ["correcciones.json"] : []),
        // The sample records (content/publicaciones, ejemplo: true) of the notes published up to 23 November.
        ...(existsSync(path.join(copia.raiz, "content/publicaciones", `${n.id}.json`)) ? ["registro-publicacion.json"] : []),
      ].map((f) => `data/notas/${id}/${f}`);
      expect(docs.map((d) => d.ruta).sort()).toEqual(esperadas.sort());
      expect(docs.map((d) => d.orden)).toEqual(docs.map((_, i) => i + 1));
      const fila = fuid.filas[unidades.indexOf(id)]!;
      expect(fila.numeroFolios).toBe(docs.reduce((s, d) => s + d.paginas, 0));
      expect(fila.notas).toContain(`${docs.length} documentos`);
      expect(readFileSync(path.join(bolsa, `data/notas/${id}/nota.mdx`))).toEqual(readFileSync(n.ruta));
      if (n.datos.correcciones.length) expect(fila.notas).toMatch(/Correcciones: /);
    }
    const informe = indice.documentos.filter((d) => d.unidad === "informe-2026-11").map((d) => d.ruta);
    expect(informe.sort()).toEqual(["data/informes/2026-11/2026-11.md", "data/informes/2026-11/2026-11.pdf"]);
    expect(indice.documentos.filter((d) => d.unidad === "inquietudes-2026-11").map((d) => d.ruta)).toEqual([
      "data/inquietudes/2026-11/datos_2026-11_inquietudes.json",
    ]);
    for (const d of indice.documentos) {
      const bytes = readFileSync(path.join(bolsa, d.ruta));
      expect({ ruta: d.ruta, huella: d.huella, tamano: d.tamano }).toEqual({
        ruta: d.ruta,
        huella: createHash("sha512").update(bytes).digest("hex"),
        tamano: bytes.byteLength,
      });
    }
    // The committed inventory is the bag's FUID, and the CSV has one row per unit between header and signatures.
    expect(JSON.parse(readFileSync(path.join(copia.raiz, "content/archivo/2026-11.json"), "utf8"))).toEqual(fuid);
    const csv = readFileSync(path.join(bolsa, "data/fuid.csv"), "utf8").split("\r\n");
    const cabecera = csv.indexOf(
      'Número de orden,Código,"Nombre de la serie, subserie o asunto",Fecha inicial,Fecha final,Unidad de conservación,Número de folios,Soporte,Frecuencia de consulta,Notas',
    );
    expect(cabecera).toBeGreaterThan(5);
    expect(csv[cabecera + unidades.length + 1]).toBe("");
    expect(csv.slice(cabecera + unidades.length + 2, cabecera + unidades.length + 5).map((l) => l.split(",")[0])).toEqual([
      "Elaborado por",
      "Entregado por",
      "Recibido por",
    ]);
  });

  it("los PDF/A pasan qpdf --check y declaran PDF/A-2b en sus metadatos XMP", () => {
    const pdfs = archivos(bolsa).filter((f) => f.endsWith(".pdf"));
    expect(pdfs.length).toBe(indice.documentos.filter((d) => d.formato.includes("PDF/A")).length + 2);
    for (const f of pdfs) {
      const q = spawnSync("qpdf", ["--check", path.join(bolsa, f)], { encoding: "utf8" });
      expect({ f, codigo: q.status }).toEqual({ f, codigo: 0 });
      expect(q.stdout).toContain("No syntax or stream encoding errors");
      const bytes = readFileSync(path.join(bolsa, f));
      expect({ f, ...declaraPdfA(bytes) }).toEqual({ f, parte: "2", conformidad: "B" });
      const texto = bytes.toString("latin1");
      expect(texto).toContain("/OutputIntents");
      expect(texto).toContain("/GTS_PDFA1");
      expect(texto).toMatch(/\/ID \[/);
      expect(texto).toMatch(/\/FontFile2/);
    }
  });
});
