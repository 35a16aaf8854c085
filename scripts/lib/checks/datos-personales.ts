import type { Institucion } from "../content/schema/institucion.ts";

/**
 * Detector of personal data in Spanish text (Ley 1581 de 2012; Ley 1098 de 2006, art. 47).
 * Pure functions: text in, spans out. Each kind of data has one general rule plus the context
 * that tells it apart from look-alikes (money, years, decree and article numbers, official lines).
 */

export type TipoDato = "documento" | "telefono" | "correo" | "direccion" | "placa" | "menor";

export interface DatoPersonal {
  tipo: TipoDato;
  /** UTF-16 offsets in the analysed text. */
  inicio: number;
  fin: number;
  /** The exact text span. */
  fragmento: string;
}

/** Data of the institution that is public by nature and never a finding. */
export interface Excepciones {
  /** Official phone numbers, digits only, without country code. */
  telefonos: string[];
  /** Institutional e-mail addresses, lowercase. */
  correos: Set<string>;
  /** Institutional e-mail domains, lowercase. */
  dominios: string[];
  /** Institutional street addresses, normalized (see normalizarDireccion). */
  direcciones: Set<string>;
  /** Capitalized words that are places or institutions of this entity, not people. */
  nombresNoPersona: Set<string>;
}

export const NOMBRES_DATO: Record<TipoDato, string> = {
  documento: "un número de documento de identidad",
  telefono: "un número de teléfono personal",
  correo: "un correo electrónico personal",
  direccion: "una dirección de residencia",
  placa: "una placa de vehículo",
  menor: "el nombre de un niño, niña o adolescente",
};

// ---------- helpers ----------

const L = "\\p{L}\\p{M}";
const quitarTildes = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "");
const digitos = (s: string) => s.replace(/\D/g, "");

/** Words after a number that make it an amount or a count, not an identifier. */
const CANTIDAD =
  /^\s*(?:de\s+)?(?:pesos|millones|mil|billones|cop|usd|dólares|dolares|euros|smmlv|salarios|personas|habitantes|ciudadanos|usuarios|familias|hogares|niños|niñas|estudiantes|beneficiarios|afiliados|metros|m2|m²|km|kilómetros|hectáreas|toneladas|litros|kilos|kg|unidades|dosis|viviendas|árboles|visitantes|asistentes|votos|votantes|vehículos|predios|contribuyentes|empleos|puestos|cupos|horas|minutos|días|meses|años)\b/iu;
const ANTES_DINERO = /(?:\$|US\$|COP|USD|€)\s*$/iu;

function esCantidad(texto: string, inicio: number, fin: number): boolean {
  const antes = texto.slice(Math.max(0, inicio - 6), inicio);
  if (ANTES_DINERO.test(antes)) return true;
  const despues = texto.slice(fin, fin + 30);
  if (CANTIDAD.test(despues)) return true;
  // A plural noun right after the number reads as a count ("2.345.678 inscritos").
  const siguiente = /^\s+([\p{Ll}]{4,})\b/u.exec(despues)?.[1];
  return !!siguiente && /s$/u.test(siguiente) && !/^(?:expedid[ao]s?|vigentes?)$/u.test(siguiente);
}

/**
 * The words of the same sentence around a span (up to `antes` characters before and `despues`
 * after): the context that tells whose datum it is.
 */
function entornoEnOracion(texto: string, inicio: number, fin: number, antes = 90, despues = 50): string {
  let previo = texto.slice(Math.max(0, inicio - antes), inicio);
  // A sentence ends at ".", "!", "?" or ";" followed by a capital. Abbreviations ("Sr.", "No.")
  // are followed by a name or a number, so at worst the cut comes a little early.
  const corte = [...previo.matchAll(/[.!?;]\s+(?=[\p{Lu}¿¡])|\n/gu)].at(-1);
  if (corte) previo = previo.slice(corte.index + corte[0].length);
  const siguiente = /^[^!?;\n]*/u.exec(texto.slice(fin, fin + despues))![0].split(/\.\s+(?=\p{Lu})/u)[0]!;
  return `${previo} ${siguiente}`;
}

