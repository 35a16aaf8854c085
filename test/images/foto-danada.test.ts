import { describe, expect, it } from "vitest";
import { ErrorConvergente } from "../../scripts/lib/content/problems.ts";
import { leerFoto, prepararFoto } from "../../scripts/lib/images/foto.ts";

describe("una foto de nota que no sirve es un error del usuario, no una falla del programa", () => {
  it("una foto que falta nombra el archivo, el campo imagen.src y cómo arreglarlo", () => {
    const error = (() => {
      try {
        leerFoto("/no/existe/la-foto-del-festival.jpg");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ErrorConvergente);
    expect((error as Error).message).toBe(
      'No se encontró la imagen de la nota: /no/existe/la-foto-del-festival.jpg. Revise el campo "imagen.src" (la ruta es relativa al archivo .mdx).',
    );
  });

  it("una foto que no es PNG ni JPEG nombra el archivo, el campo y el arreglo", () => {
    const falsa = new TextEncoder().encode("esto no es una imagen");
    expect(() => prepararFoto(falsa, 480, 562, "content/notas/2026/11/foto.jpg")).toThrow(ErrorConvergente);
    expect(() => prepararFoto(falsa, 480, 562, "content/notas/2026/11/foto.jpg")).toThrow(
      'content/notas/2026/11/foto.jpg no es un archivo PNG ni JPEG válido (campo "imagen.src" de la nota). Guarde la imagen como .jpg o .png.',
    );
  });
});
