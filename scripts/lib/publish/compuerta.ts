import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ErrorUso, leerArgumentos, SALIDA, type Comando, type Io } from "../cli/comando.ts";
import { rutas } from "../content/paths.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { ahora, parseFechaPublicacion } from "../content/time.ts";
import { decidirPuerta, huellaEnlaces, leerDesplegado, type Desplegado, type RegistroCrudo } from "./puerta.ts";

// Only Node's built-ins and dependency-free project modules: the gate runs before `npm ci`.

const USO = `Uso: prensa compuerta [--desplegado URL|ARCHIVO] [--forzar] [--ahora FECHA]

Decide en segundos, sin instalar nada, si una ejecución programada del flujo Publicar debe
construir el sitio y si debe publicar en las redes. Lee construccion.json del sitio desplegado,
el registro (content/publicaciones/), su agenda y la historia de git.

Opciones:
  --desplegado   Dirección o archivo de construccion.json del sitio desplegado (por omisión,
                 PRENSA_SITIO_DESPLEGADO o <sitio de config/institucion.yaml>/construccion.json)
  --forzar       Construir y publicar siempre (ejecución manual)
  --ahora FECHA  Hace como si fuera ese momento (AAAA-MM-DDTHH:MM:SS-05:00)

En GitHub Actions escribe construir=true|false, publicar=true|false y desplegado=<JSON> en
GITHUB_OUTPUT. Sale con 0.`;

/** The site's address from config/institucion.yaml, read without a YAML parser (one top-level key). */
function sitioDeConfig(archivoConfig: string): string {
  let texto: string;
  try {
    texto = readFileSync(archivoConfig, "utf8");
  } catch {
    throw new ErrorConvergente(`No se pudo leer ${archivoConfig}: la compuerta necesita la clave «sitio».`);
  }
  const m = /^sitio:\s*["']?(https?:\/\/[^"'\s#]+)["']?\s*(#.*)?$/m.exec(texto);
  if (!m)
    throw new ErrorConvergente(
      `${archivoConfig}: falta la clave «sitio» (la dirección pública del sitio, por ejemplo https://prensa.cajica.gov.co).`,
    );
  return m[1]!.replace(/\/+$/, "");
}

async function leerEstadoDesplegado(origen: string): Promise<Desplegado | undefined> {
  try {
    if (/^https?:\/\//.test(origen)) {
      const r = await fetch(origen, { signal: AbortSignal.timeout(15_000), headers: { "cache-control": "no-cache" } });
      return r.ok ? leerDesplegado(await r.text()) : undefined;
    }
    return existsSync(origen) ? leerDesplegado(readFileSync(origen, "utf8")) : undefined;
  } catch {
    return undefined;
  }
}

/** Every record as plain JSON (content/publicaciones/AAAA/MM/*.json). */
function registrosCrudos(carpeta: string): RegistroCrudo[] {
  const salida: RegistroCrudo[] = [];
  const visitar = (dir: string, nivel: number) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visitar(p, nivel + 1);
      else if (nivel > 0 && e.isFile() && e.name.endsWith(".json")) {
        try {
          salida.push(JSON.parse(readFileSync(p, "utf8")) as RegistroCrudo);
        } catch {
          // A broken record is the publisher's to report; here it fingerprints as nothing.
        }
      }
    }
  };
  if (existsSync(carpeta)) visitar(carpeta, 0);
  return salida;
}

/** The agenda's next instant: undefined when there is no readable agenda. */
function leerAgenda(carpeta: string): Date | null | undefined {
  try {
    const d = JSON.parse(readFileSync(path.join(carpeta, "agenda.json"), "utf8")) as { proxima?: unknown };
    if (d.proxima === null) return null;
    const p = typeof d.proxima === "string" ? new Date(d.proxima) : undefined;
    return p && !Number.isNaN(p.getTime()) ? p : undefined;
  } catch {
    return undefined;
  }
}

/** Files changed between a commit and HEAD, or undefined when git does not know the commit. */
function cambiosDesde(raiz: string, commit: string): string[] | undefined {
  const r = spawnSync("git", ["diff", "--name-only", "--no-renames", commit, "HEAD"], { cwd: raiz, encoding: "utf8" });
  if (r.status !== 0) return undefined;
  return r.stdout.split("\n").filter(Boolean);
}

export const comando: Comando = {
  nombre: "compuerta",
  descripcion: "Decide si una ejecución programada debe construir el sitio y publicar (sin instalar nada)",
  uso: USO,
  async ejecutar(args: string[], io: Io): Promise<number> {
    const { values, positionals } = leerArgumentos(args, {
      desplegado: { type: "string" },
      forzar: { type: "boolean" },
      ahora: { type: "string" },
    });
    if (positionals.length) throw new ErrorUso(`argumento inesperado: ${positionals[0]}`);
    let momento = ahora(io.env);
    if (values.ahora !== undefined) {
      const d = parseFechaPublicacion(values.ahora);
      if (!d) throw new ErrorUso(`--ahora «${values.ahora}» no es una fecha válida; use AAAA-MM-DDTHH:MM:SS-05:00`);
      momento = d;
    }
    const r = rutas(io.env.PRENSA_RAIZ);
    const origen = values.desplegado ?? (io.env.PRENSA_SITIO_DESPLEGADO || `${sitioDeConfig(r.config)}/construccion.json`);
    const desplegado = await leerEstadoDesplegado(origen);
    const decision = decidirPuerta({
      desplegado,
      cambios: desplegado?.commit ? cambiosDesde(r.raiz, desplegado.commit) : undefined,
      ahora: momento,
      proxima: leerAgenda(r.publicaciones),
      enlaces: huellaEnlaces(registrosCrudos(r.publicaciones)),
      forzar: Boolean(values.forzar),
    });
    const lineas = [
      `Construir el sitio: ${decision.construir ? "sí" : "no"}`,
      `Publicar en las redes: ${decision.publicar ? "sí" : "no"}`,
      ...decision.motivos.map((m) => `- ${m}`),
    ];
    io.salida(lineas.join("\n"));
    if (io.env.GITHUB_OUTPUT) {
      const estado = desplegado
        ? JSON.stringify({
            esquema: 1,
            commit: desplegado.commit,
            instante: desplegado.instante.toISOString(),
            proximas: desplegado.proximas.map((p) => p.toISOString()),
            enlaces: desplegado.enlaces,
          })
        : "";
      appendFileSync(
        io.env.GITHUB_OUTPUT,
        `construir=${decision.construir}\npublicar=${decision.publicar}\ndesplegado=${estado}\n`,
      );
    }
    if (io.env.GITHUB_STEP_SUMMARY) appendFileSync(io.env.GITHUB_STEP_SUMMARY, `### Compuerta\n\n${lineas.join("\n")}\n\n`);
    return SALIDA.ok;
  },
};
