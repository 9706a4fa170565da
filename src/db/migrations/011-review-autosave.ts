// Autosaved editor drafts: what the reviewer typed, kept on the server until saved for real.
// One row per person and review (or, for a review never saved yet, per draft key the editor
// page was given), so two editors of one review never overwrite each other's unsaved text.
// The published text is never touched: these rows live beside the review, not in it.
import type { Kysely } from "kysely";
import type { Dialect } from "../connect.ts";
import { idColumn } from "./columns.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable("review_autosaves")
    .addColumn("id", id.type, id.build)
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    /** The review being edited; null for a new review, which has a draft key instead. */
    .addColumn("review_id", "integer", (c) => c.references("reviews.id").onDelete("cascade"))
    .addColumn("draft_key", "text")
    /** JSON of every editor field, as typed. */
    .addColumn("fields", "text", (c) => c.notNull())
    .addColumn("saved_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("review_autosaves_user_review")
    .on("review_autosaves")
    .columns(["user_id", "review_id"])
    .unique()
    .execute();
  await db.schema
    .createIndex("review_autosaves_user_draft")
    .on("review_autosaves")
    .columns(["user_id", "draft_key"])
    .unique()
    .execute();
}
