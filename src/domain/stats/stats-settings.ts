// The owner's stats settings, merged into the site settings (src/domain/settings.ts) the way
// the comment settings are: the page can be switched off, parts hidden, a yearly goal set.
import { z } from "zod";

/** The parts of the stats pages the owner can hide, in the order the page shows them. */
export const statsParts = [
  ["months", "Films per month"],
  ["calendar", "Calendar of watch days"],
  ["decades", "By decade and year of release"],
  ["ratings", "Rating distribution"],
  ["people", "Most-watched directors and actors"],
  ["habits", "Streaks, rewatches and busiest weekday"],
  ["writing", "Average review length"],
  ["discussed", "Most-discussed reviews"],
  ["series", "Series progress"],
] as const;

export type StatsPart = (typeof statsParts)[number][0];

const partNames = new Set<string>(statsParts.map(([key]) => key));

/** Reads the stored comma list, ignoring names that are no part (from an older version). */
export function hiddenPartsOf(stored: string): Set<StatsPart> {
  return new Set(
    stored
      .split(",")
      .map((s) => s.trim())
      .filter((s): s is StatsPart => partNames.has(s)),
  );
}

export const statsSettings = {
  /** Whether /stats and /stats/YEAR exist at all. */
  statsEnabled: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .default(true),
  /** Comma-separated StatsPart names the public pages leave out. */
  statsHidden: z.string().default(""),
  /** Films the owner means to watch in a year, for the pace lines; 0 = no goal. */
  statsYearlyGoal: z.coerce.number().int().min(0).max(100_000).default(0),
};
