// A commenter's picture copied through the outgoing-request guard, against real servers on
// loopback: a picture from a source the caller vouches for as local (the tests' own servers)
// is copied and re-encoded; the same picture from a source not vouched for is refused before
// any connection, since loopback is a private address (redirects to private addresses:
// safe-fetch.test.ts). Refused, the copy answers "" and the page draws the site's identicon.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyAvatar } from "../../src/media/avatar-copy.ts";

let server: Server;
let base = "";
let mediaDir = "";
const asked: string[] = [];

beforeAll(async () => {
  const png = await sharp({
    create: { width: 200, height: 120, channels: 3, background: { r: 200, g: 40, b: 40 } },
  })
    .png()
    .toBuffer();
  server = createServer((request, response) => {
    asked.push(request.url ?? "");
    if (request.url === "/me.png") {
      response.writeHead(200, { "content-type": "image/png" }).end(png);
    } else response.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mediaDir = mkdtempSync(path.join(tmpdir(), "cinelog-avatar-copy-"));
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
  rmSync(mediaDir, { recursive: true, force: true });
});

describe("copying a commenter's picture", () => {
  it("copies a local source's picture as a 96-pixel WebP", async () => {
    const copied = await copyAvatar(`${base}/me.png`, "reader:1", mediaDir, true);
    expect(copied).toMatch(/^commenter-avatars\/[0-9a-f]{32}\.webp$/);
    const meta = await sharp(readFileSync(path.join(mediaDir, copied))).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["webp", 96, 96]);
  });

  it("refuses the same picture when its source is not vouched for: loopback is private", async () => {
    const before = asked.length;
    expect(await copyAvatar(`${base}/me.png`, "reader:2", mediaDir, false)).toBe("");
    // Refused before any connection: the server was never asked.
    expect(asked.length).toBe(before);
  });
});
