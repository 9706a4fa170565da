// One page of public reviews narrowed by some filter (a month, a film year, a rating),
// newest first. Every review listing among the index pages goes through here: each kind of
// listing is one prepared statement (summary-page-read.ts), written once per database.
import type { Db } from "../../db/connect.ts";
import type { Page, ReviewSummary } from "../reviews.ts";
import { publicReviewsWhere, summaryPageRead } from "./summary-page-read.ts";

export const reviewsPerPage = 10;

/** A listing over public reviews `r` joined with their films `f`. */
interface PagedListing {
  /**
   * Counts the matching reviews and reads this page's in one statement. A page past the end
   * comes back with no items (pageCount tells the caller to answer 404).
   */
  page(
    db: Db,
    now: string,
    page: number,
    perPage: number | undefined,
    parameters: unknown[],
  ): Promise<Page<ReviewSummary>>;
}

/** A listing of public reviews `r` whose extra conditions on them take parameters $3, $4… */
export function pagedListing(where: string): PagedListing {
  return pagedListingOf({ matching: () => publicReviewsWhere(where) });
}

/** A listing of the public reviews that the filter finds (see summaryPageRead). */
export function pagedListingOf(filter: Parameters<typeof summaryPageRead>[0]): PagedListing {
  const statement = summaryPageRead(filter);
  return {
    async page(db, now, page, perPage = reviewsPerPage, parameters) {
      return (await statement.run(db, now, page, perPage, parameters)).page;
    },
  };
}

/** Splits an already sorted list into pages, for indexes that must sort outside SQL. */
export function slicePage<T>(all: T[], page: number, perPage: number): Page<T> {
  const pageCount = Math.max(1, Math.ceil(all.length / perPage));
  return {
    items: all.slice((page - 1) * perPage, page * perPage),
    page,
    pageCount,
    total: all.length,
  };
}
