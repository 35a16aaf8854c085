// Benchmark of `prensa validar`: generates 5,000 synthetic notes in a temp copy of the
// repository and times the checks in-process and through the CLI. Target: under 10 s.
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { validar } from "../scripts/lib/checks/ejecutar.ts";
import { RAIZ } from "../scripts/lib/content/paths.ts";
import { raizCon } from "../test/ayudas/raiz.ts";

const TOTAL = Number(process.env.BENCH_NOTAS ?? 5000);
const OBJETIVO_S = 10;

const TEMAS = ["salud", "educación", "movilidad", "cultura", "ambiente", "obras", "hacienda", "juventud", "deporte", "campo"];
const DEPENDENCIAS = [
  "secretaria-de-salud",
  "secretaria-de-educacion",
  "secretaria-de-movilidad",
  "secretaria-de-cultura",
  "secretaria-de-ambiente",
];
const PARRAFOS = [
  "La Alcaldía de Cajicá invita a la comunidad a participar en esta jornada, que es gratuita y abierta a todas las personas del municipio.",
  "Las actividades se realizarán de 8:00 a. m. a 4:00 p. m. en el parque principal. Lleve agua, protector solar y ropa cómoda.",
  "Durante la semana, los equipos de la administración recorrerán las veredas para informar a las familias sobre los requisitos.",
  "La inversión de este año es de $1.250.000.000 y beneficiará a más de 2.300 familias de los sectores urbano y rural.",
  "Si tiene preguntas, llame a la línea de atención a la ciudadanía +57 601 8837077 o escriba a contactenos@cajica.gov.co.",
  "El Instituto Colombiano de Bienestar Familiar (ICBF) acompaña el proceso con profesionales en nutrición y psicología.",
];

function nota(i: number): { ruta: string; texto: string } {
  const mes = String((i % 12) + 1).padStart(2, "0");
  const tema = TEMAS[i % TEMAS.length]!;
  const slug = `nota-${tema.normalize("NFD").replace(/\p{M}/gu, "")}-${i}`;
  const propio =
    i % 7 === 0
      ? `\n  - red: x\n    texto: "Nueva jornada de ${tema} en Cajicá. Toda la información en https://prensa.cajica.gov.co/noticias/2025/${mes}/${slug}/"`
      : "\n  - x";
  const cuerpo = [
    PARRAFOS[i % 6],
    `## Qué debe saber`,
    `- Lugar: parque principal.\n- Hora: 8:00 a. m.\n- Costo: gratuito.`,
    PARRAFOS[(i + 1) % 6],
    PARRAFOS[(i + 2) % 6],
    `## Más información`,
    `${PARRAFOS[(i + 3) % 6]} Consulte la [página de la dependencia](/dependencias/${DEPENDENCIAS[i % 5]}/) y la **programación completa** en el [portal de la entidad](https://www.cajica.gov.co/).`,
    PARRAFOS[(i + 4) % 6],
  ].join("\n\n");
  const texto = `---
titulo: "Jornada de ${tema} número ${i} para las familias de Cajicá"
resumen: "La administración municipal realizará una nueva jornada de ${tema} con atención gratuita para todas las personas."
publicar: 2025-${mes}-10T08:00:00-05:00
dependencia: ${DEPENDENCIAS[i % 5]}
autor: "Oficina de Prensa"
etiquetas: [${tema}, cajicá]
canales:
  - facebook
  - bluesky
  - mastodon${propio}
privacidad:
  datosPersonales: ninguno
---

${cuerpo}
`;
  return { ruta: path.join("content/notas/2025", mes, `${slug}.mdx`), texto };
}

const { raiz, borrar } = raizCon({ prefijo: "bench-validar-" });
try {
  let bytes = 0;
  for (let i = 0; i < TOTAL; i++) {
    const n = nota(i);
    mkdirSync(path.dirname(path.join(raiz, n.ruta)), { recursive: true });
    writeFileSync(path.join(raiz, n.ruta), n.texto);
    bytes += Buffer.byteLength(n.texto);
  }
  console.log(`Notas sintéticas: ${TOTAL} (${(bytes / 1e6).toFixed(1)} MB) en ${raiz}`);

  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const r = validar({ raiz, ahora: new Date("2026-11-20T12:00:00-05:00") });
  const enProceso = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const errores = r.hallazgos.filter((h) => h.severidad === "error").length;
  console.log(
    `validar en el proceso: ${enProceso.toFixed(2)} s para ${r.notas} notas (${((enProceso * 1000) / r.notas).toFixed(2)} ms por nota); ${errores} errores y ${r.hallazgos.length - errores} avisos`,
  );
  console.log(
    `  tiempo de CPU usado: ${cpuS.toFixed(2)} s (carga del equipo: ${loadavg()[0]!.toFixed(1)} en ${availableParallelism()} núcleos)`,
  );

  if (process.env.BENCH_SIN_CLI) {
    process.exitCode = 0;
  } else {
    const t1 = performance.now();
    const cli = spawnSync(process.execPath, [path.join(RAIZ, "scripts/prensa.ts"), "validar", "--formato", "json"], {
      env: { ...process.env, PRENSA_RAIZ: raiz, PRENSA_AHORA: "2026-11-20T12:00:00-05:00" },
      maxBuffer: 1 << 30,
    });
    const porCli = (performance.now() - t1) / 1000;
    console.log(
      `prensa validar (línea de comandos, con arranque de Node): ${porCli.toFixed(2)} s de reloj; código de salida ${cli.status}`,
    );
    const peor = Math.max(enProceso, porCli);
    console.log(
      peor < OBJETIVO_S
        ? `Cumple el objetivo de menos de ${OBJETIVO_S} s.`
        : `NO cumple el objetivo de menos de ${OBJETIVO_S} s.`,
    );
    process.exitCode = peor < OBJETIVO_S ? 0 : 1;
  }
} finally {
  if (!process.env.BENCH_CONSERVAR) borrar();
}
