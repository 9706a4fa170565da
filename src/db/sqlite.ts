// The embedded database: one SQLite file in WAL mode, through two connections — one that
// writes (in arrival order) and one that reads without waiting for it (src/db/sqlite-driver.ts).
import fs from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely } from "kysely";
import type { QueryCount } from "./query-count.ts";
import type { Database } from "./schema.ts";
import { SplitSqliteDialect } from "./sqlite-driver.ts";

export function openSqlite(
  file: string,
  queries?: QueryCount,
): { db: Kysely<Database>; close: () => Promise<void> } {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  // WAL lets readers proceed while one writer writes; the busy timeout makes a second
  // writer wait for the lock instead of failing with "database is locked".
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  cachePreparedStatements(sqlite);
  const db = new Kysely<Database>({
    dialect: new SplitSqliteDialect(sqlite, file === ":memory:" ? undefined : openReader(file)),
    ...(queries ? { log: queries.log } : {}),
  });
  return { db, close: () => db.destroy() };
}

/** The second connection, for reads only: the file is already in WAL mode. */
function openReader(file: string): BetterSqlite3.Database {
  const reader = new BetterSqlite3(file);
  reader.pragma("query_only = ON");
  reader.pragma("busy_timeout = 5000");
  cachePreparedStatements(reader);
  return reader;
}

/**
 * Kysely prepares every query anew; compiling the same SQL again costs more than running it.
 * Statements run one at a time on a connection (each runs to its end synchronously), so a
 * statement may safely be reused once its previous run (or a stream of its rows) has finished.
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
