// The page cache's fast path in front of the app, over real HTTP: hits answered from Node's
// request carry the same headers as the app's own responses, and nothing personal is shared.
import { brotliDecompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReview } from "../../src/domain/reviews.ts";
import { sessionCookieName } from "../../src/web/cookie-names.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { serveForTest } from "../support/server.ts";

describe.each(dialects)("page cache over HTTP on %s", (dialect) => {
  let db: TestDb;
  let server: Awaited<ReturnType<typeof serveForTest>>;
  let f: Awaited<ReturnType<typeof buildFixture>>;
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.base}${path}`, { headers });
  beforeAll(async () => {
    db = await openTestDb(dialect);
    f = await buildFixture(db);
    server = await serveForTest(db);
  });
  afterAll(async () => {
    await server.close();
    await db.dispose();
  });

  it("answers a repeat request from memory with the app's security headers", async () => {
    const first = await get("/review/leaving-las-vegas-1995");
    expect(first.headers.get("x-cache")).toBe("MISS");
    const html = await first.text();
    const again = await fetch(`${server.base}/review/leaving-las-vegas-1995`, {
      headers: { "accept-encoding": "br" },
      // Node's fetch would decompress; read the raw bytes to check what was sent.
      decompress: false,
    } as RequestInit);
    expect(again.headers.get("x-cache")).toBe("HIT");
    expect(again.headers.get("content-encoding")).toBe("br");
    for (const header of ["content-security-policy", "x-content-type-options", "referrer-policy"]) {
      expect(again.headers.get(header), header).toBe(first.headers.get(header));
    }
    const bytes = Buffer.from(await again.arrayBuffer());
    const text = bytes[0] === 0x3c ? bytes.toString() : brotliDecompressSync(bytes).toString();
    expect(text).toBe(html);
  });

  it("answers 304 to a matching ETag and HEAD without a body", async () => {
    const page = await get("/");
    await page.text();
    const etag = page.headers.get("etag") ?? "";
    const notModified = await get("/", { "if-none-match": etag });
    expect(notModified.status).toBe(304);
    const head = await fetch(`${server.base}/`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("x-cache")).toBe("HIT");
    expect(await head.text()).toBe("");
  });

  it("shows a newly published review at once, and never serves a writer from memory", async () => {
    await (await get("/")).text();
    await createReview(db, {
      filmId: f.films.friday.id,
      authorId: f.author.id,
      body: "Fast talk.",
      status: "published",
    });
    expect(await (await get("/")).text()).toContain("His Girl Friday (1940)");
    const writer = await get("/", { cookie: `${sessionCookieName}=x` });
    expect(writer.headers.get("x-cache")).toBeNull();
    expect(writer.headers.get("cache-control")).toBe("private, no-store");
  });
});
