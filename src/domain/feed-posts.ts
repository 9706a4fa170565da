// The latest public posts for a feed. A blog's subscribers follow its news as well as its
// reviews (WordPress puts posts in its main feed), so the site feed and a tag's feed carry
// posts beside reviews. Pages are not dated news and stay out, as in WordPress.
// They are read with the feed's reviews in one statement (src/domain/feed-read.ts).

export interface FeedPost {
  id: number;
  slug: string;
  title: string;
  /** Sanitised HTML, rendered when the post was saved. */
  bodyHtml: string;
  excerpt: string;
  publishedAt: string;
  updatedAt: string;
  authorName: string;
  tags: { slug: string; name: string }[];
}
