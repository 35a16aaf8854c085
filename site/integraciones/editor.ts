import type { AstroIntegration } from "astro";
import path from "node:path";
import { rutas } from "../../scripts/lib/content/paths.ts";
import { backendLocal, esRepositorioGit } from "../../scripts/lib/editor/local.ts";

/**
 * The web editor at /admin/ (site/pages/admin/): Decap CMS from its npm package, bundled by Vite
 * with the page, so the site serves every file itself (no CDN, no request leaves the site).
 * In the dev server (`prensa editor`, `astro dev`) this integration mounts the local backend
 * (decap-server, git mode) for the repository at PRENSA_RAIZ, so no GitHub login is needed.
 */
export function editorWeb(): AstroIntegration {
  return {
    name: "convergente-editor",
    hooks: {
      // Pre-bundle the editor's dependencies when the dev server starts: discovered later, Vite
      // would re-optimize and reload the page while it loads (504 "Outdated Optimize Dep").
      "astro:config:setup": ({ command, updateConfig }) => {
        if (command !== "dev") return;
        updateConfig({
          vite: {
            // Its own dependency cache under the content root's .cache/: dev servers and test
            // runners of the same checkout re-optimizing node_modules/.vite would reload the page.
            cacheDir: path.join(rutas().cache, "vite-editor"),
            optimizeDeps: {
              // The editor's dependencies run as in the built site (production builds of React and
              // prop-types): Decap's ErrorBoundary checks its props with prop-types 15 / react-is 16,
              // which do not know React 19 elements, and in development builds would log a false
              // "Failed prop type" error on every page load.
              rolldownOptions: { transform: { define: { "process.env.NODE_ENV": JSON.stringify("production") } } },
              include: [
                "decap-cms-app",
                "yaml",
                "zod",
                "mdast-util-from-markdown",
                "micromark-extension-mdxjs",
                "mdast-util-mdx",
                // What Astro's dev toolbar loads on every page, /admin/ included.
                "astro/runtime/client/dev-toolbar/entrypoint.js",
                "astro > aria-query",
                "astro > axobject-query",
                "astro > html-escaper",
              ],
            },
          },
        });
      },
      "astro:server:setup": async ({ server, logger }) => {
        const raiz = rutas().raiz;
        if (esRepositorioGit(raiz)) server.middlewares.use(await backendLocal(raiz));
        else logger.warn(`[editor web] ${raiz} no es un repositorio git: /admin/ no podrá guardar notas en este equipo.`);
      },
    },
  };
}
