// The public site's addresses, asked of the domain rather than found by crawling: every
// published review, film, person, series and tag (the sitemap's list), the indexes by date,
// year, decade and rating, the feeds of each, and the fixed pages. Pagination (`…/page/N`)
// is not listed here: the exporter follows the pages' own links to later pages, and
// `pagedBases` says where to look for them.
import type { Db } from "../../db/connect.ts";
import { archiveIndex } from "../../domain/indexes/archive.ts";
import { ratingSpread } from "../../domain/indexes/ratings.ts";
import { decadesIndex } from "../../domain/indexes/years.ts";
import { loadSettings } from "../../domain/settings.ts";
import { sitemapEntries } from "../../domain/sitemap-entries.ts";
import { feedExtensions, feedFormats } from "../../feeds/feed-paths.ts";

interface SeedPaths {
  /** Pages, feeds and files to export, site-relative. */
  paths: string[];
  /** Lists that may run past one page; `base/page/N` is tried until one is missing. */
  pagedBases: string[];
  /** Old addresses kept as redirects (WordPress permalinks), exported as redirect pages. */
  redirects: string[];
}

const feedFiles = feedFormats.map((format) => `feed.${feedExtensions[format]}`);

export async function seedPaths(db: Db, now: string): Promise<SeedPaths> {
  const [entries, archive, decades, settings, redirects] = await Promise.all([
    sitemapEntries(db, now),
    archiveIndex(db, now),
    decadesIndex(db, now),
    loadSettings(db),
    oldAddresses(db),
  ]);
  const paths = new Set<string>([
    "/",
    "/archive",
    "/directors",
    "/years",
    "/tags",
    "/series",
    // The search page itself is exported (the nav links to it); see static-rewrites.ts.
    "/search",
    "/sitemap.xml",
    "/robots.txt",
    "/comments/feed.xml",
    ...feedFiles.map((file) => `/${file}`),
  ]);
  const pagedBases = new Set<string>(["/", "/directors", "/tags"]);

  for (const { path } of entries) {
    paths.add(path);
    const [, kind] = path.split("/");
    if (kind === "review") paths.add(`${path}/comments/feed.xml`);
    // Tags and people list their reviews a page at a time, like the other listings.
    if ((kind === "tag" && path !== "/tags") || kind === "person") pagedBases.add(path);
    // Series, people and tags each have feeds of their own; films and reviews do not.
    if ((kind === "series" || kind === "person" || kind === "tag") && path !== "/series") {
      for (const file of feedFiles) paths.add(`${path}/${file}`);
    }
  }
  for (const year of archive) {
    const base = `/archive/${year.year}`;
    paths.add(base);
    pagedBases.add(base);
    for (const m of year.months) {
      const month = `${base}/${String(m.month).padStart(2, "0")}`;
      paths.add(month);
      pagedBases.add(month);
    }
  }
  for (const decade of decades) {
    const base = `/decades/${decade.start}s`;
    paths.add(base);
    pagedBases.add(base);
    for (const y of decade.years) {
      paths.add(`/years/${y.year}`);
      pagedBases.add(`/years/${y.year}`);
    }
  }
  if (settings.ratingScale !== "none") {
    paths.add("/ratings");
    const spread = await ratingSpread(db, now, settings.ratingScale);
    const values = spread.steps.map((s) => String(s.value));
    if (spread.unrated > 0) values.push("unrated");
    for (const value of values) {
      paths.add(`/ratings/${value}`);
      pagedBases.add(`/ratings/${value}`);
    }
  }
  return { paths: [...paths], pagedBases: [...pagedBases], redirects };
}

/**
 * Redirect keys that are plain paths. A key with a query (`/?p=12`) cannot be a file: a
 * static host serves `/` whatever the query says, so those are left to a live server.
 */
async function oldAddresses(db: Db): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom("redirects")
    .select("from_path")
    .orderBy("from_path")
    .execute();
  return rows.map((r) => r.from_path).filter((p) => p.startsWith("/") && !p.includes("?"));
}
