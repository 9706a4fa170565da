// Feeds keep each entry's built HTML and XML between requests (src/feeds/rebuild-on-change.ts)
// and reuse it while nothing it was built from changed. These edits leave the review's
// updated_at alone on purpose, so only a comparison of everything an entry shows can notice
// them: each must show in the very next feed, in every format, on both databases.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addStill } from "../../src/domain/stills.ts";
import { setReviewTags } from "../../src/domain/tags.ts";
import { shareImageOf } from "../../src/feeds/share-image.ts";
import { appFor } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";

const feedPaths = ["/feed.xml", "/feed.atom", "/feed.json", "/tag/neo-noir/feed.xml"];

describe.each(dialects)("feed entries rebuilt on change on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  let f: Awaited<ReturnType<typeof buildFixture>>;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    f = await buildFixture(db);
    // The page cache off: the edits below go straight to the database, past its invalidation.
    app = appFor(db, { pageCache: false });
  });
  afterAll(async () => {
    await db.dispose();
  });

  async function feeds(paths = feedPaths.slice(0, 3)): Promise<string[]> {
    return Promise.all(
      paths.map(async (path) => {
        const response = await app.request(path);
        expect(response.status, path).toBe(200);
        return response.text();
      }),
    );
  }

  async function expectInEveryFeed(text: string, paths?: string[]) {
    for (const feed of await feeds(paths)) expect(feed).toContain(text);
  }

  it("shows an edited body, title, author, tag, still and rating at once", async () => {
    const review = f.reviews.vegasReview;
    // Twice first, so the second answer already came from what was kept.
    await feeds(feedPaths);
    const [before] = await feeds(["/feed.xml"]);
    expect(before).not.toContain("Quietly rewritten");

    await db.kysely
      .updateTable("reviews")
      .set({ body_html: "<p>Quietly rewritten paragraph.</p>" })
      .where("id", "=", review.id)
      .execute();
    await expectInEveryFeed("Quietly rewritten paragraph.");

    await db.kysely
      .updateTable("films")
      .set({ title: "Leaving Las Vegas Redux" })
      .where("id", "=", f.films.vegas.id)
      .execute();
    await expectInEveryFeed("Leaving Las Vegas Redux");

    await db.kysely
      .updateTable("users")
      .set({ display_name: "Renamed Critic" })
      .where("id", "=", f.author.id)
      .execute();
    await expectInEveryFeed("Renamed Critic");

    await setReviewTags(db, review.id, ["Neo-noir", "Desert light"]);
    await expectInEveryFeed("Desert light");

    await addStill(db, {
      reviewId: review.id,
      path: "stills/late-addition.png",
      width: 640,
      height: 360,
      alt: "A late addition",
    });
    await expectInEveryFeed("stills/late-addition.png");

    await db.kysely.updateTable("reviews").set({ rating: 3 }).where("id", "=", review.id).execute();
    // HTML inside XML: escaped once more in RSS and Atom, as a JSON string in JSON Feed.
    await expectInEveryFeed("Rating: no stars (0 out of 5)", ["/feed.json"]);
    await expectInEveryFeed("Rating: no stars (0 out of 5)", ["/feed.xml", "/feed.atom"]);
  });

  it("shows a body changed back and forth, and reads bodies only for entries to build again", async () => {
    const review = f.reviews.vegasReview;
    const setBody = (html: string) =>
      db.kysely
        .updateTable("reviews")
        .set({ body_html: html })
        .where("id", "=", review.id)
        .execute();
    await setBody("<p>First version.</p>");
    await expectInEveryFeed("First version.");
    await setBody("<p>Second version.</p>");
    await expectInEveryFeed("Second version.");
    // The first text again: its entry must not be mistaken for the one built from it before.
    await setBody("<p>First version.</p>");
    for (const feed of await feeds()) {
      expect(feed).toContain("First version.");
      expect(feed).not.toContain("Second version.");
    }
    // Counted as the fewest of three renders: the site settings are read again once a second.
    // `change` makes the change and says what the feed must show after it.
    const fewestStatements = async (change: (attempt: number) => Promise<string>) => {
      let fewest = Infinity;
      for (let attempt = 1; attempt <= 3; attempt++) {
        const shown = await change(attempt);
        let text = "";
        const count = await db.queries.during(async () => {
          text = await (await app.request("/feed.xml")).text();
        });
        expect(text).toContain(shown);
        fewest = Math.min(fewest, count);
      }
      return fewest;
    };
    // Nothing changed: one statement (src/domain/feed-read.ts); PostgreSQL's bodies stay there.
    await setBody("<p>Version 1.</p>");
    await feeds();
    expect(await fewestStatements(() => Promise.resolve("Version 1."))).toBe(1);
    // One body changed each time: on PostgreSQL that body follows in a second statement.
    const changeBody = async (attempt: number) => {
      await setBody(`<p>Version ${attempt + 1}.</p>`);
      return `Version ${attempt + 1}.`;
    };
    expect(await fewestStatements(changeBody)).toBe(dialect === "postgres" ? 2 : 1);
  });

  it("shows an edit of a long body that keeps its length", async () => {
    // Long and varied enough for PostgreSQL to keep it compressed out of line (TOAST), where
    // the feed's change key (bodyKeyOf in src/domain/feed-read.ts) reads no byte of it.
    let seed = 7;
    const words = Array.from({ length: 3000 }, () => {
      seed = (seed * 48271) % 2147483647;
      return seed.toString(36);
    }).join(" ");
    const longBody = (marker: "A" | "B") => `<p>Marker ${marker}${marker}${marker}. ${words}</p>`;
    const setBody = (html: string) =>
      db.kysely
        .updateTable("reviews")
        .set({ body_html: html })
        .where("id", "=", f.reviews.vegasReview.id)
        .execute();
    await setBody(longBody("A"));
    await expectInEveryFeed("Marker AAA.");
    await feeds();
    await setBody(longBody("B"));
    for (const feed of await feeds()) {
      expect(feed).toContain("Marker BBB.");
      expect(feed).not.toContain("Marker AAA.");
    }
  });

  it("gives the lead still's file length as it is now, though the entry is kept", async () => {
    const lead = await db.kysely
      .selectFrom("stills")
      .selectAll()
      .where("review_id", "=", f.reviews.vegasReview.id)
      .orderBy("position")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const file = path.join(db.mediaDir, shareImageOf(lead).path);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, Buffer.alloc(1234));
    await expectInEveryFeed('length="1234"', ["/feed.xml", "/feed.atom"]);
    // The file replaced behind the app's back; nothing in the database changed.
    writeFileSync(file, Buffer.alloc(4321));
    await expectInEveryFeed('length="4321"', ["/feed.xml", "/feed.atom"]);
  });
});
