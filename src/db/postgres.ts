// PostgreSQL, for sites that outgrow one machine: several app instances share it.
import { Kysely, PostgresDialect } from "kysely";
import type pg from "pg";
import { postgresStatementNames } from "./prepared.ts";
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
  // pg (a megabyte of heap once loaded) is imported when the first statement asks for the
  // pool, so a process that never opens PostgreSQL — every SQLite site — never loads it.
  let pool: pg.Pool | undefined;
  const createPool = async (): Promise<pg.Pool> => {
    const { default: driver } = await import("pg");
    pool = new driver.Pool({
      connectionString: url,
      max: options.maxConnections ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    pool.on("connect", prepareNamedReads);
    return pool;
  };
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: createPool }),
    ...(options.queries ? { log: options.queries.log } : {}),
  });
  return {
    db,
    close: () => db.destroy(),
    poolStats: () => ({
      total: pool?.totalCount ?? 0,
      idle: pool?.idleCount ?? 0,
      waiting: pool?.waitingCount ?? 0,
    }),
  };
}

/**
 * A statement of src/db/prepared.ts is sent with its name, so this connection parses and plans
 * it once and later runs only bind it, with its generic plan (planModes below). Everything
 * else goes as before.
 */
function prepareNamedReads(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const planMode = planModes(client, query);
  client.query = ((text: unknown, values?: unknown, callback?: unknown) => {
    const name = typeof text === "string" ? postgresStatementNames.get(text) : undefined;
    planMode(name !== undefined);
    const config = name === undefined ? text : { name, text, values };
    const given = name === undefined ? values : undefined;
    if (callback !== undefined || typeof values === "function" || typeof text !== "string") {
      return name === undefined ? query(text, values, callback) : query(config, callback);
    }
    // Kysely calls the promise form, whose query pg creates without a callback and gives one
    // afterwards. Measured, not explained: that way a statement's results survive V8's young
    // collections and fill the old generation (a read loop: 27-31 full collections in 10,000
    // reads against none this way, and a quarter less CPU; bench/README.md, section 2).
    return new Promise((resolve, reject) => {
      const answer = (error: Error | null, result: unknown) =>
        error ? reject(error) : resolve(result);
      if (given === undefined) query(config, answer);
      else query(config, given, answer);
    }).catch((error: Error) => {
      // As pg's promise form does: an error made in the socket's read names only that; taken
      // again here, its stack leads back through the awaiting callers to the app's own code.
      Error.captureStackTrace(error);
      throw error;
    });
  }) as typeof client.query;
}

/**
 * A named statement is one whose plan suits any values (src/db/prepared.ts), but PostgreSQL
 * decides that for itself: it plans the first five runs for their values, then keeps the
 * generic plan only if its estimated cost is below theirs. For a search's prefix or pair of
 * words it never was, so every run was planned again, about 1 ms of a 2.5–5 ms search, for a
 * plan no faster than the generic one (bench/README.md, "PostgreSQL's named reads on their
 * generic plans"). The setting that decides it, plan_cache_mode, is the session's and applies
 * to unnamed statements too, which must keep being planned for their values (Kysely's queries,
 * a search of three words or more). So a connection is switched, by one SET queued before the
 * statement, only when it goes from one kind to the other: a public page runs one named read
 * and never switches. Outside a transaction only (`I`): a SET made inside one is undone by its
 * rollback, which would leave the connection in a mode other than the one it is taken to be
 * in; inside a transaction statements run in the mode it began in, which `begin`, itself
 * unnamed, has made PostgreSQL's own. A server without the setting (before PostgreSQL 12)
 * answers the first SET with an error and is left alone from then on.
 */
function planModes(
  client: pg.PoolClient,
  query: (...args: unknown[]) => unknown,
): (named: boolean) => void {
  let generic = false;
  let unsupported = false;
  return (named) => {
    if (unsupported || named === generic || client.getTransactionStatus() !== "I") return;
    generic = named;
    query(
      named ? "set plan_cache_mode = force_generic_plan" : "reset plan_cache_mode",
      (error: Error | null) => {
        if (error) unsupported = true;
      },
    );
  };
}
