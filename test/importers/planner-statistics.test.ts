// An import ends with the planner's statistics up to date on PostgreSQL (src/db/planner-
// statistics.ts): without them, a site whose server runs without autovacuum (or before its
// next round) plans every page for empty tables.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultImportLimits } from "../../src/config/import-limits.ts";
import { runImport } from "../../src/importers/worker/run-import.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { wxrDocument } from "../support/wxr-writer.ts";

/** The tables of the site's schema that have been analyzed, by hand or by autovacuum. */
async function analyzedTables(db: TestDb): Promise<string[]> {
  const result = await sql<{ relname: string }>`
    select relname from pg_stat_user_tables
    where schemaname = current_schema()
      and (last_analyze is not null or last_autoanalyze is not null)
    order by relname`.execute(db.kysely);
  return result.rows.map((row) => row.relname);
}

describe.each(dialects.filter((d) => d === "postgres"))("an import on %s", (dialect) => {
  let db: TestDb;
  let dir: string;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-statistics-"));
  });
  afterAll(async () => {
    await db.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("leaves the planner's statistics up to date for the tables it filled", async () => {
    expect(await analyzedTables(db)).not.toContain("reviews");
    const file = path.join(dir, "export.xml");
    const posts = Array.from({ length: 12 }, (_, i) => ({
      id: i + 1,
      title: `Film number ${i + 1} (${1960 + i})`,
      slug: `film-number-${i + 1}`,
      date: "2014-05-06 20:00:00",
      content: `Directed by Agnès Varda. Notes on film ${i + 1}.`,
    }));
    fs.writeFileSync(file, wxrDocument({}, posts));

    const summary = await runImport(
      { kind: "wordpress", file, mediaDir: db.mediaDir },
      { databaseUrl: db.url, limits: defaultImportLimits },
    );

    expect(summary.counts).toContainEqual(["reviews", 12]);
    const analyzed = await analyzedTables(db);
    expect(analyzed).toEqual(expect.arrayContaining(["reviews", "films", "people", "comments"]));
    // The planner now knows how many reviews there are.
    const estimate = await sql<{ reltuples: number }>`
      select reltuples from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relname = 'reviews'`.execute(db.kysely);
    expect(Number(estimate.rows[0]?.reltuples)).toBe(12);
  }, 60_000);
});
