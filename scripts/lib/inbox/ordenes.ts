import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { escribirAtomico } from "../content/escribir.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { errorGithub, type ClienteGithub, type Repo } from "../github/cliente.ts";

/**
 * Reply orders of the press team: `/responder …` (public) and `/responder-privado …` (private),
 * each with a stable key (its idempotency key) and a state that makes the send exactly-once across
 * runs: `enviando` is written BEFORE the network is called (with the instant, for reconciliation),
 * `enviada` after the reply is recorded in the conversation, `para-una-persona` when a person must
 * decide (the platform refused, the window closed, or a lost send could not be checked).
 *
 * Two sources, like the store:
 * - GitHub: comments on the conversation's issue in the PRIVATE repository. Only comments by
 *   accounts with write access to the repository count, checked through the API
 *   (GET /repos/{owner}/{repo}/collaborators/{username}/permission), never from the comment text.
 *   The state is a comment of the tool under the order, edited in place, which is also where the
 *   link of the reply is written back. A state comment counts only when its author is the issue's
 *   author (the tool opened every conversation issue with the same token: a workflow's bot has no
 *   collaborator permission to check) or has write access.
 * - Local: one JSON file per order in `<carpeta>/ordenes/` (git-ignored with the store), created by
 *   `prensa inquietudes responder --conversacion ID --texto "…" [--privado]`.
 */

export const estadoOrdenSchema = z.discriminatedUnion("estado", [
  /** About to be sent, or sent with the outcome lost: reconcile from `desde`. */
  z.object({ estado: z.literal("enviando"), desde: z.iso.datetime({ offset: true }) }),
  /** Certainly not sent (a refusal): send again. */
  z.object({ estado: z.literal("pendiente"), detalle: z.string() }),
  z.object({
    estado: z.literal("enviada"),
    fecha: z.iso.datetime({ offset: true }),
    idRemoto: z.string().optional(),
    enlace: z.string().optional(),
  }),
  z.object({ estado: z.literal("para-una-persona"), fecha: z.iso.datetime({ offset: true }), detalle: z.string() }),
]);
export type EstadoOrden = z.infer<typeof estadoOrdenSchema>;

export const ordenSchema = z.object({
  /** Idempotency key: "gh-<comment id>" or "local-<uuid>". */
  clave: z.string().regex(/^(gh|local)-[A-Za-z0-9-]+$/),
  /** Conversation id (inbox/tipos.ts#idConversacion). */
  conversacion: z.string().regex(/^[a-z]+-[0-9a-f]{16}$/),
  privado: z.boolean(),
  /** Reply text (may hold personal data: it lives only in the private store). */
  texto: z.string().min(1),
  /** Who ordered it: GitHub login, or "equipo-local". */
  por: z.string().min(1),
  fecha: z.iso.datetime({ offset: true }),
});
export type Orden = z.infer<typeof ordenSchema>;

export interface OrdenConEstado {
  orden: Orden;
  estado?: EstadoOrden;
}

export interface FuenteOrdenes {
  readonly tipo: "local" | "github";
  /** Every valid order of a team member, oldest first, with its last state. */
  ordenes(): Promise<OrdenConEstado[]>;
  /** Stores a new state (and, on GitHub, writes the link back under the order). */
  anotar(orden: Orden, estado: EstadoOrden): Promise<void>;
}

/** Reads `/responder texto` or `/responder-privado texto` at the start of a comment. */
export function leerComando(cuerpo: string): { privado: boolean; texto: string } | undefined {
  const m = /^\s*\/responder(-privado)?[ \t]*(?:\r?\n)?([\s\S]*)$/.exec(cuerpo);
  if (!m) return undefined;
  const texto = m[2]!.trim();
  return texto ? { privado: m[1] !== undefined, texto } : undefined;
}

// ------------------------------------------------------------------------------------------------
// Local folder
// ------------------------------------------------------------------------------------------------

const archivoLocalSchema = z.object({ orden: ordenSchema, estado: estadoOrdenSchema.optional() });

export class OrdenesLocales implements FuenteOrdenes {
  readonly tipo = "local" as const;
  private readonly carpeta: string;

