// Every public page a search engine should know, with when its content last changed.
// Only what a reader can reach is listed: a film, person or tag appears once it has a public
// review, so a draft never leaks through the sitemap.
import type { Db } from "../db/connect.ts";
import { postSitemapEntries } from "./posts-public.ts";
import { publishedReviews } from "./visibility.ts";

export interface SitemapEntry {
  /** Site-relative path, e.g. `/review/leaving-las-vegas-1995`. */
  path: string;
  /** ISO-8601 time of the last change, when known. */
  lastmod: string | undefined;
}

export async function sitemapEntries(db: Db, now: string): Promise<SitemapEntry[]> {
  const [reviews, films, people, tags, seriesReviews, series] = await Promise.all([
    publishedReviews(db, now)
      .select([
        "reviews.slug as slug",
        "reviews.published_at as published",
        "reviews.updated_at as updated",
      ])
      .orderBy("reviews.published_at", "desc")
      .orderBy("reviews.id", "desc")
      .execute(),
    publishedReviews(db, now)
      .innerJoin("films", "films.id", "reviews.film_id")
      .select((eb) => [
        "films.slug as slug",
        "films.updated_at as own",
        eb.fn.max("reviews.published_at").as("published"),
        eb.fn.max("reviews.updated_at").as("updated"),
      ])
      .groupBy(["films.slug", "films.updated_at"])
      .orderBy("films.slug")
      .execute(),
    publishedReviews(db, now)
      .innerJoin("credits", "credits.film_id", "reviews.film_id")
      .innerJoin("people", "people.id", "credits.person_id")
      .select((eb) => [
        "people.slug as slug",
        eb.fn.max("reviews.published_at").as("published"),
        eb.fn.max("reviews.updated_at").as("updated"),
      ])
      .groupBy("people.slug")
      .orderBy("people.slug")
      .execute(),
    publishedReviews(db, now)
      .innerJoin("review_tags", "review_tags.review_id", "reviews.id")
      .innerJoin("tags", "tags.id", "review_tags.tag_id")
      .select((eb) => [
        "tags.slug as slug",
        eb.fn.max("reviews.published_at").as("published"),
        eb.fn.max("reviews.updated_at").as("updated"),
      ])
      .groupBy("tags.slug")
      .orderBy("tags.slug")
      .execute(),
    publishedReviews(db, now)
      .innerJoin("series_entries", "series_entries.film_id", "reviews.film_id")
      .select((eb) => [
        "series_entries.series_id as seriesId",
        eb.fn.max("reviews.published_at").as("published"),
        eb.fn.max("reviews.updated_at").as("updated"),
      ])
      .groupBy("series_entries.series_id")
      .execute(),
    db.kysely.selectFrom("series").select(["id", "slug", "updated_at"]).orderBy("slug").execute(),
  ]);

  const reviewed = new Map(seriesReviews.map((r) => [r.seriesId, r]));
  const seriesEntries = series.map((s) => {
    const r = reviewed.get(s.id);
    return { path: `/series/${s.slug}`, lastmod: latest(s.updated_at, r?.published, r?.updated) };
  });
  const reviewEntries = reviews.map((r) => ({
    path: `/review/${r.slug}`,
    lastmod: latest(r.published, r.updated),
  }));

  return [
    { path: "/", lastmod: latest(...reviewEntries.map((e) => e.lastmod)) },
    ...reviewEntries,
    ...films.map((f) => ({
      path: `/film/${f.slug}`,
      lastmod: latest(f.own, f.published, f.updated),
    })),
    ...people.map((p) => ({ path: `/person/${p.slug}`, lastmod: latest(p.published, p.updated) })),
    ...(series.length
      ? [{ path: "/series", lastmod: latest(...seriesEntries.map((e) => e.lastmod)) }]
      : []),
    ...seriesEntries,
    ...tags.map((t) => ({ path: `/tag/${t.slug}`, lastmod: latest(t.published, t.updated) })),
    ...(await postSitemapEntries(db, now)),
  ];
}

/** The latest of some ISO times; they compare as strings (see domain/time.ts). */
function latest(...times: (string | null | undefined)[]): string | undefined {
  let max: string | undefined;
  for (const t of times) if (t && (!max || t > max)) max = t;
  return max;
}
