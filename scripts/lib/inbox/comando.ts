import { appendFileSync, existsSync } from "node:fs";
import path from "node:path";
import { leerArgumentos, ErrorUso, SALIDA, type Comando, type Io } from "../cli/comando.ts";
import { cargarInstitucion } from "../content/institucion.ts";
import { escribirAtomico } from "../content/escribir.ts";
import { rutas } from "../content/paths.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { ahora as ahoraDe } from "../content/time.ts";
import { NOMBRE_RED, type Red } from "../content/schema/redes.ts";
import {
  ESTADOS_CONVERSACION,
  NOMBRE_ESTADO,
  NOMBRE_SUBTIPO,
  NOMBRE_TIPO,
  SUBTIPOS_PETICION,
  TIPOS_INQUIETUD,
  TIPOS_SIN_RESPUESTA,
  conversacionSchema,
  type SubtipoPeticion,
  type Conversacion,
  type EstadoConversacion,
  type TipoInquietud,
} from "../content/schema/inquietudes.ts";
import { errorGithub, separarRepo } from "../github/cliente.ts";
import { agregarMes, rutaAgregado } from "./agregados.ts";
import { abrirAlmacen } from "./almacen.ts";
import { AlmacenGithub, clienteInquietudes, etiquetasBandeja } from "./almacen-github.ts";
import { ETIQUETA_AVISO, mantenerAviso, pendientesDe, queHacerPendiente, TITULO_AVISO, type Pendiente } from "./aviso.ts";
import { anonimizar, configBandeja, crearContexto, trasladar, vencimiento } from "./conversacion.ts";
import { formatoCorto, instanteBogota, prorrogar, tiempoRestante, venceLegal, venceMeta } from "./plazos.ts";
import type { AlmacenInquietudes } from "./tipos.ts";

/**
 * `prensa inquietudes`: the inbox of procedure step 4 («Responder inquietudes»). Every subcommand
 * prints only what is not personal data (network, kind, dates, state, ids): its output may end up in
 * a workflow log. `sincronizar` and `responder` live in ./sincronizar.ts and ./responder.ts, each
 * exporting `comando: Comando`, loaded only when asked for.
 */

const USO = `Uso: prensa inquietudes [SUBCOMANDO] [opciones]

La bandeja única de las redes (paso 4 «Responder inquietudes»). Las conversaciones son datos
personales (Ley 1581 de 2012): viven en la carpeta local .inquietudes/ (fuera de git) o en issues
del repositorio PRIVADO inquietudes.repositorio; esta salida nunca muestra usuarios ni textos.

Subcomandos:
  listar                 (por omisión) Tabla de conversaciones: red, tipo, recibida, vence, estado
  pendientes             Lo vencido o que vence hoy; termina con código 1 si algo está vencido
  aviso                  Abre, actualiza o cierra el issue «${TITULO_AVISO}»
  sincronizar            Lee cada red desde su cursor y archiva los mensajes nuevos
  responder              Envía las respuestas ordenadas con /responder y /responder-privado
  agregados AAAA-MM      Escribe los agregados públicos content/reportes/datos/AAAA/MM/inquietudes.json
  depurar                Anonimiza las conversaciones cerradas más viejas que inquietudes.retencionMeses
  suprimir --autor U     Habeas data: suprime los datos de una persona (usuario o id de la red)
  configurar             Revisa que el repositorio sea privado y crea sus etiquetas
  radicar ID --numero N  Anota el número de radicado de una posible petición en el sistema PQRSD
  prorrogar ID --hasta AAAA-MM-DD --aviso "…"  Prórroga avisada a la persona (Ley 1755, art. 14)
  trasladar ID --entidad "…"  Traslado a la autoridad competente (Ley 1755, art. 21)
  tipo ID TIPO [--subtipo S]  Corrige el tipo que pusieron las reglas
  cerrar ID              Cierra una conversación que no requiere respuesta

Opciones:
  --almacen local|github Otro almacén que el de inquietudes.almacen
  --estado E             (listar) Solo este estado: ${ESTADOS_CONVERSACION.join(", ")}
  --red R                (listar) Solo esta red
  --tipo T               (listar) Solo este tipo
  --simular              (aviso, depurar, suprimir) Muestra lo que haría sin cambiar nada
  --ayuda                Muestra esta ayuda

Variables de entorno: PRENSA_INQUIETUDES_TOKEN (token solo del repositorio privado), si no GITHUB_TOKEN;
PRENSA_AHORA fija el «ahora» de los plazos.`;

