// The moderation queue: listing comments for moderators, and every change a moderator makes
// (status, edit, permanent deletion, a reply). Status changes go through setCommentStatus so
// the cached public pages showing a comment are dropped at once. Who may act is the route's
// question (src/domain/roles.ts); these functions only keep the data consistent.
import type { Db } from "../db/connect.ts";
import type { Comment, CommentStatus, ReviewStatus, User } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import { renderCommentBody } from "../content/comment-markdown.ts";
import { commentChangeTags, recordChange } from "./changes.ts";
import { subjectDetailsOf, subjectMapKey, subjectOf } from "./comment-subjects.ts";
import { commentById, createComment, setCommentStatus } from "./comments.ts";

export const moderationPageSize = 50;

export const moderationActions = [
  "approve",
  "unapprove",
  "spam",
  "notspam",
  "trash",
  "restore",
  "delete",
] as const;
export type ModerationAction = (typeof moderationActions)[number];

/**
 * Where each action leads. "Not spam" and "Restore" go back to the status the comment had
 * before (comments.prior_status, see setCommentStatus); these are their targets when it is
 * unknown: the queue, rather than a guess that it was public.
 */
const actionTarget: Record<Exclude<ModerationAction, "delete">, CommentStatus> = {
  approve: "approved",
  unapprove: "pending",
  spam: "spam",
  notspam: "pending",
  trash: "trash",
  restore: "pending",
};

/** Where an action takes this comment: for "Not spam" and "Restore", back where it was. */
function actionDestination(
  action: Exclude<ModerationAction, "delete">,
  comment: Pick<Comment, "prior_status">,
): CommentStatus {
  const prior = comment.prior_status;
  // Out of spam means into the open; out of the trash may also mean back into spam.
  const allowed: CommentStatus[] =
    action === "notspam" ? ["pending", "approved"] : ["pending", "approved", "spam"];
  if ((action === "notspam" || action === "restore") && prior && allowed.includes(prior)) {
    return prior;
  }
  return actionTarget[action];
}

/**
 * Whether an action means anything for a comment in this status (the row offers only these).
 * Approve, spam and trash work from any other status, so a comment filed in the wrong place
 * is put right in one step; "unapprove", "not spam" and "restore" undo one place each.
 */
export function actionApplies(action: ModerationAction, status: CommentStatus): boolean {
  switch (action) {
    case "approve":
    case "spam":
    case "trash":
      return status !== actionTarget[action];
    case "unapprove":
      return status === "approved";
    case "notspam":
      return status === "spam";
    case "restore":
      return status === "trash";
    case "delete":
      // Deleting is final, so only what was already set aside can be deleted.
      return status === "spam" || status === "trash";
  }
}

/** Carries out an action that applies; returns false (and changes nothing) otherwise. */
export async function moderateComment(
  db: Db,
  comment: Pick<Comment, "id" | "status" | "prior_status">,
  action: ModerationAction,
): Promise<boolean> {
  if (!actionApplies(action, comment.status)) return false;
  if (action === "delete") {
    // Only spam or trash is deleted, and neither is on any page, so no cached page changes.
    // Replies keep their words; their parent_id is set to null by the foreign key.
    await db.kysely.deleteFrom("comments").where("id", "=", comment.id).execute();
    return true;
  }
  await setCommentStatus(db, comment.id, actionDestination(action, comment));
  return true;
}

/** Applies one action to many comments at once: all of it happens, or none. */
export function moderateComments(
  db: Db,
  comments: Pick<Comment, "id" | "status" | "prior_status">[],
  action: ModerationAction,
): Promise<number> {
  return inTransaction(db, async (trx) => {
    let changed = 0;
    for (const comment of comments) if (await moderateComment(trx, comment, action)) changed++;
    return changed;
  });
}

