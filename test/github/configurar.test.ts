import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NOMBRE_REGLAS_ANTERIOR, NOMBRE_REGLAS_BASE, NOMBRE_REGLAS_REVISION } from "../../scripts/lib/github/proteccion.ts";
import { EmuladorGithub } from "./emulador.ts";
import { GITHUB_SIN_ESPERA, prensaAsincrona, prensaEnProceso } from "../ayudas/cli.ts";
import { raizCon, type RaizDePrueba } from "../ayudas/raiz.ts";

/** Every request a first `prensa configurar` makes against an empty repository, in order. */
const PRIMERA_VEZ = [
  "GET /rulesets",
  "POST /rulesets",
  "POST /rulesets",
  "GET /environments/redes",
  "PUT /environments/redes",
  "POST /environments/redes/deployment-branch-policies",
  "GET /actions/permissions/workflow",
  "PUT /actions/permissions/workflow",
  "GET /orgs/alcaldia-cajica/teams/jefatura-de-prensa",
  "GET /orgs/alcaldia-cajica/teams/jefatura-de-prensa/members",
  "GET /user",
];

describe("prensa configurar", () => {
  let emu: EmuladorGithub;
  let url: string;
  let temp: RaizDePrueba;
  const env = () => ({ ...GITHUB_SIN_ESPERA, PRENSA_RAIZ: temp.raiz, PRENSA_URL_GITHUB: url, GITHUB_TOKEN: emu.token });
  const reglas = (nombre: string) => emu.rulesets.find((x) => x.name === nombre)!;

  beforeEach(async () => {
    emu = new EmuladorGithub();
    url = await emu.iniciar();
    temp = raizCon({ delRepositorio: [".github"] });
  });
  afterEach(async () => {
    await emu.cerrar();
    temp.borrar();
  });

  it("--simular muestra la diferencia sin cambiar nada", async () => {
    const r = await prensaAsincrona(["configurar", "--simular"], env());
    expect(r.error).toBe("");
    expect(r.codigo).toBe(0);
    expect(emu.resumen()).toEqual([
      "GET /rulesets",
      "GET /environments/redes",
      "GET /actions/permissions/workflow",
      "GET /orgs/alcaldia-cajica/teams/jefatura-de-prensa",
      "GET /orgs/alcaldia-cajica/teams/jefatura-de-prensa/members",
      "GET /user",
    ]);
    expect(emu.rulesets).toEqual([]);
    expect(emu.entornos.size).toBe(0);
    expect(emu.permisosFlujos.default_workflow_permissions).toBe("write");
    expect(r.salida).toContain("- token de los flujos por omisión: lectura y escritura");
    expect(r.salida).toContain("+ token de los flujos por omisión: solo lectura");
    expect(r.salida).toContain("Simulación");
    expect(r.salida).toContain("+ regla: no se permite forzar (force push)");
    expect(r.salida).toContain("+ regla: no se puede borrar la rama");
    expect(r.salida).toContain("+ exento: nadie");
    expect(r.salida).toContain("+ regla: chequeos obligatorios: revision");
    expect(r.salida).toContain("aprobar el último cambio: sí");
    expect(r.salida).toContain("+ entorno redes: solo rama main");
    expect(r.salida).toContain("propietarios del código (CODEOWNERS) obligatorios");
    expect(r.salida).toContain("+ ramas: refs/heads/main");
  });

  it("crea las dos reglas, el entorno y los permisos, y la segunda vez solo consulta", async () => {
    const r = await prensaAsincrona(["configurar"], env());
    expect(r.error).toBe("");
    expect(r.codigo).toBe(0);
    expect(r.salida).toContain(`Reglas «${NOMBRE_REGLAS_BASE}» creadas`);
    expect(r.salida).toContain(`Reglas «${NOMBRE_REGLAS_REVISION}» creadas`);
    expect(emu.resumen()).toEqual(PRIMERA_VEZ);
    expect(emu.invalidas).toEqual([]);
    expect(emu.inesperadas).toEqual([]);
    expect(emu.permisosFlujos).toEqual({ default_workflow_permissions: "read", can_approve_pull_request_reviews: false });

    const base = reglas(NOMBRE_REGLAS_BASE);
    expect(base.bypass_actors).toEqual([]);
    expect(base.rules.map((x) => x.type).sort()).toEqual(["deletion", "non_fast_forward"]);
    expect(base.conditions.ref_name.include).toEqual(["refs/heads/main"]);
    const revision = reglas(NOMBRE_REGLAS_REVISION);
    expect(revision.bypass_actors).toEqual([{ actor_id: null, actor_type: "DeployKey", bypass_mode: "always" }]);
    expect(revision.rules.map((x) => x.type).sort()).toEqual(["pull_request", "required_status_checks"]);
    expect(revision.rules.find((x) => x.type === "pull_request")!.parameters).toMatchObject({
      require_code_owner_review: true,
      require_last_push_approval: true,
      dismiss_stale_reviews_on_push: true,
      required_approving_review_count: 1,
    });
    const entorno = emu.entornos.get("redes")!;
    expect(entorno.deployment_branch_policy).toEqual({ protected_branches: false, custom_branch_policies: true });
    expect(entorno.politicas.map(({ name, type }) => ({ name, type }))).toEqual([{ name: "main", type: "branch" }]);

    emu.reiniciarLlamadas();
    const otra = await prensaEnProceso("configurar", [], env());
    expect(otra.codigo).toBe(0);
    expect(otra.salida).toContain(`«${NOMBRE_REGLAS_BASE}» en alcaldia-cajica/convergente (rama main) ya está al día`);
    expect(otra.salida).toContain("El entorno «redes» ya está al día.");
    expect(otra.salida).toContain("Los permisos del token de los flujos ya están al día.");
    expect(emu.resumen()).toEqual([
      "GET /rulesets",
      `GET /rulesets/${base.id}`,
      `GET /rulesets/${revision.id}`,
      "GET /environments/redes",
      "GET /environments/redes/deployment-branch-policies",
      "GET /actions/permissions/workflow",
      "GET /orgs/alcaldia-cajica/teams/jefatura-de-prensa",
      "GET /orgs/alcaldia-cajica/teams/jefatura-de-prensa/members",
      "GET /user",
    ]);
    expect(emu.inesperadas).toEqual([]);
  });

  it("divide el conjunto único de versiones anteriores: la llave de despliegue deja de poder borrar o forzar la rama", async () => {
    const id = emu.nuevoId();
    emu.rulesets.push({
      id,
      name: NOMBRE_REGLAS_ANTERIOR,
      source_type: "Repository",
      source: "alcaldia-cajica/convergente",
      target: "branch",
      enforcement: "active",
      conditions: { ref_name: { include: ["refs/heads/main"], exclude: [] } },
      bypass_actors: [{ actor_id: null, actor_type: "DeployKey", bypass_mode: "always" }],
      rules: [{ type: "deletion" }, { type: "non_fast_forward" }, { type: "pull_request", parameters: {} }],
    });
    const r = await prensaEnProceso("configurar", [], env());
    expect(r.codigo).toBe(0);
    expect(emu.resumen().slice(0, 4)).toEqual(["GET /rulesets", "POST /rulesets", `GET /rulesets/${id}`, `PUT /rulesets/${id}`]);
    expect(emu.rulesets).toHaveLength(2);
    const revision = emu.rulesets.find((x) => x.id === id)!;
    expect(revision.name).toBe(NOMBRE_REGLAS_REVISION);
    expect(revision.rules.map((x) => x.type).sort()).toEqual(["pull_request", "required_status_checks"]);
    expect(reglas(NOMBRE_REGLAS_BASE).bypass_actors).toEqual([]);
    expect(r.salida).toContain(`nombre: ${NOMBRE_REGLAS_REVISION} (antes «${NOMBRE_REGLAS_ANTERIOR}»)`);
    expect(r.salida).toContain("- regla: no se puede borrar la rama");
  });

  it("corrige solo lo que cambió a mano (force push permitido, otra rama en el entorno)", async () => {
    await prensaEnProceso("configurar", [], env());
    const base = reglas(NOMBRE_REGLAS_BASE);
    base.rules = base.rules.filter((x) => x.type !== "non_fast_forward");
    emu.entornos.get("redes")!.politicas.push({ id: 999, name: "nota/*", type: "branch" });
    emu.reiniciarLlamadas();
    const simulada = await prensaEnProceso("configurar", ["--simular"], env());
    expect(simulada.salida).toContain("+ regla: no se permite forzar (force push)");
    expect(simulada.salida).toContain("- entorno redes: solo rama main, rama nota/*");
    expect(emu.llamadas.every((l) => l.metodo === "GET")).toBe(true);
    emu.reiniciarLlamadas();
    const r = await prensaEnProceso("configurar", [], env());
    expect(r.salida).toContain(`Reglas «${NOMBRE_REGLAS_BASE}» actualizadas`);
    expect(emu.resumen().filter((l) => !l.startsWith("GET"))).toEqual([
      `PUT /rulesets/${base.id}`,
      "DELETE /environments/redes/deployment-branch-policies/999",
    ]);
    expect(reglas(NOMBRE_REGLAS_BASE).rules.some((x) => x.type === "non_fast_forward")).toBe(true);
    expect(emu.entornos.get("redes")!.politicas.map((p) => p.name)).toEqual(["main"]);
  });

  it("un entorno abierto a cualquier rama pasa a solo la rama principal", async () => {
    emu.entornos.set("redes", { deployment_branch_policy: null, politicas: [] });
    const r = await prensaEnProceso("configurar", [], env());
    expect(r.codigo).toBe(0);
    expect(r.salida).toContain("- entorno redes: cualquier rama puede usar sus secretos");
    expect(emu.resumen()).toContain("PUT /environments/redes");
    expect(emu.entornos.get("redes")!.politicas.map((p) => p.name)).toEqual(["main"]);
    expect(emu.invalidas).toEqual([]);
  });

  it("ataque: si el equipo de prensa solo tiene a quien configura, lo reporta y termina con error", async () => {
    emu.equipos.set("alcaldia-cajica/jefatura-de-prensa", ["admin-convergente"]);
    const r = await prensaEnProceso("configurar", [], env());
    expect(r.codigo).toBe(1);
    expect(r.error).toContain("solo tiene a admin-convergente");
    expect(r.error).toContain("Agregue al menos otra persona al equipo");
    // The rest is still applied.
    expect(emu.rulesets).toHaveLength(2);
  });

  it("reporta un equipo sin miembros y uno que no existe", async () => {
    emu.equipos.set("alcaldia-cajica/jefatura-de-prensa", []);
    const vacio = await prensaEnProceso("configurar", ["--simular"], env());
    expect(vacio.codigo).toBe(1);
    expect(vacio.error).toContain("no tiene miembros");
    emu.equipos.clear();
    const inexistente = await prensaEnProceso("configurar", ["--simular"], env());
    expect(inexistente.codigo).toBe(1);
    expect(inexistente.error).toContain("no existe o el token no lo ve");
  });

  it("con un token sin usuario (de una aplicación) exige al menos dos personas en el equipo", async () => {
    emu.usuarioToken = null;
    emu.equipos.set("alcaldia-cajica/jefatura-de-prensa", ["jefa-de-prensa"]);
    const r = await prensaEnProceso("configurar", ["--simular"], env());
    expect(r.codigo).toBe(1);
    expect(r.error).toContain("tiene una sola persona");
    emu.equipos.set("alcaldia-cajica/jefatura-de-prensa", ["jefa-de-prensa", "suplente"]);
    expect((await prensaEnProceso("configurar", ["--simular"], env())).codigo).toBe(0);
  });

  it("avisa cuando CODEOWNERS no hace dueño de todo al equipo o una ruta lo reemplaza", async () => {
    const archivo = path.join(temp.raiz, ".github/CODEOWNERS");
    writeFileSync(archivo, "/content/ @alcaldia-cajica/jefatura-de-prensa\n");
    const r = await prensaEnProceso("configurar", ["--simular"], env());
    expect(r.codigo).toBe(0);
    expect(r.error).toContain("* @alcaldia-cajica/jefatura-de-prensa");
    writeFileSync(archivo, "* @alcaldia-cajica/jefatura-de-prensa\n/scripts/ @alcaldia-cajica/sistemas\n");
    const otra = await prensaEnProceso("configurar", ["--simular"], env());
    expect(otra.error).toContain("La línea 2 de .github/CODEOWNERS («/scripts/ @alcaldia-cajica/sistemas») deja /scripts/ sin");
    writeFileSync(
      archivo,
      "* @alcaldia-cajica/jefatura-de-prensa\n/scripts/ @alcaldia-cajica/jefatura-de-prensa @alcaldia-cajica/sistemas\n",
    );
    expect((await prensaEnProceso("configurar", ["--simular"], env())).error).toBe("");
  });

  it("sin la sección github en la configuración explica qué agregar", async () => {
    const archivo = path.join(temp.raiz, "config/institucion.yaml");
    writeFileSync(archivo, readFileSync(archivo, "utf8").replace(/\ngithub:[\s\S]*$/, "\n"));
    const r = await prensaEnProceso("configurar", [], env());
    expect(r.codigo).toBe(1);
    expect(r.error).toContain("Falta la sección github");
    expect(emu.llamadas).toEqual([]);
  });
});