const OPCIONES = {
  almacen: { type: "string" },
  estado: { type: "string" },
  red: { type: "string" },
  tipo: { type: "string" },
  autor: { type: "string" },
  simular: { type: "boolean" },
  numero: { type: "string" },
  hasta: { type: "string" },
  aviso: { type: "string" },
  entidad: { type: "string" },
  subtipo: { type: "string" },
} as const;

interface Contexto {
  io: Io;
  raiz: string;
  institucion: ReturnType<typeof cargarInstitucion>;
  almacen: () => AlmacenInquietudes;
  ahora: Date;
  valores: {
    almacen?: string;
    estado?: string;
    red?: string;
    tipo?: string;
    autor?: string;
    simular?: boolean;
    numero?: string;
    hasta?: string;
    aviso?: string;
    entidad?: string;
    subtipo?: string;
  };
  posicionales: string[];
}

/** Loads a subcommand owned by another module (sincronizar, responder) only when it is used. */
async function delegar(nombre: "sincronizar" | "responder", args: string[], io: Io): Promise<number> {
  const ruta = `./${nombre}.ts`;
  let modulo: { comando?: Comando };
  try {
    modulo = (await import(ruta)) as { comando?: Comando };
  } catch (e) {
    if ((e as { code?: string }).code === "ERR_MODULE_NOT_FOUND" && String((e as Error).message).includes(`${nombre}.ts`))
      throw new ErrorConvergente(`«prensa inquietudes ${nombre}» todavía no está disponible en esta versión.`);
    throw e;
  }
  if (!modulo.comando) throw new ErrorConvergente(`scripts/lib/inbox/${nombre}.ts no exporta «comando».`);
  return modulo.comando.ejecutar(args, io);
}

const fecha = (iso: string | undefined) => (iso ? formatoCorto(new Date(iso)) : "—");

/** A plain-text table with aligned columns. */
function tabla(encabezado: string[], filas: string[][]): string {
  const anchos = encabezado.map((h, i) => Math.max(h.length, ...filas.map((f) => f[i]!.length)));
  const linea = (f: string[]) =>
    f
      .map((c, i) => c.padEnd(anchos[i]!))
      .join("  ")
      .trimEnd();
  return [linea(encabezado), anchos.map((a) => "-".repeat(a)).join("  "), ...filas.map(linea)].join("\n");
}

function estadoDe(c: Conversacion, ahora: Date, avisoHoras: number): string {
  const v = vencimiento(c, ahora, avisoHoras);
  const base = NOMBRE_ESTADO[c.estado];
  if (c.anonimizada) return `${base} (anonimizada)`;
  if (!v) return base;
  const plazo = v.estado === "vencida" ? "VENCIDA" : v.estado === "vence-hoy" ? "vence hoy" : tiempoRestante(v.vence, ahora);
  // Meta's reply windows (24 h / 7 days): after they close only some replies remain possible.
  const ventana =
    c.estado === "pendiente" && c.ventanaCierra
      ? new Date(c.ventanaCierra) > ahora
        ? `; ventana de ${NOMBRE_RED[c.red]} hasta ${formatoCorto(new Date(c.ventanaCierra))}`
        : `; ventana de ${NOMBRE_RED[c.red]} cerrada`
      : "";
  return `${base}, ${plazo}${v.que === "respuesta" ? "" : ` (${queHacerPendiente(v)})`}${ventana}`;
}

