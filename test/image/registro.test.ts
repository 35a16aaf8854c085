import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { cambiosDeImagen } from "../../scripts/lib/image/registro.ts";
import { prensa } from "../ayudas/cli.ts";
import { raizCon, type RaizDePrueba } from "../ayudas/raiz.ts";

let r: RaizDePrueba | undefined;
afterEach(() => r?.borrar());

/** Runs git in the temp root with a fixed author and commit instant. */
function git(raiz: string, args: string[], fecha?: string): string {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: "Prensa",
    GIT_AUTHOR_EMAIL: "prensa@cajica.gov.co",
    GIT_COMMITTER_NAME: "Prensa",
    GIT_COMMITTER_EMAIL: "prensa@cajica.gov.co",
    ...(fecha ? { GIT_AUTHOR_DATE: fecha, GIT_COMMITTER_DATE: fecha } : {}),
  };
  const res = spawnSync("git", args, { cwd: raiz, env, encoding: "utf8" });
  if (res.status !== 0) throw new Error(res.stderr);
  return res.stdout.trim();
}

/** Changes the `imagen` section of the temp root's config and commits it at `fecha`. */
function cambiarImagen(raiz: string, cambiar: (imagen: Record<string, unknown>) => void, fecha: string, mensaje: string): string {
  const archivo = path.join(raiz, "config/institucion.yaml");
  const doc = parse(readFileSync(archivo, "utf8")) as { imagen: Record<string, unknown> };
  cambiar(doc.imagen);
  writeFileSync(archivo, stringify(doc));
  git(raiz, ["add", "config/institucion.yaml"]);
  git(raiz, ["commit", "-q", "-m", mensaje], fecha);
  return git(raiz, ["rev-parse", "HEAD"]);
}

describe("el registro de cambios de imagen sale del historial de git de la configuración, con su motivo", () => {
  it("cada tema, campaña o aviso que aparece, cambia o se retira en el mes es una entrada con su motivo e inquietudes", () => {
    r = raizCon();
    git(r.raiz, ["init", "-q", "-b", "main"]);
    git(r.raiz, ["add", "."]);
    git(r.raiz, ["commit", "-q", "-m", "inicial"], "2026-11-20T10:00:00-05:00");
    const inicial = git(r.raiz, ["rev-parse", "HEAD"]);
    const luto = cambiarImagen(
      r.raiz,
      (img) => {
        (img.campanas as unknown[]).push({
          id: "duelo-municipal",
          nombre: "Duelo municipal",
          etiqueta: "#CajicáEnDuelo",
          inicio: "2026-12-10",
          fin: "2026-12-12",
          tema: { tarjeta: { fondo: "#333333", acento: "#FFFFFF", franja: "#000000" } },
          motivo: { texto: "Duelo decretado por la Alcaldía por el fallecimiento de un exalcalde.", inquietudes: [] },
        });
      },
      "2026-12-09T18:30:00-05:00",
      "duelo",
    );
    const tema = cambiarImagen(
      r.raiz,
      (img) => {
        img.tema = {
          colores: { textoSuave: "#3D3D3D" },
          motivo: {
            texto: "Seguidores dijeron que las fechas grises se leían mal en el celular.",
            inquietudes: ["queja-contraste"],
          },
        };
      },
      "2026-12-15T09:00:00-05:00",
      "tema",
    );
    // Next month's change is not in December's log.
    cambiarImagen(
      r.raiz,
      (img) => (img.campanas = (img.campanas as { id: string }[]).filter((c) => c.id !== "duelo-municipal")),
      "2027-01-02T08:00:00-05:00",
      "fin del duelo",
    );

    const diciembre = cambiosDeImagen(r.raiz, "2026-12");
    expect(diciembre).toEqual([
      {
        fecha: "2026-12-09T18:30:00-05:00",
        commit: luto,
        tipo: "campana",
        accion: "nueva",
        id: "duelo-municipal",
        nombre: "Duelo municipal",
        inicio: "2026-12-10T00:00:00-05:00",
        fin: "2026-12-13T00:00:00-05:00",
        motivo: { texto: "Duelo decretado por la Alcaldía por el fallecimiento de un exalcalde.", inquietudes: [] },
      },
      {
        fecha: "2026-12-15T09:00:00-05:00",
        commit: tema,
        tipo: "tema",
        accion: "modificada",
        id: "tema",
        nombre: "Tema institucional",
        motivo: {
          texto: "Seguidores dijeron que las fechas grises se leían mal en el celular.",
          inquietudes: ["queja-contraste"],
        },
      },
    ]);
    expect(cambiosDeImagen(r.raiz, "2027-01").map((c) => [c.tipo, c.accion, c.id])).toEqual([
      ["campana", "retirada", "duelo-municipal"],
    ]);
    // The first commit that has the section counts as its creation (the sample's Navidad entry).
    expect(cambiosDeImagen(r.raiz, "2026-11").map((c) => [c.tipo, c.accion, c.id, c.commit])).toEqual([
      ["tema", "nueva", "tema", inicial],
      ["campana", "nueva", "navidad-2026", inicial],
    ]);

    const cli = prensa(["imagen", "registro", "2026-12"], { PRENSA_RAIZ: r.raiz });
    expect(cli.error).toBe("");
    expect(cli.salida).toContain("Cambios de imagen de 2026-12 (2):");
    expect(cli.salida).toContain("Campaña nueva: Duelo municipal");
    expect(cli.salida).toContain("Inquietudes: queja-contraste");
  });

  it("un mes mal escrito es un error en español", () => {
    r = raizCon();
    const cli = prensa(["imagen", "registro", "diciembre"], { PRENSA_RAIZ: r.raiz });
    expect(cli.codigo).toBe(1);
    expect(cli.error).toContain("El mes «diciembre» no es válido: escríbalo como AAAA-MM");
  });
});
