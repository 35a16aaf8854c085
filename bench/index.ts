// `npm run bench`: runs every benchmark in sequence and prints their figures (in Spanish).
// Speed targets on the 2-core reference machine: build of 5,000 notes < 90 s with 0 images on an
// unchanged rebuild; `prensa validar` over 5,000 notes < 10 s; `prensa publicar` with nothing due
// over 5,000 notes < 3 s; Lighthouse (mobile) 100 in performance, accessibility, best practices
// and SEO on the home page, a note with an image and the search page.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const BENCHES = ["construccion.ts", "imagenes.ts", "validar.ts", "publicar.ts", "lighthouse.ts"];
const solo = process.argv[2];
let fallos = 0;
for (const archivo of BENCHES) {
  if (solo && !archivo.startsWith(solo)) continue;
  const ruta = path.join(import.meta.dirname, archivo);
  if (!existsSync(ruta)) continue;
  console.log(`\n== ${archivo} ==`);
  const r = spawnSync(process.execPath, [ruta], { stdio: "inherit", env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) fallos++;
}
process.exitCode = fallos ? 1 : 0;
