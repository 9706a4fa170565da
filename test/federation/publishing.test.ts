// A review going public reaches a Mastodon-shaped follower as Create(Article), on loopback and
// both databases: name "Title (Year)", the lead paragraph with a link, the still as an Image
// with its alt text, tags as Hashtags, delivered once to the shared inbox; an edit sends
// Update, unpublishing sends Delete; an inbox down for a while still gets it afterwards;
// the back catalogue is never sent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { followerByActor } from "../../src/domain/federation/followers.ts";
import { updateReview } from "../../src/domain/review-editing.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { addStill } from "../../src/domain/stills.ts";
import { publishDueReviews } from "../../src/federation/publish.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { serveFederatedSite, type FederatedSite } from "../support/federated-site.ts";
import { buildFixture } from "../support/fixture.ts";
import { startMastodonActor, type MastodonActor } from "../support/mastodon-actor.ts";
import { until } from "../support/until.ts";

type Received = Record<string, unknown> & { object?: Record<string, unknown> };

describe.each(dialects)("publishing to the fediverse on %s", (dialect) => {
  let db: TestDb;
  let site: FederatedSite;
  let mastodon: MastodonActor;
  let fixture: Awaited<ReturnType<typeof buildFixture>>;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    fixture = await buildFixture(db);
    site = await serveFederatedSite(db, "127.0.0.2");
    mastodon = await startMastodonActor("127.0.0.3");
    site.startQueue();
    await mastodon.send("follow.json", `${site.origin}/ap/inbox`, {
      ACTIVITY_ID: "f1",
      TARGET: `${site.origin}/@blog`,
    });
    await until(() => mastodon.received.find((a) => a.type === "Accept"));
    expect((await followerByActor(db, mastodon.actorUri))?.status).toBe("accepted");
  });
  afterAll(async () => {
    await site?.close();
    await mastodon?.close();
    await db?.dispose();
  });

  const publish = () => publishDueReviews(site.blog, site.origin);
  const ofType = (type: string) => mastodon.received.filter((a) => a.type === type) as Received[];

  it("sends nothing of the back catalogue", async () => {
    expect(await publish()).toEqual({ created: 0, updated: 0, deleted: 0 });
  });

  let reviewId: number;
  let reviewSlug: string;

  it("delivers a new public review as Create(Article), once", async () => {
    const review = await createReview(db, {
      filmId: fixture.films.friday.id,
      authorId: fixture.author.id,
      body: "Fast talk, *faster* cuts.\n\nA second paragraph.",
      excerpt: "Fast talk, faster cuts.",
      status: "published",
      tags: ["Screwball"],
    });
    reviewId = review.id;
    reviewSlug = review.slug;
    await addStill(db, {
      reviewId: review.id,
      path: "stills/friday.jpg",
      width: 1200,
      height: 675,
      alt: "Hildy at the typewriter",
    });
    expect(await publish()).toEqual({ created: 1, updated: 0, deleted: 0 });
    const [create] = await until(() => ofType("Create").length > 0 && ofType("Create"));
    const article = create!.object!;
    expect(article.type).toBe("Article");
    expect(article.name).toBe("His Girl Friday (1940)");
    expect(article.summary).toBe("<p>Fast talk, faster cuts.</p>");
    expect(article.content).toContain(`${site.origin}/review/${reviewSlug}`);
    expect(article.url).toBe(`${site.origin}/review/${reviewSlug}`);
    expect(JSON.stringify(article.attachment)).toContain("Hildy at the typewriter");
    expect(JSON.stringify(article.tag)).toContain("#Screwball");
    expect(await publish()).toEqual({ created: 0, updated: 0, deleted: 0 });
    await new Promise((r) => setTimeout(r, 300));
    expect(ofType("Create")).toHaveLength(1);
  });

  it("sends Update for an edit and Delete when it stops being public", async () => {
    await new Promise((r) => setTimeout(r, 5));
    const edit = {
      filmId: fixture.films.friday.id,
      rating: null,
      watchedOn: null,
      isRewatch: false,
      hasSpoilers: false,
      tags: ["Screwball"],
    };
    await updateReview(db, reviewId, {
      ...edit,
      body: "Fast talk, *faster* cuts. Edited.",
      status: "published",
    });
    expect(await publish()).toMatchObject({ updated: 1 });
    const [update] = await until(() => ofType("Update").length > 0 && ofType("Update"));
    expect(update!.object!.summary).toContain("Edited.");

    await updateReview(db, reviewId, { ...edit, body: "Back to a draft.", status: "draft" });
    expect(await publish()).toMatchObject({ deleted: 1 });
    const [del] = await until(() => ofType("Delete").length > 0 && ofType("Delete"));
    expect(JSON.stringify(del)).toContain(`/ap/review/${reviewId}`);
  });

  it("reaches an inbox that was down for a while, afterwards", async () => {
    mastodon.inboxStatus = 503;
    await createReview(db, {
      filmId: fixture.films.bob.id,
      authorId: fixture.author.id,
      body: "Down but not out.",
      excerpt: "Down but not out.",
      status: "published",
    });
    expect(await publish()).toMatchObject({ created: 1 });
    await new Promise((r) => setTimeout(r, 1000));
    const before = ofType("Create").length;
    mastodon.inboxStatus = null;
    const creates = await until(() => ofType("Create").length > before && ofType("Create"));
    expect(JSON.stringify(creates.at(-1))).toContain("Down but not out.");
  });
});
