// Comment paging, as WordPress's "break comments into pages": a review's or post's top-level
// threads are split into pages of `commentsPerPage`, each thread with all its replies (a reply
// never lands on another page than its parent). Pages are numbered from the oldest thread;
// the subject's own address shows page 1, or the last page when the owner chose "newest".
//
// Only ids and parents of the whole thread are read to cut the pages; the full rows (bodies,
// avatars) are read for the one page shown, so a 1,500-comment review costs one page's worth.
import type { Db } from "../db/connect.ts";
import type { Comment } from "../db/schema.ts";
import { onSubject, type CommentSubject } from "./comment-subjects.ts";
import { idsInThreads, threadComments, type CommentNode } from "./comment-threads.ts";
import { commentsOfSubject, countedOnly, type PublicComment } from "./comments.ts";

interface PagingSettings {
  commentsPerPage: number;
  commentPageShown: "oldest" | "newest";
  commentThreadDepth: number;
}

export interface CommentPage {
  /** This page's comments, oldest first. */
  comments: PublicComment[];
  threads: CommentNode[];
  /** 1-based. */
  page: number;
  /** At least 1, even with no comments. */
  pageCount: number;
  /** The page the subject's own address shows. */
  defaultPage: number;
  /** Approved comments on the whole subject (a waiting one shown to its author is not counted). */
  approvedCount: number;
  /** Approved likes and reposts from the web: counted, never listed. */
  reactions: { likes: number; reposts: number };
}

interface Skeleton {
  id: number;
  parentId: number | null;
  approved: boolean;
}

/**
 * A comment's place in its subject's thread, oldest first: what the pages are cut from. A page
 * whose own statement reads them already (the review page, src/domain/review-page-read.ts)
 * hands them over instead of a second read.
 */
export interface CommentThreadRow extends Skeleton {
  kind: Comment["kind"];
}

/** Ids and parents of every comment the subject shows, oldest first. */
async function skeletonOf(db: Db, subject: CommentSubject, ownId?: number): Promise<Skeleton[]> {
  return (await rowsOf(db, subject, ownId)).filter((r) => !countedOnly.includes(r.kind));
}

/** The same rows with their kinds: likes and reposts are counted from here, in one query. */
async function rowsOf(
  db: Db,
  subject: CommentSubject,
  ownId?: number,
): Promise<CommentThreadRow[]> {
  const rows = await db.kysely
    .selectFrom("comments")
    .select(["id", "parent_id", "status", "kind"])
    .where(onSubject(subject))
    .where((eb) =>
      ownId === undefined
        ? eb("status", "=", "approved")
        : eb.or([eb("status", "=", "approved"), eb("id", "=", ownId)]),
    )
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows
    .filter((r) => r.status !== "trash")
    .map((r) => ({
      id: r.id,
      parentId: r.parent_id,
      approved: r.status === "approved",
      kind: r.kind,
    }));
}

function pageCountOf(threadCount: number, perPage: number): number {
  return Math.max(1, Math.ceil(threadCount / perPage));
}

function defaultPageOf(pageCount: number, settings: PagingSettings): number {
  return settings.commentPageShown === "newest" ? pageCount : 1;
}

/**
 * One page of a subject's comments: `page` undefined means the default page. Undefined when
 * the page does not exist (past the last one).
 */
export async function loadCommentPage(
  db: Db,
  subject: CommentSubject,
  settings: PagingSettings,
  options: {
    page?: number | undefined;
    ownId?: number | undefined;
    /** The subject's approved comments, read already; not with `ownId`, which adds its own. */
    approvedRows?: CommentThreadRow[] | undefined;
  } = {},
): Promise<CommentPage | undefined> {
  const rows =
    options.approvedRows && options.ownId === undefined
      ? options.approvedRows
      : await rowsOf(db, subject, options.ownId);
  const skeleton = rows.filter((r) => !countedOnly.includes(r.kind));
  const approvedOf = (kind: string) => rows.filter((r) => r.approved && r.kind === kind).length;
  const roots = threadComments(skeleton, settings.commentThreadDepth);
  const pageCount = pageCountOf(roots.length, settings.commentsPerPage);
  const defaultPage = defaultPageOf(pageCount, settings);
  const page = options.page ?? defaultPage;
  if (page < 1 || page > pageCount) return undefined;
  const start = (page - 1) * settings.commentsPerPage;
  const ids = idsInThreads(roots.slice(start, start + settings.commentsPerPage));
  const comments = await commentsOfSubject(db, subject, options.ownId, ids);
  return {
    comments,
    threads: threadComments(comments, settings.commentThreadDepth),
    page,
    pageCount,
    defaultPage,
    approvedCount: skeleton.filter((c) => c.approved).length,
    reactions: { likes: approvedOf("like"), reposts: approvedOf("repost") },
  };
}

/**
 * The page holding a comment and how many pages there are, or undefined when the comment is
 * not shown (waiting, spam, trash — unless it is `ownId`, the commenter's own).
 */
export async function pageOfComment(
  db: Db,
  subject: CommentSubject,
  commentId: number,
  settings: PagingSettings,
  ownId?: number,
): Promise<{ page: number; defaultPage: number } | undefined> {
  const skeleton = await skeletonOf(db, subject, ownId);
  const roots = threadComments(skeleton, settings.commentThreadDepth);
  const index = roots.findIndex((root) => idsInThreads([root]).includes(commentId));
  if (index < 0) return undefined;
  const pageCount = pageCountOf(roots.length, settings.commentsPerPage);
  return {
    page: Math.floor(index / settings.commentsPerPage) + 1,
    defaultPage: defaultPageOf(pageCount, settings),
  };
}

/** The address of a comment page: the plain address for the default page. */
export function commentPagePath(basePath: string, page: number, defaultPage: number): string {
  return page === defaultPage ? basePath : `${basePath}/comment-page-${page}`;
}

/** "comment-page-N" from an address, or undefined for anything else (a 404). */
export function parseCommentPageSegment(segment: string): number | undefined {
  const match = /^comment-page-([1-9]\d{0,5})$/.exec(segment);
  return match ? Number(match[1]) : undefined;
}
