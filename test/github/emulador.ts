import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createHash } from "node:crypto";
import { z } from "zod";

/**
 * A small, stateful emulator of the GitHub REST API for the endpoints Convergente uses. It checks
 * the token, the method, the path and the body of every request against the documented contract,
 * keeps the state (issues, comments, refs, files, pull requests, rulesets, artifacts) so
 * idempotency can be observed, and records every call. Any other request is answered 404 and
 * recorded as unexpected.
 */

export interface Llamada {
  metodo: string;
  ruta: string;
  consulta: Record<string, string>;
  cuerpo: unknown;
}

export interface Usuario {
  login: string;
  type: "User" | "Bot";
}
export interface Issue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  state_reason?: string | null;
  labels: string[];
  user: Usuario;
  pull_request?: object;
  /** When it was opened (ISO 8601); GitHub always sends it, tests that count by date set it. */
  created_at?: string;
}
export interface Comentario {
  id: number;
  issue: number;
  body: string;
  user: Usuario;
}
export interface PullRequest {
  number: number;
  title: string;
  body: string;
  head: string;
  headSha: string;
  base: string;
  draft: boolean;
  state: "open" | "closed";
  merged_at: string | null;
  /** Logins assigned (POST /issues/{number}/assignees). */
  assignees?: string[];
}

/** The workflow token's bot, author of every comment the token writes. */
export const BOT: Usuario = { login: "github-actions[bot]", type: "Bot" };
const sha = (texto: string) => createHash("sha1").update(texto).digest("hex");

/** Body contracts of the write endpoints (subset of GitHub's documented schemas, strict where it matters). */
const CONTRATOS = {
  crearRef: z
    .object({ ref: z.string().regex(/^refs\/heads\/[A-Za-z0-9._/-]+$/), sha: z.string().regex(/^[0-9a-f]{40}$/) })
    .strict(),
  contenido: z
    .object({
      message: z.string().min(1),
      content: z.string().regex(/^[A-Za-z0-9+/=]+$/),
      branch: z.string().min(1),
      sha: z.string().optional(),
    })
    .strict(),
  crearPull: z
    .object({ title: z.string().min(1), head: z.string().min(1), base: z.string().min(1), body: z.string(), draft: z.boolean() })
    .strict(),
  comentario: z.object({ body: z.string().min(1).max(65536) }).strict(),
  permisosFlujos: z
    .object({ default_workflow_permissions: z.enum(["read", "write"]), can_approve_pull_request_reviews: z.boolean() })
    .strict(),
  crearIssue: z.object({ title: z.string().min(1), body: z.string().max(65536), labels: z.array(z.string()) }).strict(),
  actualizarIssue: z
    .object({
      title: z.string().min(1).max(256).optional(),
      labels: z.array(z.string()).optional(),
      body: z.string().max(65536).optional(),
      state: z.enum(["open", "closed"]).optional(),
      state_reason: z.enum(["completed", "not_planned", "reopened"]).optional(),
    })
    .strict(),
  // https://docs.github.com/en/rest/deployments/environments#create-or-update-an-environment
  entorno: z
    .object({
      wait_timer: z.number().int().min(0).max(43200).optional(),
      prevent_self_review: z.boolean().optional(),
      reviewers: z
        .array(z.object({ type: z.enum(["User", "Team"]), id: z.number() }))
        .nullable()
        .optional(),
      deployment_branch_policy: z
        .object({ protected_branches: z.boolean(), custom_branch_policies: z.boolean() })
        .strict()
        .refine((p) => !(p.protected_branches && p.custom_branch_policies), "only one of the two may be true")
        .nullable()
        .optional(),
    })
    .strict(),
  // https://docs.github.com/en/rest/deployments/branch-policies#create-a-deployment-branch-policy
  politicaRama: z.object({ name: z.string().min(1), type: z.enum(["branch", "tag"]).optional() }).strict(),
  ruleset: z
    .object({
      name: z.string().min(1),
      target: z.enum(["branch", "tag", "push"]),
      enforcement: z.enum(["active", "disabled", "evaluate"]),
      conditions: z.object({ ref_name: z.object({ include: z.array(z.string()), exclude: z.array(z.string()) }) }),
      bypass_actors: z.array(
        z.object({ actor_id: z.number().nullable(), actor_type: z.string(), bypass_mode: z.enum(["always", "pull_request"]) }),
      ),
      rules: z.array(z.object({ type: z.string(), parameters: z.record(z.string(), z.unknown()).optional() })),
    })
    .strict(),
};

