// Replies from the fediverse as comments (issue 18, point 3): a remote Note becomes a comment
// in a review's thread through the same moderation rules as the comment form, with the remote
// actor standing in for the commenter's address ("first comment held" means that actor's
// first), a flood limit per remote server, and edits and deletions matched to the Note that
// made the comment. The inbox listeners (src/federation/inbox/) call these after Fedify has
// verified who sent what.
import type { Db } from "../../db/connect.ts";
import type { CommentStatus } from "../../db/schema.ts";
import { inTransaction } from "../../db/transaction.ts";
import { commentHtmlText, countLinks } from "../../content/comment-markdown.ts";
import { reviewSubject, subjectOf, type CommentSubject } from "../comment-subjects.ts";
import { announce, commentById, createComment, setCommentStatus } from "../comments.ts";
import { commentsClosed, decideStatus } from "../moderation/rules.ts";
import type { SiteSettings } from "../settings.ts";
import { nowIso } from "../time.ts";
import { hostOf } from "./followers.ts";

/** Replies one remote server may send in a window; more are refused until it passes. */
const serverReplyLimit = { replies: 30, windowMs: 10 * 60_000 };

interface StoredReply {
  commentId: number;
  actorUri: string;
  status: CommentStatus;
  subject: CommentSubject;
}

/** The comment a remote Note became, if any. */
export async function replyByNote(db: Db, noteId: string): Promise<StoredReply | undefined> {
  const row = await db.kysely
    .selectFrom("federation_replies")
    .innerJoin("comments", "comments.id", "federation_replies.comment_id")
    .select([
      "comments.id as id",
      "comments.review_id as review_id",
      "comments.post_id as post_id",
      "comments.status as status",
      "federation_replies.actor_uri as actorUri",
    ])
    .where("federation_replies.note_id", "=", noteId)
    .executeTakeFirst();
  if (!row) return undefined;
  return { commentId: row.id, actorUri: row.actorUri, status: row.status, subject: subjectOf(row) };
}

/** Where a reply goes: a thread, and the comment it answers (none for the review itself). */
export interface ReplyPlace {
  subject: CommentSubject;
  parentId: number | null;
}

/** A reply to one of the site's comments: it threads under it, if that comment is shown. */
export async function placeUnderComment(db: Db, commentId: number): Promise<ReplyPlace | null> {
  const parent = await commentById(db, commentId);
  if (!parent || parent.status !== "approved") return null;
  return { subject: subjectOf(parent), parentId: parent.id };
}

/** A reply to a remote Note that is a comment here threads under that comment. */
export async function placeUnderNote(db: Db, noteId: string): Promise<ReplyPlace | null> {
  const stored = await replyByNote(db, noteId);
  if (!stored || stored.status === "trash" || stored.status === "spam") return null;
  return { subject: stored.subject, parentId: stored.commentId };
}

/** A reply to a review's Article: only one the fediverse was sent (federation_posts). */
export async function placeOnReview(db: Db, reviewId: number): Promise<ReplyPlace | null> {
  const sent = await db.kysely
    .selectFrom("federation_posts")
    .select("review_id")
    .where("review_id", "=", reviewId)
    .executeTakeFirst();
  return sent ? { subject: reviewSubject(reviewId), parentId: null } : null;
}

/** Comments on the review have closed (the owner's "close after N days"): replies too. */
export async function threadClosed(db: Db, place: ReplyPlace, settings: SiteSettings) {
  if (place.subject.kind !== "review") return false;
  const review = await db.kysely
    .selectFrom("reviews")
    .select("published_at")
    .where("id", "=", place.subject.id)
    .executeTakeFirst();
  return commentsClosed(review?.published_at ?? null, settings.closeCommentsAfterDays, nowIso());
}

/** Whether a server has sent its share of replies for now. */
export async function serverOverReplyLimit(db: Db, host: string, nowMs = Date.now()) {
  const since = new Date(nowMs - serverReplyLimit.windowMs).toISOString();
  const row = await db.kysely
    .selectFrom("federation_replies")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("actor_host", "=", host)
    .where("created_at", ">", since)
    .executeTakeFirstOrThrow();
  return Number(row.n) >= serverReplyLimit.replies;
}

/** The actor has a reply approved here already: it is a known commenter. */
async function actorIsKnown(db: Db, actorUri: string): Promise<boolean> {
  const row = await db.kysely
    .selectFrom("federation_replies")
    .innerJoin("comments", "comments.id", "federation_replies.comment_id")
    .select("comments.id")
    .where("federation_replies.actor_uri", "=", actorUri)
    .where("comments.status", "=", "approved")
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

interface IncomingReply {
  place: ReplyPlace;
  noteId: string;
  /** The Note's `url` (its page on the author's server), else its id. */
  url: string;
  actorUri: string;
  actorInbox: string | null;
  name: string;
  handle: string | null;
  avatarPath: string;
  profileUrl: string | null;
  /** Already cut down to the comment subset (sanitizeCommentHtml). */
  html: string;
  /** "reply", or "mention" for a Note that names the blog without replying to anything here. */
  kind: "reply" | "mention";
  settings: SiteSettings;
}

/** Stores the reply as a comment, status by the moderation rules; returns the comment's id. */
export async function saveFediverseReply(db: Db, reply: IncomingReply): Promise<number> {
  const body = commentHtmlText(reply.html);
  const decision = decideStatus(
    {
      body,
      name: reply.name,
      email: "",
      url: reply.profileUrl ?? reply.actorUri,
      ip: "",
      userAgent: "",
      linkCount: countLinks(reply.html),
      honeypot: "",
      // A server relays what its user wrote; there is no form to fill too fast.
      fillMs: Number.MAX_SAFE_INTEGER,
      knownCommenter: await actorIsKnown(db, reply.actorUri),
    },
    reply.settings,
  );
  // A mention is the owner's to place: it always waits.
  const status =
    reply.kind === "mention" && decision.status === "approved" ? "pending" : decision.status;
  const reason =
    reply.kind === "mention" && status !== decision.status ? "a mention" : decision.reason;
  return inTransaction(db, async (trx) => {
    const comment = await createComment(trx, {
      subject: reply.place.subject,
      parentId: reply.place.parentId ?? undefined,
      name: reply.name,
      email: "",
      url: reply.profileUrl ?? reply.actorUri,
      body,
      bodyHtml: reply.html,
      status,
      kind: reply.kind,
      sourceUrl: reply.url,
      handle: reply.handle ?? undefined,
      avatarPath: reply.avatarPath,
      holdReason: `Fediverse: ${reason}`,
    });
    await trx.kysely
      .insertInto("federation_replies")
      .values({
        comment_id: comment.id,
        note_id: reply.noteId,
        actor_uri: reply.actorUri,
        actor_host: hostOf(reply.actorUri),
        actor_inbox: reply.actorInbox,
        created_at: nowIso(),
      })
      .execute();
    return comment.id;
  });
}

/** An Update of the Note: new words, the moderator's decision kept. */
export async function editFediverseReply(db: Db, commentId: number, html: string): Promise<void> {
  const comment = await commentById(db, commentId);
  if (!comment) return;
  await db.kysely
    .updateTable("comments")
    .set({ body_md: commentHtmlText(html), body_html: html })
    .where("id", "=", commentId)
    .execute();
  if (comment.status === "approved") await announce(db, subjectOf(comment));
}

/** A Delete of the Note: the comment goes to the trash, restorable as moderation's are. */
export async function trashFediverseReply(db: Db, commentId: number): Promise<void> {
  await setCommentStatus(db, commentId, "trash");
}
