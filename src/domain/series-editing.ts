// Editing a series and its queue: title and description, adding and removing films, and
// putting the queue in a new order. Each change runs in one transaction that first takes the
// series' lock (see lockSeries), and announces the "series" change tag: the series page, the
// series index and every review page's Up Next line carry it, so all of them refresh at once.
//
// Two ways to reorder, each safe when two people edit the same queue:
// - moveEntry names one entry and a direction. It is applied to the queue as it is when the
//   request arrives, so "one place earlier" keeps its meaning whatever else changed meanwhile,
//   and a stale page can never undo someone else's work;
// - reorderEntries takes a whole new order (a drag and drop) together with the order the page
//   showed before it. It is applied only if that is still the order in the database; otherwise
//   nothing changes and the caller is told the current order, so a drag made on an outdated
//   page never silently reshuffles films it did not show.
import type { Db } from "../db/connect.ts";
import type { Film, ReviewStatus, Series } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import { recordChange } from "./changes.ts";
import { lockSeries, seriesOverview, type SeriesItem, type SeriesOverview } from "./series.ts";
import { nowIso } from "./time.ts";

export async function seriesById(db: Db, id: number): Promise<Series | undefined> {
  return db.kysely.selectFrom("series").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function seriesSlugTaken(db: Db, slug: string): Promise<boolean> {
  const row = await db.kysely
    .selectFrom("series")
    .select("id")
    .where("slug", "=", slug)
    .executeTakeFirst();
  return row !== undefined;
}

export async function updateSeries(
  db: Db,
  id: number,
  input: { title: string; description: string },
): Promise<boolean> {
  const result = await db.kysely
    .updateTable("series")
    .set({ title: input.title.trim(), description: input.description, updated_at: nowIso() })
    .where("id", "=", id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  // The title shows in the series index, on its page, its feed and every Up Next line.
  await recordChange(db, ["series"]);
  return true;
}

export interface QueueItem extends SeriesItem {
  /** A review attached to the entry that is not public yet (a draft, or scheduled). */
  pendingReview?: { id: number; status: ReviewStatus };
}

export interface SeriesQueue extends Omit<SeriesOverview, "items"> {
  items: QueueItem[];
}

/** The queue as the admin shows it: the public overview, plus reviews still in the works. */
export async function seriesQueue(db: Db, series: Series, now: string): Promise<SeriesQueue> {
  const overview = await seriesOverview(db, series, now);
  const pendingIds = overview.items
    .filter((i) => !i.reviewSlug && i.reviewId != null)
    .map((i) => i.reviewId!);
  const pending =
    pendingIds.length === 0
      ? []
      : await db.kysely
          .selectFrom("reviews")
          .select(["id", "status"])
          .where("id", "in", pendingIds)
          .execute();
  const byId = new Map(pending.map((r) => [r.id, r]));
  return {
    ...overview,
    items: overview.items.map((item) => {
      const review =
        !item.reviewSlug && item.reviewId != null ? byId.get(item.reviewId) : undefined;
      return review ? { ...item, pendingReview: review } : item;
    }),
  };
}

/** A film with this title (in any case) and year, if one is on record already. */
export async function filmOnRecord(
  db: Db,
  title: string,
  year: number | null,
): Promise<Pick<Film, "id" | "title" | "year"> | undefined> {
  let query = db.kysely
    .selectFrom("films")
    .select(["id", "title", "year"])
    .where((eb) => eb(eb.fn("lower", ["title"]), "=", title.trim().toLowerCase()));
  query = year === null ? query.where("year", "is", null) : query.where("year", "=", year);
  return query.orderBy("id").executeTakeFirst();
}

/** Entry ids of a series in queue order. */
export async function entryOrder(db: Db, seriesId: number): Promise<number[]> {
  const rows = await db.kysely
    .selectFrom("series_entries")
    .select(["id", "position"])
    .where("series_id", "=", seriesId)
    .orderBy("position")
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

/** The entry of a film in a series, if the film is in it. */
export async function entryOfFilm(
  db: Db,
  seriesId: number,
  filmId: number,
): Promise<{ id: number; number: number } | undefined> {
  const order = await db.kysely
    .selectFrom("series_entries")
    .select(["id", "film_id"])
    .where("series_id", "=", seriesId)
    .orderBy("position")
    .orderBy("id")
    .execute();
  const index = order.findIndex((e) => e.film_id === filmId);
  return index < 0 ? undefined : { id: order[index]!.id, number: index + 1 };
}

/**
 * Stores `order` as positions 0, 1, 2…, writing only the rows whose position changes (a move
 * by one place writes two rows, however long the series). Gaps and ties left by earlier
 * removals or imports are closed on the way.
 */
async function writeOrder(trx: Db, seriesId: number, order: number[]): Promise<void> {
  const rows = await trx.kysely
    .selectFrom("series_entries")
    .select(["id", "position"])
    .where("series_id", "=", seriesId)
    .execute();
  const current = new Map(rows.map((r) => [r.id, r.position]));
  for (const [index, id] of order.entries()) {
    if (current.get(id) === index) continue;
    await trx.kysely
      .updateTable("series_entries")
      .set({ position: index })
      .where("id", "=", id)
      .where("series_id", "=", seriesId)
      .execute();
  }
}

export type MoveDirection = "up" | "down";

interface MoveResult {
  /** False when the entry was already first (up) or last (down). */
  moved: boolean;
  /** Its place in the queue afterwards, counting from 1. */
  number: number;
  total: number;
}

/** Moves one entry a place earlier or later; undefined if it is not in this series. */
export async function moveEntry(
  db: Db,
  seriesId: number,
  entryId: number,
  direction: MoveDirection,
): Promise<MoveResult | undefined> {
  return inTransaction(db, async (trx) => {
    if (!(await lockSeries(trx, seriesId))) return undefined;
    const order = await entryOrder(trx, seriesId);
    const index = order.indexOf(entryId);
    if (index < 0) return undefined;
    const target = direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= order.length) {
      return { moved: false, number: index + 1, total: order.length };
    }
    [order[index], order[target]] = [order[target]!, order[index]!];
    await writeOrder(trx, seriesId, order);
    await recordChange(trx, ["series"]);
    return { moved: true, number: target + 1, total: order.length };
  });
}

type ReorderResult =
  | { ok: true; order: number[] }
  /** The queue is not what the page showed (another edit came first): nothing was changed. */
  | { ok: false; reason: "stale"; order: number[] }
  /** `order` is not a rearrangement of `seen`. */
  | { ok: false; reason: "invalid"; order: number[] }
  | { ok: false; reason: "missing" };

/** Puts the queue in `order`, if it is still `seen` in the database (see the top of the file). */
export async function reorderEntries(
  db: Db,
  seriesId: number,
  seen: readonly number[],
  order: readonly number[],
): Promise<ReorderResult> {
  return inTransaction(db, async (trx): Promise<ReorderResult> => {
    if (!(await lockSeries(trx, seriesId))) return { ok: false, reason: "missing" };
    const current = await entryOrder(trx, seriesId);
    if (!sameList(current, seen)) return { ok: false, reason: "stale", order: current };
    if (order.length !== seen.length || !sameList([...order].sort(), [...seen].sort())) {
      return { ok: false, reason: "invalid", order: current };
    }
    if (!sameList(order, current)) {
      await writeOrder(trx, seriesId, [...order]);
      await recordChange(trx, ["series"]);
    }
    return { ok: true, order: [...order] };
  });
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Takes an entry out of the queue (its review, if any, stays); false if it was not there. */
export async function removeEntry(db: Db, seriesId: number, entryId: number): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    if (!(await lockSeries(trx, seriesId))) return false;
    const result = await trx.kysely
      .deleteFrom("series_entries")
      .where("id", "=", entryId)
      .where("series_id", "=", seriesId)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await writeOrder(trx, seriesId, await entryOrder(trx, seriesId));
    await recordChange(trx, ["series"]);
    return true;
  });
}
