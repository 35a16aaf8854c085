import { existsSync } from "node:fs";
import path from "node:path";
import { ErrorUso, leerArgumentos, SALIDA, type Comando, type Io } from "../cli/comando.ts";
import { cargarInstitucion } from "../content/institucion.ts";
import { crearEsquemaNota, type DatosNotaEntrada } from "../content/schema/nota.ts";
import { REDES } from "../content/schema/redes.ts";
import { ahora, isoBogota, parseFechaPublicacion, partes } from "../content/time.ts";
import { relativa, rutas } from "../content/paths.ts";
import { escribirAtomico, slugDe } from "../content/escribir.ts";
import { arregloPara, mensajeIssue } from "../content/zod-es.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { CUERPO_INICIAL, textoNota } from "./plantilla.ts";
import { abandonar, Cancelado, confirmarEscritura, lista, preguntar, terminar, type Respuestas } from "./preguntas.ts";

const USO = `Uso: prensa nueva [opciones]

Crea content/notas/AAAA/MM/<slug>.mdx con datos válidos. En una terminal pregunta cada dato que falte,\nlo revisa al momento y muestra el archivo antes de escribirlo; sin terminal, use las opciones.

Opciones:
  --titulo TEXTO        Título de 10 a 110 caracteres (obligatorio)
  --resumen TEXTO       Bajada de máximo 300 caracteres (obligatorio)
  --dependencia ID      Id de la dependencia (obligatorio; ver config/institucion.yaml)
  --autor NOMBRE        Quien redacta (obligatorio)
  --publicar FECHA      AAAA-MM-DD o AAAA-MM-DDTHH:MM:SS-05:00 (por omisión: ahora, hora de Colombia)
  --etiquetas A,B       Temas separados por comas
  --canales RED,RED     Redes: ${REDES.join(", ")}
  --slug NOMBRE         Nombre del archivo (por omisión se deriva del título)
  --urgente             Marca la nota como urgente
  --borrador            Crea la nota como borrador (no se publica)
  --desde-solicitud N   Crea la nota desde la solicitud (issue) N de GitHub (requiere GITHUB_TOKEN si el repositorio es privado)
  --ayuda               Muestra esta ayuda`;

export const comando: Comando = {
  nombre: "nueva",
  descripcion: "Crea una nota nueva con sus datos válidos en content/notas/AAAA/MM/",
  uso: USO,
  async ejecutar(args: string[], io: Io): Promise<number> {
    const { values, positionals } = leerArgumentos(args, {
      titulo: { type: "string" },
      resumen: { type: "string" },
      dependencia: { type: "string" },
      autor: { type: "string" },
      publicar: { type: "string" },
      etiquetas: { type: "string" },
      canales: { type: "string" },
      slug: { type: "string" },
      urgente: { type: "boolean" },
      borrador: { type: "boolean" },
      "desde-solicitud": { type: "string" },
    });
    if (values["desde-solicitud"] !== undefined) {
      return (await import("../requests/local.ts")).nuevaDesdeSolicitud(values["desde-solicitud"], io);
    }
    if (positionals.length) throw new ErrorUso(`argumento inesperado: ${positionals[0]}`);
    const r = rutas(io.env.PRENSA_RAIZ);
    const institucion = cargarInstitucion(r.raiz);
    const esquema = crearEsquemaNota(institucion);
    const momento = ahora(io.env);
    const dadas: Respuestas = { ...values };
    const destinoDe = (slug: string, publicar: string) => {
      const fecha = parseFechaPublicacion(publicar) ?? momento;
      const p = partes(fecha);
      return path.join(r.notas, String(p.anio), String(p.mes).padStart(2, "0"), `${slug}.mdx`);
    };
    const obligatorios = ["titulo", "resumen", "dependencia", "autor"] as const;
    const faltan = obligatorios.filter((c) => !dadas[c]);
    const interactivo = io.interactivo && (faltan.length > 0 || args.length === 0);
    if (!interactivo && faltan.length) throw new ErrorUso(`faltan datos obligatorios: ${faltan.map((f) => `--${f}`).join(", ")}`);

    let respuestas: Respuestas;
    const terminal = { entrada: process.stdin, salida: process.stdout };
    if (interactivo) {
      try {
        respuestas = await preguntar({
          esquema,
          institucion,
          dadas,
          hoy: isoBogota(momento).slice(0, 10),
          libre: (slug, publicar) => !existsSync(destinoDe(slug, publicar)),
          ...terminal,
        });
      } catch (e) {
        if (!(e instanceof Cancelado)) throw e;
        abandonar("No se creó ninguna nota.", terminal);
        return SALIDA.hallazgos;
      }
    } else {
      respuestas = dadas;
    }

    const datos: DatosNotaEntrada = {
      titulo: respuestas.titulo!,
      resumen: respuestas.resumen!,
      publicar: respuestas.publicar ?? isoBogota(momento),
      dependencia: respuestas.dependencia!,
      autor: respuestas.autor!,
      etiquetas: lista(respuestas.etiquetas).map((e) => e.toLowerCase()),
      canales: lista(respuestas.canales) as DatosNotaEntrada["canales"],
      urgente: Boolean(values.urgente),
      borrador: Boolean(values.borrador),
      privacidad: { datosPersonales: "ninguno" },
    };
    const resultado = esquema.safeParse(datos);
    if (!resultado.success) {
      // Only flags can be wrong here: every typed answer was validated as it was given.
      throw new ErrorConvergente(
        "No se creó la nota porque hay datos inválidos:",
        resultado.error.issues.map((i) => {
          const campo = String(i.path[0]);
          return {
            archivo: "(prensa nueva)",
            campo: i.path.join("."),
            mensaje: mensajeIssue(i, datos),
            arreglo: campo in values ? `corrija la opción --${campo}` : arregloPara(i.path as (string | number)[]),
          };
        }),
      );
    }
    const slug = respuestas.slug ? slugDe(respuestas.slug) : slugDe(resultado.data.titulo);
    if (!slug) throw new ErrorUso("no se pudo derivar un nombre de archivo del título; use --slug");
    const destino = destinoDe(slug, datos.publicar as string);
    if (existsSync(destino)) {
      throw new ErrorConvergente(`Ya existe ${relativa(r.raiz, destino)}; no se sobrescribe.`, [
        { archivo: relativa(r.raiz, destino), mensaje: "la nota ya existe", arreglo: "use --slug con otro nombre" },
      ]);
    }
    const contenido = textoNota(datos, CUERPO_INICIAL);
    if (interactivo) {
      let seguir: boolean;
      try {
        seguir = await confirmarEscritura(relativa(r.raiz, destino), contenido, terminal);
      } catch (e) {
        if (!(e instanceof Cancelado)) throw e;
        seguir = false;
      }
      if (!seguir) {
        abandonar("No se creó ninguna nota.", terminal);
        return SALIDA.hallazgos;
      }
    }
    escribirAtomico(destino, contenido);
    const siguiente =
      "Siguiente paso: escriba el cuerpo, agregue la imagen con su texto alternativo, revise con «npx prensa validar» y abra una solicitud de cambios (pull request).";
    if (interactivo) terminar(`Nota creada: ${relativa(r.raiz, destino)}\n${siguiente}`, terminal);
    else io.salida(`Nota creada: ${relativa(r.raiz, destino)}\n${siguiente}`);
    return SALIDA.ok;
  },
};
