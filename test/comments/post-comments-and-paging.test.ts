// Comments on posts and pages (posted over HTTP, held ones hidden until approved), the rule
// that a comment is on exactly one review or post, and comment paging: pages of top-level
// threads at …/comment-page-N, replies kept with their parent, /comment/ID landing on the
// right page, bad page numbers answering 404.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postSubject, reviewSubject } from "../../src/domain/comment-subjects.ts";
import { commentById, createComment, setCommentStatus } from "../../src/domain/comments.ts";
import { createPost } from "../../src/domain/posts.ts";
import { saveSetting } from "../../src/domain/settings.ts";
import { issueFormToken } from "../../src/domain/comment-tokens.ts";
import { appFor, getPage, textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { commentIdFrom } from "./post-comment.ts";

describe.each(dialects)("comments on posts and pages, and comment paging, on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  let f: Awaited<ReturnType<typeof buildFixture>>;
  let note: { id: number; slug: string };
  let about: { id: number; slug: string };

  beforeAll(async () => {
    db = await openTestDb(dialect);
    f = await buildFixture(db);
    app = appFor(db, { commentRateLimits: false });
    note = await createPost(db, {
      kind: "post",
      title: "A note on the queue",
      body: "The next month goes to films set in hotels.",
      status: "published",
      authorId: f.author.id,
    });
    about = await createPost(db, {
      kind: "page",
      title: "About this journal",
      body: "One viewer, a long list, and a review of each film on it.",
      status: "published",
      authorId: f.author.id,
    });
  });
  afterAll(async () => {
    await db.dispose();
  });

  const post = async (
    path: string,
    subject: ReturnType<typeof postSubject>,
    fields: Record<string, string>,
  ) =>
    app.request(`${path}/comments`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        comment: "",
        name: "Reader",
        email: "reader@example.com",
        url: "",
        fax: "",
        parent_id: "",
        token: await issueFormToken(db, subject, Date.now() - 60_000),
        ...fields,
      }),
    });

  it.each([
    ["post", "/post/"],
    ["page", "/pages/"],
  ] as const)(
    "takes a comment on a %s through its form, holds the first, shows it once approved",
    async (kind, prefix) => {
      const target = kind === "post" ? note : about;
      const path = `${prefix}${target.slug}`;
      const before = await getPage(app, path);
      const form = before.document.querySelector("#commentform")!;
      expect(form.getAttribute("action")).toBe(`${path}/comments#comment-problems`);
      expect(textOf(before.document.querySelector("#comments-title"))).toContain("No replies yet");

      const email = `first-${kind}@example.com`;
      const response = await post(path, postSubject(target.id), {
        comment: `Held words on the ${kind}.`,
        name: `Guest of the ${kind}`,
        email,
      });
      expect(response.status).toBe(303);
      const id = commentIdFrom(response);
      expect(response.headers.get("location")).toMatch(new RegExp(`^${path}\\?comment=${id}\\.`));
      const stored = await commentById(db, id);
      expect(stored).toMatchObject({ post_id: target.id, review_id: null, status: "pending" });

      // Held: not on the public page, but shown to its author through the signed link.
      const hidden = await getPage(app, path);
      expect(hidden.html).not.toContain(`Held words on the ${kind}.`);
      const own = await getPage(app, response.headers.get("location")!.split("#")[0]!);
      expect(own.html).toContain(`Held words on the ${kind}.`);
      expect(textOf(own.document.querySelector(".comment-awaiting"))).toContain(
        "awaiting moderation",
      );

      await setCommentStatus(db, id, "approved");
      const shown = await getPage(app, path);
      expect(textOf(shown.document.querySelector(`#comment-${id}`))).toContain(
        `Held words on the ${kind}.`,
      );
      expect(textOf(shown.document.querySelector("#comments-title"))).toContain("One Reply");

      // A reply threads under it, and the page cache shows it at once.
      const reply = await post(path, postSubject(target.id), {
        comment: "A reply in the thread.",
        name: "Second guest",
        email,
        parent_id: String(id),
      });
      const replyId = commentIdFrom(reply);
      expect((await commentById(db, replyId))?.parent_id).toBe(id);
      const threaded = await getPage(app, path);
      expect(
        threaded.document
          .querySelector(`#comment-${id}`)
          ?.closest("li")
          ?.querySelector(`.children #comment-${replyId}`),
      ).not.toBeNull();
    },
  );

  it("refuses a form whose token was made for another page", async () => {
    const response = await post(`/post/${note.slug}`, postSubject(about.id), {
      comment: "Sent with the page's token.",
    });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("Sent with the page&#39;s token.");
  });

  it("refuses a comment on both a review and a post, or on neither", async () => {
    const row = (review: number | null, post: number | null) =>
      db.kysely
        .insertInto("comments")
        .values({
          review_id: review,
          post_id: post,
          author_name: "X",
          author_email: "x@example.com",
          body_md: "x",
          body_html: "<p>x</p>",
          status: "approved",
          created_at: new Date().toISOString(),
          approved_at: null,
          prior_status: null,
        })
        .execute();
    await expect(row(f.reviews.vegasReview.id, note.id)).rejects.toThrow(/check|constraint/i);
    await expect(row(null, null)).rejects.toThrow(/check|constraint/i);
    await expect(row(null, note.id)).resolves.toBeDefined();
  });

  describe("paging", () => {
    let review: { id: number; slug: string };
    let roots: number[];
    let replyOf: Map<number, number>;
    const base = () => `/review/${review.slug}`;

    beforeAll(async () => {
      review = f.reviews.bobReview;
      roots = [];
      replyOf = new Map();
      const start = Date.parse("2026-01-01T00:00:00.000Z");
      // 120 threads, every fourth with a reply written after all the threads began.
      for (let i = 0; i < 120; i++) {
        const c = await createComment(db, {
          subject: reviewSubject(review.id),
          name: `Thread ${i + 1}`,
          email: "paging@example.com",
          body: `Thread number ${i + 1}.`,
          status: "approved",
          createdAt: new Date(start + i * 60_000).toISOString(),
        });
        roots.push(c.id);
      }
      for (let i = 0; i < 120; i += 4) {
        const r = await createComment(db, {
          subject: reviewSubject(review.id),
          parentId: roots[i],
          name: `Reply to ${i + 1}`,
          email: "paging@example.com",
          body: `Reply to thread ${i + 1}.`,
          status: "approved",
          createdAt: new Date(start + (200 + i) * 60_000).toISOString(),
        });
        replyOf.set(roots[i]!, r.id);
      }
      await saveSetting(db, "commentsPerPage", 50);
    });

    const threadsOn = async (path: string) => {
      const { response, document } = await getPage(app, path);
      expect(response.status).toBe(200);
      const top = [...document.querySelectorAll(".comment-list > li > article")].map((a) =>
        Number(a.getAttribute("id")!.replace("comment-", "")),
      );
      return { top, document };
    };

    it("splits 120 threads at 50 a page into 3 pages, oldest first, replies with their parent", async () => {
      await saveSetting(db, "commentPageShown", "oldest");
      const first = await threadsOn(base());
      expect(first.top).toEqual(roots.slice(0, 50));
      const second = await threadsOn(`${base()}/comment-page-2`);
      // The review's own cards once, beside the paging links.
      const cards = second.document.querySelectorAll('meta[property="og:type"]');
      expect([...cards].map((m) => m.getAttribute("content"))).toEqual(["article"]);
      expect(second.top).toEqual(roots.slice(50, 100));
      const third = await threadsOn(`${base()}/comment-page-3`);
      expect(third.top).toEqual(roots.slice(100, 120));
      // The reply written last sits on its parent's page, under it.
      const parent = roots[52]!;
      expect(second.document.querySelector(`#comment-${replyOf.get(parent)!}`)).not.toBeNull();
      expect(third.document.querySelector(`#comment-${replyOf.get(parent)!}`)).toBeNull();
      // Page list and rel links; the heading counts every comment.
      expect(textOf(second.document.querySelector("#comments-title"))).toContain("150 Replies");
      const { html } = await getPage(app, `${base()}/comment-page-2`);
      expect(html).toContain(`<link rel="prev" href="${base()}"/>`);
      expect(html).toContain(`<link rel="next" href="${base()}/comment-page-3"/>`);
      expect(
        second.document.querySelector('.comment-navigation [aria-current="page"]')?.textContent,
      ).toBe("2");
      // Page 1 by number is the plain address.
      const one = await app.request(`${base()}/comment-page-1`);
      expect(one.status).toBe(301);
      expect(one.headers.get("location")).toBe(base());
    });

    it("shows the last page at the plain address when newest comes first", async () => {
      await saveSetting(db, "commentPageShown", "newest");
      expect((await threadsOn(base())).top).toEqual(roots.slice(100, 120));
      expect((await threadsOn(`${base()}/comment-page-1`)).top).toEqual(roots.slice(0, 50));
      expect((await threadsOn(`${base()}/comment-page-2`)).top).toEqual(roots.slice(50, 100));
      const three = await app.request(`${base()}/comment-page-3`);
      expect(three.status).toBe(301);
      expect(three.headers.get("location")).toBe(base());
      await saveSetting(db, "commentPageShown", "oldest");
    });

    it("sends /comment/ID to the page holding the comment", async () => {
      const cases: [number, string][] = [
        [roots[3]!, base()],
        [replyOf.get(roots[60]!)!, `${base()}/comment-page-2`],
        [roots[119]!, `${base()}/comment-page-3`],
      ];
      for (const [id, page] of cases) {
        const response = await app.request(`/comment/${id}`);
        expect(response.status).toBe(302);
        expect(response.headers.get("location")).toBe(`${page}#comment-${id}`);
      }
      expect((await app.request("/comment/99999999")).status).toBe(404);
      expect((await app.request("/comment/abc")).status).toBe(404);
    });

    it("answers 404 for a page past the last or a malformed number", async () => {
      for (const bad of [
        "comment-page-4",
        "comment-page-0",
        "comment-page-x",
        "comment-page-",
        "comment-page-02",
        "comment-page-99999999999999",
      ]) {
        const response = await app.request(`${base()}/${bad}`);
        expect(response.status, bad).toBe(404);
      }
      expect((await app.request(`/post/${note.slug}/comment-page-2`)).status).toBe(404);
    });

    it("after posting, sends the reader to the page holding their comment", async () => {
      const response = await app.request(`${base()}/comments`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          comment: "Late to the thread.",
          name: "Late reader",
          email: "paging@example.com",
          url: "",
          fax: "",
          parent_id: "",
          token: await issueFormToken(db, review.id, Date.now() - 60_000),
        }),
      });
      expect(response.status).toBe(303);
      const id = commentIdFrom(response);
      expect(response.headers.get("location")).toMatch(
        new RegExp(`^${base()}/comment-page-3\\?comment=${id}\\.[\\w-]{43}#comment-${id}$`),
      );
    });
  });

  it("keeps the database rule after a SQLite rebuild: replies keep their parents", async () => {
    const rows = await sql<{
      n: number;
    }>`select count(*) as n from comments where parent_id is not null`.execute(db.kysely);
    expect(Number(rows.rows[0]!.n)).toBeGreaterThan(0);
  });
});
