// Posts and pages that are not reviews, on both databases: who may see them, their pages
// (sanitised, cached and dropped from the cache when edited), the footer and the sitemap.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addRedirects } from "../../src/domain/redirects.ts";
import { createPost, deletePost, updatePost } from "../../src/domain/posts.ts";
import { declaredFactsAt } from "../../src/web/route-facts.ts";
import { appFor, getPage, textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";

const hour = 60 * 60 * 1000;

describe.each(dialects)("posts and pages on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  let authorId: number;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    const f = await buildFixture(db);
    authorId = f.author.id;
    app = appFor(db);
  });
  afterAll(() => db.dispose());

  /** The change tags the route at `path` declares, for a page whose slug is `slug`. */
  const declaredTagsAt = (path: string, slug: string): string[] => {
    const cache = declaredFactsAt(app, "GET", path)?.cache;
    if (!cache || cache === "never") return [];
    return typeof cache.tags === "function" ? cache.tags(() => slug) : [...cache.tags];
  };

  const page = (title: string, body: string, extra: Partial<Parameters<typeof createPost>[1]>) =>
    createPost(db, { kind: "page", title, body, status: "published", authorId, ...extra });

  it("renders a page's body sanitised: a script never reaches the reader", async () => {
    await page(
      "Colophon",
      '## How this site is made\n\n<script>window.hacked = 1</script>\n\n<a href="javascript:alert(1)">a link</a> and <b onclick="x()">bold</b> and *Markdown*.',
      { slug: "colophon" },
    );
    const { response, html, document } = await getPage(app, "/pages/colophon");
    expect(response.status).toBe(200);
    expect(textOf(document.querySelector("h1"))).toBe("Colophon");
    expect(document.querySelector("title")?.textContent).toMatch(/^Colophon – /);
    expect(document.querySelector('meta[property="og:type"]')?.getAttribute("content")).toBe(
      "website",
    );
    expect(html).not.toContain("window.hacked");
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("onclick");
    // The only script is the site's own comment-reply helper under the comment form.
    expect([...document.querySelectorAll("main script")].map((s) => s.getAttribute("src"))).toEqual(
      [expect.stringMatching(/^\/assets\/comment-reply/)],
    );
    expect(document.querySelector(".review-body h2")?.textContent).toBe("How this site is made");
    expect(document.querySelector(".review-body em")?.textContent).toBe("Markdown");
  });

  it("shows a post with its byline and tags as an article", async () => {
    await createPost(db, {
      kind: "post",
      title: "Housekeeping",
      body: "The archive moved.",
      status: "published",
      publishedAt: "2026-01-02T09:00:00.000Z",
      authorId,
      tags: ["Notes", "Site"],
    });
    const { response, document } = await getPage(app, "/post/housekeeping");
    expect(response.status).toBe(200);
    expect(textOf(document.querySelector("main .meta"))).toBe("By Ada Critic, 2 January 2026");
    expect(textOf(document.querySelector("main .tags"))).toBe("Filed under: Notes, Site");
    expect(document.querySelector('meta[property="og:type"]')?.getAttribute("content")).toBe(
      "article",
    );
    // A post and a page may share a slug: each kind has its own addresses.
    expect((await app.request("/pages/housekeeping")).status).toBe(404);
  });

  it("keeps drafts and not-yet-due scheduled posts from readers", async () => {
    await page("Draft page", "Secret.", { status: "draft", slug: "draft-page" });
    await page("Soon", "Later.", {
      status: "scheduled",
      publishedAt: new Date(Date.now() + hour),
    });
    await page("Due", "Now.", {
      status: "scheduled",
      publishedAt: new Date(Date.now() - hour),
    });
    expect((await app.request("/pages/draft-page")).status).toBe(404);
    expect((await app.request("/pages/soon")).status).toBe(404);
    expect((await app.request("/pages/due")).status).toBe(200);
    expect((await app.request("/pages/Not_A_Slug")).status).toBe(404);
    await expect(
      createPost(db, { kind: "post", title: "x", body: "", status: "scheduled", authorId }),
    ).rejects.toThrow(/needs a time/);
  });

  it("makes slugs unique within a kind", async () => {
    const first = await page("About", "One.", {});
    const second = await page("About", "Two.", {});
    const post = await createPost(db, {
      kind: "post",
      title: "About",
      body: "Three.",
      status: "draft",
      authorId,
    });
    expect([first.slug, second.slug, post.slug]).toEqual(["about", "about-2", "about"]);
  });

  it("lists public top-level pages in every page's footer, and follows their changes", async () => {
    const footerLinks = async (path: string) =>
      [...(await getPage(app, path)).document.querySelectorAll("footer a")].map((a) =>
        a.getAttribute("href"),
      );
    const links = await footerLinks("/");
    expect(links).toContain("/pages/colophon");
    expect(links).not.toContain("/pages/draft-page");
    expect(links).not.toContain("/pages/soon");
    const colophon = await db.kysely
      .selectFrom("posts")
      .selectAll()
      .where("slug", "=", "colophon")
      .executeTakeFirstOrThrow();
    await updatePost(db, colophon.id, {
      title: "Colophon",
      slug: "colophon",
      body: colophon.body_md,
      status: "draft",
    });
    expect(await footerLinks("/")).not.toContain("/pages/colophon");
    expect((await app.request("/pages/colophon")).status).toBe(404);
  });

  it("caches a page and drops it when the page is edited", async () => {
    const note = await page("Contact", "Write to me.", {});
    expect(declaredTagsAt("/pages/contact", "contact")).toContain("post:page:contact");
    expect(declaredTagsAt("/post/contact", "contact")).toContain("post:post:contact");
    const first = await app.request("/pages/contact");
    expect(first.headers.get("x-cache")).toBe("MISS");
    expect((await app.request("/pages/contact")).headers.get("x-cache")).toBe("HIT");
    await updatePost(db, note.id, {
      title: "Contact",
      slug: "contact",
      body: "Write to me, or don't.",
      status: "published",
    });
    const after = await getPage(app, "/pages/contact");
    expect(after.response.headers.get("x-cache")).toBe("MISS");
    expect(textOf(after.document.querySelector(".review-body"))).toBe("Write to me, or don’t.");
    // Re-saving a published page keeps its publication time.
    const row = await db.kysely
      .selectFrom("posts")
      .select(["published_at", "updated_at"])
      .where("id", "=", note.id)
      .executeTakeFirstOrThrow();
    expect(row.published_at).toBe(note.published_at);
  });

  it("lists public posts and pages in the sitemap", async () => {
    const xml = await (await app.request("/sitemap.xml")).text();
    const locs = [...xml.matchAll(/<loc>[^<]*?(\/(?:pages|post)\/[^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toContain("/pages/contact");
    expect(locs).toContain("/pages/due");
    expect(locs).toContain("/post/housekeeping");
    expect(locs).not.toContain("/pages/draft-page");
    expect(locs).not.toContain("/pages/soon");
    expect(locs).not.toContain("/pages/colophon");
    expect(xml).toMatch(/\/post\/housekeeping<\/loc>\s*<lastmod>20\d\d-/);
  });

  it("drops cached pages when a scheduled post falls due", async () => {
    await createPost(db, {
      kind: "post",
      title: "Right on time",
      body: "Here now.",
      status: "scheduled",
      publishedAt: new Date(Date.now() + 1500),
      authorId,
    });
    const before = await app.request("/sitemap.xml");
    expect(await before.text()).not.toContain("/post/right-on-time");
    expect((await app.request("/sitemap.xml")).headers.get("x-cache")).toBe("HIT");
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const after = await app.request("/sitemap.xml");
    expect(after.headers.get("x-cache")).toBe("MISS");
    expect(await after.text()).toContain("/post/right-on-time");
  });

  it("deletes a post with the old addresses that led to it", async () => {
    const gone = await page("Old news", "Bye.", { slug: "old-news" });
    await addRedirects(db, ["/old-news"], "/pages/old-news");
    expect((await app.request("/old-news")).status).toBe(301);
    expect(await deletePost(db, gone.id)).toBe(true);
    expect(await deletePost(db, gone.id)).toBe(false);
    expect((await app.request("/pages/old-news")).status).toBe(404);
    expect((await app.request("/old-news")).status).toBe(404);
  });
});
