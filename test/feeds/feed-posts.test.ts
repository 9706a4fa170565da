// Posts are the blog's news: a migrated WordPress blog's subscribers got them in the main
// feed, so the site feed and a tag's feed carry them among the reviews, newest first, in all
// three formats. Pages, drafts and scheduled posts stay out, and so do series and person feeds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postSubject } from "../../src/domain/comment-subjects.ts";
import { createComment } from "../../src/domain/comments.ts";
import { createPost } from "../../src/domain/posts.ts";
import { appFor } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { extensions, formats, readFeed } from "./read-feed.ts";

describe.each(dialects)("posts in feeds on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  let f: Awaited<ReturnType<typeof buildFixture>>;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    f = await buildFixture(db);
    app = appFor(db);
    // Between the fixture's reviews of 1 March and 1 April.
    await createPost(db, {
      kind: "post",
      title: "A month of Melville",
      slug: "a-month-of-melville",
      body: 'Next month belongs to [Melville](/about) and <img src="/media/m.jpg" alt="M">.',
      status: "published",
      publishedAt: "2026-03-15T12:00:00.000Z",
      authorId: f.author.id,
      tags: ["Neo-noir", "Housekeeping"],
    });
    await createPost(db, {
      kind: "page",
      title: "About",
      slug: "about",
      body: "Who writes here.",
      status: "published",
      publishedAt: "2026-03-20T12:00:00.000Z",
      authorId: f.author.id,
    });
    await createPost(db, {
      kind: "post",
      title: "Unfinished news",
      slug: "unfinished-news",
      body: "Not yet.",
      status: "draft",
      authorId: f.author.id,
      tags: ["Neo-noir"],
    });
    await createPost(db, {
      kind: "post",
      title: "Future news",
      slug: "future-news",
      body: "Later.",
      status: "scheduled",
      publishedAt: "2099-01-01T00:00:00.000Z",
      authorId: f.author.id,
      tags: ["Neo-noir"],
    });
  });

  it("the site's comment feed carries comments on posts and pages, not on drafts", async () => {
    const posts = await db.kysely.selectFrom("posts").select(["id", "slug"]).execute();
    const id = (slug: string) => posts.find((p) => p.slug === slug)!.id;
    const on = async (slug: string, name: string, at: string) =>
      createComment(db, {
        subject: postSubject(id(slug)),
        name,
        email: `${name.toLowerCase()}@example.com`,
        body: `${name} was here.`,
        status: "approved",
        createdAt: at,
      });
    await on("a-month-of-melville", "Postreader", "2026-05-01T10:00:00.000Z");
    await on("about", "Pagereader", "2026-05-02T10:00:00.000Z");
    await on("unfinished-news", "Draftreader", "2026-05-03T10:00:00.000Z");
    const response = await app.request("/comments/feed.xml");
    expect(response.status).toBe(200);
    const xml = await response.text();
    expect(xml).toContain("<title>Pagereader on “About”</title>");
    expect(xml).toContain("<title>Postreader on “A month of Melville”</title>");
    expect(xml).toMatch(/<link>http[^<]*\/pages\/about#comment-\d+<\/link>/);
    expect(xml).toMatch(/<link>http[^<]*\/post\/a-month-of-melville#comment-\d+<\/link>/);
    expect(xml).not.toContain("Draftreader");
    // Newest first: the page's comment, then the post's.
    expect(xml.indexOf("Pagereader on")).toBeLessThan(xml.indexOf("Postreader on"));
  });

  afterAll(async () => {
    await db.close();
  });

  it.each(formats)(
    "the site feed lists the published post among the reviews, by date (%s)",
    async (format) => {
      const feed = await readFeed(app, `/feed.${extensions[format]}`, format);
      const titles = feed.items.map((i) => i.title);
      expect(titles).toContain("A month of Melville");
      expect(titles).not.toContain("About");
      expect(titles).not.toContain("Unfinished news");
      expect(titles).not.toContain("Future news");
      const post = feed.items.find((i) => i.title === "A month of Melville");
      expect(post?.url).toMatch(/\/post\/a-month-of-melville$/);
      expect(post?.content).toContain("Melville");
      // Links in the body work away from the site.
      expect(post?.content).toMatch(/href="http[^"]*\/about"/);
      expect(post?.categories).toEqual(expect.arrayContaining(["Housekeeping", "Neo-noir"]));
      const dates = feed.items.map((i) => i.published?.getTime() ?? 0);
      expect(dates).toEqual([...dates].sort((a, b) => b - a));
      const index = titles.indexOf("A month of Melville");
      expect(feed.items[index - 1]?.published?.toISOString()).toBe("2026-04-01T20:00:00.000Z");
      expect(feed.items[index + 1]?.published?.toISOString()).toBe("2026-03-01T20:00:00.000Z");
    },
  );

  it("a tag's feed carries the posts with that tag; series and person feeds carry none", async () => {
    const tagged = await readFeed(app, "/tag/housekeeping/feed.xml", "rss");
    expect(tagged.items.map((i) => i.title)).toEqual(["A month of Melville"]);
    const noir = await readFeed(app, "/tag/neo-noir/feed.xml", "rss");
    expect(noir.items.map((i) => i.title)).toContain("A month of Melville");
    const series = await readFeed(app, "/series/gamblers-and-grifters/feed.xml", "rss");
    expect(series.items.map((i) => i.title)).not.toContain("A month of Melville");
    expect(series.items.length).toBeGreaterThan(0);
  });
});
