// Long reviews in search's own index (migration 041): found and ranked by how often they
// name the word, stored as one row per distinct word, and their words ordered byte by byte on
// PostgreSQL whatever the database's own collation, as a prefix's range needs.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchReviews } from "../../src/domain/review-search.ts";
import { nowIso } from "../../src/domain/time.ts";
import { tokensOf } from "../../src/search/tokens.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { makeAuthor, publisher } from "./search-data.ts";

// About 900 words, as the bench's reviews: a vector of several kilobytes.
const longBody = (word: string, times: number) =>
  Array.from({ length: 900 }, (_, i) =>
    i % 150 === 0 && i < times * 150 ? word : `filler${i % 300}`,
  ).join(" ");

describe.each(dialects)("long search documents on %s", (dialect) => {
  let db: TestDb;
  let slugs: { few: string; many: string; titled: string };
  beforeAll(async () => {
    db = await openTestDb(dialect);
    const publish = publisher(db, (await makeAuthor(db)).id);
    const few = await publish({ title: "First Long", year: 1950 }, { body: longBody("vesper", 1) });
    const many = await publish(
      { title: "Second Long", year: 1951 },
      { body: longBody("vesper", 6) },
    );
    const titled = await publish({ title: "Vesper", year: 1952 }, { body: longBody("", 0) });
    await publish({ title: "Third Long", year: 1953 }, { body: longBody("", 0) });
    slugs = { few: few.slug, many: many.slug, titled: titled.slug };
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("finds long reviews and ranks them: the title, then more matches in the body", async () => {
    const page = await searchReviews(db, "vesper", nowIso());
    expect(page.total).toBe(3);
    expect(page.items.map((r) => r.slug)).toEqual([slugs.titled, slugs.many, slugs.few]);
    expect(page.items[1]?.snippet.some((s) => s.marked && s.text === "vesper")).toBe(true);
  });

  it("stores a row per distinct word of a review, and its text for snippets", async () => {
    const rows = await sql<{ words: number | string; rows: number | string }>`select
        count(distinct token) as words, count(*) as rows from search_postings p
        join reviews r on r.id = p.review_id where r.slug = ${slugs.many}`.execute(db.kysely);
    const distinctWords = new Set(tokensOf(`Second Long Drama ${longBody("vesper", 6)}`)).size;
    expect(distinctWords).toBeGreaterThan(250);
    expect(Number(rows.rows[0]?.rows)).toBe(distinctWords);
    expect(Number(rows.rows[0]?.words)).toBe(distinctWords);
    const text = await sql<{ body_text: string }>`select t.body_text from search_texts t
      join reviews r on r.id = t.review_id where r.slug = ${slugs.many}`.execute(db.kysely);
    expect(text.rows[0]?.body_text).toContain("filler299 vesper");
  });
});

describe.each(dialects.filter((d) => d === "postgres"))("search's words on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(dialect);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("are ordered byte by byte, not by the database's collation", async () => {
    const column = await sql<{ collation_name: string | null }>`select collation_name
      from information_schema.columns where table_schema = current_schema()
        and table_name = 'search_postings' and column_name = 'token'`.execute(db.kysely);
    expect(column.rows[0]?.collation_name).toBe("C");
  });
});
