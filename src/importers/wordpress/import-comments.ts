// A post's comments — on a review, or on a plain post or page — with their threads, statuses and kinds (pingbacks and trackbacks stay
// what they are). Comments already brought in by an earlier run are recognised and left
// alone; new ones are added. Imported comments are history: they send no mail.
import type { Db } from "../../db/connect.ts";
import type { Insertable } from "kysely";
import type { CommentKind, CommentsTable, CommentStatus } from "../../db/schema.ts";
import { inTransaction } from "../../db/transaction.ts";
import { renderCommentBody } from "../../content/comment-markdown.ts";
import {
  reviewSubject,
  subjectColumns,
  type CommentSubject,
} from "../../domain/comment-subjects.ts";
import { importedIds, recordImported } from "../../domain/import-items.ts";
import { nowIso } from "../../domain/time.ts";
import { commentHtmlToMarkdown } from "./comment-html.ts";
import { decodeEntities } from "./review-post.ts";
import type { WxrComment } from "./wxr-types.ts";
import { wordpressDate } from "./wordpress-date.ts";

const statusOf: Record<string, CommentStatus> = {
  "1": "approved",
  "0": "pending",
  spam: "spam",
  trash: "trash",
  "post-trashed": "trash",
};

function kindOf(type: string): CommentKind {
  return type === "pingback" || type === "trackback" ? type : "comment";
}

type CommentRow = Insertable<CommentsTable>;

function rowOf(
  comment: WxrComment,
  subject: CommentSubject,
  parentId: number | null,
  createdAt: string,
): CommentRow {
  const status = statusOf[comment.approved] ?? "pending";
  const body = commentHtmlToMarkdown(comment.content);
  return {
    ...subjectColumns(subject),
    parent_id: parentId,
    author_name: decodeEntities(comment.author).trim() || "Anonymous",
    author_email: comment.email.trim().toLowerCase(),
    author_url: /^https?:\/\//i.test(comment.url.trim()) ? comment.url.trim() : null,
    body_md: body,
    body_html: renderCommentBody(body),
    status,
    kind: kindOf(comment.type),
    ip: comment.ip,
    created_at: createdAt,
    approved_at: status === "approved" ? createdAt : null,
    prior_status: null,
  };
}

function parentOf(comment: WxrComment): string | undefined {
  return comment.parentId && comment.parentId !== "0" ? comment.parentId : undefined;
}

/**
 * Inserts rows many to a statement. Both databases number the rows of one INSERT in the
 * order of its VALUES, so the returned ids, sorted, line up with the rows given.
 */
async function insertRows(db: Db, rows: CommentRow[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 250) {
    const inserted = await db.kysely
      .insertInto("comments")
      .values(rows.slice(i, i + 250))
      .returning("id")
      .execute();
    ids.push(...inserted.map((r) => r.id).sort((a, b) => a - b));
  }
  return ids;
}

/** One post's comments, for importCommentsOfPosts. */
interface PostComments {
  /** A bare number is a review's id. */
  on: number | CommentSubject;
  comments: WxrComment[];
  /** When each comment was written (comment-date.ts); by default its own dates, or now. */
  dateOf?: (comment: WxrComment) => string;
}

const ownDates = (c: WxrComment) => wordpressDate(c.dateGmt) ?? wordpressDate(c.date) ?? nowIso();

/** Adds the comments not yet imported; returns counts by what was added. */
export async function importComments(
  db: Db,
  source: string,
  on: number | CommentSubject,
  comments: WxrComment[],
  dateOf: (comment: WxrComment) => string = ownDates,
): Promise<Map<string, number>> {
  return importCommentsOfPosts(db, source, [{ on, comments, dateOf }]);
}

/**
 * The comments of many posts at once (an import's batch), a thread level at a time across
 * all of them, so a batch costs a few statements rather than a few per post. Each post's
 * threads are its own: a reply to a comment of another post stands on its own, as a reply
 * to a comment missing from the export does.
 */
export async function importCommentsOfPosts(
  db: Db,
  source: string,
  posts: PostComments[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const all = posts.flatMap((post) => post.comments.map((c) => c.id));
  if (all.length === 0) return counts;
  return inTransaction(db, async (trx) => {
    /** Local ids by WordPress id: already imported, or added here. */
    const known = await importedIds(trx, source, "comment", all);
    const claimed = new Set(known.keys());
    const threads = posts.map((post) => {
      const ids = new Set(post.comments.map((c) => c.id));
      // A comment met twice (a broken export) goes in once, with the first post naming it.
      const waiting = post.comments
        .filter((c) => !claimed.has(c.id))
        .sort((a, b) => Number(a.id) - Number(b.id));
      for (const c of waiting) claimed.add(c.id);
      return { post, subject: subjectOf(post.on), ids, waiting };
    });
    const added: { externalId: string; localId: number }[] = [];
    // A thread level at a time: a reply goes in once the comment it answers has an id here.
    while (threads.some((t) => t.waiting.length > 0)) {
      const level = threads.flatMap((thread) => {
        const ready = thread.waiting.filter((c) => {
          const parent = parentOf(c);
          return !parent || known.has(parent) || !thread.ids.has(parent);
        });
        // Replies that only answer each other in a circle (a broken export) go in unthreaded.
        const batch = ready.length > 0 ? ready : thread.waiting;
        const done = new Set(batch);
        thread.waiting = thread.waiting.filter((c) => !done.has(c));
        const dateOf = thread.post.dateOf ?? ownDates;
        return batch.map((c) => {
          const parent = parentOf(c);
          const parentId = parent && thread.ids.has(parent) ? (known.get(parent) ?? null) : null;
          return { comment: c, row: rowOf(c, thread.subject, parentId, dateOf(c)) };
        });
      });
      const ids = await insertRows(
        trx,
        level.map((l) => l.row),
      );
      level.forEach(({ comment, row }, i) => {
        const localId = ids[i]!;
        known.set(comment.id, localId);
        added.push({ externalId: comment.id, localId });
        const kind = row.kind ?? "comment";
        const what = kind === "comment" ? `comments (${row.status})` : `${kind}s (${row.status})`;
        counts.set(what, (counts.get(what) ?? 0) + 1);
      });
    }
    await recordImported(trx, source, "comment", added);
    return counts;
  });
}

function subjectOf(on: number | CommentSubject): CommentSubject {
  return typeof on === "number" ? reviewSubject(on) : on;
}
