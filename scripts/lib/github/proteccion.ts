import type { Institucion } from "../content/schema/institucion.ts";

/**
 * The protection of the main branch as a repository ruleset (pure decisions; configurar.ts does the I/O).
 *
 * Why a ruleset and not classic branch protection: `prensa publicar --commit` pushes the record
 * straight to main. Neither classic protection nor rulesets let the workflow token
 * (github-actions[bot]) skip required reviews and checks, but a ruleset can let a deploy key do it
 * (bypass actor `DeployKey`). publicar.yml checks out with that key (secret PRENSA_CLAVE_DESPLIEGUE).
 */

/** App id of GitHub Actions: only checks reported by Actions satisfy the required checks (no spoofed statuses). */
export const ID_GITHUB_ACTIONS = 15368;

/**
 * The two rulesets this tool owns, by name (rules in them that are not wanted here are removed).
 * Rulesets add up: a push must satisfy every active ruleset, and a bypass actor of one ruleset
 * skips only that ruleset's rules (https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/about-rulesets).
 * So the protective rules (no deletion, no force push) live in a ruleset nobody may bypass, and
 * only the review rules, which `prensa publicar --commit` must skip to push the ledger, let the
 * deploy key through.
 */
export const NOMBRE_REGLAS_BASE = "Convergente: rama principal sin borrar ni forzar";
export const NOMBRE_REGLAS_REVISION = "Convergente: revisión de la jefatura de prensa";
/** Name of the single ruleset of earlier versions (deletion, force push and review, with the key's bypass): it becomes the review ruleset. */
export const NOMBRE_REGLAS_ANTERIOR = "Convergente: protección de la rama principal";

export interface ReglaRuleset {
  type: string;
  parameters?: Record<string, unknown>;
}

export interface ActorExento {
  actor_id: number | null;
  actor_type: string;
  bypass_mode: string;
}

/**
 * The part of a ruleset this tool manages: request body of POST/PUT /repos/{owner}/{repo}/rulesets
 * (https://docs.github.com/en/rest/repos/rules#create-a-repository-ruleset).
 */
export interface Ruleset {
  name: string;
  target: "branch";
  enforcement: string;
  conditions: { ref_name: { include: string[]; exclude: string[] } };
  bypass_actors: ActorExento[];
  rules: ReglaRuleset[];
}

const ramaDe = (institucion: Institucion) => institucion.github?.ramaPrincipal ?? "main";

/** Main can be neither deleted nor rewritten, by anyone: no bypass actor at all (not even admins or the deploy key). */
export function reglasBase(institucion: Institucion): Ruleset {
  return {
    name: NOMBRE_REGLAS_BASE,
    target: "branch",
    enforcement: "active",
    conditions: { ref_name: { include: [`refs/heads/${ramaDe(institucion)}`], exclude: [] } },
    bypass_actors: [],
    rules: [{ type: "deletion" }, { type: "non_fast_forward" }],
  };
}

/**
 * Changes reach main only through a pull request approved by a code owner (the head-of-press
 * team owns every file, see .github/CODEOWNERS) after its last push, with the review checks
 * green. Only a deploy key may skip these rules (bypass_mode "always"; "pull_request" does not
 * apply to DeployKey): publicar.yml pushes the ledger with PRENSA_CLAVE_DESPLIEGUE.
 */
export function reglasRevision(institucion: Institucion): Ruleset {
  const chequeos = institucion.github?.chequeosRequeridos ?? ["revision"];
  return {
    name: NOMBRE_REGLAS_REVISION,
    target: "branch",
    enforcement: "active",
    conditions: { ref_name: { include: [`refs/heads/${ramaDe(institucion)}`], exclude: [] } },
    bypass_actors: [{ actor_id: null, actor_type: "DeployKey", bypass_mode: "always" }],
    rules: [
      {
        type: "pull_request",
        parameters: {
          required_approving_review_count: 1,
          require_code_owner_review: true,
          dismiss_stale_reviews_on_push: true,
          // Whoever pushed last cannot be the one approving: the author of a change never approves it.
          require_last_push_approval: true,
          required_review_thread_resolution: false,
        },
      },
      {
        type: "required_status_checks",
        parameters: {
          strict_required_status_checks_policy: false,
          required_status_checks: chequeos.map((context) => ({ context, integration_id: ID_GITHUB_ACTIONS })),
        },
      },
    ],
  };
}

/** Both rulesets, protective first. */
export const rulesetsDeseados = (institucion: Institucion): Ruleset[] => [reglasBase(institucion), reglasRevision(institucion)];

