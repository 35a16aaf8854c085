import { parse } from "yaml";
import { VARIABLES_CREDENCIALES } from "../../scripts/lib/networks/index.ts";
import { problemasCodeowners } from "../../scripts/lib/github/proteccion.ts";

/**
 * The security policy of the repository's GitHub setup, as pure rules over the workflow files,
 * CODEOWNERS and the payloads `prensa configurar` sends. Each rule returns Spanish faults
 * ("archivo#trabajo: regla: detalle"); an empty list means the policy holds. Sources: GitHub's
 * "Security hardening for GitHub Actions", OWASP Top 10 CI/CD Security Risks (CICD-SEC-2, -4,
 * -5, -6, -8) and zizmor's audits (unpinned-uses, artipacked, excessive-permissions,
 * secrets-outside-env, dangerous-triggers), which cannot run here (see the report).
 */

/** The environment that holds every publishing secret. */
export const ENTORNO = "redes";

/** Credentials that are secrets: every network's token plus the deploy key, minus public identifiers. */
export const IDENTIFICADORES_PUBLICOS = ["BLUESKY_IDENTIFICADOR"];
export const SECRETOS_DE_PUBLICACION = [
  ...Object.values(VARIABLES_CREDENCIALES)
    .flat()
    .filter((v) => !IDENTIFICADORES_PUBLICOS.includes(v)),
  "PRENSA_CLAVE_DESPLIEGUE",
];

