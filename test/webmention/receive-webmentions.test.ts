// Receiving Webmentions, end to end on both databases: a remote blog on loopback links to one
// of our reviews and tells the endpoint; the endpoint answers 202 and queues; the worker
// fetches the source, checks the link, reads the h-entry and files a held comment of the right
// kind; approved, it shows on the review page (a reply as a comment from the web, a like as a
// count); an update changes it; a source that stops linking or answers 410 removes it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentById, setCommentStatus } from "../../src/domain/comments.ts";
import { workDueMentions } from "../../src/webmention/worker.ts";
import { appFor, getPage, textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { hEntryPage, startRemoteBlog, type RemoteBlog } from "../support/remote-blog.ts";
import { serveForTest } from "../support/server.ts";

const site = "http://127.0.0.1:4000";

describe.each(dialects)("receiving Webmentions on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  let blog: RemoteBlog;
  let target = "";
  let path = "";

  const work = () => workDueMentions({ db, siteUrl: site, fetch: { allowLoopback: true } });
  const send = (source: string, to = target) =>
    app.request("/webmention", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ source, target: to }).toString(),
    });
  const rowOf = (source: string) =>
    db.kysely
      .selectFrom("webmentions")
      .selectAll()
      .where("direction", "=", "in")
      .where("source", "=", source)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    db = await openTestDb(dialect);
    const fixture = await buildFixture(db);
    app = appFor(db);
    blog = await startRemoteBlog();
    path = `/review/${fixture.reviews.vegasReview.slug}`;
    target = `${site}${path}`;
  });

  afterAll(async () => {
    await blog.close();
    await db.dispose();
  });

  it("advertises the endpoint in a Link header and in the page's head", async () => {
    const { response, document } = await getPage(app, path);
    expect(response.headers.get("link")).toContain(`<${site}/webmention>; rel="webmention"`);
    expect(document.querySelector('link[rel="webmention"]')?.getAttribute("href")).toBe(
      `${site}/webmention`,
    );
    // A page served from the cache says it too, in the app and on the Node server's fast path.
    const again = await app.request(path);
    expect(again.headers.get("x-cache")).toBe("HIT");
    expect(again.headers.get("link")).toBe(`<${site}/webmention>; rel="webmention"`);
    const server = await serveForTest(db);
    try {
      await fetch(`${server.base}${path}`).then((r) => r.arrayBuffer());
      const hit = await fetch(`${server.base}${path}`);
      await hit.arrayBuffer();
      expect(hit.headers.get("x-cache")).toBe("HIT");
      expect(hit.headers.get("link")).toBe(`<${site}/webmention>; rel="webmention"`);
    } finally {
      await server.close();
    }
  });

  it("queues a reply, verifies it, holds it, and shows it once approved", async () => {
    const source = blog.url("/2026/05/reply");
    blog.page("/2026/05/reply", {
      body: hEntryPage({ target, property: "in-reply-to", content: "The ending earns its quiet." }),
    });
    const answer = await send(source);
    expect(answer.status).toBe(202);
    expect(blog.requests).toEqual([]);

    expect(await work()).toEqual({ done: 1, failed: 0 });
    const row = await rowOf(source);
    expect(row.outcome).toBe("reply");
    const comment = await commentById(db, row.comment_id!);
    expect(comment).toMatchObject({
      kind: "reply",
      status: "pending",
      author_name: "Rita Remote",
      author_url: "https://remote.example/",
      source_url: source,
      body_md: "The ending earns its quiet.",
    });
    expect((await getPage(app, path)).html).not.toContain("The ending earns its quiet.");

    await setCommentStatus(db, comment!.id, "approved");
    const { document } = await getPage(app, path);
    const shown = document.querySelector(`#comment-${comment!.id}`);
    expect(textOf(shown)).toContain("The ending earns its quiet.");
    expect(textOf(shown?.querySelector(".comment-from-web"))).toContain("Replied on the web");
    expect(shown?.querySelector(".comment-from-web a")?.getAttribute("href")).toBe(source);
  });

  it("updates the comment when the source changes, keeping the moderator's decision", async () => {
    const source = blog.url("/2026/05/reply");
    blog.page("/2026/05/reply", {
      body: hEntryPage({
        target,
        property: "in-reply-to",
        content: "Second thoughts: it is loud.",
      }),
    });
    expect((await send(source)).status).toBe(202);
    await work();
    const comment = await commentById(db, (await rowOf(source)).comment_id!);
    expect(comment).toMatchObject({ status: "approved", body_md: "Second thoughts: it is loud." });
    expect((await getPage(app, path)).html).toContain("Second thoughts: it is loud.");
  });

  it("counts an approved like under the thread without listing it", async () => {
    const source = blog.url("/likes/1");
    blog.page("/likes/1", { body: hEntryPage({ target, property: "like-of", content: "" }) });
    expect((await send(source)).status).toBe(202);
    await work();
    const row = await rowOf(source);
    expect(row.outcome).toBe("like");
    const like = await commentById(db, row.comment_id!);
    expect(like).toMatchObject({ kind: "like", status: "pending" });
    await setCommentStatus(db, like!.id, "approved");
    const { document } = await getPage(app, path);
    expect(textOf(document.querySelector(".web-reactions"))).toBe("1 like from the web");
    expect(document.querySelector(`#comment-${like!.id}`)).toBeNull();
  });

  it("removes a mention whose source no longer links, and one whose source is gone", async () => {
    const reply = blog.url("/2026/05/reply");
    const replyId = (await rowOf(reply)).comment_id!;
    blog.page("/2026/05/reply", {
      body: hEntryPage({ target, property: "in-reply-to", withoutLink: true }),
    });
    expect((await send(reply)).status).toBe(202);
    await work();
    expect(await commentById(db, replyId)).toBeUndefined();
    expect((await rowOf(reply)).outcome).toBe("removed (no longer links)");

    const likeId = (await rowOf(blog.url("/likes/1"))).comment_id!;
    blog.page("/likes/1", { status: 410, body: "Gone" });
    expect((await send(blog.url("/likes/1"))).status).toBe(202);
    await work();
    expect(await commentById(db, likeId)).toBeUndefined();
    const { html, document } = await getPage(app, path);
    expect(html).not.toContain("Second thoughts");
    expect(document.querySelector(".web-reactions")).toBeNull();
  });

  it("files a page that merely links as a mention", async () => {
    const source = blog.url("/notes/7");
    blog.page("/notes/7", { body: hEntryPage({ target, content: "Watching Figgis this week." }) });
    await send(source);
    await work();
    const comment = await commentById(db, (await rowOf(source)).comment_id!);
    expect(comment).toMatchObject({ kind: "mention", status: "pending" });
  });
});
