// The page cache: compressed copies, ETag/304, and invalidation that is precise, immediate
// in this process, within a second from another process (on a clock the test drives), and on
// a scheduled review's time.
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "../../src/db/connect.ts";
import { recordChange } from "../../src/domain/changes.ts";
import { createFilm } from "../../src/domain/films.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { saveSetting } from "../../src/domain/settings.ts";
import { setReviewTags } from "../../src/domain/tags.ts";
import { PageCacheLayer } from "../../src/web/cache/cache-middleware.ts";
import { sessionCookieName } from "../../src/web/cookie-names.ts";
import { pickEncoding } from "../../src/web/cache/encoding.ts";
import { buildCachedPage, PageCache } from "../../src/web/cache/page-cache.ts";
import { appFor } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(dialects)("page cache on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  let f: Awaited<ReturnType<typeof buildFixture>>;
  const get = (path: string, headers: Record<string, string> = {}) =>
    app.request(path, { headers });
  beforeAll(async () => {
    db = await openTestDb(dialect);
    f = await buildFixture(db);
    app = appFor(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("serves the second request from memory, compressed as the client accepts", async () => {
    const first = await get("/review/leaving-las-vegas-1995");
    expect(first.headers.get("x-cache")).toBe("MISS");
    const plain = await first.text();
    expect(plain).toContain("Leaving Las Vegas (1995)");

    const br = await get("/review/leaving-las-vegas-1995", { "accept-encoding": "gzip, br" });
    expect(br.headers.get("x-cache")).toBe("HIT");
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("vary")).toBe("Accept-Encoding");
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(plain);

    const gz = await get("/review/leaving-las-vegas-1995", { "accept-encoding": "gzip" });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(plain);

    const identity = await get("/review/leaving-las-vegas-1995", { "accept-encoding": "identity" });
    expect(identity.headers.get("content-encoding")).toBeNull();
    expect(await identity.text()).toBe(plain);
    expect(identity.headers.get("content-security-policy")).toContain("default-src 'self'");
  });

  it("answers 304 to a matching If-None-Match, and lets a CDN keep the page", async () => {
    const page = await get("/");
    const etag = page.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    expect(page.headers.get("cache-control")).toBe(
      "public, max-age=0, s-maxage=60, stale-while-revalidate=600",
    );
    const again = await get("/", { "if-none-match": `W/${etag}` });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const other = await get("/", { "if-none-match": '"something-else"' });
    expect(other.status).toBe(200);
  });

  it("drops only the pages a review edit touches", async () => {
    for (const path of ["/review/leaving-las-vegas-1995", "/review/bob-le-flambeur-1956", "/"]) {
      await get(path);
      expect((await get(path)).headers.get("x-cache"), path).toBe("HIT");
    }
    await setReviewTags(db, f.reviews.vegasReview.id, ["Neo-noir", "Desert"]);
    const edited = await get("/review/leaving-las-vegas-1995");
    expect(edited.headers.get("x-cache")).toBe("MISS");
    expect(await edited.text()).toContain('href="/tag/desert"');
    expect((await get("/")).headers.get("x-cache")).toBe("MISS");
    expect((await get("/review/bob-le-flambeur-1956")).headers.get("x-cache")).toBe("HIT");
  });

  it("shows a newly published review at once, everywhere it belongs", async () => {
    await get("/");
    await get("/review/bob-le-flambeur-1956");
    const film = await createFilm(db, { title: "Croupier", year: 1998 });
    await createReview(db, {
      filmId: film.id,
      authorId: f.author.id,
      body: "Owen plays it cold.",
      status: "published",
    });
    expect(await (await get("/")).text()).toContain("Croupier (1998)");
    expect((await get("/review/bob-le-flambeur-1956")).headers.get("x-cache")).toBe("MISS");
  });

  it("drops listings when a scheduled review falls due, with no other change", async () => {
    const film = await createFilm(db, { title: "The Gambler", year: 1974 });
    const at = new Date(Date.now() + 1200);
    await createReview(db, {
      filmId: film.id,
      authorId: f.author.id,
      body: "Caan, owing everyone.",
      status: "scheduled",
      publishedAt: at,
    });
    expect(await (await get("/")).text()).not.toContain("The Gambler (1974)");
    expect((await get("/")).headers.get("x-cache")).toBe("HIT");
    await sleep(at.getTime() - Date.now() + 50);
    expect(await (await get("/")).text()).toContain("The Gambler (1974)");
  });

  it("learns of changes made by another process within a second", async () => {
    // A database of its own: the file's other app, on the real clock, would learn of this
    // "other process" change too, at its next poll a second later, and drop its listings
    // and search results in the middle of a later test (seen under load).
    const shared = await openTestDb(dialect);
    try {
      // The cache's clock is driven here: a second passes without waiting for it.
      let now = Date.now();
      const timed = appFor(
        shared,
        {},
        new PageCacheLayer(shared, { enabled: true, clock: () => now }),
      );
      const cacheOf = async (path: string) => (await timed.request(path)).headers.get("x-cache");
      expect(await cacheOf("/series")).toBe("MISS");
      expect(await cacheOf("/series")).toBe("HIT");
      const other = connect(shared.url);
      try {
        await recordChange(other, ["series"]);
      } finally {
        await other.close();
      }
      now += 500;
      expect(await cacheOf("/series")).toBe("HIT");
      now += 600;
      expect(await cacheOf("/series")).toBe("MISS");
    } finally {
      await shared.dispose();
    }
  });

  it("drops everything when a setting changes", async () => {
    await get("/");
    await get("/review/bob-le-flambeur-1956");
    await saveSetting(db, "siteTitle", "Night Owls");
    const review = await get("/review/bob-le-flambeur-1956");
    expect(review.headers.get("x-cache")).toBe("MISS");
    expect(await review.text()).toContain("Night Owls");
  });

  it("never serves a signed-in writer a cached page, and never caches errors or query strings", async () => {
    await get("/");
    const writer = await get("/", { cookie: `${sessionCookieName}=abc` });
    expect(writer.headers.get("x-cache")).toBeNull();
    expect(writer.headers.get("cache-control")).toBe("private, no-store");
    await get("/review/nothing-here");
    const missing = await get("/review/nothing-here");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("x-cache")).toBeNull();
    await get("/?utm_source=somewhere");
    expect((await get("/?utm_source=somewhere")).headers.get("x-cache")).toBeNull();
  });

  it("keeps search results by query, and drops them when reviews change", async () => {
    expect((await get("/search?q=vegas")).headers.get("x-cache")).toBe("MISS");
    expect((await get("/search?q=vegas")).headers.get("x-cache")).toBe("HIT");
    // The same query as the page shows it shares the entry; another page does not.
    expect((await get("/search?q=vegas&page=1")).headers.get("x-cache")).toBe("HIT");
    expect((await get("/search?q=vegas&page=2")).headers.get("x-cache")).toBe("MISS");
    const film = await createFilm(db, { title: "Vegas Vacation", year: 1997 });
    await createReview(db, {
      filmId: film.id,
      authorId: f.author.id,
      body: "A family trip.",
      status: "published",
    });
    const after = await get("/search?q=vegas");
    expect(after.headers.get("x-cache")).toBe("MISS");
    expect(await after.text()).toContain("Vacation");
  });

  it("can be turned off", async () => {
    const off = appFor(db, { pageCache: false });
    await off.request("/");
    const page = await off.request("/");
    expect(page.status).toBe(200);
    expect(page.headers.get("x-cache")).toBeNull();
  });
});

