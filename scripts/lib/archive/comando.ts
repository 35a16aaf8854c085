import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { ErrorUso, leerArgumentos, SALIDA, type Comando, type Io } from "../cli/comando.ts";
import { cargarInstitucion } from "../content/institucion.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { rutas } from "../content/paths.ts";
import { ahora, partes } from "../content/time.ts";
import { escribirAtomico } from "../content/escribir.ts";
import { crearCliente, ramaPrincipalDe, repositorioDe } from "../github/cliente.ts";
import { leerInfoBolsa, verificarBolsa } from "./bagit.ts";
import { leerPeriodo } from "./expediente.ts";
import { construirPaquete, exigirTrd } from "./paquete.ts";
import { ACCIONES, leerInventarios, vencimientos } from "./retencion.ts";
import { empaquetar, publicarEnRelease } from "./publicar.ts";
import { proponerInventario } from "./proponer.ts";

const USO = `Uso:
  prensa archivo AAAA[-MM] [--salida CARPETA] [--sitio CARPETA|URL] [--sin-conexion]
  prensa archivo verificar RUTA
  prensa archivo retencion [--fecha AAAA-MM-DD] [--lista-eliminacion ARCHIVO.csv]
  prensa archivo publicar RUTA
  prensa archivo proponer AAAA-MM

Paso 8 del procedimiento (Archivo). «prensa archivo 2026-11» arma el expediente electrónico del
periodo como una bolsa BagIt en CARPETA/archivo-2026-11 (por omisión salida/archivo/): por nota, la
fuente MDX, la página publicada en HTML y en PDF/A, sus imágenes, el registro de publicación, la
solicitud, la evidencia de verificación y las correcciones; los informes del periodo; el índice
electrónico y el FUID. También escribe el FUID en content/archivo/AAAA-MM.json y .csv.
  --sitio          carpeta del sitio construido (por omisión dist/ si existe), URL de un sitio, o
                   «publicado» para leer las páginas del sitio de la configuración
  --sin-conexion   lee la verificación de los commits de fusión de la historia git local, aunque
                   haya GITHUB_TOKEN (sin token siempre es así, y el paquete lo dice)

«verificar» revisa una bolsa y nombra cada archivo faltante, sobrante o alterado.
«retencion» lista lo que la TRD manda transferir, seleccionar o eliminar a la fecha; nunca borra.
«publicar» adjunta el paquete a la release archivo-AAAA-MM de GitHub (la crea una sola vez).
«proponer» sube content/archivo/AAAA-MM.json y .csv a la rama archivo/AAAA-MM y abre (o reusa) la
solicitud de cambios para que la jefatura de prensa los apruebe.

Ejemplo: prensa archivo 2026-11 --sin-conexion && prensa archivo verificar salida/archivo/archivo-2026-11`;

const raizDe = (io: Io) => io.env.PRENSA_RAIZ ?? rutas().raiz;
const hoyBogota = (d: Date) => {
  const p = partes(d);
  return `${p.anio}-${String(p.mes).padStart(2, "0")}-${String(p.dia).padStart(2, "0")}`;
};

async function armar(args: string[], io: Io): Promise<number> {
  const { values, positionals } = leerArgumentos(args, {
    salida: { type: "string" },
    sitio: { type: "string" },
    "sin-conexion": { type: "boolean" },
  });
  const periodo = leerPeriodo(positionals[0]);
  if (!periodo || positionals.length > 1)
    throw new ErrorUso(
      `indique el periodo como AAAA-MM o AAAA (por ejemplo 2026-11)${positionals[0] ? `; «${positionals[0]}» no lo es` : ""}`,
    );
  const raiz = raizDe(io);
  const institucion = cargarInstitucion(raiz);
  const enLinea = !values["sin-conexion"] && !!io.env.GITHUB_TOKEN;
  const dist = path.join(raiz, "dist");
  const sitio = values.sitio
    ? values.sitio === "publicado"
      ? institucion.sitio
      : /^https?:\/\//.test(values.sitio)
        ? values.sitio
        : path.resolve(io.cwd, values.sitio)
    : existsSync(dist)
      ? dist
      : undefined;
  const r = await construirPaquete(institucion, {
    raiz,
    periodo,
    salida: path.resolve(io.cwd, values.salida ?? path.join(raiz, "salida/archivo")),
    sitio,
    enLinea,
    ahora: ahora(io.env),
    env: io.env,
  });
  const documentos = r.indice.documentos.length;
  io.salida(
    [
      `Expediente ${periodo.texto}: ${r.unidades.length} unidades documentales, ${documentos} documentos.`,
      `Bolsa BagIt: ${path.relative(io.cwd, r.bolsa) || r.bolsa}`,
      `Verificación leída de: ${r.fuente === "github" ? "GitHub" : "la historia git local (SIN CONEXIÓN con GitHub)"}`,
      `FUID: ${r.inventario.map((f) => path.relative(raiz, f).split(path.sep).join("/")).join(" y ")}`,
      ...r.avisos.map((a) => `Aviso: ${a}`),
    ].join("\n"),
  );
  return SALIDA.ok;
}

