import type { Comando } from "./comando.ts";

/**
 * Every `prensa` subcommand, loaded lazily so one command's dependencies do not slow the others.
 * Add a line here when a new subcommand is created.
 */
export const COMANDOS: Record<string, { descripcion: string; cargar: () => Promise<Comando> }> = {
  nueva: {
    descripcion: "Crea una nota nueva con sus datos válidos en content/notas/AAAA/MM/",
    cargar: async () => (await import("../notes/nueva.ts")).comando,
  },
  comprobar: {
    descripcion: "Revisa que la configuración y todas las notas sean válidas (lo mismo que hace la construcción)",
    cargar: async () => (await import("../notes/comprobar.ts")).comando,
  },
};
