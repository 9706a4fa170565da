// SQLite transactions and other connections to the same file (an import's worker, a second
// process): a transaction that may write holds the write lock from its first statement, so it
// never fails half-way with "database is locked" because another connection committed between
// its read and its write (seen in CI: an import failed that way under load); a read-only one
// (a backup's snapshot) takes no write lock, so writers go on while it runs.
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/transaction.ts";
import { openTestDb, type TestDb } from "../support/databases.ts";

describe("SQLite transactions beside another connection", () => {
  let db: TestDb;
  let other: BetterSqlite3.Database;

  beforeAll(async () => {
    db = await openTestDb("sqlite");
    other = new BetterSqlite3(db.url.replace(/^sqlite:/, ""));
    // No waiting: the question is only whether the lock is free at this moment.
    other.pragma("busy_timeout = 0");
  });
  afterAll(async () => {
    other?.close();
    await db?.dispose();
  });

  /** Whether the other connection can take the write lock right now (and lets it go). */
  function otherCanWrite(): boolean {
    try {
      other.exec("begin immediate");
      other.exec("rollback");
      return true;
    } catch (error) {
      expect((error as { code?: string }).code).toBe("SQLITE_BUSY");
      return false;
    }
  }

  it("holds the write lock from the start of a transaction that may write", async () => {
    expect(otherCanWrite()).toBe(true);
    const seen = await inTransaction(db, async (trx) => {
      // Only a read so far: a deferred transaction would hold no write lock yet.
      await trx.kysely.selectFrom("settings").select("key").execute();
      return otherCanWrite();
    });
    expect(seen).toBe(false);
    expect(otherCanWrite()).toBe(true);
  });

  it("leaves the write lock free during a read-only transaction", async () => {
    const seen = await db.kysely
      .transaction()
      .setAccessMode("read only")
      .execute(async (trx) => {
        await trx.selectFrom("settings").select("key").execute();
        return otherCanWrite();
      });
    expect(seen).toBe(true);
  });
});
