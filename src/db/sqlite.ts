// The embedded database: one SQLite file in WAL mode.
import fs from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { CompiledQuery, Kysely, SqliteDialect, type DatabaseConnection, type Driver } from "kysely";
import type { PoolStats } from "./postgres.ts";
import type { QueryCount } from "./query-count.ts";
import type { Database } from "./schema.ts";

/**
 * SQLite's page cache per connection, in malloc'd memory, which a busy server fills and
 * keeps. better-sqlite3 builds SQLite with 16 MB (`SQLITE_DEFAULT_CACHE_SIZE=-16000`); 2 MB
 * once cost the home page, listings and search 25–45 % more CPU a request, each page read
 * coming back from the operating system's cache. 4 MB was enough while search was FTS5's; its
 * own index (src/search/postings.ts) looks each further word of a query up by review, one
 * page of the index per review of the rarest word, and at 4 MB those pages pushed each other
 * out: "eldor elju*" 1.9–2.0 ms against 0.87–0.89 at 8 MB or more, and every page of the bench
 * took 2–40 % longer at 4 MB (bench/README.md, "Search on PostgreSQL without planning, and
 * SQLite's page cache at 8 MB"). 8 MB costs the serving process up to 20 MB more resident than
 * 4; a site several times larger may want more: CINELOG_SQLITE_CACHE_SIZE.
 */
const defaultSqliteCacheBytes = 8 * 1024 * 1024;

export function openSqlite(
  file: string,
  queries?: QueryCount,
  cacheBytes = defaultSqliteCacheBytes,
): { db: Kysely<Database>; close: () => Promise<void>; poolStats: () => PoolStats } {
  // Only a missing folder is made: an import's child may read the folder but not write it
  // (src/importers/worker/import-permissions.ts), and mkdir asks for write even when it exists.
  if (file !== ":memory:" && !fs.existsSync(path.dirname(file))) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  }
  const sqlite = new BetterSqlite3(file);
  // WAL lets readers proceed while one writer writes; the busy timeout makes a second
  // writer wait for the lock instead of failing with "database is locked".
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // A negative cache_size is in KiB rather than pages.
  sqlite.pragma(`cache_size = -${Math.max(1, Math.ceil(cacheBytes / 1024))}`);
  cachePreparedStatements(sqlite);
  const connection = { waiting: 0, busy: false };
  const db = new Kysely<Database>({
    dialect: new WatchedSqliteDialect({ database: sqlite }, connection),
    ...(queries ? { log: queries.log } : {}),
  });
  return {
    db,
    close: () => db.destroy(),
    poolStats: () => ({
      total: 1,
      idle: connection.busy ? 0 : 1,
      waiting: connection.waiting,
    }),
  };
}

/**
 * Kysely's SQLite driver lends its one connection to one query (or transaction) at a time;
 * the rest queue for it. This keeps count of that queue for /metrics, as PostgreSQL's pool
 * counts its own.
 */
class WatchedSqliteDialect extends SqliteDialect {
  readonly #connection: { waiting: number; busy: boolean };

  constructor(
    config: ConstructorParameters<typeof SqliteDialect>[0],
    connection: { waiting: number; busy: boolean },
  ) {
    super(config);
    this.#connection = connection;
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const state = this.#connection;
    const acquire = driver.acquireConnection.bind(driver);
    const release = driver.releaseConnection.bind(driver);
    driver.acquireConnection = async () => {
      state.waiting++;
      try {
        const lent = await acquire();
        state.busy = true;
        return lent;
      } finally {
        state.waiting--;
      }
    };
    driver.releaseConnection = async (lent: DatabaseConnection) => {
      state.busy = false;
      await release(lent);
    };
    // A transaction that may write takes the write lock when it begins (BEGIN IMMEDIATE),
    // waiting for it under the busy timeout. Begun deferred, it would read first and then
    // fail at once with "database is locked" when it tried to write after another connection
    // (an import's worker, another process) had committed in between: SQLite cannot upgrade
    // a read snapshot that is out of date, and the busy timeout does not apply to that.
    // Read-only transactions (a backup's snapshot) stay deferred and block no writer.
    driver.beginTransaction = async (lent, settings) => {
      const begin = settings.accessMode === "read only" ? "begin" : "begin immediate";
      await lent.executeQuery(CompiledQuery.raw(begin));
    };
    return driver;
  }
}

/**
 * Kysely prepares every query anew; compiling the same SQL again costs more than running it.
 * Queries run one at a time on this connection (Kysely's SQLite driver serialises them), so
 * a statement may safely be reused once its previous run has finished.
 */
function cachePreparedStatements(sqlite: BetterSqlite3.Database, limit = 1000): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, BetterSqlite3.Statement>();
  sqlite.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached && !cached.busy) return cached;
    const statement = prepare(source);
    if (cache.size >= limit) cache.delete(cache.keys().next().value!);
    cache.set(source, statement);
    return statement;
  }) as typeof sqlite.prepare;
}
