// PostgreSQL, for sites that outgrow one machine: several app instances share it.
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { QueryCount } from "./query-count.ts";
import type { Database } from "./schema.ts";

export interface PostgresOptions {
  /** Use this schema instead of `public` (the test suite gives each file its own). */
  schema?: string;
  maxConnections?: number;
  /** Counts the statements run on this pool. */
  queries?: QueryCount;
}

/** The connection pool's state, for /metrics. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export function openPostgres(
  url: string,
  options: PostgresOptions = {},
): { db: Kysely<Database>; close: () => Promise<void>; poolStats: () => PoolStats } {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    ...(options.queries ? { log: options.queries.log } : {}),
  });
  return {
    db,
    close: () => db.destroy(),
    poolStats: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
  };
}