function verificar(args: string[], io: Io): number {
  const { positionals } = leerArgumentos(args, {});
  if (positionals.length !== 1) throw new ErrorUso("indique la carpeta de la bolsa a verificar");
  const ruta = path.resolve(io.cwd, positionals[0]!);
  const r = verificarBolsa(ruta);
  if (r.valida) {
    const info = leerInfoBolsa(ruta);
    io.salida(
      `La bolsa ${positionals[0]} es válida: ${r.archivos} archivos de carga con su suma SHA-512, etiquetas completas (${info.get("Periodo")?.[0] ?? "sin periodo"}, ${info.get("Source-Organization")?.[0] ?? ""}).`,
    );
    return SALIDA.ok;
  }
  const lineas = [
    `La bolsa ${positionals[0]} NO es válida:`,
    ...r.faltantes.map((f) => `- falta: ${f}`),
    ...r.sobrantes.map((f) => `- sobra (no está en el manifiesto): ${f}`),
    ...r.alterados.map((f) => `- alterado (la suma SHA-512 no coincide): ${f}`),
    ...r.problemas.map((p) => `- ${p}`),
    "Arreglo: pida de nuevo el paquete original (la release archivo-AAAA-MM en GitHub) y compare su suma con la de las notas de la release.",
  ];
  io.error(lineas.join("\n"));
  return SALIDA.hallazgos;
}