/** Words that tie a datum to a natural person. */
const CONTEXTO_PERSONA_EXPLICITO = new RegExp(
  `(?<![${L}])(?:señor|señora|sr\\.|sra\\.|don|doña|familia|vecin[oa]s?|propietari[oa]|dueñ[oa]|madre|padre|mamá|papá|hij[oa]|espos[oa]|herman[oa]|abuel[oa]|víctima|afectad[oa]|damnificad[oa]|capturad[oa]|residente|beneficiari[oa]|contribuyente|organizador(?:a)?|tesorer[oa]|líder|coordinador(?:a)?|su\\s+(?:celular|teléfono|número|fijo|casa|vivienda|residencia|correo)|personal(?:es)?|particular)(?![${L}])`,
  "iu",
);

/**
 * Words that say a phone line or an address belongs to an entity or a public service: public
 * lines, switchboards and office addresses are meant to be published.
 */
const CONTEXTO_INSTITUCIONAL = new RegExp(
  `(?<![${L}])(?:l[íi]neas?|pbx|conmutador|extensi[óo]n|call\\s*center|institucional|alcald[íi]a|secretar[íi]a|hospital|centro\\s+de\\s+salud|puesto\\s+de\\s+salud|polic[íi]a|bomberos|defensa\\s+civil|cruz\\s+roja|icbf|bienestar\\s+familiar|gaula|fiscal[íi]a|personer[íi]a|comisar[íi]a|notar[íi]a|registradur[íi]a|gobernaci[óo]n|ministerio|superintendencia|procuradur[íi]a|contralor[íi]a|defensor[íi]a|juzgado|inspecci[óo]n|empresa\\s+de\\s+servicios|acueducto|oficina|sede|entidad|instituto|universidad|biblioteca|coliseo|migraci[óo]n\\s+colombia|sena|dian|e\\.?s\\.?e\\.?)(?![${L}])`,
  "iu",
);

/** A phone number or an address published for an entity or a service, with nothing tying it to a person. */
function esDeEntidad(texto: string, inicio: number, fin: number): boolean {
  const entorno = entornoEnOracion(texto, inicio, fin);
  return CONTEXTO_INSTITUCIONAL.test(entorno) && !CONTEXTO_PERSONA_EXPLICITO.test(entorno);
}

/** Words before a figure that make it an amount of money, not an identifier. */
const CONTEXTO_MONTO =
  /(?:inversi[óo]n|invirti[óo]|presupuesto|valor|costo|cost[óo]|monto|recursos|asciende|suma|total|transfiri[óo]|transferencia|aporte|aport[óo]|destin[óo]|recaudo|recaud[óo]|deuda|cr[ée]dito|subsidio|contrato\s+por)/iu;

// ---------- identity documents ----------

/**
 * Names of the Colombian identity documents: those of the Registraduría Nacional del Estado Civil
 * (cédula de ciudadanía, tarjeta de identidad, registro civil, NUIP) and those Migración Colombia
 * issues or accepts for foreigners (cédula de extranjería, PEP, PPT, pasaporte).
 */
