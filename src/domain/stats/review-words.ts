// Word counts of reviews, kept in memory by review id and last change: counting the words of
// 2,000 long reviews in SQL costs more than a whole stats page may, and they rarely change.
// A review edited here or in another process has a new updated_at, so its count is redone.
import type { Db } from "../../db/connect.ts";

interface Counted {
  updatedAt: string;
  words: number;
}

const counts = new WeakMap<Db, Map<number, Counted>>();
const batch = 200;

function countWords(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

/** Words of each review given as [id, updated_at]; reads only bodies not counted yet. */
export async function reviewWords(
  db: Db,
  reviews: { id: number; updatedAt: string }[],
): Promise<Map<number, number>> {
  let known = counts.get(db);
  if (!known) {
    known = new Map();
    counts.set(db, known);
  }
  const stale = reviews.filter((r) => known.get(r.id)?.updatedAt !== r.updatedAt);
  for (let i = 0; i < stale.length; i += batch) {
    const ids = stale.slice(i, i + batch).map((r) => r.id);
    const rows = await db.kysely
      .selectFrom("reviews")
      .select(["id", "body_md", "updated_at"])
      .where("id", "in", ids)
      .execute();
    for (const row of rows) {
      known.set(row.id, { updatedAt: row.updated_at, words: countWords(row.body_md) });
    }
  }
  return new Map(reviews.map((r) => [r.id, known.get(r.id)?.words ?? 0]));
}
