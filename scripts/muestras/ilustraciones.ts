// Sets mimalloc options; must come before @resvg/resvg-js (see entorno.ts).
import "../lib/images/entorno.ts";
import { Resvg } from "@resvg/resvg-js";

/**
 * Flat, vector-style illustrations for the sample notes (1200×800 PNG), drawn as SVG and
 * rasterised with resvg. No text in the pictures (the alt text of each note describes them).
 * Public domain (CC0): see content/notas/CREDITOS.md.
 */

export const ANCHO_ILUSTRACION = 1200;
export const ALTO_ILUSTRACION = 800;

// Deterministic pseudo-random numbers, so the same script always draws the same picture.
function azar(semilla: number): () => number {
  let s = semilla >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PALETA = {
  cieloDia: "#BFE3F5",
  cieloClaro: "#E4F4FB",
  cieloNoche: "#16254A",
  cieloNoche2: "#243a6b",
  sol: "#FFD15C",
  montanaLejos: "#8FB8A8",
  montanaMedia: "#5E9A78",
  montanaCerca: "#3F7D5A",
  pasto: "#7CB85A",
  pastoOscuro: "#5FA044",
  tierra: "#8A5A3C",
  tronco: "#7A4E2D",
  hoja: "#3E8E4F",
  hojaClara: "#58A85F",
  blanco: "#FFFFFF",
  crema: "#F6EBD9",
  teja: "#C4553B",
  gris: "#9AA5B1",
  asfalto: "#4A4F57",
  azul: "#3366CC",
  azulOscuro: "#004884",
  amarillo: "#FFC93C",
  rojo: "#E0483E",
  verde: "#2E9D5B",
  naranja: "#F28C28",
  piel: "#E0A878",
  pielOscura: "#A86B45",
} as const;

const rect = (x: number, y: number, w: number, h: number, fill: string, extra = ""): string =>
  `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${fill}" ${extra}/>`;
const circ = (cx: number, cy: number, r: number, fill: string, extra = ""): string =>
  `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}" ${extra}/>`;
const poly = (puntos: readonly (readonly [number, number])[], fill: string, extra = ""): string =>
  `<polygon points="${puntos.map(([x, y]) => `${x},${y}`).join(" ")}" fill="${fill}" ${extra}/>`;
const path = (d: string, fill: string, extra = ""): string => `<path d="${d}" fill="${fill}" ${extra}/>`;
const linea = (x1: number, y1: number, x2: number, y2: number, color: string, ancho: number, extra = ""): string =>
  `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${color}" stroke-width="${ancho}" stroke-linecap="round" ${extra}/>`;

function lienzo(contenido: string, fondo: string = PALETA.cieloDia): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${ANCHO_ILUSTRACION}" height="${ALTO_ILUSTRACION}" viewBox="0 0 1200 800">` +
    rect(0, 0, 1200, 800, fondo) +
    contenido +
    `</svg>`
  );
}

/** The hills around the Sabana de Bogotá: three layers of smooth ridges. */
function montanas(
  base = 470,
  tonos: readonly string[] = [PALETA.montanaLejos, PALETA.montanaMedia, PALETA.montanaCerca],
): string {
  const capas = [
    `M0 ${base - 150} C 150 ${base - 260}, 300 ${base - 210}, 420 ${base - 170} S 700 ${base - 290}, 860 ${base - 200} S 1100 ${base - 230}, 1200 ${base - 180} L1200 800 L0 800 Z`,
    `M0 ${base - 60} C 180 ${base - 160}, 340 ${base - 120}, 520 ${base - 70} S 820 ${base - 170}, 1000 ${base - 90} S 1150 ${base - 110}, 1200 ${base - 80} L1200 800 L0 800 Z`,
    `M0 ${base} C 200 ${base - 60}, 420 ${base - 30}, 600 ${base - 10} S 950 ${base - 70}, 1200 ${base - 20} L1200 800 L0 800 Z`,
  ];
  return capas.map((d, i) => path(d, tonos[i] ?? PALETA.montanaCerca)).join("");
}

function sol(x = 980, y = 150, r = 70): string {
  return circ(x, y, r + 26, PALETA.sol, 'opacity="0.25"') + circ(x, y, r, PALETA.sol);
}

function nube(x: number, y: number, s = 1): string {
  return (
    `<g transform="translate(${x} ${y}) scale(${s})" fill="#FFFFFF">` +
    circ(0, 0, 34, "#FFFFFF") +
    circ(40, -16, 44, "#FFFFFF") +
    circ(88, 0, 34, "#FFFFFF") +
    rect(0, 0, 88, 34, "#FFFFFF") +
    `</g>`
  );
}

