// Webmentions both ways (issue 18, point 6).
//
// - webmentions: one row per (direction, source, target). Incoming rows are queued by the
//   public endpoint and verified by the worker (src/webmention/worker.ts), which fetches the
//   source; outgoing rows are queued when a review or post is published or updated and sent
//   by the same worker. Claimed with a lease (claimed_until) so several app instances share
//   the queue, retried with backoff, like mail_outbox.
// - comments.source_url: the page a comment that came from the web lives on, linked beside it.
import type { Kysely } from "kysely";
import type { Dialect } from "../connect.ts";
import { idColumn } from "./columns.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema.alterTable("comments").addColumn("source_url", "text").execute();
  await db.schema
    .createTable("webmentions")
    .addColumn("id", id.type, id.build)
    // "in": another site mentions ours; "out": ours mentions another site.
    .addColumn("direction", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("target", "text", (c) => c.notNull())
    // The source's host, for the per-site rate limit of the endpoint.
    .addColumn("source_host", "text", (c) => c.notNull())
    // Our review or post: the target of an incoming mention, the source of an outgoing one.
    .addColumn("review_id", "integer", (c) => c.references("reviews.id").onDelete("cascade"))
    .addColumn("post_id", "integer", (c) => c.references("posts.id").onDelete("cascade"))
    // The comment an incoming mention became, while it exists.
    .addColumn("comment_id", "integer", (c) => c.references("comments.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("claimed_until", "text")
    // Set when the work is done (verified, removed, sent) or given up.
    .addColumn("done_at", "text")
    .addColumn("failed_at", "text")
    // What came of it, for the admin and the log: "reply", "removed", "sent 202", "no endpoint"…
    .addColumn("outcome", "text")
    .addColumn("last_error", "text")
    .addUniqueConstraint("webmentions_direction_source_target", ["direction", "source", "target"])
    .execute();
  await db.schema
    .createIndex("webmentions_due")
    .on("webmentions")
    .columns(["done_at", "next_attempt_at"])
    .execute();
  await db.schema
    .createIndex("webmentions_host_created")
    .on("webmentions")
    .columns(["direction", "source_host", "created_at"])
    .execute();
}
