// Feeds keep each entry's built HTML and XML between requests (src/feeds/rebuild-on-change.ts)
// and reuse it while nothing it was built from changed. These edits leave the review's
// updated_at alone on purpose, so only a comparison of everything an entry shows can notice
// them: each must show in the very next feed, in every format, on both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addStill } from "../../src/domain/stills.ts";
import { setReviewTags } from "../../src/domain/tags.ts";
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
    // Nothing changed: one statement (src/domain/feed-read.ts); PostgreSQL's bodies stay there.
    expect(await db.queries.during(() => app.request("/feed.xml").then((r) => r.text()))).toBe(1);
    // One body changed: on PostgreSQL that body follows in a second statement.
    await setBody("<p>Third version.</p>");
    let text = "";
    const count = await db.queries.during(async () => {
      text = await (await app.request("/feed.xml")).text();
    });
    expect(text).toContain("Third version.");
    expect(count).toBe(dialect === "postgres" ? 2 : 1);
  });
});
