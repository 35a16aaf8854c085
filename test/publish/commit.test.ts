import { describe, it, expect, beforeAll, afterAll } from "vitest";
import path from "node:path";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { prensaAsincrona } from "../ayudas/cli.ts";
import { Emulador } from "../ayudas/emulador-publicacion.ts";
import { git, reposConOrigen } from "../ayudas/git.ts";

const FIXTURE = path.join(import.meta.dirname, "fixtures/una-redaccion-con-cuatro-notas");
const AHORA = "2026-11-21T09:00:00-05:00";

describe("prensa publicar --commit", () => {
  const emulador = new Emulador();
  beforeAll(() => emulador.iniciar());
  afterAll(() => emulador.detener());

  it("hace commit y push de cada cambio de estado aunque otra persona empuje en medio de la corrida", async () => {
    const r = reposConOrigen({ capas: [FIXTURE] });
    const esc = emulador.escenario("commit");
    let carreras = 0;
    // Another pusher lands a commit on origin while the run is publishing (requests 2 and 5).
    esc.alPedir = (n) => {
      if (n !== 2 && n !== 5) return;
      carreras++;
      mkdirSync(path.join(r.otro, "docs"), { recursive: true });
      writeFileSync(path.join(r.otro, `docs/cambio-${n}.md`), `cambio ${n}\n`);
      git(r.otro, "add", "-A");
      git(r.otro, "commit", "--quiet", "-m", `otra persona ${n}`);
      git(r.otro, "pull", "--quiet", "--rebase", "origin", "main");
      git(r.otro, "push", "--quiet", "origin", "main");
    };
    try {
      const res = await prensaAsincrona(["publicar", "--ahora", AHORA, "--commit"], {
        PRENSA_RAIZ: r.trabajo,
        ...emulador.entorno("commit"),
      });
      expect(res.error).toBe("");
      expect(res.codigo).toBe(0);
      expect(carreras).toBe(2);
      const asuntos = git(r.origen, "log", "--format=%s", "main").split("\n");
      expect(asuntos).toContain("otra persona 2");
      expect(asuntos).toContain("otra persona 5");
      expect(asuntos.filter((a) => a.startsWith("publicaciones:") && a.endsWith("→ enviando"))).toHaveLength(7);
      expect(asuntos.filter((a) => a.startsWith("publicaciones:") && a.endsWith("→ publicado"))).toHaveLength(7);
      // Last, the agenda for the workflow's gate: the next scheduled note with networks.
      expect(asuntos[0]).toBe("publicaciones: agenda al día");
      expect(asuntos[1]).toBe("publicaciones: 2026/11/festival-del-campesino en bluesky → publicado");
      expect(JSON.parse(git(r.origen, "show", "main:content/publicaciones/agenda.json"))).toEqual({
        esquema: 1,
        proxima: "2026-11-25T07:00:00-05:00",
      });
      // Origin holds exactly what the runner holds: nothing is lost if the runner dies now.
      for (const id of ["cierre-de-via", "festival-del-campesino"]) {
        const rel = `content/publicaciones/2026/11/${id}.json`;
        expect(git(r.origen, "show", `main:${rel}`)).toBe(readFileSync(path.join(r.trabajo, rel), "utf8").trim());
      }
      expect(git(r.trabajo, "status", "--porcelain", "content/publicaciones")).toBe("");
      expect(git(r.trabajo, "rev-parse", "HEAD")).toBe(git(r.origen, "rev-parse", "main"));
    } finally {
      r.borrar();
    }
  });
});
