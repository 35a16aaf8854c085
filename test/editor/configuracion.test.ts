import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, it, expect } from "vitest";
import type { z } from "zod";
import { cargarInstitucion } from "../../scripts/lib/content/institucion.ts";
import { RAIZ } from "../../scripts/lib/content/paths.ts";
import { crearEsquemaNota } from "../../scripts/lib/content/schema/nota.ts";
import {
  CLAVES_CARPETA,
  configuracionEditor,
  MAS_ESTRICTOS_QUE_EL_ESQUEMA,
  type CampoDecap,
} from "../../scripts/lib/editor/configuracion.ts";
import { CAMPOS_EDITOR, mezclarFrases, TRADUCCIONES_DECAP } from "../../scripts/lib/editor/textos.ts";

const institucion = cargarInstitucion();

/** The phrases of one of Decap's locales, from the package the admin page bundles. */
async function frasesDecap(idioma: "en" | "es"): Promise<Record<string, unknown>> {
  const archivo = pathToFileURL(path.join(RAIZ, "node_modules/decap-cms-locales/src", idioma, "index.js")).href;
  return ((await import(archivo)) as { default: Record<string, unknown> }).default;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
}
const def = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/**
 * Every leaf and container of the note schema as "path → required", read from zod directly
 * (independently of the generator): optional and defaulted fields are not required.
 */
function rutasDelEsquema(
  esquema: z.ZodType,
  prefijo = "",
  requerido = true,
  r: Record<string, boolean> = {},
): Record<string, boolean> {
  let s = esquema;
  let req = requerido;
  while (["optional", "default"].includes(def(s).type)) {
    req = false;
    s = def(s).innerType!;
  }
  if (prefijo) r[prefijo] = req;
  const d = def(s);
  if (d.type === "object")
    for (const [k, v] of Object.entries(d.shape!)) rutasDelEsquema(v, prefijo ? `${prefijo}.${k}` : k, true, r);
  if (d.type === "array") {
    let e = d.element!;
    if (def(e).type === "union") e = def(e).options!.find((o) => def(o).type === "object") ?? e;
    if (def(e).type === "object")
      for (const [k, v] of Object.entries(def(e).shape!)) rutasDelEsquema(v, `${prefijo}[].${k}`, true, r);
    else r[`${prefijo}[]`] = true;
  }
  return r;
}

/** The same map read from the generated Decap fields. */
function rutasDelEditor(campos: CampoDecap[], prefijo = "", r: Record<string, boolean> = {}): Record<string, boolean> {
  for (const c of campos) {
    const ruta = prefijo ? `${prefijo}.${c.name}` : c.name;
    r[ruta] = c.required;
    if (c.widget === "object") rutasDelEditor(c.fields!, ruta, r);
    if (c.widget === "list" && c.fields) rutasDelEditor(c.fields, `${ruta}[]`, r);
    if (c.widget === "list" && c.field) r[`${ruta}[]`] = c.field.required;
  }
  return r;
}

const config = configuracionEditor(institucion);
const coleccion = config.collections[0]!;
const campos = coleccion.fields;

