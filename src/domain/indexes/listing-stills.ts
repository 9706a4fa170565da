// The lead still (lowest position) of each review in a listing, fetched for a whole page
// in one query so a card can show its picture without a query per review.
import type { Db } from "../../db/connect.ts";
import type { Still } from "../../db/schema.ts";

export async function leadStillsOf(db: Db, reviewIds: number[]): Promise<Map<number, Still>> {
  const leads = new Map<number, Still>();
  if (reviewIds.length === 0) return leads;
  const rows = await db.kysely
    .selectFrom("stills")
    .selectAll()
    .where("review_id", "in", reviewIds)
    .orderBy("review_id")
    .orderBy("position")
    .orderBy("id")
    .execute();
  // A page holds at most 100 reviews with a handful of stills each: first one wins.
  for (const row of rows) if (!leads.has(row.review_id)) leads.set(row.review_id, row);
  return leads;
}
