// Typed configuration, read once from the environment and parsed with zod at the edge.
import path from "node:path";
import { z } from "zod";
import { parseImportLimits, type ImportLimits } from "./config/import-limits.ts";

const configSchema = z.object({
  host: z.string().min(1).default("127.0.0.1"),
  port: z.coerce.number().int().min(0).max(65535).default(4000),
  /** `sqlite:PATH` (default, embedded) or `postgres://…` */
  databaseUrl: z.string().min(1).optional(),
  /** Where the SQLite file and uploaded media live. */
  dataDir: z.string().min(1).default("./data"),
  /** Public address of the site, used for absolute links; defaults to http://host:port. */
  siteUrl: z.url().optional(),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** "auto": human lines on a terminal, JSON otherwise (a file, a pipe, a log collector). */
  logFormat: z.enum(["auto", "json", "pretty"]).default("auto"),
  /** Load the demo site into an empty database on start. */
  demoOnEmpty: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  /** Serve public pages from the in-memory page cache ("off" for measuring without it). */
  pageCache: z.enum(["on", "off"]).default("on"),
  /** Memory the page cache may hold: bytes, or a number with KB, MB or GB ("64MB"). */
  pageCacheSize: z
    .string()
    .regex(/^\s*\d+(\.\d+)?\s*(B|KB|MB|GB)?\s*$/i, 'a size such as "64MB", "512KB" or "1GB"')
    .default("64MB")
    .transform(parseByteSize)
    .refine((n) => n >= 1024 * 1024, "at least 1MB"),
  /** Uncached page renders at once; more requests wait in line (src/web/cache/render-slots.ts). */
  rendersAtOnce: z.coerce.number().int().min(1).max(1000).default(8),
  /** SQLite's page cache per connection (malloc'd memory), a size as above. */
  sqliteCacheSize: z
    .string()
    .regex(/^\s*\d+(\.\d+)?\s*(B|KB|MB|GB)?\s*$/i, 'a size such as "2MB", "512KB" or "1GB"')
    .default("8MB")
    .transform(parseByteSize)
    .refine((n) => n >= 64 * 1024, "at least 64KB"),
  /** Comment flood limits per address and e-mail ("off" only for load benchmarks). */
  commentRateLimits: z.enum(["on", "off"]).default("on"),
  /** Searches per address: a burst, then one every 2 s ("off" only for load benchmarks). */
  searchRateLimits: z.enum(["on", "off"]).default("on"),
  /** Reverse proxies in front of the app whose X-Forwarded-For entries are believed. */
  trustedProxyHops: z.coerce.number().int().min(0).max(10).default(0),
  /** Bearer token that opens /metrics; without one, /metrics is not served at all. */
  metricsToken: z.string().min(16, "must be at least 16 characters").optional(),
});

export interface Config {
  host: string;
  port: number;
  databaseUrl: string;
  dataDir: string;
  mediaDir: string;
  siteUrl: string;
  logLevel: z.infer<typeof configSchema>["logLevel"];
  logFormat: z.infer<typeof configSchema>["logFormat"];
  demoOnEmpty: boolean;
  pageCache: boolean;
  /** The page cache's budget in bytes, least recently used pages evicted beyond it. */
  pageCacheBytes: number;
  /** Uncached page renders at once (CINELOG_RENDERS_AT_ONCE). */
  rendersAtOnce: number;
  /** SQLite's page cache per connection in bytes (PRAGMA cache_size; src/db/sqlite.ts's default when absent). */
  sqliteCacheBytes?: number;
  commentRateLimits: boolean;
  searchRateLimits: boolean;
  trustedProxyHops: number;
  metricsToken: string | undefined;
  /** How much of an outside file an import reads, and the memory it may use. */
  importLimits: ImportLimits;
}

/** "64MB" → 67108864 (binary units, as memory is counted). */
function parseByteSize(text: string): number {
  const [, number, unit = "B"] = /^\s*(\d+(?:\.\d+)?)\s*([KMG]?B)?\s*$/i.exec(text)!;
  const scale = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[unit.toUpperCase() as "B"];
  return Math.floor(Number(number) * scale);
}

