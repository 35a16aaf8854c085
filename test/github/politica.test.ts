import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { cargarInstitucion } from "../../scripts/lib/content/institucion.ts";
import { EmuladorGithub } from "./emulador.ts";
import { GITHUB_SIN_ESPERA, prensaEnProceso } from "../ayudas/cli.ts";
import { RAIZ, raizCon, type RaizDePrueba } from "../ayudas/raiz.ts";
import {
  faltasDeCodeowners,
  faltasDeFlujos,
  faltasDePayloads,
  usaTuberia,
  type ArchivoFlujo,
  type PayloadsConfigurar,
} from "./politica.ts";

const CARPETA = path.join(RAIZ, ".github/workflows");
const FLUJOS: ArchivoFlujo[] = readdirSync(CARPETA)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
  .map((nombre) => ({ nombre, texto: readFileSync(path.join(CARPETA, nombre), "utf8") }));
const CODEOWNERS = readFileSync(path.join(RAIZ, ".github/CODEOWNERS"), "utf8");
const EQUIPO = cargarInstitucion(RAIZ).github!.equipoPrensa;

interface PasoMutable {
  run?: string;
  uses?: string;
  shell?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
type Mutable = { jobs: Record<string, Record<string, unknown> & { steps: PasoMutable[] }> } & Record<string, unknown>;

/** The workflows with one file changed through its parsed tree (comments are lost, so pins are not checked here). */
function conCambio(nombre: string, cambiar: (w: Mutable) => void): ArchivoFlujo[] {
  return FLUJOS.map((f) => {
    if (f.nombre !== nombre) return f;
    const w = parse(f.texto) as Mutable;
    cambiar(w);
    return { nombre, texto: stringify(w) };
  });
}
const trabajoRedes = (w: Mutable) => Object.values(w.jobs).find((j) => j.environment === "redes")!;
const faltasSinPines = (archivos: ArchivoFlujo[]) => faltasDeFlujos(archivos).filter((f) => !f.includes("accion-sin-fijar"));

describe("política de seguridad de los flujos, CODEOWNERS y la configuración de GitHub", () => {
  it("los flujos del repositorio cumplen la política", () => {
    expect(faltasDeFlujos(FLUJOS)).toEqual([]);
  });

  it("CODEOWNERS hace dueña de todo a la jefatura de prensa", () => {
    expect(faltasDeCodeowners(CODEOWNERS, EQUIPO)).toEqual([]);
  });

  describe("cada falla del issue, si vuelve, hace fallar la política", () => {
    it("un secreto de las redes fuera del trabajo del entorno", () => {
      const f = faltasSinPines(
        conCambio("revision.yml", (w) => {
          w.jobs["vista-previa"]!.env = { TOKEN: "${{ secrets.FACEBOOK_TOKEN }}" };
        }),
      );
      expect(f).toContain(
        "revision.yml#vista-previa: secreto-fuera-del-entorno: FACEBOOK_TOKEN fuera del trabajo con environment: redes",
      );
    });

    it("el trabajo que publica sin environment: redes (los secretos volverían a ser del repositorio)", () => {
      const f = faltasSinPines(conCambio("publicar.yml", (w) => void delete trabajoRedes(w).environment));
      expect(f).toContain(
        "publicar.yml#publicar: secreto-fuera-del-entorno: FACEBOOK_TOKEN fuera del trabajo con environment: redes",
      );
      expect(f).toContain(
        "publicar.yml#publicar: secreto-fuera-del-entorno: PRENSA_CLAVE_DESPLIEGUE fuera del trabajo con environment: redes",
      );
    });

    it("una acción fijada a una etiqueta y no a un commit completo", () => {
      const malos = FLUJOS.map((x) =>
        x.nombre === "solicitud.yml"
          ? { ...x, texto: x.texto.replace(/actions\/checkout@[0-9a-f]{40} # v[\d.]+/, "actions/checkout@v4") }
          : x,
      );
      expect(faltasDeFlujos(malos).some((x) => /^solicitud\.yml:\d+: accion-sin-fijar: actions\/checkout@v4/.test(x))).toBe(true);
      const sinComentario = FLUJOS.map((x) =>
        x.nombre === "solicitud.yml" ? { ...x, texto: x.texto.replace(/(actions\/checkout@[0-9a-f]{40}) # v[\d.]+/, "$1") } : x,
      );
      expect(faltasDeFlujos(sinComentario).some((x) => x.includes("accion-sin-fijar"))).toBe(true);
    });

    it("un paso con tubería sin shell: bash", () => {
      const f = faltasSinPines(
        conCambio("publicar.yml", (w) => {
          const paso = trabajoRedes(w).steps.find((s) => (s.run ?? "").includes("| tee"))!;
          delete paso.shell;
        }),
      );
      expect(f.some((x) => x.includes("tuberia-sin-pipefail"))).toBe(true);
      expect(usaTuberia("a || b")).toBe(false);
      expect(usaTuberia("gh api x --jq '.a | length'")).toBe(false);
      expect(usaTuberia("node x | tee -a f")).toBe(true);
    });

    it("credenciales guardadas por actions/checkout o la llave de despliegue en el checkout", () => {
      const f = faltasSinPines(
        conCambio("publicar.yml", (w) => {
          const paso = trabajoRedes(w).steps.find((s) => (s.uses ?? "").startsWith("actions/checkout@"))!;
          paso.with = { ref: "main", "ssh-key": "${{ secrets.PRENSA_CLAVE_DESPLIEGUE }}" };
        }),
      );
      expect(f.some((x) => x.includes("credenciales-persistidas"))).toBe(true);
      expect(f.some((x) => x.includes("llave-de-despliegue: pasada a actions/checkout"))).toBe(true);
    });

    it("contents: write en el trabajo que empuja con la llave", () => {
      const f = faltasSinPines(
        conCambio("publicar.yml", (w) => {
          trabajoRedes(w).permissions = { contents: "write", issues: "write" };
        }),
      );
      expect(f.some((x) => x.includes("permisos: contents: write en el trabajo del entorno"))).toBe(true);
    });

    it("contents: write o permisos amplios en los flujos de las solicitudes de cambios", () => {
      const f = faltasSinPines(
        conCambio("revision.yml", (w) => {
          w.jobs.pruebas!.permissions = { contents: "write" };
          w.jobs.cambios!.permissions = "write-all";
        }),
      );
      expect(f).toContain("revision.yml#pruebas: permisos: contents: write en un flujo de solicitudes de cambios");
      expect(f).toContain("revision.yml#cambios: permisos: «write-all» en vez de una lista mínima");
    });

    it("un identificador público guardado como secreto", () => {
      const f = faltasSinPines(
        conCambio("publicar.yml", (w) => {
          const paso = trabajoRedes(w).steps.find((s) => JSON.stringify(s.env ?? {}).includes("BLUESKY_IDENTIFICADOR"))!;
          paso.env!.BLUESKY_IDENTIFICADOR = "${{ secrets.BLUESKY_IDENTIFICADOR }}";
        }),
      );
      expect(f.some((x) => x.includes("identificador-publico-como-secreto: BLUESKY_IDENTIFICADOR"))).toBe(true);
    });

    it("el trabajo con secretos instala con scripts o con las dependencias de desarrollo", () => {
      const f = faltasSinPines(
        conCambio("publicar.yml", (w) => {
          const paso = trabajoRedes(w).steps.find((s) => /npm ci/.test(s.run ?? ""))!;
          paso.run = "npm ci --no-audit --no-fund";
        }),
      );
      expect(f.some((x) => x.includes("instala sin --ignore-scripts"))).toBe(true);
      expect(f.some((x) => x.includes("instala las dependencias de desarrollo"))).toBe(true);
    });

    it("pull_request_target", () => {
      const f = faltasSinPines(
        conCambio("revision.yml", (w) => {
          w.on = { pull_request_target: { branches: ["main"] } };
        }),
      );
      expect(f).toContain("revision.yml: disparador-peligroso: usa pull_request_target");
    });

    it("CODEOWNERS sin la jefatura para todo, o con una ruta que la reemplaza", () => {
      const viejo = "/content/ @alcaldia-cajica/jefatura-de-prensa\n/config/ @alcaldia-cajica/jefatura-de-prensa\n";
      expect(faltasDeCodeowners(viejo, EQUIPO).some((x) => x.includes("no hace dueño de todo"))).toBe(true);
      const reemplazo = `${CODEOWNERS}/scripts/ @alcaldia-cajica/sistemas\n`;
      expect(faltasDeCodeowners(reemplazo, EQUIPO).some((x) => x.includes("deja /scripts/ sin la aprobación"))).toBe(true);
    });
  });
});

describe("política de lo que envía prensa configurar", () => {
  let emu: EmuladorGithub;
  let temp: RaizDePrueba;
  let enviados: PayloadsConfigurar;

  beforeAll(async () => {
    emu = new EmuladorGithub();
    const url = await emu.iniciar();
    temp = raizCon({ delRepositorio: [".github"] });
    const r = await prensaEnProceso("configurar", [], {
      ...GITHUB_SIN_ESPERA,
      PRENSA_RAIZ: temp.raiz,
      PRENSA_URL_GITHUB: url,
      GITHUB_TOKEN: emu.token,
    });
    expect(r.codigo).toBe(0);
    const cuerpos = (metodo: string, patron: RegExp) =>
      emu.llamadas.filter((l) => l.metodo === metodo && patron.test(l.ruta.replace(emu.prefijo, ""))).map((l) => l.cuerpo);
    enviados = {
      rulesets: cuerpos("POST", /^\/rulesets$/) as PayloadsConfigurar["rulesets"],
      entorno: cuerpos("PUT", /^\/environments\/redes$/)[0] as PayloadsConfigurar["entorno"],
      politicasRama: cuerpos(
        "POST",
        /^\/environments\/redes\/deployment-branch-policies$/,
      ) as PayloadsConfigurar["politicasRama"],
      permisosFlujos: cuerpos("PUT", /^\/actions\/permissions\/workflow$/)[0] as PayloadsConfigurar["permisosFlujos"],
    };
  });
  afterAll(async () => {
    await emu.cerrar();
    temp.borrar();
  });

  it("las reglas, el entorno y los permisos enviados cumplen la política", () => {
    expect(enviados.rulesets).toHaveLength(2);
    expect(faltasDePayloads(enviados)).toEqual([]);
  });

  it("un exento en el conjunto que impide borrar o forzar la rama hace fallar la política", () => {
    const conExento = structuredClone(enviados);
    const protectora = conExento.rulesets.find((r) => r.rules.some((x) => x.type === "deletion"))!;
    protectora.bypass_actors.push({ actor_type: "DeployKey", bypass_mode: "always" });
    expect(faltasDePayloads(conExento).some((x) => x.includes("impide borrar o forzar pero tiene exentos (DeployKey)"))).toBe(
      true,
    );
  });

  it("aprobar sin el último cambio, Actions aprobando, o el entorno abierto a otras ramas hacen fallar la política", () => {
    const malo = structuredClone(enviados);
    const revision = malo.rulesets.find((r) => r.rules.some((x) => x.type === "pull_request"))!;
    revision.rules.find((x) => x.type === "pull_request")!.parameters!.require_last_push_approval = false;
    malo.permisosFlujos = { default_workflow_permissions: "read", can_approve_pull_request_reviews: true };
    malo.politicasRama.push({ name: "nota/*", type: "branch" });
    const f = faltasDePayloads(malo);
    expect(f.some((x) => x.includes("no exige aprobar el último cambio"))).toBe(true);
    expect(f).toContain("permisos-flujos: GitHub Actions puede aprobar solicitudes de cambios");
    expect(f.some((x) => x.includes("debe admitir solo la rama main"))).toBe(true);
  });
});
