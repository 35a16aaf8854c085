import { afterEach, describe, expect, it } from "vitest";
import { cargarInstitucion } from "../../../scripts/lib/content/index.ts";
import { crearBandeja } from "../../../scripts/lib/networks/bandeja/mastodon.ts";
import type { AdaptadorBandeja, MensajeEntrante, RespuestaSaliente } from "../../../scripts/lib/networks/tipos.ts";
import { iniciarEmuladorMastodon, type EmuladorMastodon } from "../emuladores/mastodon.ts";

const institucion = cargarInstitucion();
let emu: EmuladorMastodon | undefined;

afterEach(async () => {
  if (emu) {
    expect(emu.violaciones).toEqual([]);
    await emu.cerrar();
  }
  emu = undefined;
});

async function bandeja(): Promise<AdaptadorBandeja> {
  emu = await iniciarEmuladorMastodon();
  const b = crearBandeja({ institucion, env: { MASTODON_TOKEN: emu.token, PRENSA_URL_MASTODON: emu.url }, timeoutMs: 2000 });
  if (!b) throw new Error("la bandeja debía existir");
  return b;
}

const respuesta = (m: MensajeEntrante, privado: boolean, texto: string): RespuestaSaliente => ({
  red: "mastodon",
  mensaje: m,
  texto,
  privado,
  clave: `local-${m.idExterno}-${privado ? "p" : "c"}`,
});

describe("bandeja de Mastodon", () => {
  it("lee las menciones, los mensajes directos y las solicitudes de desconocidos, y sigue desde el cursor", async () => {
    const b = await bandeja();
    const publica = emu!.mencionar("vecina", "¿Hasta cuándo va el cierre de la vía?");
    const directa = emu!.mencionar("vecino", "Tengo una queja por el alumbrado", { visibilidad: "direct" });
    emu!.mencionar("desconocida", "¿Dónde pago el predial?", { filtrada: true });

    const primera = await b.leer(undefined);
    expect(primera.mensajes.map((m) => [m.canal, m.autor.usuario, m.propio])).toEqual([
      ["mencion", "desconocida", false],
      ["privado", "vecino", false],
      ["mencion", "vecina", false],
    ]);
    expect(primera.mensajes.find((m) => m.idExterno === publica.id)?.texto).toBe("@cajica ¿Hasta cuándo va el cierre de la vía?");
    expect(primera.cursor).toBeDefined();
    expect(emu!.rutas()).toEqual([
      "GET /api/v1/accounts/verify_credentials",
      "GET /api/v1/notifications",
      "GET /api/v1/accounts/1/statuses",
    ]);
    expect(emu!.registro[1]!.consulta).toMatchObject({ "types[]": "mention", include_filtered: "true" });

    // Nothing new: the next read brings nothing and keeps the cursor.
    const segunda = await b.leer(primera.cursor);
    expect(segunda.mensajes).toEqual([]);
    expect(segunda.cursor).toBeUndefined();
    expect(emu!.registro.at(-2)!.consulta.min_id).toBeDefined();

    // The office answers natively: the next read files it as its own, answering the direct message.
    const propia = await b.responder(
      respuesta(
        primera.mensajes.find((m) => m.idExterno === directa.id)!,
        true,
        "Gracias, ya lo reportamos.",
      ),
    );
    const tercera = await b.leer(primera.cursor);
    expect(tercera.mensajes).toMatchObject([{ idExterno: propia.idRemoto, propio: true, respondeA: directa.id }]);
  });

  it("responde en el hilo con la mención, la visibilidad y la clave de idempotencia, y no duplica al reconciliar", async () => {
    const b = await bandeja();
    const mencion = emu!.mencionar("vecina", "¿Hay jornada de vacunación el sábado?");
    const [m] = (await b.leer(undefined)).mensajes;
    const r = respuesta(m!, false, "Sí, de 8 a 12 en la plaza.");
    expect(b.ventana(r, new Date()).permitida).toBe(true);
    const post = await b.responder(r);
    const creado = emu!.estados.find((e) => e.id === post.idRemoto)!;
    expect(creado).toMatchObject({
      texto: "@vecina Sí, de 8 a 12 en la plaza.",
      visibilidad: "public",
      enRespuestaA: mencion.id,
    });
    expect(emu!.registro.at(-1)!.idempotencia).toBe(r.clave);

    // The outcome was lost: reconciliation finds it among the account's statuses, sends nothing.
    const antes = emu!.estados.length;
    expect(await b.reconciliarRespuesta({ ...r, desde: new Date(Date.now() - 60_000) })).toEqual({ estado: "publicado", post });
    expect(emu!.estados.length).toBe(antes);
  });

  it("no responde en público un mensaje directo y explica qué se puede", async () => {
    const b = await bandeja();
    emu!.mencionar("vecino", "Mi número de cédula es 123", { visibilidad: "direct" });
    const [m] = (await b.leer(undefined)).mensajes;
    const v = b.ventana(respuesta(m!, false, "x"), new Date());
    expect(v.permitida).toBe(false);
    expect(v.explicacion).toMatch(/\/responder-privado/);
    const post = await b.responder(respuesta(m!, true, "Le escribimos por aquí."));
    expect(emu!.estados.find((e) => e.id === post.idRemoto)?.visibilidad).toBe("direct");
  });
});
