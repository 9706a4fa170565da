// Pages that take comments — reviews, posts and pages — found by their address, so the
// comment form, commenter sign-in and comment permalinks treat all three alike.
import type { Context } from "hono";
import type { SubjectAddress, SubjectKind } from "../../domain/comment-targets.ts";
import { loadPostPage } from "../../domain/posts-public.ts";
import { loadReviewPage } from "../../domain/review-page.ts";
import type { Services } from "../services.ts";
import type { ReturnedForm } from "./comments-render.tsx";
import { renderPostPage } from "./post-render.tsx";
import { renderReviewPage } from "./review-render.tsx";
import { parseSlug } from "./params.ts";

const prefixes: Record<string, SubjectKind> = { review: "review", post: "post", pages: "page" };

/** The review, post or page an address names (its own address, no comment page). */
export function subjectAddressOf(path: string): SubjectAddress | undefined {
  const match = /^\/(review|post|pages)\/([^/?#]+)$/.exec(path.split("?")[0]!);
  const slug = match && parseSlug(match[2]!);
  return match && slug ? { kind: prefixes[match[1]!]!, slug } : undefined;
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
