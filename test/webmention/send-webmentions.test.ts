// Sending Webmentions, on both databases: off by default, publishing a review that links to
// another site makes no request at all; with the owner's "Send Webmentions" on, the worker
// discovers the linked page's endpoint and delivers exactly one Webmention to it, once,
// however many rounds run. Endpoints advertised in HTML (relative) are found as well.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReview } from "../../src/domain/reviews.ts";
import { saveSetting } from "../../src/domain/settings.ts";
import { workDueMentions } from "../../src/webmention/worker.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { startRemoteBlog, type RemoteBlog } from "../support/remote-blog.ts";

const site = "http://127.0.0.1:4000";

describe.each(dialects)("sending Webmentions on %s", (dialect) => {
  let db: TestDb;
  let blog: RemoteBlog;
  let fixture: Awaited<ReturnType<typeof buildFixture>>;

  const work = () => workDueMentions({ db, siteUrl: site, fetch: { allowLoopback: true } });
  const publish = (slug: string, body: string) =>
    createReview(db, {
      filmId: fixture.films.games.id,
      authorId: fixture.author.id,
      status: "published",
      slug,
      body,
    });

  beforeAll(async () => {
    db = await openTestDb(dialect);
    fixture = await buildFixture(db);
    blog = await startRemoteBlog();
    // Endpoint by Link header on one page, by a relative <link> in the HTML of another.
    blog.page("/films/house-of-games", {
      body: "<!doctype html><title>House of Games</title><p>A page about the film.</p>",
      headers: { link: `<${blog.url("/endpoint")}>; rel="webmention"` },
    });
    blog.page("/notes/mamet", {
      body: '<!doctype html><html><head><link rel="webmention" href="/endpoint"></head><body>Notes</body></html>',
    });
    blog.page("/no-endpoint", { body: "<!doctype html><p>Nothing to see.</p>" });
  });

  afterAll(async () => {
    await blog.close();
    await db.dispose();
  });

  it("makes no request while the owner has not turned sending on", async () => {
    // The first round only marks where the worker starts looking from.
    await work();
    await publish("games-one", `Compare [this page](${blog.url("/films/house-of-games")}).`);
    await work();
    await work();
    expect(blog.requests).toEqual([]);
    const rows = await db.kysely.selectFrom("webmentions").selectAll().execute();
    expect(rows).toEqual([]);
  });

  it("delivers exactly one Webmention per linked page once sending is on", async () => {
    await saveSetting(db, "sendWebmentions", true);
    const review = await publish(
      "games-two",
      `See [a page](${blog.url("/films/house-of-games")}), [notes](${blog.url("/notes/mamet")}), ` +
        `[nothing](${blog.url("/no-endpoint")}) and [our own](${site}/review/games-one).`,
    );
    const source = `${site}/review/${review.slug}`;
    const report = await work();
    expect(report).toEqual({ done: 3, failed: 0 });
    await work();
    await work();
    expect(blog.received).toHaveLength(2);
    expect(blog.received).toContainEqual({ source, target: blog.url("/films/house-of-games") });
    expect(blog.received).toContainEqual({ source, target: blog.url("/notes/mamet") });
    const outcomes = await db.kysely
      .selectFrom("webmentions")
      .select(["target", "outcome"])
      .where("direction", "=", "out")
      .orderBy("target")
      .execute();
    expect(outcomes.map((o) => o.outcome)).toEqual(["sent (202)", "no endpoint", "sent (202)"]);
  });

  it("refuses to send to a private address even with sending on", async () => {
    await publish("games-three", "An [intranet page](http://10.1.2.3/wiki).");
    const report = await workDueMentions({ db, siteUrl: site }, new Date());
    expect(report).toEqual({ done: 0, failed: 1 });
    const row = await db.kysely
      .selectFrom("webmentions")
      .selectAll()
      .where("target", "=", "http://10.1.2.3/wiki")
      .executeTakeFirstOrThrow();
    expect(row.failed_at).not.toBeNull();
    expect(row.last_error).toContain("private address");
  });
});
