// The archive: public reviews by the year and month they were published (UTC).
import { sql } from "kysely";
import type { Db } from "../../db/connect.ts";
import type { Page, ReviewSummary } from "../reviews.ts";
import { publishedReviews } from "../visibility.ts";
import { pagedListing } from "./paged-reviews.ts";

// One statement for each shape of range: an open end is left out of the SQL, not matched
// against a placeholder value.
const between = pagedListing("r.published_at >= $3 and r.published_at < $4");
const after = pagedListing("r.published_at >= $3");
const before = pagedListing("r.published_at < $3");
const any = pagedListing("");

export interface ArchiveMonth {
  year: number;
  /** 1–12. */
  month: number;
  count: number;
}

export interface ArchiveYear {
  year: number;
  count: number;
  /** Newest month first. */
  months: ArchiveMonth[];
}

/** Every year and month with public reviews, newest first, with counts. */
export async function archiveIndex(db: Db, now: string): Promise<ArchiveYear[]> {
  // Times are stored as ISO-8601 UTC text on both databases, so "YYYY-MM" is its first
  // seven characters, and substr is spelled the same in SQLite and PostgreSQL.
  const yearMonth = sql<string>`substr(${sql.ref("reviews.published_at")}, 1, 7)`;
  const rows = await publishedReviews(db, now)
    .select((eb) => [yearMonth.as("ym"), eb.fn.countAll().as("n")])
    .groupBy(yearMonth)
    .orderBy(yearMonth, "desc")
    .execute();
  const years: ArchiveYear[] = [];
  for (const row of rows) {
    const year = Number(row.ym.slice(0, 4));
    const month = Number(row.ym.slice(5, 7));
    const count = Number(row.n);
    let entry = years.at(-1);
    if (entry?.year !== year) {
      entry = { year, count: 0, months: [] };
      years.push(entry);
    }
    entry.count += count;
    entry.months.push({ year, month, count });
  }
  return years;
}

/**
 * The first instant of a month as a stored time, or undefined past year 9999 (which has no
 * four-digit spelling, and so cannot bound a stored time). Month 13 rolls into next year.
 */
function monthStart(year: number, month: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, 1));
  return date.getUTCFullYear() > 9999 ? undefined : date.toISOString();
}

/**
 * Reviews published in [from, to): range comparisons on the text column use the
 * (status, published_at) index, and every stored time has the same fixed-width shape, so
 * text order is time order whatever the collation. An undefined bound is an open end.
 */
function publishedBetween(
  db: Db,
  now: string,
  from: string | undefined,
  to: string | undefined,
  page: number,
  perPage?: number,
): Promise<Page<ReviewSummary>> {
  if (from !== undefined && to !== undefined) {
    return between.page(db, now, page, perPage, [from, to]);
  }
  if (from !== undefined) return after.page(db, now, page, perPage, [from]);
  if (to !== undefined) return before.page(db, now, page, perPage, [to]);
  return any.page(db, now, page, perPage, []);
}

/** A year's public reviews, newest first. */
export function reviewsOfYear(db: Db, now: string, year: number, page: number, perPage?: number) {
  return publishedBetween(db, now, monthStart(year, 1), monthStart(year + 1, 1), page, perPage);
}

/** A month's public reviews, newest first. `month` is 1–12. */
export function reviewsOfMonth(
  db: Db,
  now: string,
  year: number,
  month: number,
  page: number,
  perPage?: number,
) {
  const [from, to] = [monthStart(year, month), monthStart(year, month + 1)];
  return publishedBetween(db, now, from, to, page, perPage);
}