describe("page cache pieces", () => {
  it("prefers brotli, then gzip, honouring q=0", () => {
    expect(pickEncoding("gzip, deflate, br")).toBe("br");
    expect(pickEncoding("gzip;q=1.0, br;q=0")).toBe("gzip");
    expect(pickEncoding("*")).toBe("br");
    expect(pickEncoding("identity")).toBeNull();
    expect(pickEncoding(undefined)).toBeNull();
  });

  it("renders a page again once it is older than the maximum age", () => {
    const cache = new PageCache(1024 * 1024, 60_000);
    const page = buildCachedPage(Buffer.from("<p>hi</p>"), 200, "text/html", ["lists"]);
    cache.set("/fresh", page);
    cache.set("/old", { ...page, renderedAt: Date.now() - 61_000 });
    expect(cache.get("/fresh")).toBeDefined();
    expect(cache.get("/old")).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it("evicts the least recently used pages past its byte budget", () => {
    const page = () => buildCachedPage(Buffer.from("x".repeat(1000)), 200, "text/html", ["lists"]);
    const one = page();
    const cache = new PageCache(one.bytes * 2);
    cache.set("/a", one);
    cache.set("/b", page());
    cache.get("/a");
    cache.set("/c", page());
    expect(cache.get("/b")).toBeUndefined();
    expect(cache.get("/a")).toBeDefined();
    expect(cache.get("/c")).toBeDefined();
    cache.invalidate(["lists"]);
    expect(cache.size).toBe(0);
  });
});
