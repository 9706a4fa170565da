// The page cache in front of the app: public pages are served pre-compressed (brotli, gzip)
// with ETag and 304, and dropped precisely by tag when content changes in this process (at
// once) or in another one (within a second), and when a scheduled review falls due.
//
// Two ways in: `middleware()` inside the Hono app (renders and stores on a miss), and
// `serveNode()` in front of it, which answers hits straight from Node's request, without
// building a Request or running the router — the hot path of a busy site.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Context, MiddlewareHandler } from "hono";
import type { Db } from "../../db/connect.ts";
import { commenterSessionCookieName } from "../auth/commenter/commenter-session-cookie.ts";
import { commenterCookieName, sessionCookieName } from "../cookie-names.ts";
import { setResponseHeader } from "../response-headers.ts";
import { securityHeadersFor } from "../security-headers.ts";
import { cacheSlotFor, type CacheSlot } from "./cache-keys.ts";
import { cachedReply, publicCacheControl, type CachedReply } from "./cached-response.ts";
import { Freshness, type FreshnessTiming } from "./freshness.ts";
import { buildCachedPage, PageCache, type CachedPage, type PageCacheStats } from "./page-cache.ts";
import { declaredTags, requestFacts, type RouteFacts } from "../route-facts.ts";
import { RenderSlots, type RenderSlotStats } from "./render-slots.ts";
import { SingleFlight } from "./single-flight.ts";

export { publicCacheControl };

/** The default budget (CINELOG_PAGE_CACHE_SIZE): pages and search results together. */
const defaultPageCacheBytes = 64 * 1024 * 1024;

interface PageCacheOptions extends FreshnessTiming {
  enabled: boolean;
  /** Bytes for pages and search results together; a quarter goes to search results. */
  maxBytes?: number;
  /** How long concurrent misses of one page wait for its one render (then render alone). */
  renderWaitMs?: number;
  /** Uncached renders at once (CINELOG_RENDERS_AT_ONCE); the rest wait in line. */
  rendersAtOnce?: number;
}

/** The default for CINELOG_RENDERS_AT_ONCE (bench/README.md, "Renders at once"). */
const defaultRendersAtOnce = 8;

/** The declared facts of the route that answers a GET of `path`, asked ahead of the app. */
type RouteLookup = (path: string) => RouteFacts | undefined;

export class PageCacheLayer {
  readonly #caches: Record<CacheSlot["kind"], PageCache>;
  readonly #freshness: Freshness;
  readonly #db: Db;
  #routeAt: RouteLookup = () => undefined;
  readonly #renders: SingleFlight<CachedPage>;
  readonly #slots: RenderSlots;

  constructor(
    db: Db,
    private readonly options: PageCacheOptions,
  ) {
    this.#db = db;
    this.#renders = new SingleFlight(options.renderWaitMs);
    this.#slots = new RenderSlots(options.rendersAtOnce ?? defaultRendersAtOnce);
    // Search results apart, so a crawler walking queries cannot push the pages out.
    const maxBytes = options.maxBytes ?? defaultPageCacheBytes;
    const searchBytes = Math.floor(maxBytes / 4);
    this.#caches = {
      page: new PageCache(maxBytes - searchBytes),
      search: new PageCache(searchBytes),
    };
    this.#freshness = new Freshness(db, Object.values(this.#caches), options);
    db.changes.subscribe((tags) => this.#freshness.invalidate(tags));
  }

