// One page of public reviews narrowed by some filter (a month, a film year, a rating),
// newest first. Every review listing among the index pages goes through here: each kind of
// listing is one prepared statement (summary-page-read.ts), written once per database.
import type { Db } from "../../db/connect.ts";
import type { Page, ReviewSummary } from "../reviews.ts";
import { summaryPageRead } from "./summary-page-read.ts";

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

/** A listing whose extra conditions on `r` and `f` take parameters $4, $5… */
export function pagedListing(where: string): PagedListing {
  const statement = summaryPageRead({
    countFrom: "reviews r inner join films f on f.id = r.film_id",
    where,
  });
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
