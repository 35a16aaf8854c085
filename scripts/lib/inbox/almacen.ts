import { spawnSync } from "node:child_process";
import { ErrorUso } from "../cli/comando.ts";
import { ErrorConvergente } from "../content/problems.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import { almacenGithub } from "./almacen-github.ts";
import { AlmacenLocal } from "./almacen-local.ts";
import { configBandeja } from "./conversacion.ts";
import type { AlmacenInquietudes } from "./tipos.ts";

/**
 * Opens the store the config names (`inquietudes.almacen`), or the one given by `--almacen`:
 * the git-ignored local folder, or the issues of the private repository `inquietudes.repositorio`
 * (token PRENSA_INQUIETUDES_TOKEN, else GITHUB_TOKEN). Used by every `prensa inquietudes` subcommand.
 */
export function abrirAlmacen(opciones: {
  raiz: string;
  institucion: Pick<Institucion, "inquietudes">;
  env: NodeJS.ProcessEnv;
  /** Value of `--almacen`, when given. */
  almacen?: string;
  ahora?: () => Date;
}): AlmacenInquietudes {
  const config = configBandeja(opciones.institucion);
  const tipo = opciones.almacen ?? config.almacen;
  if (tipo === "local") {
    exigirIgnorada(opciones.raiz, config.carpeta);
    return new AlmacenLocal(opciones.raiz, config.carpeta);
  }
  if (tipo !== "github") throw new ErrorUso(`--almacen debe ser «local» o «github», no «${tipo}»`);
  if (!config.repositorio)
    throw new ErrorConvergente("Para usar el almacén de GitHub falta el repositorio privado.", [
      {
        archivo: "config/institucion.yaml",
        campo: "inquietudes.repositorio",
        mensaje: "no está configurado",
        arreglo: 'escriba `repositorio: "propietario/repositorio-privado"` en la sección inquietudes',
      },
    ]);
  return almacenGithub(config.repositorio, opciones.env, {
    avisoHoras: config.avisoHoras,
    ...(opciones.ahora ? { ahora: opciones.ahora } : {}),
  });
}

/**
 * In a git checkout, the local folder must be git-ignored: it holds citizens' personal data and a
 * careless `git add -A` must never take it to the public repository. Outside a checkout (or without
 * git) there is nothing to check.
 */
function exigirIgnorada(raiz: string, carpeta: string): void {
  const r = spawnSync("git", ["check-ignore", "-q", "--no-index", `${carpeta}/conversaciones/x.json`], {
    cwd: raiz,
    encoding: "utf8",
  });
  if (r.error || r.status === 0 || r.status === 128) return; // no git, ignored, or not a repository
  throw new ErrorConvergente(
    `La carpeta ${carpeta}/ de la bandeja no está en .gitignore: sus datos personales podrían terminar en el repositorio.`,
    [
      {
        archivo: ".gitignore",
        mensaje: `falta la línea ${carpeta}/`,
        arreglo: `agregue «${carpeta}/» a .gitignore (Ley 1581 de 2012: los datos de la ciudadanía nunca entran al repositorio)`,
      },
    ],
  );
}
