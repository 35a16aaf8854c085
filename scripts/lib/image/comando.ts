import path from "node:path";
import { ErrorUso, leerArgumentos, SALIDA, type Comando, type Io } from "../cli/comando.ts";
import { cargarInstitucion } from "../content/institucion.ts";
import { relativa, rutas } from "../content/paths.ts";
import { NOMBRE_RED } from "../content/schema/redes.ts";
import type { CambioDeImagen } from "../content/schema/imagen.ts";
import { ahora, formatoFecha, formatoFechaHora, partes } from "../content/time.ts";
import { escribirKit } from "./kit.ts";
import { aplicarKit } from "./perfiles.ts";
import { cambiosDeImagenEnRevision, CARPETA_REVISION_IMAGEN, compararImagen } from "./revision.ts";
import { cambiosDeImagen } from "./registro.ts";
import { temaVigente } from "./vigente.ts";

const USO = `Uso: prensa imagen kit [--carpeta DIR] [--aplicar]
       prensa imagen registro [AAAA-MM] [--json]
       prensa imagen comparar --base REF [--salida DIR] [--antes SITIO --despues SITIO] [--detectar]

Cambios de imagen (paso 5 del procedimiento).

  kit                 Dibuja, para el tema o la campaña vigente, la foto de perfil y la portada de
                      cada red configurada al tamaño que cada una documenta, en una carpeta
                      (por omisión salida/imagen-kit/) con la lista LISTA.md para cambiarlas.
  registro [AAAA-MM]  Muestra los cambios del tema, las campañas y los avisos urgentes hechos en
                      el mes (por omisión, el mes actual en hora de Colombia), sacados del
                      historial de git de config/institucion.yaml, con su motivo.

  comparar            En la revisión de una solicitud de cambios: si cambia la imagen (tema,
                      campañas, avisos, identidad o site/public/identidad/), dibuja una tarjeta
                      social con la configuración de REF y con la de la solicitud, y captura la
                      página de inicio de los dos sitios construidos (antes y después).

Opciones:
  --carpeta DIR  Dónde escribir el kit
  --aplicar      Actualiza la foto y la portada de Mastodon (MASTODON_TOKEN) y Bluesky
                 (BLUESKY_IDENTIFICADOR, BLUESKY_CLAVE) y X (X_API_KEY…), y la foto del canal
                 de Telegram (TELEGRAM_BOT_TOKEN) una vez por cambio y lo anota en content/imagen/perfiles.json
  --json         Escribe el registro como JSON (para el informe mensual)
  --base REF     Rama o commit con que se compara (comparar)
  --salida DIR   Dónde escribir el antes y el después (por omisión dist/${CARPETA_REVISION_IMAGEN})
  --antes DIR, --despues DIR  Sitios construidos con la configuración de REF y con la de la solicitud
  --detectar     Solo imprime «true» si la imagen cambia y «false» si no
  --ayuda        Muestra esta ayuda`;

const TIPO: Record<CambioDeImagen["tipo"], string> = { tema: "Tema", campana: "Campaña", aviso: "Aviso urgente" };
/** "nuevo"/"nueva"...: the theme and notices are masculine in Spanish, the campaign feminine. */
function accion(c: CambioDeImagen): string {
  const raiz = { nueva: "nuev", modificada: "modificad", retirada: "retirad" }[c.accion];
  return `${raiz}${c.tipo === "campana" ? "a" : "o"}`;
}

/** A window's bound: a date alone when it is midnight in Bogotá (the end, excluded, then names its last day). */
function limite(iso: string, fin: boolean): string {
  const d = new Date(iso);
  const p = partes(d);
  if (p.hora !== 0 || p.minuto !== 0) return formatoFechaHora(d);
  return formatoFecha(fin ? new Date(d.getTime() - 86_400_000) : d);
}

/** The log as lines people read. */
export function textoRegistro(mes: string, cambios: readonly CambioDeImagen[]): string {
  if (!cambios.length) return `Cambios de imagen de ${mes}: ninguno.`;
  const lineas = [`Cambios de imagen de ${mes} (${cambios.length}):`];
  for (const c of cambios) {
    const ventana = c.inicio && c.fin ? ` (del ${limite(c.inicio, false)} al ${limite(c.fin, true)})` : "";
    lineas.push(
      `- ${formatoFechaHora(new Date(c.fecha))} · ${TIPO[c.tipo]} ${accion(c)}: ${c.nombre}${ventana} [${c.commit.slice(0, 7)}]`,
    );
    if (c.motivo) {
      lineas.push(`  Motivo: ${c.motivo.texto}`);
      if (c.motivo.inquietudes.length) lineas.push(`  Inquietudes: ${c.motivo.inquietudes.join(", ")}`);
    } else lineas.push("  Motivo: (no se registró)");
  }
  return lineas.join("\n");
}

