import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, PDFHexString, PDFName, PDFString, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { woffASfnt } from "../images/woff.ts";
import { ErrorConvergente } from "../content/problems.ts";

/**
 * PDF/A-2b writer on pdf-lib (ISO 19005-2, conformance level B): every font embedded (the site's
 * own Work Sans and Montserrat, converted from WOFF), XMP metadata with pdfaid:part 2 and
 * pdfaid:conformance B mirroring the document information, an sRGB OutputIntent, a trailer /ID,
 * no encryption, no JavaScript. The archive renders the note's text content here instead of
 * printing the page with Chromium and converting with Ghostscript: no Ghostscript in CI, no
 * browser start per note (about a second each), and the same bytes on every machine.
 */

/** Debian's icc-profiles-free sRGB profile (installed by .ci/run and by archivo.yml); PRENSA_ICC_SRGB names another. */
export const RUTA_ICC_SRGB = "/usr/share/color/icc/sRGB.icc";

export type Bloque =
  | { tipo: "titulo"; texto: string }
  | { tipo: "subtitulo"; texto: string }
  | { tipo: "parrafo"; texto: string; tamano?: number }
  | { tipo: "dato"; etiqueta: string; valor: string }
  | { tipo: "tabla"; columnas: { titulo: string; ancho: number }[]; filas: string[][] }
  | { tipo: "imagen"; datos: Uint8Array; formato: "png" | "jpg"; alt: string }
  | { tipo: "firma"; roles: string[] };

export interface DocumentoPdf {
  titulo: string;
  autor: string;
  asunto: string;
  /** Creation instant written to the info dictionary and the XMP. */
  creado: Date;
  bloques: Bloque[];
  horizontal?: boolean;
}

export interface PdfGenerado {
  bytes: Uint8Array;
  paginas: number;
}

const requerir = createRequire(import.meta.url);
const fuentesCache = new Map<string, Uint8Array>();
function fuente(paquete: string, archivo: string): Uint8Array {
  const clave = `${paquete}/${archivo}`;
  let f = fuentesCache.get(clave);
  if (!f) {
    const carpeta = path.dirname(requerir.resolve(`${paquete}/package.json`));
    f = woffASfnt(readFileSync(path.join(carpeta, "files", archivo)));
    fuentesCache.set(clave, f);
  }
  return f;
}

let icc: Uint8Array | undefined;
function perfilSrgb(): Uint8Array {
  if (icc) return icc;
  const ruta = process.env.PRENSA_ICC_SRGB || RUTA_ICC_SRGB;
  try {
    icc = readFileSync(ruta);
  } catch {
    throw new ErrorConvergente(`No se encontró el perfil de color sRGB que exigen los PDF/A (${ruta}).`, [
      {
        archivo: ruta,
        mensaje: "no existe o no se puede leer",
        arreglo:
          "instale el paquete de Debian icc-profiles-free (apt-get install icc-profiles-free) o indique otro archivo con PRENSA_ICC_SRGB",
      },
    ]);
  }
  return icc;
}

