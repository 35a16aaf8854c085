import type { ClienteGraph } from "../graph.ts";
import { ErrorRed, type Cifra } from "../tipos.ts";

/**
 * Graph API insights shared by the Facebook Page and Instagram readers
 * (https://developers.facebook.com/docs/graph-api/reference/insights,
 * https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights).
 *
 * GET /{object-id}/insights?metric=a,b,c answers {"data":[{"name","period","values":[{"value",
 * "end_time"}]|"total_value":{"value"}, "title","description","id"}]}. Meta retires metric names
 * for all API versions on fixed dates; asking for a retired one makes the whole request fail with
 * code 100 ("(#100) The value must be a valid insights metric", or for Instagram "metric[0] must be
 * one of the following values: ..."). Then each name is asked alone, once: the refused ones are
 * recorded as retired (null, «no disponible») and not asked again in the run; the others keep
 * their values. A metric the platform simply has no data for is absent from `data`: null too.
 */

/** A Graph refusal of a metric name (code 100 about the metric, not a missing object). */
export function esMetricaRetirada(error: unknown): boolean {
  if (!(error instanceof ErrorRed) || error.codigo !== 100) return false;
  if (/subcódigo 33\b/.test(error.message)) return false;
  return /insights metric|must be one of the following values|invalid metric|metric[^.]*(deprecated|no longer)/i.test(
    error.message,
  );
}

/** A Graph "object does not exist" (code 100, subcode 33): the post was deleted or is not the account's. */
export function esObjetoAusente(error: unknown): boolean {
  return error instanceof ErrorRed && error.codigo === 100 && /subcódigo 33\b/.test(error.message);
}

/** A number from an insights value: a count, or the sum of a breakdown ({"like": 3, "love": 1}). */
export function cifraDe(valor: unknown): Cifra {
  if (typeof valor === "number" && Number.isFinite(valor) && valor >= 0) return valor;
  if (typeof valor === "object" && valor !== null && !Array.isArray(valor)) {
    const partes = Object.values(valor).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
    return partes.length ? partes.reduce((a, b) => a + b, 0) : null;
  }
  return null;
}

/** The figure of one insights item: `total_value.value` (IG User, metric_type=total_value) or the last of `values`. */
export function valorInsight(item: Record<string, unknown>): Cifra {
  const total = item.total_value as { value?: unknown } | undefined;
  if (total && typeof total === "object") return cifraDe(total.value);
  const valores = Array.isArray(item.values) ? (item.values as { value?: unknown }[]) : [];
  return valores.length ? cifraDe(valores[valores.length - 1]?.value) : null;
}

function leerDatos(datos: Record<string, unknown>): Map<string, Cifra> {
  const salida = new Map<string, Cifra>();
  const lista = Array.isArray(datos.data) ? (datos.data as unknown[]) : [];
  for (const item of lista) {
    if (typeof item !== "object" || item === null) continue;
    const nombre = (item as { name?: unknown }).name;
    if (typeof nombre === "string") salida.set(nombre, valorInsight(item as Record<string, unknown>));
  }
  return salida;
}

/**
 * Reads the named insights of one object. `retiradas` is shared by the run: names found retired
 * are added to it and skipped afterwards. Any other failure is thrown (ErrorRed).
 */
export async function leerInsights(
  cliente: ClienteGraph,
  objeto: string,
  nombres: readonly string[],
  consulta: Record<string, string>,
  retiradas: Set<string>,
): Promise<Record<string, Cifra>> {
  const salida: Record<string, Cifra> = Object.fromEntries(nombres.map((n) => [n, null]));
  const pedir = nombres.filter((n) => !retiradas.has(n));
  if (pedir.length === 0) return salida;
  try {
    const datos = leerDatos(await cliente.get(`${objeto}/insights`, { metric: pedir.join(","), ...consulta }));
    for (const n of pedir) salida[n] = datos.get(n) ?? null;
    return salida;
  } catch (error) {
    if (!esMetricaRetirada(error) || pedir.length === 1) {
      if (esMetricaRetirada(error)) retiradas.add(pedir[0]!);
      else throw error;
      return salida;
    }
  }
  for (const n of pedir) {
    try {
      salida[n] = leerDatos(await cliente.get(`${objeto}/insights`, { metric: n, ...consulta })).get(n) ?? null;
    } catch (error) {
      if (!esMetricaRetirada(error)) throw error;
      retiradas.add(n);
    }
  }
  return salida;
}
