// The two stats reads beyond the facts: who made and acted in the films watched (for the
// most-watched directors and actors), and each series' progress through the reviews.
import type { Db } from "../../db/connect.ts";
import type { ReviewFacts, Viewing } from "./viewings.ts";

export interface PersonCount {
  slug: string;
  name: string;
  /** Viewings of their films. */
  count: number;
}

interface Credited {
  filmId: number;
  role: "director" | "cast";
  personId: number;
}

/**
 * Director and cast credits, as ids. All of them: the films are those the journal reviews or
 * logs, and reading the table through (an index of migration 031 holds these columns) costs
 * less than looking up each watched film's credits; credits of films not watched count for
 * nothing in peopleCounts.
 */
export async function directorAndCastCredits(db: Db): Promise<Credited[]> {
  const rows = await db.kysely
    .selectFrom("credits")
    .where("credits.role", "in", ["director", "cast"])
    .select(["credits.film_id as filmId", "credits.role as role", "credits.person_id as personId"])
    .execute();
  return rows as Credited[];
}

/** Viewings of each person's films in that role, by person id. */
export function peopleCounts(
  viewings: Viewing[],
  credits: Credited[],
  role: Credited["role"],
): Map<number, number> {
  const perFilm = new Map<number, number>();
  for (const v of viewings) perFilm.set(v.filmId, (perFilm.get(v.filmId) ?? 0) + 1);
  const people = new Map<number, number>();
  for (const c of credits) {
    const n = perFilm.get(c.filmId);
    if (c.role !== role || !n) continue;
    people.set(c.personId, (people.get(c.personId) ?? 0) + n);
  }
  return people;
}

/** Who could be in the top `limit` (ties at the edge are settled by name, so all of them). */
export function topCandidates(counts: Map<number, number>, limit = 10): number[] {
  const sorted = [...counts.values()].sort((a, b) => b - a);
  const edge = sorted[Math.min(limit, sorted.length) - 1] ?? 0;
  return [...counts].filter(([, n]) => n >= edge).map(([id]) => id);
}

/** Slugs and names of the given people (only the candidates: a page names ten at most). */
export async function peopleNames(
  db: Db,
  ids: number[],
): Promise<Map<number, { slug: string; name: string }>> {
  const names = new Map<number, { slug: string; name: string }>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db.kysely
      .selectFrom("people")
      .select(["id", "slug", "name"])
      .where("id", "in", unique.slice(i, i + 500))
      .execute();
    for (const r of rows) names.set(r.id, { slug: r.slug, name: r.name });
  }
  return names;
}

/** People by the viewings of their films, most first, ties by name. */
export function topPeople(
  counts: Map<number, number>,
  names: Map<number, { slug: string; name: string }>,
  limit = 10,
): PersonCount[] {
  return topCandidates(counts, limit)
    .flatMap((id) => {
      const who = names.get(id);
      return who ? [{ slug: who.slug, name: who.name, count: counts.get(id)! }] : [];
    })
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .slice(0, limit);
}

export interface SeriesProgress {
  slug: string;
  title: string;
  entries: number;
  /** Entries with a public review, ever. */
  reviewed: number;
  /** `YYYY-MM-DD` publishing days of those reviews, oldest first, for the progress line. */
  reviewedOn: string[];
}

/**
 * Each series' entries and which have a public review, from two narrow reads (the series, and
 * their entries' review ids) and the public reviews the stats already hold.
 */
export async function seriesProgress(db: Db, reviews: ReviewFacts[]): Promise<SeriesProgress[]> {
  const [series, entries] = await Promise.all([
    db.kysely
      .selectFrom("series")
      .select(["id", "slug", "title"])
      .orderBy("title")
      .orderBy("id")
      .execute(),
    db.kysely.selectFrom("series_entries").select(["series_id", "review_id"]).execute(),
  ]);
  const published = new Map(reviews.map((r) => [r.id, r.publishedOn]));
  const byId = new Map<number, SeriesProgress>(
    series.map((s) => [
      s.id,
      { slug: s.slug, title: s.title, entries: 0, reviewed: 0, reviewedOn: [] },
    ]),
  );
  for (const e of entries) {
    const s = byId.get(e.series_id);
    if (!s) continue;
    s.entries++;
    const day = e.review_id === null ? undefined : published.get(e.review_id);
    if (day) {
      s.reviewed++;
      s.reviewedOn.push(day);
    }
  }
  // Only series with at least one entry, as the join of series and entries gave.
  const shown = [...byId.values()].filter((s) => s.entries > 0);
  for (const s of shown) s.reviewedOn.sort();
  return shown;
}

export interface Pace {
  /** Reviewed in the year so far. */
  thisYear: number;
  /** Where the year ends at this rate (the count itself for a year that is over). */
  projected: number;
}

/** The pace of a count through `year`, judged on `today` (`YYYY-MM-DD`). */
export function paceFor(days: string[], year: number, today: string): Pace {
  const thisYear = days.filter((d) => d.startsWith(`${year}-`)).length;
  const currentYear = Number(today.slice(0, 4));
  if (year !== currentYear) return { thisYear, projected: thisYear };
  const start = Date.UTC(year, 0, 1);
  const length = (Date.UTC(year + 1, 0, 1) - start) / 86_400_000;
  const elapsed = Math.floor((Date.parse(`${today}T00:00:00Z`) - start) / 86_400_000) + 1;
  return { thisYear, projected: Math.round((thisYear / elapsed) * length) };
}
