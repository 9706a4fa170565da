// How many approved comments each review in a listing has: one grouped query for the whole
// page, whatever its length, never one per review.
import type { Db } from "../../db/connect.ts";

/** Approved comments per review id; a review with none is absent from the map. */
export async function approvedCommentCounts(
  db: Db,
  reviewIds: readonly number[],
): Promise<Map<number, number>> {
  if (reviewIds.length === 0) return new Map();
  const rows = await db.kysely
    .selectFrom("comments")
    .select((eb) => ["review_id", eb.fn.countAll().as("n")])
    .where("review_id", "in", [...new Set(reviewIds)])
    .where("status", "=", "approved")
    .groupBy("review_id")
    .execute();
  // PostgreSQL returns count() as a string.
  return new Map(rows.map((r) => [r.review_id ?? 0, Number(r.n)]));
}
