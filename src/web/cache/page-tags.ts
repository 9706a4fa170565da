// Which content each public page shows, as cache tags (see src/domain/changes.ts).
export function tagsForPath(path: string): string[] {
  const review = /^\/review\/([^/]+)$/.exec(path);
  if (review) return ["site", "public-set", "series", `review:${review[1]}`];
  return ["site", "public-set", "series", "lists"];
}

/** Pages never cached: search results (endless keys), media and assets (served from disk). */
export function isCacheablePath(path: string): boolean {
  return !(
    path === "/search" ||
    path.startsWith("/search/") ||
    path.startsWith("/media/") ||
    path.startsWith("/assets/") ||
    path.startsWith("/admin")
  );
}
