import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { escribirAtomico } from "../content/escribir.ts";
import { cargarInstitucion } from "../content/institucion.ts";
import { cargarNotas, esPublica, type Nota } from "../content/notas.ts";
import { ErrorConvergente } from "../content/problems.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import { entradaImagenDeNota } from "../images/nota.ts";
import { renderizarImagenSocial } from "../images/social.ts";
import { diferencias } from "./registro.ts";

/**
 * The before and after of an image change in a pull request (step 5 under review): when the PR
 * changes the `imagen` or `identidad` section of the config, or a file under
 * site/public/identidad/, the review shows one social card and the home page drawn with main's
 * config and with the PR's. Files go to `revision-imagen/` inside the preview artifact; the
 * review comment lists them (scripts/lib/github/revision.ts).
 */

export const CARPETA_REVISION_IMAGEN = "revision-imagen";
const CONFIG = "config/institucion.yaml";

function git(raiz: string, args: string[]): { ok: boolean; salida: string } {
  const r = spawnSync("git", args, { cwd: raiz, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { ok: r.status === 0, salida: r.stdout };
}

/** The config file at `base` (undefined when git cannot show it). */
export function configEnBase(raiz: string, base: string): string | undefined {
  const r = git(raiz, ["show", `${base}:./${CONFIG}`]);
  return r.ok ? r.salida : undefined;
}

/** What of the image changes between `base` and the working tree, as Spanish lines (empty: nothing). */
export function cambiosDeImagenEnRevision(raiz: string, base: string): string[] {
  const texto = configEnBase(raiz, base);
  if (texto === undefined) return [];
  const antes = (parse(texto) ?? {}) as Record<string, unknown>;
  const ahora = (parse(readFileSync(path.join(raiz, CONFIG), "utf8")) ?? {}) as Record<string, unknown>;
  const lineas: string[] = [];
  const ACCION = { nueva: "nueva", modificada: "cambia", retirada: "se retira" } as const;
  const TIPO = { tema: "Tema", campana: "Campaña", aviso: "Aviso urgente" } as const;
  const seccion = (doc: Record<string, unknown>) => doc.imagen as Record<string, unknown> | undefined;
  for (const d of diferencias(seccion(antes), seccion(ahora)))
    lineas.push(`${TIPO[d.tipo]} ${ACCION[d.accion]}: ${d.nombre}${d.motivo ? ` (motivo: ${d.motivo.texto})` : ""}`);
  if (JSON.stringify(antes.identidad ?? null) !== JSON.stringify(ahora.identidad ?? null))
    lineas.push("Cambian los valores del kit GOV.CO (`identidad`)");
  const archivos = git(raiz, ["diff", "--name-only", `${base}...HEAD`, "--", "site/public/identidad"]);
  for (const a of archivos.ok ? archivos.salida.split("\n").filter(Boolean) : []) lineas.push(`Cambia el archivo ${a}`);
  // The review artifact keeps each line under 600 characters and at most 50 lines.
  return lineas.slice(0, 50).map((l) => (l.length > 300 ? `${l.slice(0, 299)}…` : l));
}

/** The note whose card is shown: the newest public note naming a campaign, else the newest public note. */
export function notaDeMuestra(notas: readonly Nota[], momento: Date): Nota | undefined {
  const publicas = notas
    .filter((n) => esPublica(n, momento))
    .sort((a, b) => b.datos.publicar.getTime() - a.datos.publicar.getTime());
  return publicas.find((n) => n.datos.campana) ?? publicas[0];
}

/** Loads main's config from its text, in a temp root (the schema is the PR's). */
function institucionDeTexto(texto: string): Institucion {
  const tmp = mkdtempSync(path.join(tmpdir(), "convergente-imagen-base-"));
  try {
    mkdirSync(path.join(tmp, "config"));
    writeFileSync(path.join(tmp, CONFIG), texto);
    return cargarInstitucion(tmp);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Screenshot (PNG, 1280 px wide, first screen) of a built site's home page, with Chromium. */
export async function capturarInicio(carpetaSitio: string, archivo: string, chromium: string): Promise<void> {
  const { servirSitio } = await import("../servidor/estatico.ts");
  const { chromium: navegadores } = await import("playwright-core");
  const { servidor, url } = await servirSitio(carpetaSitio, 0);
  const navegador = await navegadores.launch({ executablePath: chromium, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    const pagina = await navegador.newPage({ viewport: { width: 1280, height: 900 } });
    await pagina.goto(`${url}/`);
    mkdirSync(path.dirname(archivo), { recursive: true });
    await pagina.screenshot({ path: archivo, fullPage: false });
  } finally {
    await navegador.close();
    servidor.close();
  }
}

export interface OpcionesComparar {
  raiz: string;
  base: string;
  momento: Date;
  salida: string;
  /** Built sites (main's config, the PR's) for the home-page screenshots. */
  sitioAntes?: string | undefined;
  sitioDespues?: string | undefined;
  chromium?: string | undefined;
}

/** Writes the before/after files; returns their names (relative to `salida`) and the changes. */
export async function compararImagen(o: OpcionesComparar): Promise<{ cambios: string[]; archivos: string[] }> {
  const despues = cargarInstitucion(o.raiz);
  const cambios = cambiosDeImagenEnRevision(o.raiz, o.base);
  if (!cambios.length) return { cambios, archivos: [] };
  const texto = configEnBase(o.raiz, o.base);
  if (texto === undefined) throw new ErrorConvergente(`No se pudo leer ${CONFIG} en «${o.base}».`);
  const antes = institucionDeTexto(texto);
  const { notas } = cargarNotas(despues, { raiz: o.raiz });
  const nota = notaDeMuestra(notas, o.momento);
  const archivos: string[] = [];
  mkdirSync(o.salida, { recursive: true });
  if (nota) {
    for (const [nombre, inst] of [
      ["tarjeta-antes.jpg", antes],
      ["tarjeta-despues.jpg", despues],
    ] as const) {
      escribirAtomico(path.join(o.salida, nombre), await renderizarImagenSocial(entradaImagenDeNota(nota, inst, o.momento)));
      archivos.push(nombre);
    }
  }
  if (o.sitioAntes && o.sitioDespues && o.chromium && existsSync(o.chromium)) {
    await capturarInicio(o.sitioAntes, path.join(o.salida, "inicio-antes.png"), o.chromium);
    await capturarInicio(o.sitioDespues, path.join(o.salida, "inicio-despues.png"), o.chromium);
    archivos.push("inicio-antes.png", "inicio-despues.png");
  }
  escribirAtomico(
    path.join(o.salida, "imagen.json"),
    `${JSON.stringify({ cambios, archivos, nota: nota?.id ?? null }, null, 2)}\n`,
  );
  return { cambios, archivos };
}
