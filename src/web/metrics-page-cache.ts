// The hook through which /metrics reads the page cache's own figures. The page cache is
// getting a plain `stats()` object (hits, misses, evictions, bytes); until it has one, this
// returns undefined and /metrics reports the hits and misses it counts itself from the
// X-Cache header of each answer. Once `stats()` exists, nothing here needs to change.
export interface PageCacheStats {
  hits: number;
  misses: number;
  evictions: number;
  bytes: number;
}

export function pageCacheStatsHook(pageCache: unknown): PageCacheStats | undefined {
  const withStats = pageCache as { stats?: () => Partial<PageCacheStats> } | undefined;
  if (typeof withStats?.stats !== "function") return undefined;
  const s = withStats.stats();
  return {
    hits: Number(s.hits ?? 0),
    misses: Number(s.misses ?? 0),
    evictions: Number(s.evictions ?? 0),
    bytes: Number(s.bytes ?? 0),
  };
}
