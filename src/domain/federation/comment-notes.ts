// The site's own comments as the fediverse sees them (issue 18, point 3): an approved comment
// on a review that was sent out is a Note, so a Mastodon reader following the thread sees the
// whole conversation. Which comments are due to go out, which were sent and have since been
// trashed (a Delete is due), and what each answers (the review, one of ours, a remote Note).
import type { Db } from "../../db/connect.ts";
import { nowIso } from "../time.ts";

export interface CommentAsNote {
  id: number;
  reviewId: number;
  reviewSlug: string;
  authorName: string;
  bodyHtml: string;
  createdAt: string;
  /** What it answers: null for the review itself. */
  parent:
    | { kind: "local"; commentId: number }
    | { kind: "remote"; noteId: string; actorUri: string; actorInbox: string | null }
    | null;
}

/** Approved comments written on this site (not Webmentions, not fediverse replies). */
function ownApprovedComments(db: Db) {
  return db.kysely
    .selectFrom("comments")
    .innerJoin("federation_posts", "federation_posts.review_id", "comments.review_id")
    .innerJoin("reviews", "reviews.id", "comments.review_id")
    .leftJoin("federation_replies", "federation_replies.comment_id", "comments.id")
    .select([
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
  }[],
): Promise<CommentAsNote[]> {
  const result: CommentAsNote[] = [];
  for (const row of rows) {
    let parent: CommentAsNote["parent"] = null;
    if (row.parentId !== null) {
      const remote = await db.kysely
        .selectFrom("federation_replies")
        .select(["note_id", "actor_uri", "actor_inbox"])
        .where("comment_id", "=", row.parentId)
        .executeTakeFirst();
      parent = remote
        ? {
            kind: "remote",
            noteId: remote.note_id,
            actorUri: remote.actor_uri,
            actorInbox: remote.actor_inbox,
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
    .leftJoin("federation_comment_notes", "federation_comment_notes.comment_id", "comments.id")
    .where("federation_comment_notes.comment_id", "is", null)
    .orderBy("comments.id")
    .limit(limit)
    .execute();
  return withParents(db, rows);
}

/** Comments sent earlier that are no longer shown (trashed, spam, held again, deleted). */
export async function commentNotesToRetract(db: Db): Promise<number[]> {
  const rows = await db.kysely
    .selectFrom("federation_comment_notes")
    .leftJoin("comments", "comments.id", "federation_comment_notes.comment_id")
    .select("federation_comment_notes.comment_id as id")
    .where((eb) => eb.or([eb("comments.id", "is", null), eb("comments.status", "<>", "approved")]))
    .limit(50)
    .execute();
  return rows.map((r) => r.id);
}

export async function markCommentNoteSent(db: Db, commentId: number, reviewId: number) {
  await db.kysely
    .insertInto("federation_comment_notes")
    .values({ comment_id: commentId, review_id: reviewId, sent_at: nowIso() })
    .onConflict((oc) => oc.column("comment_id").doNothing())
    .execute();
}

export async function forgetCommentNote(db: Db, commentId: number): Promise<void> {
  await db.kysely
    .deleteFrom("federation_comment_notes")
    .where("comment_id", "=", commentId)
    .execute();
}