  /** Hits, misses, evictions and bytes held, for pages and for search results. */
  stats(): Record<CacheSlot["kind"], PageCacheStats> {
    return { page: this.#caches.page.stats(), search: this.#caches.search.stats() };
  }

  /** The uncached renders running and waiting for a turn. */
  renderSlots(): RenderSlotStats {
    return this.#slots.stats();
  }

  /** How `serveNode` finds a path's route (its declared cache facts) before the app runs. */
  readRoutesWith(lookup: RouteLookup): void {
    this.#routeAt = lookup;
  }

  middleware(): MiddlewareHandler {
    return async (c, next) => {
      const method = c.req.method;
      const declared = requestFacts(c)?.cache;
      const slot =
        method === "GET" || method === "HEAD"
          ? cacheSlotFor(declared, c.req.path, c.req.url)
          : undefined;
      if (!slot) return next();
      // Every render of a public page takes a turn (render-slots.ts says why).
      const render = () => this.#slots.run(next);
      if (isPersonal(c.req.header("cookie"))) {
        await render();
        setResponseHeader(c, "Cache-Control", "private, no-store");
        return;
      }
      if (!this.options.enabled) {
        await render();
        if (c.res.status === 200) setResponseHeader(c, "Cache-Control", publicCacheControl);
        return;
      }

      await this.#freshness.ensure();
      const cache = this.#caches[slot.kind];
      const hit = cache.get(slot.key);
      if (hit) return toResponse(cachedReply(hit, "HIT", requestOf(c)));

      // Another request is rendering this page: take its result rather than render it again.
      const flight = `${slot.kind} ${slot.key}`;
      // (No await unless there is one: the check and the claim must happen in one go.)
      const running = this.#renders.waitFor(flight);
      const shared = running && (await running);
      if (shared) return toResponse(cachedReply(shared, "HIT", requestOf(c)));

      const generation = this.#freshness.generation;
      const page = await this.#renders.lead(
        flight,
        async () => {
          await render();
          return cacheable(c);
        },
        (rendered) => {
          // A change that landed while this page was rendering may not be in it: serve it to
          // this request, but neither keep it nor hand it to the requests that waited.
          if (!rendered || this.#freshness.generation !== generation) return undefined;
          cache.set(slot.key, rendered);
          return rendered;
        },
      );
      if (!page) return;
      // The route's response is finalised already, so replace it rather than return a new one.
      c.res = toResponse(cachedReply(page, "MISS", requestOf(c)));
    };
  }

  /**
   * Answers a request from the cache if it can: true when answered, false when the app must
   * handle it, or a promise of either when the cache first needs a look at the database.
   */
  serveNode(req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean> {
    const method = req.method ?? "GET";
    if (!this.options.enabled || (method !== "GET" && method !== "HEAD")) return false;
    const url = req.url ?? "/";
    const queryAt = url.indexOf("?");
    const path = queryAt >= 0 ? url.slice(0, queryAt) : url;
    const slot = cacheSlotFor(this.#routeAt(path)?.cache, path, url);
    if (!slot || isPersonal(req.headers.cookie)) return false;
    const answer = () => {
      const hit = this.#caches[slot.kind].get(slot.key);
      if (!hit) return false;
      const reply = cachedReply(hit, "HIT", {
        method,
        ifNoneMatch: req.headers["if-none-match"],
        acceptEncoding: req.headers["accept-encoding"],
      });
      res.writeHead(reply.status, { ...reply.headers, ...securityHeadersFor(this.#db) });
      res.end(reply.body);
      return true;
    };
    const waiting = this.#freshness.ensure();
    return waiting ? waiting.then(answer) : answer();
  }
}

/** A signed-in writer, or a remembered commenter whose form is pre-filled: never shared. */
function isPersonal(cookie: string | undefined): boolean {
  return (
    !!cookie &&
    (cookie.includes(`${sessionCookieName}=`) ||
      cookie.includes(`${commenterCookieName}=`) ||
      // A reader signed in through a provider sees their own name and avatar in the form.
      cookie.includes(`${commenterSessionCookieName}=`))
  );
}

function requestOf(c: Context) {
  return {
    method: c.req.method,
    ifNoneMatch: c.req.header("if-none-match"),
    acceptEncoding: c.req.header("accept-encoding"),
  };
}

async function cacheable(c: Context): Promise<CachedPage | undefined> {
  const res = c.res;
  const contentType = res.headers.get("content-type") ?? "";
  if (
    res.status !== 200 ||
    !/^(text\/|application\/(json|xml|.+\+xml|feed\+json))/.test(contentType)
  ) {
    return undefined;
  }
  const body = Buffer.from(await res.arrayBuffer());
  const link = res.headers.get("link") ?? undefined;
  return buildCachedPage(body, res.status, contentType, declaredTags(c), link);
}

function toResponse(reply: CachedReply): Response {
  // A view of the stored bytes, not a copy; plain headers, which the Node adapter writes as is.
  const body = reply.body
    ? new Uint8Array(reply.body.buffer as ArrayBuffer, reply.body.byteOffset, reply.body.byteLength)
    : null;
  return new Response(body, { status: reply.status, headers: reply.headers });
}
