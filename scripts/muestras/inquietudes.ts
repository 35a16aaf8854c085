/**
 * Sample inquiries for a fresh machine, so `prensa inquietudes` shows the inbox working without any
 * account:
 *   node scripts/muestras/inquietudes.ts [--raiz CARPETA]
 * Files a dozen FICTITIOUS messages (invented people, handles ending in «_muestra») into the local
 * store (`.inquietudes/`, git-ignored) through the same filing code `sincronizar` uses, with
 * instants relative to now: some answered, some due today, some overdue, a petition to file. It
 * never touches a network or GitHub. Sample data is not runtime code: nothing under scripts/lib/
 * imports it. Run `prensa inquietudes suprimir --autor vecina_muestra` to see habeas data at work.
 */
import { parseArgs } from "node:util";
import { cargarInstitucion } from "../lib/content/institucion.ts";
import { rutas } from "../lib/content/paths.ts";
import type { MensajeEntrante } from "../lib/networks/tipos.ts";
import { abrirAlmacen } from "../lib/inbox/almacen.ts";
import { archivarEnAlmacen, crearContexto } from "../lib/inbox/conversacion.ts";

type Muestra = Omit<MensajeEntrante, "recibido"> & { horasAtras: number };

const persona = (usuario: string, nombre: string) => ({ id: `id-${usuario}`, usuario, nombre });

/** The sample messages, oldest first. `horasAtras` is counted back from now. */
export const MUESTRAS: Muestra[] = [
  {
    red: "facebook",
    idExterno: "fb-c-1001",
    hilo: "fb-post-9001",
    canal: "comentario",
    autor: persona("vecina_muestra", "Vecina de Muestra"),
    texto: "¿Hasta qué hora atienden en la Secretaría de Hacienda para pagar el predial?",
    enlace: "https://www.facebook.com/muestra/posts/9001?comment_id=1001",
    propio: false,
    horasAtras: 30,
  },
  {
    red: "facebook",
    idExterno: "fb-c-1002",
    hilo: "fb-post-9001",
    canal: "comentario",
    autor: { id: "pagina-muestra", usuario: "AlcaldiaCajica" },
    texto: "Hola, atendemos de lunes a jueves de 7:00 a. m. a 5:00 p. m. y el viernes hasta las 4:00 p. m.",
    propio: true,
    respondeA: "fb-c-1001",
    horasAtras: 26,
  },
  {
    red: "instagram",
    idExterno: "ig-c-2001",
    hilo: "ig-media-8001",
    canal: "comentario",
    autor: persona("ciclista_muestra", "Ciclista de Muestra"),
    texto: "Qué mal servicio, nadie responde por el hueco de la calle séptima y no han arreglado nada.",
    propio: false,
    horasAtras: 75,
  },
  {
    red: "x",
    idExterno: "x-m-3001",
    hilo: "x-m-3001",
    canal: "mencion",
    autor: persona("veedor_muestra", "Veedor de Muestra"),
    texto: "Derecho de petición: solicito copia del contrato de alumbrado navideño de este año.",
    enlace: "https://x.com/veedor_muestra/status/3001",
    propio: false,
    horasAtras: 50,
  },
  {
    red: "telegram",
    idExterno: "tg-u-4001",
    hilo: "tg-chat-4000",
    canal: "privado",
    autor: persona("madre_muestra", "Madre de Muestra"),
    texto: "Buenas, ¿dónde inscribo a mi hijo en la escuela de música?",
    propio: false,
    horasAtras: 4,
  },
  {
    red: "mastodon",
    idExterno: "md-s-5001",
    hilo: "md-s-5001",
    canal: "mencion",
    autor: persona("profe_muestra", "Profe de Muestra"),
    texto: "Sugiero que la ciclovía llegue hasta la vereda Chuntame los domingos.",
    propio: false,
    horasAtras: 20,
  },
  {
    red: "bluesky",
    idExterno: "bs-p-6001",
    hilo: "bs-p-6001",
    canal: "comentario",
    autor: persona("abuelo_muestra", "Abuelo de Muestra"),
    texto: "Felicitaciones por la jornada del adulto mayor, excelente atención.",
    propio: false,
    horasAtras: 10,
  },
  {
    red: "facebook",
    idExterno: "fb-m-7001",
    hilo: "fb-conv-7000",
    canal: "privado",
    autor: persona("comerciante_muestra", "Comerciante de Muestra"),
    texto: "Me cobraron dos veces el impuesto de industria y comercio, presento reclamo.",
    propio: false,
    horasAtras: 2,
  },
  {
    red: "instagram",
    idExterno: "ig-c-2002",
    hilo: "ig-media-8002",
    canal: "comentario",
    autor: persona("bot_muestra", "Ofertas de Muestra"),
    texto: "Gana dinero desde casa con criptomonedas, haz clic aqui",
    propio: false,
    horasAtras: 1,
  },
];

if (import.meta.main) {
  const { values } = parseArgs({ options: { raiz: { type: "string" } } });
  const raiz = rutas(values.raiz ?? process.env.PRENSA_RAIZ).raiz;
  const institucion = cargarInstitucion(raiz);
  const ctx = crearContexto(institucion);
  const almacen = abrirAlmacen({ raiz, institucion, env: process.env, almacen: "local" });
  const ahora = Date.now();
  let nuevas = 0;
  for (const { horasAtras, ...m } of MUESTRAS) {
    const mensaje: MensajeEntrante = { ...m, recibido: new Date(ahora - horasAtras * 3600_000) };
    if ((await archivarEnAlmacen(almacen, ctx, mensaje)) === "nuevo") nuevas++;
  }
  console.log(
    nuevas
      ? `Se archivaron ${nuevas} mensajes de muestra (ficticios) en ${almacen.donde}/. Véalos con: node scripts/prensa.ts inquietudes`
      : `Los mensajes de muestra ya estaban en ${almacen.donde}/. Véalos con: node scripts/prensa.ts inquietudes`,
  );
}
