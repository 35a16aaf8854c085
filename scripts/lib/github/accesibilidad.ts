import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { leerArgumentos, SALIDA, type Comando, type Io } from "../cli/comando.ts";
import { rutas as rutasRaiz } from "../content/paths.ts";
import { escribirAtomico } from "../content/escribir.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { NAVEGADOR_POR_OMISION, revisarPaginas, type HallazgoAxe } from "../checks/axe.ts";
import { archivosCambiados } from "./comentario.ts";

/**
 * The pages of the built site that a change to these files touches: each changed note's page
 * (a changed photo touches the notes of its folder that show it), and, when any note changed,
 * the pages that list it (home, news, its month); each changed page of content/paginas/.
 * Only pages the preview built: a scheduled note or a draft has none.
 */
export function paginasCambiadas(cambiados: readonly string[], sitio: string, raiz: string): string[] {
  const paginas = new Set<string>();
  const existe = (ruta: string) => existsSync(path.join(sitio, ruta, "index.html"));
  let notas = false;
  for (const archivo of cambiados) {
    const nota = /^content\/notas\/(\d{4})\/(\d{2})\/([^/]+)\.mdx$/.exec(archivo);
    const junto = /^content\/notas\/(\d{4})\/(\d{2})\/([^/]+)$/.exec(archivo);
    const pagina = /^content\/paginas\/([^/]+)\.mdx$/.exec(archivo);
    const candidatas: string[] = [];
    if (nota) candidatas.push(`/noticias/${nota[1]}/${nota[2]}/${nota[3]}/`);
    else if (junto) {
      // A photo or other file next to the notes: the notes of its folder that name it.
      const carpeta = path.join(raiz, "content/notas", junto[1]!, junto[2]!);
      const mdxs = existsSync(carpeta) ? readdirSync(carpeta).filter((f) => f.endsWith(".mdx")) : [];
      for (const mdx of mdxs)
        if (readFileSync(path.join(carpeta, mdx), "utf8").includes(junto[3]!))
          candidatas.push(`/noticias/${junto[1]}/${junto[2]}/${mdx.replace(/\.mdx$/, "")}/`);
    } else if (pagina) candidatas.push(`/${pagina[1]}/`);
    for (const c of candidatas)
      if (existe(c)) {
        paginas.add(c);
        if (c.startsWith("/noticias/")) {
          notas = true;
          paginas.add(c.split("/").slice(0, 4).join("/") + "/");
        }
      }
  }
  if (notas) for (const lista of ["/", "/noticias/"]) if (existe(lista)) paginas.add(lista);
  return [...paginas].sort();
}

/** One line per violation; for GitHub, an error annotation on the file that made the page. */
export function lineasHallazgos(hallazgos: readonly HallazgoAxe[], formato: "texto" | "github"): string[] {
  return hallazgos.map((h) => {
    const texto = `${h.ruta}: ${h.regla} (${h.impacto}): ${h.ayuda} → ${h.elementos.join(", ")} (${h.enlace})`;
    if (formato === "texto") return texto;
    // https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#setting-an-error-message
    const datos = (t: string) => t.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
    const propiedad = (t: string) => datos(t).replace(/:/g, "%3A").replace(/,/g, "%2C");
    return `::error title=${propiedad(`Accesibilidad (axe) ${h.regla}`)}::${datos(texto)}`;
  });
}

export const comando: Comando = {
  nombre: "accesibilidad",
  descripcion: "Revisa con axe (WCAG 2.1 AA) las páginas del sitio construido que cambia una solicitud de cambios",
  uso: `Uso: prensa accesibilidad [--base REF | --pagina /ruta/ ...] [--sitio dist] [--navegador RUTA] [--formato texto|github] [--salida ARCHIVO]

Abre en Chromium las páginas del sitio ya construido («npm run build») y las revisa con axe
(reglas WCAG 2.1 A y AA y buenas prácticas, Resolución 1519 de 2020).
  --base REF        Revisa las páginas que tocan los archivos cambiados desde REF (git diff REF...HEAD):
                    cada nota cambiada, las listas que la muestran y cada página de content/paginas/
  --pagina /ruta/   Revisa esta página (se puede repetir)
  --sitio RUTA      Carpeta del sitio construido (por omisión dist)
  --navegador RUTA  Chromium o Chrome (por omisión ${NAVEGADOR_POR_OMISION})
  --formato github  Anotaciones de error para el pull request (::error ...)
  --salida ARCHIVO  Guarda las páginas y los hallazgos en JSON para el comentario de revisión
Termina con 1 si alguna página tiene hallazgos.`,
  async ejecutar(args: string[], io: Io): Promise<number> {
    const { values } = leerArgumentos(
      args,
      {
        base: { type: "string" },
        pagina: { type: "string", multiple: true },
        sitio: { type: "string" },
        navegador: { type: "string" },
        formato: { type: "string" },
        salida: { type: "string" },
      },
      false,
    );
    const formato = values.formato ?? "texto";
    if (formato !== "texto" && formato !== "github")
      throw new ErrorConvergente(`Formato desconocido: ${formato}. Use texto o github.`);
    const raiz = rutasRaiz().raiz;
    const sitio = path.resolve(io.cwd, values.sitio ?? "dist");
    if (!existsSync(path.join(sitio, "index.html")))
      throw new ErrorConvergente(`No hay un sitio construido en ${sitio}. Ejecute primero «npm run build».`);
    const paginas = [
      ...(values.pagina ?? []),
      ...(values.base ? paginasCambiadas(archivosCambiados(raiz, values.base), sitio, raiz) : []),
    ];
    // For the review comment (prensa comentar-revision --accesibilidad).
    const guardar = (hallazgos: HallazgoAxe[]) => {
      if (values.salida)
        escribirAtomico(path.resolve(io.cwd, values.salida), `${JSON.stringify({ paginas, hallazgos }, null, 2)}\n`);
    };
    if (!paginas.length) {
      guardar([]);
      io.salida("Accesibilidad: ninguna página del sitio cambia; no hay nada que revisar.");
      return SALIDA.ok;
    }
    const t0 = performance.now();
    const hallazgos = await revisarPaginas(sitio, paginas, values.navegador ?? NAVEGADOR_POR_OMISION);
    guardar(hallazgos);
    for (const l of lineasHallazgos(hallazgos, formato)) io.salida(l);
    const segundos = ((performance.now() - t0) / 1000).toFixed(1);
    io.salida(
      hallazgos.length
        ? `Accesibilidad: ${hallazgos.length} hallazgo(s) de axe en ${new Set(hallazgos.map((h) => h.ruta)).size} de ${paginas.length} página(s) (${segundos} s).`
        : `Accesibilidad: axe no encontró problemas en ${paginas.length} página(s): ${paginas.join(", ")} (${segundos} s).`,
    );
    return hallazgos.length ? SALIDA.hallazgos : SALIDA.ok;
  },
};