function filaConversacion(c: Conversacion, ahora: Date, avisoHoras: number): string[] {
  const v = vencimiento(c, ahora, avisoHoras);
  return [
    c.id,
    NOMBRE_RED[c.red],
    `${NOMBRE_TIPO[c.tipo]}${c.peticion ? " ⚖" : ""}`,
    fecha(c.recibido),
    v ? formatoCorto(v.vence) : fecha(c.vence),
    estadoDe(c, ahora, avisoHoras),
  ];
}

function validarFiltro<T extends string>(valor: string | undefined, opciones: readonly T[], nombre: string): T | undefined {
  if (valor === undefined) return undefined;
  if (!opciones.includes(valor as T)) throw new ErrorUso(`--${nombre} debe ser uno de: ${opciones.join(", ")}`);
  return valor as T;
}

async function listar(x: Contexto): Promise<number> {
  const config = configBandeja(x.institucion);
  const almacen = x.almacen();
  const estado = validarFiltro<EstadoConversacion>(x.valores.estado, ESTADOS_CONVERSACION, "estado");
  const red = validarFiltro<Red>(x.valores.red, Object.keys(NOMBRE_RED) as Red[], "red");
  const tipo = validarFiltro<TipoInquietud>(x.valores.tipo, TIPOS_INQUIETUD, "tipo");
  const lista = await almacen.listar({ ...(estado ? { estado } : {}), ...(red ? { red } : {}), ...(tipo ? { tipo } : {}) });
  const donde = almacen.tipo === "local" ? `la carpeta local ${almacen.donde}/` : `el repositorio privado ${almacen.donde}`;
  if (!lista.length) {
    x.io.salida(
      `No hay conversaciones en ${donde}${estado || red || tipo ? " con ese filtro" : ""}.` +
        (almacen.tipo === "local" && !estado && !red && !tipo
          ? "\nPara verla funcionar sin cuentas: node scripts/muestras/inquietudes.ts (mensajes ficticios de muestra)."
          : ""),
    );
    return SALIDA.ok;
  }
  x.io.salida(
    `${lista.length} ${lista.length === 1 ? "conversación" : "conversaciones"} en ${donde} (hora de Bogotá; ⚖ = posible derecho de petición):\n`,
  );
  x.io.salida(
    tabla(
      ["Id", "Red", "Tipo", "Recibida", "Vence", "Estado"],
      lista.map((c) => filaConversacion(c, x.ahora, config.avisoHoras)),
    ),
  );
  const pendientes = lista.filter((c) => c.estado === "pendiente").length;
  x.io.salida(`\n${pendientes} pendientes de respuesta. Lo urgente: prensa inquietudes pendientes`);
  return SALIDA.ok;
}

async function numeros(almacen: AlmacenInquietudes, p: Pendiente[]): Promise<Pendiente[]> {
  if (!(almacen instanceof AlmacenGithub)) return p;
  return Promise.all(p.map(async (x) => ({ ...x, issue: await almacen.numeroIssue(x.conversacion.id) })));
}

