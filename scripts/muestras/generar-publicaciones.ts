/**
 * Generator of the sample's FICTIONAL publication records and daily metric snapshots:
 *   node scripts/muestras/generar-publicaciones.ts [--raiz CARPETA]
 * Writes content/publicaciones/2026/MM/<slug>.json for the sample notes published up to
 * HASTA (23 November 2026), and content/reportes/datos/2026/11/metricas-2026-11-DD.json for every
 * day of November 2026 but one (DIA_SIN_DATOS, a gap as a real month has). Every file carries
 * `ejemplo: true`; `node scripts/muestras/quitar-muestra.ts` removes them when an entity adopts
 * Convergente. The later sample notes keep no record, so `npm start` still simulates their posts.
 *
 * Deterministic: a seeded PRNG per (note, network), fixed instants, the publisher's own keys and
 * hashes (claveIdempotencia, construirEnvio, hashNota): running it again gives the same bytes.
 * The ids and URLs look like each platform's but point at nothing. Sample data is not runtime
 * code: nothing under scripts/lib/ imports this file.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { urlDeNota } from "../lib/copy/index.ts";
import { escribirAtomico } from "../lib/content/escribir.ts";
import { cargarInstitucion } from "../lib/content/institucion.ts";
import { cargarNotasOFallar, type Nota } from "../lib/content/notas.ts";
import { rutas } from "../lib/content/paths.ts";
import {
  archivoInstantanea,
  instantaneaMetricasSchema,
  VERSION_ESQUEMA_METRICAS,
  type InstantaneaMetricas,
  type LecturaRed,
} from "../lib/content/schema/metricas.ts";
import { REDES, type Red } from "../lib/content/schema/redes.ts";
import type { Institucion } from "../lib/content/schema/institucion.ts";
import { isoBogota } from "../lib/content/time.ts";
import { serializarRegistro } from "../lib/ledger/almacen.ts";
import { VERSION_ESQUEMA_REGISTRO, type CorreccionRegistro, type EntradaRed, type Registro } from "../lib/ledger/schema.ts";
import { REGISTRO } from "../lib/networks/index.ts";
import { construirEnvio } from "../lib/publish/contenido.ts";
import { claveIdempotencia, hashNota, versionDe } from "../lib/publish/version.ts";

/** Sample notes published up to this instant get a record; later ones are left for `npm start`. */
export const HASTA = new Date("2026-11-23T23:59:59-05:00");
/** The month with daily snapshots. */
export const MES_METRICAS = "2026-11";
/** A day without a snapshot (the workflow did not run): the report treats it as a gap. */
export const DIA_SIN_DATOS = "2026-11-16";
/** From this day the sample shows a Facebook metric Meta retired (as on 15 November 2025). */
export const DIA_RETIRO = "2026-11-15";
const METRICA_RETIRADA = "post_clicks";
/** The one post a person resolved by hand (its outcome was lost): note and network. */
const RESUELTA_A_MANO = { notaId: "2026/10/simulacro-sismo", red: "telegram" as Red };
/** The one post that needed a second run after a transient failure. */
const CON_REINTENTO = { notaId: "2026/11/festival-campesino", red: "instagram" as Red };

const DIA_MS = 86_400_000;
const HORA_MS = 3_600_000;

