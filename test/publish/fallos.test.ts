import { describe, it, expect, beforeAll, afterAll } from "vitest";
import path from "node:path";
import { readdirSync, readFileSync } from "node:fs";
import type { ChildProcess } from "node:child_process";
import { generadorSembrado } from "../ayudas/azar.ts";
import { prensaAsincrona } from "../ayudas/cli.ts";
import { raizCon } from "../ayudas/raiz.ts";
import { Emulador } from "../ayudas/emulador-publicacion.ts";
import { leerRegistro } from "../../scripts/lib/ledger/index.ts";

const FIXTURE = path.join(import.meta.dirname, "fixtures/una-redaccion-con-cuatro-notas");
const AHORA = "2026-11-21T09:00:00-05:00";
const SITIO = "https://prensa.cajica.gov.co";
/** Public (note, network) pairs of the fixture at AHORA: the draft and the future note never go out. */
const ESPERADOS: [string, string][] = [
  ["2026/11/cierre-de-via", "facebook"],
  ["2026/11/cierre-de-via", "x"],
  ["2026/11/cierre-de-via", "mastodon"],
  ["2026/11/festival-del-campesino", "facebook"],
  ["2026/11/festival-del-campesino", "instagram"],
  ["2026/11/festival-del-campesino", "telegram"],
  ["2026/11/festival-del-campesino", "bluesky"],
];
const ESCENARIOS = Number(process.env.PRUEBA_ESCENARIOS ?? 40);
const CORRIDAS = 5;

interface Cuentas {
  corridas: number;
  matadasEnPeticion: number;
  matadasAlEmpezar: number;
  /** Runs given a kill point they never reached (they had fewer requests left). */
  sinLlegar: number;
  conFallos: number;
  terminaronSolas: number;
  fallosInyectados: Record<string, number>;
  publicados: number;
  inciertos: number;
  duplicados: number;
  perdidos: number;
}

