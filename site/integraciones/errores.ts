/**
 * Spanish errors for people, without engine traces, when `astro build` (or `astro sync`) stops.
 *
 * Astro prints a failed build as the error's message followed by "Location:" and "Stack trace:"
 * blocks built from `error.stack` (astro/dist/core/messages/runtime.js, formatErrorMessage, and
 * core/errors/dev/utils.js, collectErrorMetadata: no stack, no location). An ErrorConvergente
 * already names file, line, field and fix, so its stack is left empty and only the Spanish
 * message is printed, wherever in the build it is thrown (config, content loader, hooks).
 *
 * V8 builds `error.stack` lazily through Error.prepareStackTrace
 * (https://v8.dev/docs/stack-trace-api); every other error keeps Node's own formatting.
 */
export function sinRastroEnErroresConvergente(): void {
  type Preparar = ((e: Error, sitios: NodeJS.CallSite[]) => unknown) & { convergente?: true };
  const previo = Reflect.get(Error, "prepareStackTrace") as Preparar | undefined;
  if (previo?.convergente) return;
  const preparar = (error: Error, sitios: NodeJS.CallSite[]): unknown => {
    // By name, not instanceof: Astro may load the module that defines the class more than once.
    if (error?.name === "ErrorConvergente") return "";
    if (previo) return Reflect.apply(previo, Error, [error, sitios]);
    return `${String(error)}${sitios.map((s) => `\n    at ${s.getFileName() ?? "?"}:${s.getLineNumber() ?? 0}`).join("")}`;
  };
  Error.prepareStackTrace = Object.assign(preparar, { convergente: true as const });
}
