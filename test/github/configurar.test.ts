import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EmuladorGithub } from "./emulador.ts";
import { enProceso, prensa, raizTemporal } from "./cli.ts";

describe("prensa configurar", () => {
  let emu: EmuladorGithub;
  let url: string;
  let temp: ReturnType<typeof raizTemporal>;
  const env = () => ({ PRENSA_RAIZ: temp.raiz, PRENSA_URL_GITHUB: url, GITHUB_TOKEN: emu.token });

  beforeEach(async () => {
    emu = new EmuladorGithub();
    url = await emu.iniciar();
    temp = raizTemporal();
  });
  afterEach(async () => {
    await emu.cerrar();
    temp.borrar();
  });

  it("--simular muestra la diferencia sin cambiar nada", async () => {
    const r = await prensa(["configurar", "--simular"], env());
    expect(r.error).toBe("");
    expect(r.codigo).toBe(0);
    expect(emu.resumen()).toEqual(["GET /rulesets", "GET /actions/permissions/workflow"]);
    expect(emu.rulesets).toEqual([]);
    expect(emu.permisosFlujos.default_workflow_permissions).toBe("write");
    expect(r.salida).toContain("- token de los flujos por omisión: lectura y escritura");
    expect(r.salida).toContain("+ token de los flujos por omisión: solo lectura");
    expect(r.salida).toContain("Simulación");
    expect(r.salida).toContain("+ regla: no se permite forzar (force push)");
    expect(r.salida).toContain("+ regla: no se puede borrar la rama");
    expect(r.salida).toContain("+ regla: chequeos obligatorios: revision");
    expect(r.salida).toContain("propietarios del código (CODEOWNERS) obligatorios");
    expect(r.salida).toContain("+ ramas: refs/heads/main");
  });

  it("crea la protección, y la segunda vez solo consulta", async () => {
    const r = await prensa(["configurar"], env());
    expect(r.codigo).toBe(0);
    expect(r.salida).toContain("Protección creada");
    expect(emu.resumen()).toEqual([
      "GET /rulesets",
      "POST /rulesets",
      "GET /actions/permissions/workflow",
      "PUT /actions/permissions/workflow",
    ]);
    expect(emu.permisosFlujos).toEqual({ default_workflow_permissions: "read", can_approve_pull_request_reviews: true });
    expect(emu.invalidas).toEqual([]);
    const creado = emu.rulesets[0]!;
    expect(creado.conditions.ref_name.include).toEqual(["refs/heads/main"]);
    expect(creado.rules.map((x) => x.type).sort()).toEqual([
      "deletion",
      "non_fast_forward",
      "pull_request",
      "required_status_checks",
    ]);
    expect(creado.rules.find((x) => x.type === "pull_request")!.parameters).toMatchObject({ require_code_owner_review: true });
    expect(creado.bypass_actors).toEqual([{ actor_id: null, actor_type: "DeployKey", bypass_mode: "always" }]);

    emu.reiniciarLlamadas();
    const otra = await enProceso("configurar", [], env());
    expect(otra.codigo).toBe(0);
    expect(otra.salida).toContain("ya está al día");
    expect(otra.salida).toContain("Los permisos del token de los flujos ya están al día.");
    expect(emu.resumen()).toEqual(["GET /rulesets", `GET /rulesets/${creado.id}`, "GET /actions/permissions/workflow"]);
    expect(emu.inesperadas).toEqual([]);
  });

  it("corrige solo lo que cambió a mano (force push permitido) con un PUT", async () => {
    await enProceso("configurar", [], env());
    const id = emu.rulesets[0]!.id;
    emu.rulesets[0]!.rules = emu.rulesets[0]!.rules.filter((x) => x.type !== "non_fast_forward");
    emu.reiniciarLlamadas();
    const simulada = await enProceso("configurar", ["--simular"], env());
    expect(simulada.salida.trim().split("\n").slice(1)).toEqual([
      "+ regla: no se permite forzar (force push)",
      "Los permisos del token de los flujos ya están al día.",
    ]);
    expect(emu.resumen()).toEqual(["GET /rulesets", `GET /rulesets/${id}`, "GET /actions/permissions/workflow"]);
    emu.reiniciarLlamadas();
    const r = await enProceso("configurar", [], env());
    expect(r.salida).toContain("Protección actualizada");
    expect(emu.resumen()).toEqual([
      "GET /rulesets",
      `GET /rulesets/${id}`,
      `PUT /rulesets/${id}`,
      "GET /actions/permissions/workflow",
    ]);
    expect(emu.rulesets[0]!.rules.some((x) => x.type === "non_fast_forward")).toBe(true);
  });

  it("avisa cuando CODEOWNERS no nombra al equipo de prensa configurado", async () => {
    writeFileSync(path.join(temp.raiz, ".github/CODEOWNERS"), "/content/ @otra-org/otro-equipo\n");
    const r = await enProceso("configurar", ["--simular"], env());
    expect(r.codigo).toBe(0);
    expect(r.error).toContain("/content/ @alcaldia-cajica/jefatura-de-prensa");
  });

  it("sin la sección github en la configuración explica qué agregar", async () => {
    const archivo = path.join(temp.raiz, "config/institucion.yaml");
    const { readFileSync } = await import("node:fs");
    writeFileSync(archivo, readFileSync(archivo, "utf8").replace(/\ngithub:[\s\S]*$/, "\n"));
    const r = await enProceso("configurar", [], env());
    expect(r.codigo).toBe(1);
    expect(r.error).toContain("Falta la sección github");
    expect(emu.llamadas).toEqual([]);
  });
});