/** Spanish, canonical description of each managed element of a ruleset; two rulesets are equal when these sets are. */
export function describir(r: Partial<Ruleset>): string[] {
  const salida: string[] = [];
  salida.push(`aplicación: ${r.enforcement === "active" ? "activa" : (r.enforcement ?? "ninguna")}`);
  const ramas = [...(r.conditions?.ref_name?.include ?? [])].sort();
  salida.push(`ramas: ${ramas.join(", ") || "ninguna"}`);
  if (!r.bypass_actors?.length) salida.push("exento: nadie");
  for (const a of [...(r.bypass_actors ?? [])].sort((x, y) => x.actor_type.localeCompare(y.actor_type))) {
    const quien = a.actor_type === "DeployKey" ? "llaves de despliegue" : `${a.actor_type} ${a.actor_id ?? ""}`.trim();
    salida.push(`exento: ${quien} (${a.bypass_mode === "always" ? "siempre" : a.bypass_mode})`);
  }
  for (const regla of r.rules ?? []) salida.push(describirRegla(regla));
  return salida.sort();
}

function describirRegla(regla: ReglaRuleset): string {
  const p = regla.parameters ?? {};
  switch (regla.type) {
    case "deletion":
      return "regla: no se puede borrar la rama";
    case "non_fast_forward":
      return "regla: no se permite forzar (force push)";
    case "pull_request":
      return [
        "regla: cambios solo por solicitud de cambios",
        `${Number(p.required_approving_review_count ?? 0)} aprobación(es)`,
        `propietarios del código (CODEOWNERS) ${p.require_code_owner_review ? "obligatorios" : "no obligatorios"}`,
        `aprobaciones ${p.dismiss_stale_reviews_on_push ? "se descartan" : "se mantienen"} con nuevos cambios`,
        `aprobar el último cambio: ${p.require_last_push_approval ? "sí" : "no"}`,
        `conversaciones resueltas: ${p.required_review_thread_resolution ? "sí" : "no"}`,
      ].join("; ");
    case "required_status_checks": {
      const lista = ((p.required_status_checks as { context: string; integration_id?: number }[] | undefined) ?? [])
        .map((c) => (c.integration_id === ID_GITHUB_ACTIONS ? c.context : `${c.context} (de cualquier origen)`))
        .sort();
      return `regla: chequeos obligatorios: ${lista.join(", ") || "ninguno"}; rama al día: ${p.strict_required_status_checks_policy ? "sí" : "no"}`;
    }
    default:
      return `regla: ${regla.type} ${JSON.stringify(p)}`;
  }
}

/** Lines that must be added (+) and removed (−) to go from the current ruleset to the desired one. */
export interface Diferencia {
  agregar: string[];
  quitar: string[];
}

export function diferencia(actual: Partial<Ruleset> | undefined, deseado: Ruleset): Diferencia {
  const a = actual ? describir(actual) : [];
  const d = describir(deseado);
  return { agregar: d.filter((x) => !a.includes(x)), quitar: a.filter((x) => !d.includes(x)) };
}

export const sinCambios = (d: Diferencia): boolean => d.agregar.length === 0 && d.quitar.length === 0;

/** Human text of a difference. */
export function formatoDiferencia(d: Diferencia): string {
  if (sinCambios(d)) return "Sin diferencias: la protección ya está como debe.";
  return [...d.quitar.map((l) => `- ${l}`), ...d.agregar.map((l) => `+ ${l}`)].join("\n");
}

/**
 * CODEOWNERS lines this config needs: the head-of-press team owns every file (`*`). Code,
 * workflows and config run with the publishing secrets after a merge, so none of them may be
 * merged on anyone else's approval.
 */
export function lineasCodeowners(institucion: Institucion): string[] {
  const equipo = institucion.github?.equipoPrensa;
  if (!equipo) return [];
  return [`* @${equipo}`];
}

/**
 * Problems of a CODEOWNERS text for this team. GitHub applies the LAST matching line
 * (https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners#codeowners-syntax),
 * so after `* @team` every more specific line must name the team again (it may add a second team),
 * or that path stops needing the head of press.
 */
