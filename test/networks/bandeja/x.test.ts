import { afterEach, describe, expect, it } from "vitest";
import { cargarInstitucion } from "../../../scripts/lib/content/index.ts";
import type { Institucion } from "../../../scripts/lib/content/schema/institucion.ts";
import { configBandeja } from "../../../scripts/lib/inbox/conversacion.ts";
import { crearBandeja } from "../../../scripts/lib/networks/bandeja/x.ts";
import type { AdaptadorBandeja, MensajeEntrante, RespuestaSaliente } from "../../../scripts/lib/networks/tipos.ts";
import { iniciarEmuladorX, USUARIO_X, type CredencialesX, type EmuladorX } from "../emuladores/x.ts";

const base = cargarInstitucion();
const CREDENCIALES: CredencialesX = {
  appKey: "clave-de-app-x-bandeja-1234567890",
  appSecret: "secreto-de-app-x-bandeja-abcdefghijklmnop",
  accessToken: "2244994945-tokenDeBandejaX0987654321",
  accessSecret: "secreto-de-acceso-x-bandeja-qrstuvwxyz",
};
const ENV = {
  X_API_KEY: CREDENCIALES.appKey,
  X_API_SECRET: CREDENCIALES.appSecret,
  X_ACCESS_TOKEN: CREDENCIALES.accessToken,
  X_ACCESS_SECRET: CREDENCIALES.accessSecret,
};
const VECINA = { id: "1500000000000000001", username: "vecina_cajica", name: "Ana" };
let emu: EmuladorX | undefined;

afterEach(async () => {
  await emu?.cerrar();
  emu = undefined;
});

function institucion(leer: boolean, presupuestoMensual = 300): Institucion {
  return { ...base, inquietudes: { ...configBandeja(base), x: { leer, presupuestoMensual } } };
}

async function bandeja(presupuesto = 300): Promise<AdaptadorBandeja> {
  emu = await iniciarEmuladorX(CREDENCIALES);
  const b = crearBandeja({
    institucion: institucion(true, presupuesto),
    env: { ...ENV, PRENSA_URL_X: emu.url },
    timeoutMs: 2000,
  });
  if (!b) throw new Error("la bandeja debía existir");
  return b;
}

const respuesta = (m: MensajeEntrante, privado: boolean, texto: string): RespuestaSaliente => ({
  red: "x",
  mensaje: m,
  texto,
  privado,
  clave: `local-${m.idExterno}`,
  desde: new Date(Date.now() - 60_000),
});

describe("bandeja de X", () => {
  it("no lee X si la oficina no lo pidió (cobra por solicitud)", () => {
    expect(crearBandeja({ institucion: institucion(false), env: ENV })).toBeUndefined();
  });

  it("lee menciones, respuestas propias y mensajes directos desde el cursor, con el gasto del mes en él", async () => {
    const b = await bandeja();
    const propio = emu!.agregarTweet("Cierre de vía el sábado", new Date());
    const mencion = emu!.mencionar(VECINA, "¿hasta qué hora es el cierre?", propio.id);
    emu!.escribirDm(VECINA, "Quiero hacer una petición");

    const primera = await b.leer(undefined);
    expect(primera.mensajes.map((m) => [m.canal, m.autor.usuario, m.propio])).toEqual([
      ["comentario", "vecina_cajica", false],
      ["privado", "vecina_cajica", false],
    ]);
    expect(emu!.rutas()).toEqual([
      "GET /2/users/me",
      `GET /2/users/${USUARIO_X.id}/mentions`,
      `GET /2/users/${USUARIO_X.id}/tweets`,
      "GET /2/dm_events",
    ]);
    const cursor = JSON.parse(primera.cursor!) as { gastadas: number; menciones: string };
    expect(cursor).toMatchObject({ gastadas: 4, menciones: mencion.id });

    // The office answers natively on X: the next read brings only its reply, as its own.
    const suya = emu!.agregarTweet("Hasta las 6 p. m.", new Date(), mencion.id);
    const segunda = await b.leer(primera.cursor);
    expect(segunda.mensajes).toMatchObject([{ idExterno: suya.id, propio: true, respondeA: mencion.id }]);
    expect(emu!.solicitudes.find((s) => s.ruta.endsWith("/mentions") && s.consulta.since_id)?.consulta.since_id).toBe(mencion.id);
  });

  it("deja de leer al agotar el presupuesto mensual y lo dice", async () => {
    const b = await bandeja(2);
    emu!.mencionar(VECINA, "primera");
    const lectura = await b.leer(undefined);
    expect(emu!.solicitudes).toHaveLength(2);
    expect(lectura.mensajes).toHaveLength(1);
    expect(b.avisos?.()).toEqual([expect.stringMatching(/se agotó el presupuesto de 2 solicitudes/) as unknown]);
    const otra = await b.leer(lectura.cursor);
    expect(otra).toEqual({ mensajes: [], cursor: undefined });
    expect(emu!.solicitudes).toHaveLength(2);
  });

  it("responde en el hilo y por mensaje directo, y reconcilia sin volver a enviar", async () => {
    const b = await bandeja();
    const mencion = emu!.mencionar(VECINA, "¿hay vacunación?");
    emu!.escribirDm(VECINA, "Tengo una queja");
    const [m, dm] = (await b.leer(undefined)).mensajes;

    const publica = await b.responder(respuesta(m!, false, "Sí, el sábado de 8 a 12."));
    expect(emu!.tweets.find((t) => t.id === publica.idRemoto)?.respondeA).toBe(mencion.id);
    expect(await b.reconciliarRespuesta(respuesta(m!, false, "Sí, el sábado de 8 a 12."))).toMatchObject({
      estado: "publicado",
      post: { idRemoto: publica.idRemoto },
    });

    expect(b.ventana(respuesta(dm!, false, "x"), new Date()).permitida).toBe(false);
    const privada = await b.responder(respuesta(dm!, true, "Cuéntenos su barrio."));
    expect(emu!.dms.at(-1)).toMatchObject({ id: privada.idRemoto, sender_id: USUARIO_X.id });
    expect((await b.reconciliarRespuesta(respuesta(dm!, true, "Cuéntenos su barrio."))).estado).toBe("publicado");
    expect((await b.reconciliarRespuesta(respuesta(dm!, true, "Otro texto"))).estado).toBe("no-publicado");
  });
});
