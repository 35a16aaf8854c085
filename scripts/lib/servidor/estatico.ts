import { createServer, type Server } from "node:http";
import { createReadStream, existsSync, statSync } from "node:fs";
import path from "node:path";

const TIPOS: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".gif": "image/gif",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".pf_meta": "application/octet-stream",
  ".pf_fragment": "application/octet-stream",
  ".pf_index": "application/octet-stream",
};

/** Content-Type of a site file by its extension. */
export const tipoDeArchivo = (archivo: string): string =>
  TIPOS[path.extname(archivo).toLowerCase()] ?? "application/octet-stream";

/** Resolves a URL path to a file inside the site folder, or undefined (never escapes the folder). */
export function archivoPara(carpeta: string, rutaUrl: string): string | undefined {
  let ruta: string;
  try {
    ruta = decodeURIComponent(rutaUrl.split("?")[0]!.split("#")[0]!);
  } catch {
    return undefined;
  }
  const destino = path.resolve(carpeta, `.${path.posix.normalize(ruta)}`);
  if (destino !== carpeta && !destino.startsWith(carpeta + path.sep)) return undefined;
  if (existsSync(destino) && statSync(destino).isFile()) return destino;
  const indice = path.join(destino, "index.html");
  if (existsSync(indice)) return indice;
  return undefined;
}

/** A static server for the built site, like GitHub Pages: directory indexes and 404.html. */
export function servirSitio(carpeta: string, puerto = 4321, anfitrion = "127.0.0.1"): Promise<{ servidor: Server; url: string }> {
  const raiz = path.resolve(carpeta);
  const servidor = createServer((req, res) => {
    const rutaUrl = req.url ?? "/";
    // Directory URLs without a trailing slash redirect, as GitHub Pages does.
    const archivo = archivoPara(raiz, rutaUrl);
    const sinBarra = rutaUrl.split("?")[0]!;
    if (archivo && archivo.endsWith(`${path.sep}index.html`) && !sinBarra.endsWith("/") && !sinBarra.endsWith(".html")) {
      res.writeHead(301, { Location: `${sinBarra}/` });
      res.end();
      return;
    }
    const final = archivo ?? path.join(raiz, "404.html");
    const estado = archivo ? 200 : 404;
    if (!existsSync(final)) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("No encontrado");
      return;
    }
    res.writeHead(estado, { "Content-Type": tipoDeArchivo(final) });
    createReadStream(final).pipe(res);
  });
  return new Promise((resolver, rechazar) => {
    servidor.once("error", rechazar);
    servidor.listen(puerto, anfitrion, () => {
      const dir = servidor.address();
      const p = typeof dir === "object" && dir ? dir.port : puerto;
      resolver({ servidor, url: `http://${anfitrion}:${p}` });
    });
  });
}
