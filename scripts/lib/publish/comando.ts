import { spawnSync } from "node:child_process";
import { appendFileSync, readFileSync } from "node:fs";
import { ErrorUso, leerArgumentos, SALIDA, type Comando, type Io } from "../cli/comando.ts";
import { cargarInstitucion } from "../content/institucion.ts";
import { cargarNotas, type Nota } from "../content/notas.ts";
import { formatoProblema } from "../content/problems.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import { relativa, rutas } from "../content/paths.ts";
import { REDES, redSchema, type Red } from "../content/schema/redes.ts";
import { ahora, isoBogota, parseFechaPublicacion } from "../content/time.ts";
import { construccionSchema, type Construccion } from "../content/schema/construccion.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { imagenSocialConCache } from "../images/cache.ts";
import { entradaImagenDeNota } from "../images/nota.ts";
import { escribirAgenda, proximaRevision } from "./agenda.ts";
import { ocultarSecretos } from "../cli/secretos.ts";
import { escribirRegistro, leerRegistro } from "../ledger/almacen.ts";
import { confirmarYEmpujar } from "../ledger/git.ts";
import type { Registro } from "../ledger/schema.ts";
import { crearAdaptador, huellaCredenciales, type Disponibilidad } from "../networks/index.ts";
import { listaDeChequeo, construirKit } from "../share/kit.ts";
import { buscarNota } from "../content/buscar.ts";
import { construirCorreccion, construirEnvio } from "./contenido.ts";
import { ejecutarTrabajo, marcarCompleta, registroDe, type ContextoEjecucion, type Fila } from "./ejecutor.ts";
import { cargarParaPublicar } from "./cargar.ts";
import { calcularPendientes } from "./pendientes.ts";
import { politicaDesde } from "./politica.ts";
import { aplicarResolucion } from "./resolver.ts";
import { solicitudesPorRed, tablaMarkdown, tablaTexto, textoAtencion, textoSolicitudes, totales } from "./resumen.ts";
import { claveIdempotencia, versionDe } from "./version.ts";

const USO = `Uso: prensa publicar [--ahora FECHA] [--simular] [--canal RED] [--commit] [--desplegado ARCHIVO]
       prensa publicar --resolver NOTA RED publicado URL [ID] [--commit]
       prensa publicar --resolver NOTA RED reintentar [--commit]

Envía a cada red lo que está pendiente: notas públicas (su fecha ya pasó y no son borrador) en
las redes de su campo «canales» que el registro (content/publicaciones/) no marca como hechas.
Las urgentes van primero. Las redes sin credenciales se simulan: lo que se enviaría queda en
salida/buzon/ y el registro no cambia. La imagen social de cada nota sale de la caché
(.cache/social/) y se dibuja si falta. Los instantes del registro salen del reloj real; --ahora
y PRENSA_AHORA solo deciden qué toca.

Opciones:
  --ahora FECHA   Hace como si fuera ese momento (AAAA-MM-DDTHH:MM:SS-05:00)
  --simular       No llama a ninguna red: escribe en salida/buzon/ lo que enviaría
  --canal RED     Solo esa red (${REDES.join(", ")})
  --commit        Hace commit y push del registro en cada cambio de estado
  --desplegado ARCHIVO
                  construccion.json del sitio desplegado: solo publica las notas que ese sitio
                  muestra (públicas en su instante y sin cambios desde su commit); las demás
                  esperan a la próxima ejecución
  --resolver      Decide una publicación «incierto»: «publicado URL» si está en la red,
                  «reintentar» si no está (la próxima ejecución la envía)
  --ayuda         Muestra esta ayuda

Sale con 0 si todo salió (o se simuló), con 1 si algo falló o quedó incierto (en esta corrida o
esperando la decisión de una persona).
Vea docs/publicar.md.`;

function leerRed(texto: string | undefined, donde: string): Red {
  const r = redSchema.safeParse(texto);
  if (!r.success) throw new ErrorUso(`${donde}: «${texto ?? ""}» no es una red; use una de: ${REDES.join(", ")}`);
  return r.data;
}

function leerAhora(valor: string | undefined, io: Io): Date {
  if (valor === undefined) return ahora(io.env);
  const d = parseFechaPublicacion(valor);
  if (!d) throw new ErrorUso(`--ahora «${valor}» no es una fecha válida; use AAAA-MM-DDTHH:MM:SS-05:00`);
  return d;
}

