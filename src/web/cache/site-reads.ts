// Reads that every public page repeats and that change only when the owner changes the site:
// its settings, the footer's pages, the sign-in buttons and whether mail is set up. Each is
// kept in memory for a second instead of being a query (a round trip on PostgreSQL) per page.
// A change made in this process (any change tagged "site") drops them at once; another
// instance's change shows within the second, or sooner when this process's page cache polls
// the shared change feed (src/web/cache/freshness.ts passes what it reads to `db.changes`).
import type { Db } from "../../db/connect.ts";

const keepMs = 1000;

interface Kept {
  value: Promise<unknown>;
  at: number;
}

const keptByDb = new WeakMap<Db, Map<string, Kept>>();

function keptFor(db: Db): Map<string, Kept> {
  let kept = keptByDb.get(db);
  if (!kept) {
    const fresh = new Map<string, Kept>();
    db.changes.subscribe((tags) => {
      if (tags.includes("site")) fresh.clear();
    });
    keptByDb.set(db, fresh);
    kept = fresh;
  }
  return kept;
}

/**
 * `read(db)`, or what it gave less than a second ago under the same name. A failed read is
 * forgotten at once, so the next page asks again.
 */
export function siteWideRead<T>(db: Db, name: string, read: (db: Db) => Promise<T>): Promise<T> {
  const kept = keptFor(db);
  const now = Date.now();
  const entry = kept.get(name);
  if (entry && now - entry.at <= keepMs) return entry.value as Promise<T>;
  const value = read(db);
  const fresh = { value, at: now };
  kept.set(name, fresh);
  value.catch(() => {
    if (kept.get(name) === fresh) kept.delete(name);
  });
  return value;
}
