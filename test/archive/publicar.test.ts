import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escribirBolsa } from "../../scripts/lib/archive/bagit.ts";
import { prensaAsincrona } from "../ayudas/cli.ts";
import { raizCon } from "../ayudas/raiz.ts";
import { EmuladorGithub } from "../github/emulador.ts";
import { ExtensionArchivo } from "./emulador-archivo.ts";

describe("prensa archivo publicar: una sola release por periodo (emulador local de GitHub)", () => {
  const emu = new EmuladorGithub();
  const ext = new ExtensionArchivo(emu);
  const copia = raizCon();
  const bolsa = path.join(copia.raiz, "salida/archivo-2026-11");
  let env: Record<string, string> = {};

  beforeAll(async () => {
    const url = await emu.iniciar();
    ext.base = url;
    env = { GITHUB_TOKEN: emu.token, PRENSA_URL_GITHUB: url, PRENSA_RAIZ: copia.raiz, PRENSA_AHORA: "2026-12-01T08:00:00-05:00" };
    escribirBolsa(
      bolsa,
      [{ ruta: "notas/2026-11-festival/nota.mdx", contenido: Buffer.from("---\ntitulo: Festival\n---\nTexto\n") }],
      [
        ["Source-Organization", "Alcaldía Municipal de Cajicá"],
        ["Bagging-Date", "2026-12-01"],
        ["Periodo", "2026-11"],
      ],
    );
  });
  afterAll(async () => {
    await emu.cerrar();
    copia.borrar();
  });

  it("crea la release archivo-2026-11 con el paquete y sus sumas, y al repetir la actualiza sin crear otra", async () => {
    const primera = await prensaAsincrona(["archivo", "publicar", bolsa], env);
    expect(primera.error).toBe("");
    expect(primera.codigo).toBe(0);
    expect(primera.salida).toContain("Release archivo-2026-11 creada");
    expect(ext.releases).toHaveLength(1);
    const release = ext.releases[0]!;
    const id = release.id;
    expect(release).toMatchObject({ tag_name: "archivo-2026-11", target_commitish: "main", name: "Archivo 2026-11" });
    expect(release.activos.map((a) => a.name)).toEqual(["archivo-2026-11.tar.gz"]);
    const viejo = release.activos[0]!.id;
    const suma = createHash("sha512").update(release.activos[0]!.bytes).digest("hex");
    expect(release.body).toContain(`${suma}  archivo-2026-11.tar.gz`);
    expect(release.body).toContain(readFileSync(path.join(bolsa, "tagmanifest-sha512.txt"), "utf8").trim());
    expect(emu.resumen()).toEqual([
      "GET /releases/tags/archivo-2026-11",
      "POST /releases",
      `GET /releases/${id}/assets`,
      `POST /releases/${id}/assets`,
    ]);

    emu.reiniciarLlamadas();
    const segunda = await prensaAsincrona(["archivo", "publicar", bolsa], env);
    expect(segunda.codigo).toBe(0);
    expect(segunda.salida).toContain("Release archivo-2026-11 actualizada");
    expect(ext.releases).toHaveLength(1);
    expect(ext.releases[0]!.activos.map((a) => a.name)).toEqual(["archivo-2026-11.tar.gz"]);
    expect(ext.releases[0]!.activos[0]!.id).not.toBe(viejo);
    expect(emu.resumen()).toEqual([
      "GET /releases/tags/archivo-2026-11",
      `PATCH /releases/${id}`,
      `GET /releases/${id}/assets`,
      `DELETE /releases/assets/${viejo}`,
      `POST /releases/${id}/assets`,
    ]);
    expect(emu.inesperadas).toEqual([]);
    expect(emu.invalidas).toEqual([]);
    expect(ext.invalidas).toEqual([]);
  });

  it("no publica una bolsa que no verifica", async () => {
    const { appendFileSync } = await import("node:fs");
    appendFileSync(path.join(bolsa, "data/notas/2026-11-festival/nota.mdx"), "cambio\n");
    emu.reiniciarLlamadas();
    const r = await prensaAsincrona(["archivo", "publicar", bolsa], env);
    expect(r.codigo).toBe(1);
    expect(r.error).toContain("alterado (la suma SHA-512 no coincide): data/notas/2026-11-festival/nota.mdx");
    expect(r.error).toContain("No se publica una bolsa que no verifica.");
    expect(emu.llamadas).toEqual([]);
  });
});
