import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Font } from "satori";

/** Font families of the GOV.CO template (Resolución MinTIC 1519 de 2020 style guide). */
export const TITULAR = "Montserrat";
export const TEXTO = "Work Sans";

type Peso = 400 | 600 | 700;
interface ArchivoFuente {
  paquete: string;
  archivo: string;
  nombre: string;
  peso: Peso;
}

// satori reads TTF/OTF/WOFF (not WOFF2 in every runtime): the fontsource .woff files, latin
// subset first and latin-ext after it as fallback for the less common letters.
const ARCHIVOS: readonly ArchivoFuente[] = [
  { paquete: "@fontsource/montserrat", archivo: "montserrat-latin-700-normal.woff", nombre: TITULAR, peso: 700 },
  { paquete: "@fontsource/montserrat", archivo: "montserrat-latin-ext-700-normal.woff", nombre: TITULAR, peso: 700 },
  { paquete: "@fontsource/work-sans", archivo: "work-sans-latin-400-normal.woff", nombre: TEXTO, peso: 400 },
  { paquete: "@fontsource/work-sans", archivo: "work-sans-latin-600-normal.woff", nombre: TEXTO, peso: 600 },
  { paquete: "@fontsource/work-sans", archivo: "work-sans-latin-ext-400-normal.woff", nombre: TEXTO, peso: 400 },
  { paquete: "@fontsource/work-sans", archivo: "work-sans-latin-ext-600-normal.woff", nombre: TEXTO, peso: 600 },
];

let fuentes: Font[] | undefined;
let lecturas = 0;

/**
 * Folder of an installed package: looked up from this file, then from the working directory
 * (when a bundler moved this module, e.g. into Astro's build output).
 */
function carpetaPaquete(paquete: string): string {
  const desde = [import.meta.url, path.join(process.cwd(), "package.json")];
  for (const origen of desde) {
    try {
      return path.dirname(createRequire(origen).resolve(`${paquete}/package.json`));
    } catch {
      // try the next origin
    }
  }
  throw new Error(`No se encontró el paquete de fuentes ${paquete}. Ejecute "npm install" en la raíz del proyecto.`);
}

/**
 * The template fonts, read from node_modules once per process (or worker) and kept in memory:
 * satori parses a font the first time it sees the same object, so reusing the array is faster.
 */
export function cargarFuentes(): Font[] {
  if (fuentes) return fuentes;
  const carpetas = new Map<string, string>();
  const leidas: Font[] = [];
  for (const f of ARCHIVOS) {
    let carpeta = carpetas.get(f.paquete);
    if (!carpeta) {
      carpeta = carpetaPaquete(f.paquete);
      carpetas.set(f.paquete, carpeta);
    }
    const ruta = path.join(carpeta, "files", f.archivo);
    let datos: Buffer;
    try {
      datos = readFileSync(ruta);
    } catch {
      throw new Error(`No se pudo leer la fuente ${ruta}. Reinstale ${f.paquete} con "npm install".`);
    }
    leidas.push({ name: f.nombre, data: datos, weight: f.peso, style: "normal" });
  }
  lecturas += 1;
  fuentes = leidas;
  return fuentes;
}

/** How many times the font files were read in this process (tests assert it stays at 1). */
export const lecturasDeFuentes = (): number => lecturas;
