/**
 * mulberry32: a small seeded PRNG. Tests and benchmarks that need "random" inputs (fault
 * injection, photo-like images) take them from here, so a run is the same on every machine.
 */
export function generadorSembrado(semilla: number): () => number {
  let a = semilla >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
