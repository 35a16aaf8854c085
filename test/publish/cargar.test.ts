import { describe, it, expect } from "vitest";
import path from "node:path";
import { appendFileSync, writeFileSync } from "node:fs";
import { cargarInstitucion, cargarNotas } from "../../scripts/lib/content/index.ts";
import { cargarParaPublicar } from "../../scripts/lib/publish/cargar.ts";
import { marcarCompleta } from "../../scripts/lib/publish/ejecutor.ts";
import { escribirRegistro, registroNuevo } from "../../scripts/lib/ledger/index.ts";
import { raizCon } from "../ayudas/raiz.ts";

const FIXTURE = path.join(import.meta.dirname, "fixtures/una-redaccion-con-cuatro-notas");

describe("carga rápida de notas para publicar", () => {
  it("salta sin leer las notas sin canales y las ya publicadas que no cambiaron; relee las editadas", () => {
    const { raiz, borrar } = raizCon({ prefijo: "prensa-cargar-", capas: [FIXTURE] });
    try {
      const institucion = cargarInstitucion(raiz);
      expect(cargarParaPublicar(raiz, institucion)).toMatchObject({ omitidas: 0, problemas: [] });

      writeFileSync(
        path.join(raiz, "content/notas/2026/11/solo-sitio.mdx"),
        "---\ntitulo: Una nota que solo va al sitio web\nresumen: Esta nota no tiene canales y nunca sale a las redes sociales de la entidad.\npublicar: 2026-11-20\ndependencia: oficina-de-prensa\nautor: Oficina de Prensa\n---\n\nTexto.\n",
      );
      const cierre = cargarNotas(institucion, { raiz }).notas.find((n) => n.slug === "cierre-de-via")!;
      const registro = registroNuevo({
        notaId: cierre.id,
        archivo: cierre.archivo,
        titulo: cierre.datos.titulo,
        dependencia: cierre.datos.dependencia,
      });
      for (const red of ["facebook", "x", "mastodon"] as const)
        registro.redes[red] = {
          estado: "publicado",
          intentos: 1,
          programado: "2026-11-20T10:00:00-05:00",
          hashEnviado: "h",
          clave: "c",
          version: "original",
          correcciones: [],
          actualizado: "2026-11-20T10:00:00-05:00",
        };
      expect(marcarCompleta({ institucion }, cierre, registro)).toBe(true);
      escribirRegistro(raiz, registro);

      const carga = cargarParaPublicar(raiz, institucion);
      expect(carga.omitidas).toBe(2);
      expect(carga.notas.map((n) => n.slug).sort()).toEqual([
        "borrador-vacunacion",
        "festival-del-campesino",
        "mercado-campesino",
      ]);

      appendFileSync(path.join(raiz, "content/notas/2026/11/cierre-de-via.mdx"), "\nUn párrafo agregado después de publicar.\n");
      const editada = cargarParaPublicar(raiz, institucion);
      expect(editada.omitidas).toBe(1);
      expect(editada.registros.get(cierre.id)?.hashNota).toBe(registro.hashNota);
    } finally {
      borrar();
    }
  });
});
