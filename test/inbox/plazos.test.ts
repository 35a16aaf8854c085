import { describe, it, expect } from "vitest";
import { inquietudesSchema } from "../../scripts/lib/content/schema/inquietudes.ts";
import {
  crearCalendario,
  estadoPlazo,
  horasHabilesEntre,
  limiteTraslado,
  prorrogar,
  radicacion,
  tiempoRestante,
  venceEnHoras,
  venceLegal,
  venceMeta,
} from "../../scripts/lib/inbox/plazos.ts";

/** Office hours of Cajicá (the schema's default) and one decreed day off. */
const config = inquietudesSchema.parse({
  diasNoHabiles: [{ fecha: "2026-12-24", motivo: "Decreto municipal de fin de año" }],
});
const cal = crearCalendario(config);
const bogota = (s: string) => new Date(`${s}-05:00`);
const iso = (d: Date) => new Date(d.getTime() - 5 * 3600_000).toISOString().slice(0, 16);

/**
 * National holidays as published for each year (Ley 51 de 1983 «Ley Emiliani», and Ley 2578 de 2026
 * for the Virgen de Chiquinquirá from 2026), checked against the press calendars of Infobae and
 * Semana and the date-holidays issue #625. Holidays on a weekend are left out (not working days anyway).
 */
const FESTIVOS: Record<number, string[]> = {
  2025: [
    "01-01",
    "01-06",
    "03-24",
    "04-17",
    "04-18",
    "05-01",
    "06-02",
    "06-23",
    "06-30",
    "08-07",
    "08-18",
    "10-13",
    "11-03",
    "11-17",
    "12-08",
    "12-25",
  ],
  2026: [
    "01-01",
    "01-12",
    "03-23",
    "04-02",
    "04-03",
    "05-01",
    "05-18",
    "06-08",
    "06-15",
    "06-29",
    "07-13",
    "07-20",
    "08-07",
    "08-17",
    "10-12",
    "11-02",
    "11-16",
    "12-08",
    "12-25",
  ],
  2027: [
    "01-01",
    "01-11",
    "03-22",
    "03-25",
    "03-26",
    "05-10",
    "05-31",
    "06-07",
    "07-05",
    "07-12",
    "07-20",
    "08-16",
    "10-18",
    "11-01",
    "11-15",
    "12-08",
  ],
};

describe("los días hábiles en Bogotá siguen los festivos nacionales y los días propios de la entidad", () => {
  for (const [anio, dias] of Object.entries(FESTIVOS)) {
    it(`cada festivo de ${anio} entre semana es día no hábil, y ningún otro día entre semana lo es`, () => {
      const esperados = new Set(dias.map((d) => `${anio}-${d}`));
      const noHabiles: string[] = [];
      for (let t = Date.UTC(Number(anio), 0, 1); t < Date.UTC(Number(anio) + 1, 0, 1); t += 86_400_000) {
        const dia = new Date(t).toISOString().slice(0, 10);
        const semana = new Date(t).getUTCDay();
        if (semana === 0 || semana === 6) {
          expect(cal.jornada(dia), dia).toBeUndefined();
          continue;
        }
        if (!cal.jornada(dia)) noHabiles.push(dia);
      }
      const propios = config.diasNoHabiles.map((d) => d.fecha).filter((f) => f.startsWith(anio));
      expect(noHabiles.sort()).toEqual([...esperados, ...propios].sort());
    });
  }

  it("explica por qué un día no es hábil", () => {
    expect(cal.motivoNoHabil("2026-07-13")).toMatch(/^festivo: .*Chiquinquirá/i);
    expect(cal.motivoNoHabil("2026-12-24")).toBe("Decreto municipal de fin de año");
    expect(cal.motivoNoHabil("2026-12-05")).toBe("sábado");
    expect(cal.motivoNoHabil("2026-12-04")).toBeUndefined();
  });

  it("el viernes cierra a las 4 p. m. y de lunes a jueves a las 5 p. m., como el horario de la alcaldía", () => {
    expect(cal.jornada("2026-12-04")).toEqual({ inicio: 7 * 60, fin: 16 * 60 });
    expect(cal.jornada("2026-12-03")).toEqual({ inicio: 7 * 60, fin: 17 * 60 });
  });
});

describe("un mensaje fuera del horario cuenta desde el siguiente día hábil", () => {
  it("dentro del horario cuenta en el momento en que llegó", () => {
    expect(iso(radicacion(cal, bogota("2026-12-02T10:15:00")))).toBe("2026-12-02T10:15");
  });
  it("antes de abrir cuenta desde la apertura del mismo día", () => {
    expect(iso(radicacion(cal, bogota("2026-12-02T06:10:00")))).toBe("2026-12-02T07:00");
  });
  it("el viernes después de las 4 p. m. pasa al lunes, y si el lunes es festivo, al martes", () => {
    expect(iso(radicacion(cal, bogota("2026-03-20T16:30:00")))).toBe("2026-03-24T07:00");
  });
  it("un domingo cuenta desde el lunes hábil", () => {
    expect(iso(radicacion(cal, bogota("2026-12-06T11:00:00")))).toBe("2026-12-07T07:00");
  });
});

