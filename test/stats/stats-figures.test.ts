// Every stats figure on a site whose answers were worked out by hand (stats-site.ts), on both
// databases: numbers, not markup.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statsReport } from "../../src/domain/stats/stats-report.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildStatsSite } from "./stats-site.ts";

const now = "2026-07-02T12:00:00.000Z";

describe.each(dialects)("stats figures on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    await buildStatsSite(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  const year2025 = () => statsReport(db, { now, year: 2025, scale: "stars5", yearlyGoal: 0 });

  it("counts viewings, films and reviews of a year, and lists the years", async () => {
    const r = await year2025();
    expect(r.watched).toBe(7);
    expect(r.films).toBe(5);
    expect(r.reviewed).toBe(5);
    expect(r.years).toEqual([2026, 2025, 2024]);
  });

  it("counts each month's films watched and reviews written", async () => {
    const r = await year2025();
    const months = Object.fromEntries(r.perMonth.map((m) => [m.month, [m.watched, m.reviewed]]));
    expect(months).toMatchObject({ 3: [5, 3], 7: [1, 1], 11: [1, 0], 12: [0, 1], 1: [0, 0] });
  });

  it("groups by decade and release year", async () => {
    const r = await year2025();
    expect(r.decades).toEqual([
      { key: 1940, count: 2 },
      { key: 1970, count: 1 },
      { key: 1990, count: 3 },
      { key: 2000, count: 1 },
    ]);
    expect(r.releaseYears.map((y) => [y.key, y.count])).toEqual([
      [1948, 2],
      [1995, 2],
      [1972, 1],
      [1999, 1],
      [2001, 1],
    ]);
  });

  it("spreads ratings on the site's scale", async () => {
    const stars = (await year2025()).ratings.filter((s) => s.count > 0);
    expect(stars).toEqual([
      { key: 60, count: 1 },
      { key: 70, count: 1 },
      { key: 90, count: 2 },
      { key: 100, count: 1 },
    ]);
    const tens = await statsReport(db, { now, year: 2025, scale: "ten", yearlyGoal: 0 });
    expect(tens.ratings).toHaveLength(11);
    const hundreds = await statsReport(db, { now, year: 2025, scale: "hundred", yearlyGoal: 0 });
    // Grouped by tens: 90 and 100 together, 85 with the eighties.
    expect(hundreds.ratings.find((s) => s.key === 90)?.count).toBe(2);
    expect(hundreds.ratings.find((s) => s.key === 80)?.count).toBe(1);
  });

  it("ranks directors and actors by viewings of their films", async () => {
    const r = await year2025();
    expect(r.directors.map((p) => [p.name, p.count])).toEqual([
      ["Dana Director", 3],
      ["Eli Director", 2],
      ["Fay Director", 2],
    ]);
    expect(r.actors.map((p) => [p.name, p.count])).toEqual([
      ["Bea Actor", 4],
      ["Cal Actor", 3],
    ]);
    expect(r.directors[0]?.slug).toBe("dana-director");
  });

  it("finds the longest streak, the rewatches and the busiest weekday", async () => {
    const r = await year2025();
    expect(r.streak).toEqual({ days: 4, from: "2025-03-01", to: "2025-03-04" });
    expect(r.share).toEqual({ total: 7, rewatches: 2, firstTimes: 5, firstTimePercent: 71 });
    expect(r.busiest).toEqual({ key: 1, count: 2 });
    expect(r.weekdays.map((d) => d.count)).toEqual([2, 1, 0, 1, 1, 1, 1]);
  });

  it("averages review length and ranks the most discussed", async () => {
    const r = await year2025();
    expect(r.averageWords).toBe(6);
    expect(r.discussed.map((d) => [d.slug, d.comments])).toEqual([
      ["gamma", 3],
      ["alpha", 1],
    ]);
    expect(r.topRated.map((d) => d.slug)).toEqual(["gamma", "alpha", "alpha-again", "beta"]);
  });

  it("follows each series' progress and pace, and the yearly goal", async () => {
    const past = await year2025();
    expect(past.series).toHaveLength(1);
    expect(past.series[0]).toMatchObject({
      entries: 5,
      reviewed: 4,
      pace: { thisYear: 3, projected: 3 },
    });
    const current = await statsReport(db, { now, year: 2026, scale: "stars5", yearlyGoal: 10 });
    // One review by 2 July, day 183 of 365: on pace for 2.
    expect(current.series[0]?.pace).toEqual({ thisYear: 1, projected: 2 });
    expect(current.goal).toEqual({ target: 10, pace: { thisYear: 1, projected: 2 } });
    expect(past.goal).toBeNull();
  });

  it("counts all time, calendar on the current year", async () => {
    const r = await statsReport(db, { now, year: null, scale: "stars5", yearlyGoal: 0 });
    expect([r.watched, r.films, r.reviewed]).toEqual([9, 6, 6]);
    expect(r.calendarYear).toBe(2026);
    expect(r.perYear).toEqual([
      { year: 2024, watched: 1, reviewed: 0 },
      { year: 2025, watched: 7, reviewed: 5 },
      { year: 2026, watched: 1, reviewed: 1 },
    ]);
    expect([...r.days]).toEqual([["2026-01-01", 1]]);
  });
});
