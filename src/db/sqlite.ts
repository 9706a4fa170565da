// The embedded database: one SQLite file in WAL mode.
import fs from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { QueryCount } from "./query-count.ts";
import type { Database } from "./schema.ts";

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
    dialect: new SqliteDialect({ database: sqlite }),
    ...(queries ? { log: queries.log } : {}),
  });
  return { db, close: () => db.destroy() };
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
