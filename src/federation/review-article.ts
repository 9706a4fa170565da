// A review as an ActivityPub Article: "Title (Year)", its lead paragraph with a link to the
// review, the lead still as an Image with its alt text, its tags as Hashtags, addressed to the
// public and the blog's followers, attributed to the writer's own actor when they have one on
// (and then addressed to its followers too), else to the blog.
import type { Context } from "@fedify/fedify";
import { Temporal } from "@js-temporal/polyfill";
import { Article, Hashtag, Image, PUBLIC_COLLECTION } from "@fedify/vocab";
import type { ReviewToSend } from "../domain/federation/review-federation.ts";
import { imageMediaType, mediaUrl, reviewUrl } from "../feeds/site-urls.ts";
import { escapeHtml } from "./html.ts";

/** The Article's id: stable for the review whatever its slug becomes. */
export function reviewObjectUri(siteUrl: string, reviewId: number): URL {
  return new URL(`${siteUrl}/ap/review/${reviewId}`);
}

/** The review a fediverse object id names, when it is one of ours; undefined otherwise. */
export function reviewIdOfObject(siteUrl: string, objectId: URL | null): number | undefined {
  if (!objectId) return undefined;
  const prefix = `${new URL(siteUrl).origin}/ap/review/`;
  const rest = objectId.href.startsWith(prefix) ? objectId.href.slice(prefix.length) : "";
  return /^[1-9][0-9]{0,9}$/.test(rest) ? Number(rest) : undefined;
}

export function reviewArticle(
  ctx: Context<void>,
  slug: string,
  siteUrl: string,
  review: ReviewToSend,
  /** The username of the writer's own actor, when on. */
  writer: string | null = null,
): Article {
  const url = reviewUrl(siteUrl, review.slug);
  const name = review.year ? `${review.title} (${review.year})` : review.title;
  const lead = `<p>${escapeHtml(review.excerpt)}</p>`;
  return new Article({
    id: reviewObjectUri(siteUrl, review.id),
    attribution: ctx.getActorUri(writer ?? slug),
    name,
    summary: lead,
    content: `${lead}<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`,
    url: new URL(url),
    published: Temporal.Instant.from(review.publishedAt),
    updated: review.sentBefore ? Temporal.Instant.from(review.updatedAt) : null,
    to: PUBLIC_COLLECTION,
    ccs: writer
      ? [ctx.getFollowersUri(slug), ctx.getFollowersUri(writer)]
      : [ctx.getFollowersUri(slug)],
    attachments: review.still
      ? [
          new Image({
            url: new URL(mediaUrl(siteUrl, review.still.path)),
            mediaType: imageMediaType(review.still.path),
            name: review.still.alt,
            width: review.still.width,
            height: review.still.height,
          }),
        ]
      : [],
    tags: review.tags.map(
      (tag) =>
        new Hashtag({
          name: `#${tag.name.replace(/\s+/g, "")}`,
          href: new URL(`${siteUrl}/tag/${encodeURIComponent(tag.slug)}`),
        }),
    ),
  });
}
