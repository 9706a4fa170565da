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
  // Only speed depends on it, and what was loaded is committed already: PostgreSQL lets only
  // the index's owner (or a superuser) merge its pending list, and a site whose server runs as
  // a role of its own must not see its import called failed for that. A vacuum merges it later.
  await engineFor(db)
    .compact(db)
    .catch(() => undefined);
  await refreshPlannerStatistics(db);
}
