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
  servir: {
    descripcion: "Sirve el sitio construido (dist/) en http://localhost para revisarlo",
    cargar: async () => (await import("../servidor/comando.ts")).comando,
  },
  publicar: {
    descripcion: "Publica en las redes sociales lo que está pendiente y lo anota en content/publicaciones/",
    cargar: async () => (await import("../publish/comando.ts")).comando,
  },
  compuerta: {
    descripcion: "Decide si una ejecución programada debe construir el sitio y publicar (sin instalar nada)",
    cargar: async () => (await import("../publish/compuerta.ts")).comando,
  },
  kit: {
    descripcion: "Prepara los mensajes para compartir una nota en los grupos comunitarios y anota lo compartido",
    cargar: async () => (await import("../share/comando.ts")).comando,
  },
  solicitud: {
    descripcion: "Convierte una solicitud de una dependencia (issue) en un borrador de nota con su pull request",
    cargar: async () => (await import("../requests/solicitud.ts")).comando,
  },
  configurar: {
    descripcion: "Aplica la protección de la rama principal en GitHub (revisión obligatoria y chequeos); --simular la muestra",
    cargar: async () => (await import("../github/configurar.ts")).comando,
  },
  accesibilidad: {
    descripcion: "Revisa con axe (WCAG 2.1 AA) las páginas del sitio construido que cambia una solicitud de cambios",
    cargar: async () => (await import("../github/accesibilidad.ts")).comando,
  },
  "comentar-revision": {
    descripcion: "Prepara y publica el comentario de revisión de una solicitud de cambios",
    cargar: async () => (await import("../github/comentario.ts")).comando,
  },
  fallas: {
    descripcion: "Abre, actualiza o cierra el issue «Fallas de publicación» según el registro de publicaciones",
    cargar: async () => (await import("../github/fallas.ts")).comando,
  },
  editor: {
    descripcion: "Abre el editor web de notas (/admin/) en este equipo, sin cuenta de GitHub",
    cargar: async () => (await import("../editor/comando.ts")).comando,
  },
  archivo: {
    descripcion: "Arma el expediente electrónico de un periodo (BagIt, índice electrónico, FUID) y revisa la retención por TRD",
    cargar: async () => (await import("../archive/comando.ts")).comando,
  },
  metricas: {
    descripcion: "Guarda las cifras del día de cada red (seguidores, vistas, interacciones) para el informe mensual",
    cargar: async () => (await import("../reports/metricas.ts")).comando,
  },
  inquietudes: {
    descripcion: "Bandeja de inquietudes de las redes: lista, pendientes, aviso diario, agregados, depuración y habeas data",
    cargar: async () => (await import("../inbox/comando.ts")).comando,
  },
  informe: {
    descripcion: "Escribe el informe mensual (MDX, gráficos, tablas CSV y PDF/A) en content/reportes/AAAA/MM/ y lo propone",
    cargar: async () => (await import("../reports/comando.ts")).comando,
  },
  imagen: {
    descripcion: "Cambios de imagen: fotos de perfil y portadas de cada red, y registro de cambios con su motivo",
    cargar: async () => (await import("../image/comando.ts")).comando,
  },
  validar: {
    descripcion:
      "Revisa las notas con los puntos de control (privacidad, lenguaje, redes, accesibilidad, seguridad, erratas, enlaces)",
    cargar: async () => (await import("../checks/comando.ts")).comando,
  },
};
