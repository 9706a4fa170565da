// `Range` on media, judged before the static file server sees it. RFC 9110 (14.2): a range
// the server cannot parse is ignored — a 200 with the whole file — and one it can parse but
// not satisfy is a 416 naming the size. The file server alone answers `bytes=abc` with a
// 206 of the whole file, so a range that is not one well-formed byte range is taken off the
// request here; the file server then answers the rest (206, or 416 with `bytes */SIZE`).
import type { MiddlewareHandler } from "hono";

// One range: `first-last`, `first-` or `-suffix`. Several ranges at once would need a
// multipart answer; they are ignored as the RFC allows.
const singleRange = /^bytes=(?:(\d+)-(\d*)|-(\d+))$/i;

/** The range as the file server reads it, or undefined when it is to be ignored. */
function usableRange(header: string): string | undefined {
  const text = header.trim();
  const match = singleRange.exec(text);
  if (!match) return undefined;
  const [, first, last] = match;
  // A last position before the first makes the range invalid, not unsatisfiable.
  if (first !== undefined && last !== "" && Number(last) < Number(first)) return undefined;
  return "bytes=" + text.slice("bytes=".length);
}

export function mediaRange(): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header("range");
    if (header === undefined || (c.req.method !== "GET" && c.req.method !== "HEAD")) {
      return next();
    }
    const range = usableRange(header);
    if (range === header) return next();
    const headers = new Headers(c.req.raw.headers);
    if (range === undefined) headers.delete("range");
    else headers.set("range", range);
    c.req.raw = new Request(c.req.raw.url, {
      method: c.req.raw.method,
      headers,
      signal: c.req.raw.signal,
    });
    return next();
  };
}
