#!/usr/bin/env node
// Entry point of the `prensa` CLI: routes to one subcommand; all logic lives in scripts/lib/.
import { enableCompileCache } from "node:module";
enableCompileCache?.();
import { COMANDOS } from "./lib/cli/comandos.ts";
import { ioProceso, SALIDA, traducirFallo } from "./lib/cli/comando.ts";

process.env.TZ ??= "America/Bogota";
const io = ioProceso();
const [nombre, ...resto] = process.argv.slice(2);

function ayuda(): string {
  const ancho = Math.max(...Object.keys(COMANDOS).map((n) => n.length));
  const lineas = Object.entries(COMANDOS).map(([n, c]) => `  ${n.padEnd(ancho)}  ${c.descripcion}`);
  return [
    "prensa: herramientas de la Oficina de Prensa y Comunicaciones (Convergente)",
    "",
    "Uso: prensa <comando> [opciones]",
    "",
    "Comandos:",
    ...lineas,
    "",
    "Escriba «prensa <comando> --ayuda» para ver las opciones de cada comando.",
  ].join("\n");
}

async function principal(): Promise<number> {
  if (!nombre || nombre === "--ayuda" || nombre === "-h" || nombre === "--help" || nombre === "ayuda") {
    io.salida(ayuda());
    return SALIDA.ok;
  }
  const entrada = COMANDOS[nombre];
  if (!entrada) {
    io.error(`Comando desconocido: «${nombre}».\n\n${ayuda()}`);
    return SALIDA.uso;
  }
  const comando = await entrada.cargar();
  if (resto.includes("--ayuda") || resto.includes("-h")) {
    io.salida(comando.uso);
    return SALIDA.ok;
  }
  try {
    return await comando.ejecutar(resto, io);
  } catch (e) {
    const fallo = traducirFallo(e, { nombre, uso: comando.uso }, io.env);
    io.error(fallo.texto);
    return fallo.codigo;
  }
}

process.exitCode = await principal();
