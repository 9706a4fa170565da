// One row of a Letterboxd CSV, read field by field. Each reader returns the value, or a
// reason the row cannot be used, which the summary shows next to the row.
import { starsToRating } from "../../content/rating.ts";
import type { FilmName } from "../film-catalogue.ts";

export type Parsed<T> = { ok: true; value: T } | { ok: false; why: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (why: string): Parsed<never> => ({ ok: false, why });

/** A row as column name → text, from a table whose first record names the columns. */
export class Row {
  constructor(
    private readonly header: Map<string, number>,
    private readonly cells: string[],
    readonly line: number,
  ) {}

  get(column: string): string {
    const at = this.header.get(column.toLowerCase());
    return at === undefined ? "" : (this.cells[at] ?? "").trim();
  }

  /** Only the review text keeps its line breaks and spacing. */
  raw(column: string): string {
    const at = this.header.get(column.toLowerCase());
    return at === undefined ? "" : (this.cells[at] ?? "");
  }

  /** "diary.csv line 12 (Heat, 1995)": how the summary names a row. */
  label(file: string): string {
    const name = this.get("Name");
    const year = this.get("Year");
    return `${file} line ${this.line}${name ? ` (${name}${year ? `, ${year}` : ""})` : ""}`;
  }
}

export function headerOf(cells: string[]): Map<string, number> {
  return new Map(cells.map((cell, i) => [cell.trim().toLowerCase(), i]));
}

export function film(row: Row): Parsed<FilmName> {
  const title = row.get("Name");
  if (!title) return bad("row without a film name");
  const year = row.get("Year");
  if (!year) return ok({ title, year: null });
  if (!/^\d{4}$/.test(year)) return bad(`"${year}" is not a year`);
  return ok({ title, year: Number(year) });
}

/** "4.5" → 90 on the stored 0–100 scale; "" → null. */
export function rating(text: string): Parsed<number | null> {
  if (!text) return ok(null);
  const stars = Number(text);
  if (!Number.isFinite(stars) || stars < 0.5 || stars > 5 || !Number.isInteger(stars * 2)) {
    return bad(`rating "${text}" is not 0.5–5 stars in halves`);
  }
  return ok(starsToRating(stars));
}

/** A calendar day, `YYYY-MM-DD`, checked to exist; "" → null. */
export function day(text: string, what: string): Parsed<string | null> {
  if (!text) return ok(null);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match) {
    const date = new Date(`${text}T00:00:00Z`);
    if (!Number.isNaN(date.getTime()) && date.toISOString().startsWith(text)) return ok(text);
  }
  return bad(`${what} "${text}" is not a date (YYYY-MM-DD)`);
}

export function isRewatch(text: string): boolean {
  return /^(yes|true|1)$/i.test(text);
}

/** Letterboxd writes tags as one field, "noir, rewatched in 35mm". */
export function tagList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(",")
        .map((t) => t.trim())
        .filter((t) => t.length > 0),
    ),
  ];
}

/** What a file must name in its first line to be read as the Letterboxd file it claims to be. */
export const requiredColumns: Record<string, string[]> = {
  "diary.csv": ["Date", "Name", "Year"],
  "reviews.csv": ["Date", "Name", "Year", "Review"],
  "ratings.csv": ["Name", "Year", "Rating"],
  "watched.csv": ["Name", "Year"],
  "watchlist.csv": ["Name", "Year"],
  "likes/films.csv": ["Name", "Year"],
};

export function missingColumns(file: string, header: Map<string, number>): string[] {
  return (requiredColumns[file] ?? []).filter((c) => !header.has(c.toLowerCase()));
}
