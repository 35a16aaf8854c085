import path from "node:path";
import { existsSync } from "node:fs";
import { ErrorUso, leerArgumentos, SALIDA, type Comando, type Io } from "../cli/comando.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { servirSitio } from "./estatico.ts";

export const comando: Comando = {
  nombre: "servir",
  descripcion: "Sirve el sitio construido (dist/) en http://localhost para revisarlo",
  uso: `Uso: prensa servir [--puerto N] [--carpeta RUTA]

Sirve el sitio ya construido con «npm run build», como lo haría GitHub Pages.
  --puerto N       Puerto local (por omisión 4321)
  --carpeta RUTA   Carpeta del sitio construido (por omisión dist)`,
  async ejecutar(args: string[], io: Io): Promise<number> {
    const { values } = leerArgumentos(args, { puerto: { type: "string" }, carpeta: { type: "string" } }, false);
    const puerto = Number(values.puerto ?? io.env.PUERTO ?? 4321);
    if (!Number.isInteger(puerto) || puerto < 0 || puerto > 65535)
      throw new ErrorUso("el puerto debe ser un número entre 0 y 65535");
    const carpeta = path.resolve(io.cwd, values.carpeta ?? "dist");
    if (!existsSync(path.join(carpeta, "index.html")))
      throw new ErrorConvergente(`No hay un sitio construido en ${carpeta}. Ejecute primero «npm run build».`);
    const { url } = await servirSitio(carpeta, puerto);
    io.salida(`Sitio disponible en ${url.replace("127.0.0.1", "localhost")}/ (Ctrl+C para detener).`);
    await new Promise<void>((resolver) => process.once("SIGINT", () => resolver()));
    return SALIDA.ok;
  },
};
