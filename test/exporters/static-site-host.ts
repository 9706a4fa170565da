// A tiny static host for an exported site, behaving as common hosts do: `/a/b` is the file
// a/b, or else a/b/index.html; anything else gets 404.html with status 404. Feeds get their
// feed media types, as a host would be configured to send them. It is a Hono app (so
// test/feeds/read-feed.ts can read feeds from it) and, through serveStaticHost, a real HTTP
// server for a browser.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { getRequestListener } from "@hono/node-server";
import { Hono } from "hono";

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".atom": "application/atom+xml; charset=utf-8",
  ".json": "application/json; charset=utf-8",
};

function typeOf(file: string): string {
  const base = path.basename(file);
  if (base === "feed.xml") return "application/rss+xml; charset=utf-8";
  if (base === "feed.json") return "application/feed+json; charset=utf-8";
  return types[path.extname(file)] ?? "application/octet-stream";
}

/** The file a static host would answer a site path with, if any. */
export function fileFor(dir: string, sitePath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(sitePath);
  } catch {
    return undefined;
  }
  const direct = path.join(dir, decoded);
  if (!direct.startsWith(dir)) return undefined;
  for (const candidate of [direct, path.join(direct, "index.html")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

export function staticHostApp(dir: string): Hono {
  const app = new Hono();
  app.get("*", (c) => {
    const file = fileFor(dir, new URL(c.req.url).pathname);
    if (!file) return c.html(fs.readFileSync(path.join(dir, "404.html"), "utf8"), 404);
    return c.body(new Uint8Array(fs.readFileSync(file)), 200, { "Content-Type": typeOf(file) });
  });
  return app;
}

export async function serveStaticHost(dir: string) {
  const listener = getRequestListener(staticHostApp(dir).fetch);
  const server = http.createServer((req, res) => void listener(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** Every file below dir, as paths relative to it with forward slashes. */
export function filesIn(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}
