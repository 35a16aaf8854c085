import { describe, it, expect } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { prensa } from "../ayudas/cli.ts";
import { redaccionCon, validarEn, entornoDe } from "../ayudas/validacion.ts";

const NOTA = "content/notas/2026/11/festival-del-campesino.mdx";

function git(raiz: string, ...args: string[]) {
  return execFileSync("git", ["-C", raiz, "-c", "user.name=Prensa", "-c", "user.email=prensa@cajica.gov.co", ...args], {
    encoding: "utf8",
  });
}

/** A real git repository with the base newsroom committed (the note was published on 2026-11-10). */
function repositorio(): string {
  const raiz = redaccionCon();
  git(raiz, "init", "-q", "-b", "main");
  git(raiz, "add", "-A");
  git(raiz, "commit", "-q", "-m", "Nota publicada");
  return raiz;
}

const editar = (raiz: string, cambio: (t: string) => string) => {
  const archivo = path.join(raiz, NOTA);
  writeFileSync(archivo, cambio(readFileSync(archivo, "utf8")));
};

describe("erratas: una nota ya publicada que cambia necesita fe de erratas", () => {
  it("exige una corrección cuando cambia el cuerpo de una nota publicada en la base", () => {
    const raiz = repositorio();
    editar(raiz, (t) => t.replace("Es gratis y es para toda la familia.", "Es gratis y es para toda la comunidad."));
    const hs = validarEn(raiz, { base: "HEAD" });
    expect(hs).toEqual([
      expect.objectContaining({
        archivo: NOTA,
        regla: "erratas/sin-correccion",
        severidad: "error",
        mensaje: "la nota ya estaba publicada en HEAD y cambió el cuerpo sin una nueva entrada en «correcciones»",
      }),
    ]);
  });

  it("acepta el cambio cuando se agrega la corrección y señala el título en su línea", () => {
    const raiz = repositorio();
    editar(raiz, (t) =>
      t
        .replace("con mercados y música", "con mercados, música y desfile")
        .replace(
          "privacidad:",
          'correcciones:\n  - fecha: "2026-11-12T09:00:00-05:00"\n    descripcion: "se agregó el desfile al título, que faltaba"\nprivacidad:',
        ),
    );
    expect(validarEn(raiz, { base: "HEAD" })).toEqual([]);
    git(raiz, "commit", "-q", "-am", "Corrección");
    editar(raiz, (t) => t.replace("mercados, música y desfile", "mercados y desfile"));
    const hs = validarEn(raiz, { base: "HEAD" });
    expect(hs.map((h) => [h.regla, h.linea])).toEqual([["erratas/sin-correccion", 2]]);
    expect(hs[0]!.mensaje).toContain("cambió el título");
  });

  it("no exige nada a notas programadas o en borrador en la base, ni sin --base", () => {
    const raiz = redaccionCon();
    editar(raiz, (t) => t.replace("2026-11-10T08:00:00-05:00", "2026-12-24T08:00:00-05:00"));
    git(raiz, "init", "-q", "-b", "main");
    git(raiz, "add", "-A");
    git(raiz, "commit", "-q", "-m", "Nota programada");
    editar(raiz, (t) => t.replace("Es gratis", "Es totalmente gratis"));
    expect(validarEn(raiz, { base: "HEAD" })).toEqual([]);
    expect(validarEn(raiz)).toEqual([]);
  });

  it("desde la línea de comandos compara con --base y rechaza una referencia que no existe", () => {
    const raiz = repositorio();
    editar(raiz, (t) => t.replace("Es gratis", "Es totalmente gratis"));
    const r = prensa(["validar", "--base", "main", "--formato", "json"], entornoDe(raiz));
    expect(r.codigo).toBe(1);
    expect((JSON.parse(r.salida) as { regla: string }[]).map((h) => h.regla)).toEqual(["erratas/sin-correccion"]);
    const mal = prensa(["validar", "--base", "rama-que-no-existe"], entornoDe(raiz));
    expect(mal.codigo).toBe(2);
    expect(mal.error).toContain("la referencia de git «rama-que-no-existe» no existe");
  });
});