/** A comment with what moderating it needs to know: what it is on, and whose that is. */
export interface ModerationTarget {
  comment: Comment;
  /** The review, post or page the comment is on. */
  subject: {
    kind: "review" | "post" | "page";
    /** The review's or post's id. */
    id: number;
    path: string;
    label: string;
    authorId: number;
    status: ReviewStatus;
  };
}

export async function moderationTargets(db: Db, ids: number[]): Promise<ModerationTarget[]> {
  if (ids.length === 0) return [];
  const rows = await db.kysely
    .selectFrom("comments")
    .selectAll()
    .where("id", "in", ids)
    .orderBy("id")
    .execute();
  const details = await subjectDetailsOf(db, rows.map(subjectOf));
  return rows.flatMap((comment) => {
    const found = details.get(subjectMapKey(subjectOf(comment)));
    if (!found) return [];
    const { kind, subject, path, label, authorId, status } = found;
    return [{ comment, subject: { kind, id: subject.id, path, label, authorId, status } }];
  });
}

export type StatusFilter = "all" | CommentStatus;

interface QueueFilter {
  status: StatusFilter;
  reviewId?: number | undefined;
  search?: string | undefined;
  page: number;
  /** Only comments under this person's reviews and posts (an author's own). */
  reviewAuthorId?: number | undefined;
}

export type QueueRow = ModerationTarget;

export type QueueCounts = Record<StatusFilter, number>;

function scoped(db: Db, filter: Pick<QueueFilter, "reviewAuthorId" | "reviewId">) {
  // A comment is on a review or on a post (exactly one: migration 019).
  let query = db.kysely
    .selectFrom("comments")
    .leftJoin("reviews", "reviews.id", "comments.review_id")
    .leftJoin("posts", "posts.id", "comments.post_id");
  const authorId = filter.reviewAuthorId;
  if (authorId !== undefined) {
    query = query.where((eb) =>
      eb.or([eb("reviews.author_id", "=", authorId), eb("posts.author_id", "=", authorId)]),
    );
  }
  if (filter.reviewId !== undefined)
    query = query.where("comments.review_id", "=", filter.reviewId);
  return query;
}

/** Counts by status for the filter links; "all" is what WordPress means: not spam or trash. */
export async function queueCounts(
  db: Db,
  filter: Pick<QueueFilter, "reviewAuthorId" | "reviewId">,
): Promise<QueueCounts> {
  const rows = await scoped(db, filter)
    .select(["comments.status as status", (eb) => eb.fn.countAll().as("n")])
    .groupBy("comments.status")
    .execute();
  const counts: QueueCounts = { all: 0, pending: 0, approved: 0, spam: 0, trash: 0 };
  // PostgreSQL returns count() as a string.
  for (const row of rows) counts[row.status] = Number(row.n);
  counts.all = counts.pending + counts.approved;
  return counts;
}

/** One page of the queue, newest first, and how many comments match in all. */
export async function moderationQueue(
  db: Db,
  filter: QueueFilter,
): Promise<{ rows: QueueRow[]; total: number }> {
  let query = scoped(db, filter);
  query =
    filter.status === "all"
      ? query.where("comments.status", "in", ["pending", "approved"])
      : query.where("comments.status", "=", filter.status);
  const words = (filter.search ?? "").trim().toLowerCase();
  if (words) {
    // LIKE's wildcards are dropped rather than escaped: SQLite has no default escape.
    const pattern = `%${words.replace(/[\\%_]/g, "")}%`;
    query = query.where((eb) =>
      eb.or(
        (["comments.author_name", "comments.author_email", "comments.body_md"] as const).map(
          (column) => eb(eb.fn("lower", [column]), "like", eb.val(pattern)).$castTo<boolean>(),
        ),
      ),
    );
  }
  const total = await query.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  const ids = await query
    .select("comments.id as id")
    .orderBy("comments.created_at", "desc")
    .orderBy("comments.id", "desc")
    .limit(moderationPageSize)
    .offset((filter.page - 1) * moderationPageSize)
    .execute();
  const targets = await moderationTargets(
    db,
    ids.map((r) => r.id),
  );
  const byId = new Map(targets.map((t) => [t.comment.id, t]));
  return {
    rows: ids.map((r) => byId.get(r.id)).filter((t): t is QueueRow => !!t),
    total: Number(total.n),
  };
}

