// Which content each public page shows, as cache tags (see src/domain/changes.ts).
export function tagsForPath(path: string): string[] {
  const review = /^\/review\/([^/]+)$/.exec(path);
  if (review) return ["site", "public-set", "series", `review:${review[1]}`];
  return ["site", "public-set", "series", "lists"];
}
