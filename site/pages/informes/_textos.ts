/** UI strings of the reports' pages (es-CO); to be merged into site/lib/textos.ts. */
export const TI = {
  titulo: "Informes mensuales de gestión en plataformas",
  intro:
    "Cada mes la Oficina de Prensa y Comunicaciones publica un informe claro y conciso de su trabajo en el sitio y en las redes sociales. La jefatura de prensa lo revisa y lo aprueba.",
  informeDe: (mes: string) => `Informe de ${mes}`,
  leer: "Leer el informe",
  pdf: "Descargar en PDF/A",
  datos: "Datos del informe",
  cifras: "Todas las cifras (JSON)",
  tablas: "Tablas de datos (CSV)",
  ejemplo: "Informe de ejemplo con datos ficticios: muestra cómo se ve un informe; no describe la gestión real de la entidad.",
  rss: "Suscribirse a los informes por RSS",
  feed: (entidad: string) => `Informes mensuales de la ${entidad}`,
  feedDescripcion: (entidad: string) =>
    `Informes mensuales de gestión en plataformas de la ${entidad}, aprobados por la jefatura de prensa.`,
};
