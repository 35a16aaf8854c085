import sharp from "sharp";
import { generadorSembrado as generador } from "../test/ayudas/azar.ts";

/**
 * A photo-like JPEG (1600×1067, like a press photo after the camera's own resize): smooth
 * shapes of colour plus sensor-like grain, which compresses the way a real photo does (a few
 * hundred KB at quality 85), unlike a flat illustration. Deterministic for a seed.
 */
export async function fotoSintetica(semilla: number, ancho = 1600, alto = 1067): Promise<Buffer> {
  const azar = generador(semilla);
  const manchas = Array.from({ length: 14 }, () => ({
    x: azar() * ancho,
    y: azar() * alto,
    r: (0.15 + azar() * 0.4) * ancho,
    color: [azar() * 255, azar() * 255, azar() * 255] as const,
  }));
  const pixeles = Buffer.alloc(ancho * alto * 3);
  for (let y = 0; y < alto; y++)
    for (let x = 0; x < ancho; x++) {
      let r = 90,
        g = 110,
        b = 90,
        peso = 1;
      for (const m of manchas) {
        const d = Math.hypot(x - m.x, y - m.y) / m.r;
        const w = Math.max(0, 1 - d) ** 2 * 3;
        r += m.color[0] * w;
        g += m.color[1] * w;
        b += m.color[2] * w;
        peso += w;
      }
      const grano = (azar() - 0.5) * 30;
      const i = (y * ancho + x) * 3;
      pixeles[i] = Math.max(0, Math.min(255, r / peso + grano));
      pixeles[i + 1] = Math.max(0, Math.min(255, g / peso + grano));
      pixeles[i + 2] = Math.max(0, Math.min(255, b / peso + grano));
    }
  return sharp(pixeles, { raw: { width: ancho, height: alto, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}
