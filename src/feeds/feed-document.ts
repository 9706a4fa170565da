// One neutral description of a feed, written out as RSS, Atom or JSON Feed by the writers
// next to this file, so the three formats never disagree about what an entry says.
import { statSync } from "node:fs";
import path from "node:path";
import type { Still } from "../db/schema.ts";
import { filmLabel } from "../domain/films.ts";
import { feedLength, type FeedReview } from "../domain/feed-items.ts";
import type { FeedPost } from "../domain/feed-posts.ts";
import { postPath } from "../domain/posts.ts";
import type { RatingScale } from "../content/rating.ts";
import { absoluteUrls } from "./absolute-urls.ts";
import { entryHtml } from "./entry-html.ts";
import {
  feedDescription,
  feedFormats,
  feedPath,
  feedTitle,
  subjectPagePath,
  type FeedFormat,
  type FeedSubject,
} from "./feed-paths.ts";
import { RebuildOnChange } from "./rebuild-on-change.ts";
import { shareImageOf } from "./share-image.ts";
import { imageMediaType, mediaUrl, reviewUrl } from "./site-urls.ts";

interface FeedImage {
  url: string;
  mediaType: string;
  /** Size of the file in bytes, when it could be read. */
  length: number | undefined;
  width: number;
  height: number;
  alt: string;
}

export interface FeedEntry {
  /** The permalink: stable, and the entry's id in every format. */
  id: string;
  url: string;
  title: string;
  /** Plain text. */
  summary: string;
  contentHtml: string;
  published: string;
  updated: string;
  authorName: string;
  /** The review's tag names. */
  categories: string[];
  image: FeedImage | undefined;
}

export interface FeedDocument {
  title: string;
  description: string;
  language: string;
  /** The HTML page this feed follows. */
  pageUrl: string;
  selfUrls: Record<FeedFormat, string>;
  /** The newest entry's update time, or `fallbackUpdated` for an empty feed. */
  updated: string;
  entries: FeedEntry[];
}

interface FeedInput {
  subject: FeedSubject;
  site: { url: string; title: string; description: string };
  scale: RatingScale;
  reviews: FeedReview[];
  /** News posts to interleave with the reviews by date (the site and tag feeds). */
  posts?: FeedPost[];
  /** Where stills live on disk, to give enclosures their length. */
  mediaDir: string;
  fallbackUpdated: string;
}

/**
 * The same built part for the same entry: an entry's writer output (an RSS item, an Atom
 * entry) is kept per entry id and rebuilt when any of the entry's fields changed.
 */
export function memoisedPerEntry<V>(limit: number, build: (entry: FeedEntry) => V) {
  const memo = new RebuildOnChange<V>(limit);
  return (entry: FeedEntry): V =>
    memo.get(entry.id, JSON.stringify({ ...entry, contentHtml: "" }), entry.contentHtml, () =>
      build(entry),
    );
}

export function buildFeedDocument(input: FeedInput): FeedDocument {
  const { site, subject } = input;
  const entries = [
    ...input.reviews.map((r) => buildEntry(r, input)),
    ...(input.posts ?? []).map((p) => buildPostEntry(p, input.site.url)),
  ]
    // Newest first, as each list already is; the two lists together keep a feed's length.
    .sort((a, b) => (a.published < b.published ? 1 : a.published > b.published ? -1 : 0))
    .slice(0, feedLength);
  const updated = entries.reduce(
    (max, e) => (e.updated > max ? e.updated : max),
    entries.length ? "" : input.fallbackUpdated,
  );
  return {
    title: feedTitle(subject, site.title),
    description: feedDescription(subject, site),
    language: "en",
    pageUrl: `${site.url}${subjectPagePath(subject)}`,
    selfUrls: Object.fromEntries(
      feedFormats.map((f) => [f, `${site.url}${feedPath(subject, f)}`]),
    ) as Record<FeedFormat, string>,
    updated,
    entries,
  };
}

// An entry's HTML for each review and post lately in a feed (the site's, a tag's…), rebuilt
// when anything it shows changed. 200: the site feed's 20 and a few dozen other feeds' worth.
const contentMemo = new RebuildOnChange<string>(200);

/** What a review's entry HTML is kept under and compared by (besides its body's key). */
function contentKey(review: FeedReview, siteUrl: string, scale: RatingScale) {
  const permalink = reviewUrl(siteUrl, review.slug);
  return {
    id: `review ${review.id}`,
    permalink,
    small: JSON.stringify([
      permalink,
      siteUrl,
      scale,
      review.rating,
      review.directors,
      review.stills,
    ]),
  };
}

/**
 * The reviews whose body a feed must have to be built: those not read yet (PostgreSQL reads
 * only each body's key, src/domain/feed-read.ts) whose entry HTML is not kept as it is.
 */
export function reviewsNeedingBodies(
  reviews: FeedReview[],
  siteUrl: string,
  scale: RatingScale,
): FeedReview[] {
  return reviews.filter((review) => {
    if (review.bodyHtml !== undefined) return false;
    const { id, small } = contentKey(review, siteUrl, scale);
    return !contentMemo.has(id, small, review.bodyKey);
  });
}

function buildEntry(review: FeedReview, input: FeedInput): FeedEntry {
  const siteUrl = input.site.url;
  const { id, permalink, small } = contentKey(review, siteUrl, input.scale);
  const lead = review.stills[0];
  const contentHtml = contentMemo.get(id, small, review.bodyKey, () => {
    const bodyHtml = review.bodyHtml;
    if (bodyHtml === undefined) throw new Error(`review ${review.id}: its body was not read`);
    return entryHtml({ ...review, bodyHtml }, permalink, { siteUrl, scale: input.scale });
  });
  return {
    id: permalink,
    url: permalink,
    title: filmLabel(review.film),
    summary: review.excerpt,
    contentHtml,
    published: review.publishedAt,
    updated: review.updatedAt,
    authorName: review.authorName,
    categories: review.tags.map((t) => t.name),
    image: lead ? feedImage(lead, siteUrl, input.mediaDir) : undefined,
  };
}

function buildPostEntry(post: FeedPost, siteUrl: string): FeedEntry {
  const permalink = `${siteUrl}${postPath("post", post.slug)}`;
  return {
    id: permalink,
    url: permalink,
    title: post.title,
    summary: post.excerpt,
    contentHtml: contentMemo.get(`post ${post.id}`, permalink, post.bodyHtml, () =>
      absoluteUrls(post.bodyHtml, permalink),
    ),
    published: post.publishedAt,
    updated: post.updatedAt,
    authorName: post.authorName,
    categories: post.tags.map((t) => t.name),
    image: undefined,
  };
}

function feedImage(still: Still, siteUrl: string, mediaDir: string): FeedImage {
  const image = shareImageOf(still);
  return {
    url: mediaUrl(siteUrl, image.path),
    mediaType: imageMediaType(image.path),
    length: fileSize(path.join(mediaDir, image.path)),
    width: image.width,
    height: image.height,
    alt: still.alt,
  };
}

// A synchronous stat: the stills' files are local and their metadata cached by the system,
// and twenty promise round trips through the thread pool cost a feed more than the stats.
function fileSize(file: string): number | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false })?.size;
  } catch {
    return undefined;
  }
}
