// Serves public pages from the page cache: pre-compressed (brotli, gzip), with ETag and 304,
// and Cache-Control that lets a CDN keep a copy. Pages are dropped precisely by tag when
// content changes in this process (at once) or in another one (within a second), and when a
// scheduled review falls due.
import type { Context, MiddlewareHandler } from "hono";
import type { Db } from "../../db/connect.ts";
import { followChanges, type ChangeFeed } from "../../domain/changes.ts";
import { nowIso } from "../../domain/time.ts";
import { pickEncoding } from "./encoding.ts";
import { buildCachedPage, PageCache, type CachedPage } from "./page-cache.ts";
import { cacheSlotFor } from "./cache-keys.ts";
import { tagsForPath } from "./page-tags.ts";
import { commenterCookieName } from "../public/commenter-cookie.ts";

/** Cookie of a signed-in writer: they always get a fresh page, never a cached one. */
export const sessionCookieName = "cinelog_session";

// Browsers revalidate every time (cheap, thanks to the ETag); a CDN may serve a page for a
// minute and keep serving a stale copy while it fetches a new one.
export const publicCacheControl = "public, max-age=0, s-maxage=60, stale-while-revalidate=600";

const pollIntervalMs = 1000;
const searchCacheBytes = 32 * 1024 * 1024;

export interface PageCacheOptions {
  enabled: boolean;
  maxBytes?: number;
}

export function pageCacheMiddleware(db: Db, options: PageCacheOptions): MiddlewareHandler {
  const caches = {
    page: new PageCache(options.maxBytes),
    search: new PageCache(searchCacheBytes),
  };
  const freshness = new Freshness(db, Object.values(caches));
  db.changes.subscribe((tags) => freshness.invalidate(tags));

  return async (c, next) => {
    const method = c.req.method;
    const path = c.req.path;
    const slot = method === "GET" || method === "HEAD" ? cacheSlotFor(path, c.req.url) : undefined;
    if (!slot) return next();
    if (hasSession(c)) {
      await next();
      c.header("Cache-Control", "private, no-store");
      return;
    }
    if (!options.enabled) {
      await next();
      if (c.res.status === 200) c.header("Cache-Control", publicCacheControl);
      return;
    }

    await freshness.ensure();
    const cache = caches[slot.kind];
    const hit = cache.get(slot.key);
    if (hit) return respond(c, hit, "HIT");

    const generation = freshness.generation;
    await next();
    const res = c.res;
    const contentType = res.headers.get("content-type") ?? "";
    if (
      res.status !== 200 ||
      !/^(text\/|application\/(json|xml|.+\+xml|feed\+json))/.test(contentType)
    ) {
      return;
    }
    const body = Buffer.from(await res.arrayBuffer());
    const page = buildCachedPage(body, res.status, contentType, tagsForPath(path));
    // A change that landed while this page was rendering may not be in it: serve, don't keep.
    if (freshness.generation === generation) cache.set(slot.key, page);
    // The route's response is finalised already, so replace it rather than return a new one.
    c.res = respond(c, page, "MISS");
  };
}

function hasSession(c: Context): boolean {
  const cookie = c.req.header("cookie");
  // A remembered commenter's form is pre-filled with their details: never a shared page.
  return (
    !!cookie &&
    (cookie.includes(`${sessionCookieName}=`) || cookie.includes(`${commenterCookieName}=`))
  );
}

function respond(c: Context, page: CachedPage, state: "HIT" | "MISS"): Response {
  // A plain object, not a Headers instance: the Node adapter writes it out directly.
  const headers: Record<string, string> = {
    // For operators and tests: was this page served from memory?
    "X-Cache": state,
    "Content-Type": page.contentType,
    ETag: page.etag,
    "Cache-Control": publicCacheControl,
    Vary: "Accept-Encoding",
  };
  if (etagMatches(c.req.header("if-none-match"), page.etag)) {
    return new Response(null, { status: 304, headers });
  }
  const encoding = pickEncoding(c.req.header("accept-encoding"));
  const body = encoding === "br" ? page.brotli : encoding === "gzip" ? page.gzip : page.identity;
  if (encoding) headers["Content-Encoding"] = encoding;
  headers["Content-Length"] = String(body.length);
  // A view of the stored bytes, not a copy.
  const bytes = new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength);
  return new Response(c.req.method === "HEAD" ? null : bytes, { status: page.status, headers });
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((t) => {
    const tag = t.trim();
    return tag === "*" || tag === etag || tag === `W/${etag}`;
  });
}

/** Keeps the cache honest: other processes' changes, and scheduled reviews falling due. */
class Freshness {
  generation = 0;
  #feed: Promise<ChangeFeed> | undefined;
  #lastPoll = 0;
  #polling: Promise<void> | undefined;
  /** Publication time of the next scheduled review; undefined = unknown, null = none. */
  #nextDue: string | null | undefined;
  #dueCheck: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly caches: PageCache[],
  ) {}

  invalidate(tags: readonly string[]): void {
    this.generation++;
    for (const cache of this.caches) cache.invalidate(tags);
    if (tags.includes("public-set") || tags.includes("site")) this.#nextDue = undefined;
  }

  async ensure(): Promise<void> {
    if (Date.now() - this.#lastPoll >= pollIntervalMs) {
      this.#polling ??= this.#poll().finally(() => (this.#polling = undefined));
      await this.#polling;
    }
    if (this.#nextDue && this.#nextDue <= nowIso()) this.invalidate(["public-set"]);
    if (this.#nextDue === undefined) {
      this.#dueCheck ??= this.#findNextDue().finally(() => (this.#dueCheck = undefined));
      await this.#dueCheck;
    }
  }

  async #poll(): Promise<void> {
    this.#feed ??= followChanges(this.db);
    const tags = await (await this.#feed).poll();
    this.#lastPoll = Date.now();
    if (tags.length) this.invalidate([...new Set(tags)]);
  }

  async #findNextDue(): Promise<void> {
    const row = await this.db.kysely
      .selectFrom("reviews")
      .select((eb) => eb.fn.min("published_at").as("next"))
      .where("status", "in", ["published", "scheduled"])
      .where("published_at", ">", nowIso())
      .executeTakeFirst();
    this.#nextDue = row?.next ?? null;
  }
}
