// Likes and boosts from a Mastodon-shaped account, on loopback and both databases: counted on
// the review page in one sentence (and the cached page dropped when they change), once per
// account, taken back by Undo, refused from a blocked server and removed by blocking it; the
// owner sees who in the admin; a like of something that is not a public review is ignored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addBlock, removeBlock, listBlocks } from "../../src/domain/federation/followers.ts";
import { reactionCounts, recentReactions } from "../../src/domain/federation/reactions.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { serveFederatedSite, type FederatedSite } from "../support/federated-site.ts";
import { buildFixture } from "../support/fixture.ts";
import { startMastodonActor, type MastodonActor } from "../support/mastodon-actor.ts";
import { until } from "../support/until.ts";

describe.each(dialects)("likes and boosts from the fediverse on %s", (dialect) => {
  let db: TestDb;
  let site: FederatedSite;
  let marguerite: MastodonActor;
  let anselm: MastodonActor;
  let reviewId: number;
  let page: string;
  let object: string;
  let inbox: string;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    const fixture = await buildFixture(db);
    site = await serveFederatedSite(db, "127.0.0.2");
    marguerite = await startMastodonActor("127.0.0.3");
    anselm = await startMastodonActor("127.0.0.4", "anselm");
    site.startQueue();
    const review = await createReview(db, {
      filmId: fixture.films.friday.id,
      authorId: fixture.author.id,
      body: "Talk as fast as a typewriter.",
      status: "published",
    });
    reviewId = review.id;
    page = `${site.origin}/review/${review.slug}`;
    object = `${site.origin}/ap/review/${review.id}`;
    inbox = `${site.origin}/ap/inbox`;
  });
  afterAll(async () => {
    await site?.close();
    await marguerite?.close();
    await anselm?.close();
    await db?.dispose();
  });

  const sentence = async () => {
    const response = await fetch(page);
    expect(response.status).toBe(200);
    const html = await response.text();
    return {
      html,
      cache: response.headers.get("x-cache"),
      match: /class="reactions">([^<]*)</.exec(html)?.[1],
    };
  };
  const counts = () => reactionCounts(db, reviewId);
  /** The page once it says `text`: the count is stored before the cached page is dropped. */
  const shows = (text: string | undefined) =>
    until(async () => {
      const shown = await sentence();
      return shown.match === text && shown;
    });
  const author = () => `${site.origin}/@blog`;

  it("shows nothing while there are none, and caches the page", async () => {
    expect((await sentence()).match).toBeUndefined();
    expect((await sentence()).cache).toBe("HIT");
  });

  it("counts a like once per account and drops the cached page", async () => {
    const like = { ACTIVITY_ID: "301", TARGET: object };
    expect((await marguerite.send("like.json", inbox, like)).status).toBe(202);
    await until(async () => (await counts()).likes === 1);
    // The cached copy was dropped: a page kept would never say it.
    expect((await shows("1 like from the fediverse")).cache).not.toBe("HIT");
    // The same account again, even under another id: still one.
    await marguerite.send("like.json", inbox, { ACTIVITY_ID: "302", TARGET: object });
    await anselm.send("like.json", inbox, { ACTIVITY_ID: "9", TARGET: object });
    await until(async () => (await counts()).likes === 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(await counts()).toEqual({ likes: 2, boosts: 0 });
    await shows("2 likes from the fediverse");
    // Names are not on the public page.
    expect((await sentence()).html).not.toContain(marguerite.actorUri);
  });

  it("counts boosts beside likes, with the right plurals", async () => {
    const boost = { ACTIVITY_ID: "555", TARGET: object, AUTHOR: author() };
    expect((await marguerite.send("announce.json", inbox, boost)).status).toBe(202);
    await until(async () => (await counts()).boosts === 1);
    await shows("2 likes and 1 boost from the fediverse");
    await anselm.send("announce.json", inbox, { ...boost, ACTIVITY_ID: "777" });
    await until(async () => (await counts()).boosts === 2);
    await shows("2 likes and 2 boosts from the fediverse");
  });

  it("lists who in the owner's view only", async () => {
    const listed = await recentReactions(db);
    expect(listed.map((r) => `${r.kind} ${r.actorUri}`).sort()).toEqual(
      [
        `boost ${anselm.actorUri}`,
        `boost ${marguerite.actorUri}`,
        `like ${anselm.actorUri}`,
        `like ${marguerite.actorUri}`,
      ].sort(),
    );
  });

  it("takes a like and a boost back on Undo", async () => {
    await marguerite.send("undo-like.json", inbox, { ACTIVITY_ID: "301", TARGET: object });
    await until(async () => (await counts()).likes === 1);
    await marguerite.send("undo-announce.json", inbox, {
      ACTIVITY_ID: "555",
      TARGET: object,
      AUTHOR: author(),
    });
    await until(async () => (await counts()).boosts === 1);
    await shows("1 like and 1 boost from the fediverse");
  });

  it("ignores likes of anything but a public review", async () => {
    await marguerite.send("like.json", inbox, {
      ACTIVITY_ID: "400",
      TARGET: `${site.origin}/ap/review/999999`,
    });
    await marguerite.send("like.json", inbox, {
      ACTIVITY_ID: "401",
      TARGET: "http://127.0.0.9/notes/1",
    });
    // A later like from the same account is handled after those, so waiting for it is enough.
    await marguerite.send("like.json", inbox, { ACTIVITY_ID: "402", TARGET: object });
    await until(async () => (await counts()).likes === 2);
    const rows = await db.kysely.selectFrom("federation_reactions").select("review_id").execute();
    expect(rows.every((r) => r.review_id === reviewId)).toBe(true);
  });

  it("removes a server's likes and boosts when blocked, and refuses new ones", async () => {
    await addBlock(db, "server", "127.0.0.4");
    expect(await counts()).toEqual({ likes: 1, boosts: 0 });
    await shows("1 like from the fediverse");
    await anselm.send("like.json", inbox, { ACTIVITY_ID: "10", TARGET: object });
    // Marguerite's boost after anselm's like: once it counts, anselm's was handled.
    await marguerite.send("announce.json", inbox, {
      ACTIVITY_ID: "556",
      TARGET: object,
      AUTHOR: author(),
    });
    await until(async () => (await counts()).boosts === 1);
    expect(await counts()).toEqual({ likes: 1, boosts: 1 });
    for (const block of await listBlocks(db)) await removeBlock(db, block.id);
  });

  it("says nothing again once every one is undone", async () => {
    await marguerite.send("undo-like.json", inbox, { ACTIVITY_ID: "402", TARGET: object });
    await marguerite.send("undo-announce.json", inbox, {
      ACTIVITY_ID: "556",
      TARGET: object,
      AUTHOR: author(),
    });
    await until(async () => {
      const c = await counts();
      return c.likes === 0 && c.boosts === 0;
    });
    await shows(undefined);
  });
});
