import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { escribirAtomico } from "../content/escribir.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { redSchema, type Red } from "../content/schema/redes.ts";
import { conversacionSchema, type Conversacion } from "../content/schema/inquietudes.ts";
import { cumpleFiltro, idAnonimo, type AlmacenInquietudes, type FiltroConversaciones } from "./tipos.ts";

/**
 * The embedded store: a git-ignored folder (`inquietudes.carpeta`, default `.inquietudes/`) with one
 * JSON file per conversation and one file of cursors. Every write is a temp file and a rename, so a
 * run killed at any point leaves each file whole (the old version or the new one).
 *
 *   .inquietudes/
 *     LEAME.txt                    what this folder is (personal data, never commit it)
 *     conversaciones/<id>.json     conversacionSchema
 *     cursores.json                { "<red>": "<opaque cursor>" }
 */

const cursoresSchema = z.partialRecord(redSchema, z.string());

const LEAME = `Esta carpeta guarda las conversaciones con la ciudadanía que lee «prensa inquietudes».
Son datos personales (Ley 1581 de 2012): nunca la agregue a git ni la comparta.
Está en .gitignore. Para borrar los datos de una persona: prensa inquietudes suprimir --autor USUARIO.
`;

export class AlmacenLocal implements AlmacenInquietudes {
  readonly tipo = "local" as const;
  readonly donde: string;
  private readonly carpeta: string;
  /** External message id (raw and anonymized) → conversation id, built on first use. */
  private indice?: Map<string, string>;

  constructor(raiz: string, carpeta = ".inquietudes") {
    this.carpeta = path.join(raiz, carpeta);
    this.donde = carpeta;
  }

  private get conversaciones(): string {
    return path.join(this.carpeta, "conversaciones");
  }

  private archivo(id: string): string {
    if (!/^[a-z]+-[0-9a-f]{16}$/.test(id)) throw new ErrorConvergente(`Id de conversación no válido: «${id}».`);
    return path.join(this.conversaciones, `${id}.json`);
  }

  private preparar(): void {
    if (existsSync(path.join(this.carpeta, "LEAME.txt"))) return;
    mkdirSync(this.conversaciones, { recursive: true });
    writeFileSync(path.join(this.carpeta, "LEAME.txt"), LEAME);
  }

  private leer(archivo: string): Conversacion {
    let datos: unknown;
    try {
      datos = JSON.parse(readFileSync(archivo, "utf8"));
    } catch (e) {
      throw new ErrorConvergente(
        `${path.relative(path.dirname(this.carpeta), archivo)}: no es JSON válido (${(e as Error).message}).`,
      );
    }
    const r = conversacionSchema.safeParse(datos);
    if (!r.success)
      throw new ErrorConvergente(
        `${path.relative(path.dirname(this.carpeta), archivo)}: no es una conversación válida: ${r.error.issues
          .map((i) => `${i.path.join(".")}: ${i.message}`)
          .join("; ")}`,
      );
    return r.data;
  }

  private todas(): Conversacion[] {
    if (!existsSync(this.conversaciones)) return [];
    return readdirSync(this.conversaciones)
      .filter((f) => f.endsWith(".json") && !f.startsWith("."))
      .map((f) => this.leer(path.join(this.conversaciones, f)));
  }

  private claves(c: Conversacion): string[] {
    return c.entradas.flatMap((e) => [`${c.red}\u0000${e.idExterno}`]);
  }

  private cargarIndice(): Map<string, string> {
    if (!this.indice) {
      this.indice = new Map();
      for (const c of this.todas()) for (const k of this.claves(c)) this.indice.set(k, c.id);
    }
    return this.indice;
  }

  obtener(id: string): Promise<Conversacion | undefined> {
    const f = this.archivo(id);
    return Promise.resolve(existsSync(f) ? this.leer(f) : undefined);
  }

  guardar(c: Conversacion): Promise<void> {
    const valida = conversacionSchema.parse(c);
    this.preparar();
    escribirAtomico(this.archivo(valida.id), `${JSON.stringify(valida, null, 2)}\n`);
    if (this.indice) for (const k of this.claves(valida)) this.indice.set(k, valida.id);
    return Promise.resolve();
  }

  buscarPorMensaje(red: Red, idExterno: string): Promise<Conversacion | undefined> {
    const indice = this.cargarIndice();
    const id = indice.get(`${red}\u0000${idExterno}`) ?? indice.get(`${red}\u0000${idAnonimo(red, idExterno)}`);
    return id ? this.obtener(id) : Promise.resolve(undefined);
  }

  private leerCursores(): Partial<Record<Red, string>> {
    const f = path.join(this.carpeta, "cursores.json");
    if (!existsSync(f)) return {};
    return cursoresSchema.parse(JSON.parse(readFileSync(f, "utf8")));
  }

  cursor(red: Red): Promise<string | undefined> {
    return Promise.resolve(this.leerCursores()[red]);
  }

  guardarCursor(red: Red, cursor: string): Promise<void> {
    this.preparar();
    const cursores = { ...this.leerCursores(), [red]: cursor };
    escribirAtomico(path.join(this.carpeta, "cursores.json"), `${JSON.stringify(cursores, null, 2)}\n`);
    return Promise.resolve();
  }

  listar(filtro?: FiltroConversaciones): Promise<Conversacion[]> {
    return Promise.resolve(
      this.todas()
        .filter((c) => cumpleFiltro(c, filtro))
        .sort((a, b) => Date.parse(a.recibido) - Date.parse(b.recibido) || a.id.localeCompare(b.id)),
    );
  }

  eliminar(id: string): Promise<void> {
    rmSync(this.archivo(id), { force: true });
    this.indice = undefined;
    return Promise.resolve();
  }
}
