// Picks the database from its URL: `sqlite:FILE` (default) or `postgres://…`.
import path from "node:path";
import type { Kysely } from "kysely";
import { ChangeBus } from "./change-bus.ts";
import { QueryCount } from "./query-count.ts";
import { openPostgres, type PoolStats, type PostgresOptions } from "./postgres.ts";
import type { Database } from "./schema.ts";
import { openSqlite } from "./sqlite.ts";

export type Dialect = "sqlite" | "postgres";

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** PostgreSQL schema the tables live in, when not the default search path. */
  schema?: string;
  /** How another thread or process reaches the same data (an import's worker does). */
  url?: string;
  /** Tells this process's caches what content just changed. */
  changes: ChangeBus;
  /** Statements run so far (the query-ceiling tests read it). */
  queries: QueryCount;
  /** Inside a transaction: change notices held back until it commits. */
  pendingChanges?: string[][];
  close: () => Promise<void>;
  /** The connections' state for /metrics: PostgreSQL's pool, or SQLite's one connection. */
  poolStats?: () => PoolStats;
}

interface ConnectOptions extends PostgresOptions {
  /** SQLite's page cache for this connection (config's CINELOG_SQLITE_CACHE_SIZE). */
  sqliteCacheBytes?: number;
}

export function connect(url: string, options: ConnectOptions = {}): Db {
  const queries = new QueryCount();
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { db, close, poolStats } = openPostgres(url, { ...options, queries });
    return {
      kysely: db,
      dialect: "postgres",
      url: options.schema ? withSearchPath(url, options.schema) : url,
      ...(options.schema ? { schema: options.schema } : {}),
      changes: new ChangeBus(),
      queries,
      close,
      poolStats,
    };
  }
  const file = url.startsWith("sqlite:") ? url.slice("sqlite:".length) : url;
  const { db, close, poolStats } = openSqlite(file, queries, options.sqliteCacheBytes);
  return {
    kysely: db,
    dialect: "sqlite",
    // A file is reached by its absolute path, whatever the other side's working folder.
    ...(file === ":memory:" ? {} : { url: `sqlite:${path.resolve(file)}` }),
    changes: new ChangeBus(),
    queries,
    close,
    poolStats,
  };
}

/** The URL with the schema as the connection's search path (pg's `options` parameter). */
function withSearchPath(url: string, schema: string): string {
  const option = `options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return `${url}${url.includes("?") ? "&" : "?"}${option}`;
}

/** A short description for logs that never includes a password. */
export function describeDatabase(url: string): string {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const u = new URL(url);
    return `PostgreSQL at ${u.hostname}:${u.port || "5432"}${u.pathname}`;
  }
  return `SQLite file ${url.replace(/^sqlite:/, "")}`;
}
