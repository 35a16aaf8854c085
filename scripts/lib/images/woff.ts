import { inflateSync } from "node:zlib";

/**
 * WOFF 1.0 → plain sfnt (TTF/OTF), so HarfBuzz can read the fontsource files the site already
 * ships. WOFF 1.0 is the sfnt's tables, each zlib-compressed or stored, behind a small header
 * (https://www.w3.org/TR/WOFF/): this rebuilds the sfnt table directory and copies the tables.
 */
export function woffASfnt(woff: Uint8Array): Uint8Array {
  const e = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength);
  if (e.length < 44 || e.readUInt32BE(0) !== 0x774f4646) throw new Error("El archivo de fuente no es WOFF 1.0.");
  const sabor = e.readUInt32BE(4);
  const numTablas = e.readUInt16BE(12);
  const tablas = Array.from({ length: numTablas }, (_, i) => {
    const o = 44 + i * 20;
    const etiqueta = e.readUInt32BE(o);
    const desde = e.readUInt32BE(o + 4);
    const largoComprimido = e.readUInt32BE(o + 8);
    const largo = e.readUInt32BE(o + 12);
    const suma = e.readUInt32BE(o + 16);
    const crudo = e.subarray(desde, desde + largoComprimido);
    const datos = largoComprimido < largo ? inflateSync(crudo) : crudo;
    if (datos.length !== largo) throw new Error("El archivo de fuente WOFF está dañado.");
    return { etiqueta, suma, datos };
  });
  const relleno = (n: number): number => (n + 3) & ~3;
  let total = 12 + 16 * numTablas;
  for (const t of tablas) total += relleno(t.datos.length);
  const s = Buffer.alloc(total);
  s.writeUInt32BE(sabor, 0);
  s.writeUInt16BE(numTablas, 4);
  const potencia = 2 ** Math.floor(Math.log2(numTablas));
  s.writeUInt16BE(potencia * 16, 6); // searchRange
  s.writeUInt16BE(Math.log2(potencia), 8); // entrySelector
  s.writeUInt16BE(numTablas * 16 - potencia * 16, 10); // rangeShift
  let o = 12 + 16 * numTablas;
  for (const [i, t] of tablas.entries()) {
    const d = 12 + i * 16;
    s.writeUInt32BE(t.etiqueta, d);
    s.writeUInt32BE(t.suma, d + 4);
    s.writeUInt32BE(o, d + 8);
    s.writeUInt32BE(t.datos.length, d + 12);
    t.datos.copy(s, o);
    o += relleno(t.datos.length);
  }
  return new Uint8Array(s.buffer, s.byteOffset, s.byteLength);
}
