// Each route says what it is where it is registered: who may use it, whether the page cache
// keeps its answer (and which change tags drop it), whether a form whose token failed is shown
// again with what was typed, and whether the static copy of the site holds it. The declaration
// is a middleware placed before the handler — `app.get(path, declare({...}), handler)` — so it
// lives in Hono's own route table: the admin guards and the page cache read it from the routes
// a request matched, the static export and the route-walk test from the app's router.
import type { Context, Hono, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { Capability } from "../domain/roles.ts";

/**
 * "public": anyone, signed in or not. "open": an admin page a stranger may use (signing in,
 * setting up). "signed-in": any account. `{ capability }`: an account whose role has it — a
 * route about one resource (a review, a comment) asks again about that resource.
 */
type RouteAccess = "public" | "open" | "signed-in" | { capability: Capability };

/** Change tags (src/domain/changes.ts) of what the answer shows; from the path's parameters. */
type RouteTags = readonly string[] | ((param: (name: string) => string) => string[]);

/** "never", or kept by the page cache; search results are kept in a cache of their own. */
export type RouteCache = "never" | { tags: RouteTags; kind?: "page" | "search" };

export interface RouteFacts {
  access: RouteAccess;
  cache: RouteCache;
  /** A failed CSRF token shows the form again with what was typed (the route reads `csrfValid`). */
  keepInput: boolean;
  /** The static copy of the site asks for this address; false: only a live server answers it. */
  staticExport: boolean;
}

const factsKey = Symbol("route facts");
type Declaration = MiddlewareHandler & { [factsKey]: RouteFacts };

// The tags a request's answer carries, worked out from its route's own parameters.
const tagsByRequest = new WeakMap<Context, string[]>();

/** The declaration of one route: registered with it, ahead of its handler. */
export function declare(facts: RouteFacts): MiddlewareHandler {
  const { cache } = facts;
  const declaration = async (c: Context, next: () => Promise<void>) => {
    if (cache !== "never") {
      const tags =
        typeof cache.tags === "function"
          ? cache.tags((name) => c.req.param(name) ?? "")
          : cache.tags;
      tagsByRequest.set(c, [...tags]);
    }
    await next();
  };
  return Object.assign(declaration, { [factsKey]: facts });
}

/** The facts a handler declares, if it is a declaration. */
export function factsOf(handler: unknown): RouteFacts | undefined {
  return typeof handler === "function" ? (handler as Partial<Declaration>)[factsKey] : undefined;
}

/**
 * The facts of the route that answers this request: the first declared among the routes it
 * matched (in registration order). Readable by middleware that runs ahead of the route.
 */
export function requestFacts(c: Context): RouteFacts | undefined {
  for (const route of matchedRoutes(c)) {
    const facts = factsOf(route.handler);
    if (facts) return facts;
  }
  return undefined;
}

/**
 * Whether a route's own handler matched this request, not only middleware (Hono's own test of
 * a handler: one that takes no `next`). False: no route answers this address.
 */
export function routeMatched(c: Context): boolean {
  return matchedRoutes(c).some((route) => route.handler.length < 2);
}

/** The change tags the answering route declared, once it has run. */
export function declaredTags(c: Context): string[] {
  return tagsByRequest.get(c) ?? [];
}

/**
 * The facts of the route that would answer `method path`, outside any request (the static
 * export, the page cache's answer ahead of the app). Asks the app's own router.
 */
export function declaredFactsAt(app: Hono, method: string, path: string): RouteFacts | undefined {
  const [matches] = app.router.match(method === "HEAD" ? "GET" : method, path);
  for (const [[handler]] of matches) {
    const facts = factsOf(handler);
    if (facts) return facts;
  }
  return undefined;
}

// The usual shapes, named for what they say.

/** A reader's page: anyone may read it, the page cache keeps it, the static copy holds it. */
export function publicPage(tags: RouteTags, kind: "page" | "search" = "page"): MiddlewareHandler {
  return declare({ access: "public", cache: { tags, kind }, keepInput: false, staticExport: true });
}

/** A public file or a redirect: not kept by the page cache (it has its own headers), in the static copy. */
export function publicFile(): MiddlewareHandler {
  return declare({ access: "public", cache: "never", keepInput: false, staticExport: true });
}

/** One reader's answer, or an action: never cached, answered only by a live server. */
export function liveOnly(): MiddlewareHandler {
  return declare({ access: "public", cache: "never", keepInput: false, staticExport: false });
}

/** An admin page or action: never cached, never in the static copy. */
export function adminRoute(
  access: Exclude<RouteAccess, "public">,
  options: { keepInput?: boolean } = {},
): MiddlewareHandler {
  const keepInput = options.keepInput ?? false;
  return declare({ access, cache: "never", keepInput, staticExport: false });
}
