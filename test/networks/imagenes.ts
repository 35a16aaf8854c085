import sharp from "sharp";

/** A plain social card of the given size, as the site would serve it (default 1200×630). */
function lienzo(ancho: number, alto: number) {
  return sharp({ create: { width: ancho, height: alto, channels: 3, background: { r: 0, g: 72, b: 132 } } });
}

/** JPEG bytes (the format Instagram documents). */
export const jpeg = (ancho = 1200, alto = 630): Promise<Buffer> => lienzo(ancho, alto).jpeg({ quality: 80 }).toBuffer();

/** PNG bytes. */
export const png = (ancho = 1200, alto = 630): Promise<Buffer> => lienzo(ancho, alto).png().toBuffer();
