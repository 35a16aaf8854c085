import { existsSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline/promises";
import { ErrorUso, leerArgumentos, SALIDA, type Comando, type Io } from "../cli/comando.ts";
import { cargarInstitucion } from "../content/institucion.ts";
import { crearEsquemaNota, type DatosNotaEntrada } from "../content/schema/nota.ts";
import { REDES } from "../content/schema/redes.ts";
import { ahora, isoBogota, partes } from "../content/time.ts";
import { relativa, rutas } from "../content/paths.ts";
import { escribirAtomico, slugDe } from "../content/escribir.ts";
import { mensajeIssue } from "../content/zod-es.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { CUERPO_INICIAL, textoNota } from "./plantilla.ts";

const USO = `Uso: prensa nueva [opciones]

Crea content/notas/AAAA/MM/<slug>.mdx con datos válidos. Sin opciones, y en una terminal, pregunta cada dato.

Opciones:
  --titulo TEXTO        Título de 10 a 110 caracteres (obligatorio)
  --resumen TEXTO       Bajada de máximo 300 caracteres (obligatorio)
  --dependencia ID      Id de la dependencia (obligatorio; ver config/institucion.yaml)
  --autor NOMBRE        Quien redacta (obligatorio)
  --publicar FECHA      AAAA-MM-DD o AAAA-MM-DDTHH:MM:SS-05:00 (por omisión: ahora)
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
    const respuestas: Record<string, string | undefined> = { ...values } as Record<string, string | undefined>;
    const obligatorios = ["titulo", "resumen", "dependencia", "autor"] as const;
    const faltan = obligatorios.filter((c) => !respuestas[c]);
    if (faltan.length && io.interactivo) {
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        const preguntas: Record<string, string> = {
          titulo: "Título (10 a 110 caracteres): ",
          resumen: "Resumen o bajada (máximo 300 caracteres): ",
          dependencia: `Dependencia (${institucion.dependencias.map((d) => d.id).join(", ")}): `,
          autor: "Autor: ",
        };
        for (const c of faltan) respuestas[c] = (await rl.question(preguntas[c]!)).trim();
        respuestas.etiquetas ??= (await rl.question("Etiquetas separadas por comas (opcional): ")).trim() || undefined;
        respuestas.canales ??=
          (await rl.question(`Redes separadas por comas (opcional; ${REDES.join(", ")}): `)).trim() || undefined;
      } finally {
        rl.close();
      }
    } else if (faltan.length) {
      throw new ErrorUso(`faltan datos obligatorios: ${faltan.map((f) => `--${f}`).join(", ")}`);
    }
    const momento = respuestas.publicar ?? isoBogota(ahora(io.env));
    const lista = (v?: string) =>
      (v ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
    const datos: DatosNotaEntrada = {
      titulo: respuestas.titulo!,
      resumen: respuestas.resumen!,
      publicar: momento,
      dependencia: respuestas.dependencia!,
      autor: respuestas.autor!,
      etiquetas: lista(respuestas.etiquetas).map((e) => e.toLowerCase()),
      canales: lista(respuestas.canales) as DatosNotaEntrada["canales"],
      urgente: Boolean(values.urgente),
      borrador: Boolean(values.borrador),
      privacidad: { datosPersonales: "ninguno" },
    };
    const resultado = crearEsquemaNota(institucion).safeParse(datos);
    if (!resultado.success) {
      throw new ErrorConvergente(
        "No se creó la nota porque hay datos inválidos:",
        resultado.error.issues.map((i) => ({
          archivo: "(prensa nueva)",
          campo: i.path.join("."),
          mensaje: mensajeIssue(i),
          arreglo: `corrija la opción --${String(i.path[0])}`,
        })),
      );
    }
    const p = partes(resultado.data.publicar);
    const slug = respuestas.slug ? slugDe(respuestas.slug) : slugDe(resultado.data.titulo);
    if (!slug) throw new ErrorUso("no se pudo derivar un nombre de archivo; use --slug");
    const destino = path.join(r.notas, String(p.anio), String(p.mes).padStart(2, "0"), `${slug}.mdx`);
    if (existsSync(destino)) {
      throw new ErrorConvergente(`Ya existe ${relativa(r.raiz, destino)}; no se sobrescribe.`, [
        { archivo: relativa(r.raiz, destino), mensaje: "la nota ya existe", arreglo: "use --slug con otro nombre" },
      ]);
    }
    escribirAtomico(destino, textoNota(datos, CUERPO_INICIAL));
    io.salida(
      `Nota creada: ${relativa(r.raiz, destino)}\nSiguiente paso: escriba el cuerpo, agregue la imagen con su texto alternativo y abra una solicitud de cambios (pull request).`,
    );
    return SALIDA.ok;
  },
};
