// PostgreSQL runs the app's named reads on the plan made without their values, and everything
// else on plans made for its values (src/db/postgres.ts, planModes). Left to PostgreSQL, a
// search's prefix or pair of words was planned anew on every run; told so for the whole
// session, Kysely's own queries and a search of three words or more would have been run on
// plans made without their values too.
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/connect.ts";
import type { Database } from "../../src/db/schema.ts";
import { searchReviews } from "../../src/domain/review-search.ts";
import { nowIso } from "../../src/domain/time.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { body24, makeAuthor, publisher } from "../search/search-data.ts";

interface Prepared {
  name: string;
  statement: string;
  generic_plans: string;
  custom_plans: string;
}

async function preparedStatements(connection: Kysely<Database>): Promise<Prepared[]> {
  return (
    await sql<Prepared>`select name, statement, generic_plans, custom_plans
      from pg_prepared_statements`.execute(connection)
  ).rows;
}

/**
 * The plan mode an unnamed statement with a parameter runs in on this connection: "auto" is
 * PostgreSQL's own, in which such a statement is planned for its values.
 */
async function modeOfUnnamed(connection: Kysely<Database>): Promise<string> {
  const row = await sql<{ mode: string }>`select current_setting('plan_cache_mode') as mode,
    ${1}::int as parameter`.execute(connection);
  return row.rows[0]!.mode;
}

describe.each(dialects.filter((d) => d === "postgres"))("plan modes on %s", (dialect) => {
  let db: TestDb;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    const publish = publisher(db, (await makeAuthor(db)).id);
    // "harb" is a prefix of three spellings, so a search for it reads a range.
    for (const [i, words] of ["harbour", "harbours quiet", "harbourmaster quiet"].entries()) {
      await publish({ title: `Plan Film ${i}`, year: 1950 + i }, { body: `${words} ${body24()}` });
    }
  });
  afterAll(async () => {
    await db.dispose();
  });

  /** Runs `work` on one connection, so that its prepared statements are the ones read. */
  const onOneConnection = (work: (pinned: Db, connection: Kysely<Database>) => Promise<void>) =>
    db.kysely.connection().execute((connection) => work({ ...db, kysely: connection }, connection));

  it("runs a search's named statements on their generic plan from the first run", async () => {
    await onOneConnection(async (pinned, connection) => {
      const before = new Set((await preparedStatements(connection)).map((p) => p.name));
      for (let run = 0; run < 3; run++) {
        expect((await searchReviews(pinned, "harb", nowIso())).total).toBe(3);
        expect((await searchReviews(pinned, "quiet harb", nowIso())).total).toBe(2);
      }
      const ours = (await preparedStatements(connection)).filter((p) => !before.has(p.name));
      // Each search's census and page.
      expect(ours.length).toBeGreaterThanOrEqual(4);
      for (const statement of ours) {
        expect([statement.generic_plans, statement.custom_plans]).toEqual(["3", "0"]);
      }
    });
  });

  it("plans an unnamed statement for its values, after a named one too", async () => {
    await onOneConnection(async (pinned, connection) => {
      await searchReviews(pinned, "harb", nowIso());
      expect(await modeOfUnnamed(connection)).toBe("auto");
    });
  });

  it("plans a search of three words or more for its words, census and page", async () => {
    await onOneConnection(async (pinned, connection) => {
      const before = (await preparedStatements(connection)).length;
      expect((await searchReviews(pinned, "quiet harbourmaster harb", nowIso())).total).toBe(1);
      expect(await preparedStatements(connection)).toHaveLength(before);
    });
  });

  it("leaves a transaction's statements to PostgreSQL, and is right about the mode after a rollback", async () => {
    await onOneConnection(async (pinned, connection) => {
      const pairPage = async () => {
        const page = (await preparedStatements(connection)).find(
          (p) => p.statement.includes("with matched") && p.statement.includes("t.review_id = s.id"),
        );
        return [Number(page?.custom_plans ?? 0), Number(page?.generic_plans ?? 0)];
      };
      await searchReviews(pinned, "harb", nowIso());
      const [custom, generic] = await pairPage();
      await sql`begin`.execute(connection);
      await searchReviews(pinned, "quiet harb", nowIso());
      await sql`rollback`.execute(connection);
      expect(await modeOfUnnamed(connection)).toBe("auto");
      await searchReviews(pinned, "quiet harb", nowIso());
      // Its run inside the transaction planned for its words, its run after on the generic plan.
      expect(await pairPage()).toEqual([custom! + 1, generic! + 1]);
    });
  });
});
