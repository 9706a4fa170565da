// The one place Fedify meets the Hono app (src/web/app.tsx mounts it ahead of the page cache,
// so nothing it answers is ever cached): WebFinger, NodeInfo, the actor, its collections and
// inboxes. While federation is off in the settings, these addresses are not found at all, and
// Fedify is not even loaded (src/federation/federation-loader.ts).
import type { Context, MiddlewareHandler } from "hono";
import type { Db } from "../db/connect.ts";
import { loadSettings } from "../domain/settings.ts";
import type { LoadFederation } from "./federation-loader.ts";
import { boundedRequest, InboxGuardError, ServerRateLimiter, signingHost } from "./inbox-guard.ts";

/** Addresses Fedify may answer; every other request goes straight on. */
const federationPath = /^\/(?:\.well-known\/(?:webfinger|nodeinfo)$|nodeinfo\/|@|ap\/)/;

export function federationMiddleware(
  loadFederation: LoadFederation,
  db: Db,
  clientAddress: (c: Context) => string,
  limiter = new ServerRateLimiter(),
): MiddlewareHandler {
  return async (c, next) => {
    if (!federationPath.test(c.req.path)) return next();
    const settings = await loadSettings(db);
    if (!settings.federationEnabled) return next();
    const blog = await loadFederation();
    let request = c.req.raw;
    if (request.method === "POST") {
      const server = signingHost(request.headers) ?? clientAddress(c);
      try {
        if (!limiter.allow(server)) throw new InboxGuardError("Too many activities.", 429);
        request = await boundedRequest(request);
      } catch (error) {
        if (!(error instanceof InboxGuardError)) throw error;
        const headers: Record<string, string> = { "cache-control": "no-store" };
        if (error.status === 429) headers["retry-after"] = "60";
        return new Response(error.message, { status: error.status, headers });
      }
    }
    let passOn = false;
    const response = await blog.federation.fetch(request, {
      contextData: undefined,
      onNotFound: () => {
        passOn = true;
        return new Response(null, { status: 404 });
      },
      // A browser on the actor's address sees the blog itself.
      onNotAcceptable: () =>
        c.req.path.startsWith("/@")
          ? new Response(null, { status: 302, headers: { location: "/" } })
          : new Response("Not acceptable", { status: 406 }),
    });
    if (passOn) return next();
    const answer = new Response(response.body, response);
    answer.headers.set("cache-control", "no-store");
    return answer;
  };
}
