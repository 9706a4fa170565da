// The moderation screens' operations, as the admin's handlers call them: the queue as one
// moderator sees it, and every action on comments a request names — one row's action, a
// permanent deletion, a bulk action, a reply — each refused for a comment this person may not
// moderate, whatever the page offered, so a forged post changes nothing. Owners and editors
// moderate every comment, authors only those under their own reviews and posts, contributors
// none (domain/roles.ts). The handlers parse, check the role and render what these answer;
// comment-moderation.ts keeps the data consistent underneath. Tested without HTTP, both databases.
import type { Db } from "../db/connect.ts";
import type { Comment, User } from "../db/schema.ts";
import {
  moderateComment,
  moderateComments,
  moderationPageSize,
  moderationQueue,
  moderationTargets,
  queueCounts,
  replyAsUser,
  reviewsWithComments,
  type ModerationAction,
  type ModerationTarget,
  type QueueCounts,
  type QueueRow,
  type ReviewChoice,
  type StatusFilter,
} from "./comment-moderation.ts";
import { can, scopeOf } from "./roles.ts";

type Moderator = Pick<User, "id" | "role">;

/** Why an operation did nothing: no such comment, or not one this person may moderate. */
type Refused = { ok: false; reason: "not-found" | "forbidden" };

/** The most comments one bulk action takes: a page of the queue holds 50. */
const maxBulkComments = 1000;

function mayModerate(user: Moderator, target: ModerationTarget): boolean {
  return can(user, "moderate_comments", {
    authorId: target.subject.authorId,
    status: target.subject.status,
  });
}

interface QueuePage {
  rows: QueueRow[];
  total: number;
  pages: number;
  counts: QueueCounts;
  /** The reviews with comments this moderator sees, for the review filter. */
  reviews: ReviewChoice[];
}

/**
 * One page of the queue for this moderator: an author sees only comments under their own
 * reviews and posts. Forbidden to a role that moderates nothing.
 */
export async function moderationQueuePage(
  db: Db,
  user: Moderator,
  query: { status: StatusFilter; reviewId: number | undefined; search: string; page: number },
): Promise<({ ok: true } & QueuePage) | Refused> {
  const scope = scopeOf(user, "moderate_comments");
  if (!scope) return { ok: false, reason: "forbidden" };
  const reviewAuthorId = scope === "own" ? user.id : undefined;
  const { rows, total } = await moderationQueue(db, { ...query, reviewAuthorId });
  return {
    ok: true,
    rows,
    total,
    pages: Math.max(1, Math.ceil(total / moderationPageSize)),
    counts: await queueCounts(db, { reviewAuthorId, reviewId: query.reviewId }),
    reviews: await reviewsWithComments(db, reviewAuthorId),
  };
}

/** The comment named, with what it is on, if it exists and this person may moderate it. */
export async function commentToModerate(
  db: Db,
  user: Moderator,
  id: number,
): Promise<{ ok: true; target: ModerationTarget } | Refused> {
  if (!scopeOf(user, "moderate_comments")) return { ok: false, reason: "forbidden" };
  const target = (await moderationTargets(db, [id]))[0];
  if (!target) return { ok: false, reason: "not-found" };
  if (!mayModerate(user, target)) return { ok: false, reason: "forbidden" };
  return { ok: true, target };
}

/**
 * Carries out one action on one comment. `changed` is false when the action no longer applies
 * (another moderator was quicker; or, for "delete", the comment is not in spam or the trash).
 */
export async function moderateOneComment(
  db: Db,
  user: Moderator,
  id: number,
  action: ModerationAction,
): Promise<{ ok: true; changed: boolean } | Refused> {
  const found = await commentToModerate(db, user, id);
  if (!found.ok) return found;
  return { ok: true, changed: await moderateComment(db, found.target.comment, action) };
}

/**
 * Applies one action to the comments selected (ids of comments gone meanwhile are skipped),
 * all of it or none. One comment this person may not moderate refuses the whole request: it
 * was forged.
 */
export async function moderateSelectedComments(
  db: Db,
  user: Moderator,
  ids: number[],
  action: ModerationAction,
): Promise<{ ok: true; changed: number } | Refused> {
  if (!scopeOf(user, "moderate_comments")) return { ok: false, reason: "forbidden" };
  const targets = await moderationTargets(db, ids.slice(0, maxBulkComments));
  if (targets.some((t) => !mayModerate(user, t))) return { ok: false, reason: "forbidden" };
  const changed = await moderateComments(
    db,
    targets.map((t) => t.comment),
    action,
  );
  return { ok: true, changed };
}

/** Spam and trash are out of sight: answering them would publish a reply to nothing. */
export function isRepliable(comment: Pick<Comment, "status">): boolean {
  return comment.status === "pending" || comment.status === "approved";
}

/**
 * Publishes a moderator's reply under a comment they may moderate (approving it when it was
 * waiting, see replyAsUser); refused while the comment is in spam or the trash.
 */
export async function replyToComment(
  db: Db,
  reply: {
    target: ModerationTarget;
    user: Pick<User, "display_name" | "email">;
    body: string;
    maxDepth: number;
  },
): Promise<{ ok: true; reply: Comment } | { ok: false; reason: "not-repliable" }> {
  const { target, user, body, maxDepth } = reply;
  if (!isRepliable(target.comment)) return { ok: false, reason: "not-repliable" };
  return { ok: true, reply: await replyAsUser(db, { to: target.comment, user, body, maxDepth }) };
}
