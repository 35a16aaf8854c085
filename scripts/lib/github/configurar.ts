import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { leerArgumentos, SALIDA, type Comando, type Io } from "../cli/comando.ts";
import { cargarInstitucion } from "../content/institucion.ts";
import { rutas } from "../content/paths.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { crearCliente, errorGithub, esEstado, repositorioDe, type ClienteGithub, type Repo } from "./cliente.ts";
import {
  describirEntorno,
  describirPermisos,
  diferencia,
  entornoDeseado,
  ENTORNO_REDES,
  formatoDiferencia,
  NOMBRE_REGLAS_ANTERIOR,
  NOMBRE_REGLAS_BASE,
  NOMBRE_REGLAS_REVISION,
  PERMISOS_FLUJOS,
  problemaEquipo,
  problemasCodeowners,
  rulesetsDeseados,
  separarEquipo,
  sinCambios,
  type Diferencia,
  type EntornoActual,
  type EntornoDeseado,
  type Ruleset,
} from "./proteccion.ts";

const USO = `Uso: prensa configurar [--simular]

Deja el repositorio de GitHub como lo necesita la revisión de la jefatura de prensa:
- dos conjuntos de reglas para la rama principal: «${NOMBRE_REGLAS_BASE}» (nadie, ni la llave
  de despliegue, puede borrarla ni forzarla) y «${NOMBRE_REGLAS_REVISION}» (cambios solo por
  solicitud de cambios aprobada por los propietarios del código después del último cambio, con los
  chequeos de revision.yml; solo la llave de despliegue de publicar.yml queda exenta, para
  guardar el registro de publicaciones);
- el entorno «${ENTORNO_REDES}», que guarda los secretos de las redes y solo puede usar la rama principal;
- el token de los flujos en solo lectura por omisión, y GitHub Actions sin permiso para crear
  ni aprobar solicitudes de cambios;
- y revisa que el equipo de la jefatura de prensa exista y tenga a alguien, además de usted, que
  pueda aprobar.
Consulta lo actual y cambia solo lo que falta; si ya está bien, no cambia nada.

Opciones:
  --simular   Muestra la diferencia sin cambiar nada
  --ayuda     Muestra esta ayuda

Variables de entorno: GITHUB_TOKEN (token con permiso de administración del repositorio y de
lectura de los equipos de la organización).`;

/** What configurar found and did for one ruleset. */
export interface ResultadoConfigurar {
  nombre: string;
  diferencia: Diferencia;
  accion: "ninguna" | "creado" | "actualizado" | "simulado";
  id?: number;
}

type RulesetActual = Partial<Ruleset> & { id: number };

/** Reads the repository's own rulesets with the given names (GET /repos/{owner}/{repo}/rulesets, https://docs.github.com/en/rest/repos/rules#get-all-repository-rulesets). */
async function rulesetsActuales(gh: ClienteGithub, repo: Repo): Promise<{ id: number; name: string }[]> {
  const lista = await gh.paginate(gh.rest.repos.getRepoRulesets, { ...repo, per_page: 100, includes_parents: false });
  return lista.filter((r) => r.source_type !== "Organization").map((r) => ({ id: r.id, name: r.name }));
}

async function leerRuleset(gh: ClienteGithub, repo: Repo, id: number): Promise<RulesetActual> {
  return (await gh.rest.repos.getRepoRuleset({ ...repo, ruleset_id: id })).data as unknown as RulesetActual;
}

/** GET the current ruleset, compute the difference, write only when it differs (never with simular). */
export async function configurarRuleset(
  gh: ClienteGithub,
  repo: Repo,
  deseado: Ruleset,
  existente: { id: number; name: string } | undefined,
  simular: boolean,
): Promise<ResultadoConfigurar> {
  const actual = existente ? await leerRuleset(gh, repo, existente.id) : undefined;
  // A rename (from the single ruleset of earlier versions) is a difference too.
  const dif = diferencia(actual, deseado);
  if (actual && actual.name !== deseado.name) dif.agregar.unshift(`nombre: ${deseado.name} (antes «${actual.name}»)`);
  const base = { nombre: deseado.name, diferencia: dif, ...(actual ? { id: actual.id } : {}) };
  if (sinCambios(dif)) return { ...base, accion: "ninguna" };
  if (simular) return { ...base, accion: "simulado" };
  // Our Ruleset type is a strict subset of octokit's body (its union of rule types is too wide to build literally).
  if (actual) {
    await gh.rest.repos.updateRepoRuleset({ ...deseado, ...repo, ruleset_id: actual.id } as unknown as Parameters<
      typeof gh.rest.repos.updateRepoRuleset
    >[0]);
    return { ...base, accion: "actualizado" };
  }
  const creado = await gh.rest.repos.createRepoRuleset({ ...deseado, ...repo } as unknown as Parameters<
    typeof gh.rest.repos.createRepoRuleset
  >[0]);
  return { ...base, accion: "creado", id: creado.data.id };
}

