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

/** Name of the ruleset this tool owns; rules in it that are not wanted here are removed. */
export const NOMBRE_REGLAS = "Convergente: protección de la rama principal";

export interface ReglaRuleset {
  type: string;
  parameters?: Record<string, unknown>;
}

export interface ActorExento {
  actor_id: number | null;
  actor_type: string;
  bypass_mode: string;
}

/** The part of a ruleset this tool manages (request body of POST/PUT /repos/{owner}/{repo}/rulesets). */
export interface Ruleset {
  name: string;
  target: "branch";
  enforcement: string;
  conditions: { ref_name: { include: string[]; exclude: string[] } };
  bypass_actors: ActorExento[];
  rules: ReglaRuleset[];
}

/** The protection main must have: code-owner review, required checks, no force push, no deletion. */
export function reglasDeseadas(institucion: Institucion): Ruleset {
  const rama = institucion.github?.ramaPrincipal ?? "main";
  const chequeos = institucion.github?.chequeosRequeridos ?? ["revision"];
  return {
    name: NOMBRE_REGLAS,
    target: "branch",
    enforcement: "active",
    conditions: { ref_name: { include: [`refs/heads/${rama}`], exclude: [] } },
    bypass_actors: [{ actor_id: null, actor_type: "DeployKey", bypass_mode: "always" }],
    rules: [
      { type: "deletion" },
      { type: "non_fast_forward" },
      {
        type: "pull_request",
        parameters: {
          required_approving_review_count: 1,
          require_code_owner_review: true,
          dismiss_stale_reviews_on_push: true,
          require_last_push_approval: false,
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

/** Spanish, canonical description of each managed element of a ruleset; two rulesets are equal when these sets are. */
export function describir(r: Partial<Ruleset>): string[] {
  const salida: string[] = [];
  salida.push(`aplicación: ${r.enforcement === "active" ? "activa" : (r.enforcement ?? "ninguna")}`);
  const ramas = [...(r.conditions?.ref_name?.include ?? [])].sort();
  salida.push(`ramas: ${ramas.join(", ") || "ninguna"}`);
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

/** CODEOWNERS lines this config needs: content/ (and the config and workflows) owned by the press team. */
export function lineasCodeowners(institucion: Institucion): string[] {
  const equipo = institucion.github?.equipoPrensa;
  if (!equipo) return [];
  return ["/content/", "/config/", "/.github/"].map((ruta) => `${ruta} @${equipo}`);
}

/** Default permissions of the workflow token for the repository (Settings → Actions → General). */
export interface PermisosFlujos {
  default_workflow_permissions: "read" | "write";
  can_approve_pull_request_reviews: boolean;
}

/**
 * Read-only token by default (each workflow asks for what it needs), and Actions allowed to open
 * pull requests (solicitud.yml opens the draft). A bot approval never counts as the code owners'.
 */
export const PERMISOS_FLUJOS: PermisosFlujos = { default_workflow_permissions: "read", can_approve_pull_request_reviews: true };

/** Spanish description of the workflow-token settings, for the difference. */
export function describirPermisos(p: PermisosFlujos): string[] {
  return [
    `token de los flujos por omisión: ${p.default_workflow_permissions === "read" ? "solo lectura" : "lectura y escritura"}`,
    `Actions puede crear solicitudes de cambios: ${p.can_approve_pull_request_reviews ? "sí" : "no"}`,
  ];
}
