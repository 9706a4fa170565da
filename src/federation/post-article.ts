// A post or page (not a review) as an ActivityPub Article, when the owner chose to send that
// kind: its title as the name, its opening paragraph and a link to it, addressed to the public
// and the blog's followers, attributed to the blog. Posts have no stills, so no image.
import type { Context } from "@fedify/fedify";
import { Temporal } from "@js-temporal/polyfill";
import { Article, PUBLIC_COLLECTION } from "@fedify/vocab";
import type { PostToSend } from "../domain/federation/post-federation.ts";
import { postPath } from "../domain/posts.ts";
import { escapeHtml } from "./html.ts";

/** The Article's id: stable for the post whatever its slug becomes. */
export function postObjectUri(siteUrl: string, postId: number): URL {
  return new URL(`${siteUrl}/ap/post/${postId}`);
}

export function postArticle(
  ctx: Context<void>,
  slug: string,
  siteUrl: string,
  post: PostToSend,
): Article {
  const url = `${siteUrl}${postPath(post.kind, post.slug)}`;
  const lead = `<p>${escapeHtml(post.excerpt)}</p>`;
  return new Article({
    id: postObjectUri(siteUrl, post.id),
    attribution: ctx.getActorUri(slug),
    name: post.title,
    summary: lead,
    content: `${lead}<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`,
    url: new URL(url),
    published: Temporal.Instant.from(post.publishedAt),
    updated: post.sentBefore ? Temporal.Instant.from(post.updatedAt) : null,
    to: PUBLIC_COLLECTION,
    ccs: [ctx.getFollowersUri(slug)],
  });
}
