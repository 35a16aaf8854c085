import { z } from "zod";
import { ErrorConvergente } from "../content/problems.ts";
import { NOMBRE_RED, redSchema, type Red } from "../content/schema/redes.ts";
import {
  NOMBRE_ESTADO,
  NOMBRE_SUBTIPO,
  NOMBRE_TIPO,
  autorSchema,
  conversacionSchema,
  type Conversacion,
} from "../content/schema/inquietudes.ts";
import { crearCliente, errorGithub, separarRepo, type ClienteGithub, type Repo } from "../github/cliente.ts";
import { bloque, textoPlano } from "../github/markdown.ts";
import { estadoPlazo, formatoCorto } from "./plazos.ts";
import { cumpleFiltro, idAnonimo, type AlmacenInquietudes, type FiltroConversaciones } from "./tipos.ts";

/**
 * The production store: issues of a PRIVATE GitHub repository (`inquietudes.repositorio`), the
 * team's inbox on the web and in GitHub's mobile app.
 *
 * - One issue per conversation. Title, body and labels hold NO personal data (GitHub keeps the edit
 *   history of titles and bodies): kind, network, channel, state, instants, due dates, and the
 *   record itself without handles, names, texts or links, in a hidden marker.
 * - Each message of the person (and each reply text) is one comment, with the text in a code block
 *   (no mention or link can fire) and its data in a hidden marker. Deleting a comment deletes its
 *   history too, so `depurar` and `suprimir` remove personal data for good.
 * - Labels: `inquietud`, `red:<red>`, `tipo:<tipo>`, `estado:<estado>`, `plazo:<estado del plazo>`,
 *   and `por-radicar` for a possible petition not yet filed in the PQRSD system.
 * - Cursors: one issue «Cursores de la bandeja» (label `inquietudes-cursores`).
 *
 * Write order makes a killed run harmless: comments first, then the body, then deletions. A comment
 * whose message is not yet in the body is ignored on read and found again (not duplicated) on the
 * next save. The repository is checked to be private before the first read or write.
 *
 * REST docs: https://docs.github.com/en/rest/issues/issues, .../issues/comments, .../issues/labels,
 * https://docs.github.com/en/rest/repos/repos#get-a-repository (`private`).
 */

export const ETIQUETA_INQUIETUD = "inquietud";
export const ETIQUETA_CURSORES = "inquietudes-cursores";
const MARCA_CONVERSACION = "convergente:inquietud";
const MARCA_MENSAJE = "convergente:mensaje";
const MARCA_RESPUESTA = "convergente:respuesta";
const MARCA_CURSORES = "convergente:cursores";
const MARCA_ELIMINADA = "convergente:inquietud-eliminada";
/** Body of an issue just created, before its comments are written: found again (not duplicated) after a crash. */
const MARCA_NUEVA = "convergente:inquietud-nueva";

/** Every label the store uses, with color and Spanish description (created by `prensa inquietudes configurar`). */
export function etiquetasBandeja(): { name: string; color: string; description: string }[] {
  const l = (name: string, color: string, description: string) => ({ name, color, description });
  return [
    l(ETIQUETA_INQUIETUD, "0052cc", "Conversación con la ciudadanía (bandeja de inquietudes)"),
    l(ETIQUETA_CURSORES, "cccccc", "Cursores de lectura de la bandeja (no borrar)"),
    l("por-radicar", "b60205", "Posible derecho de petición sin radicar en el sistema PQRSD"),
    ...Object.entries(NOMBRE_RED).map(([r, n]) => l(`red:${r}`, "c5def5", `Llegó por ${n}`)),
    ...Object.entries(NOMBRE_TIPO).map(([t, n]) => l(`tipo:${t}`, "fef2c0", n)),
    ...Object.entries(NOMBRE_ESTADO).map(([e, n]) => l(`estado:${e}`, "d4c5f9", n)),
    l("plazo:vencida", "b60205", "Plazo vencido sin respuesta"),
    l("plazo:vence-hoy", "d93f0b", "Vence hoy"),
    l("plazo:por-vencer", "fbca04", "Vence pronto"),
    l("plazo:en-plazo", "0e8a16", "Dentro del plazo"),
  ];
}