const quien = (env: NodeJS.ProcessEnv) => env.GITHUB_ACTOR || env.USER || env.USERNAME || undefined;

export const comando: Comando = {
  nombre: "publicar",
  descripcion: "Publica en las redes sociales lo que está pendiente y lo anota en content/publicaciones/",
  uso: USO,
  async ejecutar(args: string[], io: Io): Promise<number> {
    const { values, positionals } = leerArgumentos(args, {
      ahora: { type: "string" },
      simular: { type: "boolean" },
      canal: { type: "string" },
      commit: { type: "boolean" },
      resolver: { type: "boolean" },
      desplegado: { type: "string" },
    });
    const momento = leerAhora(values.ahora, io);
    const r = rutas(io.env.PRENSA_RAIZ);
    const institucion = cargarInstitucion(r.raiz);
    if (values.resolver)
      return resolver(
        positionals,
        cargarNotas(institucion, { raiz: r.raiz }).notas,
        r.raiz,
        institucion,
        momento,
        Boolean(values.commit),
        io,
      );
    const carga = cargarParaPublicar(r.raiz, institucion);
    const { registros, problemas } = carga;
    if (positionals.length) throw new ErrorUso(`argumento inesperado: ${positionals[0]}`);
    const desplegado = values.desplegado === undefined ? undefined : leerDesplegado(values.desplegado);
    const { notas, esperan } = desplegado
      ? soloLoDesplegado(carga.notas, desplegado, r.raiz, momento)
      : { notas: carga.notas, esperan: [] };
    const canal = values.canal === undefined ? undefined : leerRed(values.canal, "--canal");
    if (problemas.length) {
      io.error(
        `Aviso: ${problemas.length} ${problemas.length === 1 ? "nota no es válida y se omite" : "notas no son válidas y se omiten"}:`,
      );
      io.error(problemas.map(formatoProblema).join("\n"));
    }

    const { trabajos, atencion } = calcularPendientes({
      notas,
      registros,
      institucion,
      ahora: momento,
      canal,
      hashActual: (nota, red, correccion) =>
        correccion
          ? construirCorreccion(nota, red, institucion, r.raiz).hash
          : construirEnvio(nota, red, institucion, r.raiz).hash,
      credencialActual: (red) => huellaCredenciales(red, io.env),
    });

    // Every image that goes out exists: drawn into the cache (the same one the build uses) when missing.
    const cache = rutas(r.raiz).cache;
    for (const id of new Set(trabajos.map((t) => t.nota.id))) {
      const nota = trabajos.find((t) => t.nota.id === id)!.nota;
      await imagenSocialConCache(entradaImagenDeNota(nota, institucion), cache);
    }

    const adaptadores = new Map<Red, Promise<Disponibilidad>>();
    const ctx: ContextoEjecucion = {
      raiz: r.raiz,
      institucion,
      env: io.env,
      // Records carry real instants: `momento` (PRENSA_AHORA, --ahora) only decides what is due.
      reloj: () => new Date(),
      dormir: (ms) => new Promise((res) => setTimeout(res, ms)),
      politica: politicaDesde(io.env),
      simular: Boolean(values.simular),
      commit: Boolean(values.commit),
      registros,
      adaptador: (red) => {
        let p = adaptadores.get(red);
        if (!p) adaptadores.set(red, (p = crearAdaptador(red, institucion, io.env)));
        return p;
      },
      salida: (t) => io.salida(t),
    };

    const filas: Fila[] = [];
    let abortado: string | undefined;
    for (const t of trabajos) {
      try {
        filas.push(await ejecutarTrabajo(ctx, t));
      } catch (e) {
        // Only record/git failures reach here: stop, so nothing is sent that cannot be recorded.
        abortado = ocultarSecretos(e instanceof Error ? e.message : String(e), io.env);
        filas.push({
          notaId: t.nota.id,
          titulo: t.nota.datos.titulo,
          red: t.red,
          accion: t.accion,
          version: t.version,
          estado: "fallido",
          detalle: `no se pudo guardar el registro: ${abortado.split("\n")[0]}`,
        });
        break;
      }
    }

    if (!abortado && !ctx.simular) {
      await actualizarHuellas(ctx, notas);
      // The agenda is for the workflow's gate, which reads main: only a run that commits keeps it.
      if (ctx.commit) {
        const proxima = proximaRevision({
          notas: carga.notas,
          registros,
          institucion,
          ahora: momento,
          canal,
          esperan: esperan.length > 0,
          hashActual: (nota, red, correccion) =>
            correccion
              ? construirCorreccion(nota, red, institucion, r.raiz).hash
              : construirEnvio(nota, red, institucion, r.raiz).hash,
          credencialActual: (red) => huellaCredenciales(red, io.env),
        });
        const archivo = escribirAgenda(r.raiz, proxima);
        if (archivo)
          await confirmarYEmpujar(ctx.raiz, [relativa(ctx.raiz, archivo)], "publicaciones: agenda al día", { env: ctx.env });
      }
    }
    const avisoEsperan = esperan.length
      ? [
          "",
          `Esperan a la próxima ejecución (cambiaron o se hicieron públicas después de construir el sitio desplegado): ${esperan.join(", ")}`,
        ]
      : [];
    const kit = listaKit(filas, notas, registros, institucion);
    const atencionLineas = textoAtencion(atencion);
    const solicitudes = textoSolicitudes(await solicitudesPorRed(adaptadores));
    io.salida(
      ["", tablaTexto(filas), "", totales(filas), ...solicitudes, ...avisoEsperan, ...kit.texto, ...atencionLineas].join("\n"),
    );
    if (abortado) io.error(`La publicación se detuvo: ${abortado}`);
    if (io.env.GITHUB_STEP_SUMMARY) {
      const extra = [...kit.markdown, ...(atencionLineas.length ? ["", "```", ...atencionLineas.slice(1), "```"] : [])];
      appendFileSync(io.env.GITHUB_STEP_SUMMARY, `${tablaMarkdown(filas, ["", totales(filas), ...solicitudes, ...extra])}\n`);
    }
    const mal = filas.some((f) => f.estado === "fallido" || f.estado === "incierto" || f.estado === "enviando");
    // Entries waiting for a person (uncertain, or failed for good) also mean "not everything went out".
    return mal || abortado || problemas.length || atencion.length ? SALIDA.hallazgos : SALIDA.ok;
  },
};