async function pendientes(x: Contexto): Promise<number> {
  const config = configBandeja(x.institucion);
  const almacen = x.almacen();
  const lista = await numeros(almacen, pendientesDe(await almacen.listar(), x.ahora, config.avisoHoras, false));
  const vencidas = lista.filter((p) => p.vencimiento.estado === "vencida").length;
  if (!lista.length) {
    x.io.salida("Al día: nada vencido ni que venza hoy.");
  } else {
    x.io.salida(
      tabla(
        ["Conversación", "Red", "Tipo", "Recibida", "Vence", "Estado", "Qué falta"],
        lista.map((p) => [
          p.issue ? `#${p.issue}` : p.conversacion.id,
          NOMBRE_RED[p.conversacion.red],
          NOMBRE_TIPO[p.conversacion.tipo],
          fecha(p.conversacion.recibido),
          formatoCorto(p.vencimiento.vence),
          p.vencimiento.estado === "vencida" ? `VENCIDA (${tiempoRestante(p.vencimiento.vence, x.ahora)})` : "vence hoy",
          queHacerPendiente(p.vencimiento),
        ]),
      ),
    );
    x.io.salida(`\n${vencidas} vencidas y ${lista.length - vencidas} que vencen hoy.`);
  }
  if (x.io.env.GITHUB_STEP_SUMMARY)
    appendFileSync(
      x.io.env.GITHUB_STEP_SUMMARY,
      `### Inquietudes\n\n${vencidas} vencidas y ${lista.length - vencidas} que vencen hoy (solo cifras: los datos están en el repositorio privado).\n\n`,
    );
  return vencidas ? SALIDA.hallazgos : SALIDA.ok;
}

async function aviso(x: Contexto): Promise<number> {
  const config = configBandeja(x.institucion);
  const almacen = x.almacen();
  const lista = await numeros(almacen, pendientesDe(await almacen.listar(), x.ahora, config.avisoHoras));
  if (x.valores.simular) {
    const { cuerpoAviso } = await import("./aviso.ts");
    x.io.salida(lista.length ? cuerpoAviso(lista, x.ahora) : "Al día: el issue se cerraría (o no se abriría).");
    return SALIDA.ok;
  }
  if (!config.repositorio)
    throw new ErrorConvergente("El aviso diario va en el repositorio privado de inquietudes, que no está configurado.", [
      {
        archivo: "config/institucion.yaml",
        campo: "inquietudes.repositorio",
        mensaje: "falta",
        arreglo: "escríbalo, o use --simular para ver el aviso aquí",
      },
    ]);
  const repo = separarRepo(config.repositorio, "config/institucion.yaml (inquietudes.repositorio)");
  const gh = clienteInquietudes(x.io.env);
  await new AlmacenGithub(gh, repo, { env: x.io.env }).verificarPrivado();
  let r;
  try {
    r = await mantenerAviso(gh, repo, lista, x.ahora);
  } catch (e) {
    throw errorGithub(e, `mantener el issue «${TITULO_AVISO}»`, x.io.env);
  }
  const n = r.numero ? ` #${r.numero}` : "";
  const mensajes = {
    ninguna: lista.length
      ? `El issue${n} ya está al día (${lista.length} por atender).`
      : "Al día: no hay issue de aviso abierto.",
    creado: `Issue${n} «${TITULO_AVISO}» abierto: ${lista.length} por atender.`,
    actualizado: `Issue${n} actualizado: ${lista.length} por atender.`,
    reabierto: `Issue${n} reabierto: ${lista.length} por atender.`,
    cerrado: `Al día: issue${n} cerrado.`,
  };
  x.io.salida(mensajes[r.accion]);
  return SALIDA.ok;
}

const MES = /^(\d{4})-(0[1-9]|1[0-2])$/;

async function agregados(x: Contexto): Promise<number> {
  const mes = x.posicionales[0];
  if (!mes || !MES.test(mes)) throw new ErrorUso("diga el mes como AAAA-MM, por ejemplo: prensa inquietudes agregados 2026-11");
  const ctx = crearContexto(x.institucion);
  const agregado = agregarMes(await x.almacen().listar(), mes, ctx.calendario, x.ahora);
  const destino = path.join(x.raiz, rutaAgregado(mes));
  escribirAtomico(destino, `${JSON.stringify(agregado, null, 2)}\n`);
  x.io.salida(
    `Escribí ${rutaAgregado(mes).split(path.sep).join("/")}: ${agregado.recibidas} recibidas, ${agregado.respondidas} respondidas ` +
      `(${agregado.respondidasATiempo} a tiempo), ${agregado.vencidasAlCierre} vencidas al cierre. Solo cifras, sin datos personales.`,
  );
  return SALIDA.ok;
}