describe("la configuración del editor web sale del esquema de la nota", () => {
  it("tiene exactamente los campos del esquema, con la misma obligatoriedad (salvo los declarados más estrictos)", () => {
    const esquema = rutasDelEsquema(crearEsquemaNota(institucion));
    const editor = rutasDelEditor(campos.filter((c) => c.name !== "body"));
    expect(Object.keys(editor).sort()).toEqual(Object.keys(esquema).sort());
    for (const [ruta, requerido] of Object.entries(esquema))
      expect(editor[ruta], ruta).toBe(requerido || MAS_ESTRICTOS_QUE_EL_ESQUEMA.includes(ruta));
    expect(Object.keys(esquema).length).toBeGreaterThan(20);
  });

  it("cada campo tiene etiqueta en español y no sobra ninguna etiqueta", () => {
    const esquema = rutasDelEsquema(crearEsquemaNota(institucion));
    expect(Object.keys(CAMPOS_EDITOR).sort()).toEqual(Object.keys(esquema).sort());
  });

  it("ofrece como opciones las dependencias y las redes de config/institucion.yaml", () => {
    const dependencia = campos.find((c) => c.name === "dependencia")!;
    expect(dependencia.widget).toBe("select");
    expect(dependencia.options!.map((o) => o.value)).toEqual(institucion.dependencias.map((d) => d.id));
    const red = campos.find((c) => c.name === "canales")!.fields!.find((c) => c.name === "red")!;
    expect(red.options!.map((o) => o.value)).toEqual(Object.keys(institucion.redes));
  });

  it("exige texto alternativo con sentido y crédito en la imagen, y fechas con la zona horaria", () => {
    const imagen = campos.find((c) => c.name === "imagen")!;
    const alt = imagen.fields!.find((c) => c.name === "alt")!;
    const patron = new RegExp(alt.pattern![0]);
    for (const malo of ["foto", "Fotografía", "imagen  ", "festival.jpg", "corto"]) expect(patron.test(malo), malo).toBe(false);
    expect(patron.test("Niños bailan en la plaza principal durante el festival")).toBe(true);
    expect(imagen.fields!.find((c) => c.name === "credito")!.required).toBe(true);
    expect(campos.find((c) => c.name === "publicar")!.format).toBe("YYYY-MM-DDTHH:mm:ssZ");
  });

  it("guarda cada nota en content/notas/AAAA/MM/<slug>.mdx con la imagen al lado, por el flujo editorial", () => {
    expect(config.publish_mode).toBe("editorial_workflow");
    expect(config.backend).toMatchObject({ name: "github", repo: institucion.github!.repositorio });
    expect(coleccion).toMatchObject({ folder: "content/notas", extension: "mdx", media_folder: "", public_folder: "" });
    // Decap lowercases the path template and turns its dots into dashes before compiling it
    // (prepareSlug): the template must come out of that unchanged, and name the keys the admin
    // page adds before saving.
    expect(coleccion.path).toBe(`{{${CLAVES_CARPETA.anio}}}/{{${CLAVES_CARPETA.mes}}}/{{slug}}`);
    expect(coleccion.path.toLocaleLowerCase().replace(/'/g, "").replace(/\./g, "-")).toBe(coleccion.path);
    expect(config.locale).toBe("es");
  });

  it("no deja ninguna frase de Decap en inglés: su «es» más las traducciones propias cubren todas las de «en»", async () => {
    const [en, es] = [await frasesDecap("en"), await frasesDecap("es")];
    const faltan: string[] = [];
    const recorrer = (ingles: Record<string, unknown>, espanol: Record<string, unknown>, ruta: string) => {
      for (const [clave, valor] of Object.entries(ingles)) {
        if (valor && typeof valor === "object")
          recorrer(valor as Record<string, unknown>, (espanol[clave] ?? {}) as Record<string, unknown>, `${ruta}${clave}.`);
        else if (typeof espanol[clave] !== "string") faltan.push(`${ruta}${clave}`);
      }
    };
    recorrer(en, mezclarFrases(es, TRADUCCIONES_DECAP), "");
    expect(faltan).toEqual([]);
    // Each of our translations fills a gap or replaces a real phrase: no stale keys.
    const sobran: string[] = [];
    const revisar = (propias: Record<string, unknown>, ingles: Record<string, unknown>, ruta: string) => {
      for (const [clave, valor] of Object.entries(propias)) {
        if (valor && typeof valor === "object")
          revisar(valor as Record<string, unknown>, (ingles[clave] ?? {}) as Record<string, unknown>, `${ruta}${clave}.`);
        else if (typeof ingles[clave] !== "string") sobran.push(`${ruta}${clave}`);
      }
    };
    revisar(TRADUCCIONES_DECAP, en, "");
    expect(sobran).toEqual([]);
  });

  it("toma la dirección del servicio de inicio de sesión de la configuración", () => {
    const conOauth = configuracionEditor({
      ...institucion,
      editorWeb: { autenticacion: "https://editor-oauth.example.org", rutaAutenticacion: "auth" },
    });
    expect(conOauth.backend).toMatchObject({ base_url: "https://editor-oauth.example.org", auth_endpoint: "auth" });
    expect(config.backend).not.toHaveProperty("base_url");
  });
});
