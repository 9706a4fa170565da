// The stats figures as plain arithmetic over the facts (viewings.ts): no database here, so
// each figure has one definition whichever database the facts came from.
import { ratingStep } from "../indexes/ratings.ts";
import type { RatingScale } from "../../content/rating.ts";
import type { ReviewFacts, Viewing } from "./viewings.ts";

export interface Count<K> {
  key: K;
  count: number;
}

export interface MonthCount {
  month: number;
  watched: number;
  reviewed: number;
}

export interface Streak {
  days: number;
  from: string;
  to: string;
}

export const weekdayNames = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
] as const;

export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

/** Viewings and reviews in one year (by viewing day and publishing day). */
export function inYear<T extends { day?: string; publishedOn?: string }>(rows: T[], year: number) {
  const prefix = `${year}-`;
  return rows.filter((r) => (r.day ?? r.publishedOn ?? "").startsWith(prefix));
}

export function perMonth(viewings: Viewing[], reviews: ReviewFacts[]): MonthCount[] {
  const months = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, watched: 0, reviewed: 0 }));
  for (const v of viewings) months[Number(v.day.slice(5, 7)) - 1]!.watched++;
  for (const r of reviews) months[Number(r.publishedOn.slice(5, 7)) - 1]!.reviewed++;
  return months;
}

export interface YearCount {
  year: number;
  watched: number;
  reviewed: number;
}

/** Every year from the first viewing or review to the last, empty years included. */
export function perYear(viewings: Viewing[], reviews: ReviewFacts[]): YearCount[] {
  const years = [
    ...viewings.map((v) => yearOf(v.day)),
    ...reviews.map((r) => yearOf(r.publishedOn)),
  ];
  if (years.length === 0) return [];
  const first = Math.min(...years);
  const last = Math.max(...years);
  const rows = Array.from({ length: last - first + 1 }, (_, i) => ({
    year: first + i,
    watched: 0,
    reviewed: 0,
  }));
  for (const v of viewings) rows[yearOf(v.day) - first]!.watched++;
  for (const r of reviews) rows[yearOf(r.publishedOn) - first]!.reviewed++;
  return rows;
}

function counted<K>(keys: K[]): Map<K, number> {
  const map = new Map<K, number>();
  for (const k of keys) map.set(k, (map.get(k) ?? 0) + 1);
  return map;
}

/** Viewings by the decade of the film's release, oldest decade first. */
export function byDecade(viewings: Viewing[]): Count<number>[] {
  const map = counted(
    viewings.filter((v) => v.filmYear != null).map((v) => Math.floor(v.filmYear! / 10) * 10),
  );
  return [...map].map(([key, count]) => ({ key, count })).sort((a, b) => a.key - b.key);
}

/** The release years watched most, most first (ties: the older year first). */
export function topReleaseYears(viewings: Viewing[], limit = 5): Count<number>[] {
  const map = counted(viewings.filter((v) => v.filmYear != null).map((v) => v.filmYear!));
  return [...map]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key - b.key)
    .slice(0, limit);
}

/** Every step of the site's scale, lowest first, with the viewings rated so. */
export function ratingHistogram(viewings: Viewing[], scale: RatingScale): Count<number>[] {
  if (scale === "none") return [];
  // Five stars in halves and ten points both step by 10; a 100-point scale is grouped by tens.
  const map = counted(
    viewings
      .filter((v) => v.rating != null)
      .map((v) =>
        scale === "hundred"
          ? Math.min(90, Math.floor(v.rating! / 10) * 10)
          : ratingStep(v.rating!, scale),
      ),
  );
  const first = scale === "stars5" ? 10 : 0;
  const steps: Count<number>[] = [];
  for (let value = first; value <= (scale === "hundred" ? 90 : 100); value += 10) {
    steps.push({ key: value, count: map.get(value) ?? 0 });
  }
  // Zero stars is no step of the star scale; a stored 0 shows with the lowest step.
  if (scale === "stars5" && map.get(0)) steps[0]!.count += map.get(0)!;
  return steps;
}

/** The longest run of consecutive days with at least one viewing (the earliest if tied). */
export function longestStreak(viewings: Viewing[]): Streak | null {
  const days = [...new Set(viewings.map((v) => v.day))].sort();
  let best: Streak | null = null;
  let run: Streak = { days: 0, from: "", to: "" };
  let previous = Number.NaN;
  for (const day of days) {
    const number = dayNumber(day);
    run =
      run.days > 0 && number === previous + 1
        ? { from: run.from, days: run.days + 1, to: day }
        : { days: 1, from: day, to: day };
    previous = number;
    if (!best || run.days > best.days) best = run;
  }
  return best;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` day (no Date parsing: this runs per viewing). */
export function dayNumber(day: string): number {
  return (
    Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) /
    86_400_000
  );
}

function weekdayOf(day: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber(day) + 4) % 7) + 7) % 7;
}

/** Viewings per day of the week, Monday first. */
export function byWeekday(viewings: Viewing[]): Count<number>[] {
  const map = counted(viewings.map((v) => weekdayOf(v.day)));
  return [1, 2, 3, 4, 5, 6, 0].map((key) => ({ key, count: map.get(key) ?? 0 }));
}

/** The busiest weekday, or null when nothing was watched (ties: the earlier in the week). */
export function busiestWeekday(viewings: Viewing[]): Count<number> | null {
  const best = byWeekday(viewings).reduce<Count<number> | null>(
    (top, d) => (d.count > (top?.count ?? 0) ? d : top),
    null,
  );
  return best;
}

export interface RewatchShare {
  total: number;
  rewatches: number;
  firstTimes: number;
  /** Whole percent of first-time viewings; 0 on an empty year. */
  firstTimePercent: number;
}

export function rewatchShare(viewings: Viewing[]): RewatchShare {
  const rewatches = viewings.filter((v) => v.rewatch).length;
  const total = viewings.length;
  const firstTimes = total - rewatches;
  return {
    total,
    rewatches,
    firstTimes,
    firstTimePercent: total === 0 ? 0 : Math.round((firstTimes / total) * 100),
  };
}

/** Whole words on average, or null with no reviews. */
export function averageWords(reviews: ReviewFacts[]): number | null {
  if (reviews.length === 0) return null;
  return Math.round(reviews.reduce((sum, r) => sum + r.words, 0) / reviews.length);
}

/** Reviews with the most approved comments (none without any), most first, then newest. */
export function mostDiscussed(reviews: ReviewFacts[], limit = 5): ReviewFacts[] {
  return reviews
    .filter((r) => r.comments > 0)
    .sort(
      (a, b) => b.comments - a.comments || (a.publishedOn < b.publishedOn ? 1 : -1) || b.id - a.id,
    )
    .slice(0, limit);
}

/** Highest-rated reviews, ties to the earlier published. */
export function topRated(reviews: ReviewFacts[], limit = 6): ReviewFacts[] {
  return reviews
    .filter((r) => r.rating != null)
    .sort(
      (a, b) => b.rating! - a.rating! || (a.publishedOn < b.publishedOn ? -1 : 1) || a.id - b.id,
    )
    .slice(0, limit);
}

/** Viewings per day of the year, for the calendar. */
export function dayCounts(viewings: Viewing[]): Map<string, number> {
  return counted(viewings.map((v) => v.day));
}
