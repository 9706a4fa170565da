// Old addresses that still work: an imported post's WordPress permalinks answer with a 301
// to its page here, so links from elsewhere and search engines follow it.
import type { Db } from "../db/connect.ts";
import { nowIso } from "./time.ts";

/**
 * The form an old address is kept in: the path without a trailing slash (WordPress writes
 * one, links often drop it), plus the query only when it names the page (`?p=12`).
 */
export function redirectKey(path: string, query: URLSearchParams = new URLSearchParams()): string {
  const trimmed = path.replace(/\/+$/, "") || "/";
  for (const name of ["p", "page_id"]) {
    const value = query.get(name);
    if (value && /^\d+$/.test(value)) return `${trimmed}?${name}=${value}`;
  }
  return trimmed;
}

/** Adds redirects from the old addresses; one already kept is left pointing where it did. */
export async function addRedirects(db: Db, fromPaths: string[], toPath: string): Promise<number> {
  return addRedirectsTo(db, [{ fromPaths, toPath }]);
}

/**
 * Redirects to many pages at once (an import's batch), in one statement; an old address
 * named twice points where its first mention says. Returns how many were added.
 */
export async function addRedirectsTo(
  db: Db,
  pages: { fromPaths: string[]; toPath: string }[],
): Promise<number> {
  const targets = new Map<string, string>();
  for (const { fromPaths, toPath } of pages) {
    for (const key of fromPaths) {
      if (key !== toPath && key !== "/" && !targets.has(key)) targets.set(key, toPath);
    }
  }
  if (targets.size === 0) return 0;
  const at = nowIso();
  let added = 0;
  const rows = [...targets].map(([from_path, to_path]) => ({ from_path, to_path, created_at: at }));
  for (let i = 0; i < rows.length; i += 500) {
    const result = await db.kysely
      .insertInto("redirects")
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.column("from_path").doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

export async function redirectFor(db: Db, key: string): Promise<string | undefined> {
  const row = await db.kysely
    .selectFrom("redirects")
    .select("to_path")
    .where("from_path", "=", key)
    .executeTakeFirst();
  return row?.to_path;
}

/** A link's path and query as a redirect key; undefined for a link that is not a URL. */
export function redirectKeyOfLink(link: string): string | undefined {
  try {
    const url = new URL(link);
    return redirectKey(decodeURI(url.pathname), url.searchParams);
  } catch {
    return undefined;
  }
}