export const comando: Comando = {
  nombre: "imagen",
  descripcion: "Cambios de imagen: registro de cambios del tema y las campañas con su motivo",
  uso: USO,
  async ejecutar(args: string[], io: Io): Promise<number> {
    const { values, positionals } = leerArgumentos(args, {
      json: { type: "boolean" },
      carpeta: { type: "string" },
      aplicar: { type: "boolean" },
      base: { type: "string" },
      salida: { type: "string" },
      antes: { type: "string" },
      despues: { type: "string" },
      detectar: { type: "boolean" },
    });
    const [sub, ...resto] = positionals;
    if (sub === "comparar") {
      if (!values.base) throw new ErrorUso("falta --base (la rama con que se compara, por ejemplo origin/main)");
      const raiz = rutas(io.env.PRENSA_RAIZ).raiz;
      if (values.detectar) {
        io.salida(cambiosDeImagenEnRevision(raiz, values.base).length ? "true" : "false");
        return SALIDA.ok;
      }
      const r = await compararImagen({
        raiz,
        base: values.base,
        momento: ahora(io.env),
        salida: path.resolve(io.cwd, values.salida ?? path.join("dist", CARPETA_REVISION_IMAGEN)),
        sitioAntes: values.antes && path.resolve(io.cwd, values.antes),
        sitioDespues: values.despues && path.resolve(io.cwd, values.despues),
        chromium: io.env.CHROMIUM_RUTA ?? "/usr/bin/chromium",
      });
      io.salida(
        r.cambios.length
          ? [
              `Cambios de imagen frente a ${values.base}:`,
              ...r.cambios.map((c) => `- ${c}`),
              `Antes y después: ${r.archivos.join(", ")}`,
            ].join("\n")
          : `La imagen no cambia frente a ${values.base}.`,
      );
      return SALIDA.ok;
    }
    if (sub === "kit") {
      if (resto.length) throw new ErrorUso(`argumento inesperado: ${resto[0]}`);
      const raiz = rutas(io.env.PRENSA_RAIZ).raiz;
      const institucion = cargarInstitucion(raiz);
      const momento = ahora(io.env);
      const carpeta = path.resolve(io.cwd, values.carpeta ?? path.join(raiz, "salida/imagen-kit"));
      const archivos = await escribirKit(institucion, momento, carpeta);
      const campana = temaVigente(institucion, momento).campana;
      io.salida(
        [
          `Kit de perfiles (${campana ? `campaña «${campana.nombre}»` : "tema institucional"}) en ${relativa(io.cwd, carpeta) || "."}:`,
          ...archivos.map((a) => `- ${path.basename(a.ruta)} (${a.pieza.ancho}×${a.pieza.alto}, ${NOMBRE_RED[a.pieza.red]})`),
          `Siga la lista ${path.join(relativa(io.cwd, carpeta) || ".", "LISTA.md")}.`,
        ].join("\n"),
      );
      if (!values.aplicar) return SALIDA.ok;
      const resultados = await aplicarKit(raiz, institucion, archivos, campana?.id ?? null, io.env);
      for (const r of resultados)
        io.salida(
          `${NOMBRE_RED[r.red]}: ${r.estado === "aplicado" ? "aplicado" : r.estado === "sin-cambios" ? "sin cambios" : "omitido"}, ${r.detalle}.`,
        );
      return SALIDA.ok;
    }
    if (sub !== "registro") throw new ErrorUso(sub ? `subcomando desconocido: ${sub}` : "falta el subcomando (kit o registro)");
    if (resto.length > 1) throw new ErrorUso(`argumento inesperado: ${resto[1]}`);
    const p = partes(ahora(io.env));
    const mes = resto[0] ?? `${p.anio}-${String(p.mes).padStart(2, "0")}`;
    const cambios = cambiosDeImagen(rutas(io.env.PRENSA_RAIZ).raiz, mes);
    io.salida(values.json ? JSON.stringify({ mes, cambios }, null, 2) : textoRegistro(mes, cambios));
    return SALIDA.ok;
  },
};
