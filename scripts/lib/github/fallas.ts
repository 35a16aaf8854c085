import { leerArgumentos, SALIDA, type Comando, type Io } from "../cli/comando.ts";
import { cargarInstitucion } from "../content/institucion.ts";
import { rutas } from "../content/paths.ts";
import { NOMBRE_RED, type Red } from "../content/schema/redes.ts";
import { leerRegistros, type Registro } from "../ledger/index.ts";
import { crearCliente, errorGithub, repositorioDe, type ClienteGithub, type Repo } from "./cliente.ts";
import { celda } from "./markdown.ts";

/** Title, label and hidden marker of the one failures issue. */
export const TITULO_FALLAS = "Fallas de publicación";
export const ETIQUETA_FALLAS = "fallas-de-publicacion";
export const MARCA_FALLAS = "<!-- convergente:fallas -->";

/** One record entry that needs a person. */
export interface Falla {
  notaId: string;
  titulo: string;
  archivo: string;
  red: Red;
  /** "original" or "correccion-N". */
  version: string;
  estado: "fallido" | "incierto";
  intentos: number;
  error?: string;
  tipoError?: string;
  queHacer: string;
}

/** What a person must do for an entry, in Spanish, with the exact command. */
export function queHacer(f: Pick<Falla, "notaId" | "red" | "estado" | "tipoError">): string {
  const nombre = NOMBRE_RED[f.red];
  if (f.estado === "incierto") {
    return `Busque la publicación en la cuenta de ${nombre}. Si existe: \`prensa publicar --resolver ${f.notaId} ${f.red} publicado URL\`; si no existe: \`prensa publicar --resolver ${f.notaId} ${f.red} reintentar\`.`;
  }
  if (f.tipoError === "permanente") {
    return `${nombre} rechazó la publicación. Corrija lo que dice el error (texto de la nota, imagen o permisos) o renueve el token de ${nombre} en los secretos del repositorio; se reintenta sola cuando cambie el texto o la credencial, o ya con \`prensa publicar --resolver ${f.notaId} ${f.red} reintentar\`.`;
  }
  return `Error pasajero de ${nombre}: la próxima ejecución programada (cada 10 minutos) lo reintenta. Si persiste más de una hora, revise el estado de ${nombre} y el token.`;
}

/** Every `fallido` and `incierto` entry of the record (posts and corrections), sorted by note and network. */
export function fallasDe(registros: Iterable<Registro>): Falla[] {
  const salida: Falla[] = [];
  for (const r of registros) {
    for (const [red, e] of Object.entries(r.redes) as [Red, NonNullable<Registro["redes"][Red]>][]) {
      const candidatos = [
        { estado: e.estado, version: "original", intentos: e.intentos, error: e.ultimoError },
        ...e.correcciones.map((c) => ({ estado: c.estado, version: c.version, intentos: c.intentos, error: c.ultimoError })),
      ];
      for (const c of candidatos) {
        if (c.estado !== "fallido" && c.estado !== "incierto") continue;
        const base = { notaId: r.notaId, red, estado: c.estado, tipoError: c.error?.tipo };
        salida.push({
          ...base,
          titulo: r.titulo,
          archivo: r.archivo,
          version: c.version,
          intentos: c.intentos,
          ...(c.error ? { error: c.error.mensaje } : {}),
          queHacer: queHacer(base),
        });
      }
    }
  }
  return salida.sort(
    (a, b) => a.notaId.localeCompare(b.notaId) || a.red.localeCompare(b.red) || a.version.localeCompare(b.version),
  );
}

/** Body of the failures issue. Stable for the same failures, so an unchanged state writes nothing. */
export function cuerpoFallas(fallas: Falla[], equipo?: string): string {
  const lineas = [
    MARCA_FALLAS,
    `La publicación automática dejó **${fallas.length}** ${fallas.length === 1 ? "entrada" : "entradas"} que necesitan una persona.`,
    "Esta lista se actualiza en cada ejecución de «Publicar» y el issue se cierra solo cuando todo está en verde.",
    ...(equipo ? ["", `Equipo responsable: @${equipo}`] : []),
    "",
    "| Nota | Red | Versión | Estado | Intentos | Último error |",
    "|---|---|---|---|---|---|",
    ...fallas.map(
      (f) =>
        `| ${celda(f.titulo)} (\`${f.notaId}\`) | ${NOMBRE_RED[f.red]} | ${f.version} | ${f.estado} | ${f.intentos} | ${celda(f.error ?? "—")} |`,
    ),
    "",
    "## Qué hacer",
    "",
    ...fallas.map((f) => `- **${celda(f.titulo)}** en ${NOMBRE_RED[f.red]} (${f.version}): ${f.queHacer}`),
    "",
    "Los comandos se ejecutan en un equipo con el repositorio al día (`git pull`) y luego se confirma y empuja el registro, o desde «Actions → Publicar → Run workflow».",
  ];
  return `${lineas.join("\n")}\n`;
}

