// After a bulk load, PostgreSQL's planner has no statistics for the rows it just took in
// until autovacuum's next analyze, and never if autovacuum is off (it is on some hosts, and
// was on this project's bench machine). Without them it plans the review page's statement
// for empty tables: on the bench's 2,000 imported reviews, an uncached review page cost
// PostgreSQL 5.1 ms of CPU instead of 0.5, and the feed 5.0 instead of 0.6 (bench/README.md,
// "Statistics after a bulk load"). So an import ends by analyzing the tables it may have
// filled: ANALYZE samples each table, about half a second for the bench's site.
//
// SQLite is left alone: without sqlite_stat1 its planner uses its own fixed estimates, which
// are what every statement here was written and measured against; ANALYZE there would change
// plans no test has seen.
import { sql } from "kysely";
import type { Db } from "./connect.ts";

/** Brings the planner's statistics up to date with the tables' rows (PostgreSQL only). */
export async function refreshPlannerStatistics(db: Db): Promise<void> {
  if (db.dialect !== "postgres") return;
  // This site's own tables only: the database may hold other schemas, or other applications.
  const tables = await sql<{ name: string }>`
    select c.relname as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p')
    order by c.relname`.execute(db.kysely);
  if (tables.rows.length === 0) return;
  await sql`analyze ${sql.join(tables.rows.map((t) => sql.id(t.name)))}`.execute(db.kysely);
}
