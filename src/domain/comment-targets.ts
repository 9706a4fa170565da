// What a reader's comment is about: a review, post or page named by its address, and what
// taking a comment on it needs to know, if it is public now. The web layer turns a path into
// an address; this file decides whether the subject may be commented on.
import type { Db } from "../db/connect.ts";
import type { CommentThreadRow } from "./comment-pages.ts";
import { postSubject, reviewSubject, type CommentSubject } from "./comment-subjects.ts";
import { filmById, filmLabel } from "./films.ts";
import { publishedPosts } from "./posts-public.ts";
import { postPath } from "./posts.ts";
import { publicReviewBySlug } from "./reviews.ts";

export type SubjectKind = "review" | "post" | "page";

export interface SubjectAddress {
  kind: SubjectKind;
  slug: string;
}

/** What a page that takes comments tells the comment builder about itself. */
export interface CommentTarget {
  subject: CommentSubject;
  /** Its own address: /review/SLUG, /post/SLUG or /pages/SLUG. */
  path: string;
  /** The title the heading quotes. */
  label: string;
  publishedAt: string | null;
  /** Its approved comments' ids and parents, when the page's own read brought them. */
  approvedComments?: CommentThreadRow[] | undefined;
}

/** Only what taking a comment needs: the subject, if public now. */
export async function publicCommentTarget(
  db: Db,
  address: SubjectAddress,
  now: string,
): Promise<CommentTarget | undefined> {
  if (address.kind === "review") {
    const review = await publicReviewBySlug(db, address.slug, now);
    if (!review) return undefined;
    const film = await filmById(db, review.film_id);
    return {
      subject: reviewSubject(review.id),
      path: `/review/${review.slug}`,
      label: film ? filmLabel(film) : review.slug,
      publishedAt: review.published_at,
    };
  }
  const post = await publishedPosts(db, now)
    .select(["posts.id as id", "posts.title as title", "posts.published_at as publishedAt"])
    .where("posts.kind", "=", address.kind)
    .where("posts.slug", "=", address.slug)
    .executeTakeFirst();
  if (!post) return undefined;
  return {
    subject: postSubject(post.id),
    path: postPath(address.kind, address.slug),
    label: post.title,
    publishedAt: post.publishedAt,
  };
}