function retencion(args: string[], io: Io): number {
  const { values, positionals } = leerArgumentos(args, {
    fecha: { type: "string" },
    "lista-eliminacion": { type: "string" },
  });
  if (positionals.length) throw new ErrorUso("«retencion» no recibe argumentos sueltos");
  if (values.fecha && !/^\d{4}-\d{2}-\d{2}$/.test(values.fecha)) throw new ErrorUso("--fecha va como AAAA-MM-DD");
  const raiz = raizDe(io);
  const institucion = exigirTrd(cargarInstitucion(raiz));
  const hoy = values.fecha ?? hoyBogota(ahora(io.env));
  const inventarios = leerInventarios(raiz);
  if (!inventarios.length) {
    io.salida("No hay inventarios en content/archivo/: arme primero un paquete con «prensa archivo AAAA-MM».");
    return SALIDA.ok;
  }
  const { vencidos, alDia } = vencimientos(institucion.trd, inventarios, hoy);
  const lineas = [`Retención documental al ${hoy} (${institucion.trd.norma}; TRD ${institucion.trd.version}):`];
  if (!vencidos.length) lineas.push("Nada está vencido.");
  for (const v of vencidos) {
    const extra =
      v.accion === "eliminacion"
        ? v.acta
          ? ` — acta ${v.acta}: lista preparada; la eliminación la hace el archivo, este comando no borra nada`
          : " — FALTA el acta de eliminación en config/institucion.yaml (trd.actasEliminacion); no se prepara la lista"
        : "";
    lineas.push(
      `- ${ACCIONES[v.accion]} desde ${v.desde}: ${v.fila.codigo} ${v.fila.nombre} (${v.periodo}, orden ${v.fila.numeroOrden})${extra}`,
    );
  }
  lineas.push(`${alDia} unidades siguen en el archivo de gestión dentro de su tiempo de retención.`);
  const destino = values["lista-eliminacion"];
  if (destino) {
    const conActa = vencidos.filter((v) => v.accion === "eliminacion" && v.acta);
    const csv = [
      "Acta,Periodo,Número de orden,Código,Nombre,Fecha inicial,Fecha final,Unidad de conservación",
      ...conActa.map((v) =>
        [
          v.acta,
          v.periodo,
          v.fila.numeroOrden,
          v.fila.codigo,
          v.fila.nombre,
          v.fila.fechaInicial,
          v.fila.fechaFinal,
          v.fila.unidadConservacion,
        ]
          .map((x) => (/[",\n]/.test(String(x)) ? `"${String(x).replace(/"/g, '""')}"` : String(x)))
          .join(","),
      ),
    ].join("\n");
    escribirAtomico(path.resolve(io.cwd, destino), `${csv}\n`);
    lineas.push(`Lista de eliminación (${conActa.length} unidades con acta) escrita en ${destino}. No se borró nada.`);
  }
  io.salida(lineas.join("\n"));
  return SALIDA.ok;
}

async function publicar(args: string[], io: Io): Promise<number> {
  const { positionals } = leerArgumentos(args, {});
  if (positionals.length !== 1) throw new ErrorUso("indique la carpeta de la bolsa a publicar");
  const bolsa = path.resolve(io.cwd, positionals[0]!);
  const r = verificarBolsa(bolsa);
  if (!r.valida) {
    verificar([bolsa], io);
    throw new ErrorConvergente("No se publica una bolsa que no verifica.");
  }
  const periodo = leerInfoBolsa(bolsa).get("Periodo")?.[0];
  if (!periodo || !leerPeriodo(periodo))
    throw new ErrorConvergente(`La bolsa ${positionals[0]} no dice su periodo en bag-info.txt.`);
  const raiz = raizDe(io);
  const institucion = cargarInstitucion(raiz);
  const gh = crearCliente(io.env);
  const repo = repositorioDe(institucion, io.env);
  const paquete = `${bolsa}.tar.gz`;
  empaquetar(bolsa, paquete, leerInfoBolsa(bolsa).get("Bagging-Date")?.[0] ?? hoyBogota(ahora(io.env)));
  const p = await publicarEnRelease(
    gh,
    repo,
    {
      periodo,
      paquete,
      tagmanifiesto: readFileSync(path.join(bolsa, "tagmanifest-sha512.txt"), "utf8"),
      rama: ramaPrincipalDe(institucion),
    },
    io.env,
  );
  io.salida(`Release ${p.tag} ${p.accion}: ${p.url}\nSHA-512 ${p.suma}  ${path.basename(paquete)}`);
  return SALIDA.ok;
}

async function proponer(args: string[], io: Io): Promise<number> {
  const { positionals } = leerArgumentos(args, {});
  const periodo = leerPeriodo(positionals[0]);
  if (!periodo || periodo.mes === undefined || positionals.length !== 1) throw new ErrorUso("indique el periodo como AAAA-MM");
  const raiz = raizDe(io);
  if (!existsSync(path.join(raiz, `content/archivo/${periodo.texto}.json`)))
    throw new ErrorConvergente(`No hay FUID de ${periodo.texto} en content/archivo/.`, [
      {
        archivo: `content/archivo/${periodo.texto}.json`,
        mensaje: "no existe",
        arreglo: `arme antes el paquete: prensa archivo ${periodo.texto}`,
      },
    ]);
  const institucion = cargarInstitucion(raiz);
  const gh = crearCliente(io.env);
  const p = await proponerInventario(
    gh,
    repositorioDe(institucion, io.env),
    { raiz, periodo: periodo.texto, principal: ramaPrincipalDe(institucion) },
    io.env,
  );
  io.salida(
    [
      `FUID de ${periodo.texto} en la rama ${p.rama}: ${p.archivos.map((a) => `${a.ruta} (${a.cambio})`).join(", ")}`,
      p.pr.numero
        ? `Solicitud de cambios #${p.pr.numero}${p.pr.creado ? " abierta" : " ya abierta"}: ${p.pr.url}`
        : `Abra la solicitud de cambios: ${p.pr.url}`,
    ].join("\n"),
  );
  return SALIDA.ok;
}

export const comando: Comando = {
  nombre: "archivo",
  descripcion: "Arma el expediente electrónico de un periodo (BagIt, índice electrónico, FUID) y revisa la retención por TRD",
  uso: USO,
  async ejecutar(args, io) {
    const [sub, ...resto] = args;
    if (sub === "verificar") return verificar(resto, io);
    if (sub === "retencion") return retencion(resto, io);
    if (sub === "publicar") return publicar(resto, io);
    if (sub === "proponer") return proponer(resto, io);
    return armar(args, io);
  },
};
