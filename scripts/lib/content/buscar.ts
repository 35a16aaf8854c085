import type { Nota } from "./notas.ts";
import { ErrorUso } from "../cli/comando.ts";

/**
 * Finds a note by what a person typed: its id ("2026/11/festival"), its file
 * ("content/notas/2026/11/festival.mdx") or its slug alone ("festival").
 */
export function buscarNota(notas: readonly Nota[], texto: string): Nota {
  const limpio = texto
    .trim()
    .replace(/\\/g, "/")
    .replace(/^\.?\/?(content\/notas\/)?/, "")
    .replace(/\.mdx?$/, "")
    .replace(/\/$/, "")
    .replace(/^noticias\//, "");
  const exacta = notas.find((n) => n.id === limpio);
  if (exacta) return exacta;
  const porSlug = notas.filter((n) => n.slug === limpio);
  if (porSlug.length === 1) return porSlug[0]!;
  if (porSlug.length > 1)
    throw new ErrorUso(
      `hay varias notas con el nombre «${limpio}»: ${porSlug.map((n) => n.id).join(", ")}; escriba el id completo (AAAA/MM/nombre)`,
    );
  throw new ErrorUso(`no se encontró la nota «${texto}»; escriba su id (AAAA/MM/nombre), su archivo o su nombre`);
}