/** Months between two instants, by calendar (a conversation closed on 2024-12-02 is 24 months old on 2026-12-02). */
function mesesEntre(desde: Date, hasta: Date): number {
  const d = new Date(desde.getTime() - 5 * 3600_000);
  const h = new Date(hasta.getTime() - 5 * 3600_000);
  let meses = (h.getUTCFullYear() - d.getUTCFullYear()) * 12 + (h.getUTCMonth() - d.getUTCMonth());
  if (h.getUTCDate() < d.getUTCDate()) meses--;
  return meses;
}

async function depurar(x: Contexto): Promise<number> {
  const config = configBandeja(x.institucion);
  const almacen = x.almacen();
  const vencidas = (await almacen.listar()).filter(
    (c) =>
      !c.anonimizada &&
      c.estado !== "pendiente" &&
      !c.peticion?.porRadicar &&
      c.cerrada &&
      mesesEntre(new Date(c.cerrada), x.ahora) >= config.retencionMeses,
  );
  if (!vencidas.length) {
    x.io.salida(
      `Nada que depurar: ninguna conversación cerrada hace ${config.retencionMeses} meses o más conserva datos personales.`,
    );
    return SALIDA.ok;
  }
  let mensajes = 0;
  for (const meta of vencidas) {
    const c = (await almacen.obtener(meta.id)) ?? meta;
    const r = anonimizar(c, x.ahora);
    mensajes += r.quitado.mensajes;
    if (!x.valores.simular) await almacen.guardar(r.conversacion);
  }
  x.io.salida(
    `${x.valores.simular ? "Se anonimizarían" : "Se anonimizaron"} ${vencidas.length} conversaciones cerradas hace ${config.retencionMeses} meses o más ` +
      `(${mensajes} mensajes sin usuario, nombre, texto ni enlace). Quedan sus registros anónimos (red, tipo, fechas) para las estadísticas.`,
  );
  return SALIDA.ok;
}

const normalizarAutor = (u: string) => u.trim().replace(/^@/, "").toLowerCase();

async function suprimir(x: Contexto): Promise<number> {
  const buscado = x.valores.autor && normalizarAutor(x.valores.autor);
  if (!buscado)
    throw new ErrorUso("diga de quién: prensa inquietudes suprimir --autor USUARIO (el usuario en la red, con o sin @, o su id)");
  const almacen = x.almacen();
  const esDeLaPersona = (e: Conversacion["entradas"][number]) =>
    !e.propio && !!e.autor && (normalizarAutor(e.autor.usuario) === buscado || e.autor.id.toLowerCase() === buscado);
  let conversaciones = 0;
  let mensajes = 0;
  let respuestas = 0;
  const porRed = new Map<Red, number>();
  for (const meta of await almacen.listar()) {
    if (meta.anonimizada) continue;
    const c = await almacen.obtener(meta.id);
    if (!c || !c.entradas.some(esDeLaPersona)) continue;
    const primera = c.entradas.find((e) => !e.propio);
    const suya = primera ? esDeLaPersona(primera) : false;
    const r = anonimizar(c, x.ahora, suya ? undefined : esDeLaPersona);
    conversaciones++;
    mensajes += r.quitado.mensajes;
    respuestas += r.quitado.respuestas;
    porRed.set(c.red, (porRed.get(c.red) ?? 0) + 1);
    if (!x.valores.simular) await almacen.guardar(r.conversacion);
  }
  if (!conversaciones) {
    x.io.salida(
      "No hay ninguna conversación con datos de esa persona en la bandeja. Revise el usuario (sin errores, con o sin @) o use el id de su cuenta en la red.",
    );
    return SALIDA.ok;
  }
  const redes = [...porRed]
    .map(([r, n]) => `${NOMBRE_RED[r]}: ${n}`)
    .sort()
    .join(", ");
  x.io.salida(
    [
      `${x.valores.simular ? "Se suprimirían" : "Se suprimieron"} los datos de la persona indicada en ${conversaciones} ${conversaciones === 1 ? "conversación" : "conversaciones"} (${redes}):`,
      `- ${mensajes} mensajes: usuario, nombre, id de la cuenta, texto y enlace.`,
      `- ${respuestas} ${respuestas === 1 ? "respuesta" : "respuestas"} de la entidad en sus conversaciones: texto y enlace.`,
      "- Los ids de los mensajes quedaron reemplazados por huellas que no se pueden revertir.",
      "Se conservan registros anónimos (red, tipo, fechas y plazos) para las estadísticas del informe mensual.",
      almacen.tipo === "github"
        ? `En ${almacen.donde} se borraron los comentarios con esos datos (GitHub borra también su historial).`
        : `Se reescribieron los archivos de ${almacen.donde}/.`,
      "Esto no borra lo que la persona publicó en la red: eso lo hace ella, o la entidad si moderó el comentario. Responda la solicitud de habeas data por el canal oficial (Ley 1581 de 2012, art. 15: 15 días hábiles).",
    ].join("\n"),
  );
  return SALIDA.ok;
}

