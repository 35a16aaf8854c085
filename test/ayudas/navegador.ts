import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium; CHROMIUM_RUTA overrides it. */
export const RUTA_CHROMIUM = process.env.CHROMIUM_RUTA ?? "/usr/bin/chromium";

/** Launches headless Chromium, or fails clearly (never a silent skip) when it is not installed. */
export async function abrirNavegador(): Promise<Browser> {
  if (!existsSync(RUTA_CHROMIUM))
    throw new Error(
      `No se encontró Chromium en ${RUTA_CHROMIUM}. Las pruebas de accesibilidad lo necesitan: instálelo con «sudo apt-get install -y chromium» (Debian/Ubuntu) o indique su ruta en la variable CHROMIUM_RUTA.`,
    );
  return chromium.launch({
    executablePath: RUTA_CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}
