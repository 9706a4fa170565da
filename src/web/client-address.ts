// The client's address, for rate limits and the moderation record. By default it is the
// socket's peer: forwarded headers are not trusted, as anyone can send them. Behind a
// reverse proxy every client would then share the proxy's address, so the owner says how
// many proxies stand in front (CINELOG_TRUSTED_PROXY_HOPS) and the address is read from
// X-Forwarded-For that many entries from the right — the part the proxies themselves wrote.
// The same setting lets X-Forwarded-Proto say whether the client spoke https to the proxy.
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";

declare module "hono" {
  interface ContextVariableMap {
    clientAddress: string;
    /** "https:" or "http:", as the client reached the site (the proxy's word when trusted). */
    clientProtocol: string;
  }
}

function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // No socket: requests made in-process, as the tests do.
    return undefined;
  }
}

/**
 * The address `hops` proxies away: with one proxy, the last X-Forwarded-For entry (written
 * by that proxy); with two, the one before it. Falls back to the socket when the header is
 * missing or shorter than the chain, which means the request did not come through it.
 */
export function addressBehindProxies(
  socket: string | undefined,
  forwardedFor: string | undefined,
  hops: number,
): string | undefined {
  if (hops <= 0 || !forwardedFor) return socket;
  const chain = forwardedFor
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  return chain[chain.length - hops] ?? socket;
}

/**
 * The scheme the client used: the URL's own unless proxies are trusted and the nearest one
 * wrote X-Forwarded-Proto (a list when proxies append; the entry `hops` from the right).
 */
export function protocolBehindProxies(
  own: string,
  forwardedProto: string | undefined,
  hops: number,
): string {
  if (hops <= 0 || !forwardedProto) return own;
  const chain = forwardedProto.split(",").map((part) => part.trim().toLowerCase());
  const said = chain[Math.max(0, chain.length - hops)];
  return said === "https" ? "https:" : said === "http" ? "http:" : own;
}

/** Works out the address once per request, so every part of the app agrees on it. */
export function clientAddressMiddleware(trustedProxyHops: number): MiddlewareHandler {
  return async (c, next) => {
    const address = addressBehindProxies(
      socketAddress(c),
      c.req.header("x-forwarded-for"),
      trustedProxyHops,
    );
    if (address) c.set("clientAddress", address);
    c.set(
      "clientProtocol",
      protocolBehindProxies(
        new URL(c.req.url).protocol,
        c.req.header("x-forwarded-proto"),
        trustedProxyHops,
      ),
    );
    await next();
  };
}

/** True when the client reached the site over https (directly or through a trusted proxy). */
export function clientUsesHttps(c: Context): boolean {
  // Unset when a request skipped the middleware (in-process tests of one route).
  const protocol: string | undefined = c.get("clientProtocol");
  return (protocol ?? new URL(c.req.url).protocol) === "https:";
}

/** The client's address, or `fallback` when it cannot be known (in-process requests). */
export function clientAddressOf(c: Context, fallback: string): string {
  // Unset when the middleware found no socket; the map's type cannot say so.
  const address: string | undefined = c.get("clientAddress");
  return address ?? fallback;
}
