// PostgreSQL search read every matching review's tsvector back from TOAST (issue #15): a
// 900-word review's vector is about 7 KB, over the 2 KB at which PostgreSQL moves a value out
// of line, and neither compression nor the planner's costs helped — the table's own pages
// looked few, so it chose a sequential scan, and each row then cost an index lookup and
// several chunk reads, for the @@ test and again for ts_rank. Here the vector stays in the
// row: the table may hold tuples up to a page before PostgreSQL moves anything out, and when
// a row is still too long, the long texts (body, body_text) go first and the vector only as
// a last resort (a body of tens of thousands of words). The rewrite applies it to the rows
// already there; SQLite's FTS5 table has nothing of the kind.
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../connect.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect !== "postgres") return;
  await sql`alter table search_documents set (toast_tuple_target = 8160)`.execute(db);
  await sql`alter table search_documents alter column document set storage main`.execute(db);
  // An update stores the row again, and recomputes its generated vector, under the new rules.
  await sql`update search_documents set title = title`.execute(db);
  // The planner's row estimates, so that a rare word is looked up in the GIN index.
  await sql`analyze search_documents`.execute(db);
}
