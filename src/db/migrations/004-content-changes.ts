// A short log of content changes, so every app instance can drop the cached pages that a
// change in another process (another instance, or the CLI) made stale.
import type { Kysely } from "kysely";
import type { Dialect } from "../connect.ts";
import { idColumn } from "./columns.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable("content_changes")
    .addColumn("id", id.type, id.build)
    /** Space-separated cache tags, e.g. "public-set" or "review:leaving-las-vegas-1995 lists". */
    .addColumn("tags", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
}
