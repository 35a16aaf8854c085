import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evidenciaDesdeGit, evidenciaDesdeGithub, solicitudDesdeGithub } from "../../scripts/lib/archive/evidencia.ts";
import { crearCliente } from "../../scripts/lib/github/cliente.ts";
import { EmuladorGithub } from "../github/emulador.ts";
import { ExtensionArchivo } from "./emulador-archivo.ts";

const NOTA = "content/notas/2026/11/festival-campesino.mdx";

describe("evidencia de verificación leída de GitHub (emulador local)", () => {
  const emu = new EmuladorGithub();
  const ext = new ExtensionArchivo(emu);
  let url = "";
  beforeAll(async () => {
    url = await emu.iniciar();
  });
  afterAll(() => emu.cerrar());

  it("nombra la solicitud de cambios, quién la aprobó y cuándo, los chequeos y la solicitud que cierra", async () => {
    const commit = "c".repeat(40);
    const cabeza = "d".repeat(40);
    emu.pulls.push({
      number: 12,
      title: "Nota: Festival del Campesino",
      body: "Redactada desde la solicitud.\n\nCloses #7",
      head: "nota/festival",
      headSha: cabeza,
      base: "main",
      draft: false,
      state: "closed",
      merged_at: "2026-11-04T16:00:00Z",
    });
    emu.issues.set(7, {
      number: 7,
      title: "Solicitud: Festival del Campesino",
      body: "### Dependencia\n\nSecretaría de Ambiente",
      state: "closed",
      labels: ["solicitud"],
      user: { login: "secretaria-ambiente", type: "User" },
    });
    ext.commitsDeArchivo.set(NOTA, [{ sha: commit, fecha: "2026-11-04T16:00:00Z" }]);
    ext.pullsDeCommit.set(commit, [{ number: 12, merged_at: "2026-11-04T16:00:00Z" }]);
    ext.revisiones.set(12, [
      { login: "periodista", state: "COMMENTED", submitted_at: "2026-11-04T14:00:00Z" },
      { login: "jefa-de-prensa", state: "APPROVED", submitted_at: "2026-11-04T15:20:00Z" },
    ]);
    ext.chequeos.set(cabeza, [
      { name: "revision", status: "completed", conclusion: "success", completed_at: "2026-11-04T15:00:00Z" },
    ]);

    const env = { GITHUB_TOKEN: emu.token, PRENSA_URL_GITHUB: url };
    const gh = crearCliente(env);
    const repo = { owner: emu.owner, repo: emu.repo };
    const ev = await evidenciaDesdeGithub(gh, repo, "main", NOTA, env);
    expect(ev.fuente).toBe("github");
    expect(ev.verificaciones).toEqual([
      {
        pr: 12,
        titulo: "Nota: Festival del Campesino",
        fusionadoEn: "2026-11-04T16:00:00Z",
        fusionadoPor: undefined,
        commit: undefined,
        aprobaciones: [{ por: "jefa-de-prensa", fecha: "2026-11-04T15:20:00Z" }],
        chequeos: [{ nombre: "revision", conclusion: "success", fecha: "2026-11-04T15:00:00Z" }],
        solicitud: 7,
      },
    ]);
    const sol = await solicitudDesdeGithub(gh, repo, 7, env);
    expect(sol).toMatchObject({ numero: 7, titulo: "Solicitud: Festival del Campesino", creadaPor: "secretaria-ambiente" });
    expect(emu.resumen()).toEqual([
      "GET /commits",
      `GET /commits/${commit}/pulls`,
      "GET /pulls/12",
      "GET /pulls/12/reviews",
      `GET /commits/${cabeza}/check-runs`,
      "GET /issues/7",
    ]);
    expect(emu.llamadas[0]!.consulta).toMatchObject({ path: NOTA, sha: "main" });
    expect(emu.inesperadas).toEqual([]);
    expect(ext.invalidas).toEqual([]);
  });
});

