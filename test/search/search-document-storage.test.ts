// Migration 034 keeps PostgreSQL's search vectors in their rows rather than in TOAST, so a
// search no longer reads every matching review's vector back chunk by chunk. What it changes
// is storage only: long reviews are found and ranked as before, on both databases.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchReviews } from "../../src/domain/review-search.ts";
import { nowIso } from "../../src/domain/time.ts";
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

  it("keeps each document where a search reads it in one go", async () => {
    if (dialect === "sqlite") {
      // FTS5 keeps its own index; the migration leaves it as it was.
      const rows = await sql<{ n: number }>`select count(*) as n from search_fts`.execute(
        db.kysely,
      );
      expect(Number(rows.rows[0]?.n)).toBe(4);
      return;
    }
    const column = await sql<{ attstorage: string }>`select attstorage from pg_attribute
      where attrelid = 'search_documents'::regclass and attname = 'document'`.execute(db.kysely);
    expect(column.rows[0]?.attstorage).toBe("m");
    const table = await sql<{ reloptions: string[] | null }>`select reloptions from pg_class
      where oid = 'search_documents'::regclass`.execute(db.kysely);
    expect(table.rows[0]?.reloptions).toContain("toast_tuple_target=8160");
    // Stored uncompressed and in the row: its stored size is the vector's own.
    const sizes = await sql<{ stored: number; compression: string | null }>`select
        pg_column_size(document) as stored, pg_column_compression(document) as compression
      from search_documents order by pg_column_size(document) desc limit 1`.execute(db.kysely);
    expect(Number(sizes.rows[0]?.stored)).toBeGreaterThan(2048);
    expect(sizes.rows[0]?.compression).toBeNull();
  });
});
