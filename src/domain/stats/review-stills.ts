// The first still of each of a few reviews, for the year in review's top-rated films.
import type { Db } from "../../db/connect.ts";
import type { Still } from "../../db/schema.ts";

export async function firstStillsOf(db: Db, reviewIds: number[]): Promise<Map<number, Still>> {
  if (reviewIds.length === 0) return new Map();
  const rows = await db.kysely
    .selectFrom("stills")
    .selectAll()
    .where("review_id", "in", reviewIds)
    .orderBy("review_id")
    .orderBy("position")
    .orderBy("id")
    .execute();
  const stills = new Map<number, Still>();
  for (const row of rows) if (!stills.has(row.review_id)) stills.set(row.review_id, row);
  return stills;
}
