import { appendFileSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { ErrorUso, leerArgumentos, SALIDA, type Comando, type Io } from "../cli/comando.ts";
import { cargarInstitucion } from "../content/institucion.ts";
import { rutas } from "../content/paths.ts";
import { escribirAtomico } from "../content/escribir.ts";
import { periodoSchema, cifrasInformeSchema } from "../content/schema/informe.ts";
import { inquietudesSchema } from "../content/schema/inquietudes.ts";
import { ahora, partes } from "../content/time.ts";
import { crearCliente, ramaPrincipalDe, repositorioDe } from "../github/cliente.ts";
import { crearCalendario, diaBogota } from "../inbox/plazos.ts";
import { carpetaInforme, generarInforme } from "./informe.ts";
import { escribirSolicitudes, leerSolicitudesDeGithub } from "./solicitudes.ts";
import { leerDeRama, proponerInforme, ramaInforme } from "./proponer.ts";
import { primerDiaHabil } from "./calendario.ts";
import { tituloInforme } from "./redaccion.ts";

const USO = `Uso:
  prensa informe [AAAA-MM] [--desde-github] [--si-es-primer-dia-habil]
  prensa informe proponer AAAA-MM

Paso 7 del procedimiento (Informes). «prensa informe 2026-11» calcula las cifras del mes con lo que
tiene el repositorio (notas, registros de publicación, métricas de content/reportes/datos/2026/11/,
el agregado de inquietudes y el de solicitudes) y escribe en content/reportes/2026/11/ el informe
(informe.mdx), sus gráficos (.svg), sus tablas (.csv), las cifras (cifras.json) y el PDF/A-2b
(informe-2026-11.pdf). Sin periodo, el mes anterior. Repetirlo con los mismos datos da los mismos bytes y
conserva la sección «Conclusiones y compromisos» que escribió la jefatura de prensa.
  --desde-github            lee de GitHub las solicitudes del mes (y las guarda en
                            content/reportes/datos/AAAA/MM/solicitudes.json) y las conclusiones ya
                            escritas en la rama informe/AAAA-MM (necesita GITHUB_TOKEN)
  --si-es-primer-dia-habil  no hace nada si hoy (hora de Colombia) no es el primer día hábil del mes

«proponer» sube los archivos del informe a la rama informe/AAAA-MM y abre (o actualiza) la
solicitud de cambios «Informe de <mes> de <año>», asignada a informes.responsable de la
configuración. Con GITHUB_OUTPUT escribe periodo=AAAA-MM y generado=true|false.

Ejemplo: prensa informe 2026-11 && prensa validar`;

const raizDe = (io: Io) => io.env.PRENSA_RAIZ ?? rutas().raiz;

function leerPeriodo(valor: string | undefined): string {
  const r = periodoSchema.safeParse(valor);
  if (!r.success) throw new ErrorUso(`indique el mes como AAAA-MM (por ejemplo 2026-11)${valor ? `; «${valor}» no lo es` : ""}`);
  return r.data;
}

/** The month before the instant's month, in Bogotá. */
export function mesAnterior(d: Date): string {
  const p = partes(d);
  return p.mes === 1 ? `${p.anio - 1}-12` : `${p.anio}-${String(p.mes - 1).padStart(2, "0")}`;
}

/** Appends name=value lines to GITHUB_OUTPUT when it is set (GitHub Actions' step outputs). */
function salidaGithub(io: Io, valores: Record<string, string>): void {
  if (!io.env.GITHUB_OUTPUT) return;
  appendFileSync(
    io.env.GITHUB_OUTPUT,
    Object.entries(valores)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(""),
  );
}

async function generar(args: string[], io: Io): Promise<number> {
  const { values, positionals } = leerArgumentos(args, {
    "desde-github": { type: "boolean" },
    "si-es-primer-dia-habil": { type: "boolean" },
  });
  if (positionals.length > 1) throw new ErrorUso("indique un solo mes");
  const momento = ahora(io.env);
  const raiz = raizDe(io);
  const institucion = cargarInstitucion(raiz);
  if (values["si-es-primer-dia-habil"]) {
    const calendario = crearCalendario(institucion.inquietudes ?? inquietudesSchema.parse({}));
    const hoy = diaBogota(momento);
    const primero = primerDiaHabil(calendario, hoy.slice(0, 7));
    if (hoy !== primero) {
      io.salida(`Hoy (${hoy}) no es el primer día hábil del mes (es el ${primero}): no se genera el informe.`);
      salidaGithub(io, { generado: "false" });
      return SALIDA.ok;
    }
  }
  const periodo = positionals[0] ? leerPeriodo(positionals[0]) : mesAnterior(momento);
  if (values["desde-github"]) {
    const gh = crearCliente(io.env);
    const repo = repositorioDe(institucion, io.env);
    const solicitudes = await leerSolicitudesDeGithub(gh, repo, { raiz, periodo, institucion }, io.env);
    escribirSolicitudes(raiz, solicitudes);
    const rutaMdx = path.join(carpetaInforme(raiz, periodo), "informe.mdx");
    const rel = path.relative(raiz, rutaMdx).split(path.sep).join("/");
    const enRama = await leerDeRama(gh, repo, rel, ramaInforme(periodo));
    if (enRama !== undefined) escribirAtomico(rutaMdx, enRama);
    io.salida(
      `Solicitudes de ${periodo} leídas de GitHub: ${solicitudes.solicitudes.length}.${enRama !== undefined ? ` Se conservan las conclusiones de la rama ${ramaInforme(periodo)}.` : ""}`,
    );
  }
  const r = await generarInforme(raiz, periodo, momento);
  const lineas = [
    `${tituloInforme(periodo)}: ${path.relative(raiz, r.carpeta).split(path.sep).join("/")}/`,
    ...r.archivos.map((a) => `  ${a.ruta} (${a.cambio})`),
  ];
  const faltan = Object.entries(r.cifras.fuentes).filter(([, f]) => !f.disponible);
  if (faltan.length) lineas.push("No disponible:", ...faltan.map(([k, f]) => `  ${k}: ${f.nota ?? ""}`));
  if (r.conclusionesPendientes)
    lineas.push(
      "Falta: la jefatura de prensa escribe «Conclusiones y compromisos» en informe.mdx; hasta entonces «prensa validar» falla.",
    );
  io.salida(lineas.join("\n"));
  salidaGithub(io, { periodo, generado: "true" });
  return SALIDA.ok;
}

async function proponer(args: string[], io: Io): Promise<number> {
  const { positionals } = leerArgumentos(args, {});
  if (positionals.length !== 1) throw new ErrorUso("indique el mes del informe: prensa informe proponer AAAA-MM");
  const periodo = leerPeriodo(positionals[0]);
  const raiz = raizDe(io);
  const institucion = cargarInstitucion(raiz);
  const rutaCifras = path.join(carpetaInforme(raiz, periodo), "cifras.json");
  if (!existsSync(rutaCifras))
    throw new ErrorUso(`no hay informe de ${periodo}: genérelo primero con «prensa informe ${periodo}»`);
  const cifras = cifrasInformeSchema.parse(JSON.parse(readFileSync(rutaCifras, "utf8")));
  const gh = crearCliente(io.env);
  const repo = repositorioDe(institucion, io.env);
  const r = await proponerInforme(
    gh,
    repo,
    { raiz, periodo, principal: ramaPrincipalDe(institucion), institucion, cifras },
    io.env,
  );
  const lineas = [
    `Rama ${r.rama}:`,
    ...r.archivos.map((a) => `  ${a.ruta} (${a.cambio})`),
    r.pr.numero
      ? `Solicitud de cambios #${r.pr.numero} ${r.pr.creado ? "abierta" : "actualizada"}: ${r.pr.url}`
      : `Abra la solicitud de cambios con un clic: ${r.pr.url}`,
  ];
  if (r.pr.asignado) lineas.push(`Asignada a @${r.pr.asignado}.`);
  io.salida(lineas.join("\n"));
  return SALIDA.ok;
}

export const comando: Comando = {
  nombre: "informe",
  descripcion: "Escribe el informe mensual (MDX, gráficos, tablas CSV y PDF/A) en content/reportes/AAAA/MM/ y lo propone",
  uso: USO,
  async ejecutar(args: string[], io: Io): Promise<number> {
    if (args[0] === "proponer") return proponer(args.slice(1), io);
    return generar(args, io);
  },
};
