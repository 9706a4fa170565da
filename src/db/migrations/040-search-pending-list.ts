// PostgreSQL's GIN index takes new entries into an unsorted "pending list" and merges them
// into the index only at a vacuum or once the list passes gin_pending_list_limit (4 MB by
// default), and every search that goes through the index reads the whole list. Where
// autovacuum is off or behind, that is up to 512 pages a search: after the bench's 2,000
// generated reviews the list held 388 pages, and a rare word's search spent 1.2 of its 1.9 ms
// reading them (bench/README.md, "Search: the index's loose ends"). 256 kB bounds the list at
// 32 pages, about 35 reviews' documents, while writes still reach the index in batches; what
// the list holds now is merged at once. SQLite's FTS5 has nothing of the kind.
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../connect.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect !== "postgres") return;
  await sql`alter index search_documents_document set (gin_pending_list_limit = 256)`.execute(db);
  await sql`select gin_clean_pending_list('search_documents_document'::regclass)`.execute(db);
}
