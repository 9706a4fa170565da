// Rows nested inside one row as JSON, spelled for each database, so a page that shows a
// record and its lists (a review with its credits, tags and stills) reads them in one
// statement instead of one round trip per list. SQLite answers JSON as text, PostgreSQL's
// driver parses it: readJson takes either.
import type { Dialect } from "./connect.ts";

/** A JSON object of named SQL expressions. */
export function jsonObject(dialect: Dialect, fields: Record<string, string>): string {
  const pairs = Object.entries(fields).map(([name, value]) => `'${name}', ${value}`);
  return `${dialect === "postgres" ? "json_build_object" : "json_object"}(${pairs.join(", ")})`;
}

/** A JSON array of SQL expressions, in order: a compact row where the names are known. */
export function jsonArray(dialect: Dialect, values: readonly string[]): string {
  return `${dialect === "postgres" ? "json_build_array" : "json_array"}(${values.join(", ")})`;
}

/**
 * A JSON array of one object per row the surrounding FROM/WHERE finds, in `orderBy` order;
 * an empty array when there is none.
 */
export function jsonArrayOf(dialect: Dialect, object: string, orderBy: string): string {
  return dialect === "postgres"
    ? `coalesce(json_agg(${object} order by ${orderBy}), '[]'::json)`
    : `json_group_array(${object} order by ${orderBy})`;
}

/** A JSON column as the driver returned it: text from SQLite, already parsed from PostgreSQL. */
export function readJson<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}
