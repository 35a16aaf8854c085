export * from "./schema/redes.ts";
export * from "./schema/institucion.ts";
export * from "./schema/nota.ts";
export * from "./problems.ts";
export * from "./time.ts";
export * from "./paths.ts";
export * from "./institucion.ts";
export * from "./notas.ts";
