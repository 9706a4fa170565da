// The change tags (src/domain/changes.ts) public pages declare at their routes: a cached page
// is dropped when content it shows changes. Named sets, so a route says which one it shows.

/** What nearly every public page shows: the site's title and menu, the public reviews, the series, the lists. */
const everything = ["site", "public-set", "series", "lists"] as const;

export const pageTags = {
  /**
   * A page listing reviews with their comment counts — the safe default for a page added later.
   * (A series page and search results show comment counts.)
   */
  listing: [...everything, "comments"],
  /**
   * Pages that show neither comments nor comment counts, so a comment being approved or hidden
   * leaves them cached: the index overviews (they count reviews), the series index, the feeds
   * of reviews, the sitemap.
   */
  withoutComments: [...everything],
  /** The stats count everything public, comments too, and read the owner's stats settings ("site"). */
  stats: [...everything, "comments"],
  /** A review and each of its comment pages: its own tag, and "Up Next" (series). */
  review: (slug: string): string[] => ["site", "public-set", "series", `review:${slug}`],
  /**
   * A post or page shows itself and the footer's pages (which change "site", or "public-set"
   * when a scheduled page falls due).
   */
  post: (kind: "post" | "page", slug: string): string[] => [
    "site",
    "public-set",
    `post:${kind}:${slug}`,
  ],
};
