// Threaded replies with and without JavaScript's help, moderation settings applied to real
// submissions, and the comment feeds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFeed } from "@rowanmanning/feed-parser";
import { commentById, createComment } from "../../src/domain/comments.ts";
import { saveSetting } from "../../src/domain/settings.ts";
import { appFor, getPage, textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { assertSoundXml } from "../feeds/read-feed.ts";
import { commentIdFrom, postComment } from "./post-comment.ts";

describe.each(dialects)("threads, rules and feeds on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  let f: Awaited<ReturnType<typeof buildFixture>>;
  let bob: { id: number; slug: string };
  const page = "/review/bob-le-flambeur-1956";
  const approved = (body: string, parentId?: number, name = "Threader") =>
    createComment(db, {
      reviewId: bob.id,
      parentId,
      name,
      email: `${name.toLowerCase()}@example.com`,
      body,
      status: "approved",
    });

  beforeAll(async () => {
    db = await openTestDb(dialect);
    f = await buildFixture(db);
    bob = f.reviews.bobReview;
    app = appFor(db, { commentRateLimits: false });
    await saveSetting(db, "commentThreadDepth", 3);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("threads replies to the configured depth, with Reply links only above it", async () => {
    const top = await approved("Top level.");
    const second = await approved("Second level.", top.id);
    const third = await approved("Third level.", second.id);
    const { document } = await getPage(app, page);
    const link = (id: number) => document.querySelector(`#comment-${id} .comment-reply-link`);
    expect(link(top.id)?.getAttribute("href")).toBe(`${page}?replytocom=${top.id}#respond`);
    expect(link(second.id)).not.toBeNull();
    expect(link(third.id)).toBeNull();
    expect(document.querySelector(`#comment-${third.id}`)?.closest("li")?.className).toBe(
      "comment depth-3",
    );
    // Oldest first, nested.
    const order = [...document.querySelectorAll(".comment-body")].map((a) => a.id);
    expect(order).toEqual([`comment-${top.id}`, `comment-${second.id}`, `comment-${third.id}`]);
  });

  it("renders the form for a reply without JavaScript, and stores the parent", async () => {
    const parent = await approved("Reply to me.", undefined, "Parent Person");
    const { document } = await getPage(app, `${page}?replytocom=${parent.id}`);
    expect(textOf(document.querySelector("#replying-to"))).toBe(
      "Replying to Parent Person — Cancel reply",
    );
    expect(document.querySelector("#replying-to")?.hasAttribute("hidden")).toBe(false);
    expect(document.querySelector("#cancel-comment-reply-link")?.getAttribute("href")).toBe(
      `${page}#respond`,
    );
    expect(document.querySelector("#comment-parent")?.getAttribute("value")).toBe(
      String(parent.id),
    );
    const response = await postComment(app, db, bob, {
      comment: "A reply.",
      parent_id: parent.id,
    });
    expect((await commentById(db, commentIdFrom(response)))?.parent_id).toBe(parent.id);
    // A bad parent does not cost the comment: it is stored on its own.
    const stray = await postComment(app, db, bob, { comment: "Stray.", parent_id: 999_999 });
    expect((await commentById(db, commentIdFrom(stray)))?.parent_id).toBeNull();
    // A validation error keeps the reply target.
    const invalid = await postComment(app, db, bob, { email: "x", parent_id: parent.id });
    expect(invalid.status).toBe(422);
    expect(await invalid.text()).toContain(
      'Replying to <span class="replying-to-name">Parent Person',
    );
  });

  it("ships the reply script from a hashed asset URL that never changes", async () => {
    const { document } = await getPage(app, page);
    const src = document.querySelector("#comments script")?.getAttribute("src") ?? "";
    expect(src).toMatch(/^\/assets\/comment-reply\.[0-9a-f]{12}\.js$/);
    const script = await app.request(src);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(script.headers.get("cache-control")).toContain("immutable");
    expect(await script.text()).toContain("comment-parent");
  });

  it("applies the site's moderation settings to submissions", async () => {
    const known = { email: "threader@example.com", name: "Threader" };
    const statusOf = async (comment: string) =>
      (await commentById(db, commentIdFrom(await postComment(app, db, bob, { ...known, comment }))))
        ?.status;
    expect(await statusOf("Known commenter, plain words.")).toBe("approved");
    expect(await statusOf("Two [links](https://a.example) https://b.example")).toBe("pending");
    await saveSetting(db, "moderationWords", "roulette");
    await saveSetting(db, "disallowedWords", "jackpot");
    expect(await statusOf("Red or black at the ROULETTE table")).toBe("pending");
    expect(await statusOf("Win the Jackpot")).toBe("spam");
    await saveSetting(db, "manualApproval", true);
    expect(await statusOf("Plain again.")).toBe("pending");
    await saveSetting(db, "manualApproval", false);
    await saveSetting(db, "moderationWords", "");
    await saveSetting(db, "disallowedWords", "");
    await saveSetting(db, "holdFirstComment", false);
    const stranger = await postComment(app, db, bob, { email: "new@example.com", comment: "Hi" });
    expect((await commentById(db, commentIdFrom(stranger)))?.status).toBe("approved");
    await saveSetting(db, "holdFirstComment", true);
  });

  it("publishes approved comments only in the site and review comment feeds", async () => {
    await createComment(db, {
      reviewId: bob.id,
      name: "Hidden",
      email: "hidden@example.com",
      body: "Still waiting.",
      status: "pending",
    });
    await createComment(db, {
      reviewId: f.reviews.vegasReview.id,
      name: `<b>Bold</b> & "Co"`,
      email: "bold@example.com",
      body: "On *Vegas*. <script>x</script>",
      status: "approved",
    });
    for (const [path, expected] of [
      ["/comments/feed.xml", "Comments on Cinelog"],
      [`${page}/comments/feed.xml`, "Comments on “Bob le Flambeur (1956)”"],
    ] as const) {
      const response = await app.request(path);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
      const raw = await response.text();
      assertSoundXml(raw, "rss", "item");
      const feed = parseFeed(raw);
      expect(feed.meta.type).toBe("rss");
      expect(feed.title).toBe(expected);
      expect(raw).not.toContain("Still waiting.");
      expect(raw).not.toContain("@example.com");
      for (const item of feed.items) {
        expect(item.url).toMatch(/^http:\/\/127\.0\.0\.1:4000\/review\/[\w-]+#comment-\d+$/);
        expect(item.published).toBeInstanceOf(Date);
      }
      if (path === "/comments/feed.xml") {
        const vegasItem = feed.items.find((i) => i.url?.includes("leaving-las-vegas"));
        expect(vegasItem?.title).toBe(`<b>Bold</b> & "Co" on “Leaving Las Vegas (1995)”`);
        expect(vegasItem?.description).toContain("<em>Vegas</em>");
        // The typed tag is text in the HTML, so escaped twice in the XML: never an element.
        expect(raw).toContain("&amp;lt;script&amp;gt;x&amp;lt;/script&amp;gt;");
        expect(raw).not.toMatch(/[^;]&lt;script/);
      } else {
        expect(feed.items.every((i) => i.url?.includes("bob-le-flambeur-1956"))).toBe(true);
      }
    }
    expect((await app.request("/review/house-of-games-draft/comments/feed.xml")).status).toBe(404);
  });
});
