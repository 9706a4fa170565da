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
  // The very entry object of before (kept by buildEntry, never changed once made) has the
  // same output without comparing its fields.
  const byEntry = new WeakMap<FeedEntry, V>();
  return (entry: FeedEntry): V => {
    const known = byEntry.get(entry);
    if (known !== undefined) return known;
    const value = memo.get(
      entry.id,
      JSON.stringify({ ...entry, contentHtml: "" }),
      entry.contentHtml,
      () => build(entry),
    );
    byEntry.set(entry, value);
    return value;
  };
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

// An entry's HTML for each post lately in a feed (the site's, a tag's…), rebuilt when its
// body or address changed.
const contentMemo = new RebuildOnChange<string>(200);

// Each review's entry as a whole (its HTML above all), rebuilt when anything it shows
// changed; on a hit only the lead still's file is looked at again, for its length. 200: the
// site feed's 20 and a few dozen other feeds' worth.
interface KeptEntry {
  entry: FeedEntry;
  /** The lead still's file, whose length the entry's enclosure gives. */
  imageFile: string | undefined;
}
const entryMemo = new RebuildOnChange<KeptEntry>(200);

/**
 * What a review's entry is kept under and compared by, besides its body's key: every other
 * field the entry is built from, and the directors, tags and stills as the database gave them
 * (FeedReview.listsKey), so they are compared without being written out again.
 */
function entryKey(review: FeedReview, siteUrl: string, scale: RatingScale, mediaDir: string) {
  return {
    id: `review ${review.id}`,
    small: `${JSON.stringify([
      siteUrl,
      mediaDir,
      scale,
      review.slug,
      review.rating,
      review.film,
      review.excerpt,
      review.publishedAt,
      review.updatedAt,
      review.authorName,
    ])}\n${review.listsKey}`,
  };
}

/**
 * The reviews whose body a feed must have to be built: those not read yet (PostgreSQL reads
 * only each body's key, src/domain/feed-read.ts) whose entry is not kept as it is.
 */
export function reviewsNeedingBodies(
  reviews: FeedReview[],
  siteUrl: string,
  scale: RatingScale,
  mediaDir: string,
): FeedReview[] {
  return reviews.filter((review) => {
    if (review.bodyHtml !== undefined) return false;
    const { id, small } = entryKey(review, siteUrl, scale, mediaDir);
    return !entryMemo.has(id, small, review.bodyKey);
  });
}

function buildEntry(review: FeedReview, input: FeedInput): FeedEntry {
  const siteUrl = input.site.url;
  const { id, small } = entryKey(review, siteUrl, input.scale, input.mediaDir);
  let built = false;
  const kept = entryMemo.get(id, small, review.bodyKey, () => {
    built = true;
    return newEntry(review, input);
  });
  if (built || !kept.imageFile) return kept.entry;
  // The still's file may have been replaced since: the enclosure gives its length as it is.
  const length = fileSize(kept.imageFile);
  const image = kept.entry.image!;
  if (length !== image.length) kept.entry = { ...kept.entry, image: { ...image, length } };
  return kept.entry;
}

function newEntry(review: FeedReview, input: FeedInput): KeptEntry {
  const siteUrl = input.site.url;
  const permalink = reviewUrl(siteUrl, review.slug);
  const bodyHtml = review.bodyHtml;
  if (bodyHtml === undefined) throw new Error(`review ${review.id}: its body was not read`);
  const lead = review.stills[0];
  const image = lead ? feedImage(lead, siteUrl, input.mediaDir) : undefined;
  return {
    entry: {
      id: permalink,
      url: permalink,
      title: filmLabel(review.film),
      summary: review.excerpt,
      contentHtml: entryHtml({ ...review, bodyHtml }, permalink, { siteUrl, scale: input.scale }),
      published: review.publishedAt,
      updated: review.updatedAt,
      authorName: review.authorName,
      categories: review.tags.map((t) => t.name),
      image: image?.value,
    },
    imageFile: image?.file,
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

function feedImage(still: Still, siteUrl: string, mediaDir: string) {
  const image = shareImageOf(still);
  const file = path.join(mediaDir, image.path);
  const value: FeedImage = {
    url: mediaUrl(siteUrl, image.path),
    mediaType: imageMediaType(image.path),
    length: fileSize(file),
    width: image.width,
    height: image.height,
    alt: still.alt,
  };
  return { value, file };
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
