import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * A small BagIt writer and validator following RFC 8493 (https://www.rfc-editor.org/rfc/rfc8493).
 * No maintained npm implementation exists: `bagit` (0.0.3, pre-1.0, Bluebird era) and `bagit-fs`
 * (one release, unmaintained dependencies) were checked with `npm view` and rejected.
 * Only SHA-512 is written (section 2.4: sha512 is the recommended default).
 */

export const ALGORITMO = "sha512";
const BAGIT_TXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";

/** A file to put in the payload: path relative to data/ (forward slashes) and its bytes. */
export interface ArchivoCarga {
  ruta: string;
  contenido: Uint8Array;
}

export const hashSha512 = (datos: Uint8Array): string => createHash(ALGORITMO).update(datos).digest("hex");

/** Section 2.1.3: in manifests, CR, LF and % in a path are percent-encoded; nothing else. */
export const codificarRuta = (ruta: string): string => ruta.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
export const decodificarRuta = (ruta: string): string => ruta.replace(/%0D/gi, "\r").replace(/%0A/gi, "\n").replace(/%25/g, "%");

/** Section 2.2.2: "Label: Value" lines; a long value stays on one line (continuations are allowed, not needed). */
function lineasInfo(info: [string, string][]): string {
  return info.map(([k, v]) => `${k}: ${v.replace(/\s*\n\s*/g, " ")}\n`).join("");
}

/**
 * Writes a complete bag in `destino` (which must not exist): data/ with the payload, bagit.txt,
 * bag-info.txt (with Payload-Oxum computed here), manifest-sha512.txt and tagmanifest-sha512.txt.
 * Written to a sibling temp folder first and renamed, so a crash leaves no half bag.
 */
export function escribirBolsa(destino: string, carga: ArchivoCarga[], info: [string, string][]): void {
  if (existsSync(destino)) throw new Error(`ya existe ${destino}`);
  const temporal = `${destino}.tmp-${process.pid}`;
  rmSync(temporal, { recursive: true, force: true });
  mkdirSync(temporal, { recursive: true });
  try {
    const ordenada = [...carga].sort((a, b) => (a.ruta < b.ruta ? -1 : 1));
    const vistas = new Set<string>();
    let octetos = 0;
    const manifiesto: string[] = [];
    for (const a of ordenada) {
      if (vistas.has(a.ruta)) throw new Error(`archivo repetido en la carga: ${a.ruta}`);
      if (a.ruta.split("/").some((p) => p === ".." || p === "." || p === "")) throw new Error(`ruta no válida: ${a.ruta}`);
      vistas.add(a.ruta);
      const ruta = path.join(temporal, "data", ...a.ruta.split("/"));
      mkdirSync(path.dirname(ruta), { recursive: true });
      writeFileSync(ruta, a.contenido);
      octetos += a.contenido.byteLength;
      manifiesto.push(`${hashSha512(a.contenido)}  ${codificarRuta(`data/${a.ruta}`)}\n`);
    }
    const etiquetas: [string, string][] = [
      ["bagit.txt", BAGIT_TXT],
      ["bag-info.txt", lineasInfo([...info, ["Payload-Oxum", `${octetos}.${ordenada.length}`]])],
      [`manifest-${ALGORITMO}.txt`, manifiesto.join("")],
    ];
    const tagmanifiesto: string[] = [];
    for (const [nombre, texto] of etiquetas) {
      const bytes = Buffer.from(texto, "utf8");
      writeFileSync(path.join(temporal, nombre), bytes);
      tagmanifiesto.push(`${hashSha512(bytes)}  ${nombre}\n`);
    }
    writeFileSync(path.join(temporal, `tagmanifest-${ALGORITMO}.txt`), tagmanifiesto.join(""));
    renameSync(temporal, destino);
  } catch (e) {
    rmSync(temporal, { recursive: true, force: true });
    throw e;
  }
}

/** What a check found, each list with paths relative to the bag root. */
export interface ResultadoVerificacion {
  valida: boolean;
  /** Listed in a manifest, not on disk. */
  faltantes: string[];
  /** On disk, not listed in any manifest (payload) or tag manifest (tag files). */
  sobrantes: string[];
  /** On disk and listed, with another checksum. */
  alterados: string[];
  /** Other problems (bagit.txt, bag-info.txt, Payload-Oxum, malformed lines), in Spanish. */
  problemas: string[];
  /** Payload files counted. */
  archivos: number;
}

function listar(raiz: string, dir = raiz): string[] {
  const salida: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) salida.push(...listar(raiz, p));
    else salida.push(path.relative(raiz, p).split(path.sep).join("/"));
  }
  return salida;
}

