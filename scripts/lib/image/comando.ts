import { ErrorUso, leerArgumentos, SALIDA, type Comando, type Io } from "../cli/comando.ts";
import { rutas } from "../content/paths.ts";
import type { CambioDeImagen } from "../content/schema/imagen.ts";
import { ahora, formatoFechaHora, partes } from "../content/time.ts";
import { cambiosDeImagen } from "./registro.ts";

const USO = `Uso: prensa imagen registro [AAAA-MM]

Cambios de imagen (paso 5 del procedimiento).

  registro [AAAA-MM]  Muestra los cambios del tema, las campañas y los avisos urgentes hechos en
                      el mes (por omisión, el mes actual en hora de Colombia), sacados del
                      historial de git de config/institucion.yaml, con su motivo.

Opciones:
  --json    Escribe el registro como JSON (para el informe mensual)
  --ayuda   Muestra esta ayuda`;

const TIPO: Record<CambioDeImagen["tipo"], string> = { tema: "Tema", campana: "Campaña", aviso: "Aviso urgente" };
const ACCION: Record<CambioDeImagen["accion"], string> = { nueva: "nueva", modificada: "modificada", retirada: "retirada" };

/** The log as lines people read. */
export function textoRegistro(mes: string, cambios: readonly CambioDeImagen[]): string {
  if (!cambios.length) return `Cambios de imagen de ${mes}: ninguno.`;
  const lineas = [`Cambios de imagen de ${mes} (${cambios.length}):`];
  for (const c of cambios) {
    const ventana =
      c.inicio && c.fin ? ` (del ${formatoFechaHora(new Date(c.inicio))} al ${formatoFechaHora(new Date(c.fin))})` : "";
    lineas.push(
      `- ${formatoFechaHora(new Date(c.fecha))} · ${TIPO[c.tipo]} ${ACCION[c.accion]}: ${c.nombre}${ventana} [${c.commit.slice(0, 7)}]`,
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
    const { values, positionals } = leerArgumentos(args, { json: { type: "boolean" } });
    const [sub, ...resto] = positionals;
    if (sub !== "registro") throw new ErrorUso(sub ? `subcomando desconocido: ${sub}` : "falta el subcomando (registro)");
    if (resto.length > 1) throw new ErrorUso(`argumento inesperado: ${resto[1]}`);
    const p = partes(ahora(io.env));
    const mes = resto[0] ?? `${p.anio}-${String(p.mes).padStart(2, "0")}`;
    const cambios = cambiosDeImagen(rutas(io.env.PRENSA_RAIZ).raiz, mes);
    io.salida(values.json ? JSON.stringify({ mes, cambios }, null, 2) : textoRegistro(mes, cambios));
    return SALIDA.ok;
  },
};
