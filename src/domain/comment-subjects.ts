// What a comment is on: a review, or a post or page (migration 019). Code that asks "which
// thread" takes a subject rather than a review id; this file turns one into the columns and
// filters of the comments table, and into what pages, mail and moderation need to know of it
// (its address, its title, its author).
import type { ExpressionBuilder } from "kysely";
import type { Db } from "../db/connect.ts";
import type { Comment, Database, PostKind, ReviewStatus } from "../db/schema.ts";
import { filmLabel } from "./films.ts";
import { postPath } from "./posts.ts";

export type CommentSubject = { kind: "review"; id: number } | { kind: "post"; id: number };

export const reviewSubject = (id: number): CommentSubject => ({ kind: "review", id });
export const postSubject = (id: number): CommentSubject => ({ kind: "post", id });

/** The subject of a stored comment; the database guarantees exactly one of the two is set. */
export function subjectOf(comment: Pick<Comment, "review_id" | "post_id">): CommentSubject {
  return comment.post_id !== null
    ? postSubject(comment.post_id)
    : reviewSubject(comment.review_id ?? 0);
}

export function subjectColumns(subject: CommentSubject): {
  review_id: number | null;
  post_id: number | null;
} {
  return subject.kind === "review"
    ? { review_id: subject.id, post_id: null }
    : { review_id: null, post_id: subject.id };
}

/** A filter on `comments` for one subject's thread. */
export function onSubject(subject: CommentSubject) {
  return (eb: ExpressionBuilder<Pick<Database, "comments">, "comments">) =>
    subject.kind === "review"
      ? eb("comments.review_id", "=", subject.id)
      : eb("comments.post_id", "=", subject.id);
}

export function sameSubject(a: CommentSubject, b: CommentSubject): boolean {
  return a.kind === b.kind && a.id === b.id;
}

/**
 * A short stable name for signatures (form tokens). A review keeps the bare id it was signed
 * with before posts had comments, so forms already open stay valid across the upgrade.
 */
export function subjectKey(subject: CommentSubject): string {
  return subject.kind === "review" ? String(subject.id) : `post:${subject.id}`;
}

/** What the site shows and knows of a subject. */
interface SubjectDetails {
  subject: CommentSubject;
  /** "review", or the post's kind. */
  kind: "review" | PostKind;
  slug: string;
  /** Its public address: /review/SLUG, /post/SLUG or /pages/SLUG. */
  path: string;
  /** "Leaving Las Vegas (1995)" for a review, the title for a post or page. */
  label: string;
  authorId: number;
  authorEmail: string;
  status: ReviewStatus;
  publishedAt: string | null;
}

export async function subjectDetails(
  db: Db,
  subject: CommentSubject,
): Promise<SubjectDetails | undefined> {
  if (subject.kind === "review") {
    const row = await db.kysely
      .selectFrom("reviews")
      .innerJoin("films", "films.id", "reviews.film_id")
      .innerJoin("users", "users.id", "reviews.author_id")
      .select([
        "reviews.slug as slug",
        "reviews.author_id as authorId",
        "reviews.status as status",
        "reviews.published_at as publishedAt",
        "films.title as title",
        "films.year as year",
        "users.email as authorEmail",
      ])
      .where("reviews.id", "=", subject.id)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      subject,
      kind: "review",
      slug: row.slug,
      path: `/review/${row.slug}`,
      label: filmLabel(row),
      authorId: row.authorId,
      authorEmail: row.authorEmail.toLowerCase(),
      status: row.status,
      publishedAt: row.publishedAt,
    };
  }
  const row = await db.kysely
    .selectFrom("posts")
    .innerJoin("users", "users.id", "posts.author_id")
    .select([
      "posts.kind as kind",
      "posts.slug as slug",
      "posts.title as title",
      "posts.author_id as authorId",
      "posts.status as status",
      "posts.published_at as publishedAt",
      "users.email as authorEmail",
    ])
    .where("posts.id", "=", subject.id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    subject,
    kind: row.kind,
    slug: row.slug,
    path: postPath(row.kind, row.slug),
    label: row.title,
    authorId: row.authorId,
    authorEmail: row.authorEmail.toLowerCase(),
    status: row.status,
    publishedAt: row.publishedAt,
  };
}

/** Details of many subjects at once, keyed by `kind:id` (for moderation lists). */
export async function subjectDetailsOf(
  db: Db,
  subjects: CommentSubject[],
): Promise<Map<string, SubjectDetails>> {
  const found = new Map<string, SubjectDetails>();
  const unique = new Map(subjects.map((s) => [`${s.kind}:${s.id}`, s]));
  for (const [key, subject] of unique) {
    const details = await subjectDetails(db, subject);
    if (details) found.set(key, details);
  }
  return found;
}

export const subjectMapKey = (s: CommentSubject): string => `${s.kind}:${s.id}`;
