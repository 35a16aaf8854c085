import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import http from "node:http";
import { AtpAgent } from "@atproto/api";
import { TwitterApi } from "twitter-api-v2";
import { escribirAtomico } from "../content/escribir.ts";
import { ErrorConvergente } from "../content/problems.ts";
import { registroPerfilesSchema, type AplicacionPerfil, type RegistroPerfiles } from "../content/schema/imagen.ts";
import type { Institucion } from "../content/schema/institucion.ts";
import type { Red } from "../content/schema/redes.ts";
import { isoBogota } from "../content/time.ts";
import { ocultar } from "../networks/http.ts";
import { REGISTRO } from "../networks/index.ts";
import { APLICABLES, type ArchivoKit } from "./kit.ts";

/**
 * `prensa imagen kit --aplicar`: updates the avatar and header of the networks whose API allows it,
 * once per change, and records what was sent in content/imagen/perfiles.json (like the publication
 * records: real-clock instants, atomic write, never a secret).
 * - Mastodon: PATCH /api/v1/accounts/update_credentials, multipart/form-data with `avatar` and
 *   `header` files (docs.joinmastodon.org/methods/accounts/#update_credentials; scope
 *   write:accounts). The answer is the CredentialAccount.
 * - Bluesky: com.atproto.repo.uploadBlob for each image, then the app.bsky.actor.profile record
 *   (rkey "self") rewritten with `avatar` and `banner` blobs, keeping its other fields
 *   (AtpAgent.upsertProfile: getRecord + putRecord with swapRecord).
 * - X: POST account/update_profile_image (multipart `image`) and account/update_profile_banner
 *   (multipart `banner`) of API v1.1, with the OAuth 1.0a user context the publisher uses
 *   (developer.x.com/en/docs/accounts-and-users/manage-account-settings/api-reference).
 * - Telegram: setChatPhoto (multipart: chat_id, photo) sets the channel's photo; the bot must be an
 *   administrator with the right to change the channel info (core.telegram.org/bots/api#setchatphoto).
 *   Channels have no cover, so only the profile photo goes.
 */

export const ARCHIVO_REGISTRO = "content/imagen/perfiles.json";

export function leerRegistroPerfiles(raiz: string): RegistroPerfiles {
  const archivo = path.join(raiz, ARCHIVO_REGISTRO);
  let texto: string;
  try {
    texto = readFileSync(archivo, "utf8");
  } catch {
    return { esquema: 1, redes: {} };
  }
  const r = registroPerfilesSchema.safeParse(JSON.parse(texto));
  if (!r.success) throw new ErrorConvergente(`El registro ${ARCHIVO_REGISTRO} no es válido: ${r.error.issues[0]?.message ?? ""}`);
  return r.data;
}

/** Fingerprint of a network's images: sha256 of their sha256s in a fixed order. */
export function huellaDe(archivos: readonly ArchivoKit[]): string {
  return createHash("sha256")
    .update(
      archivos
        .map((a) => `${a.pieza.tipo}:${a.sha256}`)
        .sort()
        .join("\n"),
    )
    .digest("hex");
}

export interface ResultadoAplicar {
  red: Red;
  estado: "aplicado" | "sin-cambios" | "sin-credenciales";
  detalle: string;
}