describe("los términos de la Ley 1755 de 2015 (art. 14) se cuentan en días hábiles", () => {
  it("una petición general vence a los 15 días hábiles, saltando el 8 de diciembre", () => {
    expect(iso(venceLegal(cal, bogota("2025-12-01T10:00:00"), "general"))).toBe("2025-12-23T17:00");
    expect(iso(venceLegal(cal, bogota("2026-12-01T10:00:00"), "general"))).toBe("2026-12-23T17:00");
  });
  it("una solicitud de documentos llegada después del cierre vence a los 10 días hábiles, saltando San José y Semana Santa", () => {
    expect(iso(venceLegal(cal, bogota("2026-03-20T16:30:00"), "documentos"))).toBe("2026-04-09T17:00");
  });
  it("una consulta vence a los 30 días hábiles, saltando la Virgen de Chiquinquirá, el 20 de julio, el 7 y el 17 de agosto", () => {
    expect(iso(venceLegal(cal, bogota("2026-07-01T09:00:00"), "consulta"))).toBe("2026-08-18T17:00");
  });
  it("en 2027 el término también salta los festivos y el cierre temprano del viernes", () => {
    // Received Thursday 2027-06-03 16:00: day 10 is Friday 2027-06-18 (Sagrado Corazón on 06-07).
    expect(iso(venceLegal(cal, bogota("2027-06-03T16:00:00"), "documentos"))).toBe("2027-06-18T16:00");
  });
});

describe("el traslado por falta de competencia tiene 5 días hábiles (art. 21)", () => {
  it("una petición del viernes antes de San José y Semana Santa de 2027 se traslada a más tardar el miércoles 31 de marzo", () => {
    expect(iso(limiteTraslado(cal, bogota("2027-03-19T09:00:00")))).toBe("2027-03-31T17:00");
  });
});

describe("las prórrogas se avisan antes del vencimiento y no pasan del doble del término", () => {
  const recibido = bogota("2026-12-01T10:00:00");
  const c = {
    recibido: recibido.toISOString(),
    peticion: { subtipo: "general" as const, venceLegal: venceLegal(cal, recibido, "general").toISOString(), porRadicar: true },
    prorrogas: [],
  };
  const aviso = "Necesitamos información de la Secretaría de Obras; responderemos el 9 de febrero.";

  it("acepta una prórroga avisada a tiempo hasta el doble del término (30 días hábiles más, saltando el 24 de diciembre decretado)", () => {
    const p = prorrogar(cal, c, bogota("2026-12-22T09:00:00"), bogota("2027-02-09T17:00:00"), aviso);
    expect(p.vence).toBe(bogota("2027-02-09T17:00:00").toISOString());
    expect(p.aviso).toBe(aviso);
  });
  it("rechaza una fecha más allá del doble del término y dice la fecha máxima", () => {
    expect(() => prorrogar(cal, c, bogota("2026-12-22T09:00:00"), bogota("2027-02-10T08:00:00"), aviso)).toThrow(
      /doble del término inicial \(15 días hábiles\).*09\/02\/2027/,
    );
  });
  it("rechaza el aviso dado después del vencimiento", () => {
    expect(() => prorrogar(cal, c, bogota("2026-12-23T17:30:00"), bogota("2027-01-15T17:00:00"), aviso)).toThrow(
      /antes de que venza/,
    );
  });
  it("rechaza prorrogar lo que no es petición", () => {
    expect(() => prorrogar(cal, { ...c, peticion: undefined }, recibido, recibido, aviso)).toThrow(/Solo las peticiones/);
  });
});

describe("las metas internas del servicio en redes se cuentan en horas o días hábiles", () => {
  it("8 horas hábiles desde el jueves a las 3 p. m. vencen el viernes a la 1 p. m.", () => {
    expect(iso(venceEnHoras(cal, bogota("2026-12-03T15:00:00"), 8))).toBe("2026-12-04T13:00");
  });
  it("una pregunta (1 día hábil por omisión) del viernes vence el lunes, y la del lunes 7 de diciembre el miércoles 9, por el festivo del 8", () => {
    expect(iso(venceMeta(cal, config, "pregunta", bogota("2026-12-04T11:00:00"))!)).toBe("2026-12-07T17:00");
    expect(iso(venceMeta(cal, config, "pregunta", bogota("2026-12-07T11:00:00"))!)).toBe("2026-12-09T17:00");
  });
  it("el spam y lo que no requiere respuesta no tienen vencimiento", () => {
    expect(venceMeta(cal, config, "spam", bogota("2026-12-04T11:00:00"))).toBeUndefined();
    expect(venceMeta(cal, config, "no-requiere-respuesta", bogota("2026-12-04T11:00:00"))).toBeUndefined();
  });
  it("las horas hábiles entre el viernes a las 3 p. m. y el lunes a las 8 a. m. son 2", () => {
    expect(horasHabilesEntre(cal, bogota("2026-12-04T15:00:00"), bogota("2026-12-07T08:00:00"))).toBe(2);
  });
});

describe("el estado del plazo y el tiempo que queda se dicen en español", () => {
  const vence = bogota("2026-12-09T17:00:00");
  it("distingue vencida, vence hoy, por vencer y en plazo", () => {
    expect(estadoPlazo(vence, bogota("2026-12-09T17:01:00"), 24)).toBe("vencida");
    expect(estadoPlazo(vence, bogota("2026-12-09T08:00:00"), 24)).toBe("vence-hoy");
    expect(estadoPlazo(vence, bogota("2026-12-08T20:00:00"), 24)).toBe("por-vencer");
    expect(estadoPlazo(vence, bogota("2026-12-07T08:00:00"), 24)).toBe("en-plazo");
  });
  it("dice cuánto falta o hace cuánto venció", () => {
    expect(tiempoRestante(vence, bogota("2026-12-09T14:00:00"))).toBe("vence en 3 h");
    expect(tiempoRestante(vence, bogota("2026-12-05T17:00:00"))).toBe("vence en 4 días");
    expect(tiempoRestante(vence, bogota("2026-12-09T22:00:00"))).toBe("vencida hace 5 h");
  });
});
