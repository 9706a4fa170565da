// Sets a header on a response a route has already returned, without rebuilding it.
// Hono's `c.header()` after `next()` copies the finished Response (new Response(res.body,
// res)), which makes @hono/node-server turn its string body into a web stream: the whole
// page is converted and piped chunk by chunk instead of written at once — about a tenth of
// an uncached page's CPU in the profile (bench/README.md). The response's own headers can
// be set in place, except on the rare response whose headers are immutable.
import type { Context } from "hono";

export function setResponseHeader(c: Context, name: string, value: string): void {
  try {
    c.res.headers.set(name, value);
  } catch {
    c.header(name, value); // immutable headers (Response.redirect, a fetched response)
  }
}