describe("evidencia de verificación leída sin conexión de los commits de fusión de un repositorio git real", () => {
  let dir = "";
  const git = (args: string[], env: Record<string, string> = {}) =>
    execFileSync("git", args, {
      cwd: dir,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "Periodista",
        GIT_AUTHOR_EMAIL: "p@cajica.gov.co",
        GIT_COMMITTER_NAME: "GitHub",
        GIT_COMMITTER_EMAIL: "noreply@github.com",
        ...env,
      },
    });
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "convergente-archivo-git-"));
    git(["init", "-q", "-b", "main"]);
    writeFileSync(path.join(dir, "LEAME.md"), "inicio\n");
    git(["add", "."]);
    git(["commit", "-q", "-m", "Inicio"], {
      GIT_COMMITTER_DATE: "2026-11-01T08:00:00-05:00",
      GIT_AUTHOR_DATE: "2026-11-01T08:00:00-05:00",
    });
    git(["checkout", "-q", "-b", "nota/festival"]);
    mkdirSync(path.join(dir, "content/notas/2026/11"), { recursive: true });
    writeFileSync(path.join(dir, NOTA), "---\ntitulo: x\n---\nCuerpo\n");
    git(["add", "."]);
    git(["commit", "-q", "-m", "Nota del festival"], {
      GIT_COMMITTER_DATE: "2026-11-03T09:00:00-05:00",
      GIT_AUTHOR_DATE: "2026-11-03T09:00:00-05:00",
    });
    git(["checkout", "-q", "main"]);
    git(
      [
        "merge",
        "-q",
        "--no-ff",
        "nota/festival",
        "-m",
        "Merge pull request #12 from alcaldia-cajica/nota/festival",
        "-m",
        "Nota: Festival del Campesino",
        "-m",
        "Closes #7\n\nApproved-by: Jefa de Prensa <jefa@cajica.gov.co>",
      ],
      { GIT_COMMITTER_DATE: "2026-11-04T11:00:00-05:00", GIT_AUTHOR_DATE: "2026-11-04T11:00:00-05:00" },
    );
    // A correction, merged later without an approval trailer.
    git(["checkout", "-q", "-b", "correccion"]);
    writeFileSync(path.join(dir, NOTA), "---\ntitulo: x\n---\nCuerpo corregido\n");
    git(["commit", "-q", "-am", "Corrige la fecha"], { GIT_COMMITTER_DATE: "2026-11-06T09:00:00-05:00" });
    git(["checkout", "-q", "main"]);
    git(["merge", "-q", "--no-ff", "correccion", "-m", "Merge pull request #15 from alcaldia-cajica/correccion"], {
      GIT_COMMITTER_DATE: "2026-11-06T10:00:00-05:00",
    });
    // A merge that does not touch the note is not evidence for it.
    git(["checkout", "-q", "-b", "otra"]);
    writeFileSync(path.join(dir, "LEAME.md"), "otro\n");
    git(["commit", "-q", "-am", "Otro cambio"]);
    git(["checkout", "-q", "main"]);
    git(["merge", "-q", "--no-ff", "otra", "-m", "Merge pull request #16 from alcaldia-cajica/otra"]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("lee el número, el aprobador del remolque Approved-by, la hora de la fusión y la solicitud, y dice que es sin conexión", () => {
    const ev = evidenciaDesdeGit(dir, NOTA);
    expect(ev.fuente).toBe("historia-git-local");
    expect(ev.aviso).toMatch(/sin conexión/);
    expect(ev.verificaciones.map((v) => v.pr)).toEqual([12, 15]);
    const [primera, segunda] = ev.verificaciones;
    expect(primera).toMatchObject({
      pr: 12,
      titulo: "Nota: Festival del Campesino",
      fusionadoEn: "2026-11-04T11:00:00-05:00",
      aprobaciones: [{ por: "Jefa de Prensa", fecha: "2026-11-04T11:00:00-05:00" }],
      solicitud: 7,
      chequeos: [],
    });
    expect(primera!.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(segunda).toMatchObject({ pr: 15, aprobaciones: [], fusionadoEn: "2026-11-06T10:00:00-05:00" });
  });

  it("fuera de un repositorio git no inventa evidencia", () => {
    const vacio = mkdtempSync(path.join(tmpdir(), "convergente-sin-git-"));
    try {
      const ev = evidenciaDesdeGit(vacio, NOTA);
      expect(ev.verificaciones).toEqual([]);
      expect(ev.aviso).toMatch(/no hay historia git/);
    } finally {
      rmSync(vacio, { recursive: true, force: true });
    }
  });
});
