import { existsSync } from "node:fs";
import path from "node:path";
import { SALIDA, type Io } from "../cli/comando.ts";
import { escribirAtomico } from "../content/escribir.ts";
import { cargarInstitucion } from "../content/institucion.ts";
import { rutas } from "../content/paths.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { ahora } from "../content/time.ts";
import { crearCliente, errorGithub, repositorioDe } from "../github/cliente.ts";
import { notaDesdeSolicitud } from "./convertir.ts";
import { numeroSolicitud, obtenerSolicitud } from "./solicitud.ts";

/**
 * `prensa nueva --desde-solicitud NUMERO`: fetches the request through the API and writes the same
 * draft note `prensa solicitud` would, in the local working tree. Never overwrites a file.
 */
export async function nuevaDesdeSolicitud(valor: string | undefined, io: Io): Promise<number> {
  const numero = numeroSolicitud(valor);
  const r = rutas(io.env.PRENSA_RAIZ);
  const institucion = cargarInstitucion(r.raiz);
  const repo = repositorioDe(institucion, io.env);
  const gh = crearCliente(io.env, { requiereToken: false });
  let lectura;
  try {
    lectura = await obtenerSolicitud(gh, repo, numero, institucion, r.raiz, io.env);
  } catch (e) {
    throw errorGithub(e, `leer la solicitud #${numero}`, io.env);
  }
  const nota = notaDesdeSolicitud(lectura.solicitud, institucion, ahora(io.env));
  const destino = path.join(r.raiz, nota.archivo);
  if (existsSync(destino)) {
    throw new ErrorConvergente(`Ya existe ${nota.archivo}; no se sobrescribe.`, [
      { archivo: nota.archivo, mensaje: "la nota ya existe", arreglo: "ábrala y continúe, o bórrela para crearla de nuevo" },
    ]);
  }
  escribirAtomico(destino, nota.texto);
  io.salida(
    `Nota creada desde la solicitud #${numero}: ${nota.archivo}\nSiguiente paso: cree la rama ${nota.rama}, complete la nota (cuerpo, imagen, etiquetas), quite «borrador: true» y abra una solicitud de cambios que diga «Closes #${numero}».`,
  );
  for (const a of lectura.avisos) io.error(`Aviso: ${a}`);
  if (nota.pendientes.length) io.error(`Datos por corregir:\n${nota.pendientes.map((p) => `- ${p}`).join("\n")}`);
  return SALIDA.ok;
}
