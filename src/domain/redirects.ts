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
  const keys = [...new Set(fromPaths)].filter((key) => key !== toPath && key !== "/");
  if (keys.length === 0) return 0;
  const result = await db.kysely
    .insertInto("redirects")
    .values(keys.map((from_path) => ({ from_path, to_path: toPath, created_at: nowIso() })))
    .onConflict((oc) => oc.column("from_path").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
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