/** Both rulesets: the protective one (no bypass) and the review one (the earlier single ruleset is renamed into it). */
export async function configurarProteccion(
  gh: ClienteGithub,
  repo: Repo,
  deseados: Ruleset[],
  simular: boolean,
): Promise<ResultadoConfigurar[]> {
  const actuales = await rulesetsActuales(gh, repo);
  const resultados: ResultadoConfigurar[] = [];
  for (const deseado of deseados) {
    const existente =
      actuales.find((r) => r.name === deseado.name) ??
      (deseado.name === NOMBRE_REGLAS_REVISION ? actuales.find((r) => r.name === NOMBRE_REGLAS_ANTERIOR) : undefined);
    resultados.push(await configurarRuleset(gh, repo, deseado, existente, simular));
  }
  return resultados;
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

/** The environment as GitHub has it, or undefined when it does not exist. */
async function entornoActual(gh: ClienteGithub, repo: Repo, nombre: string): Promise<EntornoActual | undefined> {
  let datos;
  try {
    datos = (await gh.rest.repos.getEnvironment({ ...repo, environment_name: nombre })).data;
  } catch (e) {
    if (esEstado(e, 404)) return undefined;
    throw e;
  }
  const politica = datos.deployment_branch_policy ?? null;
  if (!politica?.custom_branch_policies) return { deployment_branch_policy: politica, politicas: [] };
  const lista = await gh.rest.repos.listDeploymentBranchPolicies({ ...repo, environment_name: nombre, per_page: 100 });
  return {
    deployment_branch_policy: politica,
    politicas: lista.data.branch_policies.map((x) => ({ id: x.id!, name: x.name!, ...(x.type ? { type: x.type } : {}) })),
  };
}

/**
 * Creates or updates the environment and its branch policies: PUT only when the policy kind
 * differs, POST the missing patterns, DELETE the extra ones (any other branch pattern would
 * give that branch the secrets).
 */
export async function configurarEntorno(
  gh: ClienteGithub,
  repo: Repo,
  deseado: EntornoDeseado,
  simular: boolean,
): Promise<Diferencia> {
  const actual = await entornoActual(gh, repo, deseado.nombre);
  const a = describirEntorno(deseado.nombre, actual);
  const d = describirEntorno(deseado.nombre, { ...deseado.cuerpo, politicas: deseado.politicas });
  const dif = { agregar: d.filter((x) => !a.includes(x)), quitar: a.filter((x) => !d.includes(x)) };
  if (sinCambios(dif) || simular) return dif;
  const p = actual?.deployment_branch_policy;
  const mismoTipo =
    p?.custom_branch_policies === deseado.cuerpo.deployment_branch_policy.custom_branch_policies &&
    p.protected_branches === deseado.cuerpo.deployment_branch_policy.protected_branches;
  if (!actual || !mismoTipo) {
    await gh.rest.repos.createOrUpdateEnvironment({ ...repo, environment_name: deseado.nombre, ...deseado.cuerpo });
  }
  const existentes = mismoTipo ? (actual?.politicas ?? []) : [];
  for (const x of existentes) {
    if (!deseado.politicas.some((q) => q.name === x.name && q.type === (x.type ?? "branch"))) {
      await gh.rest.repos.deleteDeploymentBranchPolicy({ ...repo, environment_name: deseado.nombre, branch_policy_id: x.id });
    }
  }
  for (const q of deseado.politicas) {
    if (!existentes.some((x) => x.name === q.name && (x.type ?? "branch") === q.type)) {
      await gh.rest.repos.createDeploymentBranchPolicy({ ...repo, environment_name: deseado.nombre, name: q.name, type: q.type });
    }
  }
  return dif;
}

/**
 * The head-of-press team must exist and have someone besides the person running this (usually
 * the one who also writes) who can approve: GET /orgs/{org}/teams/{slug}
 * (https://docs.github.com/en/rest/teams/teams#get-a-team-by-name), its members
 * (https://docs.github.com/en/rest/teams/members#list-team-members) and GET /user.
 */
export async function revisarEquipo(gh: ClienteGithub, equipo: string): Promise<string | undefined> {
  const partes = separarEquipo(equipo);
  if (!partes) return `github.equipoPrensa («${equipo}») debe tener la forma "organizacion/equipo".`;
  let miembros: string[] | undefined;
  try {
    await gh.rest.teams.getByName({ org: partes.org, team_slug: partes.slug });
    const lista = await gh.paginate(gh.rest.teams.listMembersInOrg, { org: partes.org, team_slug: partes.slug, per_page: 100 });
    miembros = lista.map((m) => m.login);
  } catch (e) {
    if (!esEstado(e, 404)) throw e;
  }
  let autor: string | undefined;
  try {
    autor = (await gh.rest.users.getAuthenticated()).data.login;
  } catch (e) {
    // A GitHub App or workflow token has no user: then any single member could still be the author.
    if (!esEstado(e, 403)) throw e;
  }
  const problema = problemaEquipo(equipo, miembros, autor);
  if (problema || autor || (miembros?.length ?? 0) >= 2) return problema;
  return `El equipo ${equipo} tiene una sola persona: sus propias solicitudes de cambios nunca podrían aprobarse. Agregue al menos otra persona al equipo.`;
}

/** Local check: .github/CODEOWNERS makes the configured press team the owner of everything. */
export function revisarCodeowners(raiz: string, equipo: string | undefined): string[] {
  const archivo = path.join(raiz, ".github/CODEOWNERS");
  return problemasCodeowners(existsSync(archivo) ? readFileSync(archivo, "utf8") : undefined, equipo);
}

export const comando: Comando = {
  nombre: "configurar",
  descripcion:
    "Aplica en GitHub las reglas de la rama principal, el entorno de los secretos y los permisos de los flujos; --simular los muestra",
  uso: USO,
  async ejecutar(args: string[], io: Io): Promise<number> {
    const { values } = leerArgumentos(args, { simular: { type: "boolean" } }, false);
    const simular = Boolean(values.simular);
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
    let reglas: ResultadoConfigurar[];
    let entorno: Diferencia;
    let permisos: Diferencia;
    let equipo: string | undefined;
    try {
      reglas = await configurarProteccion(gh, repo, rulesetsDeseados(institucion), simular);
      entorno = await configurarEntorno(gh, repo, entornoDeseado(institucion), simular);
      permisos = await configurarPermisosFlujos(gh, repo, simular);
      equipo = institucion.github.equipoPrensa ? await revisarEquipo(gh, institucion.github.equipoPrensa) : undefined;
    } catch (e) {
      throw errorGithub(e, `configurar la protección de ${repo.owner}/${repo.repo}`, io.env);
    }
    const destino = `${repo.owner}/${repo.repo} (rama ${institucion.github.ramaPrincipal})`;
    for (const res of reglas) {
      const titulo = {
        ninguna: `«${res.nombre}» en ${destino} ya está al día; no se cambió nada.`,
        simulado: `Simulación: estos cambios se aplicarían a «${res.nombre}» en ${destino} (no se cambió nada):`,
        creado: `Reglas «${res.nombre}» creadas en ${destino}:`,
        actualizado: `Reglas «${res.nombre}» actualizadas en ${destino}:`,
      }[res.accion];
      io.salida(res.accion === "ninguna" ? titulo : `${titulo}\n${formatoDiferencia(res.diferencia)}`);
    }
    const informar = (nombre: string, dif: Diferencia, plural = false) => {
      if (sinCambios(dif)) io.salida(`${nombre} ya ${plural ? "están" : "está"} al día.`);
      else
        io.salida(
          `${simular ? `Simulación: ${nombre}, cambios que se aplicarían` : `${nombre}, cambios aplicados`}:\n${formatoDiferencia(dif)}`,
        );
    };
    informar(`El entorno «${ENTORNO_REDES}»`, entorno);
    informar("Los permisos del token de los flujos", permisos, true);
    const avisos = revisarCodeowners(r.raiz, institucion.github.equipoPrensa);
    for (const aviso of avisos) io.error(`Aviso: ${aviso}`);
    if (!institucion.github.equipoPrensa)
      io.error("Aviso: falta github.equipoPrensa en config/institucion.yaml: nadie queda como aprobador.");
    if (equipo) {
      io.error(`Problema: ${equipo}`);
      return SALIDA.hallazgos;
    }
    return SALIDA.ok;
  },
};