/** mulberry32 seeded from a text: the same text always gives the same sequence. */
function azar(semilla: string): () => number {
  let a = createHash("sha256").update(semilla).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const entre = (r: () => number, min: number, max: number) => min + r() * (max - min);
const entero = (r: () => number, min: number, max: number) => Math.floor(entre(r, min, max + 1));
const digitos = (r: () => number, n: number) => Array.from({ length: n }, () => entero(r, 0, 9)).join("");

/** A fictional post id and URL shaped like each platform's (they point at nothing). */
function postFicticio(red: Red, r: () => number, institucion: Institucion): { idRemoto: string; url: string } {
  switch (red) {
    case "facebook": {
      const pagina = institucion.redes.facebook?.opciones.paginaId ?? "100064000000001";
      const n = `1${digitos(r, 15)}`;
      return { idRemoto: `${pagina}_${n}`, url: `https://www.facebook.com/${pagina}/posts/${n}` };
    }
    case "instagram": {
      const codigo = Array.from(
        { length: 11 },
        () => "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"[entero(r, 0, 56)],
      ).join("");
      return { idRemoto: `1790${digitos(r, 13)}`, url: `https://www.instagram.com/p/${codigo}/` };
    }
    case "x": {
      const id = `18${digitos(r, 17)}`;
      return {
        idRemoto: id,
        url: `https://x.com/${(institucion.redes.x?.usuario ?? "@AlcaldiaCajica").replace(/^@/, "")}/status/${id}`,
      };
    }
    case "telegram": {
      const n = entero(r, 1200, 1900);
      const canal = (institucion.redes.telegram?.usuario ?? "@alcaldiacajica").replace(/^@/, "");
      return { idRemoto: `foto:${n}`, url: `https://t.me/${canal}/${n}` };
    }
    case "mastodon": {
      const id = `1135${digitos(r, 14)}`;
      return { idRemoto: id, url: `${institucion.redes.mastodon?.url ?? "https://mastodon.social/@cajica"}/${id}` };
    }
    case "bluesky": {
      const rkey = `3m${Array.from({ length: 11 }, () => "234567abcdefghijklmnopqrstuvwxyz"[entero(r, 0, 31)]).join("")}`;
      const handle = (institucion.redes.bluesky?.usuario ?? "@cajica.gov.co").replace(/^@/, "");
      return {
        idRemoto: `at://did:plc:cajicaejemplo000000000000/app.bsky.feed.post/${rkey}`,
        url: `https://bsky.app/profile/${handle}/post/${rkey}`,
      };
    }
  }
}

/** The publishing run that picks a note up: the schedule runs at minutes 7, 17, ..., 57. */
function siguienteEjecucion(programado: Date): number {
  const t = programado.getTime();
  const minuto = new Date(t).getUTCMinutes();
  const espera = ((7 - (minuto % 10) + 10) % 10 || 10) * 60_000;
  return t - (t % 60_000) + espera;
}

/** Which community group shares a note by its dependencia (matches the sample config's interests). */
const GRUPO_POR_DEPENDENCIA: Record<string, string> = {
  "secretaria-de-cultura": "jovenes-cajica",
  "secretaria-de-educacion": "jovenes-cajica",
  "secretaria-de-ambiente": "vereda-chuntame",
  "secretaria-de-desarrollo-social": "capellania-comunidad",
  "secretaria-de-obras-publicas": "capellania-comunidad",
};

/** The sample record of one note (every network of its `canales`, as the publisher would have left it). */
function registroDeMuestra(nota: Nota, institucion: Institucion, raiz: string): Registro {
  const version = versionDe(nota);
  const programado = nota.datos.publicar;
  const corrida = siguienteEjecucion(programado);
  const redes: Registro["redes"] = {};
  for (const [i, red] of nota.datos.canales
    .map((c) => c.red)
    .filter((c) => institucion.redes[c])
    .entries()) {
    const r = azar(`${nota.id}\0${red}\0registro`);
    const post = postFicticio(red, r, institucion);
    const reintento = nota.id === CON_REINTENTO.notaId && red === CON_REINTENTO.red;
    const aMano = nota.id === RESUELTA_A_MANO.notaId && red === RESUELTA_A_MANO.red;
    const primerEnvio = corrida + 25_000 + i * 4_000 + entero(r, 0, 2_000);
    const publicado = reintento ? primerEnvio + 10 * 60_000 : primerEnvio + entero(r, 800, 3_500);
    const original = construirEnvio(nota, red, institucion, raiz, "original");
    const correcciones: CorreccionRegistro[] = nota.datos.correcciones.map((c, k) => {
      const v = `correccion-${k + 1}`;
      const edita = REGISTRO[red].capacidades.edita;
      const fecha = c.fecha.getTime() + 7 * 60_000 + i * 4_000 + entero(r, 500, 3_000);
      const respuesta = edita ? post : postFicticio(red, r, institucion);
      return {
        version: v,
        estado: "publicado",
        modo: edita ? "edicion" : "respuesta",
        idRemoto: respuesta.idRemoto,
        url: respuesta.url,
        fecha: isoBogota(new Date(fecha)),
        hash: construirEnvio(nota, red, institucion, raiz, v).hash,
        clave: claveIdempotencia(nota.id, red, v),
        intentos: 1,
        primerEnvio: isoBogota(new Date(fecha - 1_500)),
      };
    });
    const ultima = correcciones.at(-1);
    const entrada: EntradaRed = {
      estado: "publicado",
      intentos: reintento ? 2 : 1,
      idRemoto: post.idRemoto,
      url: post.url,
      programado: isoBogota(programado),
      publicadoEn: isoBogota(new Date(publicado)),
      demoraSegundos: Math.round((publicado - programado.getTime()) / 1000),
      hashEnviado: original.hash,
      clave: claveIdempotencia(nota.id, red, "original"),
      version,
      primerEnvio: isoBogota(new Date(primerEnvio)),
      correcciones,
      actualizado: ultima?.fecha ?? isoBogota(new Date(publicado)),
    };
    if (aMano) {
      // The answer of sendPhoto was lost (Telegram cannot be asked afterwards): `incierto` until
      // the head of press checked the channel the next morning and resolved it by hand.
      const resuelto = new Date(programado.getTime() + 16 * HORA_MS + 12 * 60_000);
      entrada.ultimoError = {
        mensaje:
          "Telegram no respondió en 30 s al publicar la foto. No se puede saber si el mensaje quedó en el canal: revíselo y resuelva con prensa publicar --resolver.",
        tipo: "incierto",
        codigo: "timeout",
        fecha: isoBogota(new Date(publicado)),
      };
      entrada.resolucion = {
        accion: "publicado",
        fecha: isoBogota(resuelto),
        por: "jefatura-de-prensa",
        estadoPrevio: "incierto",
      };
      entrada.actualizado = isoBogota(resuelto);
    }
    redes[red] = entrada;
  }
  const grupo = GRUPO_POR_DEPENDENCIA[nota.datos.dependencia];
  const compartidos =
    grupo && institucion.gruposComunitarios.some((g) => g.id === grupo)
      ? [
          {
            grupo,
            fecha: isoBogota(new Date(corrida + entero(azar(`${nota.id}\0compartido`), 60, 180) * 60_000)),
            por: "Oficina de Prensa",
          },
        ]
      : [];
  return {
    esquema: VERSION_ESQUEMA_REGISTRO,
    notaId: nota.id,
    archivo: nota.archivo,
    titulo: nota.datos.titulo,
    dependencia: nota.datos.dependencia,
    enlace: urlDeNota(nota, institucion),
    hashNota: hashNota(readFileSync(nota.ruta, "utf8")),
    redes,
    compartidos,
    ejemplo: true,
  };
}

/** Lifetime totals a post reaches, by network (seeded per note and network; Telegram offers none). */
function totales(red: Red, popularidad: number, r: () => number): Record<string, number> {
  const f = popularidad * entre(r, 0.8, 1.2);
  const n = (x: number) => Math.round(x);
  switch (red) {
    case "facebook": {
      const vistas = n(1800 * f);
      return {
        reactions: n(vistas * 0.035),
        comments: n(vistas * 0.006),
        shares: n(vistas * 0.004),
        post_media_view: vistas,
        post_total_media_view_unique: n(vistas * 0.72),
        post_clicks: n(vistas * 0.02),
      };
    }
    case "instagram": {
      const views = n(1500 * f);
      const likes = n(views * 0.06);
      const comments = n(views * 0.004);
      const shares = n(views * 0.005);
      const saved = n(views * 0.004);
      return {
        views,
        reach: n(views * 0.68),
        total_interactions: likes + comments + shares + saved,
        likes,
        comments,
        shares,
        saved,
      };
    }
    case "x": {
      const imp = n(1200 * f);
      return {
        impression_count: imp,
        like_count: n(imp * 0.012),
        retweet_count: n(imp * 0.004),
        reply_count: n(imp * 0.002),
        quote_count: n(imp * 0.0007),
        bookmark_count: n(imp * 0.001),
      };
    }
    case "mastodon":
      return { favourites_count: n(14 * f), reblogs_count: n(6 * f), replies_count: n(2 * f), quotes_count: n(0.5 * f) };
    case "bluesky":
      return { likeCount: n(18 * f), repostCount: n(5 * f), replyCount: n(2 * f), quoteCount: n(0.6 * f) };
    case "telegram":
      return {};
  }
}

/** Share of its lifetime total a post has after `horas` (most of it comes in the first two days). */
const crecimiento = (horas: number) => (horas <= 0 ? 0 : 1 - Math.exp(-horas / 28));

/** One published post of the sample, with what it reaches. */
interface PostMuestra {
  notaId: string;
  red: Red;
  idRemoto: string;
  publicadoEn: number;
  totales: Record<string, number>;
}

/** The figures of one post at one instant, as the reader of its network stores them. */
function cifrasPost(p: PostMuestra, instante: number, dia: string): LecturaRed["publicaciones"][number] {
  const k = crecimiento((instante - p.publicadoEn) / HORA_MS);
  const detalle: Record<string, number | null> = Object.fromEntries(
    Object.entries(p.totales).map(([m, v]) => [m, Math.round(v * k)]),
  );
  const suma = (...m: string[]) => m.reduce((a, x) => a + (detalle[x] ?? 0), 0);
  switch (p.red) {
    case "facebook":
      if (dia >= DIA_RETIRO) detalle[METRICA_RETIRADA] = null;
      return {
        notaId: p.notaId,
        idRemoto: p.idRemoto,
        vistas: detalle.post_media_view!,
        alcance: detalle.post_total_media_view_unique!,
        interacciones: suma("reactions", "comments", "shares"),
        detalle,
      };
    case "instagram":
      return {
        notaId: p.notaId,
        idRemoto: p.idRemoto,
        vistas: detalle.views!,
        alcance: detalle.reach!,
        interacciones: suma("likes", "comments", "shares", "saved"),
        detalle: { ...detalle, total_interactions: suma("likes", "comments", "shares", "saved") },
      };
    case "x":
      return {
        notaId: p.notaId,
        idRemoto: p.idRemoto,
        vistas: detalle.impression_count!,
        alcance: null,
        interacciones: suma("like_count", "retweet_count", "reply_count", "quote_count", "bookmark_count"),
        detalle,
      };
    case "mastodon":
      return {
        notaId: p.notaId,
        idRemoto: p.idRemoto,
        vistas: null,
        alcance: null,
        interacciones: suma("favourites_count", "reblogs_count", "replies_count", "quotes_count"),
        detalle,
      };
    case "bluesky":
      return {
        notaId: p.notaId,
        idRemoto: p.idRemoto,
        vistas: null,
        alcance: null,
        interacciones: suma("likeCount", "repostCount", "replyCount", "quoteCount"),
        detalle,
      };
    case "telegram":
      return { notaId: p.notaId, idRemoto: p.idRemoto, vistas: null, alcance: null, interacciones: null, detalle: {} };
  }
}

/** Followers on day `d` (0 = 1 November): a base, a steady gain and seeded daily noise. */
const SEGUIDORES: Record<Red, { base: number; diario: number }> = {
  facebook: { base: 15100, diario: 9 },
  instagram: { base: 8150, diario: 7 },
  x: { base: 25380, diario: 3 },
  telegram: { base: 2840, diario: 2 },
  mastodon: { base: 1300, diario: 1 },
  bluesky: { base: 905, diario: 2 },
};

function cuentaDelDia(red: Red, d: number, posts: number): LecturaRed["cuenta"] {
  let seguidores = SEGUIDORES[red].base;
  const r = azar(`${red}\0seguidores`);
  for (let i = 0; i <= d; i++) seguidores += Math.max(-2, Math.round(SEGUIDORES[red].diario + entre(r, -3, 3)));
  const dia = azar(`${red}\0dia\0${d}`);
  switch (red) {
    case "facebook": {
      const vistas = entero(dia, 2500, 6000);
      return {
        seguidores,
        detalle: {
          followers_count: seguidores,
          fan_count: Math.round(seguidores * 0.985),
          page_media_view: vistas,
          page_total_media_view_unique: Math.round(vistas * 0.7),
          page_post_engagements: entero(dia, 150, 500),
        },
      };
    }
    case "instagram": {
      const views = entero(dia, 3000, 9000);
      return {
        seguidores,
        detalle: {
          followers_count: seguidores,
          media_count: 310 + posts,
          reach: Math.round(views * 0.55),
          views,
          total_interactions: entero(dia, 120, 420),
        },
      };
    }
    case "x":
      return {
        seguidores,
        detalle: { followers_count: seguidores, following_count: 312, tweet_count: 9800 + posts, listed_count: 41 },
      };
    case "telegram":
      return { seguidores, detalle: { member_count: seguidores } };
    case "mastodon":
      return { seguidores, detalle: { followers_count: seguidores, following_count: 85, statuses_count: 640 + posts } };
    case "bluesky":
      return { seguidores, detalle: { followersCount: seguidores, followsCount: 60, postsCount: 210 + posts } };
  }
}

/** Requests each reader makes for `n` posts (see scripts/lib/networks/metricas/). */
function solicitudes(red: Red, n: number): number {
  switch (red) {
    case "facebook":
      return 2 + 2 * n;
    case "instagram":
      return 2 + n;
    case "x":
      return 1 + Math.ceil(n / 100);
    case "telegram":
      return 1;
    case "mastodon":
      return 1 + n;
    case "bluesky":
      return 1 + Math.ceil(n / 25);
  }
}

/** The snapshot of one November day, read at 6:23 a. m. (the workflow's time) plus seeded seconds. */
function instantaneaDelDia(dia: string, d: number, posts: readonly PostMuestra[], institucion: Institucion): InstantaneaMetricas {
  const instante = new Date(`${dia}T06:23:${String(entero(azar(`instante\0${dia}`), 4, 58)).padStart(2, "0")}-05:00`);
  const t = instante.getTime();
  const recientes = posts.filter((p) => p.publicadoEn <= t && p.publicadoEn > t - 35 * DIA_MS);
  const redes: InstantaneaMetricas["redes"] = {};
  for (const red of REDES) {
    if (!institucion.redes[red]) continue;
    const propios = recientes
      .filter((p) => p.red === red)
      .sort((a, b) => b.publicadoEn - a.publicadoEn || a.notaId.localeCompare(b.notaId));
    const hechos = posts.filter((p) => p.red === red && p.publicadoEn <= t).length;
    redes[red] = {
      cuenta: cuentaDelDia(red, d, hechos),
      publicaciones: propios.map((p) => cifrasPost(p, t, dia)),
      noDisponibles: red === "facebook" && dia >= DIA_RETIRO ? [METRICA_RETIRADA] : [],
      sinLeer: [],
      errores: [],
      solicitudes: solicitudes(red, propios.length) + (red === "facebook" && dia === DIA_RETIRO ? 3 : 0),
    };
  }
  return instantaneaMetricasSchema.parse({
    esquema: VERSION_ESQUEMA_METRICAS,
    fecha: dia,
    instante: isoBogota(instante),
    ejemplo: true,
    redes,
  });
}

/** Every sample file (path relative to the root → text), in a stable order. */
export function datosDeMuestra(raiz: string): Map<string, string> {
  const institucion = cargarInstitucion(raiz);
  const notas = cargarNotasOFallar(institucion, { raiz })
    .filter((n) => !n.datos.borrador && n.datos.publicar <= HASTA && n.datos.canales.length > 0)
    .sort((a, b) => a.id.localeCompare(b.id));
  const salida = new Map<string, string>();
  const posts: PostMuestra[] = [];
  for (const nota of notas) {
    const registro = registroDeMuestra(nota, institucion, raiz);
    salida.set(`content/publicaciones/${nota.id}.json`, serializarRegistro(registro));
    const popularidad = entre(azar(`${nota.id}\0popularidad`), 0.5, 2);
    for (const red of REDES) {
      const e = registro.redes[red];
      if (!e?.idRemoto || !e.publicadoEn) continue;
      posts.push({
        notaId: nota.id,
        red,
        idRemoto: e.idRemoto,
        publicadoEn: Date.parse(e.publicadoEn),
        totales: totales(red, popularidad, azar(`${nota.id}\0${red}\0totales`)),
      });
    }
  }
  const [anio, mes] = MES_METRICAS.split("-").map(Number) as [number, number];
  const dias = new Date(Date.UTC(anio, mes, 0)).getUTCDate();
  for (let d = 0; d < dias; d++) {
    const dia = `${MES_METRICAS}-${String(d + 1).padStart(2, "0")}`;
    if (dia === DIA_SIN_DATOS) continue;
    salida.set(archivoInstantanea(dia), `${JSON.stringify(instantaneaDelDia(dia, d, posts, institucion), null, 2)}\n`);
  }
  return salida;
}

function principal(): number {
  const { values } = parseArgs({ options: { raiz: { type: "string" } } });
  const raiz = rutas(values.raiz ? path.resolve(values.raiz) : undefined).raiz;
  const archivos = datosDeMuestra(raiz);
  for (const [relativa, texto] of archivos) escribirAtomico(path.join(raiz, relativa), texto);
  const registros = [...archivos.keys()].filter((f) => f.startsWith("content/publicaciones/")).length;
  process.stdout.write(
    `${registros} registros de publicaciones y ${archivos.size - registros} fotos de métricas de muestra escritos.\n`,
  );
  return 0;
}

// Only when run as a program: the test imports datosDeMuestra without writing anything.
if (import.meta.main) process.exitCode = principal();