export interface ResultadoFallas {
  accion: "ninguna" | "creado" | "actualizado" | "reabierto" | "cerrado";
  numero?: number;
  fallas: number;
}

/** Finds our issue (open or closed) by label and marker; the oldest one wins. */
async function issueFallas(gh: ClienteGithub, repo: Repo) {
  const lista = await gh.paginate(gh.rest.issues.listForRepo, {
    ...repo,
    labels: ETIQUETA_FALLAS,
    state: "all",
    per_page: 100,
  });
  return lista.filter((i) => !i.pull_request && i.body?.includes(MARCA_FALLAS)).sort((a, b) => a.number - b.number)[0];
}

/** Opens, updates, reopens or closes the one failures issue so it mirrors the record. */
export async function mantenerIssueFallas(
  gh: ClienteGithub,
  repo: Repo,
  fallas: Falla[],
  equipo?: string,
): Promise<ResultadoFallas> {
  const issue = await issueFallas(gh, repo);
  if (!fallas.length) {
    if (!issue || issue.state === "closed") return { accion: "ninguna", fallas: 0, ...(issue ? { numero: issue.number } : {}) };
    await gh.rest.issues.createComment({
      ...repo,
      issue_number: issue.number,
      body: "Todo en verde: ya no quedan publicaciones fallidas ni inciertas. Se cierra este issue.",
    });
    await gh.rest.issues.update({ ...repo, issue_number: issue.number, state: "closed", state_reason: "completed" });
    return { accion: "cerrado", numero: issue.number, fallas: 0 };
  }
  const cuerpo = cuerpoFallas(fallas, equipo);
  if (!issue) {
    const creado = await gh.rest.issues.create({ ...repo, title: TITULO_FALLAS, body: cuerpo, labels: [ETIQUETA_FALLAS] });
    return { accion: "creado", numero: creado.data.number, fallas: fallas.length };
  }
  const cerrado = issue.state === "closed";
  if (!cerrado && issue.body === cuerpo) return { accion: "ninguna", numero: issue.number, fallas: fallas.length };
  await gh.rest.issues.update({ ...repo, issue_number: issue.number, body: cuerpo, ...(cerrado ? { state: "open" } : {}) });
  return { accion: cerrado ? "reabierto" : "actualizado", numero: issue.number, fallas: fallas.length };
}

const USO = `Uso: prensa fallas [--simular]

Lee el registro de publicaciones (content/publicaciones/) y mantiene un único issue
«${TITULO_FALLAS}» con cada publicación fallida o incierta y qué hacer con ella. Lo abre o lo
actualiza cuando hay fallas y lo cierra cuando todo está en verde.

Opciones:
  --simular   Muestra la lista sin tocar GitHub
  --ayuda     Muestra esta ayuda

Variables de entorno: GITHUB_TOKEN (permiso issues: write).`;

export const comando: Comando = {
  nombre: "fallas",
  descripcion: "Abre, actualiza o cierra el issue «Fallas de publicación» según el registro de publicaciones",
  uso: USO,
  async ejecutar(args: string[], io: Io): Promise<number> {
    const { values } = leerArgumentos(args, { simular: { type: "boolean" } }, false);
    const r = rutas(io.env.PRENSA_RAIZ);
    const institucion = cargarInstitucion(r.raiz);
    const fallas = fallasDe(leerRegistros(r.raiz).values());
    if (values.simular) {
      io.salida(fallas.length ? cuerpoFallas(fallas, institucion.github?.equipoPrensa) : "Todo en verde: no hay fallas.");
      return SALIDA.ok;
    }
    const repo = repositorioDe(institucion, io.env);
    const gh = crearCliente(io.env);
    let res: ResultadoFallas;
    try {
      res = await mantenerIssueFallas(gh, repo, fallas, institucion.github?.equipoPrensa);
    } catch (e) {
      throw errorGithub(e, "mantener el issue de fallas de publicación", io.env);
    }
    const n = res.numero ? ` #${res.numero}` : "";
    const mensajes = {
      ninguna: fallas.length
        ? `El issue${n} ya lista las ${fallas.length} fallas; sin cambios.`
        : "Todo en verde; no hay issue de fallas abierto.",
      creado: `Issue${n} «${TITULO_FALLAS}» abierto con ${fallas.length} fallas.`,
      actualizado: `Issue${n} actualizado: ${fallas.length} fallas.`,
      reabierto: `Issue${n} reabierto: ${fallas.length} fallas.`,
      cerrado: `Todo en verde: issue${n} cerrado.`,
    };
    io.salida(mensajes[res.accion]);
    return SALIDA.ok;
  },
};
