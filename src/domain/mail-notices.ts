// Who is told what, queued in the outbox inside the transaction of the change itself:
// - a review's (or post's) author hears of every new comment on it (held or published),
//   except their own;
// - confirmed subscribers of a review hear of a comment once it is approved, never of their
//   own, never of one waiting or spam;
// - confirmed subscribers of new posts hear of each review once, when it goes public.
import type { Db } from "../db/connect.ts";
import type { Comment } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import { subjectDetails, subjectOf } from "./comment-subjects.ts";
import { filmLabel } from "./films.ts";
import { enqueueMail } from "./mail-outbox.ts";
import { confirmedSubscribers, subscribeFromComment, subscriptionStatus } from "./subscriptions.ts";
import { nowIso } from "./time.ts";

/**
 * Comments stored with an old date are history being brought in (an import), not news:
 * nobody is mailed about them.
 */
const newsWindowMs = 24 * 60 * 60 * 1000;

/** Quoted comment text in a notice is cut here; the link leads to the rest. */
const quoteLength = 2000;

async function commentContext(db: Db, comment: Comment) {
  const details = await subjectDetails(db, subjectOf(comment));
  if (!details) return undefined;
  return {
    authorEmail: details.authorEmail,
    payload: {
      commentId: comment.id,
      reviewSlug: details.slug,
      filmLabel: details.label,
      subjectKind: details.kind,
      path: details.path,
      commenterName: comment.author_name,
      body: comment.body_md.slice(0, quoteLength),
    },
  };
}

/** Called by createComment, in its transaction. */
export async function commentCreated(db: Db, comment: Comment): Promise<void> {
  if (Date.now() - Date.parse(comment.created_at) > newsWindowMs) return;
  await subscribeFromComment(db, comment);
  if (comment.status === "spam" || comment.status === "trash") return;
  const context = await commentContext(db, comment);
  if (!context) return;
  const own = context.authorEmail === comment.author_email;
  if (!own && (await subscriptionStatus(db, context.authorEmail, "author")) !== "unsubscribed") {
    await enqueueMail(db, {
      kind: "author-notice",
      to: context.authorEmail,
      listScope: "author",
      dedupeKey: `author:${comment.id}`,
      payload: { ...context.payload, held: comment.status !== "approved" },
    });
  }
  if (comment.status === "approved") await commentApproved(db, comment);
}

/** Called when a comment becomes public: at creation, or when a moderator approves it. */
export async function commentApproved(db: Db, comment: Comment): Promise<void> {
  // Readers subscribe to a review's comments; posts have no such list (yet).
  if (comment.review_id === null) return;
  const scope = `review:${comment.review_id}` as const;
  const subscribers = (await confirmedSubscribers(db, scope)).filter(
    (email) => email !== comment.author_email,
  );
  if (subscribers.length === 0) return;
  const context = await commentContext(db, comment);
  if (!context) return;
  for (const email of subscribers) {
    await enqueueMail(db, {
      kind: "reply-notice",
      to: email,
      listScope: scope,
      // Approved, unapproved and approved again: still one notice.
      dedupeKey: `reply:${comment.id}:${email}`,
      payload: context.payload,
    });
  }
}

const announceSinceKey = "mail.announceSince";

/** A review public for longer than this is not news any more (a long outage, an import). */
const announceWithinMs = 7 * 24 * 60 * 60 * 1000;
const staleBefore = (now: string) => new Date(Date.parse(now) - announceWithinMs).toISOString();
/** ISO-8601 UTC strings sort as times do. */
const later = (a: string, b: string) => (a > b ? a : b);

/**
 * Queues the new-post notices of every review that has gone public since the last call,
 * each exactly once (mail_announcements), including scheduled reviews whose time came.
 * Reviews published before mail existed on this site (the back catalogue, up to the time
 * migration 009 wrote in `mail.announceSince`) are never announced, nor are reviews that have
 * been public for more than 7 days (imported history, or a sender stopped for that long).
 */
export async function announceDueReviews(db: Db, now = nowIso()): Promise<number> {
  const since = await db.kysely
    .selectFrom("settings")
    .select("value")
    .where("key", "=", announceSinceKey)
    .executeTakeFirst();
  if (!since) return 0;
  const due = await db.kysely
    .selectFrom("reviews")
    .innerJoin("films", "films.id", "reviews.film_id")
    .innerJoin("users", "users.id", "reviews.author_id")
    .select([
      "reviews.id as id",
      "reviews.slug as slug",
      "reviews.excerpt as excerpt",
      "films.title as title",
      "films.year as year",
      "users.display_name as authorName",
    ])
    .where("reviews.status", "in", ["published", "scheduled"])
    .where("reviews.published_at", "<=", now)
    .where("reviews.published_at", ">=", later(since.value, staleBefore(now)))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("mail_announcements")
            .select("mail_announcements.review_id")
            .whereRef("mail_announcements.review_id", "=", "reviews.id"),
        ),
      ),
    )
    .orderBy("reviews.published_at")
    .limit(50)
    .execute();
  let announced = 0;
  for (const review of due) {
    await inTransaction(db, async (trx) => {
      // Whoever inserts the row announces; another instance doing the same finds it taken.
      const taken = await trx.kysely
        .insertInto("mail_announcements")
        .values({ review_id: review.id, announced_at: now })
        .onConflict((oc) => oc.column("review_id").doNothing())
        .returning("review_id")
        .executeTakeFirst();
      if (!taken) return;
      announced++;
      for (const email of await confirmedSubscribers(trx, "posts")) {
        await enqueueMail(trx, {
          kind: "post-notice",
          to: email,
          listScope: "posts",
          dedupeKey: `post:${review.id}:${email}`,
          queuedAt: now,
          payload: {
            reviewSlug: review.slug,
            filmLabel: filmLabel(review),
            excerpt: review.excerpt,
            authorName: review.authorName,
          },
        });
      }
    });
  }
  return announced;
}
