// Under which key the page cache keeps a request's answer, for a route that declared itself
// cached (src/web/route-facts.ts); none for the rest.
import type { RouteCache } from "../route-facts.ts";
import { parseSearchParams } from "../search-params.ts";

export interface CacheSlot {
  key: string;
  /** Search results live in a cache of their own, so endless queries never push pages out. */
  kind: "page" | "search";
}

export function cacheSlotFor(
  cache: RouteCache | undefined,
  path: string,
  url: string,
): CacheSlot | undefined {
  if (!cache || cache === "never") return undefined;
  const queryAt = url.indexOf("?");
  if (cache.kind === "search") {
    // Keyed by the query as the page will show it, so "vegas" and "vegas " share a page.
    const params = new URLSearchParams(queryAt >= 0 ? url.slice(queryAt + 1) : "");
    const { query, page } = parseSearchParams(
      params.get("q") ?? undefined,
      params.get("page") ?? undefined,
    );
    return { key: `${path}?q=${encodeURIComponent(query)}&page=${page}`, kind: "search" };
  }
  // Other public pages have clean URLs; a query string is either a personal view (a comment
  // awaiting moderation) or noise that must not fill the cache.
  if (queryAt >= 0) return undefined;
  return { key: path, kind: "page" };
}