interface Paso {
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Trabajo {
  name?: string;
  environment?: string | { name: string };
  permissions?: Record<string, string> | string;
  env?: Record<string, unknown>;
  defaults?: { run?: { shell?: string } };
  steps?: Paso[];
}
interface Flujo {
  on: Record<string, unknown> | string | string[];
  permissions?: unknown;
  defaults?: { run?: { shell?: string } };
  jobs: Record<string, Trabajo>;
}

export interface ArchivoFlujo {
  nombre: string;
  texto: string;
}

const entornoDe = (t: Trabajo) => (typeof t.environment === "string" ? t.environment : t.environment?.name);
const json = (x: unknown) => JSON.stringify(x ?? null);

/** Secret names a piece of a workflow reads (`secrets.X` and `secrets['X']`). */
function secretosLeidos(x: unknown): string[] {
  const s = json(x);
  return [...s.matchAll(/secrets\s*(?:\.\s*([A-Za-z_][\w-]*)|\[\s*'([^']+)'\s*\])/g)].map((m) => m[1] ?? m[2]!);
}

/** Whether a shell script pipes output (`a | b`), ignoring `||` and quoted text. */
export function usaTuberia(script: string): boolean {
  const sinComillas = script.replace(/'[^']*'/g, "''").replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return /(^|[^|])\|(?!\|)/m.test(sinComillas);
}

/** Every fault of the workflow files against the policy. */
export function faltasDeFlujos(archivos: ArchivoFlujo[]): string[] {
  const faltas: string[] = [];
  const trabajosRedes: string[] = [];
  for (const { nombre, texto } of archivos) {
    const w = parse(texto) as Flujo;
    const eventos = typeof w.on === "string" ? [w.on] : Array.isArray(w.on) ? w.on : Object.keys(w.on ?? {});
    if (eventos.includes("pull_request_target")) faltas.push(`${nombre}: disparador-peligroso: usa pull_request_target`);
    if (json(w.permissions) !== "{}") faltas.push(`${nombre}: permisos: el flujo debe declarar permissions: {} arriba`);

    // Action pins: full 40-hex commit with its version in a comment (raw text: comments are not in the YAML tree).
    for (const [i, linea] of texto.split("\n").entries()) {
      const m = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(linea);
      if (!m || m[1]!.startsWith("./") || m[1]!.startsWith("docker://")) continue;
      if (!/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(m[1]!) || !/^\s+#\s*v\d+\.\d+\.\d+\s*$/.test(m[2]!)) {
        faltas.push(`${nombre}:${i + 1}: accion-sin-fijar: ${m[1]} (use el commit completo de 40 caracteres y # vX.Y.Z)`);
      }
    }

    for (const [id, t] of Object.entries(w.jobs ?? {})) {
      const donde = `${nombre}#${id}`;
      const esRedes = entornoDe(t) === ENTORNO;
      if (esRedes) trabajosRedes.push(donde);
      const permisos = t.permissions;
      if (permisos === undefined) faltas.push(`${donde}: permisos: el trabajo no declara sus permisos`);
      else if (typeof permisos === "string") faltas.push(`${donde}: permisos: «${permisos}» en vez de una lista mínima`);
      else {
        if (esRedes && permisos.contents === "write") {
          faltas.push(
            `${donde}: permisos: contents: write en el trabajo del entorno (empuja la llave de despliegue, el token no necesita escribir): use contents: read`,
          );
        }
        if (permisos.contents === "write" && (eventos.includes("pull_request") || eventos.includes("workflow_run"))) {
          faltas.push(`${donde}: permisos: contents: write en un flujo de solicitudes de cambios`);
        }
      }

      // Secrets: only the environment job reads publishing secrets (GITHUB_TOKEN is the job's own token).
      for (const s of secretosLeidos(t)) {
        if (s === "GITHUB_TOKEN") continue;
        if (!esRedes) faltas.push(`${donde}: secreto-fuera-del-entorno: ${s} fuera del trabajo con environment: ${ENTORNO}`);
        if (IDENTIFICADORES_PUBLICOS.includes(s)) {
          faltas.push(`${donde}: identificador-publico-como-secreto: ${s} es público: use vars.${s}`);
        }
      }
      if (t.env && secretosLeidos(t.env).some((s) => s === "PRENSA_CLAVE_DESPLIEGUE")) {
        faltas.push(`${donde}: llave-de-despliegue: en el env del trabajo (llega a todos los pasos)`);
      }

      const shellPorOmision = t.defaults?.run?.shell ?? w.defaults?.run?.shell;
      for (const [k, p] of (t.steps ?? []).entries()) {
        const paso = `${donde} paso ${k + 1}${p.name ? ` («${p.name}»)` : ""}`;
        if (p.uses?.startsWith("actions/checkout@")) {
          const persiste = p.with?.["persist-credentials"];
          if (persiste !== false && persiste !== "false") {
            faltas.push(`${paso}: credenciales-persistidas: actions/checkout sin persist-credentials: false`);
          }
          if (p.with?.["ssh-key"] !== undefined) {
            faltas.push(`${paso}: llave-de-despliegue: pasada a actions/checkout (queda en disco todo el trabajo)`);
          }
        }
        if (p.run && usaTuberia(p.run) && (p.shell ?? shellPorOmision) !== "bash") {
          faltas.push(`${paso}: tuberia-sin-pipefail: el paso usa «|» sin shell: bash (bash -e sin pipefail oculta el fallo)`);
        }
        if (p.run && secretosLeidos(p.env).includes("PRENSA_CLAVE_DESPLIEGUE") && !/ssh-add|GIT_SSH_COMMAND/.test(p.run)) {
          faltas.push(`${paso}: llave-de-despliegue: el paso la recibe sin cargarla en ssh-agent ni GIT_SSH_COMMAND`);
        }
        if (esRedes && p.run && /\bnpm\s+(ci|install|i)\b/.test(p.run)) {
          if (!/--ignore-scripts\b/.test(p.run)) {
            faltas.push(`${paso}: instalacion-con-scripts: el trabajo con secretos instala sin --ignore-scripts`);
          }
          if (!/--omit=dev\b|--production\b/.test(p.run)) {
            faltas.push(`${paso}: instalacion-con-scripts: el trabajo con secretos instala las dependencias de desarrollo`);
          }
        }
      }
    }
    // Public identifiers are never secrets, anywhere.
    for (const s of secretosLeidos(w)) {
      if (IDENTIFICADORES_PUBLICOS.includes(s) && !faltas.some((f) => f.includes(`identificador-publico-como-secreto: ${s}`))) {
        faltas.push(`${nombre}: identificador-publico-como-secreto: ${s} es público: use vars.${s}`);
      }
    }
  }
  // The jobs of the environment (publicar.yml#publicar posts; others read figures or messages):
  // nothing outside them reads a publishing secret (above), and between them they receive all.
  if (trabajosRedes.length === 0) faltas.push(`entorno: ningún trabajo nombra environment: ${ENTORNO}`);
  const leidos = new Set<string>();
  let textoTrabajos = "";
  for (const donde of trabajosRedes) {
    const [nombre, id] = donde.split("#") as [string, string];
    const w = parse(archivos.find((a) => a.nombre === nombre)!.texto) as Flujo;
    for (const s of secretosLeidos(w.jobs[id])) leidos.add(s);
    textoTrabajos += json(w.jobs[id]);
  }
  if (trabajosRedes.length) {
    for (const s of SECRETOS_DE_PUBLICACION) {
      if (!leidos.has(s)) faltas.push(`entorno: ningún trabajo de ${ENTORNO} recibe el secreto ${s}`);
    }
    for (const v of IDENTIFICADORES_PUBLICOS) {
      if (!textoTrabajos.includes(`vars.${v}`)) faltas.push(`entorno: ningún trabajo de ${ENTORNO} recibe vars.${v}`);
    }
  }
  return faltas;
}

/** CODEOWNERS: the head-of-press team owns everything, and no later line takes a path away from it. */
export function faltasDeCodeowners(texto: string, equipo: string): string[] {
  return problemasCodeowners(texto, equipo).map((p) => `CODEOWNERS: ${p}`);
}

interface ReglaEnviada {
  type: string;
  parameters?: Record<string, unknown>;
}
interface RulesetEnviado {
  name: string;
  enforcement: string;
  bypass_actors: { actor_type: string; bypass_mode: string }[];
  rules: ReglaEnviada[];
}

/** What `prensa configurar` sent: rulesets, the environment and its branch policies, the workflow-token settings. */
export interface PayloadsConfigurar {
  rulesets: RulesetEnviado[];
  entorno?: { deployment_branch_policy?: { protected_branches: boolean; custom_branch_policies: boolean } | null };
  politicasRama: { name: string; type?: string }[];
  permisosFlujos?: { default_workflow_permissions: string; can_approve_pull_request_reviews: boolean };
}

const PROTECTORAS = new Set(["deletion", "non_fast_forward", "required_linear_history"]);

export function faltasDePayloads(p: PayloadsConfigurar, rama = "main"): string[] {
  const faltas: string[] = [];
  const protectora = p.rulesets.filter((r) => r.rules.some((x) => PROTECTORAS.has(x.type)));
  const revision = p.rulesets.filter((r) => r.rules.some((x) => x.type === "pull_request"));
  if (!protectora.length) faltas.push("reglas: ningún conjunto impide borrar o forzar la rama");
  for (const r of protectora) {
    if (r.bypass_actors.length) {
      faltas.push(
        `reglas: «${r.name}» impide borrar o forzar pero tiene exentos (${r.bypass_actors.map((a) => a.actor_type).join(", ")})`,
      );
    }
    if (!r.rules.some((x) => x.type === "deletion") || !r.rules.some((x) => x.type === "non_fast_forward")) {
      faltas.push(`reglas: «${r.name}» debe tener deletion y non_fast_forward`);
    }
  }
  if (revision.length !== 1) faltas.push(`reglas: debe haber un conjunto con la regla pull_request (hay ${revision.length})`);
  for (const r of revision) {
    const pr = r.rules.find((x) => x.type === "pull_request")!.parameters ?? {};
    if (pr.require_code_owner_review !== true) faltas.push(`reglas: «${r.name}» no exige a los propietarios del código`);
    if (pr.require_last_push_approval !== true) faltas.push(`reglas: «${r.name}» no exige aprobar el último cambio`);
    if (pr.dismiss_stale_reviews_on_push !== true) faltas.push(`reglas: «${r.name}» mantiene aprobaciones viejas`);
    if (Number(pr.required_approving_review_count ?? 0) < 1) faltas.push(`reglas: «${r.name}» no exige aprobaciones`);
    if (!r.rules.some((x) => x.type === "required_status_checks")) faltas.push(`reglas: «${r.name}» sin chequeos obligatorios`);
    const otros = r.bypass_actors.filter((a) => a.actor_type !== "DeployKey");
    if (otros.length) faltas.push(`reglas: «${r.name}» deja exentos a ${otros.map((a) => a.actor_type).join(", ")}`);
  }
  for (const r of p.rulesets) if (r.enforcement !== "active") faltas.push(`reglas: «${r.name}» no está activo`);
  const dbp = p.entorno?.deployment_branch_policy;
  if (!dbp || dbp.protected_branches || !dbp.custom_branch_policies) {
    faltas.push(`entorno: ${ENTORNO} debe limitarse a ramas elegidas (custom_branch_policies) y no a cualquier rama protegida`);
  }
  const ramas = p.politicasRama.map((x) => `${x.type ?? "branch"}:${x.name}`);
  if (ramas.join(",") !== `branch:${rama}`)
    faltas.push(`entorno: ${ENTORNO} debe admitir solo la rama ${rama} (admite ${ramas.join(", ") || "ninguna"})`);
  if (p.permisosFlujos?.can_approve_pull_request_reviews !== false) {
    faltas.push("permisos-flujos: GitHub Actions puede aprobar solicitudes de cambios");
  }
  if (p.permisosFlujos?.default_workflow_permissions !== "read")
    faltas.push("permisos-flujos: el token por omisión no es de solo lectura");
  return faltas;
}
