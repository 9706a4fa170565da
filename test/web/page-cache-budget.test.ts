// The page cache stays within its byte budget: least recently used pages go first, the bytes
// it reports are the bytes it holds, and its counters (hits, misses, evictions,
// invalidations) say how it is doing. Also the CINELOG_PAGE_CACHE_SIZE setting that sets it.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { buildCachedPage, PageCache } from "../../src/web/cache/page-cache.ts";

/** A page of about `kb` kilobytes of text that compresses poorly, so its size is known. */
function pageOf(kb: number, tags: string[] = []) {
  let text = "";
  let seed = kb * 7919;
  while (text.length < kb * 1024) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    text += seed.toString(36);
  }
  return buildCachedPage(Buffer.from(text), 200, "text/html; charset=utf-8", tags);
}

describe("page cache budget", () => {
  it("counts each page's plain, gzip and brotli copies in its bytes", () => {
    const cache = new PageCache(10 * 1024 * 1024);
    const a = pageOf(20);
    const b = pageOf(30);
    expect(a.bytes).toBe(a.identity.length + a.gzip.length + a.brotli.length + 256);
    cache.set("/a", a);
    cache.set("/b", b);
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: a.bytes + b.bytes });
    cache.set("/a", pageOf(20)); // replacing a page does not count it twice
    expect(cache.stats().bytes).toBe(a.bytes + b.bytes);
    cache.delete("/b");
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: a.bytes });
    cache.clear();
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  it("evicts the least recently used pages first, and only as many as it must", () => {
    const one = pageOf(40);
    const budget = one.bytes * 3 + 100; // room for three pages of this size
    const cache = new PageCache(budget);
    cache.set("/1", one);
    cache.set("/2", pageOf(40));
    cache.set("/3", pageOf(40));
    expect(cache.get("/1")).toBeDefined(); // /1 is now the most recently used; /2 the least
    cache.set("/4", pageOf(40));
    expect(cache.get("/2")).toBeUndefined();
    expect(cache.get("/1")).toBeDefined();
    expect(cache.get("/3")).toBeDefined();
    expect(cache.get("/4")).toBeDefined();
    expect(cache.stats().evictions).toBe(1);

    // A big page pushes out as many of the oldest as it needs room for: /1 and /3.
    const big = pageOf(80);
    cache.set("/big", big);
    expect(cache.get("/1")).toBeUndefined();
    expect(cache.get("/3")).toBeUndefined();
    expect(cache.get("/4")).toBeDefined();
    expect(cache.get("/big")).toBeDefined();
    const stats = cache.stats();
    expect(stats.evictions).toBe(3);
    expect(stats.bytes).toBeLessThanOrEqual(budget);
    expect(stats.bytes).toBe(cache.get("/4")!.bytes + big.bytes);
  });

  it("keeps no page larger than the whole budget, and drops nothing for it", () => {
    const small = pageOf(10);
    const cache = new PageCache(small.bytes * 2);
    cache.set("/small", small);
    cache.set("/huge", pageOf(200));
    expect(cache.get("/huge")).toBeUndefined();
    expect(cache.get("/small")).toBeDefined();
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: small.bytes, evictions: 0 });
  });

  it("counts hits, misses and invalidations", () => {
    const cache = new PageCache(10 * 1024 * 1024);
    expect(cache.get("/review/a")).toBeUndefined();
    cache.set("/review/a", pageOf(5, ["review:1"]));
    cache.set("/review/b", pageOf(5, ["review:2"]));
    cache.set("/", pageOf(5, ["review:1", "home"]));
    expect(cache.get("/review/a")).toBeDefined();
    expect(cache.get("/review/a")).toBeDefined();
    cache.invalidate(["review:1"]);
    expect(cache.get("/")).toBeUndefined();
    expect(cache.stats()).toMatchObject({
      hits: 2,
      misses: 2,
      invalidations: 2,
      evictions: 0,
      entries: 1,
    });
  });

  it("reads its size from CINELOG_PAGE_CACHE_SIZE, 64 MB unless set", () => {
    const base = { CINELOG_DATA_DIR: "/tmp/cinelog-config-test" };
    expect(loadConfig(base).pageCacheBytes).toBe(64 * 1024 * 1024);
    expect(loadConfig({ ...base, CINELOG_PAGE_CACHE_SIZE: "16MB" }).pageCacheBytes).toBe(
      16 * 1024 * 1024,
    );
    expect(loadConfig({ ...base, CINELOG_PAGE_CACHE_SIZE: "1.5gb" }).pageCacheBytes).toBe(
      1.5 * 1024 ** 3,
    );
    expect(loadConfig({ ...base, CINELOG_PAGE_CACHE_SIZE: "2097152" }).pageCacheBytes).toBe(
      2 * 1024 * 1024,
    );
    expect(() => loadConfig({ ...base, CINELOG_PAGE_CACHE_SIZE: "lots" })).toThrow(
      /pageCacheSize: a size such as "64MB"/,
    );
    expect(() => loadConfig({ ...base, CINELOG_PAGE_CACHE_SIZE: "100KB" })).toThrow(
      /pageCacheSize: at least 1MB/,
    );
  });
});