/** What an extra endpoint receives: the parsed request and the function that answers it. */
export interface PeticionExtra {
  metodo: string;
  ruta: string;
  url: URL;
  cuerpo: unknown;
  crudo: Buffer;
  responder: (estado: number, datos?: unknown) => void;
}

export class EmuladorGithub {
  readonly owner: string = "alcaldia-cajica";
  readonly repo: string = "convergente";
  /** GET /repos/{owner}/{repo} answers `private` with this (the inbox refuses a public repository). */
  privado = false;
  /** Repository labels (https://docs.github.com/en/rest/issues/labels). */
  etiquetas = new Map<string, { name: string; color: string; description: string }>();

  /** Another repository than alcaldia-cajica/convergente (e.g. the private inbox repository). */
  constructor(opciones: { owner?: string; repo?: string; privado?: boolean } = {}) {
    if (opciones.owner) this.owner = opciones.owner;
    if (opciones.repo) this.repo = opciones.repo;
    if (opciones.privado !== undefined) this.privado = opciones.privado;
  }
  readonly token = "ghs_token-de-prueba-123456";
  llamadas: Llamada[] = [];
  inesperadas: string[] = [];
  /** Body validation failures (each one is also answered 422). */
  invalidas: string[] = [];
  issues = new Map<number, Issue>();
  comentarios: Comentario[] = [];
  refs = new Map<string, string>([["main", sha("main")]]);
  /** "ref\u0000path" → content */
  archivos = new Map<string, string>();
  /** Raw bytes of each file written through PUT /contents (by "branch\u0000path"). */
  bytes = new Map<string, Buffer>();
  pulls: PullRequest[] = [];
  rulesets: (z.infer<typeof CONTRATOS.ruleset> & { id: number; source_type: string; source: string })[] = [];
  artefactos = new Map<number, { id: number; name: string; expired: boolean }[]>();
  /** Settings → Actions → General → Workflow permissions (older repositories default to write). */
  permisosFlujos = { default_workflow_permissions: "write" as "read" | "write", can_approve_pull_request_reviews: false };
  /** Deployment environments: name → branch policy kind and custom patterns. */
  entornos = new Map<
    string,
    {
      deployment_branch_policy: { protected_branches: boolean; custom_branch_policies: boolean } | null;
      politicas: { id: number; name: string; type: "branch" | "tag" }[];
    }
  >();
  /** Organization teams: "org/slug" → member logins. */
  equipos = new Map<string, string[]>([["alcaldia-cajica/jefatura-de-prensa", ["jefa-de-prensa", "admin-convergente"]]]);
  /** The user behind the token (GET /user); null for an integration token (answers 403). */
  usuarioToken: string | null = "admin-convergente";
  /**
   * "Allow GitHub Actions to create and approve pull requests". When false, GitHub answers
   * POST /pulls from the workflow token with 403.
   */
  actionsAbrePulls = true;
  /** Extra endpoints: each returns true when it answered the request. */
  extensiones: ((p: PeticionExtra) => boolean)[] = [];
  /** Respond 500 to the next N requests (to exercise octokit's retry). */
  fallarSiguientes = 0;
  private siguiente = 100;
  private servidor?: Server;

  get prefijo(): string {
    return `/repos/${this.owner}/${this.repo}`;
  }

  async iniciar(): Promise<string> {
    this.servidor = createServer((req, res) => {
      void this.atender(req, res);
    });
    await new Promise<void>((ok) => this.servidor!.listen(0, "127.0.0.1", ok));
    return `http://127.0.0.1:${(this.servidor.address() as AddressInfo).port}`;
  }

  async cerrar(): Promise<void> {
    await new Promise<void>((ok) => this.servidor?.close(() => ok()) ?? ok());
  }

  /** "METHOD /path" of every call since the last reset, for exact assertions. */
  resumen(): string[] {
    return this.llamadas.map((l) => `${l.metodo} ${l.ruta.replace(this.prefijo, "")}`);
  }

  reiniciarLlamadas(): void {
    this.llamadas = [];
  }

  nuevoId(): number {
    return this.siguiente++;
  }

