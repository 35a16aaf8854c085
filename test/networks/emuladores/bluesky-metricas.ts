import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local Bluesky AppView for the metrics reader: the two public read methods it calls, as their
 * lexicons define them (XRPC over HTTP GET, https://atproto.com/specs/xrpc):
 * - `app.bsky.actor.getProfile?actor=<handle or DID>` → ProfileViewDetailed {did, handle,
 *   displayName, followersCount, followsCount, postsCount}; an unknown actor is 400
 *   {"error":"InvalidRequest","message":"Profile not found"}
 *   (https://docs.bsky.app/docs/api/app-bsky-actor-get-profile);
 * - `app.bsky.feed.getPosts?uris=<at-uri>&uris=...` (1 to 25) → {posts: PostView[]} with uri,
 *   cid, author, record, indexedAt and likeCount, repostCount, replyCount, quoteCount; URIs of
 *   posts that do not exist are left out of `posts` (https://docs.bsky.app/docs/api/app-bsky-feed-get-posts).
 *
 * Why not the local PDS of @atproto/dev-env, as the publishing tests use: counts are computed by
 * the AppView, not the PDS (a PDS stores the account's own repository and proxies app.bsky.* reads
 * to an AppView). dev-env's AppView (TestNetwork with @atproto/bsky) needs a PostgreSQL server,
 * which CI (.ci/run) does not run; TestNetworkNoAppView has no AppView, so no counts to read.
 *
 * Every request is recorded; anything off-contract (unknown method, non-GET, bad parameters) is
 * answered with the XRPC error body and added to `violaciones`.
 */

export interface PostEmulado {
  uri: string;
  likeCount: number;
  repostCount: number;
  replyCount: number;
  quoteCount: number;
}

export interface EmuladorBlueskyMetricas {
  url: string;
  /** "GET <nsid>" of every request, in order. */
  rutas(): string[];
  /** Query of every request, in order (repeated `uris` as a list). */
  consultas: Record<string, string[]>[];
  violaciones: string[];
  /** The account the AppView knows (its followers). */
  perfil: { did: string; handle: string; followersCount: number; followsCount: number; postsCount: number };
  posts: PostEmulado[];
  cerrar(): Promise<void>;
}

/** A valid CID (the lexicon's `cid` format) for every post view: the reader never reads it. */
const CID = "bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm";

export async function iniciarEmuladorBlueskyMetricas(): Promise<EmuladorBlueskyMetricas> {
  const registro: string[] = [];
  const consultas: Record<string, string[]>[] = [];
  const violaciones: string[] = [];
  const perfil = {
    did: "did:plc:cajica0000000000000000000",
    handle: "cajica.gov.co",
    followersCount: 0,
    followsCount: 0,
    postsCount: 0,
  };
  const posts: PostEmulado[] = [];

  const error = (mensaje: string): [number, unknown] => {
    violaciones.push(mensaje);
    return [400, { error: "InvalidRequest", message: mensaje }];
  };

  function ejecutar(metodo: string, nsid: string, q: Record<string, string[]>): [number, unknown] {
    if (metodo !== "GET") return error(`${nsid} es una consulta: se pide con GET, no ${metodo}`);
    if (nsid === "app.bsky.actor.getProfile") {
      const actor = q.actor?.[0];
      if (!actor || q.actor!.length !== 1) return error("actor es obligatorio y único");
      if (actor !== perfil.handle && actor !== perfil.did)
        return [400, { error: "InvalidRequest", message: "Profile not found" }];
      return [
        200,
        {
          did: perfil.did,
          handle: perfil.handle,
          displayName: "Alcaldía de Cajicá",
          followersCount: perfil.followersCount,
          followsCount: perfil.followsCount,
          postsCount: perfil.postsCount,
        },
      ];
    }
    if (nsid === "app.bsky.feed.getPosts") {
      const uris = q.uris ?? [];
      if (uris.length < 1 || uris.length > 25) return error(`uris debe tener de 1 a 25 elementos (tiene ${uris.length})`);
      if (uris.some((u) => !/^at:\/\/did:[a-z]+:[A-Za-z0-9._:%-]+\/app\.bsky\.feed\.post\/[A-Za-z0-9._~:-]+$/.test(u))) {
        return error("uris debe tener URIs at:// de app.bsky.feed.post");
      }
      const vistas = uris
        .map((u) => posts.find((p) => p.uri === u))
        .filter((p): p is PostEmulado => p !== undefined)
        .map((p) => ({
          uri: p.uri,
          cid: CID,
          author: { did: perfil.did, handle: perfil.handle },
          record: { $type: "app.bsky.feed.post", text: "Publicación de la Alcaldía", createdAt: "2026-11-20T13:00:00.000Z" },
          indexedAt: "2026-11-20T13:00:01.000Z",
          likeCount: p.likeCount,
          repostCount: p.repostCount,
          replyCount: p.replyCount,
          quoteCount: p.quoteCount,
        }));
      return [200, { posts: vistas }];
    }
    return error(`método XRPC no implementado: ${nsid}`);
  }

  const servidor = http.createServer((req, res) => {
    const direccion = new URL(req.url ?? "/", "http://127.0.0.1");
    const nsid = /^\/xrpc\/([A-Za-z0-9.]+)$/.exec(direccion.pathname)?.[1] ?? direccion.pathname;
    const q: Record<string, string[]> = {};
    for (const [k, v] of direccion.searchParams) (q[k] ??= []).push(v);
    registro.push(`${req.method ?? ""} ${nsid}`);
    consultas.push(q);
    req.resume();
    const [estado, cuerpo] = ejecutar(req.method ?? "", nsid, q);
    res.writeHead(estado, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(cuerpo));
  });
  await new Promise<void>((listo) => servidor.listen(0, "127.0.0.1", listo));
  const { port } = servidor.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    rutas: () => [...registro],
    consultas,
    violaciones,
    perfil,
    posts,
    cerrar: () =>
      new Promise<void>((listo) => {
        servidor.closeAllConnections();
        servidor.close(() => listo());
      }),
  };
}
