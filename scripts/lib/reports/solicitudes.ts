import path from "node:path";
import { errorGithub, esDelBot, type ClienteGithub, type Repo } from "../github/cliente.ts";
import { escribirAtomico } from "../content/escribir.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import { solicitudesMesSchema, VERSION_ESQUEMA_SOLICITUDES, type SolicitudesMes } from "../content/schema/informe.ts";
import { cargarFormulario, seccionesDelCuerpo } from "../requests/formulario.ts";
import { MARCA_SOLICITUD } from "../requests/convertir.ts";
import { isoBogota } from "../content/time.ts";
import { enMes, leerMes } from "./cifras.ts";
import { carpetaDatos } from "./informe.ts";

/**
 * Reads the month's requests from GitHub (issues with the form's label «solicitud», contract:
 * https://docs.github.com/rest/issues/issues#list-repository-issues and
 * https://docs.github.com/rest/issues/comments#list-issue-comments) and keeps only what the
 * report counts: number, dependencia, when it arrived and the note it became (from the bot's own
 * comment «rama=… archivo=…» that `prensa solicitud` leaves). The contact and the message never
 * leave the issue. The aggregate is written to content/reportes/datos/AAAA/MM/solicitudes.json so
 * the report can be regenerated from the repository alone.
 */
export async function leerSolicitudesDeGithub(
  gh: ClienteGithub,
  repo: Repo,
  opciones: { raiz: string; periodo: string; institucion: Institucion },
  env: NodeJS.ProcessEnv,
): Promise<SolicitudesMes> {
  const m = leerMes(opciones.periodo);
  const formulario = cargarFormulario(opciones.raiz);
  const etiqueta = formulario.labels?.[0] ?? "solicitud";
  try {
    const issues = await gh.paginate(gh.rest.issues.listForRepo, { ...repo, labels: etiqueta, state: "all", per_page: 100 });
    const solicitudes: SolicitudesMes["solicitudes"] = [];
    for (const i of issues) {
      if (i.pull_request || !enMes(i.created_at, m)) continue;
      const nombre = seccionesDelCuerpo(i.body ?? "", formulario).get("dependencia") ?? "";
      const dep = opciones.institucion.dependencias.find((d) => d.nombre === nombre || d.id === nombre);
      const comentarios = await gh.paginate(gh.rest.issues.listComments, { ...repo, issue_number: i.number, per_page: 100 });
      const marca = comentarios.find((c) => esDelBot(c.user) && c.body?.includes(MARCA_SOLICITUD));
      const archivo = marca?.body ? /archivo=`?content\/notas\/(\d{4}\/\d{2}\/[a-z0-9-]+)\.mdx/.exec(marca.body)?.[1] : undefined;
      solicitudes.push({
        numero: i.number,
        dependencia: dep?.id ?? "sin-dependencia",
        recibida: isoBogota(new Date(i.created_at)),
        ...(archivo ? { nota: archivo } : {}),
      });
    }
    solicitudes.sort((a, b) => a.numero - b.numero);
    return solicitudesMesSchema.parse({ esquema: VERSION_ESQUEMA_SOLICITUDES, periodo: opciones.periodo, solicitudes });
  } catch (e) {
    throw errorGithub(e, `leer las solicitudes de ${opciones.periodo}`, env);
  }
}

/** Writes the requests aggregate; returns its path. */
export function escribirSolicitudes(raiz: string, datos: SolicitudesMes): string {
  const ruta = path.join(carpetaDatos(raiz, datos.periodo), "solicitudes.json");
  escribirAtomico(ruta, `${JSON.stringify(solicitudesMesSchema.parse(datos), null, 2)}\n`);
  return ruta;
}
