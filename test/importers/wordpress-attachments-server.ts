// A stand-in for the old WordPress site's file server, on 127.0.0.1: serves sharp-made
// images, answers 404 for one, never answers for another, and notes every request so a
// test can tell that nothing was asked for unless fetching was turned on.
import http from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";

export interface OldSite {
  baseUrl: string;
  requests: string[];
  close: () => Promise<void>;
}

export async function image(
  format: "jpeg" | "png",
  width: number,
  height: number,
  colour = { r: 200, g: 80, b: 40 },
): Promise<Buffer> {
  const base = sharp({ create: { width, height, channels: 3, background: colour } });
  return format === "jpeg"
    ? base
        .jpeg()
        .withExif({ IFD0: { Artist: "Old Site Owner", Copyright: "Not for Cinelog" } })
        .toBuffer()
    : base.png().toBuffer();
}

/** `files`: path → bytes; `/hang/…` never answers. */
export async function startOldSite(files: Record<string, Buffer>): Promise<OldSite> {
  const requests: string[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    requests.push(url);
    if (url.startsWith("/hang/")) {
      hanging.add(res);
      return;
    }
    const body = files[url];
    if (!body) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not here");
      return;
    }
    res.writeHead(200, { "content-type": url.endsWith(".png") ? "image/png" : "image/jpeg" });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
