/** The publication record: schema, atomic reads and writes, and git commit+push. */
export * from "./schema.ts";
export {
  leerRegistro,
  leerRegistros,
  escribirRegistro,
  rutaRegistro,
  registroNuevo,
  serializarRegistro,
  validarRegistro,
  analizarRegistro,
} from "./almacen.ts";
export { confirmarYEmpujar, type OpcionesGit } from "./git.ts";
