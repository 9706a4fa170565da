// Comment counts on every listing of reviews, over HTTP on both databases: only approved
// comments count, one grouped query per page, and a cached listing follows a comment being
// approved or hidden at once, while pages that show no comments stay cached.
import type {
  CompiledQuery,
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommentStatus, Database } from "../../src/db/schema.ts";
import { createComment } from "../../src/domain/comments.ts";
import { appendSeriesEntry, createSeries } from "../../src/domain/series.ts";
import { addAccount, csrfToken, postForm, signIn } from "../admin/admin-client.ts";
import { appFor, getPage, textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildIndexSite } from "./index-site.ts";

type App = ReturnType<typeof appFor>;

/** Counts the SELECTs that read the comments table, as the database receives them. */
class CommentQueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node;
    if (node.kind === "SelectQueryNode" && JSON.stringify(node.from).includes('"comments"')) {
      this.count++;
    }
    return node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/**
 * The same Kysely, also counting the statements written as SQL text (src/db/prepared.ts, run
 * through executeQuery, which no plugin sees) that read the comments table.
 */
function countingRaw<K extends Kysely<Database>>(kysely: K, counter: CommentQueryCounter): K {
  return new Proxy(kysely, {
    get(target, property) {
      if (property === "executeQuery") {
        return (query: CompiledQuery) => {
          if (/\bcomments\b/.test(query.sql)) counter.count++;
          return target.executeQuery(query);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as () => unknown).bind(target) : value;
    },
  });
}

/** The comment count link on the card of the review at `slug`, if the page lists it. */
function countOn(document: Document, slug: string) {
  const card = [...document.querySelectorAll(".review-card")].find(
    (c) => c.querySelector("h2 a")?.getAttribute("href") === `/review/${slug}`,
  );
  if (!card) return undefined;
  const link = card.querySelector(".comment-count");
  return link ? { text: textOf(link), href: link.getAttribute("href") } : null;
}

describe.each(dialects)("comment counts on index pages on %s", (dialect) => {
  let db: TestDb;
  let app: App;
  let fargo: number;
  let vegas: number;
  const comment = (reviewId: number, status: CommentStatus) =>
    createComment(db, {
      reviewId,
      name: "Counted Reader",
      email: "counted@example.com",
      body: `A ${status} comment.`,
      status,
    });

  beforeAll(async () => {
    db = await openTestDb(dialect);
    await buildIndexSite(db);
    const slugs = await db.kysely.selectFrom("reviews").select(["id", "slug"]).execute();
    const id = (slug: string) => slugs.find((r) => r.slug === slug)!.id;
    fargo = id("fargo-1996");
    vegas = id("leaving-las-vegas-1995");
    for (let i = 0; i < 12; i++) await comment(fargo, "approved");
    await comment(vegas, "approved");
    // Never counted: waiting, spam, trash.
    for (const status of ["pending", "spam", "trash"] as const) {
      await comment(fargo, status);
      await comment(vegas, status);
    }
    await addAccount(db, "owner", "boss");
    app = appFor(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("shows approved comments on every listing, linking to the review's comments", async () => {
    const twelve = { text: "12 comments on Fargo (1996)", href: "/review/fargo-1996#comments" };
    for (const path of [
      "/",
      "/archive/2026",
      "/archive/2026/03",
      "/years/1996",
      "/decades/1990s",
      "/ratings/70",
      "/tag/neo-noir",
      "/tag/bleak",
      "/film/fargo-1996",
    ]) {
      const { response, document } = await getPage(app, path);
      expect(response.status, path).toBe(200);
      expect(countOn(document, "fargo-1996"), path).toEqual(twelve);
    }
    // A director's page lists their reviewed films, each with its count.
    const person = (await getPage(app, "/person/joel-coen")).document;
    const personLink = person.querySelector('a.comment-count[href="/review/fargo-1996#comments"]');
    expect(textOf(personLink)).toBe("12 comments on Fargo (1996)");
    const tag = (await getPage(app, "/tag/neo-noir")).document;
    expect(countOn(tag, "leaving-las-vegas-1995")).toEqual({
      text: "1 comment on Leaving Las Vegas (1995)",
      href: "/review/leaving-las-vegas-1995#comments",
    });
    // No approved comment: no count at all, rather than "0 comments".
    expect(countOn(tag, "unforgiven-1992")).toBeNull();
    // The visible words are the count alone; the film is for screen readers' link lists.
    const link = tag.querySelector(".review-card .comment-count");
    expect(link?.querySelector(".visually-hidden")?.textContent).toBe(" on Fargo (1996)");
  });

  it("asks the database once per page for all its counts", async () => {
    // Four of the ten reviews on the first page will have approved comments.
    for (const slug of ["amarcord-rewatch", "unforgiven-rewatch", "vegas-rewatch"]) {
      const row = await db.kysely
        .selectFrom("reviews")
        .select("id")
        .where("slug", "=", slug)
        .executeTakeFirstOrThrow();
      await comment(row.id, "approved");
    }
    const counter = new CommentQueryCounter();
    const counted = appFor(
      { ...db, kysely: countingRaw(db.kysely.withPlugin(counter), counter) },
      {
        pageCache: false,
      },
    );
    const { document } = await getPage(counted, "/");
    expect(document.querySelectorAll(".review-card")).toHaveLength(10);
    expect(document.querySelectorAll(".review-card .comment-count")).toHaveLength(4);
    expect(counter.count).toBe(1);
    counter.count = 0;
    await getPage(counted, "/archive/2026/03");
    expect(counter.count).toBe(1);
  });

  it("keeps cached listings exact as comments are approved and hidden", async () => {
    const owner = await signIn(app, "boss@example.com");
    const token = await csrfToken(app, owner);
    const act = (id: number, action: string) =>
      postForm(app, `/admin/comments/${id}/${action}`, { _csrf: token }, { cookie: owner });
    const cacheState = async (path: string) => (await app.request(path)).headers.get("x-cache");
    const fargoCount = async () => countOn((await getPage(app, "/")).document, "fargo-1996");
    // Pages that show no comment, cached now.
    const untouched = ["/archive", "/years", "/tags", "/directors", "/feed.xml", "/sitemap.xml"];
    for (const path of untouched) await app.request(path);

    expect((await fargoCount())?.text).toBe("12 comments on Fargo (1996)");
    expect(await cacheState("/")).toBe("HIT");
    const waiting = await comment(fargo, "pending");
    expect(await cacheState("/")).toBe("HIT");

    const personCount = async () =>
      textOf(
        (await getPage(app, "/person/joel-coen")).document.querySelector(
          'a.comment-count[href="/review/fargo-1996#comments"]',
        ),
      );
    expect(await personCount()).toBe("12 comments on Fargo (1996)");
    expect((await act(waiting.id, "approve")).status).toBe(303);
    expect((await fargoCount())?.text).toBe("13 comments on Fargo (1996)");
    expect(await personCount()).toBe("13 comments on Fargo (1996)");
    const feed = await (await app.request("/comments/feed.xml")).text();
    expect(feed).toContain(`#comment-${waiting.id}`);
    for (const path of untouched) expect(await cacheState(path), path).toBe("HIT");

    expect((await act(waiting.id, "unapprove")).status).toBe(303);
    expect((await fargoCount())?.text).toBe("12 comments on Fargo (1996)");
    expect((await act(waiting.id, "approve")).status).toBe(303);
    expect((await act(waiting.id, "spam")).status).toBe(303);
    expect((await fargoCount())?.text).toBe("12 comments on Fargo (1996)");
    // Back out of spam to where it was: approved, and counted again.
    expect((await act(waiting.id, "notspam")).status).toBe(303);
    expect((await fargoCount())?.text).toBe("13 comments on Fargo (1996)");
    expect(await cacheState("/comments/feed.xml")).toBe("MISS");
    for (const path of untouched) expect(await cacheState(path), path).toBe("HIT");
  });

  it("shows counts on a series page and in search results, and follows approvals there too", async () => {
    const fargoFilm = await db.kysely
      .selectFrom("reviews")
      .select("film_id")
      .where("id", "=", fargo)
      .executeTakeFirstOrThrow();
    const series = await createSeries(db, { title: "Snow and Crime", slug: "snow-and-crime" });
    await appendSeriesEntry(db, series.id, fargoFilm.film_id, fargo);
    const countLink = async (path: string) =>
      textOf(
        (await getPage(app, path)).document.querySelector(
          'a.comment-count[href="/review/fargo-1996#comments"]',
        ),
      );
    const before = await countLink("/series/snow-and-crime");
    expect(before).toMatch(/^\d+ comments on Fargo \(1996\)$/);
    expect(await countLink("/search?q=fargo")).toBe(before);
    const n = Number(before.split(" ")[0]);
    const waiting = await comment(fargo, "pending");
    await app.request("/series/snow-and-crime");
    const owner = await signIn(app, "boss@example.com");
    const token = await csrfToken(app, owner);
    const approved = await postForm(
      app,
      `/admin/comments/${waiting.id}/approve`,
      { _csrf: token },
      { cookie: owner },
    );
    expect(approved.status).toBe(303);
    expect(await countLink("/series/snow-and-crime")).toBe(`${n + 1} comments on Fargo (1996)`);
    expect(await countLink("/search?q=fargo")).toBe(`${n + 1} comments on Fargo (1996)`);
  });
});
