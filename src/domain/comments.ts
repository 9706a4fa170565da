// Comments: storing them, changing their status, and reading what a page or feed shows.
// Only approved comments are public; a commenter may see their own waiting comment through
// a signed link (src/domain/comment-tokens.ts).
import type { Db } from "../db/connect.ts";
import type { Comment, CommentStatus } from "../db/schema.ts";
import { preparedRead } from "../db/prepared.ts";
import { inTransaction } from "../db/transaction.ts";
import { renderCommentBody } from "../content/comment-markdown.ts";
import { gravatarHash } from "../content/identicon.ts";
import { commentChangeTags, recordChange } from "./changes.ts";
import {
  reviewSubject,
  subjectColumns,
  subjectOf,
  type CommentSubject,
} from "./comment-subjects.ts";
import { commentApproved, commentCreated } from "./mail-notices.ts";
import { sign } from "./secrets.ts";
import { nowIso } from "./time.ts";

interface NewComment {
  /** What the comment is on; `reviewId` alone is shorthand for a review. */
  subject?: CommentSubject | undefined;
  reviewId?: number | undefined;
  parentId?: number | undefined;
  name: string;
  email: string;
  url?: string | undefined;
  body: string;
  status: CommentStatus;
  notifyReplies?: boolean;
  notifyPosts?: boolean;
  ip?: string;
  userAgent?: string;
  kind?: Comment["kind"];
  createdAt?: string;
  /** Why the rules held it or called it spam (src/domain/moderation/rules.ts). */
  holdReason?: string | undefined;
  /** The page on another site a Webmention came from. */
  sourceUrl?: string | undefined;
  /** HTML sanitised elsewhere (a fediverse Note's), stored instead of rendering `body`. */
  bodyHtml?: string | undefined;
  /** A fediverse author's @user@server and copied picture. */
  handle?: string | undefined;
  avatarPath?: string | undefined;
}

/** Stores the comment and, when it is public at once, drops the cached pages showing it. */
export async function createComment(db: Db, input: NewComment): Promise<Comment> {
  return inTransaction(db, async (trx) => {
    const createdAt = input.createdAt ?? nowIso();
    const subject = input.subject ?? reviewSubject(input.reviewId ?? 0);
    const comment = await trx.kysely
      .insertInto("comments")
      .values({
        ...subjectColumns(subject),
        parent_id: input.parentId ?? null,
        author_name: input.name,
        author_email: input.email.toLowerCase(),
        author_url: input.url || null,
        body_md: input.body,
        body_html: input.bodyHtml ?? renderCommentBody(input.body),
        status: input.status,
        kind: input.kind ?? "comment",
        notify_replies: input.notifyReplies ? 1 : 0,
        notify_posts: input.notifyPosts ? 1 : 0,
        ip: input.ip ?? "",
        user_agent: input.userAgent ?? "",
        created_at: createdAt,
        approved_at: input.status === "approved" ? createdAt : null,
        hold_reason: input.status === "approved" ? null : (input.holdReason ?? null),
        source_url: input.sourceUrl ?? null,
        author_handle: input.handle ?? null,
        avatar_path: input.avatarPath || null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (comment.status === "approved") await announce(trx, subject);
    // Mail to the author and subscribers, queued in this transaction (src/domain/mail-notices).
    await commentCreated(trx, comment);
    return comment;
  });
}

export async function setCommentStatus(db: Db, id: number, status: CommentStatus): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await commentById(trx, id);
    if (!before || before.status === status) return;
    await trx.kysely
      .updateTable("comments")
      .set({
        status,
        approved_at: status === "approved" ? (before.approved_at ?? nowIso()) : before.approved_at,
        prior_status: priorStatusAfter(before, status),
      })
      .where("id", "=", id)
      .execute();
    // Shown or hidden: either way the pages listing it change.
    if (before.status === "approved" || status === "approved") {
      await announce(trx, subjectOf(before));
    }
    if (status === "approved") await commentApproved(trx, { ...before, status });
  });
}

/**
 * What a comment set aside (spam or trash) remembers of where it came from: pending or approved,
 * or spam when spam is trashed (so "Restore" gives back spam, not a public comment). Out of the
 * trash into spam remembers nothing ("Not spam" must never mean "back to the trash"), nor does
 * a comment brought back into the open.
 */
function priorStatusAfter(
  before: Pick<Comment, "status">,
  status: CommentStatus,
): CommentStatus | null {
  if (status !== "spam" && status !== "trash") return null;
  return before.status === "trash" ? null : before.status;
}

export async function announce(db: Db, subject: CommentSubject): Promise<void> {
  await recordChange(db, await commentChangeTags(db, subject));
}

