import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { leerArgumentos, SALIDA, type Comando, type Io } from "../cli/comando.ts";
import { cargarInstitucion } from "../content/institucion.ts";
import { rutas } from "../content/paths.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { crearCliente, errorGithub, repositorioDe, type ClienteGithub, type Repo } from "./cliente.ts";
import {
  describirPermisos,
  PERMISOS_FLUJOS,
  diferencia,
  formatoDiferencia,
  lineasCodeowners,
  NOMBRE_REGLAS,
  reglasDeseadas,
  sinCambios,
  type Diferencia,
  type Ruleset,
} from "./proteccion.ts";

const USO = `Uso: prensa configurar [--simular]

Aplica la protección de la rama principal en GitHub (un conjunto de reglas llamado
«${NOMBRE_REGLAS}»): revisión obligatoria de los propietarios del código (CODEOWNERS),
chequeos obligatorios de revision.yml, sin forzar (force push) y sin borrar la rama. Solo la
llave de despliegue de publicar.yml puede empujar el registro de publicaciones directamente.
También deja el token de los flujos en solo lectura por omisión (cada flujo pide lo suyo) y
permite que Actions abra solicitudes de cambios (lo necesita solicitud.yml).
Consulta lo actual y cambia solo lo que falta; si ya está bien, no cambia nada.

Opciones:
  --simular   Muestra la diferencia sin cambiar nada
  --ayuda     Muestra esta ayuda

Variables de entorno: GITHUB_TOKEN (token con permiso de administración del repositorio).`;

/** What configurar found and did. */
export interface ResultadoConfigurar {
  diferencia: Diferencia;
  accion: "ninguna" | "creado" | "actualizado" | "simulado";
  id?: number;
}

/** Reads the ruleset this tool owns, if it exists. */
async function reglasActuales(gh: ClienteGithub, repo: Repo): Promise<(Partial<Ruleset> & { id: number }) | undefined> {
  const lista = await gh.paginate(gh.rest.repos.getRepoRulesets, { ...repo, per_page: 100, includes_parents: false });
  const propia = lista.find((r) => r.name === NOMBRE_REGLAS && r.source_type !== "Organization");
  if (!propia) return undefined;
  const completa = await gh.rest.repos.getRepoRuleset({ ...repo, ruleset_id: propia.id });
  return completa.data as unknown as Partial<Ruleset> & { id: number };
}

/** GET the current protection, compute the difference, write only when it differs (never with simular). */
export async function configurarProteccion(
  gh: ClienteGithub,
  repo: Repo,
  deseado: Ruleset,
  simular: boolean,
): Promise<ResultadoConfigurar> {
  const actual = await reglasActuales(gh, repo);
  const dif = diferencia(actual, deseado);
  if (sinCambios(dif)) return { diferencia: dif, accion: "ninguna", ...(actual ? { id: actual.id } : {}) };
  if (simular) return { diferencia: dif, accion: "simulado", ...(actual ? { id: actual.id } : {}) };
  // Our Ruleset type is a strict subset of octokit's body (its union of rule types is too wide to build literally).
  const cuerpo = { ...deseado, ...repo } as unknown as Parameters<typeof gh.rest.repos.createRepoRuleset>[0];
  if (actual) {
    await gh.rest.repos.updateRepoRuleset({ ...deseado, ...repo, ruleset_id: actual.id } as unknown as Parameters<
      typeof gh.rest.repos.updateRepoRuleset
    >[0]);
    return { diferencia: dif, accion: "actualizado", id: actual.id };
  }
  const creado = await gh.rest.repos.createRepoRuleset(cuerpo);
  return { diferencia: dif, accion: "creado", id: creado.data.id };
}

/** Same GET → difference → PUT-only-if-different for the default permissions of the workflow token. */
export async function configurarPermisosFlujos(gh: ClienteGithub, repo: Repo, simular: boolean): Promise<Diferencia> {
  const actual = (await gh.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository({ ...repo })).data;
  const a = describirPermisos(actual);
  const d = describirPermisos(PERMISOS_FLUJOS);
  const dif = { agregar: d.filter((x) => !a.includes(x)), quitar: a.filter((x) => !d.includes(x)) };
  if (!sinCambios(dif) && !simular) {
    await gh.rest.actions.setGithubActionsDefaultWorkflowPermissionsRepository({ ...repo, ...PERMISOS_FLUJOS });
  }
  return dif;
}

/** Local check: .github/CODEOWNERS names the configured press team for content/. */
export function revisarCodeowners(raiz: string, esperadas: string[]): string[] {
  const archivo = path.join(raiz, ".github/CODEOWNERS");
  if (!existsSync(archivo)) return [`Falta .github/CODEOWNERS; agregue:\n${esperadas.join("\n")}`];
  const lineas = readFileSync(archivo, "utf8")
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/\s+/g, " "));
  const faltan = esperadas.filter((e) => !lineas.includes(e));
  return faltan.length ? [`A .github/CODEOWNERS le faltan estas líneas:\n${faltan.join("\n")}`] : [];
}

export const comando: Comando = {
  nombre: "configurar",
  descripcion: "Aplica la protección de la rama principal en GitHub (revisión obligatoria y chequeos); --simular la muestra",
  uso: USO,
  async ejecutar(args: string[], io: Io): Promise<number> {
    const { values } = leerArgumentos(args, { simular: { type: "boolean" } }, false);
    const r = rutas(io.env.PRENSA_RAIZ);
    const institucion = cargarInstitucion(r.raiz);
    if (!institucion.github) {
      throw new ErrorConvergente("Falta la sección github en la configuración.", [
        {
          archivo: "config/institucion.yaml",
          campo: "github",
          mensaje: "sin ella no se sabe qué repositorio proteger ni qué equipo aprueba",
          arreglo:
            "agregue github: { repositorio, equipoPrensa, ramaPrincipal, chequeosRequeridos } (ver docs/guia-administrador.md)",
        },
      ]);
    }
    const repo = repositorioDe(institucion, io.env);
    const gh = crearCliente(io.env);
    const deseado = reglasDeseadas(institucion);
    let res: ResultadoConfigurar;
    let permisos: Diferencia;
    try {
      res = await configurarProteccion(gh, repo, deseado, Boolean(values.simular));
      permisos = await configurarPermisosFlujos(gh, repo, Boolean(values.simular));
    } catch (e) {
      throw errorGithub(e, `configurar la protección de ${repo.owner}/${repo.repo}`, io.env);
    }
    const destino = `${repo.owner}/${repo.repo} (rama ${institucion.github.ramaPrincipal})`;
    const titulo = {
      ninguna: `La protección de ${destino} ya está al día; no se cambió nada.`,
      simulado: `Simulación: estos cambios se aplicarían a ${destino} (no se cambió nada):`,
      creado: `Protección creada en ${destino}:`,
      actualizado: `Protección actualizada en ${destino}:`,
    }[res.accion];
    io.salida(res.accion === "ninguna" ? titulo : `${titulo}\n${formatoDiferencia(res.diferencia)}`);
    if (sinCambios(permisos)) io.salida("Los permisos del token de los flujos ya están al día.");
    else {
      io.salida(
        `${values.simular ? "Simulación: permisos del token de los flujos que se cambiarían" : "Permisos del token de los flujos cambiados"}:\n${formatoDiferencia(permisos)}`,
      );
    }
    for (const aviso of revisarCodeowners(r.raiz, lineasCodeowners(institucion))) io.error(`Aviso: ${aviso}`);
    return SALIDA.ok;
  },
};
