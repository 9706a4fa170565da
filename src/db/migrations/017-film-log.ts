// The film log: what a Letterboxd export says about a film beyond its reviews — diary
// entries without review text, films marked watched, ratings and likes. Kept as data (for
// the Letterboxd export and a line on the film page) rather than as reviews, which are
// written pieces with pages of their own.
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../connect.ts";
import { idColumn } from "./columns.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable("film_log")
    .addColumn("id", id.type, id.build)
    .addColumn("film_id", "integer", (c) => c.notNull().references("films.id").onDelete("cascade"))
    /** `diary` (one viewing), `watched`, `rating` or `like` (facts about the film). */
    .addColumn("kind", "text", (c) => c.notNull())
    /** The day the film was seen (`YYYY-MM-DD`), for diary entries. */
    .addColumn("watched_on", "text")
    /** The day the entry was made at the source (`YYYY-MM-DD`). */
    .addColumn("logged_on", "text")
    /** 0–100, like reviews; null when unrated. */
    .addColumn("rating", "integer")
    .addColumn("rewatch", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("liked", "integer", (c) => c.notNull().defaultTo(0))
    /** Comma-separated tag names, as the source had them. */
    .addColumn("tags", "text", (c) => c.notNull().defaultTo(""))
    /** Where the entry came from (`letterboxd`) and its key there (a diary entry's address). */
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("film_log_source_kind_key", ["source", "kind", "source_key"])
    .addCheckConstraint("film_log_kind", sql`kind in ('diary', 'watched', 'rating', 'like')`)
    .execute();
  await db.schema
    .createIndex("film_log_film")
    .on("film_log")
    .columns(["film_id", "kind"])
    .execute();
}
