// The site's own comments as the fediverse sees them (issue 18, point 3): an approved comment
// on a review that was sent out is a Note, so a Mastodon reader following the thread sees the
// whole conversation. Which comments are due to go out, which were edited since they went out
// (an Update is due), which were sent and have since been trashed (a Delete is due), and what
// each answers (the review, one of ours, a remote Note, whose author is told too).
import type { Db } from "../../db/connect.ts";
import { nowIso } from "../time.ts";

export interface CommentAsNote {
  id: number;
  reviewId: number;
  reviewSlug: string;
  authorName: string;
  bodyHtml: string;
  createdAt: string;
  /** When its last edit went out to the fediverse; null if never edited since. */
  editedAt: string | null;
  /** What the fediverse last received, to claim an edit once; null if never sent. */
  sent: { authorName: string | null; bodyHtml: string | null } | null;
  /** What it answers: null for the review itself. */
  parent:
    | { kind: "local"; commentId: number }
    | {
        kind: "remote";
        noteId: string;
        actorUri: string;
        actorInbox: string | null;
        /** @user@server, for the Mention's name; null if the author gave none. */
        actorHandle: string | null;
      }
    | null;
}

/** Approved comments written on this site (not Webmentions, not fediverse replies). */
function ownApprovedComments(db: Db) {
  return db.kysely
    .selectFrom("comments")
    .innerJoin("federation_posts", "federation_posts.review_id", "comments.review_id")
    .innerJoin("reviews", "reviews.id", "comments.review_id")
    .leftJoin("federation_replies", "federation_replies.comment_id", "comments.id")
    .leftJoin("federation_comment_notes", "federation_comment_notes.comment_id", "comments.id")
    .select([
      "federation_comment_notes.comment_id as sentId",
      "federation_comment_notes.sent_author_name as sentAuthorName",
      "federation_comment_notes.sent_body_html as sentBodyHtml",
      "federation_comment_notes.edited_at as editedAt",
      "comments.id as id",
      "comments.review_id as reviewId",
      "reviews.slug as reviewSlug",
      "comments.parent_id as parentId",
      "comments.author_name as authorName",
      "comments.body_html as bodyHtml",
      "comments.created_at as createdAt",
    ])
    .where("comments.status", "=", "approved")
    .where("comments.kind", "=", "comment")
    .where("comments.source_url", "is", null)
    .where("federation_replies.id", "is", null);
}

async function withParents(
  db: Db,
  rows: {
    id: number;
    reviewId: number | null;
    reviewSlug: string;
    parentId: number | null;
    authorName: string;
    bodyHtml: string;
    createdAt: string;
    sentId: number | null;
    sentAuthorName: string | null;
    sentBodyHtml: string | null;
    editedAt: string | null;
  }[],
): Promise<CommentAsNote[]> {
  const result: CommentAsNote[] = [];
  for (const row of rows) {
    let parent: CommentAsNote["parent"] = null;
    if (row.parentId !== null) {
      const remote = await db.kysely
        .selectFrom("federation_replies")
        .innerJoin("comments", "comments.id", "federation_replies.comment_id")
        .select(["note_id", "actor_uri", "actor_inbox", "comments.author_handle"])
        .where("federation_replies.comment_id", "=", row.parentId)
        .executeTakeFirst();
      parent = remote
        ? {
            kind: "remote",
            noteId: remote.note_id,
            actorUri: remote.actor_uri,
            actorInbox: remote.actor_inbox,
            actorHandle: remote.author_handle,
          }
        : { kind: "local", commentId: row.parentId };
    }
    result.push({
      id: row.id,
      reviewId: row.reviewId ?? 0,
      reviewSlug: row.reviewSlug,
      authorName: row.authorName,
      bodyHtml: row.bodyHtml,
      createdAt: row.createdAt,
      editedAt: row.editedAt,
      sent:
        row.sentId === null ? null : { authorName: row.sentAuthorName, bodyHtml: row.sentBodyHtml },
      parent,
    });
  }
  return result;
}

