// A join that looks up the rows of one table for each row before it, through that table's
// index, spelled for each database. PostgreSQL plans a named statement once without its
// parameters' values (its generic plan) and, trusting its costs of reading pages from disk,
// would rather walk every public review and hash the few rows a listing starts from (a year's
// films, a tag's reviews) than look each of them up: twice 2,000 index entries a page where
// ~50 lookups do (bench/README.md, "The listings on PostgreSQL"). A LATERAL subquery that
// OFFSET 0 keeps apart cannot be turned into that hash join. SQLite's planner already starts
// from the small side, and has no LATERAL: there it is a plain inner join.
import type { Dialect } from "./connect.ts";

interface LookupJoin {
  /** The table looked up, and its alias for the rest of the statement. */
  table: string;
  alias: string;
  /** The columns of `alias` the rest of the statement reads (under their own names). */
  columns: readonly string[];
  /** The condition that ties a row of `alias` to the row before it, and any filter of its own. */
  on: string;
}

export function lookupJoin(dialect: Dialect, join: LookupJoin): string {
  const { table, alias, columns, on } = join;
  if (dialect === "sqlite") return `inner join ${table} ${alias} on ${on}`;
  const selected = columns.map((c) => `${alias}.${c}`).join(", ");
  return `cross join lateral (select ${selected} from ${table} ${alias} where ${on} offset 0) ${alias}`;
}
