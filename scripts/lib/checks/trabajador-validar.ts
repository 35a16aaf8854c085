// Worker thread of `prensa validar`: checks one share of the notes and sends back its findings.
import { workerData } from "node:worker_threads";
import type { MessagePort } from "node:worker_threads";
import { validar } from "./ejecutar.ts";

const datos = workerData as {
  raiz: string;
  rutas: string[];
  base?: string;
  ahora: string;
  puerto: MessagePort;
  senal: Int32Array;
  indice: number;
};
try {
  const r = validar({ raiz: datos.raiz, rutas: datos.rutas, base: datos.base, ahora: new Date(datos.ahora), paralelo: false });
  datos.puerto.postMessage({ resultado: r });
} catch (e) {
  datos.puerto.postMessage({ error: (e as Error).message ?? String(e) });
}
Atomics.store(datos.senal, datos.indice, 1);
Atomics.notify(datos.senal, datos.indice);