async function configurar(x: Contexto): Promise<number> {
  const config = configBandeja(x.institucion);
  if (!config.repositorio)
    throw new ErrorConvergente("Falta el repositorio privado de inquietudes.", [
      {
        archivo: "config/institucion.yaml",
        campo: "inquietudes.repositorio",
        mensaje: "falta",
        arreglo: 'cree un repositorio PRIVADO y escriba `repositorio: "propietario/nombre"`',
      },
    ]);
  const repo = separarRepo(config.repositorio, "config/institucion.yaml (inquietudes.repositorio)");
  if (x.institucion.github?.repositorio && x.institucion.github.repositorio.toLowerCase() === config.repositorio.toLowerCase())
    throw new ErrorConvergente(
      "inquietudes.repositorio no puede ser el mismo repositorio público de la sala de prensa (github.repositorio).",
      [
        {
          archivo: "config/institucion.yaml",
          campo: "inquietudes.repositorio",
          mensaje: "es el repositorio público",
          arreglo: "use un repositorio privado aparte",
        },
      ],
    );
  const gh = clienteInquietudes(x.io.env);
  await new AlmacenGithub(gh, repo, { env: x.io.env }).verificarPrivado();
  const deseadas = [...etiquetasBandeja(), { name: ETIQUETA_AVISO, color: "d93f0b", description: TITULO_AVISO }];
  try {
    const existentes = new Set(
      (await gh.paginate(gh.rest.issues.listLabelsForRepo, { ...repo, per_page: 100 })).map((l) => l.name),
    );
    const faltan = deseadas.filter((l) => !existentes.has(l.name));
    if (x.valores.simular) {
      x.io.salida(
        `${config.repositorio} es privado. Crearía ${faltan.length} etiquetas: ${faltan.map((l) => l.name).join(", ") || "ninguna"}.`,
      );
      return SALIDA.ok;
    }
    for (const l of faltan) await gh.rest.issues.createLabel({ ...repo, ...l });
    x.io.salida(
      `${config.repositorio} es privado. Etiquetas: ${faltan.length} creadas, ${deseadas.length - faltan.length} ya estaban.`,
    );
  } catch (e) {
    throw errorGithub(e, `crear las etiquetas de ${config.repositorio}`, x.io.env);
  }
  return SALIDA.ok;
}

/** The conversation named by the first argument, or a Spanish error that says how to find the id. */
async function conversacionDe(x: Contexto): Promise<Conversacion> {
  const id = x.posicionales[0];
  if (!id) throw new ErrorUso("diga el id de la conversación (la primera columna de «prensa inquietudes»)");
  const c = /^[a-z]+-[0-9a-f]{16}$/.test(id) ? await x.almacen().obtener(id) : undefined;
  if (!c) throw new ErrorConvergente(`No hay ninguna conversación «${id}» en la bandeja. Vea los ids con: prensa inquietudes`);
  return c;
}

