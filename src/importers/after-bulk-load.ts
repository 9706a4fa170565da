// What a database needs once many rows have arrived at once (an import, a restore from a
// backup, the bench's generated site) and would otherwise wait for maintenance that may never
// come: the search index merged into one piece, and PostgreSQL's planner told how many rows
// there now are. Each is a fraction of a second for a site of 2,000 reviews; without them
// the first searches and pages after a load are several times slower
// (bench/README.md, "Statistics after a bulk load" and "Search: the index's loose ends").
import type { Db } from "../db/connect.ts";
import { refreshPlannerStatistics } from "../db/planner-statistics.ts";
import { engineFor } from "../search/engine.ts";

export async function settleAfterBulkLoad(db: Db): Promise<void> {
  await engineFor(db).compact(db);
  await refreshPlannerStatistics(db);
}
