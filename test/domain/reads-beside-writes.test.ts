// Reads do not queue behind writes: while one request holds a transaction open, another
// request's read answers at once with the last committed state (on SQLite through its own
// read connection, src/db/sqlite-driver.ts; on PostgreSQL through another pooled connection),
// and sees the write once it commits. Writes outside a transaction wait their turn in order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FifoLock } from "../../src/db/fifo-lock.ts";
import { inTransaction } from "../../src/db/transaction.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";

describe.each(dialects)("reads beside an open transaction on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(dialect);
  });
  afterAll(async () => {
    await db.dispose();
  });

  const tagNamed = (slug: string) =>
    db.kysely.selectFrom("tags").select("name").where("slug", "=", slug).executeTakeFirst();

  it("answers a read at once with the committed state while a write is open", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const written = new Promise<void>((resolve) => (inserted = resolve));
    const transaction = inTransaction(db, async (trx) => {
      await trx.kysely.insertInto("tags").values({ slug: "open-write", name: "Open" }).execute();
      inserted();
      await held;
    });
    await written;
    // A read from outside the transaction: it must not wait for the commit (it would never
    // come, as the transaction waits for this read's answer) nor see the uncommitted row.
    expect(await tagNamed("open-write")).toBeUndefined();
    release();
    await transaction;
    expect(await tagNamed("open-write")).toEqual({ name: "Open" });
  });

  it("applies writes outside a transaction in the order they were asked for", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let begun!: () => void;
    const started = new Promise<void>((resolve) => (begun = resolve));
    const transaction = inTransaction(db, async (trx) => {
      await trx.kysely.insertInto("tags").values({ slug: "order-0", name: "0" }).execute();
      begun();
      await held;
    });
    await started;
    const writes = Array.from({ length: 10 }, (_, i) =>
      db.kysely
        .insertInto("tags")
        .values({ slug: `order-${i + 1}`, name: String(i + 1) })
        .execute(),
    );
    release();
    await transaction;
    await Promise.all(writes);
    const rows = await db.kysely
      .selectFrom("tags")
      .select(["id", "name"])
      .where("slug", "like", "order-%")
      .orderBy("id")
      .execute();
    if (dialect === "sqlite") {
      // One write connection: they run one at a time, first asked first served.
      expect(rows.map((r) => r.name)).toEqual([
        "0",
        ...Array.from({ length: 10 }, (_, i) => String(i + 1)),
      ]);
    } else {
      // A pool runs them side by side; all of them land.
      expect(rows).toHaveLength(11);
    }
  });
});

describe("the write lock", () => {
  it("is handed to waiters in the order they asked, one at a time", async () => {
    const lock = new FifoLock();
    const order: number[] = [];
    await lock.lock();
    const waiters = [1, 2, 3, 4].map((n) =>
      lock.lock().then(() => {
        order.push(n);
      }),
    );
    expect(lock.waiting).toBe(4);
    // A newcomer after a release still queues behind those already waiting.
    lock.unlock();
    const late = lock.lock().then(() => order.push(5));
    await waiters[0];
    expect(order).toEqual([1]);
    for (let i = 0; i < 4; i++) lock.unlock();
    await Promise.all([...waiters, late]);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    lock.unlock();
    expect(lock.waiting).toBe(0);
  });
});