/** Reads the deployed site's construccion.json (a file the workflow wrote from the gate's or the build's output). */
function leerDesplegado(archivo: string): Construccion {
  let datos: unknown;
  try {
    datos = JSON.parse(readFileSync(archivo, "utf8"));
  } catch (e) {
    throw new ErrorConvergente(
      `--desplegado: no se pudo leer ${archivo} (${(e as Error).message.split("\n")[0]}). Debe ser el construccion.json del sitio desplegado.`,
    );
  }
  const r = construccionSchema.safeParse(datos);
  if (!r.success)
    throw new ErrorConvergente(
      `--desplegado: ${archivo} no es un construccion.json válido (${r.error.issues.map((i) => `${i.path.join(".") || "raíz"}: ${i.message}`).join("; ")}).`,
    );
  return r.data;
}

/**
 * The notes the deployed site shows: public at its build instant, and with the note file and its
 * image unchanged between the commit it was built from and this checkout. The others wait: a note
 * merged after the build, or edited since, is not posted before its page exists.
 */
function soloLoDesplegado(
  notas: readonly Nota[],
  desplegado: Construccion,
  raiz: string,
  momento: Date,
): { notas: Nota[]; esperan: string[] } {
  const instante = new Date(desplegado.instante);
  let cambiados: Set<string> | undefined;
  if (desplegado.commit) {
    const g = spawnSync("git", ["diff", "--name-only", "--no-renames", desplegado.commit, "HEAD", "--", "content/notas"], {
      cwd: raiz,
      encoding: "utf8",
    });
    if (g.status !== 0)
      throw new ErrorConvergente(
        `--desplegado: git no conoce el commit ${desplegado.commit} del sitio desplegado (${g.stderr.trim().split("\n")[0]}). Traiga la historia completa (actions/checkout con fetch-depth: 0).`,
      );
    cambiados = new Set(g.stdout.split("\n").filter(Boolean));
  }
  const salida: Nota[] = [];
  const esperan: string[] = [];
  for (const nota of notas) {
    if (nota.datos.publicar.getTime() > instante.getTime() || nota.datos.borrador) {
      // Not on the deployed site yet; calcularPendientes would skip it too when it is not due.
      if (!nota.datos.borrador && nota.datos.publicar.getTime() <= momento.getTime()) esperan.push(nota.id);
      continue;
    }
    const archivos = [nota.ruta, nota.rutaImagen].filter((a): a is string => Boolean(a)).map((a) => relativa(raiz, a));
    // Without a commit (built outside git) nothing can be compared: only the instant decides.
    if (cambiados && archivos.some((a) => cambiados.has(a))) {
      esperan.push(nota.id);
      continue;
    }
    salida.push(nota);
  }
  return { notas: salida, esperan };
}

