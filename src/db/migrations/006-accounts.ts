// Accounts that sign in: server-side sessions, the failed sign-ins that rate limiting counts
// (kept in the database so every app instance counts the same), and review revisions.
import type { Kysely } from "kysely";
import type { Dialect } from "../connect.ts";
import { idColumn } from "./columns.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable("sessions")
    // SHA-256 of the cookie's token: a leaked table cannot be replayed as cookies.
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("user_agent", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("sign_in_attempts")
    .addColumn("id", id.type, id.build)
    /** What is being limited: `ip:203.0.113.9` or `email:someone@example.com`. */
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("sign_in_attempts_key_at")
    .on("sign_in_attempts")
    .columns(["key", "at"])
    .execute();

  await db.schema
    .createTable("review_revisions")
    .addColumn("id", id.type, id.build)
    .addColumn("review_id", "integer", (c) =>
      c.notNull().references("reviews.id").onDelete("cascade"),
    )
    /** The body as it was before a save. */
    .addColumn("body_md", "text", (c) => c.notNull())
    .addColumn("author_id", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("review_revisions_review")
    .on("review_revisions")
    .column("review_id")
    .execute();
}
