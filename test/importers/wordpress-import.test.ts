// `cinelog import wordpress` end to end on both databases: what a WordPress export becomes,
// that the old addresses still lead to it, and that a second run changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importWordPress } from "../../src/importers/wordpress/import-wordpress.ts";
import type { ImportSummary } from "../../src/importers/import-summary.ts";
import { appFor, getPage, textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { writeUploadsDir, writeWxrFile } from "./wordpress-fixture.ts";

const tables = [
  "users",
  "films",
  "people",
  "credits",
  "reviews",
  "tags",
  "review_tags",
  "series",
  "series_entries",
  "comments",
  "redirects",
  "stills",
  "posts",
] as const;

async function tableCounts(db: TestDb): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await db.kysely
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

describe.each(dialects)("importing a WordPress export on %s", (dialect) => {
  let db: TestDb;
  let summary: ImportSummary;
  let app: ReturnType<typeof appFor>;
  const file = writeWxrFile();

  let uploadsDir: string;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    uploadsDir = await writeUploadsDir();
    summary = await importWordPress(db, { file, uploadsDir, mediaDir: db.mediaDir });
    app = appFor(db);
  });
  afterAll(() => db.dispose());

  async function reviewOf(title: string) {
    return db.kysely
      .selectFrom("reviews")
      .innerJoin("films", "films.id", "reviews.film_id")
      .select([
        "reviews.id",
        "reviews.slug",
        "reviews.status",
        "reviews.body_md",
        "reviews.published_at",
      ])
      .where("films.title", "=", title)
      .executeTakeFirstOrThrow();
  }

  it("turns 'Title (Year)' posts into reviews of films, with the director as a credit", async () => {
    const bob = await reviewOf("Bob le Flambeur");
    expect(bob.status).toBe("published");
    expect(bob.published_at).toBe("2012-03-01T21:00:00.000Z");
    expect(bob.slug).toBe("bob-le-flambeur-1956");
    expect(bob.body_md).not.toMatch(/Directed by|Up Next/);
    expect(bob.body_md).toContain("A gambler plans one last job");
    const friday = await reviewOf("His Girl Friday");
    expect(friday.body_md).not.toMatch(/Directed by|Up Next/);
    expect(friday.body_md).toContain("<em>newsroom</em>");
    expect((await reviewOf("Heat")).status).toBe("draft");

    const { response, document } = await getPage(app, "/review/bob-le-flambeur-1956");
    expect(response.status).toBe(200);
    expect(textOf(document.querySelector("h1"))).toBe("Bob le Flambeur (1956)");
    expect(textOf(document.querySelector("main"))).toContain("Directed by Jean-Pierre Melville");
    expect(textOf(document.querySelector(".review-body"))).not.toContain("Up Next");
  });

  it("rebuilds the series order from the Up Next lines", async () => {
    const entries = await db.kysely
      .selectFrom("series_entries")
      .innerJoin("films", "films.id", "series_entries.film_id")
      .select(["films.title", "series_entries.review_id"])
      .orderBy("series_entries.position")
      .execute();
    expect(entries.map((e) => e.title)).toEqual([
      "Bob le Flambeur",
      "His Girl Friday",
      "House of Games",
      "Crouching Tiger, Hidden Dragon",
      "Heat",
      "Casino",
    ]);
    expect(entries[0]?.review_id).toBe((await reviewOf("Bob le Flambeur")).id);
    const { document } = await getPage(app, "/review/bob-le-flambeur-1956");
    expect(textOf(document.querySelector(".up-next"))).toMatch(
      /^Up Next: His Girl Friday \(1940\), House of Games \(1987\), Crouching Tiger, Hidden Dragon \(2000\)/,
    );
  });

  it("keeps comments with their threads, statuses and kinds", async () => {
    const house = await reviewOf("House of Games");
    const comments = await db.kysely
      .selectFrom("comments")
      .selectAll()
      .where("review_id", "=", house.id)
      .execute();
    const by = (name: string) => comments.find((c) => c.author_name === name);
    expect(comments).toHaveLength(7);
    expect(by("Ines")?.status).toBe("approved");
    expect(by("Ines")?.body_md).toBe(
      "The [card trick](https://example.net/cons) scene **still** works.",
    );
    expect(by("Ines")?.body_html).toContain('rel="nofollow ugc noopener"');
    expect(by("Vera")?.parent_id).toBe(by("Ines")?.id);
    expect(by("Waiting")?.status).toBe("pending");
    expect(by("Spammer")?.status).toBe("spam");
    expect(by("Another Blog")?.kind).toBe("pingback");
    expect(by("Late")?.parent_id).toBe(by("Asker")?.id);
    expect(by("Ines")?.created_at).toBe("2012-03-16T10:00:00.000Z");

    const { document } = await getPage(app, "/review/house-of-games-1987");
    const shown = textOf(document.querySelector("#comments"));
    expect(shown).toContain("card trick");
    expect(shown).not.toContain("Held for moderation.");
    expect(shown).not.toContain("Cheap watches.");
  });

  it("answers the old addresses with a 301 to the new page", async () => {
    for (const old of [
      "/2012/03/bob-le-flambeur-1956/",
      "/2012/03/bob-le-flambeur-1956",
      "/?p=101",
    ]) {
      const response = await app.request(old);
      expect(response.status, old).toBe(301);
      expect(response.headers.get("location"), old).toBe("/review/bob-le-flambeur-1956");
    }
    expect((await app.request("/2012/03/no-such-post/")).status).toBe(404);
    expect((await app.request("/?p=999")).status).toBe(200);
  });

  it("makes the featured image a still, read from the uploads folder", async () => {
    const bob = await reviewOf("Bob le Flambeur");
    const stills = await db.kysely
      .selectFrom("stills")
      .selectAll()
      .where("review_id", "=", bob.id)
      .execute();
    expect(stills).toHaveLength(1);
    expect(stills[0]?.alt).toBe("Bob at the card table, hat tilted");
    expect(stills[0]?.width).toBe(640);
    const { document } = await getPage(app, "/review/bob-le-flambeur-1956");
    const img = document.querySelector("main img");
    expect(img?.getAttribute("alt")).toBe("Bob at the card table, hat tilted");
    expect(summary.counts.get("stills from featured images")).toBe(1);
    // The export's path for the other attachment leads out of the folder: never read.
    expect(summary.toText()).toContain("../../../etc/passwd");
  });

  it("sums up what it brought in and says why it left the rest", () => {
    expect(summary.counts.get("reviews")).toBe(4);
    expect(summary.counts.get("comments (approved)")).toBe(4);
    expect(summary.counts.get("pingbacks (approved)")).toBe(1);
    expect(summary.counts.get("authors added")).toBe(1);
    const reasons = summary.skipped.map((s) => s.why).join("\n");
    // "Hello world!" has no film in its title: it stays a post; "About" is a page.
    expect(summary.counts.get("posts")).toBe(1);
    expect(summary.counts.get("pages")).toBe(1);
    expect(reasons).not.toMatch(/not built yet/);
    expect(reasons).toMatch(/no post's featured image/);
  });

  it("changes nothing and duplicates nothing when run again", async () => {
    const before = await tableCounts(db);
    const again = await importWordPress(db, { file, uploadsDir, mediaDir: db.mediaDir });
    expect(await tableCounts(db)).toEqual(before);
    expect(again.counts.get("reviews")).toBeUndefined();
    expect(again.counts.get("reviews already imported")).toBe(4);
  });
});
