/**
 * The one list of the project's own environment variables (`PRENSA_*`): name, default and meaning
 * in Spanish. The README's table and a test that scans the code are checked against it, so a
 * variable read anywhere is declared here. Network credentials are declared once per network in
 * the network registry (scripts/lib/networks/index.ts); GitHub's own variables (GITHUB_TOKEN,
 * GITHUB_STEP_SUMMARY...) are GitHub's contract, not ours.
 *
 * This module imports nothing, so dependency-free commands (the publishing gate) can use it.
 */
export interface VariableEntorno {
  nombre: `PRENSA_${string}`;
  /** What it changes, in Spanish. */
  descripcion: string;
  /** Value when unset, in Spanish. */
  porOmision: string;
}

export const VARIABLES_ENTORNO = [
  {
    nombre: "PRENSA_AHORA",
    descripcion:
      "Fija el «ahora» que decide qué notas son públicas y qué publicaciones tocan (AAAA-MM-DDTHH:MM:SS-05:00). Los instantes del registro siempre salen del reloj real.",
    porOmision: "el reloj del sistema",
  },
  {
    nombre: "PRENSA_RAIZ",
    descripcion: "Carpeta con config/ y content/ sobre la que trabajan los comandos y la construcción.",
    porOmision: "la raíz del repositorio",
  },
  {
    nombre: "PRENSA_SALIDA",
    descripcion: "Carpeta donde se escribe el sitio construido (relativa a la raíz del repositorio, o absoluta).",
    porOmision: "dist",
  },
  {
    nombre: "PRENSA_CACHE_ASTRO",
    descripcion: "Carpeta de caché de Astro (almacén de contenido entre construcciones).",
    porOmision: "node_modules/.astro",
  },
  {
    nombre: "PRENSA_INTENTOS",
    descripcion: "Llamadas a una red por publicación en una misma ejecución (reintentos incluidos).",
    porOmision: "4",
  },
  {
    nombre: "PRENSA_ESPERA_BASE_MS",
    descripcion: "Espera base, en milisegundos, del retroceso exponencial entre reintentos.",
    porOmision: "1000",
  },
  {
    nombre: "PRENSA_CLAVE_DESPLIEGUE",
    descripcion:
      "Llave SSH privada de despliegue que empuja el registro a la rama principal (solo en el entorno «redes» del flujo Publicar).",
    porOmision: "ninguna: sin ella, «prensa publicar --commit» no puede guardar el registro y se detiene",
  },
  {
    nombre: "PRENSA_INQUIETUDES_TOKEN",
    descripcion:
      "Token de GitHub con acceso SOLO al repositorio privado de inquietudes (Issues: lectura y escritura; Metadata: lectura), para «prensa inquietudes» con el almacén de GitHub.",
    porOmision: "GITHUB_TOKEN (sirve cuando el flujo corre en el mismo repositorio privado)",
  },
  {
    nombre: "PRENSA_ADAPTADORES_PRUEBA",
    descripcion: "Solo pruebas: módulo que reemplaza los adaptadores de redes por dobles locales.",
    porOmision: "ninguno",
  },
  {
    nombre: "PRENSA_GITHUB_SIN_ESPERA",
    descripcion: "Solo pruebas: la API de GitHub se reintenta sin esperar y sin espaciar las escrituras.",
    porOmision: "desactivado",
  },
  {
    nombre: "PRENSA_URL_GITHUB",
    descripcion: "Otra dirección para la API de GitHub (pruebas con el emulador local).",
    porOmision: "GITHUB_API_URL o https://api.github.com",
  },
  {
    nombre: "PRENSA_URL_<RED>",
    descripcion:
      "Otra dirección para la API de una red (FACEBOOK, INSTAGRAM, X, TELEGRAM, MASTODON, BLUESKY): pruebas con emuladores locales.",
    porOmision: "la dirección oficial de la red",
  },
  {
    nombre: "PRENSA_INSTAGRAM_SONDEO_MS",
    descripcion: "Milisegundos entre consultas del estado de un contenedor de Instagram antes de publicarlo.",
    porOmision: "2000",
  },
  {
    nombre: "PRENSA_INSTAGRAM_SONDEOS",
    descripcion: "Consultas del estado de un contenedor de Instagram antes de darlo por no listo.",
    porOmision: "30",
  },
  {
    nombre: "PRENSA_ICC_SRGB",
    descripcion: "Perfil de color sRGB (archivo ICC) que llevan los PDF/A del archivo.",
    porOmision: "el de icc-profiles-free de Debian",
  },
  {
    nombre: "PRENSA_SITIO_DESPLEGADO",
    descripcion:
      "Dirección de construccion.json del sitio desplegado, que la compuerta del flujo Publicar consulta para saber qué muestra el sitio.",
    porOmision: "<sitio de config/institucion.yaml>/construccion.json",
  },
] as const satisfies readonly VariableEntorno[];

/** Whether a name read in the code is declared (PRENSA_URL_<RED> covers every network's override). */
export function variableDeclarada(nombre: string): boolean {
  return VARIABLES_ENTORNO.some((v) => v.nombre === nombre || (v.nombre.endsWith("<RED>") && nombre.startsWith("PRENSA_URL_")));
}

const INSTANTE = Symbol.for("convergente.instanteConstruccion");
type ConInstante = typeof globalThis & { [INSTANTE]?: Date };

/**
 * The build instant, computed once per process: every part of a build (the notes the pages show,
 * the social images, the feeds, construccion.json) decides with this same moment. Astro loads the
 * site's modules and the integration separately, so the value lives on globalThis.
 */
export function instanteConstruccion(calcular: () => Date): Date {
  const g = globalThis as ConInstante;
  return (g[INSTANTE] ??= calcular());
}
