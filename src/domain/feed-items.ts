// What a feed lists and how: the reviews it carries, with everything an entry shows (the
// body, the author, the tags, the stills and the directors). They are read, with the feed's
// posts, in one statement by src/domain/feed-read.ts.
import type { Still } from "../db/schema.ts";

/** Whose reviews a feed lists: all of them, or those of one series, person or tag. */
export type FeedScope =
  | { kind: "site" }
  | { kind: "series"; seriesId: number }
  | { kind: "person"; personId: number }
  | { kind: "tag"; tagId: number };

export interface FeedReview {
  id: number;
  slug: string;
  /**
   * Sanitised HTML, rendered when the review was saved. Not read from PostgreSQL until the
   * feed needs it (src/domain/feed-read.ts, fillFeedBodies): undefined until then.
   */
  bodyHtml: string | undefined;
  /**
   * What the body is compared by to tell whether it changed: the body itself on SQLite (read
   * in the process, it costs nothing to carry), a key read without the body on PostgreSQL
   * (bodyKeyOf in src/domain/feed-read.ts), where carrying 20
   * bodies over the wire and parsing them was most of a feed's cost in the app.
   */
  bodyKey: string;
  excerpt: string;
  /** 0–100, or null when unrated. */
  rating: number | null;
  publishedAt: string;
  /** The later of publication and last edit (a review scheduled to go out after its last
   *  edit changed, for its readers, when it went out). */
  updatedAt: string;
  authorName: string;
  film: { id: number; slug: string; title: string; year: number | null };
  directors: { slug: string; name: string }[];
  tags: { slug: string; name: string }[];
  /** In the reviewer's order; the first is the lead still. */
  stills: Still[];
  /**
   * The directors, tags and stills as the database wrote them (JSON text): what a kept feed
   * entry compares them by (src/feeds/feed-document.ts), cheaper than writing them out again.
   */
  listsKey: string;
}

export const feedLength = 20;
