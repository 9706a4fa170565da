// Fediverse replies as comments (issue 18, point 3).
//
// - comments.author_handle / comments.avatar_path: a remote author's @user@server and the
//   picture copied into our media, shown beside the comment; null for the site's own comments.
// - federation_replies: which remote Note each such comment is, and who wrote it, so that an
//   Update or Delete is matched to its comment (and accepted only from the same actor), a
//   reply to that Note threads under it, and moderation and rate limits count per actor and
//   per server.
// - federation_comment_notes: the site's own approved comments sent out as Notes, so that one
//   trashed later is followed by a Delete (and none is sent twice).
// - federation_mentions: Notes that mention the blog but neither reply to nor link to anything
//   on it, kept for the owner to read on the Fediverse admin page (there is no thread to hold
//   them in).
import type { Kysely } from "kysely";
import type { Dialect } from "../connect.ts";
import { idColumn } from "./columns.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema.alterTable("comments").addColumn("author_handle", "text").execute();
  await db.schema.alterTable("comments").addColumn("avatar_path", "text").execute();
  await db.schema
    .createTable("federation_replies")
    .addColumn("id", id.type, id.build)
    .addColumn("comment_id", "integer", (c) =>
      c.notNull().unique().references("comments.id").onDelete("cascade"),
    )
    .addColumn("note_id", "text", (c) => c.notNull().unique())
    .addColumn("actor_uri", "text", (c) => c.notNull())
    // The host of actor_uri: the per-server rate limit counts by it.
    .addColumn("actor_host", "text", (c) => c.notNull())
    // Where our own replies to this Note are delivered besides the followers.
    .addColumn("actor_inbox", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("federation_replies_host_created")
    .on("federation_replies")
    .columns(["actor_host", "created_at"])
    .execute();
  await db.schema
    .createIndex("federation_replies_actor")
    .on("federation_replies")
    .column("actor_uri")
    .execute();
  await db.schema
    .createTable("federation_comment_notes")
    // No foreign key: a comment deleted outright still needs its Delete sent.
    .addColumn("comment_id", "integer", (c) => c.primaryKey())
    .addColumn("review_id", "integer", (c) => c.notNull())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("federation_mentions")
    .addColumn("id", id.type, id.build)
    .addColumn("note_id", "text", (c) => c.notNull().unique())
    .addColumn("actor_uri", "text", (c) => c.notNull())
    .addColumn("author_name", "text", (c) => c.notNull())
    .addColumn("author_handle", "text")
    .addColumn("url", "text", (c) => c.notNull())
    // Sanitised to the comment subset, as a comment's body is.
    .addColumn("body_html", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}
