// Pages that take comments — reviews, posts and pages — found by their address, so the
// comment form, commenter sign-in and comment permalinks treat all three alike.
import type { Context } from "hono";
import type { Db } from "../../db/connect.ts";
import { postSubject, reviewSubject } from "../../domain/comment-subjects.ts";
import { loadPostPage, publishedPosts } from "../../domain/posts-public.ts";
import { postPath } from "../../domain/posts.ts";
import { loadReviewPage } from "../../domain/review-page.ts";
import { publicReviewBySlug } from "../../domain/reviews.ts";
import { filmLabel } from "../../domain/films.ts";
import type { Services } from "../services.ts";
import type { CommentTarget, ReturnedForm } from "./comments-render.tsx";
import { renderPostPage } from "./post-render.tsx";
import { renderReviewPage } from "./review-render.tsx";
import { parseSlug } from "./params.ts";

export type SubjectKind = "review" | "post" | "page";

interface SubjectAddress {
  kind: SubjectKind;
  slug: string;
}

const prefixes: Record<string, SubjectKind> = { review: "review", post: "post", pages: "page" };

/** The review, post or page an address names (its own address, no comment page). */
export function subjectAddressOf(path: string): SubjectAddress | undefined {
  const match = /^\/(review|post|pages)\/([^/?#]+)$/.exec(path.split("?")[0]!);
  const slug = match && parseSlug(match[2]!);
  return match && slug ? { kind: prefixes[match[1]!]!, slug } : undefined;
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
    const film = await db.kysely
      .selectFrom("films")
      .select(["title", "year"])
      .where("id", "=", review.film_id)
      .executeTakeFirst();
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

/**
 * The whole page of a review, post or page, with one comment page. Undefined when the page is
 * not public or the comment page does not exist.
 */
export async function renderSubjectPage(
  c: Context,
  services: Services,
  address: SubjectAddress,
  now: string,
  options: { returned?: ReturnedForm | undefined; commentPage?: number | undefined } = {},
): Promise<Response | undefined> {
  if (address.kind === "review") {
    const data = await loadReviewPage(services.db, address.slug, now);
    return data && renderReviewPage(c, services, data, options.returned, options.commentPage);
  }
  const data = await loadPostPage(services.db, address.kind, address.slug, now);
  return data && renderPostPage(c, services, data, options.returned, options.commentPage);
}