  private async atender(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const trozos: Buffer[] = [];
    for await (const t of req) trozos.push(t as Buffer);
    const crudo = Buffer.concat(trozos);
    const texto = crudo.toString("utf8");
    let cuerpo: unknown;
    try {
      cuerpo = texto ? JSON.parse(texto) : undefined;
    } catch {
      cuerpo = texto;
    }
    const metodo = req.method ?? "GET";
    const ruta = decodeURIComponent(url.pathname);
    this.llamadas.push({ metodo, ruta, consulta: Object.fromEntries(url.searchParams), cuerpo });
    const responder = (estado: number, datos?: unknown) => {
      res.writeHead(estado, { "content-type": "application/json; charset=utf-8" });
      res.end(datos === undefined ? "" : JSON.stringify(datos));
    };
    if (req.headers.authorization !== `token ${this.token}`) {
      this.inesperadas.push(`${metodo} ${ruta} sin token válido`);
      return responder(401, { message: "Bad credentials" });
    }
    if (this.fallarSiguientes > 0) {
      this.fallarSiguientes--;
      return responder(502, { message: "Server Error" });
    }
    const validar = <T>(esquema: z.ZodType<T>): T | undefined => {
      const r = esquema.safeParse(cuerpo);
      if (r.success) return r.data;
      this.invalidas.push(`${metodo} ${ruta}: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
      responder(422, { message: "Validation Failed" });
      return undefined;
    };
    const p = this.prefijo;
    const m = (patron: string) => new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}${patron}$`).exec(ruta);
    let r: RegExpExecArray | null;

    // Issues
    if (metodo === "GET" && (r = m("/issues/(\\d+)"))) {
      const issue = this.issues.get(Number(r[1]));
      return issue ? responder(200, this.issueJson(issue)) : responder(404, { message: "Not Found" });
    }
    if (metodo === "GET" && m("/issues")) {
      const etiqueta = url.searchParams.get("labels");
      const estado = url.searchParams.get("state") ?? "open";
      const lista = [...this.issues.values()].filter(
        (i) => (!etiqueta || i.labels.includes(etiqueta)) && (estado === "all" || i.state === estado),
      );
      return responder(
        200,
        lista.map((i) => this.issueJson(i)),
      );
    }
    if (metodo === "POST" && m("/issues")) {
      const datos = validar(CONTRATOS.crearIssue);
      if (!datos) return;
      const number = this.nuevoId();
      this.issues.set(number, { number, title: datos.title, body: datos.body, state: "open", labels: datos.labels, user: BOT });
      return responder(201, this.issueJson(this.issues.get(number)!));
    }
    if (metodo === "PATCH" && (r = m("/issues/(\\d+)"))) {
      const issue = this.issues.get(Number(r[1]));
      if (!issue) return responder(404, { message: "Not Found" });
      const datos = validar(CONTRATOS.actualizarIssue);
      if (!datos) return;
      if (datos.body !== undefined) issue.body = datos.body;
      if (datos.title !== undefined) issue.title = datos.title;
      if (datos.labels !== undefined) issue.labels = datos.labels;
      if (datos.state) issue.state = datos.state;
      if (datos.state_reason) issue.state_reason = datos.state_reason;
      return responder(200, this.issueJson(issue));
    }
    if (metodo === "GET" && (r = m("/issues/(\\d+)/comments"))) {
      const n = Number(r[1]);
      return responder(
        200,
        this.comentarios.filter((c) => c.issue === n).map((c) => this.comentarioJson(c)),
      );
    }
    if (metodo === "POST" && (r = m("/issues/(\\d+)/comments"))) {
      const n = Number(r[1]);
      if (!this.issues.has(n) && !this.pulls.some((x) => x.number === n)) return responder(404, { message: "Not Found" });
      const datos = validar(CONTRATOS.comentario);
      if (!datos) return;
      const c: Comentario = { id: this.nuevoId(), issue: n, body: datos.body, user: BOT };
      this.comentarios.push(c);
      return responder(201, this.comentarioJson(c));
    }
    // https://docs.github.com/en/rest/issues/assignees#add-assignees-to-an-issue (pull requests are issues here)
    if (metodo === "POST" && (r = m("/issues/(\\d+)/assignees"))) {
      const pr = this.pulls.find((x) => x.number === Number(r![1]));
      if (!pr) return responder(404, { message: "Not Found" });
      const datos = validar(z.object({ assignees: z.array(z.string().min(1)).min(1).max(10) }).strict());
      if (!datos) return;
      pr.assignees = [...new Set([...(pr.assignees ?? []), ...datos.assignees])];
      return responder(201, { number: pr.number, assignees: pr.assignees.map((login) => ({ login, type: "User" })) });
    }
    if (metodo === "PATCH" && (r = m("/issues/comments/(\\d+)"))) {
      const c = this.comentarios.find((x) => x.id === Number(r![1]));
      if (!c) return responder(404, { message: "Not Found" });
      const datos = validar(CONTRATOS.comentario);
      if (!datos) return;
      c.body = datos.body;
      return responder(200, this.comentarioJson(c));
    }

    // https://docs.github.com/en/rest/issues/comments#delete-an-issue-comment
    if (metodo === "DELETE" && (r = m("/issues/comments/(\\d+)"))) {
      const i = this.comentarios.findIndex((x) => x.id === Number(r![1]));
      if (i < 0) return responder(404, { message: "Not Found" });
      this.comentarios.splice(i, 1);
      return responder(204);
    }
    // https://docs.github.com/en/rest/repos/repos#get-a-repository
    if (metodo === "GET" && ruta === p) {
      return responder(200, {
        full_name: `${this.owner}/${this.repo}`,
        name: this.repo,
        owner: { login: this.owner },
        private: this.privado,
        visibility: this.privado ? "private" : "public",
      });
    }
    // https://docs.github.com/en/rest/issues/labels
    if (metodo === "GET" && m("/labels")) return responder(200, [...this.etiquetas.values()]);
    if (metodo === "POST" && m("/labels")) {
      const datos = validar(
        z
          .object({ name: z.string().min(1).max(50), color: z.string().regex(/^[0-9a-f]{6}$/), description: z.string().max(100) })
          .strict(),
      );
      if (!datos) return;
      if (this.etiquetas.has(datos.name))
        return responder(422, { message: "Validation Failed", errors: [{ code: "already_exists" }] });
      this.etiquetas.set(datos.name, datos);
      return responder(201, datos);
    }

    // Git refs and contents
    if (metodo === "GET" && (r = m("/git/ref/heads/(.+)"))) {
      const s = this.refs.get(r[1]!);
      return s
        ? responder(200, { ref: `refs/heads/${r[1]}`, object: { sha: s, type: "commit" } })
        : responder(404, { message: "Not Found" });
    }
    if (metodo === "POST" && m("/git/refs")) {
      const datos = validar(CONTRATOS.crearRef);
      if (!datos) return;
      const nombre = datos.ref.slice("refs/heads/".length);
      if (this.refs.has(nombre)) return responder(422, { message: "Reference already exists" });
      if (![...this.refs.values()].includes(datos.sha)) return responder(422, { message: "Object does not exist" });
      this.refs.set(nombre, datos.sha);
      return responder(201, { ref: datos.ref, object: { sha: datos.sha, type: "commit" } });
    }
    if (metodo === "GET" && (r = m("/contents/(.+)"))) {
      const ref = url.searchParams.get("ref") ?? "main";
      const clave = `${ref}\u0000${r[1]}`;
      const contenido = this.archivos.get(clave);
      if (contenido === undefined) return responder(404, { message: "Not Found" });
      // The bytes written, unless a test replaced the text since (binary files such as PDFs survive).
      const escritos = this.bytes.get(clave);
      const crudo = escritos && escritos.toString("utf8") === contenido ? escritos : Buffer.from(contenido);
      return responder(200, {
        type: "file",
        path: r[1],
        sha: createHash("sha1").update(crudo).digest("hex"),
        content: crudo.toString("base64"),
      });
    }
    if (metodo === "PUT" && (r = m("/contents/(.+)"))) {
      const datos = validar(CONTRATOS.contenido);
      if (!datos) return;
      if (!this.refs.has(datos.branch)) return responder(404, { message: "Branch not found" });
      const clave = `${datos.branch}\u0000${r[1]}`;
      if (this.archivos.has(clave) && !datos.sha) return responder(422, { message: '"sha" wasn\'t supplied.' });
      const crudo = Buffer.from(datos.content, "base64");
      const contenido = crudo.toString("utf8");
      this.archivos.set(clave, contenido);
      this.bytes.set(clave, crudo);
      const nuevo = sha(`${datos.branch}:${r[1]}:${contenido}`);
      this.refs.set(datos.branch, nuevo);
      return responder(201, { content: { path: r[1], sha: sha(contenido) }, commit: { sha: nuevo } });
    }

    // Pull requests
    if (metodo === "GET" && m("/pulls")) {
      const head = url.searchParams.get("head");
      const estado = url.searchParams.get("state") ?? "open";
      const lista = this.pulls.filter(
        (x) => (!head || `${this.owner}:${x.head}` === head) && (estado === "all" || x.state === estado),
      );
      return responder(
        200,
        lista.map((x) => this.pullJson(x)),
      );
    }
    if (metodo === "GET" && (r = m("/pulls/(\\d+)"))) {
      const pr = this.pulls.find((x) => x.number === Number(r![1]));
      return pr ? responder(200, this.pullJson(pr)) : responder(404, { message: "Not Found" });
    }
    if (metodo === "POST" && m("/pulls")) {
      if (!this.actionsAbrePulls) {
        return responder(403, { message: "GitHub Actions is not permitted to create or approve pull requests." });
      }
      const datos = validar(CONTRATOS.crearPull);
      if (!datos) return;
      if (!this.refs.has(datos.head)) return responder(422, { message: "head invalid" });
      const pr: PullRequest = {
        number: this.nuevoId(),
        title: datos.title,
        body: datos.body,
        head: datos.head,
        headSha: this.refs.get(datos.head)!,
        base: datos.base,
        draft: datos.draft,
        state: "open",
        merged_at: null,
      };
      this.pulls.push(pr);
      return responder(201, this.pullJson(pr));
    }

    // Rulesets
    if (metodo === "GET" && m("/rulesets")) {
      return responder(
        200,
        this.rulesets.map((x) => ({
          id: x.id,
          name: x.name,
          source_type: x.source_type,
          source: x.source,
          enforcement: x.enforcement,
        })),
      );
    }
    if (metodo === "GET" && (r = m("/rulesets/(\\d+)"))) {
      const x = this.rulesets.find((y) => y.id === Number(r![1]));
      return x
        ? responder(200, { ...x, current_user_can_bypass: "always", node_id: "RRS_x" })
        : responder(404, { message: "Not Found" });
    }
    if (metodo === "POST" && m("/rulesets")) {
      const datos = validar(CONTRATOS.ruleset);
      if (!datos) return;
      const x = { ...datos, id: this.nuevoId(), source_type: "Repository", source: `${this.owner}/${this.repo}` };
      this.rulesets.push(x);
      return responder(201, x);
    }
    if (metodo === "PUT" && (r = m("/rulesets/(\\d+)"))) {
      const i = this.rulesets.findIndex((y) => y.id === Number(r![1]));
      if (i < 0) return responder(404, { message: "Not Found" });
      const datos = validar(CONTRATOS.ruleset);
      if (!datos) return;
      this.rulesets[i] = { ...this.rulesets[i]!, ...datos };
      return responder(200, this.rulesets[i]);
    }

    // Deployment environments and their branch policies
    if ((r = m("/environments/([^/]+)"))) {
      const nombre = r[1]!;
      const e = this.entornos.get(nombre);
      if (metodo === "GET") return e ? responder(200, this.entornoJson(nombre)) : responder(404, { message: "Not Found" });
      if (metodo === "PUT") {
        const datos = validar(CONTRATOS.entorno);
        if (!datos) return;
        const politica = datos.deployment_branch_policy ?? null;
        const antes = e?.deployment_branch_policy;
        // Changing away from custom policies drops the patterns.
        const politicas = antes?.custom_branch_policies && politica?.custom_branch_policies ? e!.politicas : [];
        this.entornos.set(nombre, { deployment_branch_policy: politica, politicas });
        return responder(200, this.entornoJson(nombre));
      }
    }
    if ((r = m("/environments/([^/]+)/deployment-branch-policies"))) {
      const e = this.entornos.get(r[1]!);
      if (!e) return responder(404, { message: "Not Found" });
      if (metodo === "GET") return responder(200, { total_count: e.politicas.length, branch_policies: e.politicas });
      if (metodo === "POST") {
        if (!e.deployment_branch_policy?.custom_branch_policies) {
          return responder(404, { message: "Custom branch policies are not enabled for this environment" });
        }
        const datos = validar(CONTRATOS.politicaRama);
        if (!datos) return;
        const x = { id: this.nuevoId(), name: datos.name, type: datos.type ?? "branch" };
        if (e.politicas.some((y) => y.name === x.name && y.type === x.type)) return responder(303, {});
        e.politicas.push(x);
        return responder(200, x);
      }
    }
    if (metodo === "DELETE" && (r = m("/environments/([^/]+)/deployment-branch-policies/(\\d+)"))) {
      const e = this.entornos.get(r[1]!);
      const i = e?.politicas.findIndex((y) => y.id === Number(r![2])) ?? -1;
      if (!e || i < 0) return responder(404, { message: "Not Found" });
      e.politicas.splice(i, 1);
      return responder(204);
    }

    // Actions workflow-token settings
    if (metodo === "GET" && m("/actions/permissions/workflow")) return responder(200, this.permisosFlujos);
    if (metodo === "PUT" && m("/actions/permissions/workflow")) {
      const datos = validar(CONTRATOS.permisosFlujos);
      if (!datos) return;
      this.permisosFlujos = datos;
      return responder(204);
    }

    // Actions artifacts
    if (metodo === "GET" && (r = m("/actions/runs/(\\d+)/artifacts"))) {
      const lista = this.artefactos.get(Number(r[1])) ?? [];
      return responder(200, { total_count: lista.length, artifacts: lista });
    }

    // Teams (https://docs.github.com/en/rest/teams/teams#get-a-team-by-name, .../teams/members#list-team-members) and the token's user
    if (metodo === "GET" && (r = /^\/orgs\/([^/]+)\/teams\/([^/]+)(\/members)?$/.exec(ruta))) {
      const miembros = this.equipos.get(`${r[1]}/${r[2]}`);
      if (!miembros) return responder(404, { message: "Not Found" });
      if (!r[3]) return responder(200, { id: 1, slug: r[2], name: r[2], privacy: "closed" });
      return responder(
        200,
        miembros.map((login, i) => ({ login, id: i + 1, type: "User" })),
      );
    }
    if (metodo === "GET" && ruta === "/user") {
      return this.usuarioToken
        ? responder(200, { login: this.usuarioToken, id: 9, type: "User" })
        : responder(403, { message: "Resource not accessible by integration" });
    }

    // Endpoints added by a test file for its own feature (e.g. test/archive/emulador-archivo.ts).
    for (const extra of this.extensiones) if (extra({ metodo, ruta, url, cuerpo, crudo, responder })) return;
    this.inesperadas.push(`${metodo} ${ruta}`);
    return responder(404, { message: "Not Found" });
  }

  private entornoJson(nombre: string) {
    const e = this.entornos.get(nombre)!;
    return {
      name: nombre,
      protection_rules: [],
      deployment_branch_policy: e.deployment_branch_policy,
    };
  }

  private issueJson(i: Issue) {
    return {
      number: i.number,
      title: i.title,
      body: i.body,
      state: i.state,
      state_reason: i.state_reason ?? null,
      labels: i.labels.map((name) => ({ name })),
      user: i.user,
      html_url: `https://github.com/${this.owner}/${this.repo}/issues/${i.number}`,
      ...(i.pull_request ? { pull_request: i.pull_request } : {}),
      ...(i.created_at ? { created_at: i.created_at } : {}),
    };
  }

  private comentarioJson(c: Comentario) {
    return {
      id: c.id,
      body: c.body,
      user: c.user,
      html_url: `https://github.com/${this.owner}/${this.repo}/issues/${c.issue}#issuecomment-${c.id}`,
    };
  }

  private pullJson(x: PullRequest) {
    return {
      number: x.number,
      title: x.title,
      body: x.body,
      state: x.state,
      draft: x.draft,
      merged_at: x.merged_at,
      head: { ref: x.head, sha: x.headSha },
      base: { ref: x.base },
      assignees: (x.assignees ?? []).map((login) => ({ login, type: "User" })),
      html_url: `https://github.com/${this.owner}/${this.repo}/pull/${x.number}`,
    };
  }
}
