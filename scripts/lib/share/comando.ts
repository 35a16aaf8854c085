import { ErrorUso, leerArgumentos, SALIDA, type Comando, type Io } from "../cli/comando.ts";
import { cargarInstitucion } from "../content/institucion.ts";
import { cargarNotas, esPublica } from "../content/notas.ts";
import { relativa, rutas } from "../content/paths.ts";
import { ahora, formatoFechaHora, isoBogota } from "../content/time.ts";
import { escribirRegistro, leerRegistro, registroNuevo } from "../ledger/almacen.ts";
import { confirmarYEmpujar } from "../ledger/git.ts";
import { buscarNota } from "../content/buscar.ts";
import { construirKit, NOMBRE_PLATAFORMA } from "./kit.ts";

const USO = `Uso: prensa kit NOTA [--compartido GRUPO] [--por NOMBRE] [--commit]

Muestra, para cada grupo comunitario de config/institucion.yaml interesado en la nota, el mensaje
listo para pegar con su enlace etiquetado (UTM) y un enlace para compartir con un clic
(WhatsApp, Facebook o Telegram).

NOTA es el id (AAAA/MM/nombre), el archivo o el nombre de la nota.

Opciones:
  --compartido GRUPO  Anota en el registro de la nota que ya se compartió en ese grupo (su id)
  --por NOMBRE        Quién la compartió (por omisión, el usuario del sistema)
  --commit            Hace commit y push del registro
  --ayuda             Muestra esta ayuda`;

export const comando: Comando = {
  nombre: "kit",
  descripcion: "Prepara los mensajes para compartir una nota en los grupos comunitarios y anota lo compartido",
  uso: USO,
  async ejecutar(args: string[], io: Io): Promise<number> {
    const { values, positionals } = leerArgumentos(args, {
      compartido: { type: "string" },
      por: { type: "string" },
      commit: { type: "boolean" },
    });
    if (positionals.length !== 1)
      throw new ErrorUso(positionals.length ? `argumento inesperado: ${positionals[1]}` : "falta la nota");
    const r = rutas(io.env.PRENSA_RAIZ);
    const institucion = cargarInstitucion(r.raiz);
    const { notas } = cargarNotas(institucion, { raiz: r.raiz });
    const nota = buscarNota(notas, positionals[0]!);
    const momento = ahora(io.env);
    const publica = esPublica(nota, momento);
    const registro = leerRegistro(r.raiz, nota.id);

    if (values.compartido !== undefined) {
      const grupo = institucion.gruposComunitarios.find((g) => g.id === values.compartido);
      if (!grupo)
        throw new ErrorUso(
          `el grupo «${values.compartido}» no está en config/institucion.yaml; use uno de: ${institucion.gruposComunitarios.map((g) => g.id).join(", ") || "(no hay grupos)"}`,
        );
      if (!publica) throw new ErrorUso(`la nota ${nota.id} aún no es pública: no se puede haber compartido`);
      const actual =
        registro ??
        registroNuevo({
          notaId: nota.id,
          archivo: nota.archivo,
          titulo: nota.datos.titulo,
          dependencia: nota.datos.dependencia,
          enlace: `${institucion.sitio}${nota.url}`,
        });
      const previas = actual.compartidos.filter((c) => c.grupo === grupo.id).length;
      const por = values.por ?? (io.env.GITHUB_ACTOR || io.env.USER || undefined);
      actual.compartidos.push({ grupo: grupo.id, fecha: isoBogota(momento), ...(por ? { por } : {}) });
      const ruta = escribirRegistro(r.raiz, actual);
      if (values.commit)
        await confirmarYEmpujar(r.raiz, [relativa(r.raiz, ruta)], `publicaciones: ${nota.id} compartida en ${grupo.id}`, {
          env: io.env,
        });
      io.salida(
        `Anotado: «${nota.datos.titulo}» compartida en ${grupo.nombre} (${formatoFechaHora(momento)}).` +
          (previas ? ` Ya se había anotado ${previas} ${previas === 1 ? "vez" : "veces"} antes.` : "") +
          `\nRegistro: ${relativa(r.raiz, ruta)}`,
      );
      return SALIDA.ok;
    }

    const kit = construirKit(nota, institucion);
    const hechos = new Set(registro?.compartidos.map((c) => c.grupo));
    const partes = [`Kit para grupos comunitarios: «${nota.datos.titulo}»`];
    if (!publica)
      partes.push(
        `Aviso: la nota aún no es pública (se publica el ${formatoFechaHora(nota.datos.publicar)}); no la comparta antes.`,
      );
    if (!kit.length) partes.push("", "Ningún grupo de config/institucion.yaml está interesado en esta nota.");
    for (const k of kit) {
      partes.push(
        "",
        `■ ${k.grupo.nombre} (${NOMBRE_PLATAFORMA[k.grupo.plataforma]}) — ${k.grupo.audiencia}${hechos.has(k.grupo.id) ? " — ya compartida" : ""}`,
        `  Grupo: ${k.grupo.enlace}`,
        `  Compartir con un clic: ${k.compartir}`,
        "  Mensaje:",
        ...k.mensaje.split("\n").map((l) => `    ${l}`),
        `  Después: prensa kit ${nota.id} --compartido ${k.grupo.id}`,
      );
    }
    io.salida(partes.join("\n"));
    return SALIDA.ok;
  },
};