export type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const parsed = configSchema.safeParse({
    host: env.HOST || undefined,
    port: env.PORT || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.CINELOG_DATA_DIR || undefined,
    siteUrl: env.SITE_URL || undefined,
    logLevel: env.LOG_LEVEL || undefined,
    logFormat: env.CINELOG_LOG_FORMAT || undefined,
    demoOnEmpty: env.CINELOG_DEMO || undefined,
    pageCache: env.CINELOG_PAGE_CACHE || undefined,
    pageCacheSize: env.CINELOG_PAGE_CACHE_SIZE || undefined,
    rendersAtOnce: env.CINELOG_RENDERS_AT_ONCE || undefined,
    sqliteCacheSize: env.CINELOG_SQLITE_CACHE_SIZE || undefined,
    commentRateLimits: env.CINELOG_COMMENT_RATE_LIMITS || undefined,
    searchRateLimits: env.CINELOG_SEARCH_RATE_LIMITS || undefined,
    trustedProxyHops: env.CINELOG_TRUSTED_PROXY_HOPS || undefined,
    metricsToken: env.CINELOG_METRICS_TOKEN || undefined,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${problems.join("\n")}`);
  }
  let importLimits: ImportLimits;
  try {
    importLimits = parseImportLimits(env.CINELOG_IMPORT_LIMITS);
  } catch (error) {
    throw new Error(`Invalid configuration:\n  CINELOG_IMPORT_LIMITS: ${(error as Error).message}`);
  }
  const c = parsed.data;
  const dataDir = path.resolve(c.dataDir);
  return {
    host: c.host,
    port: c.port,
    databaseUrl: c.databaseUrl ?? `sqlite:${path.join(dataDir, "cinelog.db")}`,
    dataDir,
    mediaDir: path.join(dataDir, "media"),
    siteUrl: (c.siteUrl ?? `http://${c.host}:${c.port}`).replace(/\/+$/, ""),
    logLevel: c.logLevel,
    logFormat: c.logFormat,
    demoOnEmpty: c.demoOnEmpty,
    pageCache: c.pageCache === "on",
    pageCacheBytes: c.pageCacheSize,
    rendersAtOnce: c.rendersAtOnce,
    sqliteCacheBytes: c.sqliteCacheSize,
    commentRateLimits: c.commentRateLimits === "on",
    searchRateLimits: c.searchRateLimits === "on",
    trustedProxyHops: c.trustedProxyHops,
    metricsToken: c.metricsToken,
    importLimits,
  };
}

/** Production mode: `NODE_ENV=production` or `cinelog serve --production`. */
export function isProduction(env: Env, args: readonly string[] = []): boolean {
  return env.NODE_ENV === "production" || args.includes("--production");
}

const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * What production mode refuses, each problem with what to set. `emptySite`: the database
 * holds no content yet, where the demo would be loaded.
 */
export function productionProblems(env: Env, config: Config, emptySite: boolean): string[] {
  const problems: string[] = [];
  if (!env.SITE_URL) {
    problems.push(
      "SITE_URL is not set: set it to the address readers use, " +
        "e.g. SITE_URL=https://films.example.org (links, feeds, cookies and sign-in depend on it).",
    );
  } else {
    const url = new URL(config.siteUrl);
    if (url.protocol !== "https:" && !loopbackHosts.has(url.hostname)) {
      problems.push(
        `SITE_URL is ${config.siteUrl}, not https: set SITE_URL=https://${url.host} and put ` +
          "a TLS proxy in front (see contrib/nginx-cinelog.conf); plain http is allowed " +
          "only for localhost, 127.0.0.1 and [::1].",
      );
    }
  }
  if (emptySite && env.CINELOG_DEMO === undefined) {
    problems.push(
      "The site is empty and CINELOG_DEMO is not set: set CINELOG_DEMO=false to start an " +
        "empty site (then create the owner), or CINELOG_DEMO=true to load the demo reviews.",
    );
  }
  return problems;
}
