// Prometheus metrics for one app: each app has its own Registry (never prom-client's global
// one), so a process — or a test file — can build many apps without their figures mixing.
// Requests are counted by route pattern (`/review/:slug`, never the address itself, so the
// number of series stays small) and status; the queue and pool figures are read from the
// database when /metrics is scraped, not kept up to date on every change.
//
// Only a process that serves /metrics (CINELOG_METRICS_TOKEN set) builds them: without a token
// nobody can read them, and prom-client with its default metrics costs about 1.2 MB of heap and
// 5 MB resident for the life of the process (bench/README.md, "Modules the public pages never
// need"). So prom-client is required when the first AppMetrics is made, at start, not imported.
import { createRequire } from "node:module";
import v8 from "node:v8";
import type * as PromClient from "prom-client";
import type { Counter, Histogram, Registry } from "prom-client";
import type { Db } from "../db/connect.ts";
import { importJobsByStatus, queueBacklogs, type QueueBacklog } from "../domain/work-queues.ts";
import type { PageCacheLayer } from "./cache/cache-middleware.ts";

const require = createRequire(import.meta.url);

const routeKey = Symbol("cinelog route pattern");

interface RouteTag {
  pattern: string;
  /** The X-Cache header of the app's answer (HIT, MISS), when the page cache saw it. */
  cache: string | undefined;
}

/**
 * Marks the Node request (Hono's `c.env.incoming`) with the route pattern that answered it.
 * (The Node server writes headers with writeHead, so they cannot be read back from `res`.)
 */
export function tagRoute(env: unknown, pattern: string, cache: string | undefined): void {
  const incoming = (env as { incoming?: Record<symbol, unknown> } | undefined)?.incoming;
  if (incoming) incoming[routeKey] = { pattern, cache } satisfies RouteTag;
}

/** What tagRoute left, or undefined: the page cache's fast path answered before the app. */
export function taggedRoute(incoming: object): RouteTag | undefined {
  return (incoming as Record<symbol, RouteTag | undefined>)[routeKey];
}

export class AppMetrics {
  readonly registry: Registry;
  readonly #requests: Counter<"method" | "route" | "status">;
  readonly #renderSeconds: Histogram<"route">;
  readonly #cacheAnswers: Counter<"result">;