const CLAVE_DOCUMENTO = [
  "c\\.\\s?c\\.?",
  `(?<![${L}])cc(?![${L}])`,
  "c[ée]dula(?:\\s+de\\s+(?:ciudadan[íi]a|extranjer[íi]a))?",
  "tarjeta\\s+de\\s+identidad",
  "t\\.\\s?i\\.?",
  `(?<![${L}])ti(?![${L}])`,
  "nuip",
  "registro\\s+civil(?:\\s+de\\s+nacimiento)?",
  "r\\.\\s?c\\.",
  `(?<![${L}])rc(?![${L}])`,
  "pasaporte",
  "c\\.\\s?e\\.",
  `(?<![${L}])ce(?![${L}])`,
  `(?<![${L}])(?:ppt|pep)(?![${L}])`,
  "permiso\\s+(?:especial\\s+de\\s+permanencia|por\\s+protecci[óo]n\\s+temporal)",
  "documento\\s+(?:de\\s+)?identi(?:dad|ficaci[óo]n)",
  "n[úu]mero\\s+de\\s+identificaci[óo]n(?!\\s+tributaria)",
  "identificad[oa]s?",
].join("|");
/** Words that may stand between the name of a document and its number ("pasaporte venezolano No."). */
const HUECO = `(?:[\\s:#°º.,-]|(?<![${L}])(?:no|nro|n[úu]m|n[úu]mero|de|ciudadan[íi]a|extranjer[íi]a|identidad|nacimiento|con|el|la|del|n|y|su|vigente|venezolan[oa]|colombian[oa]|ecuatorian[oa]|peruan[oa]|extranjer[oa])(?![${L}])){0,12}`;
/** Dotted cédulas, plain numbers up to the 15 digits of a PEP, and letter-prefixed numbers (E-458912, AV123456). */
const NUMERO_DOC = `(\\d{1,3}(?:[.\\s]\\d{3}){1,4}|\\d{5,15}|[A-Z]{1,3}[\\s-]?\\d{5,9})(?![\\d${L}]|-\\d)`;
const RE_DOC_CLAVE = new RegExp(`(?:${CLAVE_DOCUMENTO})${HUECO}${NUMERO_DOC}`, "giu");
/** Dotted or plain numbers that look like a Colombian cédula (7 to 10 digits). */
const RE_NUMERO_SUELTO = /(?<![\d.,$\p{L}-])(\d{1,3}(?:\.\d{3}){2,3}|1[01]\d{8})(?![\d\p{L}]|[.,-]\d)/gu;
const CONTEXTO_PERSONA =
  /(?:identificad|portador|documento|ciudadan[oa]\s|señor|señora|sr\.|sra\.|don\s|doña\s|residente|vecin[oa]|propietari|afectad|herid|capturad|sancionad|beneficiari[oa]\s|contribuyente)/iu;
