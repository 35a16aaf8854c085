/** Names of environment variables that hold secrets (tokens, passwords, keys). */
const SECRETO = /(TOKEN|SECRET|PASSWORD|CLAVE|KEY|CONTRASENA)/i;

/** Replaces every secret value found in the environment with "[oculto]". */
export function ocultarSecretos(texto: string, env: NodeJS.ProcessEnv = process.env): string {
  let salida = texto;
  for (const [nombre, valor] of Object.entries(env)) {
    if (!valor || valor.length < 6 || !SECRETO.test(nombre)) continue;
    salida = salida.split(valor).join("[oculto]");
  }
  return salida
    .replace(/(Bearer|Bot|OAuth)\s+[A-Za-z0-9._~+/=-]{12,}/g, "$1 [oculto]")
    .replace(/bot\d+:[A-Za-z0-9_-]{20,}/g, "bot[oculto]");
}
