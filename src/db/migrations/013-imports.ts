// Imports remember what they brought in, so running the same import again changes nothing;
// and the old addresses of imported posts answer with a redirect to their new pages.
import type { Kysely } from "kysely";
import type { Dialect } from "../connect.ts";
import { idColumn } from "./columns.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable("import_items")
    .addColumn("id", id.type, id.build)
    /** Where the record came from: a WordPress site's base URL, a Letterboxd export. */
    .addColumn("source", "text", (c) => c.notNull())
    /** `author`, `review`, `comment`, … */
    .addColumn("kind", "text", (c) => c.notNull())
    /** The record's id at the source. */
    .addColumn("external_id", "text", (c) => c.notNull())
    .addColumn("local_id", "integer", (c) => c.notNull())
    .addColumn("imported_at", "text", (c) => c.notNull())
    .addUniqueConstraint("import_items_source_kind_external", ["source", "kind", "external_id"])
    .execute();

  await db.schema
    .createTable("redirects")
    /** An old address: a path, with its query when the query names the page (`/?p=12`). */
    .addColumn("from_path", "text", (c) => c.primaryKey())
    .addColumn("to_path", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}