export function commentById(db: Db, id: number): Promise<Comment | undefined> {
  return db.kysely.selectFrom("comments").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function hasApprovedComment(db: Db, email: string): Promise<boolean> {
  const row = await db.kysely
    .selectFrom("comments")
    .select("id")
    .where("author_email", "=", email.toLowerCase())
    .where("status", "=", "approved")
    // Mentions from the web have no address: one approved must not vouch for the next.
    .where("source_url", "is", null)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/** Kinds shown as a count under the thread rather than as comments in it. */
export const countedOnly: Comment["kind"][] = ["like", "repost"];

/** A comment as pages show it: no e-mail address, no IP. */
export interface PublicComment {
  id: number;
  parentId: number | null;
  authorName: string;
  authorUrl: string | null;
  bodyHtml: string;
  createdAt: string;
  /** Keyed hash of the e-mail address, for the avatar (see avatarKey). */
  avatarKey: string;
  /** Gravatar's hash of the address: on a page only when the owner turned Gravatar on. */
  gravatarHash: string;
  awaitingModeration: boolean;
  /** "comment", or "mention" / "reply" for a Webmention (likes and reposts are only counted). */
  kind: Comment["kind"];
  /** Where a Webmention or fediverse reply came from; null for the site's own comments. */
  sourceUrl: string | null;
  /** A fediverse author's @user@server; null otherwise. */
  authorHandle: string | null;
  /** That author's picture under the media directory; null otherwise. */
  avatarPath: string | null;
}

/** What a page shows of a comment: no Markdown source, address for the avatar keys only. */
const shownColumns = [
  "id",
  "parent_id",
  "author_name",
  "author_email",
  "author_url",
  "body_html",
  "created_at",
  "status",
  "kind",
  "source_url",
  "author_handle",
  "avatar_path",
] as const satisfies readonly (keyof Comment)[];
type ShownRow = Pick<Comment, (typeof shownColumns)[number]>;

/**
 * One comment page's rows by their ids ($2: an array on PostgreSQL, JSON text on SQLite), in a
 * statement written once per database (src/db/prepared.ts): built through Kysely, a page of 200
 * comments cost a build and compile of a 200-value IN list per request, and on PostgreSQL a
 * parse and plan of it. `withOwn` adds the commenter's own waiting comment ($3).
 */
function pageRowsStatement(column: "review_id" | "post_id", withOwn: boolean) {
  return preparedRead<ShownRow>(
    (dialect) => `select ${shownColumns.join(", ")} from comments
      where ${column} = $1 and ${withOwn ? "(status = 'approved' or id = $3)" : "status = 'approved'"}
      and ${dialect === "postgres" ? "id = any($2)" : "id in (select value from json_each($2))"}
      and kind not in (${countedOnly.map((kind) => `'${kind}'`).join(", ")})
      order by created_at, id`,
  );
}
const pageRows = {
  review: [pageRowsStatement("review_id", false), pageRowsStatement("review_id", true)],
  post: [pageRowsStatement("post_id", false), pageRowsStatement("post_id", true)],
} as const;

/**
 * Approved comments of a review or post, oldest first, plus — when `ownId` names one of its
 * comments still waiting — that one, for its author. `ids` are one comment page's
 * (src/domain/comment-pages.ts).
 */
export async function commentsOfSubject(
  db: Db,
  subject: CommentSubject,
  ownId: number | undefined,
  ids: readonly number[],
): Promise<PublicComment[]> {
  if (ids.length === 0) return [];
  const statement = pageRows[subject.kind][ownId === undefined ? 0 : 1];
  const parameters = [subject.id, db.dialect === "postgres" ? ids : JSON.stringify(ids)];
  const rows = await statement.run(db, ownId === undefined ? parameters : [...parameters, ownId]);
  return Promise.all(rows.filter((r) => r.status !== "trash").map((r) => toPublic(db, r)));
}

export async function toPublic(db: Db, row: ShownRow): Promise<PublicComment> {
  return {
    id: row.id,
    parentId: row.parent_id,
    authorName: row.author_name,
    authorUrl: row.author_url,
    bodyHtml: row.body_html,
    createdAt: row.created_at,
    avatarKey: await avatarKey(db, row.author_email),
    gravatarHash: gravatarHash(row.author_email),
    awaitingModeration: row.status !== "approved",
    kind: row.kind,
    sourceUrl: row.source_url,
    authorHandle: row.author_handle,
    avatarPath: row.avatar_path,
  };
}

/**
 * Keyed with the site secret rather than a bare SHA-256 of the address: a bare hash on a
 * public page lets anyone confirm a guessed e-mail address (the old Gravatar leak).
 */
export async function avatarKey(db: Db, email: string): Promise<string> {
  // An HMAC per comment shown was a few % of a long thread's page: each address is keyed once
  // per connection (a bounded map; the secret never changes under a running site).
  let keys = avatarKeys.get(db);
  if (!keys) avatarKeys.set(db, (keys = new Map<string, string>()));
  const address = email.trim().toLowerCase();
  let key = keys.get(address);
  if (key === undefined) {
    const mac = await sign(db, `avatar:${address}`);
    key = Buffer.from(mac, "base64url").toString("hex");
    if (keys.size >= 10_000) keys.clear();
    keys.set(address, key);
  }
  return key;
}

const avatarKeys = new WeakMap<Db, Map<string, string>>();
