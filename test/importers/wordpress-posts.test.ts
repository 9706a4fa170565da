// WordPress pages and plain posts (no "Title (Year)") become Cinelog pages and posts, on both
// databases: their old addresses redirect, a second run adds nothing, the HTML is sanitised,
// and their comments come in with their threads.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportSummary } from "../../src/importers/import-summary.ts";
import { importWordPress } from "../../src/importers/wordpress/import-wordpress.ts";
import { appFor, getPage, textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import type { WxrItemSpec } from "../support/wxr-writer.ts";
import { sourceUrl, writeWxrFile } from "./wordpress-fixture.ts";

const items: WxrItemSpec[] = [
  // A child page met before its parent.
  {
    id: 302,
    title: "Ratings, explained",
    slug: "ratings-explained",
    type: "page",
    parent: 301,
    link: `${sourceUrl}/about/ratings-explained/`,
    date: "2012-01-05 10:00:00",
    content: "<p>Five stars means I would watch it again tonight.</p>",
  },
  {
    id: 301,
    title: "About &amp; Contact",
    slug: "about",
    type: "page",
    link: `${sourceUrl}/about/`,
    date: "2012-01-04 10:00:00",
    content:
      '<p>Hello <strong>readers</strong>.</p>\n<script>document.title = "owned"</script>\n<p><img src="https://films.example.org/x.png" alt="The desk" onerror="alert(1)"></p>',
  },
  {
    id: 303,
    title: "A note on the queue",
    slug: "a-note-on-the-queue",
    date: "2012-04-02 18:30:00",
    tags: ["Housekeeping"],
    categories: ["Uncategorized", "Notes"],
    content: "The queue is long.\n\nIt will get longer before it gets shorter.",
    comments: [
      {
        id: 31,
        author: "Reader",
        email: "r@example.net",
        date: "2012-04-03 09:00:00",
        content: "Good luck!",
      },
      {
        id: 32,
        parent: 31,
        author: "Vera",
        email: "vera@example.org",
        date: "2012-04-03 10:00:00",
        content: "Thanks.",
      },
    ],
  },
  {
    id: 304,
    title: "Unfinished thoughts",
    slug: "",
    status: "draft",
    date: "2012-05-01 09:00:00",
    content: "Not yet.",
  },
  {
    id: 305,
    title: "Old page",
    slug: "old",
    type: "page",
    status: "trash",
    date: "2012-01-01 09:00:00",
    content: "Gone.",
  },
  {
    id: 306,
    title: "Heat (1995)",
    slug: "heat-1995",
    date: "2012-03-22 21:00:00",
    content: "Directed by Michael Mann\n\nTwo professionals, one city.",
  },
];

const tables = ["posts", "post_tags", "tags", "redirects", "reviews", "comments"] as const;

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

describe.each(dialects)("importing WordPress pages and plain posts on %s", (dialect) => {
  let db: TestDb;
  let summary: ImportSummary;
  let app: ReturnType<typeof appFor>;
  const file = writeWxrFile({}, items);

  beforeAll(async () => {
    db = await openTestDb(dialect);
    summary = await importWordPress(db, { file, mediaDir: db.mediaDir });
    app = appFor(db);
  });
  afterAll(() => db.dispose());

  const postOf = (kind: "post" | "page", slug: string) =>
    db.kysely
      .selectFrom("posts")
      .selectAll()
      .where("kind", "=", kind)
      .where("slug", "=", slug)
      .executeTakeFirstOrThrow();

  it("keeps pages as pages and plain posts as posts, with status, date, tags and parent", async () => {
    const about = await postOf("page", "about");
    expect(about.title).toBe("About & Contact");
    expect(about.status).toBe("published");
    expect(about.published_at).toBe("2012-01-04T10:00:00.000Z");
    const child = await postOf("page", "ratings-explained");
    expect(child.parent_id).toBe(about.id);
    const note = await postOf("post", "a-note-on-the-queue");
    expect(note.excerpt).toBe("The queue is long. It will get longer before it gets shorter.");
    const tags = await db.kysely
      .selectFrom("post_tags")
      .innerJoin("tags", "tags.id", "post_tags.tag_id")
      .select("tags.name")
      .where("post_tags.post_id", "=", note.id)
      .orderBy("tags.name")
      .execute();
    expect(tags.map((t) => t.name)).toEqual(["Housekeeping", "Notes"]);
    const draft = await postOf("post", "unfinished-thoughts");
    expect(draft.status).toBe("draft");
    expect(draft.published_at).toBeNull();
    // The review in the same export is still a review.
    const reviews = await db.kysely.selectFrom("reviews").select("slug").execute();
    expect(reviews.map((r) => r.slug)).toEqual(["heat-1995"]);
  });

  it("shows a page with its HTML sanitised, and lists it in the footer", async () => {
    const { response, html, document } = await getPage(app, "/pages/about");
    expect(response.status).toBe(200);
    expect(textOf(document.querySelector("h1"))).toBe("About & Contact");
    const body = document.querySelector(".review-body");
    expect(body?.querySelector("strong")?.textContent).toBe("readers");
    expect(body?.querySelector("img")?.getAttribute("alt")).toBe("The desk");
    expect(html).not.toContain("owned");
    expect(html).not.toContain("onerror");
    // Nothing from the import runs: the only script is the site's own comment-reply helper.
    const scripts = [...document.querySelectorAll("main script")];
    expect(scripts.map((s) => s.getAttribute("src"))).toEqual([
      expect.stringMatching(/^\/assets\/comment-reply/),
    ]);
    const footer = [...document.querySelectorAll("footer a")].map((a) => a.getAttribute("href"));
    expect(footer).toContain("/pages/about");
    // Only top-level pages are in the footer; the child page links back to its parent.
    expect(footer).not.toContain("/pages/ratings-explained");
    const child = await getPage(app, "/pages/ratings-explained");
    expect(child.document.querySelector("main header a")?.getAttribute("href")).toBe(
      "/pages/about",
    );
  });

  it("shows a plain post, and never a draft", async () => {
    const { response, document } = await getPage(app, "/post/a-note-on-the-queue");
    expect(response.status).toBe(200);
    expect(textOf(document.querySelector("main"))).toContain("It will get longer");
    expect((await app.request("/post/unfinished-thoughts")).status).toBe(404);
    expect((await app.request("/pages/old")).status).toBe(404);
  });

  it("answers the old addresses with a 301 to the new pages", async () => {
    const moved: Record<string, string> = {
      "/about/": "/pages/about",
      "/about": "/pages/about",
      "/?page_id=301": "/pages/about",
      "/?p=301": "/pages/about",
      "/about/ratings-explained/": "/pages/ratings-explained",
      "/2012/04/a-note-on-the-queue/": "/post/a-note-on-the-queue",
      "/?p=303": "/post/a-note-on-the-queue",
    };
    for (const [old, target] of Object.entries(moved)) {
      const response = await app.request(old);
      expect(response.status, old).toBe(301);
      expect(response.headers.get("location"), old).toBe(target);
    }
  });

  it("lists public posts and pages in the sitemap, and not the draft", async () => {
    const xml = await (await app.request("/sitemap.xml")).text();
    expect(xml).toContain("/pages/about</loc>");
    expect(xml).toContain("/pages/ratings-explained</loc>");
    expect(xml).toContain("/post/a-note-on-the-queue</loc>");
    expect(xml).not.toContain("unfinished");
  });

  it("says what it brought in, comments on posts included, and shows them threaded", async () => {
    expect(summary.counts.get("pages")).toBe(2);
    expect(summary.counts.get("posts")).toBe(2);
    expect(summary.counts.get("reviews")).toBe(1);
    expect(summary.skipped.find((s) => /comment on a WordPress post/.test(s.why))).toBeUndefined();
    expect(summary.counts.get("comments (approved)")).toBeGreaterThanOrEqual(2);
    expect(summary.toText()).toMatch(/page in the WordPress trash \(page 305 "Old page"\)/);
    const { document } = await getPage(app, "/post/a-note-on-the-queue");
    const first = [...document.querySelectorAll(".comment-list > li")].find((li) =>
      textOf(li).includes("Good luck!"),
    );
    expect(first).toBeDefined();
    expect(textOf(first!.querySelector(".children"))).toContain("Thanks.");
  });

  it("changes nothing and duplicates nothing when run again", async () => {
    const before = await tableCounts(db);
    const again = await importWordPress(db, { file, mediaDir: db.mediaDir });
    expect(await tableCounts(db)).toEqual(before);
    expect(again.counts.get("pages")).toBeUndefined();
    expect(again.counts.get("posts")).toBeUndefined();
    expect(again.counts.get("pages already imported")).toBe(2);
    expect(again.counts.get("posts already imported")).toBe(2);
    const note = await postOf("post", "a-note-on-the-queue");
    expect(note.slug).toBe("a-note-on-the-queue");
  });
});
