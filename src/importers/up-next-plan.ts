// Rebuilds a series' order from "Up Next" lines. Each review says which films follow it;
// chained together they give the order the reviewer worked through. The plan is kept in
// memory as film ids (a few thousand numbers at most) and written once, at the end.
import type { Insertable } from "kysely";
import type { Db } from "../db/connect.ts";
import type { Database } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import { createSeries, lockSeries } from "../domain/series.ts";
import { recordChange } from "../domain/changes.ts";

export class UpNextPlan {
  #order: number[] = [];
  #seriesId: number | undefined;
  #loaded = false;
  /** Whether this run read any Up Next line: with none, the series is left as it is. */
  #followed = false;
  /** Every line read, as film ids, to tell at the end which ones the merged order overrules. */
  readonly #lines: { filmId: number; next: number[] }[] = [];

  constructor(
    private readonly title: string,
    private readonly findSeriesId: () => Promise<number | undefined>,
  ) {}

  /** Starts from the series as an earlier run of the same import left it. */
  async load(db: Db): Promise<void> {
    if (this.#loaded) return;
    this.#loaded = true;
    this.#seriesId = await this.findSeriesId();
    if (this.#seriesId === undefined) return;
    const rows = await db.kysely
      .selectFrom("series_entries")
      .select("film_id")
      .where("series_id", "=", this.#seriesId)
      .orderBy("position")
      .execute();
    this.#order = rows.map((r) => r.film_id);
  }

  /**
   * `filmId` is followed by `next`, in that order. Films not yet placed go right after the
   * last one placed; a film already placed keeps its place (the first word wins).
   */
  follow(filmId: number, next: number[]): void {
    if (next.length === 0) return;
    this.#followed = true;
    this.#lines.push({ filmId, next });
    if (!this.#order.includes(filmId)) this.#order.push(filmId);
    let cursor = this.#order.indexOf(filmId);
    for (const id of next) {
      const at = this.#order.indexOf(id);
      if (at >= 0) {
        if (at > cursor) cursor = at;
        continue;
      }
      this.#order.splice(cursor + 1, 0, id);
      cursor += 1;
    }
  }

  /**
   * How many lines read in this run name other films, or the same in another order, than
   * the merged order puts right after their film (each review still shows its own line).
   */
  get disagreeing(): number {
    const at = new Map(this.#order.map((id, index) => [id, index]));
    let count = 0;
    for (const { filmId, next } of this.#lines) {
      const start = (at.get(filmId) ?? -1) + 1;
      if (next.some((id, i) => this.#order[start + i] !== id)) count += 1;
    }
    return count;
  }

  get lines(): number {
    return this.#lines.length;
  }

  get size(): number {
    return this.#order.length;
  }

  /**
   * Writes the order: creates the series if needed, adds missing entries, sets positions,
   * and links each entry to the review of its film. Returns the series id and entries added.
   */
  async save(db: Db): Promise<{ seriesId: number; added: number } | undefined> {
    if (this.#order.length === 0 || !this.#followed) return undefined;
    return inTransaction(db, async (trx) => {
      const seriesId = this.#seriesId ?? (await createSeries(trx, { title: this.title })).id;
      this.#seriesId = seriesId;
      await lockSeries(trx, seriesId);
      const existing = await trx.kysely
        .selectFrom("series_entries")
        .select(["id", "film_id", "position", "review_id"])
        .where("series_id", "=", seriesId)
        .execute();
      const entryOf = new Map(existing.map((e) => [e.film_id, e]));
      const reviewOf = await latestReviewOfFilms(trx, this.#order);
      const fresh: Insertable<Database["series_entries"]>[] = [];
      // Positions are written shifted out of the way first, so no two entries ever share one.
      const offset = this.#order.length + existing.length + 1;
      for (const [index, filmId] of this.#order.entries()) {
        const entry = entryOf.get(filmId);
        const reviewId = entry?.review_id ?? reviewOf.get(filmId) ?? null;
        if (entry) {
          if (entry.position !== index || entry.review_id !== reviewId) {
            await trx.kysely
              .updateTable("series_entries")
              .set({ position: index + offset, review_id: reviewId })
              .where("id", "=", entry.id)
              .execute();
          }
        } else {
          fresh.push({
            series_id: seriesId,
            film_id: filmId,
            position: index + offset,
            review_id: reviewId,
          });
        }
      }
      // New entries many to a statement: one each was most of this step on PostgreSQL.
      for (let i = 0; i < fresh.length; i += 500) {
        await trx.kysely
          .insertInto("series_entries")
          .values(fresh.slice(i, i + 500))
          .execute();
      }
      await trx.kysely
        .updateTable("series_entries")
        .set((eb) => ({ position: eb("position", "-", offset) }))
        .where("series_id", "=", seriesId)
        .where("position", ">=", offset)
        .execute();
      await recordChange(trx, ["series"]);
      return { seriesId, added: fresh.length };
    });
  }
}

async function latestReviewOfFilms(db: Db, filmIds: number[]): Promise<Map<number, number>> {
  const found = new Map<number, number>();
  for (let i = 0; i < filmIds.length; i += 500) {
    const rows = await db.kysely
      .selectFrom("reviews")
      .select(["film_id", "id"])
      .where("film_id", "in", filmIds.slice(i, i + 500))
      .orderBy("id")
      .execute();
    for (const row of rows) found.set(row.film_id, row.id);
  }
  return found;
}