  constructor(raiz: string, carpetaAlmacen = ".inquietudes") {
    this.carpeta = path.join(raiz, carpetaAlmacen, "ordenes");
  }

  private archivo(clave: string): string {
    return path.join(this.carpeta, `${clave}.json`);
  }

  /** Creates an order (the command `prensa inquietudes responder --conversacion …`). */
  crear(datos: Omit<Orden, "clave" | "fecha">, ahora: Date): Orden {
    const orden = ordenSchema.parse({ ...datos, clave: `local-${randomUUID()}`, fecha: ahora.toISOString() });
    mkdirSync(this.carpeta, { recursive: true });
    escribirAtomico(this.archivo(orden.clave), `${JSON.stringify({ orden }, null, 2)}\n`);
    return orden;
  }

  async ordenes(): Promise<OrdenConEstado[]> {
    if (!existsSync(this.carpeta)) return [];
    const salida: OrdenConEstado[] = [];
    for (const nombre of readdirSync(this.carpeta)
      .filter((n) => n.endsWith(".json"))
      .sort()) {
      const ruta = path.join(this.carpeta, nombre);
      const leido = archivoLocalSchema.safeParse(JSON.parse(readFileSync(ruta, "utf8")));
      if (!leido.success)
        throw new ErrorConvergente(
          `La orden de respuesta ${path.basename(ruta)} no es válida: ${leido.error.issues[0]?.message}.`,
        );
      salida.push(leido.data);
    }
    return salida.sort((a, b) => Date.parse(a.orden.fecha) - Date.parse(b.orden.fecha));
  }

  async anotar(orden: Orden, estado: EstadoOrden): Promise<void> {
    mkdirSync(this.carpeta, { recursive: true });
    escribirAtomico(this.archivo(orden.clave), `${JSON.stringify({ orden, estado }, null, 2)}\n`);
  }
}

// ------------------------------------------------------------------------------------------------
// GitHub issues of the private repository
// ------------------------------------------------------------------------------------------------

const MARCA = "convergente:orden";
const marcaRegex = /<!-- convergente:orden (\{.*?\}) -->/;

const PERMISOS_EQUIPO = new Set(["admin", "maintain", "write"]);

/** What a state comment says to people (Spanish; the link written back). */
function textoEstado(e: EstadoOrden): string {
  switch (e.estado) {
    case "enviando":
      return "⏳ Enviando la respuesta…";
    case "pendiente":
      return `⏳ La red no la recibió todavía (${e.detalle}); se enviará en la próxima corrida.`;
    case "enviada":
      return `✅ Respuesta enviada${e.enlace ? `: ${e.enlace}` : "."}`;
    case "para-una-persona":
      return `⚠️ No se envió automáticamente: ${e.detalle}`;
  }
}

export interface OpcionesOrdenesGithub {
  gh: ClienteGithub;
  repo: Repo;
  env: NodeJS.ProcessEnv;
  /** Issue number → conversation id (from the store's index). */
  conversacionDeIssue: (numero: number) => Promise<string | undefined>;
  /** Comments older than this are not read (default: 30 days before now). */
  desde?: Date;
}

interface ComentarioRepo {
  id: number;
  body?: string | null;
  created_at: string;
  issue_url: string;
  user?: { login?: string } | null;
}

export class OrdenesGithub implements FuenteOrdenes {
  readonly tipo = "github" as const;
  private readonly o: OpcionesOrdenesGithub;
  private readonly permisos = new Map<string, boolean>();
  /** Order key → id of its state comment and issue. */
  private readonly marcas = new Map<string, { comentario: number; issue: number }>();
  private readonly issues = new Map<string, number>();
  private readonly autores = new Map<number, string | undefined>();

  constructor(o: OpcionesOrdenesGithub) {
    this.o = o;
  }

  /** Login that opened an issue (the tool's token), cached for the run. */
  private async autorIssue(numero: number): Promise<string | undefined> {
    if (this.autores.has(numero)) return this.autores.get(numero);
    const r = await this.intentar(`leer el issue #${numero}`, () =>
      this.o.gh.rest.issues.get({ ...this.o.repo, issue_number: numero }),
    );
    const autor = r.data.user?.login;
    this.autores.set(numero, autor);
    return autor;
  }