async function guardarCambio(x: Contexto, c: Conversacion, mensaje: string): Promise<number> {
  await x.almacen().guardar(conversacionSchema.parse({ ...c, actualizada: new Date().toISOString() }));
  x.io.salida(mensaje);
  return SALIDA.ok;
}

async function radicar(x: Contexto): Promise<number> {
  const c = await conversacionDe(x);
  const numero = x.valores.numero?.trim();
  if (!numero) throw new ErrorUso("diga el número: prensa inquietudes radicar ID --numero 2026-PQR-00123");
  if (!c.peticion)
    throw new ErrorConvergente(
      `La conversación ${c.id} no está marcada como posible petición. Si lo es: prensa inquietudes tipo ${c.id} peticion --subtipo general`,
    );
  return guardarCambio(
    x,
    { ...c, peticion: { ...c.peticion, porRadicar: false, radicado: numero, radicadaEl: x.ahora.toISOString() } },
    `${c.id}: radicada en el sistema PQRSD. El término legal sigue hasta ${formatoCorto(new Date(c.peticion.venceLegal))}.`,
  );
}

async function prorrogarConversacion(x: Contexto): Promise<number> {
  const c = await conversacionDe(x);
  const hasta = x.valores.hasta;
  if (!hasta || !/^\d{4}-\d{2}-\d{2}$/.test(hasta))
    throw new ErrorUso(
      'diga la nueva fecha y el aviso: prensa inquietudes prorrogar ID --hasta AAAA-MM-DD --aviso "motivos y fecha"',
    );
  const ctx = crearContexto(x.institucion);
  const jornada = ctx.calendario.jornada(hasta);
  if (!jornada) throw new ErrorConvergente(`${hasta} no es día hábil (${ctx.calendario.motivoNoHabil(hasta)}): elija otro.`);
  const p = prorrogar(ctx.calendario, c, x.ahora, instanteBogota(hasta, jornada.fin), x.valores.aviso ?? "");
  return guardarCambio(
    x,
    { ...c, prorrogas: [...c.prorrogas, p], peticion: { ...c.peticion!, venceLegal: p.vence } },
    `${c.id}: prórroga anotada con su aviso; el término vence ahora ${formatoCorto(new Date(p.vence))}.`,
  );
}

async function trasladarConversacion(x: Contexto): Promise<number> {
  const c = await conversacionDe(x);
  const entidad = x.valores.entidad?.trim();
  if (!entidad || entidad.length < 3)
    throw new ErrorUso('diga a qué autoridad: prensa inquietudes trasladar ID --entidad "Gobernación de Cundinamarca"');
  const ctx = crearContexto(x.institucion);
  const nueva = trasladar(ctx, c, entidad, x.ahora);
  const tarde = x.ahora > new Date(nueva.traslado!.limite);
  return guardarCambio(
    x,
    nueva,
    `${c.id}: trasladada. ${tarde ? "Fuera del término" : "Dentro del término"} del art. 21 (hasta ${formatoCorto(new Date(nueva.traslado!.limite))}). Infórmele a la persona a quién se trasladó.`,
  );
}

