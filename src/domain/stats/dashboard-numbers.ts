// The writer's numbers on the admin dashboard: this month and this year, each series' pace and
// the yearly goal. The same figures as the public stats page (stats-report.ts), fewer of them.
import type { Db } from "../../db/connect.ts";
import { loadSettings } from "../settings.ts";
import { statsReport, type SeriesLine } from "./stats-report.ts";
import type { Pace } from "./people-and-series.ts";

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
  const settings = await loadSettings(db);
  const year = Number(now.slice(0, 4));
  const month = Number(now.slice(5, 7));
  const report = await statsReport(db, {
    now,
    year,
    scale: settings.ratingScale,
    yearlyGoal: settings.statsYearlyGoal,
  });
  const thisMonth = report.perMonth[month - 1]!;
  return {
    year,
    month,
    monthWatched: thisMonth.watched,
    monthReviewed: thisMonth.reviewed,
    yearWatched: report.watched,
    yearReviewed: report.reviewed,
    series: report.series,
    goal: report.goal,
  };
}
