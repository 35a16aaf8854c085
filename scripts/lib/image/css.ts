import type { ColoresSitio } from "../content/schema/imagen.ts";

/**
 * The site colours of the theme in force as CSS custom properties for site/styles/global.css. Set
 * on `html:root` so they win over the stylesheet's own `:root` defaults whatever the order of the
 * two in the page, and lose against the high-contrast mode (`:root:has(#alto-contraste:checked)`,
 * an id selector). The GOV.CO bar and footer colour (`--azul-govco`) is not here: no theme
 * changes it. Values are hex colours validated by the schema.
 */
export function variablesTema(c: ColoresSitio): string {
  const v: Record<string, string> = {
    "--azul": c.primario,
    "--azul-oscuro": c.primarioOscuro,
    "--titulo-principal": c.titulos,
    "--foco": c.foco,
    "--texto": c.texto,
    "--texto-suave": c.textoSuave,
    "--fondo": c.fondo,
    "--fondo-suave": c.fondoSuave,
    "--borde": c.borde,
  };
  return `html:root{${Object.entries(v)
    .map(([k, x]) => `${k}:${x}`)
    .join(";")}}`;
}
