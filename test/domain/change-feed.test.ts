// The change feed other app instances are kept fresh by: a process's own changes (already
// announced on its bus) are never reported back to it as foreign, whether they were made
// inside a transaction or not, and whichever of its caches is asking.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/transaction.ts";
import { followChanges, recordChange } from "../../src/domain/changes.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";

describe.each(dialects)("the change feed on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(dialect);
  });
  afterAll(() => db.dispose());

  it("skips this process's own changes, in a transaction or not, for every follower", async () => {
    const first = await followChanges(db);
    const second = await followChanges(db);
    await recordChange(db, ["review:outside"]);
    await inTransaction(db, (trx) => recordChange(trx, ["review:inside"]));
    expect(await first.poll()).toEqual([]);
    expect(await second.poll()).toEqual([]);
  });

  it("reports what another process changed", async () => {
    const feed = await followChanges(db);
    // Another instance's recordChange writes this row; this process never announced it.
    await db.kysely
      .insertInto("content_changes")
      .values({ tags: "review:elsewhere lists", at: new Date().toISOString() })
      .execute();
    expect(await feed.poll()).toEqual(["review:elsewhere", "lists"]);
  });
});
