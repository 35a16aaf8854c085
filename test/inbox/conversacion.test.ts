import { describe, expect, it } from "vitest";
import { cargarInstitucion } from "../../scripts/lib/content/institucion.ts";
import type { MensajeEntrante } from "../../scripts/lib/networks/tipos.ts";
import {
  anonimizar,
  archivarMensaje,
  crearContexto,
  registrarRespuesta,
  vencimiento,
} from "../../scripts/lib/inbox/conversacion.ts";
import { idAnonimo, tieneMensaje } from "../../scripts/lib/inbox/tipos.ts";

const reloj = () => new Date("2026-12-02T15:00:00Z");
const ctx = crearContexto(cargarInstitucion(), reloj);
const b = (s: string) => new Date(`${s}-05:00`);

const msg = (id: string, texto: string, recibido: string, extra: Partial<MensajeEntrante> = {}): MensajeEntrante => ({
  red: "instagram",
  idExterno: id,
  hilo: "media-5",
  canal: "comentario",
  autor: { id: "u-9", usuario: "lector_prueba" },
  texto,
  recibido: b(recibido),
  propio: false,
  ...extra,
});
const propio = { autor: { id: "alcaldia", usuario: "alcaldiacajica" }, propio: true };

describe("archivar un mensaje en su conversación", () => {
  it("un hilo nuevo abre una conversación clasificada, con su meta interna y su estado", () => {
    const c = archivarMensaje(ctx, undefined, msg("a", "¿Cuándo abren las inscripciones?", "2026-12-02T08:00:00"))!;
    expect(c).toMatchObject({ red: "instagram", tipo: "pregunta", estado: "pendiente", canal: "comentario" });
    expect(c.vence).toBe(b("2026-12-03T17:00:00").toISOString());
    expect(c.peticion).toBeUndefined();
  });

  it("el mensaje propio de la entidad en el hilo es una respuesta nativa: la conversación queda respondida a esa hora", () => {
    const c1 = archivarMensaje(ctx, undefined, msg("a", "¿Cuándo abren las inscripciones?", "2026-12-02T08:00:00"))!;
    const c2 = archivarMensaje(ctx, c1, msg("b", "El lunes a las 8.", "2026-12-02T09:30:00", propio))!;
    expect(c2.estado).toBe("respondida");
    expect(c2.primeraRespuesta).toBe(b("2026-12-02T09:30:00").toISOString());
    expect(c2.respuestas).toMatchObject([{ clave: "red:b", via: "red", privado: false }]);
    expect(vencimiento(c2, b("2026-12-04T09:00:00"), 24)).toBeUndefined();
  });

  it("un mensaje ya archivado no cambia nada, y una publicación propia sin conversación no abre ninguna", () => {
    const c1 = archivarMensaje(ctx, undefined, msg("a", "¿Cuándo abren?", "2026-12-02T08:00:00"))!;
    expect(archivarMensaje(ctx, c1, msg("a", "¿Cuándo abren?", "2026-12-02T08:00:00"))).toBeUndefined();
    expect(archivarMensaje(ctx, undefined, msg("p", "Hoy hay ciclovía", "2026-12-02T08:00:00", propio))).toBeUndefined();
  });

  it("el eco de una respuesta enviada por comando no se cuenta dos veces", () => {
    const c1 = archivarMensaje(ctx, undefined, msg("a", "¿Cuándo abren?", "2026-12-02T08:00:00"))!;
    const enviada = registrarRespuesta(
      c1,
      {
        clave: "12345",
        via: "comando",
        privado: false,
        texto: "El lunes.",
        idRemoto: "r-1",
        fecha: b("2026-12-02T10:00:00").toISOString(),
      },
      reloj(),
    );
    const eco = archivarMensaje(ctx, enviada, msg("r-1", "El lunes.", "2026-12-02T10:00:00", propio))!;
    expect(eco.respuestas.map((r) => r.clave)).toEqual(["12345"]);
    expect(tieneMensaje(eco, "r-1")).toBe(true);
  });

  it("si la persona vuelve a escribir después de la respuesta, la conversación se reabre con un plazo nuevo", () => {
    const c1 = archivarMensaje(ctx, undefined, msg("a", "¿Cuándo abren?", "2026-12-02T08:00:00"))!;
    const c2 = archivarMensaje(ctx, c1, msg("b", "El lunes.", "2026-12-02T09:00:00", propio))!;
    const c3 = archivarMensaje(ctx, c2, msg("c", "¿Y a qué hora cierran?", "2026-12-04T15:30:00"))!;
    expect(c3.estado).toBe("pendiente");
    expect(c3.vence).toBe(b("2026-12-07T17:00:00").toISOString());
    expect(c3.primeraRespuesta).toBe(c2.primeraRespuesta);
  });

  it("un nuevo mensaje que es un derecho de petición marca la conversación para radicar con su término legal", () => {
    const c1 = archivarMensaje(ctx, undefined, msg("a", "¿Cuándo abren?", "2026-12-02T08:00:00"))!;
    const c2 = archivarMensaje(
      ctx,
      c1,
      msg("b", "Derecho de petición: solicito copia del contrato de la obra", "2026-12-02T09:00:00"),
    )!;
    expect(c2.tipo).toBe("peticion");
    expect(c2.peticion).toEqual({ subtipo: "documentos", venceLegal: b("2026-12-17T17:00:00").toISOString(), porRadicar: true });
    expect(vencimiento(c2, b("2026-12-04T09:00:00"), 24)?.que).toBe("respuesta");
  });

  it("anonimizar deja huellas de los ids que siguen reconociendo el mensaje", () => {
    const c1 = archivarMensaje(ctx, undefined, msg("a", "Soy Lucía, ¿cuándo abren?", "2026-12-02T08:00:00"))!;
    const { conversacion, quitado } = anonimizar(c1, reloj());
    expect(quitado.mensajes).toBe(1);
    expect(conversacion.entradas[0]!.idExterno).toBe(idAnonimo("instagram", "a"));
    expect(tieneMensaje(conversacion, "a")).toBe(true);
    expect(JSON.stringify(conversacion)).not.toMatch(/Lucía|lector_prueba|u-9|media-5/);
  });
});