function arbol(x: number, y: number, s = 1, hoja: string = PALETA.hoja): string {
  return (
    `<g transform="translate(${x} ${y}) scale(${s})">` +
    rect(-9, -70, 18, 70, PALETA.tronco) +
    circ(0, -110, 52, hoja) +
    circ(-36, -82, 36, hoja) +
    circ(36, -82, 36, hoja) +
    circ(-14, -128, 28, PALETA.hojaClara, 'opacity="0.55"') +
    `</g>`
  );
}

function pino(x: number, y: number, s = 1): string {
  return (
    `<g transform="translate(${x} ${y}) scale(${s})">` +
    rect(-7, -30, 14, 30, PALETA.tronco) +
    poly(
      [
        [-46, -30],
        [46, -30],
        [0, -110],
      ],
      "#2F7048",
    ) +
    poly(
      [
        [-36, -75],
        [36, -75],
        [0, -150],
      ],
      "#3A8052",
    ) +
    `</g>`
  );
}

/** The white colonial church of a main square, with a bell tower. */
function iglesia(x: number, y: number, s = 1, color: string = PALETA.crema, detalle: string = PALETA.teja): string {
  return (
    `<g transform="translate(${x} ${y}) scale(${s})">` +
    rect(-150, -170, 300, 170, color) +
    poly(
      [
        [-165, -170],
        [165, -170],
        [0, -250],
      ],
      detalle,
    ) +
    rect(-52, -380, 104, 380, color) +
    poly(
      [
        [-62, -380],
        [62, -380],
        [0, -470],
      ],
      detalle,
    ) +
    rect(-4, -520, 8, 60, "#6B5B4B") +
    rect(-20, -505, 40, 8, "#6B5B4B") +
    path("M -24 -300 L -24 -330 A 24 24 0 0 1 24 -330 L 24 -300 Z", "#5B4636") +
    circ(0, -220, 20, "#5B4636") +
    path("M -34 0 L -34 -80 A 34 34 0 0 1 34 -80 L 34 0 Z", "#6B4A33") +
    path("M -120 -60 L -120 -110 A 16 16 0 0 1 -88 -110 L -88 -60 Z", "#8CB3D9") +
    path("M 88 -60 L 88 -110 A 16 16 0 0 1 120 -110 L 120 -60 Z", "#8CB3D9") +
    `</g>`
  );
}

function casa(x: number, y: number, s = 1, muro: string = PALETA.crema, techo: string = PALETA.teja): string {
  return (
    `<g transform="translate(${x} ${y}) scale(${s})">` +
    rect(-90, -110, 180, 110, muro) +
    poly(
      [
        [-110, -105],
        [110, -105],
        [0, -190],
      ],
      techo,
    ) +
    rect(-22, -64, 44, 64, "#7A4E2D") +
    rect(-72, -80, 36, 32, "#8CB3D9") +
    rect(36, -80, 36, 32, "#8CB3D9") +
    `</g>`
  );
}

function persona(x: number, y: number, s = 1, ropa: string = PALETA.azul, piel: string = PALETA.piel): string {
  return (
    `<g transform="translate(${x} ${y}) scale(${s})">` +
    path("M -28 0 L -28 -60 Q -28 -90 0 -90 Q 28 -90 28 -60 L 28 0 Z", ropa) +
    circ(0, -112, 22, piel) +
    `</g>`
  );
}

function suelo(y: number, color: string = PALETA.pasto): string {
  return rect(0, y, 1200, 800 - y, color);
}

function pasto(semilla: number, desde: number, hasta: number, n = 40): string {
  const r = azar(semilla);
  let out = "";
  for (let i = 0; i < n; i++) {
    const x = r() * 1200;
    const y = desde + r() * (hasta - desde);
    out += path(`M ${x} ${y} q 4 -18 8 0 q 4 -14 8 0 Z`, PALETA.pastoOscuro);
  }
  return out;
}

function puesto(x: number, y: number, toldo: string, toldo2: string, frutas: readonly string[], semilla: number): string {
  const r = azar(semilla);
  let franjas = "";
  for (let i = 0; i < 6; i++) franjas += rect(-150 + i * 50, -230, 50, 50, i % 2 ? toldo2 : toldo);
  let festones = "";
  for (let i = 0; i < 6; i++) festones += path(`M ${-150 + i * 50} -180 a 25 25 0 0 0 50 0 Z`, i % 2 ? toldo2 : toldo);
  let productos = "";
  for (let i = 0; i < 11; i++) {
    const fx = -125 + i * 25 + r() * 6;
    productos += circ(fx, -96 - r() * 10, 14 + r() * 4, frutas[i % frutas.length] ?? PALETA.rojo);
  }
  return (
    `<g transform="translate(${x} ${y})">` +
    rect(-140, -180, 10, 180, "#6B4A33") +
    rect(130, -180, 10, 180, "#6B4A33") +
    franjas +
    festones +
    productos +
    rect(-150, -90, 300, 90, "#B07A4F") +
    rect(-150, -90, 300, 12, "#8F5F3B") +
    `</g>`
  );
}

