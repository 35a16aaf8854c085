import { spawn } from "node:child_process";
import path from "node:path";
import { ErrorUso, leerArgumentos, SALIDA, type Comando, type Io } from "../cli/comando.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { cargarInstitucion } from "../content/institucion.ts";
import { RAIZ, rutas } from "../content/paths.ts";
import { esRepositorioGit } from "./local.ts";

const USO = `Uso: prensa editor [--puerto N]

Abre el editor web de notas en http://localhost:4321/admin/ sin cuenta de GitHub: arranca el
servidor de desarrollo del sitio con el backend local del editor (decap-server, modo git).
Cada nota que guarde queda en una rama cms/notas/... de este repositorio, como una solicitud
de cambios; «Publicar» en el editor la une a la rama actual. Ctrl+C lo detiene.

Opciones:
  --puerto N   Puerto local (por omisión 4321)
  --ayuda      Muestra esta ayuda`;

export const comando: Comando = {
  nombre: "editor",
  descripcion: "Abre el editor web de notas (/admin/) en este equipo, sin cuenta de GitHub",
  uso: USO,
  async ejecutar(args: string[], io: Io): Promise<number> {
    const { values } = leerArgumentos(args, { puerto: { type: "string" } }, false);
    const puerto = Number(values.puerto ?? 4321);
    if (!Number.isInteger(puerto) || puerto < 1 || puerto > 65535)
      throw new ErrorUso("el puerto debe ser un número entre 1 y 65535");
    const r = rutas(io.env.PRENSA_RAIZ);
    cargarInstitucion(r.raiz); // A bad config stops here, in Spanish, before anything starts.
    if (!esRepositorioGit(r.raiz))
      throw new ErrorConvergente(
        `${r.raiz} no es un repositorio git. El editor guarda cada nota en una rama: clone el repositorio con «git clone» y ejecute «prensa editor» dentro de él.`,
      );
    const hijo = spawn(
      process.execPath,
      [path.join(RAIZ, "node_modules/astro/bin/astro.mjs"), "dev", "--port", String(puerto), "--host", "127.0.0.1"],
      {
        cwd: RAIZ,
        env: { ...io.env, PRENSA_RAIZ: r.raiz, ASTRO_TELEMETRY_DISABLED: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let avisado = false;
    // What the server said before it was ready: shown if it stops without starting.
    let arranque = "";
    const leer = (d: Buffer) => {
      const texto = d.toString();
      if (!avisado) arranque += texto;
      if (!avisado && /ready in|Local\s+http/i.test(texto)) {
        avisado = true;
        io.salida(`Editor web listo en http://localhost:${puerto}/admin/ (Ctrl+C para detener).`);
      }
      if (/error/i.test(texto)) io.error(texto);
    };
    hijo.stdout.on("data", leer);
    hijo.stderr.on("data", leer);
    const detener = () => hijo.kill("SIGTERM");
    process.once("SIGINT", detener);
    process.once("SIGTERM", detener);
    const codigo = await new Promise<number>((resolver) => hijo.on("close", (c) => resolver(c ?? 0)));
    process.off("SIGINT", detener);
    process.off("SIGTERM", detener);
    if (codigo !== 0 && codigo !== 143 && !avisado) {
      const otro = /already running/i.test(arranque);
      throw new ErrorConvergente(
        otro
          ? "El servidor del editor no arrancó: ya hay un servidor de desarrollo del sitio abierto en este equipo (astro dev o prensa editor). Ciérrelo con Ctrl+C en su terminal y vuelva a ejecutar «prensa editor»."
          : `El servidor del editor no arrancó (código ${codigo}):\n${arranque.trim().split("\n").slice(-15).join("\n")}`,
      );
    }
    return SALIDA.ok;
  },
};
