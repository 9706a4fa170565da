// Migration 032's indexes are there on both databases, and SQLite's planner takes them for the
// statements the pages really run: a year's listing starts from the year's films (not from a
// walk of every public review), and a review's comment thread is read from the index alone.
// The statements are caught as the app's own code builds them, through Kysely's log.
import BetterSqlite3 from "better-sqlite3";
import { Kysely, sql, SqliteDialect, type CompiledQuery } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/schema.ts";
import { reviewsOfFilmYear } from "../../src/domain/indexes/years.ts";
import { appFor } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";

const indexNames = ["films_year", "comments_review_thread"];

describe.each(dialects)("listing indexes on %s", (dialect) => {
  let db: TestDb;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    await buildFixture(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("are created by the migrations", async () => {
    const names =
      dialect === "sqlite"
        ? (
            await sql<{
              name: string;
            }>`select name from sqlite_master where type = 'index'`.execute(db.kysely)
          ).rows.map((r) => r.name)
        : (
            await sql<{
              name: string;
            }>`select indexname as name from pg_indexes where schemaname = current_schema()`.execute(
              db.kysely,
            )
          ).rows.map((r) => r.name);
    for (const name of indexNames) expect(names).toContain(name);
  });
});

describe("SQLite's plans for the pages' statements", () => {
  let db: TestDb;
  let raw: BetterSqlite3.Database;
  let logged: CompiledQuery[];
  let watched: TestDb;

  beforeAll(async () => {
    db = await openTestDb("sqlite");
    await buildFixture(db);
    raw = new BetterSqlite3(db.url.slice("sqlite:".length), { readonly: true });
    logged = [];
    // The same file through a Kysely that keeps every statement it runs.
    const kysely = new Kysely<Database>({
      dialect: new SqliteDialect({ database: new BetterSqlite3(db.url.slice("sqlite:".length)) }),
      log: (event) => {
        if (event.level === "query") logged.push(event.query);
      },
    });
    watched = { ...db, kysely };
  });
  afterAll(async () => {
    raw.close();
    await watched.kysely.destroy();
    await db.dispose();
  });

  const plansOf = (queries: CompiledQuery[]) =>
    queries.map((q) =>
      raw
        .prepare(`explain query plan ${q.sql}`)
        .all(...(q.parameters as unknown[]))
        .map((row) => (row as { detail: string }).detail)
        .join("; "),
    );

  it("start a year's listing from the year's films", async () => {
    logged.length = 0;
    const page = await reviewsOfFilmYear(watched, new Date().toISOString(), 1995, 1);
    expect(page.items.length).toBeGreaterThan(0);
    // One statement (src/domain/indexes/summary-page-read.ts): the year's reviews are read
    // once, starting from the index, then counted and cut into the page.
    const plans = plansOf(logged.filter((q) => q.sql.includes("f.year = ?")));
    expect(plans).toHaveLength(1);
    expect(plans[0]!.match(/SEARCH f USING COVERING INDEX films_year/g)).toHaveLength(1);
    expect(plans[0]).not.toMatch(/SCAN r\b/);
  });

  it("read a review's thread from the covering index", async () => {
    logged.length = 0;
    const app = appFor(watched, { pageCache: false });
    const response = await app.request("/review/leaving-las-vegas-1995");
    expect(response.status).toBe(200);
    // The thread's ids and parents are a subquery of the review page's one statement
    // (src/domain/review-page-read.ts): its plan must read them from the index alone.
    const thread = logged.filter((q) =>
      q.sql.includes("from comments c where c.review_id = r.id and c.status = 'approved'"),
    );
    expect(thread).toHaveLength(1);
    const [plan] = plansOf(thread);
    expect(plan).toContain("SEARCH c USING COVERING INDEX comments_review_thread");
    expect(plan).not.toMatch(/SCAN c\b/);
  });
});
