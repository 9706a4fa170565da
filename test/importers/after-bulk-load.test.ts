// What an import leaves behind for the pages that read the site afterwards
// (src/importers/after-bulk-load.ts). On PostgreSQL it ends with the planner's statistics up
// to date (without them, a site whose server runs without autovacuum, or before its next
// round, plans every page for empty tables) and the search index's table vacuumed, so that a
// search reads a word's postings from the index alone rather than a table page for each.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultImportLimits } from "../../src/config/import-limits.ts";
import { searchReviews } from "../../src/domain/review-search.ts";
import { nowIso } from "../../src/domain/time.ts";
import { connect } from "../../src/db/connect.ts";
import { settleAfterBulkLoad } from "../../src/importers/after-bulk-load.ts";
import { runImport } from "../../src/importers/worker/run-import.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { wxrDocument } from "../support/wxr-writer.ts";
import { makeAuthor, publisher } from "../search/search-data.ts";

/** The tables of the site's schema that have been analyzed, by hand or by autovacuum. */
async function analyzedTables(db: TestDb): Promise<string[]> {
  const result = await sql<{ relname: string }>`
    select relname from pg_stat_user_tables
    where schemaname = current_schema()
      and (last_analyze is not null or last_autoanalyze is not null)
    order by relname`.execute(db.kysely);
  return result.rows.map((row) => row.relname);
}

/** The search index's table pages, and how many the visibility map marks all-visible. */
async function postingsPages(db: TestDb): Promise<{ pages: number; allVisible: number }> {
  const result = await sql<{ relpages: number; relallvisible: number }>`
    select relpages, relallvisible from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relname = 'search_postings'`.execute(db.kysely);
  const row = result.rows[0]!;
  return { pages: Number(row.relpages), allVisible: Number(row.relallvisible) };
}

describe.each(dialects)("the end of an import on %s", (dialect) => {
  let db: TestDb;
  let dir: string;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-after-load-"));
  });
  afterAll(async () => {
    await db.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("vacuums the search index and brings the planner's statistics up to date", async () => {
    const publish = publisher(db, (await makeAuthor(db)).id);
    for (let i = 0; i < 6; i++) {
      await publish(
        { title: `Harbour Light ${i}`, year: 1970 + i },
        { body: `A keeper and a lighthouse, night ${i}.` },
      );
    }
    if (dialect === "postgres") {
      expect(await analyzedTables(db)).not.toContain("reviews");
      expect((await postingsPages(db)).allVisible).toBe(0);
    }

    const file = path.join(dir, "export.xml");
    const posts = Array.from({ length: 8 }, (_, i) => ({
      id: i + 1,
      title: `Imported Lighthouse ${i + 1} (${1980 + i})`,
      slug: `imported-lighthouse-${i + 1}`,
      date: "2014-05-06 20:00:00",
      content: `Directed by Agnès Varda. A lighthouse seen from the sea, evening ${i + 1}.`,
    }));
    fs.writeFileSync(file, wxrDocument({}, posts));
    const summary = await runImport(
      { kind: "wordpress", file, mediaDir: db.mediaDir },
      { databaseUrl: db.url, limits: defaultImportLimits },
    );
    expect(summary.counts).toContainEqual(["reviews", 8]);

    if (dialect === "postgres") {
      const { pages, allVisible } = await postingsPages(db);
      expect(pages).toBeGreaterThan(0);
      expect(allVisible).toBe(pages);
      const analyzed = await analyzedTables(db);
      expect(analyzed).toEqual(
        expect.arrayContaining(["reviews", "films", "people", "comments", "search_postings"]),
      );
      // The planner now knows how many reviews there are: the six written before and the eight.
      const estimate = await sql<{ reltuples: number }>`
        select reltuples from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relname = 'reviews'`.execute(db.kysely);
      expect(Number(estimate.rows[0]?.reltuples)).toBe(14);
    }
    const found = await searchReviews(db, "lighthouse", nowIso(), 1, 20);
    expect(found.total).toBe(14);
    expect(found.items).toHaveLength(14);
  }, 60_000);
});

describe.each(dialects.filter((d) => d === "postgres"))("the end of a load on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(dialect);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("ends well when the server's role may not vacuum the search index", async () => {
    // A server running as a role that may read and write the site's tables but does not own
    // them, as some hosts set it up: PostgreSQL skips its vacuum with a warning.
    const role = "cinelog_test_not_owner";
    await sql`do $$ begin create role cinelog_test_not_owner login;
      exception when duplicate_object then null; end $$`.execute(db.kysely);
    await sql`grant usage on schema public to ${sql.id(role)}`.execute(db.kysely);
    await sql`grant all on all tables in schema public to ${sql.id(role)}`.execute(db.kysely);
    const publish = publisher(db, (await makeAuthor(db)).id);
    await publish({ title: "Late Arrival", year: 1999 }, { body: "A lighthouse keeper waits." });

    const url = new URL(db.url);
    url.username = role;
    const asRole = connect(url.toString(), { maxConnections: 1 });
    try {
      await expect(settleAfterBulkLoad(asRole)).resolves.toBeUndefined();
    } finally {
      await asRole.close();
      await sql`revoke all on all tables in schema public from ${sql.id(role)}`.execute(db.kysely);
      await sql`revoke usage on schema public from ${sql.id(role)}`.execute(db.kysely);
    }
    // That role could not vacuum it, and search works all the same.
    expect((await postingsPages(db)).allVisible).toBe(0);
    const found = await searchReviews(db, "lighthouse", nowIso());
    expect(found.items.map((r) => r.film.title)).toEqual(["Late Arrival"]);
  }, 60_000);
});
