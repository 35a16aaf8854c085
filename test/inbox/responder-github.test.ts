import { afterEach, describe, expect, it } from "vitest";
import { cargarInstitucion } from "../../scripts/lib/content/index.ts";
import { almacenGithub, clienteInquietudes } from "../../scripts/lib/inbox/almacen-github.ts";
import { archivarEnAlmacen, crearContexto } from "../../scripts/lib/inbox/conversacion.ts";
import { OrdenesGithub } from "../../scripts/lib/inbox/ordenes.ts";
import { responder } from "../../scripts/lib/inbox/responder.ts";
import { crearBandeja } from "../../scripts/lib/networks/bandeja/mastodon.ts";
import { BOT, EmuladorGithub } from "../github/emulador.ts";
import { iniciarEmuladorMastodon, type EmuladorMastodon } from "../networks/emuladores/mastodon.ts";

const institucion = cargarInstitucion();
/** Who may answer: write access through the API (https://docs.github.com/en/rest/collaborators/collaborators#get-repository-permissions-for-a-user). */
const PERMISOS: Record<string, string> = { "jefa-de-prensa": "write", "solo-lectura": "read" };

let mastodon: EmuladorMastodon | undefined;
let gh: EmuladorGithub | undefined;
afterEach(async () => {
  if (mastodon) expect(mastodon.violaciones).toEqual([]);
  if (gh) expect(gh.inesperadas).toEqual([]);
  await mastodon?.cerrar();
  await gh?.cerrar();
  mastodon = undefined;
  gh = undefined;
});

describe("responder desde los comentarios del repositorio privado", () => {
  it("envía una vez la orden de quien tiene permiso de escritura, ignora la de quien no, y deja el enlace bajo la orden", async () => {
    mastodon = await iniciarEmuladorMastodon();
    gh = new EmuladorGithub({ owner: "alcaldia-cajica", repo: "inquietudes", privado: true });
    const url = await gh.iniciar();
    const base = `/repos/${gh.owner}/${gh.repo}`;
    const creados = new Map<number, string>();
    gh.extensiones.push((p) => {
      // https://docs.github.com/en/rest/issues/comments#list-issue-comments-for-a-repository
      if (p.metodo === "GET" && p.ruta === `${base}/issues/comments`) {
        p.responder(
          200,
          gh!.comentarios.map((c) => ({
            id: c.id,
            body: c.body,
            user: c.user,
            created_at: creados.get(c.id) ?? new Date().toISOString(),
            issue_url: `${url}${base}/issues/${c.issue}`,
          })),
        );
        return true;
      }
      const m = new RegExp(`^${base}/collaborators/([^/]+)/permission$`).exec(p.ruta);
      if (p.metodo === "GET" && m) {
        const permiso = PERMISOS[m[1]!];
        if (permiso) p.responder(200, { permission: permiso, role_name: permiso, user: { login: m[1] } });
        else p.responder(404, { message: "Not Found" });
        return true;
      }
      return false;
    });
    const env = { PRENSA_INQUIETUDES_TOKEN: gh.token, PRENSA_URL_GITHUB: url, PRENSA_GITHUB_SIN_ESPERA: "1" };
    const almacen = almacenGithub("alcaldia-cajica/inquietudes", env);
    const bandeja = crearBandeja({ institucion, env: { MASTODON_TOKEN: mastodon.token, PRENSA_URL_MASTODON: mastodon.url } })!;
    const mencion = mastodon.mencionar("vecina", "¿Cuándo abren las inscripciones?");
    const [m] = (await bandeja.leer(undefined)).mensajes;
    await archivarEnAlmacen(almacen, crearContexto(institucion), m!);
    const [c] = await almacen.listar();
    const numero = (await almacen.numeroIssue(c!.id))!;

    gh.comentarios.push(
      {
        id: 9001,
        issue: numero,
        body: "/responder Abren el lunes en la Casa de la Cultura.",
        user: { login: "jefa-de-prensa", type: "User" },
      },
      {
        id: 9002,
        issue: numero,
        body: "/responder-privado Escríbame a mi correo",
        user: { login: "solo-lectura", type: "User" },
      },
      { id: 9003, issue: numero, body: "/responder Yo también respondo", user: { login: "desconocido", type: "User" } },
    );
    const contexto = () => ({
      almacen,
      fuente: new OrdenesGithub({
        gh: clienteInquietudes(env),
        repo: { owner: "alcaldia-cajica", repo: "inquietudes" },
        env,
        conversacionDeIssue: async (n: number) => (n === numero ? c!.id : undefined),
      }),
      abrir: async () => ({ red: "mastodon" as const, bandeja }),
      politica: { intentos: 2, baseMs: 0, maxMs: 0, maxEsperaMs: 1000 },
      dormir: async () => {},
      reloj: () => new Date(),
    });

    const filas = await responder(contexto());
    expect(filas).toMatchObject([{ clave: "gh-9001", resultado: "enviada", privado: false }]);
    const respuestas = mastodon.estados.filter((e) => e.enRespuestaA === mencion.id);
    expect(respuestas.map((e) => e.texto)).toEqual(["@vecina Abren el lunes en la Casa de la Cultura."]);
    const estado = gh.comentarios.find((x) => x.body.includes('"clave":"gh-9001"'))!;
    expect(estado.user).toEqual(BOT);
    expect(estado.body).toContain(`✅ Respuesta enviada: ${mastodon.url}/@cajica/${respuestas[0]!.id}`);
    expect((await almacen.obtener(c!.id))?.respuestas).toMatchObject([
      { clave: "gh-9001", via: "comando", por: "jefa-de-prensa" },
    ]);

    // Another run: the state comment (by the issue's author, the tool) says it is sent; nothing goes out again.
    expect(await responder(contexto())).toEqual([]);
    expect(mastodon.estados.filter((e) => e.enRespuestaA === mencion.id)).toHaveLength(1);
  });
});
