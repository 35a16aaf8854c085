import matter from "gray-matter";
import { parseDocument, isMap, LineCounter, type Document } from "yaml";

/** Limits that keep hostile input (huge files, alias bombs) from hanging a build. */
export const MAX_BYTES_NOTA = 1_000_000;
const MAX_ALIAS = 50;

export interface FrontmatterLeido {
  datos: Record<string, unknown>;
  cuerpo: string;
  /** 1-based line where the body starts in the file. */
  lineaCuerpo: number;
  /** Line of a field path in the file (1-based), or of its closest existing parent. */
  lineaDe(campo: (string | number)[]): { linea: number; columna: number };
}

export class ErrorFrontmatter extends Error {
  readonly linea?: number;
  readonly columna?: number;
  readonly arreglo?: string;
  constructor(message: string, linea?: number, columna?: number, arreglo?: string) {
    super(message);
    this.linea = linea;
    this.columna = columna;
    this.arreglo = arreglo;
  }
}

/** Decodes bytes as strict UTF-8 text; rejects binary files and oversized notes. */
export function decodificar(bytes: Uint8Array): string {
  if (bytes.byteLength > MAX_BYTES_NOTA)
    throw new ErrorFrontmatter(
      `el archivo pesa ${(bytes.byteLength / 1_000_000).toFixed(1)} MB y el máximo para una nota es 1 MB`,
      undefined,
      undefined,
      "divida el texto en varias notas o quite el contenido incrustado",
    );
  if (bytes.includes(0))
    throw new ErrorFrontmatter("el archivo es binario, no un texto MDX", undefined, undefined, "guarde la nota como texto .mdx");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ErrorFrontmatter(
      "el archivo no está en UTF-8 válido",
      undefined,
      undefined,
      "vuelva a guardarlo con codificación UTF-8 en su editor",
    );
  }
}

/**
 * Splits an MDX file into frontmatter and body with gray-matter, parsing the YAML with `yaml`
 * (YAML 1.2: dates stay strings, alias expansion is bounded) so fields keep their line numbers.
 */
export function leerFrontmatter(texto: string): FrontmatterLeido {
  const fuente = texto.replace(/^\uFEFF/, "");
  if (!/^---\r?\n/.test(fuente))
    throw new ErrorFrontmatter(
      "la nota no empieza con el bloque de datos (frontmatter)",
      1,
      1,
      'la primera línea debe ser "---", luego los campos y otra línea "---"',
    );
  let doc: Document | undefined;
  let lineas: LineCounter | undefined;
  const archivo = matter(fuente, {
    engines: {
      yaml: {
        parse: (yaml: string) => {
          lineas = new LineCounter();
          doc = parseDocument(yaml, { lineCounter: lineas, uniqueKeys: true, prettyErrors: true, version: "1.2" });
          const error = doc.errors[0];
          if (error) {
            const pos = error.linePos?.[0];
            throw new ErrorFrontmatter(
              `el YAML del frontmatter está mal formado: ${traducirErrorYaml(error.code, error.message)}`,
              pos ? pos.line : undefined,
              pos?.col,
              "revise la sangría, los dos puntos después de cada campo y las comillas de los textos",
            );
          }
          let js: unknown;
          try {
            js = doc.toJS({ maxAliasCount: MAX_ALIAS });
          } catch {
            throw new ErrorFrontmatter(
              "el YAML usa demasiados alias (&/*) y no se puede expandir sin riesgo",
              undefined,
              undefined,
              "escriba los valores directamente, sin anclas ni alias",
            );
          }
          if (js === null || js === undefined) return {};
          if (typeof js !== "object" || Array.isArray(js))
            throw new ErrorFrontmatter("el frontmatter debe ser una lista de campos (clave: valor)", 2, 1);
          return js;
        },
      },
    },
  });
  if (!archivo.matter && !doc) {
    throw new ErrorFrontmatter(
      "el bloque de datos (frontmatter) no se cierra",
      1,
      1,
      'agregue una línea "---" después de los campos',
    );
  }
  const lineasFrontmatter = fuente.slice(0, fuente.length - archivo.content.length).split("\n").length;
  return {
    datos: archivo.data,
    cuerpo: archivo.content,
    lineaCuerpo: lineasFrontmatter,
    lineaDe(campo) {
      if (!doc || !lineas) return { linea: 1, columna: 1 };
      for (let n = campo.length; n > 0; n--) {
        const ruta = campo.slice(0, n);
        const padre = n > 1 ? doc.getIn(ruta.slice(0, -1), true) : doc.contents;
        let rango: [number, number, number] | undefined | null;
        if (isMap(padre)) {
          const par = padre.items.find((p) => String((p.key as { value?: unknown })?.value ?? p.key) === String(ruta.at(-1)));
          rango = (par?.key as { range?: [number, number, number] })?.range;
        } else {
          rango = (doc.getIn(ruta, true) as { range?: [number, number, number] } | undefined)?.range;
        }
        if (rango) {
          const pos = lineas.linePos(rango[0]);
          return { linea: pos.line, columna: pos.col };
        }
      }
      return { linea: 2, columna: 1 };
    },
  };
}

function traducirErrorYaml(codigo: string, mensaje: string): string {
  const textos: Record<string, string> = {
    DUPLICATE_KEY: "hay un campo repetido",
    BAD_INDENT: "la sangría no es correcta",
    MISSING_CHAR: "falta un carácter (por ejemplo, comillas o dos puntos)",
    BLOCK_AS_IMPLICIT_KEY: "hay un texto que parece un campo sin dos puntos",
    MULTILINE_IMPLICIT_KEY: "un campo ocupa varias líneas sin comillas",
    UNEXPECTED_TOKEN: "hay un carácter inesperado",
    TAB_AS_INDENT: "usa tabuladores para la sangría; use espacios",
    BAD_SCALAR_START: "un valor empieza con un carácter reservado; póngalo entre comillas",
  };
  return textos[codigo] ?? `error de sintaxis (${mensaje.split("\n")[0]})`;
}