function bicicleta(x: number, y: number, s = 1, color: string = PALETA.rojo): string {
  return (
    `<g transform="translate(${x} ${y}) scale(${s})" fill="none" stroke-linecap="round" stroke-linejoin="round">` +
    `<circle cx="-70" cy="0" r="48" stroke="#2B2B2B" stroke-width="10"/>` +
    `<circle cx="70" cy="0" r="48" stroke="#2B2B2B" stroke-width="10"/>` +
    `<path d="M -70 0 L -20 -70 L 50 -70 L 0 0 Z M 0 0 L -30 -95 M 50 -70 L 70 0 M 45 -95 L 60 -95 M 50 -70 L 45 -95" stroke="${color}" stroke-width="10"/>` +
    `<path d="M -48 -95 L -12 -95" stroke="#2B2B2B" stroke-width="12"/>` +
    `</g>`
  );
}

function cono(x: number, y: number, s = 1): string {
  return (
    `<g transform="translate(${x} ${y}) scale(${s})">` +
    rect(-40, -10, 80, 10, "#333") +
    poly(
      [
        [-30, -10],
        [30, -10],
        [8, -120],
        [-8, -120],
      ],
      PALETA.naranja,
    ) +
    poly(
      [
        [-22, -45],
        [22, -45],
        [17, -70],
        [-17, -70],
      ],
      PALETA.blanco,
    ) +
    `</g>`
  );
}

function estrellas(semilla: number, n: number, alto: number): string {
  const r = azar(semilla);
  let out = "";
  for (let i = 0; i < n; i++)
    out += circ(r() * 1200, r() * alto, 1 + r() * 2.2, "#FFFFFF", `opacity="${(0.5 + r() * 0.5).toFixed(2)}"`);
  return out;
}

function guirnalda(x1: number, y1: number, x2: number, y2: number, caida: number, semilla: number): string {
  const colores = [PALETA.amarillo, PALETA.rojo, "#5AD17A", "#6FB7FF", "#FF8AD8"];
  const r = azar(semilla);
  const mx = (x1 + x2) / 2;
  const my = Math.max(y1, y2) + caida;
  let out = `<path d="M ${x1} ${y1} Q ${mx} ${my} ${x2} ${y2}" fill="none" stroke="#0E1630" stroke-width="3"/>`;
  for (let i = 1; i < 18; i++) {
    const t = i / 18;
    const x = (1 - t) * (1 - t) * x1 + 2 * (1 - t) * t * mx + t * t * x2;
    const y = (1 - t) * (1 - t) * y1 + 2 * (1 - t) * t * my + t * t * y2;
    const c = colores[Math.floor(r() * colores.length)] ?? PALETA.amarillo;
    out += circ(x, y + 8, 13, c, 'opacity="0.3"') + circ(x, y + 8, 7, c);
  }
  return out;
}

function caneca(x: number, y: number, color: string, tapa: string, simbolo: string): string {
  return (
    `<g transform="translate(${x} ${y})">` +
    path("M -70 -220 L 70 -220 L 58 0 L -58 0 Z", color) +
    rect(-80, -245, 160, 30, tapa, 'rx="8"') +
    rect(-25, -262, 50, 20, tapa, 'rx="6"') +
    simbolo +
    `</g>`
  );
}

function flechasReciclaje(color: string): string {
  return (
    `<g transform="translate(0 -115)" fill="none" stroke="${color}" stroke-width="12" stroke-linecap="round">` +
    `<path d="M -30 25 L -42 4 L -12 -46"/><path d="M 2 -46 L 18 -46 L 42 -4"/><path d="M 38 16 L 20 36 L -20 36"/>` +
    `</g>`
  );
}

function libro(x: number, y: number, w: number, h: number, color: string, lomo = "#FFFFFF"): string {
  return (
    rect(x, y, w, h, color, 'rx="4"') +
    rect(x + 6, y + 14, w - 12, 6, lomo, 'opacity="0.7"') +
    rect(x + 6, y + h - 22, w - 12, 6, lomo, 'opacity="0.7"')
  );
}