  private async intentar<T>(operacion: string, f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (e) {
      throw errorGithub(e, operacion, this.o.env);
    }
  }

  /** Write access to the repository, through the API (cached per login for the run). */
  private async esDelEquipo(login: string | undefined): Promise<boolean> {
    if (!login) return false;
    const sabido = this.permisos.get(login);
    if (sabido !== undefined) return sabido;
    let si = false;
    try {
      const r = await this.o.gh.rest.repos.getCollaboratorPermissionLevel({ ...this.o.repo, username: login });
      si = PERMISOS_EQUIPO.has(r.data.permission) || PERMISOS_EQUIPO.has(r.data.role_name ?? "");
    } catch (e) {
      if ((e as { status?: number }).status !== 404) throw errorGithub(e, `comprobar los permisos de ${login}`, this.o.env);
    }
    this.permisos.set(login, si);
    return si;
  }

  async ordenes(): Promise<OrdenConEstado[]> {
    const desde = (this.o.desde ?? new Date(Date.now() - 30 * 86_400_000)).toISOString();
    const comentarios = (await this.intentar("leer los comentarios del repositorio de inquietudes", () =>
      this.o.gh.paginate(this.o.gh.rest.issues.listCommentsForRepo, {
        ...this.o.repo,
        since: desde,
        sort: "created",
        direction: "asc",
        per_page: 100,
      }),
    )) as ComentarioRepo[];
    const ordenes = new Map<string, OrdenConEstado>();
    const estados = new Map<string, EstadoOrden>();
    for (const c of comentarios) {
      const numero = Number(/\/issues\/(\d+)$/.exec(c.issue_url)?.[1]);
      const cuerpo = c.body ?? "";
      const marca = marcaRegex.exec(cuerpo);
      if (marca) {
        const login = c.user?.login ?? undefined;
        if (!login || (login !== (await this.autorIssue(numero)) && !(await this.esDelEquipo(login)))) continue;
        try {
          const datos = JSON.parse(marca[1]!) as { clave?: string } & Record<string, unknown>;
          const estado = estadoOrdenSchema.safeParse(datos);
          if (datos.clave && estado.success) {
            estados.set(datos.clave, estado.data);
            this.marcas.set(datos.clave, { comentario: c.id, issue: numero });
          }
        } catch {
          // A state comment someone edited by hand counts as none: the order is reconciled.
        }
        continue;
      }
      const comando = leerComando(cuerpo);
      if (!comando || !Number.isSafeInteger(numero)) continue;
      if (!(await this.esDelEquipo(c.user?.login ?? undefined))) continue;
      const conversacion = await this.o.conversacionDeIssue(numero);
      if (!conversacion) continue;
      const clave = `gh-${c.id}`;
      this.issues.set(clave, numero);
      ordenes.set(clave, {
        orden: {
          clave,
          conversacion,
          privado: comando.privado,
          texto: comando.texto,
          por: c.user?.login ?? "",
          fecha: c.created_at,
        },
      });
    }
    return [...ordenes.values()].map((o) => ({
      ...o,
      ...(estados.has(o.orden.clave) ? { estado: estados.get(o.orden.clave) } : {}),
    }));
  }

  async anotar(orden: Orden, estado: EstadoOrden): Promise<void> {
    const cuerpo = `<!-- ${MARCA} ${JSON.stringify({ clave: orden.clave, ...estado })} -->\n${textoEstado(estado)}\n\n(orden de @${orden.por})`;
    const previa = this.marcas.get(orden.clave);
    if (previa) {
      await this.intentar("anotar el estado de la respuesta", () =>
        this.o.gh.rest.issues.updateComment({ ...this.o.repo, comment_id: previa.comentario, body: cuerpo }),
      );
      return;
    }
    const issue = this.issues.get(orden.clave);
    if (issue === undefined) throw new ErrorConvergente(`La orden ${orden.clave} no tiene issue conocido.`);
    const creado = await this.intentar("anotar el estado de la respuesta", () =>
      this.o.gh.rest.issues.createComment({ ...this.o.repo, issue_number: issue, body: cuerpo }),
    );
    this.marcas.set(orden.clave, { comentario: creado.data.id, issue });
  }
}
