import { existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { cargarNotasOFallar } from "../content/notas.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import { esTrdCompleta, type TrdCompleta } from "../content/schema/trd.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { escribirAtomico } from "../content/escribir.ts";
import { crearCliente, ramaPrincipalDe, repositorioDe } from "../github/cliente.ts";
import { escribirBolsa, type ArchivoCarga } from "./bagit.ts";
import { enPeriodo, unidadDeNota, unidadesDeInformes, type FuentesNota, type Periodo, type UnidadArchivo } from "./expediente.ts";
import { evidenciaDesdeGit, evidenciaDesdeGithub, solicitudDesdeGithub } from "./evidencia.ts";
import { construirFuid, construirIndice, fuidBloques, fuidCsv, indiceBloques } from "./inventario.ts";
import { crearPdfA } from "./pdfa.ts";
import type { Fuid, Indice } from "./esquema.ts";

/** The TRD with its table, or a Spanish error saying what to add to the config. */
export function exigirTrd(institucion: Institucion): Institucion & { trd: TrdCompleta } {
  if (esTrdCompleta(institucion.trd)) return institucion as Institucion & { trd: TrdCompleta };
  throw new ErrorConvergente("La configuración no tiene la Tabla de Retención Documental completa.", [
    {
      archivo: "config/institucion.yaml",
      campo: "trd",
      mensaje: "faltan norma, version, unidadProductora, series o artefactos",
      arreglo: "copie la sección trd del ejemplo de docs/configuracion.md y ajústela a la TRD aprobada de la entidad",
    },
  ]);
}

export interface OpcionesPaquete {
  raiz: string;
  periodo: Periodo;
  /** Folder where the bag folder is written. */
  salida: string;
  /** Built site folder or live site URL for the published HTML; undefined: none. */
  sitio?: string;
  /** Read evidence from GitHub (needs GITHUB_TOKEN); otherwise from the local git history. */
  enLinea: boolean;
  ahora: Date;
  env: NodeJS.ProcessEnv;
}

export interface ResultadoPaquete {
  bolsa: string;
  indice: Indice;
  fuid: Fuid;
  unidades: UnidadArchivo[];
  avisos: string[];
  fuente: "github" | "historia-git-local";
  inventario: string[];
}

async function htmlDe(sitio: string | undefined, url: string): Promise<{ html?: Uint8Array; origen?: string }> {
  if (!sitio) return {};
  if (/^https?:\/\//.test(sitio)) {
    const direccion = `${sitio.replace(/\/+$/, "")}${url}`;
    const r = await fetch(direccion).catch(() => undefined);
    return r?.ok ? { html: new Uint8Array(await r.arrayBuffer()), origen: direccion } : {};
  }
  const archivo = path.join(sitio, ...url.split("/").filter(Boolean), "index.html");
  return existsSync(archivo) ? { html: readFileSync(archivo), origen: `sitio construido (${url}index.html)` } : {};
}

/** Builds the electronic file of a period as a BagIt bag and writes the FUID under content/archivo/. */
export async function construirPaquete(institucion0: Institucion, o: OpcionesPaquete): Promise<ResultadoPaquete> {
  const institucion = exigirTrd(institucion0);
  const notas = cargarNotasOFallar(institucion, { raiz: o.raiz })
    .filter((n) => !n.datos.borrador && enPeriodo(n.datos.publicar, o.periodo) && n.datos.publicar <= o.ahora)
    .sort((a, b) => a.datos.publicar.getTime() - b.datos.publicar.getTime() || (a.id < b.id ? -1 : 1));
  const gh = o.enLinea ? crearCliente(o.env) : undefined;
  const repo = gh ? repositorioDe(institucion, o.env) : undefined;
  const unidades: UnidadArchivo[] = [];
  for (const nota of notas) {
    const evidencia =
      gh && repo
        ? await evidenciaDesdeGithub(gh, repo, ramaPrincipalDe(institucion), nota.archivo, o.env)
        : evidenciaDesdeGit(o.raiz, nota.archivo);
    const numero = evidencia.verificaciones.find((v) => v.solicitud)?.solicitud;
    const fuentes: FuentesNota = {
      evidencia,
      solicitud: gh && repo && numero ? await solicitudDesdeGithub(gh, repo, numero, o.env) : undefined,
    };
    const h = await htmlDe(o.sitio, nota.url);
    fuentes.html = h.html;
    fuentes.origenHtml = h.origen;
    unidades.push(await unidadDeNota(nota, institucion, fuentes, o.raiz));
  }
  const informes = await unidadesDeInformes(institucion, o.periodo, o.raiz);
  unidades.push(...informes.unidades);
  const avisos = [
    ...(notas.length ? [] : [`No hay notas publicadas en ${o.periodo.texto}.`]),
    ...informes.avisos,
    ...(o.enLinea
      ? []
      : ["La evidencia de verificación se leyó SIN CONEXIÓN, de los commits de fusión de la historia git local."]),
  ];
  const indice = construirIndice(institucion, o.periodo.texto, unidades, o.ahora, avisos);
  const fuid = construirFuid(institucion, o.periodo.texto, unidades, o.ahora);
  const carga: ArchivoCarga[] = unidades.flatMap((u) => u.documentos.map((d) => ({ ruta: d.ruta, contenido: d.contenido })));
  const json = (v: unknown) => Buffer.from(`${JSON.stringify(v, null, 2)}\n`, "utf8");
  const csv = Buffer.from(fuidCsv(fuid), "utf8");
  const titulo = `${institucion.oficina}, ${o.periodo.texto}`;
  carga.push(
    { ruta: "indice-electronico.json", contenido: json(indice) },
    {
      ruta: "indice-electronico.pdf",
      contenido: (
        await crearPdfA({
          titulo: `Índice electrónico ${titulo}`,
          autor: institucion.oficina,
          asunto: "Índice electrónico",
          creado: o.ahora,
          bloques: indiceBloques(indice),
          horizontal: true,
        })
      ).bytes,
    },
    { ruta: "fuid.csv", contenido: csv },
    { ruta: "fuid.json", contenido: json(fuid) },
    {
      ruta: "fuid.pdf",
      contenido: (
        await crearPdfA({
          titulo: `FUID ${titulo}`,
          autor: institucion.oficina,
          asunto: "Formato Único de Inventario Documental",
          creado: o.ahora,
          bloques: fuidBloques(fuid),
          horizontal: true,
        })
      ).bytes,
    },
  );
  const nombre = `archivo-${o.periodo.texto}`;
  const bolsa = path.join(o.salida, nombre);
  const nueva = `${bolsa}.nueva`;
  rmSync(nueva, { recursive: true, force: true });
  const fecha = fuid.fecha;
  escribirBolsa(nueva, carga, [
    ["Source-Organization", institucion.entidad],
    ["Organization-Address", `${institucion.contacto.direccion}, ${institucion.contacto.municipio}`],
    ["Contact-Email", institucion.contacto.correo],
    [
      "External-Description",
      `Expediente electrónico de la ${institucion.oficina}, periodo ${o.periodo.texto}, según la TRD (${institucion.trd.norma}; ${institucion.trd.version}).`,
    ],
    ["Bagging-Date", fecha],
    ["External-Identifier", nombre],
    ["Bag-Group-Identifier", `${institucion.trd.unidadProductora.codigo} ${institucion.trd.unidadProductora.nombre}`],
    ["Periodo", o.periodo.texto],
    ["Fuente-Verificacion", o.enLinea ? "GitHub" : "historia git local (sin conexión)"],
    ["Bag-Software-Agent", "Convergente (prensa archivo)"],
  ]);
  // Replace a previous bag of the same period only once the new one is complete.
  if (existsSync(bolsa)) {
    const vieja = `${bolsa}.vieja`;
    rmSync(vieja, { recursive: true, force: true });
    renameSync(bolsa, vieja);
    renameSync(nueva, bolsa);
    rmSync(vieja, { recursive: true, force: true });
  } else renameSync(nueva, bolsa);
  const carpetaInventario = path.join(o.raiz, "content/archivo");
  const inventario = [
    path.join(carpetaInventario, `${o.periodo.texto}.json`),
    path.join(carpetaInventario, `${o.periodo.texto}.csv`),
  ];
  escribirAtomico(inventario[0]!, json(fuid));
  escribirAtomico(inventario[1]!, csv);
  return { bolsa, indice, fuid, unidades, avisos, fuente: o.enLinea ? "github" : "historia-git-local", inventario };
}
