import { z } from "zod";

/** The social networks Convergente can publish to. Keys are the values editors write in `canales`. */
export const REDES = ["facebook", "instagram", "x", "telegram", "mastodon", "bluesky"] as const;

/** A network name as written in a note or the config. */
export const redSchema = z.enum(REDES, {
  error: () => `debe ser una de estas redes: ${REDES.join(", ")}`,
});

export type Red = z.infer<typeof redSchema>;

/** Human names of each network, as shown to people. */
export const NOMBRE_RED: Record<Red, string> = {
  facebook: "Facebook",
  instagram: "Instagram",
  x: "X",
  telegram: "Telegram",
  mastodon: "Mastodon",
  bluesky: "Bluesky",
};

/** A numeric platform id (Graph page or account id, X user id): digits, written as a string or a safe integer. */
const idNumericoSchema = z.preprocess(
  (v) => (typeof v === "number" && Number.isSafeInteger(v) ? String(v) : v),
  z.string().trim().regex(/^\d+$/, 'debe ser un identificador numérico entre comillas (ejemplo: "100064000000001")'),
);

const urlHttpSchema = z.url({ protocol: /^https?$/, error: () => "debe ser una URL completa (https://...)" });

/**
 * Settings each network's publisher needs, under `redes.<red>.opciones` in config/institucion.yaml.
 * Strict: a misspelt key is reported by `prensa comprobar` instead of being ignored until publishing.
 */
export const OPCIONES_RED = {
  facebook: z
    .object({
      /** Numeric id of the Facebook Page the posts go to. */
      paginaId: idNumericoSchema.optional(),
    })
    .strict(),
  instagram: z
    .object({
      /** Numeric id of the Instagram professional account (IG User id). */
      cuentaId: idNumericoSchema.optional(),
    })
    .strict(),
  x: z
    .object({
      /** Numeric id of the X account; saves one GET /2/users/me per run (X charges per request). */
      usuarioId: idNumericoSchema.optional(),
    })
    .strict(),
  telegram: z
    .object({
      /** The channel: "@name" for a public channel or its numeric id (-100...) for a private one. */
      chatId: z
        .preprocess(
          (v) => (typeof v === "number" && Number.isSafeInteger(v) ? String(v) : v),
          z
            .string()
            .trim()
            .regex(/^(@[A-Za-z0-9_]{4,}|-?\d+)$/, 'debe ser "@nombre_del_canal" o el número del chat (ejemplo: -1001234567890)'),
        )
        .optional(),
    })
    .strict(),
  mastodon: z
    .object({
      /** Instance URL, e.g. https://mastodon.social. */
      instancia: urlHttpSchema.optional(),
      /** Character limit of the instance when it is not Mastodon's 500. */
      limite: z.number().int().min(100).optional(),
    })
    .strict(),
  bluesky: z
    .object({
      /** PDS or entryway URL (default https://bsky.social). */
      servicio: urlHttpSchema.optional(),
      /** Handle or DID of the account (BLUESKY_IDENTIFICADOR overrides it). */
      identificador: z.string().trim().min(3).optional(),
      /** "tarjeta" (link card, default) or "imagen" (the social image with its alt text). */
      incrustacion: z.enum(["tarjeta", "imagen"]).optional(),
    })
    .strict(),
} as const satisfies Record<Red, z.ZodType>;

export type OpcionesRed<R extends Red> = z.infer<(typeof OPCIONES_RED)[R]>;
