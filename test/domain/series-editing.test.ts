// Reordering a series queue when several people edit it at once, on both databases: every
// change is one transaction behind the series' lock, so none is lost and none is half done.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFilm } from "../../src/domain/films.ts";
import {
  entryOrder,
  moveEntry,
  removeEntry,
  reorderEntries,
  seriesQueue,
} from "../../src/domain/series-editing.ts";
import { appendSeriesEntry, createSeries, upNext } from "../../src/domain/series.ts";
import { nowIso } from "../../src/domain/time.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";

describe.each(dialects)("series queue editing on %s", (dialect) => {
  let db: TestDb;
  let f: Awaited<ReturnType<typeof buildFixture>>;
  const filmIds: number[] = [];

  beforeAll(async () => {
    db = await openTestDb(dialect);
    f = await buildFixture(db);
    for (let i = 1; i <= 8; i++) filmIds.push((await createFilm(db, { title: `Film ${i}` })).id);
  });
  afterAll(async () => {
    await db.dispose();
  });

  async function freshSeries(title: string, count: number) {
    const series = await createSeries(db, { title });
    const entries: number[] = [];
    for (const id of filmIds.slice(0, count)) {
      entries.push(await appendSeriesEntry(db, series.id, id));
    }
    return { series, entries };
  }

  async function positions(seriesId: number): Promise<number[]> {
    const rows = await db.kysely
      .selectFrom("series_entries")
      .select("position")
      .where("series_id", "=", seriesId)
      .orderBy("position")
      .execute();
    return rows.map((r) => r.position);
  }

  it("applies exactly one of two drags made from the same page", async () => {
    const { series, entries } = await freshSeries("Two drags", 5);
    const [a, b, c, d, e] = entries as [number, number, number, number, number];
    const results = await Promise.all([
      reorderEntries(db, series.id, entries, [e, a, b, c, d]),
      reorderEntries(db, series.id, entries, [b, a, c, d, e]),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    expect(refused).toMatchObject({ ok: false, reason: "stale" });
    const winner = results.find((r) => r.ok)!;
    expect(await entryOrder(db, series.id)).toEqual(winner.ok ? winner.order : []);
    expect(await positions(series.id)).toEqual([0, 1, 2, 3, 4]);
  });

  it("keeps every move when several are made at once", async () => {
    const { series, entries } = await freshSeries("Many moves", 6);
    // Each moves a different film down one place, on the queue as it stands when it runs.
    await Promise.all([
      moveEntry(db, series.id, entries[0]!, "down"),
      moveEntry(db, series.id, entries[2]!, "down"),
      moveEntry(db, series.id, entries[4]!, "down"),
    ]);
    const order = await entryOrder(db, series.id);
    expect(order).toHaveLength(6);
    expect(new Set(order)).toEqual(new Set(entries));
    expect(await positions(series.id)).toEqual([0, 1, 2, 3, 4, 5]);
    // Whatever order they ran in, pairs that never touched each other were each swapped.
    expect(order).toEqual([entries[1], entries[0], entries[3], entries[2], entries[5], entries[4]]);
  });

  it("gives films added at once places of their own", async () => {
    const series = await createSeries(db, { title: "Added at once" });
    const entries = await Promise.all(
      filmIds.slice(0, 6).map((id) => appendSeriesEntry(db, series.id, id)),
    );
    expect(new Set(await entryOrder(db, series.id))).toEqual(new Set(entries));
    expect(await positions(series.id)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("closes gaps and ties left by older data on the next move", async () => {
    const { series, entries } = await freshSeries("Gaps", 4);
    // Positions as an import might leave them: a gap and a tie.
    for (const [id, position] of [
      [entries[0]!, 10],
      [entries[1]!, 10],
      [entries[2]!, 30],
      [entries[3]!, 99],
    ] as const) {
      await db.kysely
        .updateTable("series_entries")
        .set({ position })
        .where("id", "=", id)
        .execute();
    }
    const moved = await moveEntry(db, series.id, entries[3]!, "up");
    expect(moved).toEqual({ moved: true, number: 3, total: 4 });
    expect(await entryOrder(db, series.id)).toEqual([
      entries[0],
      entries[1],
      entries[3],
      entries[2],
    ]);
    expect(await positions(series.id)).toEqual([0, 1, 2, 3]);
  });

  it("refuses entries and orders that are not the series' own", async () => {
    const { series, entries } = await freshSeries("Own entries", 2);
    const other = await freshSeries("Someone else's", 1);
    expect(await moveEntry(db, series.id, other.entries[0]!, "up")).toBeUndefined();
    expect(await removeEntry(db, series.id, other.entries[0]!)).toBe(false);
    expect(await moveEntry(db, 999_999, entries[0]!, "up")).toBeUndefined();
    const foreign = await reorderEntries(db, series.id, entries, [other.entries[0]!, entries[0]!]);
    expect(foreign).toMatchObject({ ok: false, reason: "invalid" });
    expect(await reorderEntries(db, 999_999, [], [])).toEqual({ ok: false, reason: "missing" });
    expect(await entryOrder(db, other.series.id)).toEqual(other.entries);
  });

  it("tells a draft review on an entry apart from a public one", async () => {
    const queue = await seriesQueue(db, f.series, nowIso());
    const byTitle = new Map(queue.items.map((i) => [i.film.title, i]));
    expect(byTitle.get("House of Games")?.pendingReview).toEqual({
      id: f.reviews.draft.id,
      status: "draft",
    });
    expect(byTitle.get("Leaving Las Vegas")?.reviewSlug).toBe("leaving-las-vegas-1995");
    expect(byTitle.get("Leaving Las Vegas")?.pendingReview).toBeUndefined();
    expect(byTitle.get("His Girl Friday")?.pendingReview).toBeUndefined();
  });

  it("moves Up Next with the queue", async () => {
    const order = await entryOrder(db, f.series.id);
    // Leaving Las Vegas is second; move it to the end and nothing comes after it.
    for (let i = 0; i < 5; i++) await moveEntry(db, f.series.id, order[1]!, "down");
    expect((await upNext(db, f.reviews.vegasReview, nowIso()))?.items).toEqual([]);
    await moveEntry(db, f.series.id, order[1]!, "up");
    const next = await upNext(db, f.reviews.vegasReview, nowIso());
    expect(next?.items.map((i) => i.film.title)).toEqual(["Amélie"]);
  });
});
