// Table types for a review's own Up Next list (migration 018). src/db/schema.ts gathers
// every table.

/** One film of the list a review's author wrote after it, at its place in that list. */
export interface ReviewUpNextTable {
  review_id: number;
  /** 0 for the first film named. */
  position: number;
  film_id: number;
}
