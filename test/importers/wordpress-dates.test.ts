// Posts whose post_date does not parse, on both databases: dated from post_date_gmt, then
// the item's pubDate, never silently at the import, and each one reported.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportSummary } from "../../src/importers/import-summary.ts";
import { importWordPress } from "../../src/importers/wordpress/import-wordpress.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import type { WxrItemSpec } from "../support/wxr-writer.ts";
import { writeWxrFile } from "./wordpress-fixture.ts";

const never = "0000-00-00 00:00:00";
const items: WxrItemSpec[] = [
  { id: 1, title: "Good Date (1960)", slug: "good", date: "2011-04-05 20:00:00", content: "Fine." },
  // Local date garbled, GMT fine.
  {
    id: 2,
    title: "From Gmt (1961)",
    slug: "from-gmt",
    date: "2011-13-45 99:00:00",
    dateGmt: "2011-04-06 19:30:00",
    content: "Gmt.",
  },
  // Both garbled: the RSS pubDate is what is left.
  {
    id: 3,
    title: "From Pub Date (1962)",
    slug: "from-pub",
    date: "yesterday",
    dateGmt: never,
    pubDate: "Thu, 07 Apr 2011 18:15:00 +0000",
    content: "Pub.",
  },
  // Nothing readable at all: still imported, and said so.
  {
    id: 4,
    title: "No Date (1963)",
    slug: "no-date",
    date: "",
    dateGmt: never,
    pubDate: "Mon, 30 Nov -0001 00:00:00 +0000",
    content: "None.",
  },
  // A page the same way.
  {
    id: 5,
    title: "About",
    slug: "about",
    type: "page",
    date: "garbled",
    dateGmt: "2010-01-02 03:04:05",
    content: "Me.",
  },
];

describe.each(dialects)("dates of posts on %s", (dialect) => {
  let db: TestDb;
  let summary: ImportSummary;
  let began: string;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    began = new Date().toISOString();
    summary = await importWordPress(db, { file: writeWxrFile({}, items), mediaDir: db.mediaDir });
  });
  afterAll(() => db.dispose());

  const publishedAt = async (slug: string) =>
    (
      await db.kysely
        .selectFrom("reviews")
        .select("published_at")
        .where("slug", "=", slug)
        .executeTakeFirstOrThrow()
    ).published_at;

  it("falls back to post_date_gmt, then pubDate", async () => {
    expect(await publishedAt("good")).toBe("2011-04-05T20:00:00.000Z");
    expect(await publishedAt("from-gmt")).toBe("2011-04-06T19:30:00.000Z");
    expect(await publishedAt("from-pub")).toBe("2011-04-07T18:15:00.000Z");
    const page = await db.kysely
      .selectFrom("posts")
      .select("published_at")
      .where("slug", "=", "about")
      .executeTakeFirstOrThrow();
    expect(page.published_at).toBe("2010-01-02T03:04:05.000Z");
    // With nothing to read, the import's time — but never without saying so (below).
    expect(((await publishedAt("no-date")) ?? "") >= began).toBe(true);
  });

  it("reports every post whose post_date does not parse, and what it was dated by", () => {
    const group = summary.reported.find((g) => g.why.includes("post_date does not parse"));
    expect(group?.count).toBe(4);
    const lines = group?.examples.join("\n") ?? "";
    expect(lines).toContain(
      'post 2 "From Gmt (1961)": post_date "2011-13-45 99:00:00" → 2011-04-06T19:30:00.000Z (from post_date_gmt)',
    );
    expect(lines).toContain(
      'post 3 "From Pub Date (1962)": post_date "yesterday" → 2011-04-07T18:15:00.000Z (from pubDate)',
    );
    expect(lines).toMatch(/post 4 "No Date \(1963\)": post_date "" → no readable date at all/);
    expect(lines).toContain(
      'page 5 "About": post_date "garbled" → 2010-01-02T03:04:05.000Z (from post_date_gmt)',
    );
    expect(lines).not.toContain("Good Date");
  });
});
