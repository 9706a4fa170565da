// Bounded property test of the search query builder on both databases: any query string —
// full-text syntax, quotes, SQL, control characters, very long words — returns results or
// none, and never throws (no SQL or full-text syntax error).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nowIso } from "../../src/domain/time.ts";
import { searchReviews } from "../../src/domain/review-search.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";

const syntax = fc.constantFrom(
  '"',
  "'",
  "*",
  "NEAR(",
  ")",
  "OR",
  "AND",
  "NOT",
  "-",
  ":",
  "^",
  "&",
  "|",
  "!",
  "<->",
  "\\",
  "'; drop table reviews; --",
  "\u0000",
  "vegas",
  "Figgis",
  "é",
  " ",
);

describe.each(dialects)("search queries on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    await buildFixture(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("answers any query without an error", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc
            .array(fc.oneof(syntax, fc.string({ maxLength: 10 })), { maxLength: 20 })
            .map((p) => p.join("")),
          fc.string({ unit: "binary", maxLength: 300 }),
        ),
        fc.integer({ min: 1, max: 5 }),
        async (query, page) => {
          const result = await searchReviews(db, query, nowIso(), page);
          expect(result.items.length).toBeLessThanOrEqual(result.perPage);
        },
      ),
      { numRuns: 150, interruptAfterTimeLimit: 30_000 },
    );
  });

  it("still finds what is there", async () => {
    const result = await searchReviews(db, 'Vegas" * (-', nowIso());
    expect(result.total).toBeGreaterThan(0);
  });
});
