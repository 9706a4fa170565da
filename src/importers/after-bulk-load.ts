// What a database needs once many rows have arrived at once (an import, a restore from a
// backup, the bench's generated site) and would otherwise wait for maintenance that may never
// come: PostgreSQL's planner told how many rows there now are, and the search index's table
// vacuumed. A second or so for a site of 2,000 reviews; without them the first pages and
// searches after a load are several times slower (bench/README.md, "Statistics after a bulk
// load" and "Search on its own index").
import { sql } from "kysely";
import type { Db } from "../db/connect.ts";
import { refreshPlannerStatistics } from "../db/planner-statistics.ts";

export async function settleAfterBulkLoad(db: Db): Promise<void> {
  if (db.dialect === "postgres" && !db.kysely.isTransaction) {
    // A search reads a word's postings from the index alone only where PostgreSQL's
    // visibility map says their table pages hold no changes in flight; until a vacuum marks
    // them, it reads each posting's row as well: one table page each, 2,000 for a common word.
    // A role that does not own the table is told so by a warning, not an error.
    await sql`vacuum search_postings`.execute(db.kysely);
  }
  await refreshPlannerStatistics(db);
}
