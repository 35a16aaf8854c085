/**
 * One-off generator of the sample notes' illustrations:
 *   node scripts/muestras/generar-ilustraciones.ts [--raiz CARPETA]
 * Writes content/notas/2026/MM/<nombre>.png (1200×800). The pictures are committed content;
 * run it again only when a drawing in scripts/muestras/ilustraciones.ts changes. Sample art is
 * not runtime code: nothing under scripts/lib/ imports it.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { escribirAtomico } from "../lib/content/escribir.ts";
import { rutas } from "../lib/content/paths.ts";
import { renderizarIlustracion } from "./ilustraciones.ts";

/** Which month folder each sample picture belongs to. */
export const ILUSTRACIONES_DE_MUESTRA: Readonly<Record<string, string>> = {
  "festival-campesino": "2026/11",
  "jornada-vacunacion": "2026/11",
  "ciclovia-sabana": "2026/11",
  "escuela-musica": "2026/11",
  "reciclaje-veredas": "2026/11",
  "obras-calle-septima": "2026/11",
  "impuesto-predial": "2026/11",
  "alumbrado-navideno": "2026/11",
  "borrador-mercados": "2026/11",
  "siembra-arboles": "2026/10",
  "biblioteca-publica": "2026/10",
  "adulto-mayor": "2026/10",
  "simulacro-sismo": "2026/10",
  "novenas-navidad": "2026/12",
};

const LIMITE_BYTES = 150 * 1024;

function principal(): number {
  const { values } = parseArgs({ options: { raiz: { type: "string" } } });
  const { notas } = rutas(values.raiz ? path.resolve(values.raiz) : undefined);
  let grandes = 0;
  for (const [nombre, carpeta] of Object.entries(ILUSTRACIONES_DE_MUESTRA)) {
    const destino = path.join(notas, carpeta, `${nombre}.png`);
    const png = renderizarIlustracion(nombre);
    escribirAtomico(destino, png);
    const kb = (png.byteLength / 1024).toFixed(0);
    const aviso = png.byteLength > LIMITE_BYTES ? " (supera 150 KB)" : "";
    if (aviso) grandes += 1;
    process.stdout.write(`${path.relative(process.cwd(), destino)}: ${kb} KB${aviso}\n`);
  }
  process.stdout.write(`${Object.keys(ILUSTRACIONES_DE_MUESTRA).length} ilustraciones generadas.\n`);
  return grandes ? 1 : 0;
}

// Only when run as a program: the test imports ILUSTRACIONES_DE_MUESTRA without writing anything.
if (import.meta.main) process.exitCode = principal();
