// One stats page's data, all time (/stats) or one year (/stats/YEAR and its review): read
// the facts once, then work every figure out of them.
import type { Db } from "../../db/connect.ts";
import type { RatingScale } from "../../content/rating.ts";
import {
  averageWords,
  busiestWeekday,
  byDecade,
  byWeekday,
  dayCounts,
  inYear,
  longestStreak,
  mostDiscussed,
  perMonth,
  perYear,
  ratingHistogram,
  rewatchShare,
  topRated,
  topReleaseYears,
  yearOf,
  type Count,
  type MonthCount,
  type RewatchShare,
  type Streak,
  type YearCount,
} from "./figures.ts";
import {
  directorAndCastCredits,
  paceFor,
  peopleCounts,
  peopleNames,
  seriesProgress,
  topCandidates,
  topPeople,
  type Pace,
  type PersonCount,
  type SeriesProgress,
} from "./people-and-series.ts";
import { loadStatsFacts, reviewLabels, type PublicReviewFacts } from "./viewings.ts";

export interface SeriesLine extends SeriesProgress {
  pace: Pace;
}

export interface StatsReport {
  /** The year shown, or null for all time. */
  year: number | null;
  /** The year the calendar and months chart show (the given year, or the current one). */
  calendarYear: number;
  /** Years with any viewing or review, newest first: the links to each year's page. */
  years: number[];
  watched: number;
  films: number;
  reviewed: number;
  perYear: YearCount[];
  perMonth: MonthCount[];
  days: Map<string, number>;
  decades: Count<number>[];
  releaseYears: Count<number>[];
  ratings: Count<number>[];
  directors: PersonCount[];
  actors: PersonCount[];
  streak: Streak | null;
  share: RewatchShare;
  weekdays: Count<number>[];
  busiest: Count<number> | null;
  averageWords: number | null;
  discussed: PublicReviewFacts[];
  topRated: PublicReviewFacts[];
  series: SeriesLine[];
  /** The owner's yearly goal (films watched), with this year's pace against it; null = none. */
  goal: { target: number; pace: Pace } | null;
}

export async function statsReport(
  db: Db,
  options: { now: string; year: number | null; scale: RatingScale; yearlyGoal: number },
): Promise<StatsReport> {
  const { now, year, scale } = options;
  const today = now.slice(0, 10);
  const [facts, credits] = await Promise.all([loadStatsFacts(db, now), directorAndCastCredits(db)]);
  const viewings = year === null ? facts.viewings : inYear(facts.viewings, year);
  const reviews = year === null ? facts.reviews : inYear(facts.reviews, year);
  const calendarYear = year ?? yearOf(today);
  const yearOfCalendar = year === null ? inYear(facts.viewings, calendarYear) : viewings;
  const reviewsOfCalendar = year === null ? inYear(facts.reviews, calendarYear) : reviews;
  const directors = peopleCounts(viewings, credits, "director");
  const actors = peopleCounts(viewings, credits, "cast");
  // The few reviews and people the page links to get their names and addresses here.
  const [series, discussed, best, names] = await Promise.all([
    seriesProgress(db, facts.reviews),
    reviewLabels(db, mostDiscussed(reviews)),
    reviewLabels(db, topRated(reviews)),
    peopleNames(db, [...topCandidates(directors), ...topCandidates(actors)]),
  ]);
  const years = [
    ...new Set([
      ...facts.viewings.map((v) => yearOf(v.day)),
      ...facts.reviews.map((r) => yearOf(r.publishedOn)),
    ]),
  ].sort((a, b) => b - a);
  const goalYear = calendarYear;
  return {
    year,
    calendarYear,
    years,
    watched: viewings.length,
    films: new Set(viewings.map((v) => v.filmId)).size,
    reviewed: reviews.length,
    perYear: perYear(facts.viewings, facts.reviews),
    perMonth: perMonth(yearOfCalendar, reviewsOfCalendar),
    days: dayCounts(yearOfCalendar),
    decades: byDecade(viewings),
    releaseYears: topReleaseYears(viewings),
    ratings: ratingHistogram(viewings, scale),
    directors: topPeople(directors, names),
    actors: topPeople(actors, names),
    streak: longestStreak(viewings),
    share: rewatchShare(viewings),
    weekdays: byWeekday(viewings),
    busiest: busiestWeekday(viewings),
    averageWords: averageWords(reviews),
    discussed,
    topRated: best,
    series: series.map((s) => ({ ...s, pace: paceFor(s.reviewedOn, goalYear, today) })),
    goal:
      options.yearlyGoal > 0
        ? {
            target: options.yearlyGoal,
            pace: paceFor(
              facts.viewings.map((v) => v.day),
              goalYear,
              today,
            ),
          }
        : null,
  };
}
