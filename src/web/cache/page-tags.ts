// Which content each public page shows, as cache tags (see src/domain/changes.ts).

// Pages that show neither comments nor comment counts, so a comment being approved or hidden
// leaves them cached: the index overviews (they count reviews), the series index, the feeds of
// reviews, the sitemap. (A series page and search results show comment counts.) Every other page carries "comments" — the safe default for a
// page added later, which may list reviews with their counts.
const withoutComments = [
  /^\/(archive|years|ratings|series|sitemap\.xml|robots\.txt)$/,
  /^\/(directors|tags)(\/page\/\d+)?$/,
  /^(\/(series|person|tag)\/[^/]+)?\/feed\.(xml|atom|json)$/,
];

export function tagsForPath(path: string): string[] {
  // A review or post and each of its comment pages (…/comment-page-N) carry its own tag.
  const review = /^\/review\/([^/]+)(?:\/comment-page-[^/]+)?$/.exec(path);
  if (review) return ["site", "public-set", "series", `review:${review[1]}`];
  // A post or page shows itself and the footer's pages (which change "site", or "public-set"
  // when a scheduled page falls due).
  const post = /^\/(post|pages)\/([^/]+)(?:\/comment-page-[^/]+)?$/.exec(path);
  if (post) {
    return ["site", "public-set", `post:${post[1] === "pages" ? "page" : "post"}:${post[2]}`];
  }
  // The stats pages count everything public: reviews (their ratings, dates and words: "lists"),
  // which are public ("public-set"), series, comments, and the owner's stats settings ("site").
  if (/^\/stats(\/\d{4})?$/.test(path)) {
    return ["site", "public-set", "series", "lists", "comments"];
  }
  const tags = ["site", "public-set", "series", "lists"];
  return withoutComments.some((pattern) => pattern.test(path)) ? tags : [...tags, "comments"];
}