function banca(x: number, y: number, s = 1): string {
  return (
    `<g transform="translate(${x} ${y}) scale(${s})">` +
    rect(-110, -60, 220, 14, "#A0643A", 'rx="4"') +
    rect(-110, -100, 220, 14, "#A0643A", 'rx="4"') +
    rect(-110, -36, 220, 14, "#8A5330", 'rx="4"') +
    rect(-96, -36, 12, 36, "#3B3B3B") +
    rect(84, -36, 12, 36, "#3B3B3B") +
    `</g>`
  );
}

function farol(x: number, y: number, s = 1, noche = false): string {
  return (
    `<g transform="translate(${x} ${y}) scale(${s})">` +
    (noche ? circ(0, -250, 50, PALETA.amarillo, 'opacity="0.25"') : "") +
    rect(-5, -240, 10, 240, "#2E3440") +
    path("M -22 -240 L 22 -240 L 16 -270 L -16 -270 Z", noche ? PALETA.amarillo : "#F4E3A1") +
    rect(-26, -276, 52, 8, "#2E3440") +
    `</g>`
  );
}

const ESCENAS: Record<string, () => string> = {
  "festival-campesino": () =>
    lienzo(
      sol(1010, 140) +
        nube(140, 150, 1.1) +
        nube(620, 110, 0.8) +
        montanas(470) +
        suelo(560, PALETA.pasto) +
        pasto(3, 580, 780, 50) +
        puesto(260, 650, PALETA.rojo, PALETA.blanco, [PALETA.naranja, PALETA.amarillo, "#7CC242"], 7) +
        puesto(620, 660, PALETA.azul, PALETA.blanco, [PALETA.rojo, "#8E3B8F", PALETA.amarillo], 11) +
        puesto(975, 650, PALETA.verde, PALETA.amarillo, [PALETA.rojo, PALETA.naranja, "#D9A441"], 13) +
        persona(440, 760, 1, PALETA.rojo) +
        persona(800, 770, 1.1, "#8E3B8F", PALETA.pielOscura) +
        persona(1120, 775, 0.9, PALETA.azulOscuro),
    ),
  "jornada-vacunacion": () =>
    lienzo(
      circ(260, 420, 250, "#D8F0F7") +
        circ(980, 260, 160, "#D8F0F7") +
        // Shield with a health cross
        path("M 330 180 L 540 240 L 540 420 Q 540 560 330 640 Q 120 560 120 420 L 120 240 Z", PALETA.azul) +
        rect(300, 300, 60, 200, PALETA.blanco, 'rx="10"') +
        rect(230, 370, 200, 60, PALETA.blanco, 'rx="10"') +
        // Vial
        `<g transform="translate(790 170)">` +
        rect(-90, 40, 180, 380, "#E8F7FD", 'rx="26" stroke="#7FB8D6" stroke-width="8"') +
        rect(-82, 200, 164, 212, "#6FC3E8", 'rx="20"') +
        rect(-70, 0, 140, 50, "#9AA5B1", 'rx="10"') +
        rect(-60, -30, 120, 36, "#6B7785", 'rx="8"') +
        rect(-82, 250, 164, 90, PALETA.blanco) +
        rect(-60, 280, 120, 12, PALETA.azul) +
        rect(-60, 306, 80, 12, "#9AA5B1") +
        `</g>` +
        // Syringe
        `<g transform="translate(960 620) rotate(-35)">` +
        rect(-160, -26, 250, 52, "#F4FBFF", 'rx="8" stroke="#7FB8D6" stroke-width="6"') +
        rect(-40, -20, 124, 40, "#6FC3E8") +
        rect(90, -8, 80, 16, "#9AA5B1") +
        rect(-200, -40, 40, 80, "#6B7785", 'rx="6"') +
        rect(-260, -8, 70, 16, "#6B7785") +
        `</g>`,
      "#F2FAFD",
    ),
  "ciclovia-sabana": () =>
    lienzo(
      sol(200, 140, 60) +
        nube(820, 120, 1) +
        montanas(440) +
        suelo(520, PALETA.pasto) +
        path("M 470 520 L 730 520 L 1200 800 L 0 800 Z", PALETA.asfalto) +
        [0, 1, 2, 3, 4]
          .map((i) => {
            const t0 = i / 5;
            const t1 = t0 + 0.09;
            const y0 = 520 + t0 * 280;
            const y1 = 520 + t1 * 280;
            return poly(
              [
                [598 - 4 - t0 * 14, y0],
                [602 + 4 + t0 * 14, y0],
                [602 + 4 + t1 * 14, y1],
                [598 - 4 - t1 * 14, y1],
              ],
              PALETA.blanco,
            );
          })
          .join("") +
        arbol(170, 640, 1.3) +
        arbol(330, 560, 0.8) +
        arbol(1040, 650, 1.4) +
        arbol(880, 560, 0.8) +
        pino(1150, 580, 1) +
        bicicleta(470, 720, 1.1, PALETA.rojo) +
        persona(460, 640, 0.9, PALETA.amarillo) +
        bicicleta(760, 650, 0.75, PALETA.azul) +
        persona(752, 590, 0.6, PALETA.verde, PALETA.pielOscura),
    ),
  "escuela-musica": () =>
    lienzo(
      [0, 1, 2, 3, 4].map((i) => linea(80, 160 + i * 34, 1120, 160 + i * 34, "#2B3A55", 5)).join("") +
        [
          [220, 262, true],
          [340, 228, false],
          [460, 194, true],
          [580, 245, false],
          [700, 177, true],
          [820, 211, false],
          [940, 262, true],
        ]
          .map(
            ([x, y, lleno]) =>
              `<ellipse cx="${String(x)}" cy="${String(y)}" rx="24" ry="17" transform="rotate(-20 ${String(x)} ${String(y)})" fill="${lleno ? "#2B3A55" : "none"}" stroke="#2B3A55" stroke-width="6"/>` +
              linea(Number(x) + 21, Number(y), Number(x) + 21, Number(y) - 110, "#2B3A55", 6),
          )
          .join("") +
        // Guitar
        `<g transform="translate(360 600) rotate(-30)">` +
        circ(0, 40, 120, "#C9803D") +
        circ(0, -90, 95, "#C9803D") +
        circ(0, -10, 38, "#4A2C17") +
        rect(-18, -420, 36, 330, "#6B4A33") +
        rect(-30, -470, 60, 70, "#4A2C17", 'rx="10"') +
        rect(-40, 110, 80, 18, "#4A2C17") +
        `</g>` +
        // Drum
        `<g transform="translate(860 620)">` +
        `<ellipse cx="0" cy="-120" rx="170" ry="46" fill="#F6EBD9"/>` +
        path("M -170 -120 L -170 40 A 170 46 0 0 0 170 40 L 170 -120 A 170 46 0 0 1 -170 -120 Z", PALETA.rojo) +
        path("M -170 -80 L -100 40 L -30 -80 L 40 40 L 110 -80 L 170 20", "none", 'stroke="#FFC93C" stroke-width="10"') +
        linea(-60, -200, 40, -150, "#6B4A33", 12) +
        linea(80, -220, 10, -150, "#6B4A33", 12) +
        `</g>`,
      "#FFF6E5",
    ),
  "reciclaje-veredas": () =>
    lienzo(
      montanas(420, ["#A7CDB6", "#7DB38F", "#5E9A78"]) +
        suelo(520, "#9BCB73") +
        pasto(21, 540, 780, 40) +
        caneca(330, 700, PALETA.blanco, "#D5DCE3", flechasReciclaje("#9AA5B1")) +
        caneca(600, 700, "#3B3F46", "#24272C", flechasReciclaje("#9AA5B1")) +
        caneca(
          870,
          700,
          PALETA.verde,
          "#1F7A45",
          path("M 0 -60 C -60 -80 -60 -170 10 -180 C 40 -130 50 -90 0 -60 Z M 0 -60 L 6 -140", "#CFF1DA"),
        ) +
        arbol(110, 640, 1.2) +
        arbol(1090, 640, 1.3, PALETA.hojaClara) +
        sol(1000, 120, 55),
      "#DDF1FA",
    ),
  "obras-calle-septima": () =>
    lienzo(
      rect(0, 0, 1200, 420, "#CFE6F3") +
        casa(140, 430, 1.2, "#F1D9B5") +
        casa(420, 430, 1.1, PALETA.crema, "#A9432F") +
        casa(760, 430, 1.3, "#DCE8D2") +
        casa(1060, 430, 1.1, "#F3C9A8", "#A9432F") +
        rect(0, 430, 1200, 40, "#BFC5CC") +
        rect(0, 470, 1200, 330, PALETA.asfalto) +
        [0, 1, 2, 3, 4, 5].map((i) => rect(40 + i * 200, 620, 110, 14, PALETA.blanco)).join("") +
        path("M 380 560 L 820 560 L 860 700 L 340 700 Z", "#8A6A4A") +
        path("M 420 580 L 780 580 L 800 660 L 400 660 Z", "#6E5238") +
        `<g transform="translate(600 560)">` +
        rect(-260, -80, 520, 26, PALETA.blanco) +
        [0, 1, 2, 3, 4]
          .map((i) =>
            poly(
              [
                [-250 + i * 110, -80],
                [-200 + i * 110, -80],
                [-230 + i * 110, -54],
                [-280 + i * 110, -54],
              ],
              PALETA.naranja,
            ),
          )
          .join("") +
        rect(-240, -54, 14, 60, "#3B3B3B") +
        rect(226, -54, 14, 60, "#3B3B3B") +
        `</g>` +
        cono(300, 740, 1.1) +
        cono(900, 740, 1.1) +
        cono(1040, 700, 0.9) +
        cono(170, 700, 0.9) +
        persona(1120, 780, 1, PALETA.naranja) +
        path("M 1092 662 Q 1120 630 1148 662 Z", PALETA.amarillo),
    ),
  "impuesto-predial": () =>
    lienzo(
      circ(600, 430, 330, "#E3EEFA") +
        rect(0, 620, 1200, 180, "#CFE0C3") +
        casa(360, 620, 1.6, PALETA.crema, PALETA.teja) +
        // Document
        `<g transform="translate(720 210) rotate(6)">` +
        rect(0, 0, 260, 340, PALETA.blanco, 'rx="12" stroke="#C9D3DE" stroke-width="4"') +
        rect(30, 40, 160, 18, PALETA.azul) +
        [0, 1, 2, 3, 4, 5].map((i) => rect(30, 90 + i * 34, i % 2 ? 150 : 200, 12, "#C9D3DE")).join("") +
        circ(200, 290, 30, PALETA.verde) +
        path(
          "M 186 290 L 197 302 L 216 280",
          "none",
          'stroke="#FFFFFF" stroke-width="8" stroke-linecap="round" stroke-linejoin="round"',
        ) +
        `</g>` +
        // Calendar
        `<g transform="translate(840 470)">` +
        rect(0, 0, 230, 210, PALETA.blanco, 'rx="14" stroke="#C9D3DE" stroke-width="4"') +
        rect(0, 0, 230, 56, PALETA.rojo, 'rx="14"') +
        rect(0, 40, 230, 16, PALETA.rojo) +
        rect(40, -20, 14, 44, "#6B7785", 'rx="6"') +
        rect(176, -20, 14, 44, "#6B7785", 'rx="6"') +
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
          .map((i) =>
            rect(24 + (i % 4) * 50, 76 + Math.floor(i / 4) * 42, 34, 28, i === 6 ? PALETA.amarillo : "#E3EEFA", 'rx="5"'),
          )
          .join("") +
        `</g>` +
        arbol(130, 650, 1.1),
      "#F5F9FD",
    ),
  "alumbrado-navideno": () =>
    lienzo(
      rect(0, 0, 1200, 400, PALETA.cieloNoche2, 'opacity="0.6"') +
        estrellas(5, 90, 380) +
        circ(1040, 110, 46, "#F5F1DC") +
        circ(1060, 96, 44, PALETA.cieloNoche) +
        montanas(470, ["#1D3159", "#182947", "#132139"]) +
        iglesia(600, 640, 1, "#E9DFC9", "#8E3B2B") +
        rect(0, 640, 1200, 160, "#2C3552") +
        guirnalda(0, 300, 420, 330, 90, 1) +
        guirnalda(780, 330, 1200, 300, 90, 2) +
        guirnalda(0, 470, 460, 520, 60, 3) +
        guirnalda(740, 520, 1200, 470, 60, 4) +
        farol(170, 720, 1, true) +
        farol(1030, 720, 1, true) +
        pino(320, 700, 1.2) +
        pino(880, 700, 1.2) +
        circ(320, 560, 10, PALETA.amarillo) +
        circ(880, 560, 10, PALETA.amarillo),
      PALETA.cieloNoche,
    ),
  "siembra-arboles": () =>
    lienzo(
      sol(180, 140, 60) +
        nube(760, 120, 1) +
        montanas(450) +
        suelo(540, PALETA.pasto) +
        [0, 1, 2, 3]
          .map((i) => `<ellipse cx="${200 + i * 260}" cy="${640 + (i % 2) * 40}" rx="90" ry="24" fill="${PALETA.tierra}"/>`)
          .join("") +
        [0, 1, 2, 3]
          .map((i) => arbol(200 + i * 260, 640 + (i % 2) * 40, 0.55 + (i % 3) * 0.12, i % 2 ? PALETA.hojaClara : PALETA.hoja))
          .join("") +
        // Shovel
        `<g transform="translate(1060 720) rotate(-20)">` +
        rect(-6, -260, 12, 200, "#A0643A") +
        rect(-26, -280, 52, 22, "#A0643A", 'rx="8"') +
        path("M -34 -70 L 34 -70 L 30 0 Q 0 30 -30 0 Z", "#8F9BA8") +
        `</g>` +
        // Watering can
        `<g transform="translate(90 740)">` +
        rect(-40, -90, 90, 80, PALETA.azul, 'rx="10"') +
        path("M 50 -70 L 120 -120 L 128 -110 L 50 -40 Z", PALETA.azul) +
        path("M -40 -80 Q -80 -60 -40 -30", "none", 'stroke="#3366CC" stroke-width="10"') +
        `</g>` +
        pasto(31, 560, 780, 30),
    ),
  "biblioteca-publica": () =>
    lienzo(
      rect(0, 0, 1200, 800, "#F3E9DA") +
        rect(80, 90, 1040, 560, "#A0643A", 'rx="10"') +
        [0, 1, 2].map((f) => rect(100, 110 + f * 180, 1000, 160, "#7A4A2A")).join("") +
        [0, 1, 2]
          .map((f) => {
            const r = azar(40 + f);
            const colores = [
              PALETA.azul,
              PALETA.rojo,
              PALETA.verde,
              PALETA.amarillo,
              "#8E3B8F",
              PALETA.naranja,
              PALETA.azulOscuro,
              "#2AA1A1",
            ];
            let x = 110;
            let out = "";
            while (x < 1070) {
              const w = 26 + Math.floor(r() * 22);
              const h = 110 + Math.floor(r() * 40);
              out += libro(x, 270 + f * 180 - h, w, h, colores[Math.floor(r() * colores.length)] ?? PALETA.azul);
              x += w + 4 + (r() < 0.08 ? 30 : 0);
            }
            return out;
          })
          .join("") +
        rect(0, 650, 1200, 150, "#C9A27E") +
        // Open book on the table
        `<g transform="translate(600 740)">` +
        path(
          "M -260 -20 Q -130 -70 0 -30 Q 130 -70 260 -20 L 260 30 Q 130 -20 0 20 Q -130 -20 -260 30 Z",
          PALETA.blanco,
          'stroke="#C9D3DE" stroke-width="4"',
        ) +
        linea(0, -30, 0, 20, "#C9D3DE", 4) +
        `</g>`,
      "#F3E9DA",
    ),
  "adulto-mayor": () =>
    lienzo(
      sol(1000, 130, 60) +
        nube(180, 130, 1) +
        montanas(440) +
        suelo(520, PALETA.pasto) +
        path("M 0 700 Q 600 600 1200 700 L 1200 800 L 0 800 Z", "#E6D3B3") +
        arbol(140, 600, 1.5) +
        arbol(1080, 610, 1.6, PALETA.hojaClara) +
        arbol(760, 540, 0.9) +
        farol(300, 640, 1.1) +
        farol(900, 640, 1.1) +
        banca(480, 680, 1.2) +
        banca(740, 690, 1.2) +
        persona(440, 640, 0.95, "#8E3B8F", PALETA.piel) +
        circ(440, 512, 22, "#D9D9D9", 'opacity="0.9"') +
        persona(520, 640, 0.95, PALETA.azulOscuro, PALETA.pielOscura) +
        circ(520, 512, 22, "#EDEDED", 'opacity="0.9"') +
        persona(760, 650, 0.95, PALETA.verde, PALETA.piel) +
        circ(760, 522, 22, "#D9D9D9", 'opacity="0.9"') +
        pasto(51, 540, 660, 30),
    ),
  "simulacro-sismo": () =>
    lienzo(
      rect(120, 200, 380, 460, "#DDE3EA") +
        [0, 1, 2, 3].map((f) => [0, 1, 2].map((c) => rect(160 + c * 110, 240 + f * 100, 80, 60, "#8CB3D9")).join("")).join("") +
        rect(270, 570, 80, 90, "#6B7785") +
        rect(0, 660, 1200, 140, "#CFE0C3") +
        // Evacuation route sign
        `<g transform="translate(560 230)">` +
        rect(0, 0, 300, 190, PALETA.verde, 'rx="16"') +
        circ(92, 50, 18, PALETA.blanco) +
        path(
          "M 80 72 L 60 120 L 34 150 M 80 72 L 110 108 L 140 112 M 72 96 L 100 130 L 96 172 M 80 72 L 56 92 L 40 86",
          "none",
          'stroke="#FFFFFF" stroke-width="14" stroke-linecap="round" stroke-linejoin="round"',
        ) +
        path(
          "M 180 95 L 250 95 M 225 65 L 258 95 L 225 125",
          "none",
          'stroke="#FFFFFF" stroke-width="16" stroke-linecap="round" stroke-linejoin="round"',
        ) +
        `</g>` +
        // Meeting point sign
        `<g transform="translate(1030 680)">` +
        rect(-8, -200, 16, 200, "#6B7785") +
        rect(-110, -420, 220, 220, PALETA.verde, 'rx="16"') +
        [0, 90, 180, 270]
          .map(
            (a) =>
              `<g transform="translate(0 -310) rotate(${a})">${poly(
                [
                  [0, -20],
                  [-26, -60],
                  [-10, -60],
                  [-10, -88],
                  [10, -88],
                  [10, -60],
                  [26, -60],
                ],
                PALETA.blanco,
              )}</g>`,
          )
          .join("") +
        circ(0, -310, 10, PALETA.blanco) +
        `</g>` +
        persona(600, 760, 1, PALETA.amarillo) +
        persona(680, 770, 0.9, PALETA.rojo, PALETA.pielOscura) +
        persona(750, 760, 1, PALETA.azul) +
        // Hard hat of the brigade member
        path("M 572 650 Q 600 618 628 650 Z", PALETA.amarillo),
      "#EEF4F8",
    ),
  "novenas-navidad": () =>
    lienzo(
      `<defs><radialGradient id="brillo"><stop offset="0" stop-color="#FFD15C" stop-opacity="0.55"/><stop offset="1" stop-color="#FFD15C" stop-opacity="0"/></radialGradient></defs>` +
        estrellas(9, 80, 500) +
        circ(600, 180, 170, "url(#brillo)") +
        poly(
          [
            [600, 70],
            [628, 150],
            [712, 150],
            [644, 198],
            [670, 280],
            [600, 230],
            [530, 280],
            [556, 198],
            [488, 150],
            [572, 150],
          ],
          PALETA.amarillo,
        ) +
        rect(0, 560, 1200, 240, "#2C3552") +
        [0, 1, 2, 3, 4, 5, 6, 7, 8]
          .map((i) => {
            const x = 130 + i * 118;
            const h = 120 + ((i * 37) % 70);
            const colores = [PALETA.rojo, PALETA.blanco, PALETA.verde, PALETA.amarillo, "#6FB7FF"];
            return (
              `<ellipse cx="${x}" cy="${640 - h - 24}" rx="34" ry="44" fill="url(#brillo)"/>` +
              path(
                `M ${x} ${640 - h - 44} Q ${x + 14} ${640 - h - 20} ${x} ${640 - h - 8} Q ${x - 14} ${640 - h - 20} ${x} ${640 - h - 44} Z`,
                "#FFB63C",
              ) +
              rect(x - 16, 640 - h, 32, h, colores[i % colores.length] ?? PALETA.blanco, 'rx="4"') +
              rect(x - 30, 636, 60, 12, "#8A5A3C", 'rx="4"')
            );
          })
          .join("") +
        // Paper lanterns (faroles)
        guirnalda(0, 330, 1200, 330, 80, 12),
      PALETA.cieloNoche,
    ),
  "borrador-mercados": () =>
    lienzo(
      sol(980, 130, 55) +
        montanas(430, ["#A7CDB6", "#7DB38F", "#5E9A78"]) +
        suelo(520, "#D9C4A0") +
        puesto(220, 660, PALETA.naranja, PALETA.blanco, [PALETA.rojo, "#7CC242", PALETA.amarillo], 17) +
        puesto(600, 680, "#8E3B8F", PALETA.blanco, [PALETA.naranja, PALETA.rojo, "#7CC242"], 19) +
        puesto(980, 660, PALETA.azul, PALETA.amarillo, [PALETA.amarillo, "#D9A441", PALETA.rojo], 23) +
        persona(400, 780, 1, PALETA.verde) +
        persona(800, 785, 1, PALETA.rojo, PALETA.pielOscura),
    ),
};

/** Names of the illustrations that can be drawn. */
export const NOMBRES_ILUSTRACIONES: readonly string[] = Object.keys(ESCENAS);

/** The SVG source of an illustration. */
export function svgIlustracion(nombre: string): string {
  const escena = ESCENAS[nombre];
  if (!escena) throw new Error(`No existe la ilustración "${nombre}". Disponibles: ${NOMBRES_ILUSTRACIONES.join(", ")}.`);
  return escena();
}

/** The illustration as a 1200×800 PNG. */
export function renderizarIlustracion(nombre: string): Uint8Array {
  const png = new Resvg(svgIlustracion(nombre), { font: { loadSystemFonts: false } }).render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