export function problemasCodeowners(texto: string | undefined, equipo: string | undefined): string[] {
  if (!equipo) return [];
  const dueno = `@${equipo}`.toLowerCase();
  if (texto === undefined) return [`Falta .github/CODEOWNERS; agregue la línea:\n* @${equipo}`];
  const lineas = texto
    .split(/\r?\n/)
    .map((l, i) => ({ numero: i + 1, partes: l.replace(/#.*$/, "").trim().split(/\s+/).filter(Boolean) }))
    .filter((l) => l.partes.length > 0);
  const problemas: string[] = [];
  const todo = lineas.findIndex((l) => l.partes[0] === "*" && l.partes.slice(1).some((p) => p.toLowerCase() === dueno));
  if (todo < 0) problemas.push(`.github/CODEOWNERS no hace dueño de todo al equipo; agregue al comienzo la línea:\n* @${equipo}`);
  for (const [i, l] of lineas.entries()) {
    if (i <= todo && todo >= 0) continue;
    if (!l.partes.slice(1).some((p) => p.toLowerCase() === dueno)) {
      problemas.push(
        `La línea ${l.numero} de .github/CODEOWNERS («${l.partes.join(" ")}») deja ${l.partes[0]} sin la aprobación de @${equipo}; agregue @${equipo} a esa línea.`,
      );
    }
  }
  return problemas;
}

/**
 * Default permissions of the workflow token for the repository (Settings → Actions → General):
 * GET/PUT /repos/{owner}/{repo}/actions/permissions/workflow
 * (https://docs.github.com/en/rest/actions/permissions#set-default-workflow-permissions-for-a-repository).
 */
export interface PermisosFlujos {
  default_workflow_permissions: "read" | "write";
  can_approve_pull_request_reviews: boolean;
}

/**
 * Read-only token by default (each workflow asks for what it needs), and GitHub Actions may
 * neither approve nor create pull requests: a workflow pushed on a branch could otherwise approve
 * it as github-actions[bot]. The same switch stops solicitud.yml from opening the draft pull
 * request; `prensa solicitud` then leaves a one-click link for the press team instead.
 */
export const PERMISOS_FLUJOS: PermisosFlujos = { default_workflow_permissions: "read", can_approve_pull_request_reviews: false };

/** Spanish description of the workflow-token settings, for the difference. */
export function describirPermisos(p: PermisosFlujos): string[] {
  return [
    `token de los flujos por omisión: ${p.default_workflow_permissions === "read" ? "solo lectura" : "lectura y escritura"}`,
    `Actions puede crear y aprobar solicitudes de cambios: ${p.can_approve_pull_request_reviews ? "sí" : "no"}`,
  ];
}

/** Name of the environment that holds every publishing secret (only publicar.yml's posting job names it). */
export const ENTORNO_REDES = "redes";

/**
 * The environment as this tool wants it: body of PUT /repos/{owner}/{repo}/environments/{name}
 * (https://docs.github.com/en/rest/deployments/environments#create-or-update-an-environment) plus
 * the one deployment branch policy it must have (POST .../deployment-branch-policies,
 * https://docs.github.com/en/rest/deployments/branch-policies#create-a-deployment-branch-policy).
 * `custom_branch_policies: true` with the single pattern "main" means: only jobs running on main
 * get the environment's secrets ("protected_branches: true" would admit any protected branch).
 */
export interface EntornoDeseado {
  nombre: string;
  cuerpo: { deployment_branch_policy: { protected_branches: boolean; custom_branch_policies: boolean } };
  politicas: { name: string; type: "branch" }[];
}

export function entornoDeseado(institucion: Institucion): EntornoDeseado {
  return {
    nombre: ENTORNO_REDES,
    cuerpo: { deployment_branch_policy: { protected_branches: false, custom_branch_policies: true } },
    politicas: [{ name: ramaDe(institucion), type: "branch" }],
  };
}

/** What GitHub reports of an environment (subset of GET /repos/{owner}/{repo}/environments/{name}). */
export interface EntornoActual {
  deployment_branch_policy: { protected_branches: boolean; custom_branch_policies: boolean } | null;
  politicas: { id: number; name: string; type?: string }[];
}

/** Spanish, canonical description of an environment; two environments are equal when these sets are. */
export function describirEntorno(
  nombre: string,
  e: EntornoActual | (EntornoDeseado["cuerpo"] & { politicas: { name: string; type?: string }[] }) | undefined,
): string[] {
  if (!e) return [];
  const salida = [`entorno ${nombre}: existe`];
  const p = e.deployment_branch_policy;
  if (!p) salida.push(`entorno ${nombre}: cualquier rama puede usar sus secretos`);
  else if (p.protected_branches) salida.push(`entorno ${nombre}: solo ramas protegidas`);
  else if (p.custom_branch_policies) {
    const ramas = e.politicas.map((x) => `${x.type === "tag" ? "etiqueta" : "rama"} ${x.name}`).sort();
    salida.push(`entorno ${nombre}: solo ${ramas.join(", ") || "(ninguna rama)"}`);
  }
  return salida.sort();
}

/** A team "org/slug" split, or undefined when the value has no slash. */
export function separarEquipo(equipo: string): { org: string; slug: string } | undefined {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(equipo.trim());
  return m ? { org: m[1]!, slug: m[2]! } : undefined;
}

/**
 * Whether the head-of-press team can approve a pull request of `autor`: with last-push approval
 * and code-owner review, someone in the team other than the author must approve. Returns the
 * Spanish problem, or undefined when at least one other member exists.
 */
export function problemaEquipo(equipo: string, miembros: string[] | undefined, autor: string | undefined): string | undefined {
  if (miembros === undefined) {
    return `El equipo ${equipo} no existe o el token no lo ve: nadie podría aprobar las solicitudes de cambios. Créelo en la organización (Teams → New team), agregue a la jefatura de prensa y dele permiso de escritura en el repositorio.`;
  }
  const otros = miembros.filter((m) => m.toLowerCase() !== autor?.toLowerCase());
  if (miembros.length === 0) {
    return `El equipo ${equipo} no tiene miembros: nadie podría aprobar las solicitudes de cambios. Agregue al menos dos personas (la jefatura de prensa y su suplente).`;
  }
  if (otros.length === 0) {
    return `El equipo ${equipo} solo tiene a ${autor}, quien ejecuta esta configuración: sus propias solicitudes de cambios nunca podrían aprobarse (la última modificación debe aprobarla otra persona). Agregue al menos otra persona al equipo.`;
  }
  return undefined;
}