/** Base64url JSON in an HTML comment: invisible, and no text can close the comment early. */
function marca(nombre: string, datos: unknown): string {
  return `<!-- ${nombre} ${Buffer.from(JSON.stringify(datos)).toString("base64url")} -->`;
}
function leerMarca(texto: string | null | undefined, nombre: string): unknown {
  const m = new RegExp(`<!-- ${nombre} ([A-Za-z0-9_-]+) -->`).exec(texto ?? "");
  if (!m) return undefined;
  try {
    return JSON.parse(Buffer.from(m[1]!, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

const personalMensaje = z.object({
  idExterno: z.string(),
  autor: autorSchema.optional(),
  texto: z.string().optional(),
  enlace: z.url().optional(),
});
const personalRespuesta = z.object({ clave: z.string(), texto: z.string().optional(), enlace: z.url().optional() });
const cursoresSchema = z.partialRecord(redSchema, z.string());

/** The record without any personal field (what title, body and labels may hold). */
export function sinDatosPersonales(c: Conversacion): Conversacion {
  return {
    ...c,
    entradas: c.entradas.map(({ autor: _a, texto: _t, enlace: _e, ...resto }) => resto),
    respuestas: c.respuestas.map(({ texto: _t, enlace: _e, ...resto }) => resto),
  };
}

const fecha = (iso: string | undefined) => (iso ? formatoCorto(new Date(iso)) : "—");

export function tituloIssue(c: Conversacion): string {
  const canal = { comentario: "comentario", mencion: "mención", privado: "mensaje privado" }[c.canal];
  return `${NOMBRE_TIPO[c.tipo]} por ${NOMBRE_RED[c.red]} (${canal}) · ${fecha(c.recibido).slice(0, 10)}`;
}

/** Body of the issue. Depends only on the record (no «time left»), so an unchanged record writes nothing. */
export function cuerpoIssue(c: Conversacion): string {
  const meta = sinDatosPersonales(c);
  const filas: [string, string][] = [
    ["Estado", NOMBRE_ESTADO[c.estado]],
    ["Recibida", fecha(c.recibido)],
    ["Cuenta desde", fecha(c.radicacion)],
  ];
  if (c.vence) filas.push(["Vence (meta interna)", fecha(c.vence)]);
  if (c.ventanaCierra) filas.push([`Ventana de respuesta de ${NOMBRE_RED[c.red]}`, `cierra ${fecha(c.ventanaCierra)}`]);
  if (c.peticion)
    filas.push([
      "Posible petición",
      `${NOMBRE_SUBTIPO[c.peticion.subtipo]}: término legal hasta ${fecha(c.peticion.venceLegal)}; ${
        c.peticion.porRadicar
          ? "**por radicar** en el sistema PQRSD"
          : `radicada (${textoPlano(c.peticion.radicado ?? "sin número")})`
      }`,
    ]);
  for (const p of c.prorrogas) filas.push(["Prórroga", `avisada ${fecha(p.avisada)}, nuevo vencimiento ${fecha(p.vence)}`]);
  if (c.traslado)
    filas.push([
      "Traslado (art. 21)",
      `${textoPlano(c.traslado.entidad)}, límite ${fecha(c.traslado.limite)}${c.traslado.fecha ? `, trasladada ${fecha(c.traslado.fecha)}` : ""}`,
    ]);
  if (c.primeraRespuesta) filas.push(["Primera respuesta", fecha(c.primeraRespuesta)]);
  if (c.anonimizada) filas.push(["Datos personales", `suprimidos ${fecha(c.anonimizada)}`]);
  return [
    marca(MARCA_CONVERSACION, meta),
    `**${NOMBRE_TIPO[c.tipo]}** por ${NOMBRE_RED[c.red]}. Los mensajes están en los comentarios (datos personales: no los copie fuera de este repositorio).`,
    "",
    "| | |",
    "|---|---|",
    ...filas.map(([a, b]) => `| ${a} | ${b} |`),
    "",
    "Responder: comente `/responder <texto>` (en público) o `/responder-privado <texto>` (mensaje privado, si la red lo permite).",
    "",
  ].join("\n");
}

function etiquetasDe(c: Conversacion, ahora: Date, avisoHoras: number): string[] {
  const e = [ETIQUETA_INQUIETUD, `red:${c.red}`, `tipo:${c.tipo}`, `estado:${c.estado}`];
  if (c.estado === "pendiente" && c.vence) e.push(`plazo:${estadoPlazo(new Date(c.vence), ahora, avisoHoras)}`);
  if (c.peticion?.porRadicar) e.push("por-radicar");
  return e;
}

function comentarioMensaje(e: Conversacion["entradas"][number], red: Red): string {
  const quien = e.propio
    ? "Cuenta de la entidad"
    : `${textoPlano(e.autor?.nombre ?? e.autor?.usuario ?? "Persona")} (${textoPlano(e.autor?.usuario ?? "")})`;
  return [
    marca(MARCA_MENSAJE, { idExterno: e.idExterno, autor: e.autor, texto: e.texto, enlace: e.enlace }),
    `**${quien}** · ${fecha(e.recibido)}${e.enlace ? ` · [ver en ${NOMBRE_RED[red]}](${e.enlace})` : ""}`,
    "",
    bloque(e.texto ?? ""),
  ].join("\n");
}

function comentarioRespuesta(r: Conversacion["respuestas"][number]): string {
  return [
    marca(MARCA_RESPUESTA, { clave: r.clave, texto: r.texto, enlace: r.enlace }),
    `**Respuesta ${r.privado ? "privada" : "pública"}** · ${fecha(r.fecha)}${r.por ? ` · ordenada por ${textoPlano(r.por)}` : ""}${
      r.enlace ? ` · [ver](${r.enlace})` : ""
    }`,
    "",
    bloque(r.texto ?? ""),
  ].join("\n");
}

interface IssueIndice {
  numero: number;
  meta: Conversacion;
  titulo: string;
  cuerpo: string;
  etiquetas: string[];
  abierto: boolean;
  autor: string;
}

interface ComentarioGh {
  id: number;
  body?: string | null;
  user?: { login?: string } | null;
}

export interface OpcionesAlmacenGithub {
  /** Hours before a due date that count as «por vencer» (label plazo:por-vencer). */
  avisoHoras?: number;
  /** Clock for the labels and the «time left» in bodies. */
  ahora?: () => Date;
  env?: NodeJS.ProcessEnv;
}

export class AlmacenGithub implements AlmacenInquietudes {
  readonly tipo = "github" as const;
  readonly donde: string;
  private indice?: Map<string, IssueIndice>;
  /** Issues created by a run that died before writing their body: conversation id → number and author. */
  private nuevas = new Map<string, { numero: number; autor: string }>();
  private porMensaje = new Map<string, string>();
  private cursores?: { numero: number; datos: Partial<Record<Red, string>> } | null;
  private verificado = false;
  private readonly avisoHoras: number;
  private readonly ahora: () => Date;
  private readonly env: NodeJS.ProcessEnv;

  private readonly gh: ClienteGithub;
  private readonly repo: Repo;

  constructor(gh: ClienteGithub, repo: Repo, opciones: OpcionesAlmacenGithub = {}) {
    this.gh = gh;
    this.repo = { owner: repo.owner, repo: repo.repo };
    this.donde = `${repo.owner}/${repo.repo}`;
    this.avisoHoras = opciones.avisoHoras ?? 24;
    this.ahora = opciones.ahora ?? (() => new Date());
    this.env = opciones.env ?? {};
  }

  /** Refuses to work on a repository that is not private (citizens' data, Ley 1581 de 2012). */
  async verificarPrivado(): Promise<void> {
    if (this.verificado) return;
    let privado: boolean;
    try {
      privado = (await this.gh.rest.repos.get({ owner: this.repo.owner, repo: this.repo.repo })).data.private;
    } catch (e) {
      throw errorGithub(e, `leer el repositorio ${this.donde}`, this.env);
    }
    if (!privado)
      throw new ErrorConvergente(
        `El repositorio ${this.donde} es público: la bandeja de inquietudes no guarda datos de la ciudadanía ahí.`,
        [
          {
            archivo: "config/institucion.yaml",
            campo: "inquietudes.repositorio",
            mensaje: "el repositorio de las inquietudes debe ser privado (Ley 1581 de 2012)",
            arreglo: "cree un repositorio privado (por ejemplo alcaldia-cajica/inquietudes) y escriba su nombre aquí",
          },
        ],
      );
    this.verificado = true;
  }

  private async cargar(): Promise<Map<string, IssueIndice>> {
    if (this.indice) return this.indice;
    await this.verificarPrivado();
    const lista = await this.intentar("listar las conversaciones", () =>
      this.gh.paginate(this.gh.rest.issues.listForRepo, {
        ...this.repo,
        labels: ETIQUETA_INQUIETUD,
        state: "all",
        per_page: 100,
      }),
    );
    const indice = new Map<string, IssueIndice>();
    for (const i of lista.sort((a, b) => a.number - b.number)) {
      if (i.pull_request) continue;
      const r = conversacionSchema.safeParse(leerMarca(i.body, MARCA_CONVERSACION));
      if (!r.success) {
        const nueva = z.object({ id: z.string() }).safeParse(leerMarca(i.body, MARCA_NUEVA));
        if (nueva.success && !this.nuevas.has(nueva.data.id))
          this.nuevas.set(nueva.data.id, { numero: i.number, autor: i.user?.login ?? "" });
        continue;
      }
      if (indice.has(r.data.id)) continue;
      this.indexar(
        {
          numero: i.number,
          meta: r.data,
          titulo: i.title,
          cuerpo: i.body ?? "",
          etiquetas: i.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))),
          abierto: i.state === "open",
          autor: i.user?.login ?? "",
        },
        indice,
      );
    }
    this.indice = indice;
    return indice;
  }

  private indexar(e: IssueIndice, indice: Map<string, IssueIndice>): void {
    indice.set(e.meta.id, e);
    for (const m of e.meta.entradas) this.porMensaje.set(`${e.meta.red}\u0000${m.idExterno}`, e.meta.id);
  }

  private async intentar<T>(operacion: string, f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (e) {
      throw errorGithub(e, operacion, this.env);
    }
  }

  /** Issue number of a conversation (for `/responder` comments and links), or undefined. */
  async numeroIssue(id: string): Promise<number | undefined> {
    return (await this.cargar()).get(id)?.numero;
  }

  private async comentarios(numero: number): Promise<ComentarioGh[]> {
    return this.intentar(`leer los comentarios del issue #${numero}`, () =>
      this.gh.paginate(this.gh.rest.issues.listComments, { ...this.repo, issue_number: numero, per_page: 100 }),
    );
  }

  async obtener(id: string): Promise<Conversacion | undefined> {
    const e = (await this.cargar()).get(id);
    if (!e) return undefined;
    const mensajes = new Map<string, z.infer<typeof personalMensaje>>();
    const respuestas = new Map<string, z.infer<typeof personalRespuesta>>();
    for (const c of await this.comentarios(e.numero)) {
      if (c.user?.login !== e.autor) continue; // only what this tool wrote
      const m = personalMensaje.safeParse(leerMarca(c.body, MARCA_MENSAJE));
      if (m.success) mensajes.set(m.data.idExterno, m.data);
      const r = personalRespuesta.safeParse(leerMarca(c.body, MARCA_RESPUESTA));
      if (r.success) respuestas.set(r.data.clave, r.data);
    }
    return conversacionSchema.parse({
      ...e.meta,
      entradas: e.meta.entradas.map((x) => {
        const p = mensajes.get(x.idExterno);
        return p
          ? {
              ...x,
              ...(p.autor ? { autor: p.autor } : {}),
              ...(p.texto !== undefined ? { texto: p.texto } : {}),
              ...(p.enlace ? { enlace: p.enlace } : {}),
            }
          : x;
      }),
      respuestas: e.meta.respuestas.map((x) => {
        const p = respuestas.get(x.clave);
        return p ? { ...x, ...(p.texto !== undefined ? { texto: p.texto } : {}), ...(p.enlace ? { enlace: p.enlace } : {}) } : x;
      }),
    });
  }

  async guardar(conversacion: Conversacion): Promise<void> {
    const c = conversacionSchema.parse(conversacion);
    const indice = await this.cargar();
    const ahora = this.ahora();
    const titulo = tituloIssue(c);
    const cuerpo = cuerpoIssue(c);
    const etiquetas = etiquetasDe(c, ahora, this.avisoHoras);
    const abierto = c.estado === "pendiente" || !!c.peticion?.porRadicar;
    let e = indice.get(c.id);
    if (!e) {
      // Created with a placeholder body: the record goes in only after its comments exist.
      let nueva = this.nuevas.get(c.id);
      if (!nueva) {
        const creado = await this.intentar("crear el issue de la conversación", () =>
          this.gh.rest.issues.create({
            ...this.repo,
            title: titulo,
            body: `${marca(MARCA_NUEVA, { id: c.id })}\nConversación nueva: se está guardando.\n`,
            labels: [ETIQUETA_INQUIETUD],
          }),
        );
        nueva = { numero: creado.data.number, autor: creado.data.user?.login ?? "" };
        this.nuevas.set(c.id, nueva);
      }
      e = {
        numero: nueva.numero,
        meta: sinDatosPersonales(c),
        titulo,
        cuerpo: "",
        etiquetas: [ETIQUETA_INQUIETUD],
        abierto: true,
        autor: nueva.autor,
      };
    }
    // 1. Comments with the personal data that are not there yet.
    const existentes = await this.comentarios(e.numero);
    const propios = existentes.filter((x) => x.user?.login === e.autor);
    const mensajes = new Map<string, ComentarioGh>();
    const respuestas = new Map<string, ComentarioGh>();
    for (const x of propios) {
      const m = personalMensaje.safeParse(leerMarca(x.body, MARCA_MENSAJE));
      if (m.success) mensajes.set(m.data.idExterno, x);
      const r = personalRespuesta.safeParse(leerMarca(x.body, MARCA_RESPUESTA));
      if (r.success) respuestas.set(r.data.clave, x);
    }
    for (const m of c.entradas) {
      if ((m.texto === undefined && !m.autor) || mensajes.has(m.idExterno)) continue;
      await this.intentar(`guardar un mensaje en el issue #${e.numero}`, () =>
        this.gh.rest.issues.createComment({ ...this.repo, issue_number: e.numero, body: comentarioMensaje(m, c.red) }),
      );
    }
    for (const r of c.respuestas) {
      if (r.texto === undefined || respuestas.has(r.clave)) continue;
      await this.intentar(`guardar una respuesta en el issue #${e.numero}`, () =>
        this.gh.rest.issues.createComment({ ...this.repo, issue_number: e.numero, body: comentarioRespuesta(r) }),
      );
    }
    // 2. Title, body, labels and state.
    const mismasEtiquetas = [...etiquetas].sort().join() === [...e.etiquetas].sort().join();
    if (e.titulo !== titulo || e.cuerpo !== cuerpo || !mismasEtiquetas || e.abierto !== abierto) {
      await this.intentar(`actualizar el issue #${e.numero}`, () =>
        this.gh.rest.issues.update({
          ...this.repo,
          issue_number: e.numero,
          title: titulo,
          body: cuerpo,
          labels: etiquetas,
          state: abierto ? "open" : "closed",
          ...(abierto ? {} : { state_reason: c.estado === "cerrada" ? "not_planned" : "completed" }),
        }),
      );
    }
    this.indexar({ ...e, meta: sinDatosPersonales(c), titulo, cuerpo, etiquetas, abierto }, indice);
    this.nuevas.delete(c.id);
    // 3. Delete the comments of anonymized messages (all of them when the conversation was anonymized).
    const anonimas = new Set(c.entradas.filter((m) => m.idExterno.startsWith("anon:")).map((m) => m.idExterno));
    // A whole anonymized conversation loses every comment, the team's `/responder` orders and
    // their state included (the reply stays recorded in the body by its key, so it is never resent).
    const borrar = c.anonimizada
      ? existentes
      : [
          ...[...mensajes].filter(([id]) => anonimas.has(idAnonimo(c.red, id))).map(([, x]) => x),
          ...[...respuestas]
            .filter(([clave]) => c.respuestas.find((r) => r.clave === clave)?.texto === undefined)
            .map(([, x]) => x),
        ];
    for (const x of borrar)
      await this.intentar(`borrar un comentario con datos personales del issue #${e.numero}`, () =>
        this.gh.rest.issues.deleteComment({ ...this.repo, comment_id: x.id }),
      );
  }

  async buscarPorMensaje(red: Red, idExterno: string): Promise<Conversacion | undefined> {
    await this.cargar();
    const id = this.porMensaje.get(`${red}\u0000${idExterno}`) ?? this.porMensaje.get(`${red}\u0000${idAnonimo(red, idExterno)}`);
    return id ? this.obtener(id) : undefined;
  }

  private async leerCursores(): Promise<{ numero: number; datos: Partial<Record<Red, string>> } | null> {
    if (this.cursores !== undefined) return this.cursores;
    await this.verificarPrivado();
    const lista = await this.intentar("leer los cursores de la bandeja", () =>
      this.gh.paginate(this.gh.rest.issues.listForRepo, { ...this.repo, labels: ETIQUETA_CURSORES, state: "all", per_page: 100 }),
    );
    const issue = lista
      .filter((i) => !i.pull_request && leerMarca(i.body, MARCA_CURSORES))
      .sort((a, b) => a.number - b.number)[0];
    this.cursores = issue ? { numero: issue.number, datos: cursoresSchema.parse(leerMarca(issue.body, MARCA_CURSORES)) } : null;
    return this.cursores;
  }

  async cursor(red: Red): Promise<string | undefined> {
    return (await this.leerCursores())?.datos[red];
  }

  async guardarCursor(red: Red, cursor: string): Promise<void> {
    const actual = await this.leerCursores();
    const datos = { ...actual?.datos, [red]: cursor };
    const cuerpo = `${marca(MARCA_CURSORES, datos)}\nHasta dónde leyó \`prensa inquietudes sincronizar\` en cada red. No lo edite ni lo cierre.\n`;
    if (actual) {
      if (actual.datos[red] === cursor) return;
      await this.intentar("guardar el cursor de la bandeja", () =>
        this.gh.rest.issues.update({ ...this.repo, issue_number: actual.numero, body: cuerpo }),
      );
      this.cursores = { numero: actual.numero, datos };
    } else {
      const creado = await this.intentar("crear el issue de cursores de la bandeja", () =>
        this.gh.rest.issues.create({ ...this.repo, title: "Cursores de la bandeja", body: cuerpo, labels: [ETIQUETA_CURSORES] }),
      );
      this.cursores = { numero: creado.data.number, datos };
    }
  }

  async listar(filtro?: FiltroConversaciones): Promise<Conversacion[]> {
    const indice = await this.cargar();
    return [...indice.values()]
      .map((e) => e.meta)
      .filter((c) => cumpleFiltro(c, filtro))
      .sort((a, b) => Date.parse(a.recibido) - Date.parse(b.recibido) || a.id.localeCompare(b.id));
  }

  async eliminar(id: string): Promise<void> {
    const indice = await this.cargar();
    const e = indice.get(id);
    if (!e) return;
    for (const x of await this.comentarios(e.numero))
      await this.intentar(`borrar un comentario del issue #${e.numero}`, () =>
        this.gh.rest.issues.deleteComment({ ...this.repo, comment_id: x.id }),
      );
    await this.intentar(`cerrar el issue #${e.numero}`, () =>
      this.gh.rest.issues.update({
        ...this.repo,
        issue_number: e.numero,
        title: "Conversación eliminada",
        body: `<!-- ${MARCA_ELIMINADA} -->\nConversación eliminada de la bandeja.\n`,
        labels: [],
        state: "closed",
        state_reason: "not_planned",
      }),
    );
    indice.delete(id);
  }
}

/** Token for the private repository: PRENSA_INQUIETUDES_TOKEN (narrowly scoped), else GITHUB_TOKEN. */
export function clienteInquietudes(env: NodeJS.ProcessEnv): ClienteGithub {
  const token = env.PRENSA_INQUIETUDES_TOKEN ?? env.GITHUB_TOKEN;
  if (!token)
    throw new ErrorConvergente("Falta el token del repositorio privado de inquietudes.", [
      {
        archivo: "(entorno)",
        mensaje: "no hay PRENSA_INQUIETUDES_TOKEN ni GITHUB_TOKEN",
        arreglo:
          "cree un token de acceso de grano fino con acceso SOLO al repositorio privado de inquietudes (permisos Issues: lectura y escritura; Metadata: lectura) y páselo en PRENSA_INQUIETUDES_TOKEN (ver docs/inquietudes.md)",
      },
    ]);
  return crearCliente({ ...env, GITHUB_TOKEN: token });
}

/** The GitHub store of the config's private repository. */
export function almacenGithub(
  repositorio: string,
  env: NodeJS.ProcessEnv,
  opciones: Omit<OpcionesAlmacenGithub, "env"> = {},
): AlmacenGithub {
  return new AlmacenGithub(
    clienteInquietudes(env),
    separarRepo(repositorio, "config/institucion.yaml (inquietudes.repositorio)"),
    { ...opciones, env },
  );
}