async function mastodon(
  institucion: Institucion,
  env: NodeJS.ProcessEnv,
  archivos: readonly ArchivoKit[],
): Promise<string | undefined> {
  const { credenciales, variableUrl } = REGISTRO.mastodon;
  const token = env[credenciales[0]!];
  if (!token) return undefined;
  const instancia = (env[variableUrl] || institucion.redes.mastodon?.opciones.instancia || "").replace(/\/+$/, "");
  const formulario = new FormData();
  for (const a of archivos)
    formulario.append(
      a.pieza.tipo === "perfil" ? "avatar" : "header",
      new Blob([readFileSync(a.ruta)], { type: "image/png" }),
      path.basename(a.ruta),
    );
  let res: Response;
  try {
    res = await fetch(`${instancia}/api/v1/accounts/update_credentials`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${token}` },
      body: formulario,
      signal: AbortSignal.timeout(60_000),
    });
  } catch (e) {
    throw new ErrorConvergente(ocultar(`No se pudo conectar con Mastodon (${instancia}): ${(e as Error).message}`, env, [token]));
  }
  const cuerpo = (await res.json().catch(() => ({}))) as { id?: string; error?: string };
  if (!res.ok)
    throw new ErrorConvergente(
      ocultar(
        `Mastodon no aceptó las imágenes del perfil (HTTP ${res.status}): ${cuerpo.error ?? "sin detalle"}. Revise ${credenciales[0]} (permiso write:accounts).`,
        env,
        [token],
      ),
    );
  return cuerpo.id ?? "";
}

async function bluesky(
  institucion: Institucion,
  env: NodeJS.ProcessEnv,
  archivos: readonly ArchivoKit[],
): Promise<string | undefined> {
  const { credenciales, variableUrl } = REGISTRO.bluesky;
  const opciones = institucion.redes.bluesky?.opciones ?? {};
  const identificador = env[credenciales[0]!] || opciones.identificador;
  const clave = env[credenciales[1]!];
  if (!identificador || !clave) return undefined;
  const servicio = env[variableUrl] || opciones.servicio || "https://bsky.social";
  const agente = new AtpAgent({ service: servicio });
  try {
    await agente.login({ identifier: identificador, password: clave });
    const blobs: Record<"avatar" | "banner", unknown> = { avatar: undefined, banner: undefined };
    for (const a of archivos) {
      const subido = await agente.uploadBlob(readFileSync(a.ruta), { encoding: "image/png" });
      blobs[a.pieza.tipo === "perfil" ? "avatar" : "banner"] = subido.data.blob;
    }
    await agente.upsertProfile((actual) => ({
      ...(actual ?? {}),
      ...(blobs.avatar ? { avatar: blobs.avatar as never } : {}),
      ...(blobs.banner ? { banner: blobs.banner as never } : {}),
    }));
    return agente.session?.did ?? "";
  } catch (e) {
    throw new ErrorConvergente(ocultar(`Bluesky no aceptó las imágenes del perfil: ${(e as Error).message}`, env, [clave]));
  }
}

async function telegram(
  institucion: Institucion,
  env: NodeJS.ProcessEnv,
  archivos: readonly ArchivoKit[],
): Promise<string | undefined> {
  const { credenciales, variableUrl } = REGISTRO.telegram;
  const token = env[credenciales[0]!];
  if (!token) return undefined;
  const chat = institucion.redes.telegram?.opciones.chatId;
  if (!chat)
    throw new ErrorConvergente("Falta el canal de Telegram para cambiar su foto.", [
      {
        archivo: "config/institucion.yaml",
        campo: "redes.telegram.opciones.chatId",
        mensaje: "no dice cuál es el canal",
        arreglo: 'escriba "@nombre_del_canal" o el número del chat (-100...)',
      },
    ]);
  const foto = archivos.find((a) => a.pieza.tipo === "perfil");
  if (!foto) return "";
  const base = (env[variableUrl] || "https://api.telegram.org").replace(/\/+$/, "");
  const formulario = new FormData();
  formulario.append("chat_id", chat);
  formulario.append("photo", new Blob([readFileSync(foto.ruta)], { type: "image/png" }), path.basename(foto.ruta));
  let res: Response;
  try {
    res = await fetch(`${base}/bot${token}/setChatPhoto`, {
      method: "POST",
      body: formulario,
      signal: AbortSignal.timeout(60_000),
    });
  } catch (e) {
    throw new ErrorConvergente(ocultar(`No se pudo conectar con Telegram: ${(e as Error).message}`, env, [token]));
  }
  const cuerpo = (await res.json().catch(() => ({}))) as { ok?: boolean; description?: string };
  if (!res.ok || cuerpo.ok !== true)
    throw new ErrorConvergente(
      ocultar(
        `Telegram no aceptó la foto del canal (HTTP ${res.status}): ${cuerpo.description ?? "sin detalle"}. El bot debe ser administrador del canal con permiso para cambiar su información.`,
        env,
        [token],
      ),
    );
  return chat;
}

async function x(institucion: Institucion, env: NodeJS.ProcessEnv, archivos: readonly ArchivoKit[]): Promise<string | undefined> {
  const { credenciales, variableUrl } = REGISTRO.x;
  const [appKey, appSecret, accessToken, accessSecret] = credenciales.map((n) => env[n]?.trim());
  if (!appKey || !appSecret || !accessToken || !accessSecret) return undefined;
  const base = (env[variableUrl] || "https://api.x.com").replace(/\/+$/, "");
  const cliente = new TwitterApi(
    { appKey, appSecret, accessToken, accessSecret },
    base.startsWith("http:") ? { httpAgent: new http.Agent() } : {},
  );
  const peticion = { prefix: `${base}/1.1/`, forceBodyMode: "form-data" as const, timeout: 60_000 };
  try {
    for (const a of archivos) {
      const datos = readFileSync(a.ruta);
      if (a.pieza.tipo === "perfil") await cliente.v1.post("account/update_profile_image.json", { image: datos }, peticion);
      else await cliente.v1.post("account/update_profile_banner.json", { banner: datos }, peticion);
    }
  } catch (e) {
    const codigo = (e as { code?: number }).code;
    throw new ErrorConvergente(
      ocultar(
        `X no aceptó las imágenes del perfil${codigo ? ` (HTTP ${codigo})` : ""}: ${(e as Error).message}. Revise que la app de X tenga permiso de lectura y escritura.`,
        env,
        [appKey, appSecret, accessToken, accessSecret],
      ),
    );
  }
  return institucion.redes.x?.usuario ?? "";
}

const APLICAR: Record<string, typeof mastodon> = { mastodon, bluesky, telegram, x };

/**
 * Applies the kit to Mastodon, Bluesky and Telegram when their images changed since the last time (by
 * fingerprint), and records each application. Networks without credentials are skipped, said so.
 */
export async function aplicarKit(
  raiz: string,
  institucion: Institucion,
  archivos: readonly ArchivoKit[],
  campana: string | null,
  env: NodeJS.ProcessEnv,
  reloj: () => Date = () => new Date(),
): Promise<ResultadoAplicar[]> {
  const registro = leerRegistroPerfiles(raiz);
  const resultados: ResultadoAplicar[] = [];
  for (const red of APLICABLES) {
    const propios = archivos.filter((a) => a.pieza.red === red);
    if (!propios.length) continue;
    const huella = huellaDe(propios);
    const previa = registro.redes[red];
    if (previa?.actual.huella === huella) {
      resultados.push({ red, estado: "sin-cambios", detalle: `ya tiene estas imágenes desde ${previa.actual.aplicado}` });
      continue;
    }
    const cuenta = await APLICAR[red]!(institucion, env, propios);
    if (cuenta === undefined) {
      resultados.push({ red, estado: "sin-credenciales", detalle: `faltan ${REGISTRO[red].credenciales.join(" y ")}` });
      continue;
    }
    const aplicacion: AplicacionPerfil = {
      huella,
      aplicado: isoBogota(reloj()),
      campana,
      archivos: propios.map((a) => ({ tipo: a.pieza.tipo, sha256: a.sha256, bytes: a.bytes })),
      ...(cuenta ? { cuenta } : {}),
    };
    registro.redes[red] = { actual: aplicacion, historial: [...(previa ? [previa.actual, ...previa.historial] : [])] };
    // Written after each network, so a failure on the next one never loses what was sent.
    escribirAtomico(path.join(raiz, ARCHIVO_REGISTRO), `${JSON.stringify(registroPerfilesSchema.parse(registro), null, 2)}\n`);
    const piezas = propios.some((a) => a.pieza.tipo !== "perfil")
      ? "avatar y portada actualizados"
      : "foto del canal actualizada";
    resultados.push({ red, estado: "aplicado", detalle: `${piezas} (${aplicacion.aplicado})` });
  }
  return resultados;
}