const NOMBRE_ANTES = /[\p{Lu}][\p{Ll}\p{M}]+\s+[\p{Lu}][\p{Ll}\p{M}]+[^.\n]{0,6}[,(:]\s*$/u;

function documentos(texto: string, agregar: (d: DatoPersonal) => void): void {
  for (const m of texto.matchAll(RE_DOC_CLAVE)) {
    const numero = m[1]!;
    const fin = m.index + m[0].length;
    const inicioNumero = fin - numero.length;
    if (digitos(numero).length < 6) continue;
    if (esCantidad(texto, inicioNumero, fin)) continue;
    agregar({ tipo: "documento", inicio: m.index, fin, fragmento: m[0] });
  }
  for (const m of texto.matchAll(RE_NUMERO_SUELTO)) {
    const n = digitos(m[0]);
    const fin = m.index + m[0].length;
    if (esCantidad(texto, m.index, fin)) continue;
    const antes = texto.slice(Math.max(0, m.index - 60), m.index);
    // Round figures are amounts ("1.050.000.000 para el PAE"); a document ending in 000 is rare.
    if (n.endsWith("000")) continue;
    // A tax id (NIT) belongs to an organisation and carries a check digit.
    if (/(?<![\p{L}])nit\.?\s*(?:n[o°º.]*\s*)?$/iu.test(antes)) continue;
    const persona = CONTEXTO_PERSONA.test(antes) || NOMBRE_ANTES.test(antes);
    // A figure after "inversión", "valor", "presupuesto"... is money even without "pesos".
    if (!persona && CONTEXTO_MONTO.test(entornoEnOracion(texto, m.index, m.index, 60, 0))) continue;
    const probable = (n.length === 10 && /^1[01]/.test(n)) || persona;
    if (!probable) continue;
    // Phone numbers have their own rule.
    if (/^3\d{9}$|^60\d{8}$/.test(n)) continue;
    agregar({ tipo: "documento", inicio: m.index, fin, fragmento: m[0] });
  }
}

// ---------- phones ----------

/**
 * A run of 7 to 12 digits in any grouping (spaces, dots, hyphens, parentheses), never part of a
 * longer run: "310 555 1234", "3204 567 890", "31 05 55 12 34", "(601) 8542317", "+57 601 854 2317".
 */
const RE_NUMERO_TELEFONO =
  /(?<![\d$€/]|\d[\s.\-()]{1,2}|\d,)(?:\+\s?57[\s.-]?|\(\+?57\)\s?)?\(?\d(?:[\s.\-()]{0,2}\d){6,11}(?![\s.\-]?\d|[.,/]\d)/gu;
/** Colombian numbering plan (Resolución CRC 5826 de 2019): mobiles 3XX + 7 digits, landlines 60X + 7 digits. */
const MOVIL_O_FIJO = /^(?:3\d{9}|60[1-8]\d{7})$/;
/** The old 7-digit local numbers (before the 2021 change) need a phone word just before them. */
const LOCAL = /^[2-8]\d{6}$/;
const ANTES_DE_LOCAL =
  /(?:tel(?:[ée]fonos?|\.)?|cel(?:ular|\.)?|m[óo]vil|fijo|whatsapp|llamar|llame|l[íi]nea|pbx|contacto|n[úu]mero)[\s:.#]*(?:al?\s+|el\s+)?(?:\(\d\)\s?)?$/iu;
/** Thousands grouping (1.234.567.890): a figure, not a phone number. */
const MILES = /^\d{1,3}(?:\.\d{3})+$/;

function telefonoOficial(d: string, ex: Excepciones): boolean {
  return ex.telefonos.some((t) => t === d || (d.length >= 7 && t.endsWith(d)));
}

function telefonos(texto: string, ex: Excepciones, agregar: (d: DatoPersonal) => void): void {
  for (const m of texto.matchAll(RE_NUMERO_TELEFONO)) {
    const fragmento = m[0].replace(/[\s(]+$/, "");
    const inicio = m.index;
    const fin = inicio + fragmento.length;
    let d = digitos(fragmento);
    if (d.length === 12 && d.startsWith("57")) d = d.slice(2);
    const conPrefijo = d.length === 10 && /^(?:\+|\(\+?57\)|57)/.test(fragmento);
    if (!MOVIL_O_FIJO.test(d) && !(LOCAL.test(d) && ANTES_DE_LOCAL.test(texto.slice(Math.max(0, inicio - 30), inicio)))) continue;
    if (!conPrefijo && MILES.test(fragmento)) continue;
    if (telefonoOficial(d, ex) || ANTES_DINERO.test(texto.slice(Math.max(0, inicio - 4), inicio))) continue;
    if (/^\s*(?:de\s+)?(?:pesos|millones|cop)\b/iu.test(texto.slice(fin, fin + 15))) continue;
    // Lines of entities and public services are published on purpose.
    if (esDeEntidad(texto, inicio, fin)) continue;
    agregar({ tipo: "telefono", inicio, fin, fragmento });
  }
}

// ---------- e-mail ----------

const RE_CORREO = /(?<![\p{L}\d._%+-])[\p{L}\d._%+-]+@[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.\p{L}{2,}/gu;
const DOMINIO_PUBLICO = /(?:^|\.)(?:gov\.co|gob\.[a-z]{2}|gov|mil\.co|gov\.[a-z]{2})$/i;
/** Local parts of role accounts (not a natural person). */
const CUENTA_DE_ROL =
  /^(?:info|informacion|contacto|contactenos|prensa|comunicaciones|atencion|atencionalciudadano|atencionciudadano|servicioalciudadano|notificaciones|notificacionesjudiciales|pqrs|pqrsd|pqrsdf|radicacion|correspondencia|soporte|ayuda|webmaster|admin|ventas|gerencia|direccion|secretaria|despacho|tesoreria|rectoria|coordinacion|inscripciones|convocatorias|denuncias|quejas)$/i;

function correos(texto: string, ex: Excepciones, agregar: (d: DatoPersonal) => void): void {
  for (const m of texto.matchAll(RE_CORREO)) {
    const correo = m[0].replace(/\.+$/, "");
    const [local = "", dominio = ""] = correo.toLowerCase().split("@");
    if (ex.correos.has(correo.toLowerCase())) continue;
    if (ex.dominios.some((d) => dominio === d || dominio.endsWith(`.${d}`))) continue;
    if (DOMINIO_PUBLICO.test(dominio) || CUENTA_DE_ROL.test(quitarTildes(local))) continue;
    agregar({ tipo: "correo", inicio: m.index, fin: m.index + correo.length, fragmento: correo });
  }
}

// ---------- street addresses ----------

const VIA =
  "(?:calle|cl\\.?|cll\\.?|carrera|cra\\.?|kra\\.?|kr\\.?|cr\\.?|avenida(?:\\s+(?:calle|carrera|cra\\.?|cl\\.?))?|av\\.?|ak\\.?|ac\\.?|autopista|diagonal|diag\\.?|dg\\.?|transversal|transv\\.?|trans\\.?|tv\\.?|tr\\.?|circular|circ\\.?|variante)";
const NUM_VIA = "\\d{1,3}\\s?[a-z]?(?:\\s?bis)?(?:\\s?[a-z])?(?:\\s(?:sur|este|norte|oeste))?";
/**
 * A road named instead of numbered, as in Colombian addresses ("Avenida Boyacá", "Autopista
 * Norte", "Calle Las Flores"): one to four capitalized words, optionally joined by de/del/la.
 */
const NOMBRE_VIA = `(?:(?:de\\s+(?:la\\s+|las\\s+|los\\s+)?|del\\s+|la\\s+|las\\s+|los\\s+|el\\s+)?[\\p{Lu}][\\p{Ll}\\p{M}]+(?:-[\\p{Lu}][\\p{Ll}\\p{M}]+)?\\s*){1,4}`;
const SEPARADOR = "\\s*(?:#|n[°º]\\.?|no\\.?|n\\.\\s?º|n[úu]mero|nro\\.?)\\s*";
const PLACA_DIR = "\\d{1,3}\\s?[a-z]?(?:\\s?bis)?\\s?[-–]\\s?\\d{1,3}(?:\\s(?:sur|este|norte|oeste)(?![\\p{L}]))?";
const RE_DIRECCION = new RegExp(`(?<![\\p{L}])${VIA}\\s*${NUM_VIA}${SEPARADOR}${PLACA_DIR}`, "giu");
// Without the i flag (under it \p{Lu} would match any letter); the road words take either case.
const VIA_NOMBRADA =
  "(?:[Aa]venida|AVENIDA|[Aa]v\\.?|AV\\.?|[Aa]utopista|AUTOPISTA|[Cc]alle|CALLE|[Cc]arrera|CARRERA|[Dd]iagonal|[Tt]ransversal|[Vv]ariante|[Cc]amino)";
const RE_DIRECCION_NOMBRADA = new RegExp(
  `(?<![\\p{L}])${VIA_NOMBRADA}\\s+${NOMBRE_VIA}(?:#|[Nn][°º]\\.?|[Nn]o\\.?|[Nn]ro\\.?|[Nn][úu]mero)\\s*\\d{1,3}\\s?[A-Za-z]?(?:\\s?bis)?\\s?[-–]\\s?\\d{1,3}(?:\\s(?:[Ss]ur|[Ee]ste|[Nn]orte|[Oo]este)(?![\\p{L}]))?`,
  "gu",
);

/** Canonical form of an address to compare it with the institutional ones. */
export function normalizarDireccion(d: string): string {
  return quitarTildes(d.toLowerCase())
    .replace(/^avenida\s+(?=calle|carrera)/, "")
    .replace(/^(?:cll?|calle)\.?/, "calle")
    .replace(/^(?:cra|kra|kr|cr|carrera)\.?/, "carrera")
    .replace(/^(?:av|avenida)\.?/, "avenida")
    .replace(/^(?:dg|diag|diagonal)\.?/, "diagonal")
    .replace(/^(?:tv|tr|trans|transv|transversal)\.?/, "transversal")
    .replace(/(?:#|n[°º]\.?|no\.?|n\.\s?º|numero|nro\.?)/g, "#")
    .replace(/[–-]/g, "-")
    .replace(/\s+/g, "")
    .replace(/\.$/, "");
}

/** Street addresses found in a text (also used to read the institutional ones from the config). */
export function direccionesEn(texto: string): { inicio: number; fin: number; fragmento: string }[] {
  return [...texto.matchAll(RE_DIRECCION), ...texto.matchAll(RE_DIRECCION_NOMBRADA)]
    .map((m) => ({ inicio: m.index, fin: m.index + m[0].length, fragmento: m[0] }))
    .sort((a, b) => a.inicio - b.inicio);
}

function direcciones(texto: string, ex: Excepciones, agregar: (d: DatoPersonal) => void): void {
  for (const d of direccionesEn(texto)) {
    if (ex.direcciones.has(normalizarDireccion(d.fragmento))) continue;
    // The address of an office or a public service, with nothing tying it to a person.
    if (esDeEntidad(texto, d.inicio, d.fin)) continue;
    agregar({ tipo: "direccion", ...d });
  }
}

// ---------- vehicle plates ----------

// A code followed by "-2026" or another number group is a reference (contract CPS-045-2026), not a plate.
const RE_PLACA = /(?<![\p{L}\d-])([A-Z]{3})[\s-]?(\d{3}|\d{2}[A-Z])(?![\p{L}\d]|[.,-]\d)/gu;
const CONTEXTO_VEHICULO =
  /(?:placas?|veh[íi]culo|carro|autom[óo]vil|moto(?:cicleta)?|taxi|cami[óo]n|camioneta|bus|buseta|volqueta|conductor|matr[íi]cula|parqueadero|comparendo|inmovilizad)/iu;
/** Three-letter acronyms that are followed by numbers in official texts and are not plates. */
const SIGLAS_NO_PLACA = new Set(
  "COP USD EUR LEY ART DEC RES NIT ODS IPS EPS ESE CAI PAE POT ICA IVA DNP SIN TIC CAR IED CPC CTP SGP PDM PDT UPZ UPR JAC RUT RUV DIR SUB OPS CDP CRP SMM UVT GMF IPC PIB ISO NTC RPM CON SEC OFI MEM CIR ACU CAS ACT AÑO ETB TDT DVD USB RAM CPU FM AM".split(
    " ",
  ),
);

function placas(texto: string, agregar: (d: DatoPersonal) => void): void {
  for (const m of texto.matchAll(RE_PLACA)) {
    const fin = m.index + m[0].length;
    const entorno = texto.slice(Math.max(0, m.index - 60), Math.min(texto.length, fin + 40));
    if (SIGLAS_NO_PLACA.has(m[1]!) && !CONTEXTO_VEHICULO.test(entorno)) continue;
    // A run of capitals ("EL ICA 2026") is a heading in capitals, not a plate.
    if (/[A-Z]{2,}\s+$/.test(texto.slice(Math.max(0, m.index - 8), m.index)) && !CONTEXTO_VEHICULO.test(entorno)) continue;
    agregar({ tipo: "placa", inicio: m.index, fin, fragmento: m[0] });
  }
}

// ---------- identifiable minors ----------

const RE_MENOR = new RegExp(
  `(?<![${L}])(?:niñ[oa]s?|menor(?:es)?(?:\\s+de\\s+edad)?|adolescentes?|estudiantes?|alumn[oa]s?|bebés?|beb[ée]|infantes?|hij[oa]s?|nieto?s?|nieta?s?|pequeñ[oa]s?|escolares?|(?:joven|muchach[oa]|chic[oa])\\s+de\\s+\\d{1,2}\\s+años)(?![${L}])`,
  "giu",
);
const RE_NOMBRE = new RegExp(
  `(?<![${L}])[\\p{Lu}][\\p{Ll}\\p{M}]+(?:\\s+(?:de\\s+(?:la\\s+|los\\s+)?|del\\s+)?[\\p{Lu}][\\p{Ll}\\p{M}]+)*`,
  "gu",
);

/** Capitalized words that start names of things, places or events, not people. */
const NO_PERSONA = new Set(
  (
    "el la los las lo un una unos unas este esta estos estas ese esa al del de en con por para durante desde hasta según sobre entre tras ante bajo " +
    "además también cada todos todas todo toda muchos muchas varios varias otros otras así hoy ayer mañana ya más menos aquí allí luego después antes " +
    "pero aunque mientras cuando donde como si no y o ni que quien quienes cual cuales gracias ellos ellas él ella nosotros usted ustedes " +
    "alcaldía alcaldesa alcalde secretaría secretario secretaria gobernación gobernador gobernadora ministerio ministra ministro institución instituto " +
    "colegio escuela universidad jardín hogar centro parque biblioteca coliseo casa hospital clínica policía ejército concejo consejo personería " +
    "comisaría fiscalía registraduría procuraduría contraloría defensoría fundación corporación asociación junta programa plan proyecto festival feria " +
    "semana día juegos copa torneo premio concurso encuentro banda orquesta ruta vía avenida calle carrera vereda barrio sector sede navidad mundial " +
    "oficina dirección gobierno estado nación república departamento municipio ley decreto resolución acuerdo artículo código constitución " +
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre lunes martes miércoles jueves viernes sábado domingo " +
    "cajicá chía zipaquirá tabio tenjo sopó tocancipá gachancipá cogua nemocón cota bogotá cundinamarca colombia sabana centro capellanía chuntame " +
    "sisbén icbf sena dane nacional departamental municipal educativa educativo pública público rural urbana urbano santa santo san virgen dios " +
    "familias acción prosperidad social salud educación cultura deporte deportes ambiente movilidad hacienda obras desarrollo juventud mujer " +
    "noticias información comunicado boletín convocatoria inscripciones matrículas jornada campaña estrategia mesa comité red sistema fondo " +
    "primaria secundaria preescolar grado bachillerato transición básica media técnica técnico superior"
  ).split(" "),
);

function esNombreDePersona(nombre: string, ex: Excepciones): boolean {
  const primera = nombre.split(/\s+/)[0]!.toLowerCase();
  return !NO_PERSONA.has(primera) && !ex.nombresNoPersona.has(primera);
}

const INICIO_ORACION = /(?:^|[.!?…:;]\s+|\n\s*|[-•*]\s+|[¿¡«"“(]\s*)$/u;

const ROL_ADULTO =
  /(?:alcalde|alcaldesa|secretari[oa]|gobernador|gobernadora|concejal|rector|rectora|docente|profesor|profesora|maestr[oa]|director|directora|coordinador|coordinadora|gerente|president[ea]|ministr[oa]|doctor|doctora|dr\.|dra\.|entrenador|entrenadora|instructor|instructora|párroco|padre|madre|papá|mamá|acudiente|funcionari[oa]|personer[oa]|comisari[oa]|inspector|inspectora|agente|patrullero|subintendente|intendente|teniente|capitán|sargento|cabo|señor|señora)(?:\s+(?:de\s+)?[\p{Lu}][\p{Ll}\p{M}]+)*,?\s+$/iu;
/** An age under 18 next to a name: "Brayan Cárdenas, de 15 años". */
const RE_EDAD = /(?<![\p{L}])de\s+(\d{1,2})(?:\s+(?:y|a)\s+(\d{1,2}))?\s+años(?![\p{L}])/giu;

function menores(texto: string, ex: Excepciones, agregar: (d: DatoPersonal) => void): void {
  const claves = [
    ...texto.matchAll(RE_MENOR),
    ...[...texto.matchAll(RE_EDAD)].filter((m) => Number(m[2] ?? m[1]) < 18 && Number(m[1]) < 18),
  ].sort((a, b) => a.index - b.index);
  if (!claves.length) return;
  const nombres = [...texto.matchAll(RE_NOMBRE)].filter((n) => esNombreDePersona(n[0], ex));
  // Only names within a short window of the keyword matter (keeps hostile input linear).
  const VENTANA = 160;
  const primerNombreDesde = (offset: number) => {
    let bajo = 0;
    let alto = nombres.length;
    while (bajo < alto) {
      const medio = (bajo + alto) >> 1;
      if (nombres[medio]!.index + nombres[medio]![0].length < offset) bajo = medio + 1;
      else alto = medio;
    }
    return bajo;
  };
  for (const c of claves) {
    const ci = c.index;
    const cf = ci + c[0].length;
    // A capitalized keyword in the middle of a sentence is part of a name ("Día del Niño").
    if (/^\p{Lu}/u.test(c[0]) && !INICIO_ORACION.test(texto.slice(Math.max(0, ci - 4), ci))) continue;
    for (
      let k = primerNombreDesde(ci - VENTANA);
      k < nombres.length && nombres[k]!.index <= c.index + c[0].length + VENTANA;
      k++
    ) {
      const n = nombres[k]!;
      const ni = n.index;
      const nf = ni + n[0].length;
      const palabrasNombre = n[0].split(/\s+/).filter((p) => /^\p{Lu}/u.test(p)).length;
      const entre = ni >= cf ? texto.slice(cf, ni) : texto.slice(nf, ci);
      if (/[.!?…;\n]/u.test(entre)) continue;
      const distancia = entre.trim() ? entre.trim().split(/\s+/).length : 0;
      // The name must not be the first word of the sentence unless it has surname(s).
      const alInicio = INICIO_ORACION.test(texto.slice(Math.max(0, ni - 4), ni));
      if (palabrasNombre < 2 && (alInicio || distancia > 0)) continue;
      if (distancia > 8) continue;
      // "estudiante de Comunicación Social": what follows "de" is a field or an institution.
      if (ni >= cf && /^\s*(?:de|del|de la|de los|en)\s*$/u.test(entre)) continue;
      // The name belongs to an adult named by role: "el alcalde Fabio Ramírez".
      if (ROL_ADULTO.test(texto.slice(Math.max(0, ni - 40), ni))) continue;
      // A name after a place word is a place: "la vereda Chuntame", "el colegio Pompilio Martínez".
      if (
        /(?:vereda|barrio|sector|municipio|colegio|escuela|institución|parque|sede|ciudad|departamento|jardín|hogar|universidad|biblioteca|urbanización|conjunto|finca|calle|carrera)\s+(?:de\s+(?:la\s+)?|del\s+)?$/iu.test(
          texto.slice(Math.max(0, ni - 30), ni),
        )
      )
        continue;
      const inicio = Math.min(ci, ni);
      const fin = Math.max(cf, nf);
      agregar({ tipo: "menor", inicio, fin, fragmento: texto.slice(inicio, fin) });
      break;
    }
  }
}

// ---------- public API ----------

/** Builds the exceptions (institutional phones, e-mails, addresses, names) from the config. */
export function excepcionesDe(institucion: Institucion): Excepciones {
  const telefonos = institucion.contacto.telefonos.map((t) => {
    const d = digitos(t.numero);
    return d.length === 12 && d.startsWith("57") ? d.slice(2) : d;
  });
  const correos = new Set(
    [institucion.contacto.correo, institucion.contacto.notificacionesJudiciales, ...institucion.dependencias.map((d) => d.correo)]
      .filter((c): c is string => !!c)
      .map((c) => c.toLowerCase()),
  );
  const dominios = [...institucion.dominiosInstitucionales, ...[...correos].map((c) => c.split("@")[1]!)].map((d) =>
    d.toLowerCase(),
  );
  const direcciones = new Set(
    [institucion.contacto.direccion, ...institucion.contacto.otrasDirecciones].flatMap((d) =>
      direccionesEn(d).map((x) => normalizarDireccion(x.fragmento)),
    ),
  );
  const nombresNoPersona = new Set(
    [
      institucion.entidad,
      institucion.nombreCorto,
      institucion.oficina,
      institucion.contacto.municipio,
      ...institucion.dependencias.map((d) => d.nombre),
      ...institucion.gruposComunitarios.map((g) => g.nombre),
    ]
      .flatMap((t) => t.split(/[\s,]+/))
      .filter((p) => /^\p{Lu}/u.test(p))
      .map((p) => p.toLowerCase()),
  );
  return { telefonos, correos, dominios, direcciones, nombresNoPersona };
}

export const SIN_EXCEPCIONES: Excepciones = {
  telefonos: [],
  correos: new Set(),
  dominios: [],
  direcciones: new Set(),
  nombresNoPersona: new Set(),
};

/** Every personal datum in a text, without overlaps, in order. */
export function detectarDatosPersonales(texto: string, ex: Excepciones = SIN_EXCEPCIONES): DatoPersonal[] {
  const hallados: DatoPersonal[] = [];
  const agregar = (d: DatoPersonal) => hallados.push(d);
  // Cheap guards: most rules need a digit or an "@".
  const conDigitos = /\d/.test(texto);
  if (texto.includes("@")) correos(texto, ex, agregar);
  if (conDigitos) {
    direcciones(texto, ex, agregar);
    telefonos(texto, ex, agregar);
    documentos(texto, agregar);
    placas(texto, agregar);
  }
  menores(texto, ex, agregar);
  hallados.sort((a, b) => a.inicio - b.inicio || b.fin - a.fin);
  const salida: DatoPersonal[] = [];
  for (const d of hallados) {
    const previo = salida.at(-1);
    if (previo && d.inicio < previo.fin) continue;
    salida.push(d);
  }
  return salida;
}