describe("prensa publicar ante caídas y fallos transitorios", () => {
  const emulador = new Emulador();
  beforeAll(() => emulador.iniciar());
  afterAll(() => emulador.detener());

  it(
    "cada (nota, red) queda publicada exactamente una vez o incierta tras 200 corridas interrumpidas",
    { timeout: 600_000 },
    async () => {
      const cuentas: Cuentas = {
        corridas: 0,
        matadasEnPeticion: 0,
        matadasAlEmpezar: 0,
        sinLlegar: 0,
        conFallos: 0,
        terminaronSolas: 0,
        fallosInyectados: {},
        publicados: 0,
        inciertos: 0,
        duplicados: 0,
        perdidos: 0,
      };
      const problemas: string[] = [];

      const escenario = async (i: number) => {
        const nombre = `e${i}`;
        const { raiz, borrar } = raizCon({ prefijo: "prensa-fallos-", capas: [FIXTURE] });
        const esc = emulador.escenario(nombre);
        const env = {
          PRENSA_RAIZ: raiz,
          PRENSA_INTENTOS: "3",
          PRENSA_ESPERA_BASE_MS: "2",
          ...emulador.entorno(nombre),
        };
        const bitacora: string[] = [];
        // Seeded per scenario: the kill points and faults, hence every count below, are the same
        // on every machine, however fast. Kills happen at step boundaries: when the run's n-th
        // request reaches the network, before or after the network processes it.
        const azar = generadorSembrado(1000 + i);
        const entre = (min: number, max: number) => min + Math.floor(azar() * (max - min + 1));
        try {
          for (let k = 0; k < CORRIDAS; k++) {
            const tipo = azar();
            let hijo: ChildProcess | undefined;
            const matar = () => hijo?.kill("SIGKILL");
            if (tipo < 0.45) {
              esc.fallos = { prob: azar() * 0.2, incompleto: 0.1 };
              esc.muerte = { n: esc.peticiones + entre(2, 6), fase: azar() < 0.5 ? "antes" : "despues", matar };
            } else if (tipo < 0.65) {
              // The first request of the run: killed before anything reached the network.
              esc.fallos = { prob: azar() * 0.2, incompleto: 0.1 };
              esc.muerte = { n: esc.peticiones + 1, fase: "antes", matar };
            } else {
              esc.fallos = { prob: 0.25 + azar() * 0.35, incompleto: 0.15 };
            }
            const conMuerte = esc.muerte !== undefined;
            const r = await prensaAsincrona(["publicar", "--ahora", AHORA], env, {
              alIniciar: (h) => {
                hijo = h;
              },
            });
            const matada = r.senal === "SIGKILL";
            if (conMuerte && !matada && esc.muerte) cuentas.sinLlegar++;
            esc.muerte = undefined;
            cuentas.corridas++;
            if (matada && tipo < 0.45) cuentas.matadasEnPeticion++;
            else if (matada) cuentas.matadasAlEmpezar++;
            else if (tipo >= 0.65) cuentas.conFallos++;
            else cuentas.terminaronSolas++;
            bitacora.push(`corrida ${k + 1}: ${matada ? "matada" : `salió con ${r.codigo}`}`);
            if (!matada && r.codigo !== 0 && r.codigo !== 1)
              problemas.push(`${nombre}: salida inesperada ${r.codigo}: ${r.error}`);
          }
          // Calm network: run to completion.
          esc.fallos = { prob: 0, incompleto: 0 };
          const final = await prensaAsincrona(["publicar", "--ahora", AHORA], env);
          bitacora.push(`final: salió con ${final.codigo}`);
          let hayIncierto = false;
          for (const [notaId, red] of ESPERADOS) {
            const enlace = `${SITIO}/noticias/${notaId}/`;
            const posts = esc.posts.filter((p) => p.red === red && p.enlace === enlace);
            const entrada = leerRegistro(raiz, notaId)?.redes[red as "x"];
            if (posts.length > 1) {
              cuentas.duplicados++;
              problemas.push(`${nombre}: ${notaId} en ${red} se publicó ${posts.length} veces (${bitacora.join("; ")})`);
            }
            if (entrada?.estado === "publicado") {
              cuentas.publicados++;
              if (posts.length !== 1 || posts[0]!.id !== entrada.idRemoto)
                problemas.push(
                  `${nombre}: ${notaId} en ${red} dice publicado (${entrada.idRemoto}) pero la red tiene ${posts.map((p) => p.id).join(",") || "nada"}`,
                );
            } else if (entrada?.estado === "incierto") {
              cuentas.inciertos++;
              hayIncierto = true;
            } else {
              cuentas.perdidos++;
              problemas.push(
                `${nombre}: ${notaId} en ${red} quedó ${entrada?.estado ?? "sin registro"} (${bitacora.join("; ")})\n${final.salida}\n${final.error}`,
              );
            }
          }
          const enlaces = new Set(ESPERADOS.map(([n]) => `${SITIO}/noticias/${n}/`));
          for (const p of esc.posts)
            if (!enlaces.has(p.enlace)) problemas.push(`${nombre}: se publicó algo que no debía: ${p.enlace} en ${p.red}`);
          if (esc.desconocidas.length) problemas.push(`${nombre}: peticiones inesperadas: ${esc.desconocidas.join(", ")}`);
          if (final.codigo !== (hayIncierto ? 1 : 0))
            problemas.push(`${nombre}: la corrida final salió con ${final.codigo}\n${final.salida}${final.error}`);
          // Every record file is complete JSON (atomic writes survive the kills).
          const carpeta = path.join(raiz, "content/publicaciones/2026/11");
          for (const f of readdirSync(carpeta).filter((f) => f.endsWith(".json") && !f.startsWith(".")))
            JSON.parse(readFileSync(path.join(carpeta, f), "utf8"));
          for (const [k, v] of Object.entries(esc.inyectados))
            cuentas.fallosInyectados[k] = (cuentas.fallosInyectados[k] ?? 0) + v;
        } finally {
          borrar();
        }
      };

      // Two scenarios at a time (2 CPU cores).
      let siguiente = 0;
      const trabajador = async () => {
        while (siguiente < ESCENARIOS) await escenario(siguiente++);
      };
      await Promise.all([trabajador(), trabajador()]);

      console.log(
        [
          `Inyección de fallos: ${cuentas.corridas} corridas de «prensa publicar» en ${ESCENARIOS} escenarios`,
          `  matadas en medio de una petición: ${cuentas.matadasEnPeticion}; matadas en su primera petición: ${cuentas.matadasAlEmpezar}; con punto de muerte que no alcanzaron: ${cuentas.sinLlegar}`,
          `  con fallos transitorios frecuentes: ${cuentas.conFallos}; sin matar (fallos leves): ${cuentas.terminaronSolas}`,
          `  fallos inyectados: ${Object.entries(cuentas.fallosInyectados)
            .map(([k, v]) => `${k} ${v}`)
            .join(", ")}`,
          `  resultado de ${ESCENARIOS * ESPERADOS.length} pares (nota, red): ${cuentas.publicados} publicados una vez, ${cuentas.inciertos} inciertos, ${cuentas.duplicados} duplicados, ${cuentas.perdidos} perdidos`,
        ].join("\n"),
      );
      expect(problemas).toEqual([]);
      expect(cuentas.corridas).toBeGreaterThanOrEqual(200);
      expect(cuentas.duplicados).toBe(0);
      expect(cuentas.perdidos).toBe(0);
      expect(cuentas.matadasEnPeticion + cuentas.matadasAlEmpezar).toBeGreaterThan(50);
    },
  );
});
