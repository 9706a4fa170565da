// What an import leaves behind for the pages that read the site afterwards
// (src/importers/after-bulk-load.ts). A search reads every piece its index is in: FTS5's
// segments on SQLite, the GIN index's unsorted pending list on PostgreSQL; reviews written one
// at a time leave such pieces, and an import ends by merging them (on PostgreSQL the pending
// list also never grows past 256 kB, migration 040, however long nobody vacuums). And on
// PostgreSQL it ends with the planner's statistics up to date: without them, a site whose
// server runs without autovacuum (or before its next round) plans every page for empty tables.
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

/** FTS5's segments: each has at least one row in the index's `_idx` table. */
async function ftsSegments(db: TestDb): Promise<number> {
  const rows = await sql<{
    n: number;
  }>`select count(distinct segid) as n from search_fts_idx`.execute(db.kysely);
  return Number(rows.rows[0]?.n);
}

/** Merges PostgreSQL's pending list into the index, answering how many pages it held. */
async function pendingPagesMerged(db: TestDb): Promise<number> {
  const rows = await sql<{ pages: number }>`
    select gin_clean_pending_list('search_documents_document'::regclass) as pages`.execute(
    db.kysely,
  );
  return Number(rows.rows[0]?.pages);
}

/** The tables of the site's schema that have been analyzed, by hand or by autovacuum. */
async function analyzedTables(db: TestDb): Promise<string[]> {
  const result = await sql<{ relname: string }>`
    select relname from pg_stat_user_tables
    where schemaname = current_schema()
      and (last_analyze is not null or last_autoanalyze is not null)
    order by relname`.execute(db.kysely);
  return result.rows.map((row) => row.relname);
}

/** About 900 distinct words, as long as the bench's reviews: a document of several kB. */
const longBody = (n: number) =>
  Array.from({ length: 900 }, (_, i) => `word${n}x${i}`).join(" ") + " lighthouse.";

describe.each(dialects)("the end of an import on %s", (dialect) => {
  let db: TestDb;
  let dir: string;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-search-pieces-"));
  });
  afterAll(async () => {
    await db.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("merges the search index into one piece and brings the planner's statistics up to date", async () => {
    const publish = publisher(db, (await makeAuthor(db)).id);
    for (let i = 0; i < 6; i++) {
      await publish(
        { title: `Harbour Light ${i}`, year: 1970 + i },
        { body: `A keeper and a lighthouse, night ${i}.` },
      );
    }
    if (dialect === "sqlite") expect(await ftsSegments(db)).toBeGreaterThan(1);
    else expect(await analyzedTables(db)).not.toContain("reviews");

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

    if (dialect === "sqlite") {
      expect(await ftsSegments(db)).toBe(1);
    } else {
      expect(await pendingPagesMerged(db)).toBe(0);
      const analyzed = await analyzedTables(db);
      expect(analyzed).toEqual(expect.arrayContaining(["reviews", "films", "people", "comments"]));
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

describe.each(dialects.filter((d) => d === "postgres"))("PostgreSQL's pending list", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(dialect);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("stays within 256 kB when nothing merges it", async () => {
    const publish = publisher(db, (await makeAuthor(db)).id);
    // 45 documents of some 16 kB each, four pages of the list apiece: 180 pages would wait
    // under PostgreSQL's default limit of 4 MB.
    for (let i = 0; i < 45; i++) {
      await publish({ title: `Long Watch ${i}`, year: 1990 }, { body: longBody(i) });
    }
    expect(await pendingPagesMerged(db)).toBeLessThanOrEqual(256 / 8); // 8 kB pages
    const found = await searchReviews(db, "word44x899", nowIso());
    expect(found.items.map((r) => r.film.title)).toEqual(["Long Watch 44"]);
  }, 60_000);

  it("is left for a vacuum when the server's role may not merge it, and the load still ends well", async () => {
    // A server running as a role that may read and write the site's tables but does not own
    // them, as some hosts set it up: PostgreSQL refuses it gin_clean_pending_list.
    const role = "cinelog_test_not_owner";
    await sql`do $$ begin create role cinelog_test_not_owner login;
      exception when duplicate_object then null; end $$`.execute(db.kysely);
    await sql`grant usage on schema public to ${sql.id(role)}`.execute(db.kysely);
    await sql`grant all on all tables in schema public to ${sql.id(role)}`.execute(db.kysely);
    const publish = publisher(db, (await makeAuthor(db)).id);
    await publish({ title: "Late Arrival", year: 1999 }, { body: longBody(99) });

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
    // The list was refused to that role, not merged: the owner still finds it there.
    expect(await pendingPagesMerged(db)).toBeGreaterThan(0);
  }, 60_000);
});
