// The writer's numbers on the admin dashboard: this month and this year, each series' pace and
// the yearly goal. The same figures as the public stats page (stats-report.ts), fewer of them:
// read from the same facts, without the credits and titles only the public page shows.
import type { Db } from "../../db/connect.ts";
import { loadSettings } from "../settings.ts";
import { inYear, perMonth } from "./figures.ts";
import { paceFor, seriesProgress, type Pace } from "./people-and-series.ts";
import type { SeriesLine } from "./stats-report.ts";
import { loadStatsFacts } from "./viewings.ts";

export interface DashboardNumbers {
  year: number;
  month: number;
  monthWatched: number;
  monthReviewed: number;
  yearWatched: number;
  yearReviewed: number;
  series: SeriesLine[];
  goal: { target: number; pace: Pace } | null;
}

export async function dashboardNumbers(db: Db, now: string): Promise<DashboardNumbers> {
  const [settings, facts] = await Promise.all([loadSettings(db), loadStatsFacts(db, now)]);
  const today = now.slice(0, 10);
  const year = Number(now.slice(0, 4));
  const month = Number(now.slice(5, 7));
  const viewings = inYear(facts.viewings, year);
  const reviews = inYear(facts.reviews, year);
  const thisMonth = perMonth(viewings, reviews)[month - 1]!;
  const series = await seriesProgress(db, facts.reviews);
  const goal = settings.statsYearlyGoal;
  return {
    year,
    month,
    monthWatched: thisMonth.watched,
    monthReviewed: thisMonth.reviewed,
    yearWatched: viewings.length,
    yearReviewed: reviews.length,
    series: series.map((s) => ({ ...s, pace: paceFor(s.reviewedOn, year, today) })),
    goal:
      goal > 0
        ? {
            target: goal,
            pace: paceFor(
              facts.viewings.map((v) => v.day),
              year,
              today,
            ),
          }
        : null,
  };
}
