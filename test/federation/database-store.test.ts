// Fedify's key-value store and message queue over our own tables, on both databases: values
// with expiry, prefixes and compare-and-swap; a queue that keeps its messages across a
// "restart" (a second queue object on the same database), shares them between two workers
// without handing one to both, retries with backoff, keeps ordering keys in order, and stops
// listening once the message in hand is done.
import { Temporal } from "@js-temporal/polyfill";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DatabaseKvStore } from "../../src/federation/kv-store.ts";
import { DatabaseMessageQueue } from "../../src/federation/message-queue.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";

describe.each(dialects)("federation store on %s", (dialect) => {
  let db: TestDb;
  let now = Date.parse("2026-12-01T10:00:00Z");
  const clock = () => now;

  beforeAll(async () => {
    db = await openTestDb(dialect);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("keeps values, forgets expired ones, lists by prefix", async () => {
    const kv = new DatabaseKvStore(db, clock);
    await kv.set(["doc", "https://a.example/1"], { name: "A" });
    await kv.set(["doc", "https://a.example/2"], [1, 2], {
      ttl: Temporal.Duration.from({ seconds: 30 }),
    });
    await kv.set(["docs"], "not under doc");
    await kv.set(["doc"], "the prefix itself");
    expect(await kv.get(["doc", "https://a.example/1"])).toEqual({ name: "A" });
    expect(await kv.get(["doc", "https://a.example/2"])).toEqual([1, 2]);
    expect(await kv.get(["nothing"])).toBeUndefined();

    const listed = [];
    for await (const entry of kv.list(["doc"])) listed.push(entry.key.join(" "));
    expect(listed.sort()).toEqual(["doc", "doc https://a.example/1", "doc https://a.example/2"]);

    now += 31_000;
    expect(await kv.get(["doc", "https://a.example/2"])).toBeUndefined();
    await kv.sweep();
    const after = [];
    for await (const entry of kv.list()) after.push(entry.key.join(" "));
    expect(after.sort()).toEqual(["doc", "doc https://a.example/1", "docs"]);

    await kv.delete(["doc"]);
    expect(await kv.get(["doc"])).toBeUndefined();
  });

  it("swaps only what it expected", async () => {
    const kv = new DatabaseKvStore(db, clock);
    expect(await kv.cas(["counter"], undefined, 1)).toBe(true);
    expect(await kv.cas(["counter"], undefined, 5)).toBe(false);
    expect(await kv.cas(["counter"], 2, 5)).toBe(false);
    expect(await kv.cas(["counter"], 1, { n: 2 })).toBe(true);
    expect(await kv.cas(["counter"], { n: 2 }, { n: 3 })).toBe(true);
    expect(await kv.get(["counter"])).toEqual({ n: 3 });
  });

  it("keeps messages across a restart and hands each to one worker", async () => {
    const first = new DatabaseMessageQueue(db, { clock });
    await first.enqueueMany([{ n: 1 }, { n: 2 }, { n: 3 }]);
    await first.enqueue({ n: 4 }, { delay: Temporal.Duration.from({ minutes: 5 }) });
    expect(await first.getDepth()).toEqual({ queued: 4, ready: 3, delayed: 1 });

    // Two workers (two instances) on the same tables, as after a restart.
    const a = new DatabaseMessageQueue(db, { clock, batchSize: 2 });
    const b = new DatabaseMessageQueue(db, { clock, batchSize: 2 });
    const [claimedA, claimedB] = await Promise.all([a.claimDue(), b.claimDue()]);
    const ids = [...claimedA, ...claimedB].map((r) => r.id);
    expect(new Set(ids).size).toBe(3);
    expect(ids).toHaveLength(3);

    const seen: unknown[] = [];
    for (const row of claimedA) await a.handle(row, (m) => void seen.push(m));
    for (const row of claimedB) await b.handle(row, (m) => void seen.push(m));
    expect(seen).toEqual(expect.arrayContaining([{ n: 1 }, { n: 2 }, { n: 3 }]));
    expect(await a.claimDue()).toEqual([]);

    now += 5 * 60_000;
    expect(await a.runDue((m) => void seen.push(m))).toBe(1);
    expect(seen).toContainEqual({ n: 4 });
    expect((await a.getDepth()).queued).toBe(0);
  });

  it("gives a dead worker's rows to another once its lease runs out", async () => {
    const queue = new DatabaseMessageQueue(db, { clock, leaseMs: 60_000 });
    await queue.enqueue({ n: "leased" });
    expect(await queue.claimDue()).toHaveLength(1);
    // The worker died holding it: nobody takes it during the lease…
    expect(await queue.claimDue()).toEqual([]);
    now += 61_000;
    // …and someone does after.
    const again = await queue.claimDue();
    expect(again.map((r) => JSON.parse(r.message) as unknown)).toEqual([{ n: "leased" }]);
    await queue.handle(again[0]!, () => {});
  });

  it("retries a failing message with growing delays", async () => {
    const errors: unknown[] = [];
    const queue = new DatabaseMessageQueue(db, { clock, onError: (_r, e) => errors.push(e) });
    await queue.enqueue({ n: "flaky" });
    let calls = 0;
    const flaky = () => {
      calls++;
      if (calls < 3) throw new Error(`down ${calls}`);
    };
    expect(await queue.runDue(flaky)).toBe(1);
    expect(await queue.runDue(flaky)).toBe(0); // not due yet: 30 s
    now += 30_000;
    expect(await queue.runDue(flaky)).toBe(1);
    now += 30_000;
    expect(await queue.runDue(flaky)).toBe(0); // the second delay is a minute
    now += 30_000;
    expect(await queue.runDue(flaky)).toBe(1);
    expect(calls).toBe(3);
    expect(errors.map(String)).toEqual(["Error: down 1", "Error: down 2"]);
    expect((await queue.getDepth()).queued).toBe(0);
  });

  it("hands out messages with one ordering key one at a time, in order", async () => {
    const queue = new DatabaseMessageQueue(db, { clock, batchSize: 10 });
    await queue.enqueue({ step: "create" }, { orderingKey: "review:1" });
    await queue.enqueue({ step: "update" }, { orderingKey: "review:1" });
    await queue.enqueue({ step: "other" }, { orderingKey: "review:2" });
    const firstRound = await queue.claimDue();
    expect(firstRound.map((r) => JSON.parse(r.message) as unknown)).toEqual([
      { step: "create" },
      { step: "other" },
    ]);
    for (const row of firstRound) await queue.handle(row, () => {});
    const second = await queue.claimDue();
    expect(second.map((r) => JSON.parse(r.message) as unknown)).toEqual([{ step: "update" }]);
    await queue.handle(second[0]!, () => {});
  });

  it("stops listening after the message in hand when aborted", async () => {
    const queue = new DatabaseMessageQueue(db, { pollMs: 20, batchSize: 1 });
    await queue.enqueueMany([{ n: "a" }, { n: "b" }]);
    const stop = new AbortController();
    const handled: unknown[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const listening = queue.listen(
      async (message) => {
        // Abort while the first message is in hand: it must still finish.
        stop.abort();
        await held;
        handled.push(message);
      },
      { signal: stop.signal },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await listening;
    expect(handled).toEqual([{ n: "a" }]);
    expect((await queue.getDepth()).queued).toBe(1);
  });
});
