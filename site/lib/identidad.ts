import type { Identidad } from "../../scripts/lib/content/schema/institucion.ts";

/**
 * The GOV.CO kit values of the config as CSS custom properties for global.css, so an entity follows
 * a newer kit (colours, fonts, bar height) by editing config/institucion.yaml. The values are
 * validated by the schema (hex colours, a number for the height); font names are quoted here.
 */
export function variablesIdentidad(id: Identidad): string {
  const familia = (nombre: string) => `"${nombre.replace(/["\\<>]/g, "")}"`;
  const v: Record<string, string> = {
    "--azul-govco": id.barraGovco.color,
    "--alto-barra-govco": `${id.barraGovco.alto}rem`,
    "--azul": id.colores.primario,
    "--azul-oscuro": id.colores.primarioOscuro,
    "--foco": id.colores.foco,
    "--fuente-titulos": `${familia(id.fuentes.titulos)}, Arial, sans-serif`,
    "--fuente-texto": `${familia(id.fuentes.texto)}, Arial, sans-serif`,
  };
  return `:root{${Object.entries(v)
    .map(([k, x]) => `${k}:${x}`)
    .join(";")}}`;
}
