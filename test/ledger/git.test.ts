import { describe, it, expect } from "vitest";
import path from "node:path";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { confirmarYEmpujar } from "../../scripts/lib/ledger/git.ts";
import { git, reposConOrigen } from "../ayudas/git.ts";

function escribir(raiz: string, rel: string, texto: string) {
  mkdirSync(path.dirname(path.join(raiz, rel)), { recursive: true });
  writeFileSync(path.join(raiz, rel), texto);
}

describe("commit y push del registro", () => {
  it("integra el commit de otra persona cuando el push no es fast-forward y vuelve a empujar", async () => {
    const r = reposConOrigen();
    try {
      escribir(r.otro, "content/notas/otra.txt", "de otra persona\n");
      git(r.otro, "add", "-A");
      git(r.otro, "commit", "--quiet", "-m", "otra persona");
      git(r.otro, "push", "--quiet", "origin", "main");

      escribir(r.trabajo, "content/publicaciones/2026/11/a.json", '{"a":1}\n');
      escribir(r.trabajo, "sin-preparar.txt", "no debe entrar al commit\n");
      const res = await confirmarYEmpujar(r.trabajo, ["content/publicaciones/2026/11/a.json"], "publicaciones: a", {
        env: process.env,
      });
      expect(res).toEqual({ confirmado: true, intentos: 2 });
      const log = git(r.origen, "log", "--format=%s", "main");
      expect(log.split("\n")).toEqual(["publicaciones: a", "otra persona", "inicio"]);
      expect(git(r.origen, "show", "main:content/publicaciones/2026/11/a.json")).toBe('{"a":1}');
      expect(git(r.origen, "ls-tree", "-r", "--name-only", "main")).not.toContain("sin-preparar.txt");
    } finally {
      r.borrar();
    }
  });

  it("si otra persona cambió el mismo registro, gana el estado más nuevo (el de esta corrida)", async () => {
    const r = reposConOrigen();
    try {
      escribir(r.trabajo, "content/publicaciones/b.json", '{\n  "estado": "enviando"\n}\n');
      await confirmarYEmpujar(r.trabajo, ["content/publicaciones/b.json"], "enviando", { env: process.env });
      git(r.otro, "pull", "--quiet");
      escribir(r.otro, "content/publicaciones/b.json", '{\n  "estado": "otra cosa"\n}\n');
      git(r.otro, "commit", "--quiet", "-am", "otra persona edita");
      git(r.otro, "push", "--quiet", "origin", "main");

      escribir(r.trabajo, "content/publicaciones/b.json", '{\n  "estado": "publicado"\n}\n');
      await confirmarYEmpujar(r.trabajo, ["content/publicaciones/b.json"], "publicado", { env: process.env });
      expect(git(r.origen, "show", "main:content/publicaciones/b.json")).toContain('"publicado"');
      expect(git(r.origen, "log", "--format=%s", "main").split("\n").slice(0, 3)).toEqual([
        "publicado",
        "otra persona edita",
        "enviando",
      ]);
      expect(readFileSync(path.join(r.trabajo, "content/publicaciones/b.json"), "utf8")).toContain('"publicado"');
    } finally {
      r.borrar();
    }
  });

  it("falla en español si no hay remoto al que empujar", async () => {
    const r = reposConOrigen();
    try {
      git(r.trabajo, "remote", "remove", "origin");
      escribir(r.trabajo, "c.json", "{}\n");
      await expect(confirmarYEmpujar(r.trabajo, ["c.json"], "c", { env: process.env })).rejects.toThrow(
        /git no pudo empujar el registro/,
      );
    } finally {
      r.borrar();
    }
  });

  it("un rechazo por las reglas de la rama falla en el primer intento y nombra la llave de despliegue", async () => {
    const r = reposConOrigen();
    try {
      // A real server-side refusal, like GitHub's rulesets: a pre-receive hook that declines every push.
      const gancho = path.join(r.origen, "hooks/pre-receive");
      writeFileSync(
        gancho,
        '#!/bin/sh\necho "error: GH013: Repository rule violations found for refs/heads/main." >&2\nexit 1\n',
      );
      chmodSync(gancho, 0o755);
      escribir(r.trabajo, "d.json", "{}\n");
      const error = await confirmarYEmpujar(r.trabajo, ["d.json"], "d", { env: process.env, intentos: 6 }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error?.message).toMatch(/rechazó el registro por sus reglas o permisos/);
      expect(error?.message).toMatch(/PRENSA_CLAVE_DESPLIEGUE/);
      expect(error?.message).toMatch(/Nada se reintentó/);
      // Not rebased and retried: the local branch still has exactly one commit on top of origin.
      expect(git(r.trabajo, "rev-list", "--count", "origin/main..HEAD")).toBe("1");
      expect(git(r.origen, "log", "--format=%s", "main")).toBe("inicio");
    } finally {
      r.borrar();
    }
  });
});
