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
