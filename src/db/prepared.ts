// A statement whose SQL is written once per database and then only run: building and compiling
// a Kysely query costs more than SQLite takes to answer it, on every request. The text is kept
// per dialect; SQLite's connection keeps the prepared statement itself (src/db/sqlite.ts), and
// on PostgreSQL each connection prepares it once under a name (src/db/postgres.ts) instead of
// parsing and planning it on every run: one plan made without the values, which the SQL must
// therefore suit whatever they are (test/db/listing-plans.test.ts reads some of those plans).
// Parameters are written $1, $2… in the text (used as often as needed); on SQLite each use
// becomes a plain ? and is given its value in order (better-sqlite3 binds an array to plain ?
// only). Still counted by the query log like any other statement.
import { CompiledQuery } from "kysely";
import type { Db, Dialect } from "./connect.ts";

export interface PreparedRead<Row> {
  /** The rows the statement returns for these parameters, in the order of $1, $2… */
  run(db: Db, parameters: unknown[]): Promise<Row[]>;
}

/** The SQL text of every prepared read on PostgreSQL, with the name it is prepared under. */
export const postgresStatementNames = new Map<string, string>();

interface PreparedReadOptions {
  /**
   * PostgreSQL plans the statement anew for each run's values instead of preparing it once
   * and running it on a plan made without them: for when the best plan depends on the values
   * (a search of three words or more, src/search/match-sql.ts, planForTheWordsFrom).
   */
  planEachRun?: boolean;
}

export function preparedRead<Row>(
  write: (dialect: Dialect) => string,
  options: PreparedReadOptions = {},
): PreparedRead<Row> {
  const compiled = new Map<Dialect, { text: string; order: number[] | undefined }>();
  const compiledFor = (dialect: Dialect) => {
    let entry = compiled.get(dialect);
    if (entry === undefined) {
      const text = write(dialect);
      if (dialect === "sqlite") {
        const order: number[] = [];
        const plain = text.replace(/\$(\d+)/g, (_, n: string) => {
          order.push(Number(n) - 1);
          return "?";
        });
        entry = { text: plain, order };
      } else {
        entry = { text, order: undefined };
        if (!options.planEachRun) {
          postgresStatementNames.set(text, `cinelog_read_${postgresStatementNames.size + 1}`);
        }
      }
      compiled.set(dialect, entry);
    }
    return entry;
  };
  return {
    async run(db, parameters) {
      const { text, order } = compiledFor(db.dialect);
      const values = order ? order.map((i) => parameters[i]) : parameters;
      const result = await db.kysely.executeQuery<Row>(CompiledQuery.raw(text, values));
      return result.rows;
    },
  };
}
