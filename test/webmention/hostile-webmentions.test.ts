// Hostile and broken input at the Webmention endpoint and in the worker, on both databases:
// bad addresses, a target that is not ours or not public, a source on a private address
// (refused without the test switch), a huge source (capped), a flood from one site (429).
// Nothing answers 5xx, nothing is filed as a comment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workDueMentions } from "../../src/webmention/worker.ts";
import { mentionsPerHostPerHour } from "../../src/web/public/webmention-routes.tsx";
import { appFor } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { hEntryPage, startRemoteBlog, type RemoteBlog } from "../support/remote-blog.ts";

const site = "http://127.0.0.1:4000";

describe.each(dialects)("hostile Webmentions on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  let blog: RemoteBlog;
  let target = "";
  let fixture: Awaited<ReturnType<typeof buildFixture>>;

  const send = (fields: Record<string, string>, type = "application/x-www-form-urlencoded") =>
    app.request("/webmention", {
      method: "POST",
      headers: { "content-type": type },
      body: new URLSearchParams(fields).toString(),
    });
  const webComments = async () =>
    (
      await db.kysely
        .selectFrom("comments")
        .select("id")
        .where("source_url", "is not", null)
        .execute()
    ).length;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    fixture = await buildFixture(db);
    app = appFor(db);
    blog = await startRemoteBlog();
    target = `${site}/review/${fixture.reviews.vegasReview.slug}`;
  });

  afterAll(async () => {
    await blog.close();
    await db.dispose();
  });

  it("answers bad requests with 400 and a message, queueing nothing", async () => {
    const source = blog.url("/post");
    const cases: [Record<string, string>, string][] = [
      [{ target }, "source must be"],
      [{ source, target: "" }, "target must be"],
      [{ source: "javascript:alert(1)", target }, "source must be"],
      [{ source: "file:///etc/passwd", target }, "source must be"],
      [{ source: `https://x.example/${"a".repeat(5000)}`, target }, "source must be"],
      [{ source: target, target }, "must differ"],
      [{ source: `${site}/review/other`, target }, "another site"],
      [{ source, target: "https://elsewhere.example/review/x" }, "not a published"],
      [{ source, target: `${site}/review/${fixture.reviews.draft.slug}` }, "not a published"],
      [{ source, target: `${site}/review/no-such-review` }, "not a published"],
      [{ source, target: `${site}/admin` }, "not a published"],
      // The form edge strips the control character; the target is still no address.
      [{ source: "\u0000http://x", target: "\uFFFF" }, "target must be"],
    ];
    for (const [fields, message] of cases) {
      const response = await send(fields);
      expect(response.status, JSON.stringify(fields).slice(0, 80)).toBe(400);
      expect(await response.text()).toContain(message);
    }
    const other = await send({ source, target }, "application/json");
    expect(other.status).toBe(400);
    const rows = await db.kysely.selectFrom("webmentions").selectAll().execute();
    expect(rows).toEqual([]);
  });

  it("refuses a source on a private address without the test switch", async () => {
    blog.page("/private", { body: hEntryPage({ target, property: "in-reply-to" }) });
    expect((await send({ source: blog.url("/private"), target })).status).toBe(202);
    expect((await send({ source: "http://169.254.169.254/latest", target })).status).toBe(202);
    const report = await workDueMentions({ db, siteUrl: site });
    expect(report).toEqual({ done: 0, failed: 2 });
    expect(blog.requests).toEqual([]);
    const rows = await db.kysely.selectFrom("webmentions").selectAll().execute();
    expect(rows.every((r) => r.failed_at !== null && /address/.test(r.last_error ?? ""))).toBe(
      true,
    );
    expect(await webComments()).toBe(0);
  });

  it("gives up on a source larger than the cap", async () => {
    const huge = hEntryPage({ target, content: "x".repeat(3 * 1024 * 1024) });
    blog.page("/huge", { body: huge });
    expect((await send({ source: blog.url("/huge"), target })).status).toBe(202);
    const report = await workDueMentions({ db, siteUrl: site, fetch: { allowLoopback: true } });
    expect(report).toEqual({ done: 0, failed: 1 });
    const row = await db.kysely
      .selectFrom("webmentions")
      .selectAll()
      .where("source", "=", blog.url("/huge"))
      .executeTakeFirstOrThrow();
    expect(row.last_error).toContain("larger than");
    expect(await webComments()).toBe(0);
  });

  it("files a source whose page holds no link to us as nothing", async () => {
    blog.page("/unrelated", { body: hEntryPage({ target, withoutLink: true }) });
    await send({ source: blog.url("/unrelated"), target });
    await workDueMentions({ db, siteUrl: site, fetch: { allowLoopback: true } });
    expect(await webComments()).toBe(0);
  });

  it("limits how many Webmentions one site may send in an hour", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < mentionsPerHostPerHour + 2; i++) {
      statuses.push((await send({ source: `https://flood.example/${i}`, target })).status);
    }
    expect(statuses.slice(0, mentionsPerHostPerHour).every((s) => s === 202)).toBe(true);
    expect(statuses.slice(mentionsPerHostPerHour)).toEqual([429, 429]);
    // Another site is not held back by the first one's flood.
    expect((await send({ source: "https://calm.example/1", target })).status).toBe(202);
  });
});