  constructor(
    private readonly db: Db,
    private readonly pageCache?: PageCacheLayer,
  ) {
    const prom = require("prom-client") as typeof PromClient;
    const { Counter, Gauge, Histogram, collectDefaultMetrics } = prom;
    this.registry = new prom.Registry();
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: "cinelog_" });
    // Shows whether the heap settings `cinelog serve` starts Node with took effect.
    new Gauge({
      name: "cinelog_heap_limit_bytes",
      help: "V8's heap limit: the old generation's ceiling (CINELOG_OLD_SPACE_MB) plus the young generation (3 × CINELOG_SEMI_SPACE_MB)",
      registers,
      collect() {
        this.set(v8.getHeapStatistics().heap_size_limit);
      },
    });
    this.#requests = new Counter({
      name: "cinelog_http_requests_total",
      help: "HTTP requests answered, by method, route pattern and status",
      labelNames: ["method", "route", "status"],
      registers,
    });
    this.#renderSeconds = new Histogram({
      name: "cinelog_http_render_seconds",
      help: "Time from request to response headers, by route pattern",
      labelNames: ["route"],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.#cacheAnswers = new Counter({
      name: "cinelog_page_cache_answers_total",
      help: "Public pages answered from the page cache (hit) or rendered into it (miss)",
      labelNames: ["result"],
      registers,
    });
    this.#gauges(registers, Gauge);
  }

  /** One answered request; `cache` is the X-Cache header, when the page cache saw it. */
  observe(method: string, route: string, status: number, seconds: number, cache?: string) {
    this.#requests.inc({ method, route, status: String(status) });
    this.#renderSeconds.observe({ route }, seconds);
    if (cache === "HIT" || cache === "MISS")
      this.#cacheAnswers.inc({ result: cache.toLowerCase() });
  }

  #gauges(registers: Registry[], Gauge: typeof PromClient.Gauge) {
    const { db } = this;
    const pageCache = this.pageCache;
    // First, so that it reads the connections before this scrape's own queries take one.
    if (db.poolStats) {
      const stats = db.poolStats;
      new Gauge({
        name: "cinelog_db_pool_connections",
        help:
          "Database connections: total open, idle, and queries waiting for one " +
          "(PostgreSQL's pool; SQLite's single connection)",
        labelNames: ["state"],
        registers,
        collect() {
          const s = stats();
          this.set({ state: "total" }, s.total);
          this.set({ state: "idle" }, s.idle);
          this.set({ state: "waiting" }, s.waiting);
        },
      });
    }
    // The page cache keeps pages and search results apart (search has its own share of the
    // budget), so each figure is labelled with the part it describes.
    const cacheFigure = (
      name: string,
      help: string,
      figure: "bytes" | "maxBytes" | "entries" | "evictions" | "invalidations",
    ) =>
      new Gauge({
        name,
        help,
        labelNames: ["cache"],
        registers,
        collect() {
          if (!pageCache) return;
          for (const [cache, stats] of Object.entries(pageCache.stats())) {
            this.set({ cache }, stats[figure]);
          }
        },
      });
    cacheFigure("cinelog_page_cache_bytes", "Bytes held by the page cache", "bytes");
    cacheFigure("cinelog_page_cache_max_bytes", "The page cache's budget in bytes", "maxBytes");
    cacheFigure("cinelog_page_cache_entries", "Pages held by the page cache", "entries");
    cacheFigure(
      "cinelog_page_cache_evictions",
      "Pages evicted (least recently used first) to stay within the budget, since start",
      "evictions",
    );
    cacheFigure(
      "cinelog_page_cache_invalidations",
      "Pages dropped because what they show changed, since start",
      "invalidations",
    );
    // Uncached renders under way and waiting their turn (src/web/cache/render-slots.ts): a
    // line that stays long says CINELOG_RENDERS_AT_ONCE, or the machine, is too small.
    new Gauge({
      name: "cinelog_renders",
      help: "Uncached page renders, by state: running, or waiting for a turn",
      labelNames: ["state"],
      registers,
      collect() {
        if (!pageCache) return;
        const slots = pageCache.renderSlots();
        this.set({ state: "running" }, slots.active);
        this.set({ state: "waiting" }, slots.waiting);
      },
    });
    // Work waiting in the background queues (src/domain/work-queues.ts lists them), read
    // once per scrape and shared by the two gauges below.
    let backlogs: Promise<Record<string, QueueBacklog>> | undefined;
    const readBacklogs = () =>
      (backlogs ??= queueBacklogs(db).finally(() => (backlogs = undefined)));
    new Gauge({
      name: "cinelog_queue_length",
      help: "Items waiting in a background queue (mail, imports), those being worked on included",
      labelNames: ["queue"],
      registers,
      async collect() {
        for (const [queue, b] of Object.entries(await readBacklogs()))
          this.set({ queue }, b.waiting);
      },
    });
    new Gauge({
      name: "cinelog_queue_oldest_seconds",
      help: "Age of the oldest item waiting in a background queue (0 when none waits)",
      labelNames: ["queue"],
      registers,
      async collect() {
        for (const [queue, b] of Object.entries(await readBacklogs())) {
          const age = b.oldestAt ? (Date.now() - Date.parse(b.oldestAt)) / 1000 : 0;
          this.set({ queue }, Math.max(0, age));
        }
      },
    });
    new Gauge({
      name: "cinelog_import_jobs",
      help: "The admin's import jobs, by status",
      labelNames: ["status"],
      registers,
      async collect() {
        const counts = await importJobsByStatus(db);
        this.reset();
        for (const { status, count } of counts) this.set({ status }, count);
      },
    });
  }
}
