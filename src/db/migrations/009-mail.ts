// Mail: the outbox every message passes through, and e-mail subscriptions (double opt-in).
//
// - mail_outbox: one row per message, written in the same transaction as what caused it, so
//   nothing is lost while SMTP is down; the sender claims rows with a lease (claimed_until),
//   which lets several app instances share the table.
// - mail_subscriptions: an address's choice for one list ("posts", "review:ID", "author"),
//   pending until confirmed from the mail, or unsubscribed.
// - mail_confirmations: when an address was last sent a confirmation (at most one a day).
// - mail_announcements: reviews already announced to post subscribers (each exactly once).
//   Reviews published before this migration ran are the back catalogue: never announced
//   (see the `mail.announceSince` setting written below).
import type { Kysely } from "kysely";
import type { Dialect } from "../connect.ts";
import { idColumn } from "./columns.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable("mail_outbox")
    .addColumn("id", id.type, id.build)
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("to_address", "text", (c) => c.notNull())
    // The list a reader can leave from this mail (null for confirmations and tests).
    .addColumn("list_scope", "text")
    // What the message says, as JSON; rendered when sent (src/mail/messages.ts).
    .addColumn("payload", "text", (c) => c.notNull())
    // One message per cause and recipient, however often the cause repeats.
    .addColumn("dedupe_key", "text", (c) => c.unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("claimed_until", "text")
    .addColumn("sent_at", "text")
    .addColumn("failed_at", "text")
    .addColumn("last_error", "text")
    .execute();
  await db.schema
    .createIndex("mail_outbox_due")
    .on("mail_outbox")
    .columns(["sent_at", "failed_at", "next_attempt_at"])
    .execute();

  await db.schema
    .createTable("mail_subscriptions")
    .addColumn("id", id.type, id.build)
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    // For "review:ID" scopes: the subscription goes when the review does.
    .addColumn("review_id", "integer", (c) => c.references("reviews.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .addColumn("unsubscribed_at", "text")
    .addUniqueConstraint("mail_subscriptions_email_scope", ["email", "scope"])
    .execute();
  await db.schema
    .createIndex("mail_subscriptions_scope_status")
    .on("mail_subscriptions")
    .columns(["scope", "status"])
    .execute();

  await db.schema
    .createTable("mail_confirmations")
    .addColumn("email", "text", (c) => c.primaryKey())
    .addColumn("last_sent_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("mail_announcements")
    .addColumn("review_id", "integer", (c) =>
      c.primaryKey().references("reviews.id").onDelete("cascade"),
    )
    .addColumn("announced_at", "text", (c) => c.notNull())
    .execute();

  await db
    .insertInto("settings")
    .values({ key: "mail.announceSince", value: new Date().toISOString() })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
}