/** One comment as a Note, when the fediverse may see it (for its object's address). */
export async function commentAsNote(db: Db, commentId: number): Promise<CommentAsNote | null> {
  const rows = await ownApprovedComments(db).where("comments.id", "=", commentId).execute();
  return (await withParents(db, rows))[0] ?? null;
}

/** Comments approved but not yet sent, oldest first. */
export async function commentNotesToSend(db: Db, limit = 20): Promise<CommentAsNote[]> {
  const rows = await ownApprovedComments(db)
    .where("federation_comment_notes.comment_id", "is", null)
    .orderBy("comments.id")
    .limit(limit)
    .execute();
  return withParents(db, rows);
}

/** Comments sent earlier, still shown, whose author name or words changed since (edits). */
export async function commentNotesToUpdate(db: Db, limit = 20): Promise<CommentAsNote[]> {
  const rows = await ownApprovedComments(db)
    .where((eb) =>
      eb.or([
        eb("federation_comment_notes.sent_body_html", "<>", eb.ref("comments.body_html")),
        eb("federation_comment_notes.sent_author_name", "<>", eb.ref("comments.author_name")),
      ]),
    )
    .orderBy("comments.id")
    .limit(limit)
    .execute();
  return withParents(db, rows);
}

/**
 * Claims one edit of a sent comment: true for the one round (of any instance) that moves what
 * was sent from `comment.sent` to the comment's present words, which then sends the Update.
 */
export async function claimCommentNoteUpdate(
  db: Db,
  comment: CommentAsNote,
  editedAt: string,
): Promise<boolean> {
  const sent = comment.sent;
  if (!sent || sent.authorName === null || sent.bodyHtml === null) return false;
  const result = await db.kysely
    .updateTable("federation_comment_notes")
    .set({
      sent_author_name: comment.authorName,
      sent_body_html: comment.bodyHtml,
      edited_at: editedAt,
    })
    .where("comment_id", "=", comment.id)
    .where("sent_author_name", "=", sent.authorName)
    .where("sent_body_html", "=", sent.bodyHtml)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Comments sent earlier that are no longer shown (trashed, spam, held again, deleted). */
export async function commentNotesToRetract(db: Db): Promise<RetractedCommentNote[]> {
  return db.kysely
    .selectFrom("federation_comment_notes")
    .leftJoin("comments", "comments.id", "federation_comment_notes.comment_id")
    .select([
      "federation_comment_notes.comment_id as id",
      "federation_comment_notes.addressee_actor as addresseeActor",
      "federation_comment_notes.addressee_inbox as addresseeInbox",
    ])
    .where((eb) => eb.or([eb("comments.id", "is", null), eb("comments.status", "<>", "approved")]))
    .limit(50)
    .execute();
}

interface RetractedCommentNote {
  id: number;
  /** The remote author the comment answered, who is sent the Delete too. */
  addresseeActor: string | null;
  addresseeInbox: string | null;
}

export async function markCommentNoteSent(db: Db, comment: CommentAsNote) {
  const remote = comment.parent?.kind === "remote" ? comment.parent : null;
  await db.kysely
    .insertInto("federation_comment_notes")
    .values({
      comment_id: comment.id,
      review_id: comment.reviewId,
      sent_at: nowIso(),
      sent_author_name: comment.authorName,
      sent_body_html: comment.bodyHtml,
      addressee_actor: remote?.actorUri ?? null,
      addressee_inbox: remote?.actorInbox ?? null,
    })
    .onConflict((oc) => oc.column("comment_id").doNothing())
    .execute();
}

export async function forgetCommentNote(db: Db, commentId: number): Promise<void> {
  await db.kysely
    .deleteFrom("federation_comment_notes")
    .where("comment_id", "=", commentId)
    .execute();
}