/** Parses a manifest: "checksum<whitespace>path" per line (section 2.1.3). */
function leerManifiesto(texto: string, nombre: string, problemas: string[]): Map<string, string> {
  const entradas = new Map<string, string>();
  texto.split(/\r\n|\n|\r/).forEach((linea, i) => {
    if (!linea.trim()) return;
    const m = /^([0-9a-fA-F]+)[ \t]+(.+)$/.exec(linea);
    if (!m) return problemas.push(`${nombre}, línea ${i + 1}: no tiene la forma «suma ruta»`);
    const ruta = decodificarRuta(m[2]!.replace(/^\*/, ""));
    if (ruta.startsWith("/") || ruta.split("/").includes(".."))
      return problemas.push(`${nombre}, línea ${i + 1}: la ruta «${ruta}» sale de la bolsa`);
    entradas.set(ruta, m[1]!.toLowerCase());
  });
  return entradas;
}

/**
 * Validates a bag (sections 3 and 2.1.3-2.2.3): bagit.txt, every manifest entry present with the
 * right SHA-512, every payload file and every tag file listed, Payload-Oxum consistent.
 */
export function verificarBolsa(raiz: string): ResultadoVerificacion {
  const r: ResultadoVerificacion = { valida: false, faltantes: [], sobrantes: [], alterados: [], problemas: [], archivos: 0 };
  if (!existsSync(raiz) || !statSync(raiz).isDirectory()) {
    r.problemas.push(`no existe la carpeta ${raiz}`);
    return r;
  }
  const presentes = new Set(listar(raiz));
  const leer = (nombre: string) => readFileSync(path.join(raiz, nombre));
  const requerido = (nombre: string): Buffer | undefined => {
    if (presentes.has(nombre)) return leer(nombre);
    r.faltantes.push(nombre);
    return undefined;
  };
  const bagit = requerido("bagit.txt");
  if (bagit && !/^BagIt-Version: \d+\.\d+\r?\nTag-File-Character-Encoding: \S+\r?\n?$/.test(bagit.toString("utf8")))
    r.problemas.push("bagit.txt no tiene las dos líneas de la RFC 8493 (BagIt-Version y Tag-File-Character-Encoding)");
  const manifiestoBytes = requerido(`manifest-${ALGORITMO}.txt`);
  const tagBytes = requerido(`tagmanifest-${ALGORITMO}.txt`);
  const carga = manifiestoBytes
    ? leerManifiesto(manifiestoBytes.toString("utf8"), `manifest-${ALGORITMO}.txt`, r.problemas)
    : new Map<string, string>();
  const tags = tagBytes
    ? leerManifiesto(tagBytes.toString("utf8"), `tagmanifest-${ALGORITMO}.txt`, r.problemas)
    : new Map<string, string>();
  let octetos = 0;
  for (const [ruta, suma] of carga) {
    if (!ruta.startsWith("data/")) r.problemas.push(`manifest-${ALGORITMO}.txt lista «${ruta}», que no está en data/`);
    if (!presentes.has(ruta)) {
      r.faltantes.push(ruta);
      continue;
    }
    const bytes = leer(ruta);
    octetos += bytes.byteLength;
    if (hashSha512(bytes) !== suma) r.alterados.push(ruta);
  }
  for (const [ruta, suma] of tags) {
    if (!presentes.has(ruta)) r.faltantes.push(ruta);
    else if (hashSha512(leer(ruta)) !== suma) r.alterados.push(ruta);
  }
  for (const ruta of presentes) {
    const esCarga = ruta.startsWith("data/");
    if (esCarga && !carga.has(ruta)) r.sobrantes.push(ruta);
    if (!esCarga && !ruta.startsWith("tagmanifest-") && !tags.has(ruta)) r.sobrantes.push(ruta);
  }
  r.archivos = [...presentes].filter((p) => p.startsWith("data/")).length;
  const info = presentes.has("bag-info.txt") ? leer("bag-info.txt").toString("utf8") : "";
  const oxum = /^Payload-Oxum:\s*(\d+)\.(\d+)\s*$/m.exec(info);
  if (!info) r.problemas.push("falta bag-info.txt");
  else if (!oxum) r.problemas.push("bag-info.txt no tiene Payload-Oxum");
  else if (Number(oxum[1]) !== octetos || Number(oxum[2]) !== carga.size)
    r.problemas.push(`Payload-Oxum dice ${oxum[1]}.${oxum[2]} y la carga listada suma ${octetos}.${carga.size}`);
  for (const l of [r.faltantes, r.sobrantes, r.alterados]) l.sort();
  r.valida = !r.faltantes.length && !r.sobrantes.length && !r.alterados.length && !r.problemas.length;
  return r;
}

/** Reads bag-info.txt as label → values (labels may repeat, section 2.2.2). */
export function leerInfoBolsa(raiz: string): Map<string, string[]> {
  const mapa = new Map<string, string[]>();
  let ultima: string | undefined;
  for (const linea of readFileSync(path.join(raiz, "bag-info.txt"), "utf8").split(/\r\n|\n|\r/)) {
    if (/^[ \t]/.test(linea) && ultima) {
      const v = mapa.get(ultima)!;
      v[v.length - 1] += ` ${linea.trim()}`;
      continue;
    }
    const m = /^([^:]+):\s*(.*)$/.exec(linea);
    if (!m) continue;
    ultima = m[1]!;
    mapa.set(ultima, [...(mapa.get(ultima) ?? []), m[2]!]);
  }
  return mapa;
}