async function cambiarTipo(x: Contexto): Promise<number> {
  const c = await conversacionDe(x);
  const tipo = validarFiltro<TipoInquietud>(x.posicionales[1], TIPOS_INQUIETUD, "tipo");
  if (!tipo) throw new ErrorUso(`diga el tipo: prensa inquietudes tipo ID TIPO (uno de: ${TIPOS_INQUIETUD.join(", ")})`);
  const subtipo = validarFiltro<SubtipoPeticion>(x.valores.subtipo, SUBTIPOS_PETICION, "subtipo");
  const ctx = crearContexto(x.institucion);
  const recibido = new Date(c.recibido);
  const vence = venceMeta(ctx.calendario, ctx.config, tipo, recibido);
  const radicable = ctx.config.radicar.includes(tipo);
  const sub = radicable ? (subtipo ?? c.peticion?.subtipo ?? "general") : undefined;
  const nueva: Conversacion = { ...c, tipo, tipoManual: true, regla: "tipo puesto por una persona" };
  if (vence) nueva.vence = vence.toISOString();
  else delete nueva.vence;
  if (sub)
    nueva.peticion = c.peticion
      ? {
          ...c.peticion,
          subtipo: sub,
          venceLegal: c.prorrogas.length ? c.peticion.venceLegal : venceLegal(ctx.calendario, recibido, sub).toISOString(),
        }
      : { subtipo: sub, venceLegal: venceLegal(ctx.calendario, recibido, sub).toISOString(), porRadicar: true };
  else delete nueva.peticion;
  if (TIPOS_SIN_RESPUESTA.includes(tipo) && nueva.estado === "pendiente") {
    nueva.estado = "cerrada";
    nueva.cerrada = x.ahora.toISOString();
  }
  return guardarCambio(x, nueva, `${c.id}: ahora es ${NOMBRE_TIPO[tipo]}${sub ? ` (${NOMBRE_SUBTIPO[sub]}, por radicar)` : ""}.`);
}

async function cerrar(x: Contexto): Promise<number> {
  const c = await conversacionDe(x);
  if (c.estado !== "pendiente") throw new ErrorConvergente(`${c.id} ya está ${NOMBRE_ESTADO[c.estado].toLowerCase()}.`);
  return guardarCambio(x, { ...c, estado: "cerrada", cerrada: x.ahora.toISOString() }, `${c.id}: cerrada sin respuesta.`);
}

const SUBCOMANDOS: Record<string, (x: Contexto) => Promise<number>> = {
  radicar,
  prorrogar: prorrogarConversacion,
  trasladar: trasladarConversacion,
  tipo: cambiarTipo,
  cerrar,
  listar,
  pendientes,
  aviso,
  agregados,
  depurar,
  suprimir,
  configurar,
};

export const comando: Comando = {
  nombre: "inquietudes",
  descripcion: "Bandeja de inquietudes de las redes: lista, pendientes, aviso diario, agregados, depuración y habeas data",
  uso: USO,
  async ejecutar(args: string[], io: Io): Promise<number> {
    const [primero, ...resto] = args;
    const sub = primero && !primero.startsWith("-") ? primero : "listar";
    const restantes = primero && !primero.startsWith("-") ? resto : args;
    if (sub === "sincronizar" || sub === "responder") return delegar(sub, restantes, io);
    const ejecutar = SUBCOMANDOS[sub];
    if (!ejecutar)
      throw new ErrorUso(
        `subcomando desconocido: «${sub}». Use uno de: ${[...Object.keys(SUBCOMANDOS), "sincronizar", "responder"].join(", ")}`,
      );
    const { values, positionals } = leerArgumentos(restantes, OPCIONES);
    const conId = ["agregados", "radicar", "prorrogar", "trasladar", "tipo", "cerrar"];
    if (positionals.length && !conId.includes(sub)) throw new ErrorUso(`«${sub}» no recibe argumentos sueltos`);
    const r = rutas(io.env.PRENSA_RAIZ);
    const institucion = cargarInstitucion(r.raiz);
    const ahora = ahoraDe(io.env);
    let almacen: AlmacenInquietudes | undefined;
    const x: Contexto = {
      io,
      raiz: r.raiz,
      institucion,
      ahora,
      valores: values,
      posicionales: positionals,
      almacen: () =>
        (almacen ??= abrirAlmacen({
          raiz: r.raiz,
          institucion,
          env: io.env,
          ...(values.almacen ? { almacen: values.almacen } : {}),
          ahora: () => ahora,
        })),
    };
    if (!existsSync(r.config)) throw new ErrorConvergente("No se encontró config/institucion.yaml.");
    return ejecutar(x);
  },
};