/**
 * Notes already fully published whose record lacks the current hashNota get it (so later runs skip
 * them without parsing). With --commit, all of them go in one commit.
 */
async function actualizarHuellas(ctx: ContextoEjecucion, notas: readonly Nota[]): Promise<void> {
  const archivos: string[] = [];
  for (const nota of notas) {
    const registro = ctx.registros.get(nota.id);
    if (registro && marcarCompleta(ctx, nota, registro)) archivos.push(relativa(ctx.raiz, escribirRegistro(ctx.raiz, registro)));
  }
  if (ctx.commit && archivos.length)
    await confirmarYEmpujar(ctx.raiz, archivos, `publicaciones: ${archivos.length} notas al día`, { env: ctx.env });
}

/** Community-group checklist for notes published for the first time in this run. */
function listaKit(
  filas: readonly Fila[],
  notas: readonly Nota[],
  registros: ReadonlyMap<string, Registro>,
  institucion: Institucion,
) {
  const nuevas = [
    ...new Set(
      filas
        .filter((f) => f.estado === "publicado" && (f.accion === "publicar" || f.accion === "reconciliar"))
        .map((f) => f.notaId),
    ),
  ];
  const texto: string[] = [];
  const markdown: string[] = [];
  for (const id of nuevas) {
    const nota = notas.find((n) => n.id === id);
    if (!nota) continue;
    const kit = construirKit(nota, institucion);
    if (!kit.length) continue;
    const hechos = new Set(registros.get(id)?.compartidos.map((c) => c.grupo));
    const lineas = listaDeChequeo(kit, hechos);
    texto.push(
      "",
      `Para compartir «${nota.datos.titulo}» en grupos comunitarios (luego: prensa kit ${id} --compartido GRUPO):`,
      ...lineas,
    );
    markdown.push(
      "",
      `### Compartir «${nota.datos.titulo}» en grupos comunitarios`,
      "",
      ...lineas,
      "",
      `Registre cada envío con \`prensa kit ${id} --compartido GRUPO\`.`,
    );
  }
  return { texto, markdown };
}

async function resolver(
  pos: string[],
  notas: readonly Nota[],
  raiz: string,
  institucion: Institucion,
  momento: Date,
  commit: boolean,
  io: Io,
): Promise<number> {
  const [textoNota, textoRed, accion, url, idRemoto, ...sobra] = pos;
  if (!textoNota || !textoRed || !accion)
    throw new ErrorUso("use --resolver NOTA RED publicado URL, o --resolver NOTA RED reintentar");
  if (accion !== "publicado" && accion !== "reintentar")
    throw new ErrorUso(`la decisión «${accion}» no existe; use «publicado URL» o «reintentar»`);
  if (sobra.length || (accion === "reintentar" && url)) throw new ErrorUso(`argumento inesperado: ${sobra[0] ?? url}`);
  const red = leerRed(textoRed, "--resolver");
  const nota = buscarNota(notas, textoNota);
  const registros = new Map<string, Registro>();
  const previo = leerRegistro(raiz, nota.id);
  if (previo) registros.set(nota.id, previo);
  const registro = registroDe({ registros, raiz, institucion }, nota);
  const fecha = isoBogota(momento);
  const version = versionDe(nota);
  const descripcion = aplicarResolucion(registro, red, { accion, url, idRemoto, fecha, por: quien(io.env) }, () => ({
    estado: "incierto",
    intentos: 0,
    programado: isoBogota(nota.datos.publicar),
    hashEnviado: construirEnvio(nota, red, institucion, raiz).hash,
    clave: claveIdempotencia(nota.id, red, version),
    version,
    correcciones: [],
    actualizado: fecha,
  }));
  const ruta = escribirRegistro(raiz, registro);
  if (commit)
    await confirmarYEmpujar(raiz, [relativa(raiz, ruta)], `publicaciones: ${nota.id} en ${red} → resuelto (${accion})`, {
      env: io.env,
    });
  io.salida(`${descripcion}\nRegistro: ${relativa(raiz, ruta)}`);
  return SALIDA.ok;
}
