import { describe, it, expect } from "vitest";
import path from "node:path";
import { cargarInstitucion, cargarNotas } from "../../scripts/lib/content/index.ts";
import { construirKit, listaDeChequeo, urlConUtm } from "../../scripts/lib/share/kit.ts";
import { leerRegistro } from "../../scripts/lib/ledger/index.ts";
import { prensaAsincrona } from "../ayudas/cli.ts";
import { RAIZ, raizCon } from "../ayudas/raiz.ts";

const FIXTURE = path.join(import.meta.dirname, "../publish/fixtures/una-redaccion-con-cuatro-notas");
const institucion = cargarInstitucion(RAIZ);
const { notas } = cargarNotas(institucion, { raiz: FIXTURE });
const festival = notas.find((n) => n.slug === "festival-del-campesino")!;
const cierre = notas.find((n) => n.slug === "cierre-de-via")!;

describe("kit para grupos comunitarios", () => {
  it("arma un mensaje por grupo con la URL etiquetada (UTM) y el enlace para compartir de su plataforma", () => {
    const kit = construirKit(festival, institucion);
    expect(kit.map((k) => k.grupo.id)).toEqual(["vereda-chuntame", "capellania-comunidad", "jovenes-cajica"]);
    const [whatsapp, facebook, telegram] = kit;
    expect(whatsapp!.url).toBe(
      "https://prensa.cajica.gov.co/noticias/2026/11/festival-del-campesino/?utm_source=whatsapp&utm_medium=grupo-comunitario&utm_campaign=festival-del-campesino&utm_content=vereda-chuntame",
    );
    expect(whatsapp!.compartir.startsWith("https://wa.me/?text=")).toBe(true);
    expect(decodeURIComponent(whatsapp!.compartir.slice("https://wa.me/?text=".length))).toBe(whatsapp!.mensaje);
    expect(whatsapp!.mensaje).toContain(festival.datos.titulo);
    expect(whatsapp!.mensaje).toContain(whatsapp!.url);
    expect(facebook!.compartir).toBe(`https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(facebook!.url)}`);
    const t = new URL(telegram!.compartir);
    expect(`${t.origin}${t.pathname}`).toBe("https://t.me/share/url");
    expect(t.searchParams.get("url")).toBe(telegram!.url);
    expect(t.searchParams.get("text")).toBe(festival.datos.titulo);
  });

  it("solo ofrece la nota a los grupos interesados en su dependencia o sus etiquetas", () => {
    expect(construirKit(cierre, institucion).map((k) => k.grupo.id)).toEqual(["vereda-chuntame", "capellania-comunidad"]);
  });

  it("conserva los parámetros que la URL ya tenía", () => {
    const g = institucion.gruposComunitarios[0]!;
    expect(urlConUtm("https://a.gov.co/n/?x=1", g, "n")).toBe(
      "https://a.gov.co/n/?x=1&utm_source=whatsapp&utm_medium=grupo-comunitario&utm_campaign=n&utm_content=vereda-chuntame",
    );
  });

  it("marca en la lista de chequeo los grupos ya compartidos", () => {
    const lineas = listaDeChequeo(construirKit(cierre, institucion), new Set(["capellania-comunidad"]));
    expect(lineas[0]).toMatch(/^- \[ \] Vecinos de la vereda Chuntame \(WhatsApp\): https:\/\/wa\.me\//);
    expect(lineas[1]).toMatch(/^- \[x\] Comunidad Capellanía \(Facebook\)/);
  });

  it("prensa kit muestra el kit y --compartido lo anota en el registro de la nota", async () => {
    const { raiz, borrar } = raizCon({ prefijo: "prensa-kit-", capas: [FIXTURE] });
    const env = { PRENSA_RAIZ: raiz, PRENSA_AHORA: "2026-11-21T09:00:00-05:00", USER: "editora" };
    try {
      const kit = await prensaAsincrona(["kit", "festival-del-campesino"], env);
      expect(kit.codigo).toBe(0);
      expect(kit.salida).toContain("■ Jóvenes de Cajicá (Telegram)");
      expect(kit.salida).toContain("Compartir con un clic: https://wa.me/?text=");
      expect(kit.salida).toContain("prensa kit 2026/11/festival-del-campesino --compartido vereda-chuntame");

      const anotar = await prensaAsincrona(["kit", "2026/11/festival-del-campesino", "--compartido", "vereda-chuntame"], env);
      expect(anotar.error).toBe("");
      expect(anotar.codigo).toBe(0);
      expect(anotar.salida).toContain("Anotado");
      expect(leerRegistro(raiz, "2026/11/festival-del-campesino")!.compartidos).toEqual([
        { grupo: "vereda-chuntame", fecha: "2026-11-21T09:00:00-05:00", por: "editora" },
      ]);
      const otra = await prensaAsincrona(["kit", "festival-del-campesino"], env);
      expect(otra.salida).toContain(
        "Vecinos de la vereda Chuntame (WhatsApp) — Habitantes de la vereda Chuntame — ya compartida",
      );

      const mal = await prensaAsincrona(["kit", "festival-del-campesino", "--compartido", "grupo-inventado"], env);
      expect(mal.codigo).toBe(2);
      expect(mal.error).toContain("el grupo «grupo-inventado» no está en config/institucion.yaml");
      const futura = await prensaAsincrona(["kit", "mercado-campesino", "--compartido", "vereda-chuntame"], env);
      expect(futura.codigo).toBe(2);
      expect(futura.error).toContain("aún no es pública");
    } finally {
      borrar();
    }
  });
});