const escaparXml = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function xmp(d: DocumentoPdf, productor: string): string {
  const fecha = d.creado.toISOString().replace(/\.\d{3}Z$/, "Z");
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escaparXml(d.titulo)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>${escaparXml(d.autor)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escaparXml(d.asunto)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>es-CO</rdf:li></rdf:Bag></dc:language>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <xmp:CreateDate>${fecha}</xmp:CreateDate>
   <xmp:ModifyDate>${fecha}</xmp:ModifyDate>
   <xmp:MetadataDate>${fecha}</xmp:MetadataDate>
   <xmp:CreatorTool>Convergente</xmp:CreatorTool>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdf:Producer>${escaparXml(productor)}</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

interface Fuentes {
  texto: PDFFont;
  negrita: PDFFont;
  titular: PDFFont;
}

/** Keeps only characters the font can draw (emoji and controls would break PDF/A glyph rules). */
function limpio(t: string, f: PDFFont): string {
  const disponibles = new Set(f.getCharacterSet());
  return [...t.normalize("NFC").replace(/\t/g, " ")].filter((c) => disponibles.has(c.codePointAt(0)!)).join("");
}

function partir(texto: string, f: PDFFont, tamano: number, ancho: number): string[] {
  const lineas: string[] = [];
  for (const parrafo of limpio(texto, f).split("\n")) {
    let actual = "";
    for (const palabra of parrafo.split(/ +/)) {
      const prueba = actual ? `${actual} ${palabra}` : palabra;
      if (f.widthOfTextAtSize(prueba, tamano) <= ancho) {
        actual = prueba;
        continue;
      }
      if (actual) lineas.push(actual);
      // A word longer than the line (a URL, a hash) is cut by characters.
      let resto = palabra;
      while (f.widthOfTextAtSize(resto, tamano) > ancho) {
        let n = resto.length;
        while (n > 1 && f.widthOfTextAtSize(resto.slice(0, n), tamano) > ancho) n--;
        lineas.push(resto.slice(0, n));
        resto = resto.slice(n);
      }
      actual = resto;
    }
    lineas.push(actual);
  }
  return lineas;
}

/** Lays the blocks out on A4 pages and writes a PDF/A-2b file. */
export async function crearPdfA(d: DocumentoPdf): Promise<PdfGenerado> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const f: Fuentes = {
    texto: await doc.embedFont(fuente("@fontsource/work-sans", "work-sans-latin-400-normal.woff"), { subset: true }),
    negrita: await doc.embedFont(fuente("@fontsource/work-sans", "work-sans-latin-600-normal.woff"), { subset: true }),
    titular: await doc.embedFont(fuente("@fontsource/montserrat", "montserrat-latin-700-normal.woff"), { subset: true }),
  };
  const [anchoPagina, altoPagina] = d.horizontal ? [841.89, 595.28] : [595.28, 841.89];
  const margen = 50;
  const util = anchoPagina - 2 * margen;
  const azul = rgb(0, 0x48 / 255, 0x84 / 255);
  const negro = rgb(0.1, 0.1, 0.1);
  let pagina: PDFPage = doc.addPage([anchoPagina, altoPagina]);
  let y = altoPagina - margen;
  const nueva = () => {
    pagina = doc.addPage([anchoPagina, altoPagina]);
    y = altoPagina - margen;
  };
  const espacio = (alto: number) => {
    if (y - alto < margen + 20) nueva();
  };
  const escribir = (texto: string, fuenteUsada: PDFFont, tamano: number, color = negro, x = margen, ancho = util) => {
    for (const linea of partir(texto, fuenteUsada, tamano, ancho)) {
      espacio(tamano * 1.35);
      y -= tamano * 1.35;
      if (linea) pagina.drawText(linea, { x, y, size: tamano, font: fuenteUsada, color });
    }
  };

  for (const b of d.bloques) {
    if (b.tipo === "titulo") {
      escribir(b.texto, f.titular, 16, azul);
      y -= 6;
    } else if (b.tipo === "subtitulo") {
      y -= 6;
      escribir(b.texto, f.titular, 11.5, azul);
      y -= 2;
    } else if (b.tipo === "parrafo") {
      escribir(b.texto, f.texto, b.tamano ?? 10);
      y -= 4;
    } else if (b.tipo === "dato") {
      escribir(`${b.etiqueta}: ${b.valor}`, f.texto, 9.5);
    } else if (b.tipo === "imagen") {
      const img = b.formato === "png" ? await doc.embedPng(b.datos) : await doc.embedJpg(b.datos);
      const escala = Math.min(util / img.width, 260 / img.height, 1);
      const [w, h] = [img.width * escala, img.height * escala];
      espacio(h + 30);
      y -= h;
      pagina.drawImage(img, { x: margen, y, width: w, height: h });
      y -= 4;
      escribir(`Descripción de la imagen: ${b.alt}`, f.texto, 8.5);
      y -= 4;
    } else if (b.tipo === "tabla") {
      const total = b.columnas.reduce((s, c) => s + c.ancho, 0);
      const anchos = b.columnas.map((c) => (c.ancho / total) * util);
      const tamano = 7.5;
      const fila = (celdas: string[], fuenteUsada: PDFFont, fondo?: boolean) => {
        const partes = celdas.map((c, i) => partir(c, fuenteUsada, tamano, anchos[i]! - 6));
        const alto = Math.max(...partes.map((p) => p.length)) * tamano * 1.3 + 6;
        let nuevaPagina = false;
        if (y - alto < margen + 20) {
          nueva();
          nuevaPagina = true;
        }
        if (fondo) pagina.drawRectangle({ x: margen, y: y - alto, width: util, height: alto, color: rgb(0.9, 0.93, 0.97) });
        let x = margen;
        partes.forEach((lineas, i) => {
          lineas.forEach((l, j) => {
            if (l)
              pagina.drawText(l, {
                x: x + 3,
                y: y - 3 - (j + 1) * tamano * 1.3 + 2,
                size: tamano,
                font: fuenteUsada,
                color: negro,
              });
          });
          pagina.drawRectangle({
            x,
            y: y - alto,
            width: anchos[i]!,
            height: alto,
            borderColor: rgb(0.6, 0.6, 0.6),
            borderWidth: 0.5,
          });
          x += anchos[i]!;
        });
        y -= alto;
        return nuevaPagina;
      };
      const cabecera = b.columnas.map((c) => c.titulo);
      fila(cabecera, f.negrita, true);
      for (const celdas of b.filas)
        if (fila(celdas, f.texto)) {
          // Repeat the header on the new page, then the row that did not fit.
          y = altoPagina - margen;
          fila(cabecera, f.negrita, true);
          fila(celdas, f.texto);
        }
      y -= 8;
    } else if (b.tipo === "firma") {
      const ancho = util / b.roles.length;
      espacio(70);
      y -= 50;
      b.roles.forEach((rol, i) => {
        const x = margen + i * ancho;
        pagina.drawLine({ start: { x: x + 5, y }, end: { x: x + ancho - 15, y }, thickness: 0.6, color: negro });
        for (const [j, l] of ["Nombre:", "Cargo:", "Firma:", "Lugar y fecha:"].entries())
          pagina.drawText(j === 0 ? `${rol}` : l, {
            x: x + 5,
            y: y - 12 - j * 11,
            size: 8,
            font: j === 0 ? f.negrita : f.texto,
            color: negro,
          });
      });
      y -= 60;
    }
  }

  const paginas = doc.getPages();
  paginas.forEach((p, i) =>
    p.drawText(limpio(`${d.titulo.slice(0, 90)} · Página ${i + 1} de ${paginas.length}`, f.texto), {
      x: margen,
      y: margen / 2,
      size: 7.5,
      font: f.texto,
      color: rgb(0.35, 0.35, 0.35),
    }),
  );

  const productor = "Convergente (pdf-lib)";
  doc.setTitle(d.titulo, { showInWindowTitleBar: true });
  doc.setAuthor(d.autor);
  doc.setSubject(d.asunto);
  doc.setCreator("Convergente");
  doc.setProducer(productor);
  doc.setCreationDate(d.creado);
  doc.setModificationDate(d.creado);
  doc.setLanguage("es-CO");
  const ctx = doc.context;
  const metadatos = ctx.stream(Buffer.from(xmp(d, productor), "utf8"), { Type: "Metadata", Subtype: "XML" });
  doc.catalog.set(PDFName.of("Metadata"), ctx.register(metadatos));
  const perfil = ctx.flateStream(perfilSrgb(), { N: 3 });
  const intencion = ctx.obj({
    Type: "OutputIntent",
    S: "GTS_PDFA1",
    OutputConditionIdentifier: PDFString.of("sRGB IEC61966-2.1"),
    Info: PDFString.of("sRGB IEC61966-2.1"),
    DestOutputProfile: ctx.register(perfil),
  });
  doc.catalog.set(PDFName.of("OutputIntents"), ctx.obj([ctx.register(intencion)]));
  const id = createHash("md5").update(`${d.titulo}\u0000${d.creado.toISOString()}\u0000${d.asunto}`).digest("hex");
  ctx.trailerInfo.ID = ctx.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  const bytes = await doc.save({ useObjectStreams: false, updateFieldAppearances: false });
  return { bytes, paginas: paginas.length };
}

/** True when a PDF's bytes declare PDF/A in their XMP (pdfaid:part), as a quick self-check. */
export function declaraPdfA(bytes: Uint8Array): { parte?: string; conformidad?: string } {
  const texto = Buffer.from(bytes).toString("latin1");
  return {
    parte: /<pdfaid:part>(\d)<\/pdfaid:part>/.exec(texto)?.[1],
    conformidad: /<pdfaid:conformance>([ABU])<\/pdfaid:conformance>/.exec(texto)?.[1],
  };
}