export interface ReviewChoice {
  id: number;
  filmTitle: string;
  filmYear: number | null;
}

/** Reviews that have comments, for the review filter. */
export function reviewsWithComments(db: Db, reviewAuthorId?: number): Promise<ReviewChoice[]> {
  let query = db.kysely
    .selectFrom("reviews")
    .innerJoin("films", "films.id", "reviews.film_id")
    .select(["reviews.id as id", "films.title as filmTitle", "films.year as filmYear"])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("comments")
          .select("comments.id")
          .whereRef("comments.review_id", "=", "reviews.id"),
      ),
    )
    .orderBy("films.title")
    .orderBy("reviews.id");
  if (reviewAuthorId !== undefined) query = query.where("reviews.author_id", "=", reviewAuthorId);
  return query.execute();
}

export async function pendingCount(db: Db, reviewAuthorId?: number): Promise<number> {
  return (await queueCounts(db, { reviewAuthorId })).pending;
}

export interface CommentEdit {
  name: string;
  email: string;
  url: string;
  body: string;
  status: CommentStatus;
}

/** A moderator's correction: the body is rendered again with the commenters' Markdown subset. */
export async function editComment(db: Db, id: number, edit: CommentEdit): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await commentById(trx, id);
    if (!before) return;
    await trx.kysely
      .updateTable("comments")
      .set({
        author_name: edit.name,
        author_email: edit.email.toLowerCase(),
        author_url: edit.url || null,
        body_md: edit.body,
        body_html: renderCommentBody(edit.body),
      })
      .where("id", "=", id)
      .execute();
    // A shown comment's new words must reach the page even when its status stays the same.
    if (before.status === "approved") {
      await recordChange(trx, await commentChangeTags(trx, subjectOf(before)));
    }
    await setCommentStatus(trx, id, edit.status);
  });
}

/**
 * The comment a reply should hang under: the one answered, or — when that is already at the
 * site's deepest level — its nearest ancestor that still leaves room for one more level.
 * Undefined when threads are off (depth 1): the reply is then a comment of its own.
 */
async function replyParent(
  db: Db,
  comment: Comment,
  maxDepth: number,
): Promise<number | undefined> {
  const chain: number[] = [comment.id];
  let parentId = comment.parent_id;
  // The chain is short (at most the depth setting, unless settings changed), but a cycle
  // in bad data must not loop forever.
  while (parentId !== null && chain.length <= 100) {
    const parent = await commentById(db, parentId);
    if (!parent) break;
    chain.push(parent.id);
    parentId = parent.parent_id;
  }
  // chain[i] sits at depth chain.length - i; a parent may be at most maxDepth - 1 deep.
  const allowedDepth = maxDepth - 1;
  if (allowedDepth < 1) return undefined;
  const depth = chain.length;
  return depth <= allowedDepth ? comment.id : chain[depth - allowedDepth];
}

/**
 * Replies as a signed-in writer: published at once under the same review. Answering a
 * comment still waiting approves it too, as WordPress's "Approve and Reply" does, since a
 * reply to a hidden comment would make no sense on the page.
 */
export function replyAsUser(
  db: Db,
  input: {
    to: Comment;
    user: Pick<User, "display_name" | "email">;
    body: string;
    maxDepth: number;
  },
): Promise<Comment> {
  return inTransaction(db, async (trx) => {
    if (input.to.status === "pending") await setCommentStatus(trx, input.to.id, "approved");
    return createComment(trx, {
      subject: subjectOf(input.to),
      parentId: await replyParent(trx, input.to, input.maxDepth),
      name: input.user.display_name,
      email: input.user.email,
      body: input.body,
      status: "approved",
    });
  });
}
