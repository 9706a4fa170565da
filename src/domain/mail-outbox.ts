// The outbox: every mail is a row here first, written in the same transaction as whatever
// caused it, so a message is never lost to an SMTP outage or a crash. The sender
// (src/mail/sender.ts) claims due rows with a lease, delivers them, and records the result.
//
// Lifetimes: a message not delivered within `giveUpAfterMs` of being queued (SMTP down or
// not set up all that time) is given up and marked failed; sent and failed rows are deleted
// `keepAfterMs` later.
import type { Selectable } from "kysely";
import { z } from "zod";
import type { Db } from "../db/connect.ts";
import type { MailKind, MailOutboxTable } from "../db/schema.ts";
import { nowIso } from "./time.ts";

export type OutboxRow = Selectable<MailOutboxTable>;

const giveUpAfterMs = 7 * 24 * 60 * 60 * 1000;
const keepAfterMs = 30 * 24 * 60 * 60 * 1000;
/** How long a claimed row is left to its sender before another may take it. */
const claimLeaseMs = 10 * 60 * 1000;

const commentPayload = z.object({
  commentId: z.number(),
  reviewSlug: z.string(),
  filmLabel: z.string(),
  commenterName: z.string(),
  body: z.string(),
  /** What the comment is on; absent in notices queued before posts took comments: a review. */
  subjectKind: z.enum(["review", "post", "page"]).optional(),
  /** Its address (/review/SLUG, /post/SLUG, /pages/SLUG); absent: /review/reviewSlug. */
  path: z.string().optional(),
});

/** What each kind of mail needs to be written; checked again when it is read back. */
export const payloadSchemas = {
  confirmation: z.object({}),
  "author-notice": commentPayload.extend({ held: z.boolean() }),
  "reply-notice": commentPayload,
  "post-notice": z.object({
    reviewSlug: z.string(),
    filmLabel: z.string(),
    excerpt: z.string(),
    authorName: z.string(),
  }),
  // The link's secret: here only until the mail is sent (markSent forgets it).
  "sign-in-link": z.object({ token: z.string(), expiresAt: z.string() }),
  "password-reset": z.object({ token: z.string(), expiresAt: z.string() }),
} satisfies Record<MailKind, z.ZodType>;

export type Payload<K extends MailKind> = z.infer<(typeof payloadSchemas)[K]>;

interface NewMail<K extends MailKind> {
  kind: K;
  to: string;
  payload: Payload<K>;
  /** The list the recipient can leave from this mail. */
  listScope?: string;
  /** A second mail with the same key is silently not queued. */
  dedupeKey?: string;
  /** When it was queued (and first due); now unless the sender queues it for its own round. */
  queuedAt?: string;
}

export async function enqueueMail<K extends MailKind>(db: Db, mail: NewMail<K>): Promise<void> {
  const now = mail.queuedAt ?? nowIso();
  await db.kysely
    .insertInto("mail_outbox")
    .values({
      kind: mail.kind,
      to_address: mail.to,
      list_scope: mail.listScope ?? null,
      payload: JSON.stringify(mail.payload),
      dedupe_key: mail.dedupeKey ?? null,
      created_at: now,
      next_attempt_at: now,
    })
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .execute();
}

/**
 * Takes up to `limit` due messages for this sender: one UPDATE, so two senders (two app
 * instances) never take the same row; on PostgreSQL the rows another sender is claiming at
 * the same moment are skipped rather than waited for.
 */
export async function claimDueMail(db: Db, now: Date, limit = 10): Promise<OutboxRow[]> {
  const at = now.toISOString();
  return db.kysely
    .updateTable("mail_outbox")
    .set({ claimed_until: new Date(now.getTime() + claimLeaseMs).toISOString() })
    .where("id", "in", (eb) => {
      const due = eb
        .selectFrom("mail_outbox")
        .select("id")
        .where("sent_at", "is", null)
        .where("failed_at", "is", null)
        .where("next_attempt_at", "<=", at)
        .where((w) => w.or([w("claimed_until", "is", null), w("claimed_until", "<", at)]))
        .orderBy("id")
        .limit(limit);
      return db.dialect === "postgres" ? due.forUpdate().skipLocked() : due;
    })
    .returningAll()
    .execute();
}

