// The Webmention queue (migration 030): incoming mentions waiting to be verified and outgoing
// ones waiting to be sent, one row per (direction, source, target). The worker
// (src/webmention/worker.ts) claims due rows with a lease, so several app instances share the
// queue and a row is worked once; failures are retried with backoff, then given up.
import type { Selectable } from "kysely";
import type { Db } from "../../db/connect.ts";
import type { WebmentionDirection, WebmentionsTable } from "../../db/schema.ts";
import { subjectColumns, type CommentSubject } from "../comment-subjects.ts";

export type WebmentionRow = Selectable<WebmentionsTable>;

export const claimLeaseMs = 5 * 60 * 1000;
/** After this many failed attempts (about a day of backoff) a row is given up. */
const maxAttempts = 8;

interface QueuedMention {
  direction: WebmentionDirection;
  source: string;
  target: string;
  subject: CommentSubject;
}

/**
 * Queues a mention, or queues it again when the same source and target come back (the
 * sender's page changed, or ours did): the row is due now and its attempts start over.
 */
export async function queueMention(db: Db, mention: QueuedMention, now: Date): Promise<void> {
  const at = now.toISOString();
  const again = {
    next_attempt_at: at,
    updated_at: at,
    attempts: 0,
    done_at: null,
    failed_at: null,
    last_error: null,
    claimed_until: null,
  };
  await db.kysely
    .insertInto("webmentions")
    .values({
      direction: mention.direction,
      source: mention.source,
      target: mention.target,
      source_host: new URL(mention.source).hostname,
      ...subjectColumns(mention.subject),
      created_at: at,
      ...again,
    })
    .onConflict((oc) => oc.columns(["direction", "source", "target"]).doUpdateSet(again))
    .execute();
}

/** Incoming mentions from one host within the last hour, for the endpoint's rate limit. */
export async function recentMentionsFrom(db: Db, host: string, now: Date): Promise<number> {
  const row = await db.kysely
    .selectFrom("webmentions")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("direction", "=", "in")
    .where("source_host", "=", host)
    .where("updated_at", ">", new Date(now.getTime() - 3_600_000).toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Takes up to `limit` due rows; one UPDATE, so two workers never take the same row. */
export async function claimDueMentions(db: Db, now: Date, limit = 10): Promise<WebmentionRow[]> {
  const at = now.toISOString();
  return db.kysely
    .updateTable("webmentions")
    .set({ claimed_until: new Date(now.getTime() + claimLeaseMs).toISOString() })
    .where("id", "in", (eb) => {
      const due = eb
        .selectFrom("webmentions")
        .select("id")
        .where("done_at", "is", null)
        .where("next_attempt_at", "<=", at)
        .where((w) => w.or([w("claimed_until", "is", null), w("claimed_until", "<", at)]))
        .orderBy("id")
        .limit(limit);
      return db.dialect === "postgres" ? due.forUpdate().skipLocked() : due;
    })
    .returningAll()
    .execute();
}

export async function markMentionDone(
  db: Db,
  row: Pick<WebmentionRow, "id" | "attempts">,
  outcome: string,
  now: Date,
  commentId?: number | null,
): Promise<void> {
  await db.kysely
    .updateTable("webmentions")
    .set({
      done_at: now.toISOString(),
      updated_at: now.toISOString(),
      claimed_until: null,
      attempts: row.attempts + 1,
      outcome: outcome.slice(0, 200),
      last_error: null,
      ...(commentId === undefined ? {} : { comment_id: commentId }),
    })
    .where("id", "=", row.id)
    .execute();
}

/** Retry delay after `attempts` failures: 1, 4, 16 … minutes, at most six hours. */
function mentionRetryDelayMs(attempts: number): number {
  return Math.min(6 * 60 * 60_000, 60_000 * 4 ** Math.max(0, attempts - 1));
}

/** A failed attempt: retried later, or given up when hopeless or tried too often. */
export async function markMentionFailed(
  db: Db,
  row: Pick<WebmentionRow, "id" | "attempts">,
  error: string,
  now: Date,
  permanent = false,
): Promise<void> {
  const attempts = row.attempts + 1;
  const giveUp = permanent || attempts >= maxAttempts;
  await db.kysely
    .updateTable("webmentions")
    .set({
      attempts,
      updated_at: now.toISOString(),
      claimed_until: null,
      last_error: error.slice(0, 500),
      next_attempt_at: new Date(now.getTime() + mentionRetryDelayMs(attempts)).toISOString(),
      done_at: giveUp ? now.toISOString() : null,
      failed_at: giveUp ? now.toISOString() : null,
      outcome: giveUp ? "given up" : null,
    })
    .where("id", "=", row.id)
    .execute();
}
