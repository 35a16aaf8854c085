// Worker that parses one suspicious MDX body, so the main thread can give up after a time limit
// (the markdown parser is quadratic on some hostile inputs: thousands of nested lists or "**").
import { workerData } from "node:worker_threads";
import type { MessagePort } from "node:worker_threads";
import { analizarMdx } from "./documento.ts";

const { cuerpo, puerto, senal } = workerData as { cuerpo: string; puerto: MessagePort; senal: Int32Array };
try {
  puerto.postMessage({ arbol: analizarMdx(cuerpo) });
} catch (e) {
  const err = e as { reason?: string; message?: string; line?: number; column?: number };
  const pila = e instanceof RangeError;
  puerto.postMessage({ error: { reason: err.reason ?? err.message ?? String(e), line: err.line, column: err.column, pila } });
}
Atomics.store(senal, 0, 1);
Atomics.notify(senal, 0);