/** Hands claimed rows back untouched (a sender stopping mid-round): due again at once. */
export async function releaseClaims(db: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.kysely
    .updateTable("mail_outbox")
    .set({ claimed_until: null })
    .where("id", "in", ids)
    .where("sent_at", "is", null)
    .execute();
}

/** Kinds whose payload is a secret: once the mail is out, the row keeps none of it. */
const secretKinds = ["sign-in-link", "password-reset"] as const;

export async function markSent(db: Db, id: number, now: Date): Promise<void> {
  await db.kysely
    .updateTable("mail_outbox")
    .set((eb) => ({
      payload: eb
        .case()
        .when("kind", "in", [...secretKinds])
        .then("{}")
        .else(eb.ref("payload"))
        .end(),
      sent_at: now.toISOString(),
      claimed_until: null,
      attempts: eb("attempts", "+", 1),
      last_error: null,
    }))
    .where("id", "=", id)
    .execute();
}

/** Retry delay after `attempts` failures: 1, 2, 4 … minutes, at most an hour. */
function retryDelayMs(attempts: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/** Records a failed attempt; the row is retried later, or given up when too old or hopeless. */
export async function markFailed(
  db: Db,
  row: Pick<OutboxRow, "id" | "attempts" | "created_at">,
  error: string,
  now: Date,
  permanent = false,
): Promise<void> {
  const attempts = row.attempts + 1;
  const giveUp = permanent || now.getTime() - Date.parse(row.created_at) > giveUpAfterMs;
  await db.kysely
    .updateTable("mail_outbox")
    .set({
      attempts,
      last_error: error.slice(0, 1000),
      claimed_until: null,
      next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
      failed_at: giveUp ? now.toISOString() : null,
    })
    .where("id", "=", row.id)
    .execute();
}

/** Gives up what waited too long (mail not set up), and forgets old sent and failed rows. */
export async function tidyOutbox(db: Db, now: Date): Promise<void> {
  const tooOld = new Date(now.getTime() - giveUpAfterMs).toISOString();
  await db.kysely
    .updateTable("mail_outbox")
    .set({ failed_at: now.toISOString(), last_error: "Not delivered within 7 days; given up." })
    .where("sent_at", "is", null)
    .where("failed_at", "is", null)
    .where("created_at", "<", tooOld)
    .execute();
  const forgotten = new Date(now.getTime() - keepAfterMs).toISOString();
  await db.kysely
    .deleteFrom("mail_outbox")
    .where((eb) => eb.or([eb("sent_at", "<", forgotten), eb("failed_at", "<", forgotten)]))
    .execute();
}

export interface OutboxSummary {
  waiting: number;
  failed: number;
  lastError: string | null;
}

/** For the mail settings page: what waits, what was given up, and the latest error. */
export async function outboxSummary(db: Db): Promise<OutboxSummary> {
  const counts = await db.kysely
    .selectFrom("mail_outbox")
    .select([
      (eb) => eb.fn.count<string | number>("id").filterWhere("sent_at", "is", null).as("waiting"),
      (eb) =>
        eb.fn.count<string | number>("id").filterWhere("failed_at", "is not", null).as("failed"),
    ])
    .executeTakeFirstOrThrow();
  const latest = await db.kysely
    .selectFrom("mail_outbox")
    .select("last_error")
    .where("last_error", "is not", null)
    .where("sent_at", "is", null)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return {
    waiting: Number(counts.waiting) - Number(counts.failed),
    failed: Number(counts.failed),
    lastError: latest?.last_error ?? null,
  };
}
