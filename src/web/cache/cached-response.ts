// How a cached page goes out: the encoding the client accepts, ETag and 304, cache headers.
import { pickEncoding } from "./encoding.ts";
import type { CachedPage } from "./page-cache.ts";

// Browsers revalidate every time (cheap, thanks to the ETag); a CDN may serve a page for a
// minute and keep serving a stale copy while it fetches a new one.
export const publicCacheControl = "public, max-age=0, s-maxage=60, stale-while-revalidate=600";

export interface CachedReply {
  status: number;
  headers: Record<string, string>;
  /** Undefined for a 304 or a HEAD request. */
  body: Buffer | undefined;
}

export function cachedReply(
  page: CachedPage,
  state: "HIT" | "MISS",
  request: { method: string; ifNoneMatch: string | undefined; acceptEncoding: string | undefined },
): CachedReply {
  const headers: Record<string, string> = {
    // For operators and tests: was this page served from memory?
    "X-Cache": state,
    "Content-Type": page.contentType,
    ETag: page.etag,
    "Cache-Control": publicCacheControl,
    Vary: "Accept-Encoding",
    ...(page.link ? { Link: page.link } : {}),
  };
  if (etagMatches(request.ifNoneMatch, page.etag)) {
    return { status: 304, headers, body: undefined };
  }
  const encoding = pickEncoding(request.acceptEncoding);
  const body = encoding === "br" ? page.brotli : encoding === "gzip" ? page.gzip : page.identity;
  if (encoding) headers["Content-Encoding"] = encoding;
  headers["Content-Length"] = String(body.length);
  return { status: page.status, headers, body: request.method === "HEAD" ? undefined : body };
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((t) => {
    const tag = t.trim();
    return tag === "*" || tag === etag || tag === `W/${etag}`;
  });
}
