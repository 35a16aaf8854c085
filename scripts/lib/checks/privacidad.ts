import type { Hallazgo, Revision } from "./tipos.ts";
import { detectarDatosPersonales, excepcionesDe, NOMBRES_DATO, type Excepciones } from "./datos-personales.ts";
import { segmentosDe } from "./segmentos.ts";
import type { Institucion } from "../content/schema/institucion.ts";

const cache = new WeakMap<Institucion, Excepciones>();

const ARREGLO: Record<string, string> = {
  menor:
    'no publique nombres de niños, niñas o adolescentes (Ley 1098 de 2006, art. 47): use un nombre genérico ("un estudiante de grado 10") o las iniciales',
  otro: "quite el dato; si la persona autorizó por escrito su publicación, declare en el frontmatter privacidad: { datosPersonales: autorizados, autorizacion: <radicado o acta> }",
};

/**
 * privacidad/*: personal data (Ley 1581 de 2012) in every text people read. An error unless the
 * note declares `privacidad.datosPersonales: autorizados` with its authorization reference.
 */
export const revisarPrivacidad: Revision = (ctx) => {
  let ex = cache.get(ctx.institucion);
  if (!ex) {
    ex = excepcionesDe(ctx.institucion);
    cache.set(ctx.institucion, ex);
  }
  const autorizados = ctx.nota.datos.privacidad.datosPersonales === "autorizados" && !!ctx.nota.datos.privacidad.autorizacion;
  const hallazgos: Hallazgo[] = [];
  for (const s of segmentosDe(ctx)) {
    for (const dato of detectarDatosPersonales(s.texto, ex)) {
      const pos = s.ubicar(dato.inicio, dato.fragmento);
      hallazgos.push({
        archivo: ctx.nota.archivo,
        ...pos,
        regla: `privacidad/${dato.tipo}`,
        severidad: autorizados ? "aviso" : "error",
        mensaje: `${s.lugar} contiene lo que parece ${NOMBRES_DATO[dato.tipo]}: «${dato.fragmento}»${
          autorizados ? ` (la nota declara autorización: ${ctx.nota.datos.privacidad.autorizacion})` : ""
        }`,
        arreglo: autorizados
          ? "confirme que la autorización cubre este dato"
          : dato.tipo === "menor"
            ? ARREGLO.menor
            : ARREGLO.otro,
      });
    }
  }
  return hallazgos;
};
