// Readers' comments under a review. Every accepted submission is a row, whatever its
// status: moderation only ever changes `status`, so no reader's words are lost.
import type { Kysely } from "kysely";
import type { Dialect } from "../connect.ts";
import { idColumn } from "./columns.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable("comments")
    .addColumn("id", id.type, id.build)
    .addColumn("review_id", "integer", (c) =>
      c.notNull().references("reviews.id").onDelete("cascade"),
    )
    // A reply keeps pointing at its parent even when that one is trashed later.
    .addColumn("parent_id", "integer", (c) => c.references("comments.id").onDelete("set null"))
    .addColumn("author_name", "text", (c) => c.notNull())
    .addColumn("author_email", "text", (c) => c.notNull())
    .addColumn("author_url", "text")
    .addColumn("body_md", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().defaultTo("comment"))
    .addColumn("notify_replies", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("notify_posts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("ip", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("user_agent", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("approved_at", "text")
    .execute();
  await db.schema
    .createIndex("comments_review_status_created")
    .on("comments")
    .columns(["review_id", "status", "created_at"])
    .execute();
  await db.schema
    .createIndex("comments_email_status")
    .on("comments")
    .columns(["author_email", "status"])
    .execute();
  // Rate limits count recent comments from one address.
  await db.schema
    .createIndex("comments_ip_created")
    .on("comments")
    .columns(["ip", "created_at"])
    .execute();
}
