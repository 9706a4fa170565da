// `cinelog serve`'s fediverse work (src/federation/background.ts) loads Fedify only once
// there is work: with federation off it never calls the loader; turned on, it loads it once,
// works the delivery queue (a Follow is accepted) and publishes a new review to the follower;
// stopped, it stops both. Both databases, loopback, the Mastodon-shaped actor.
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveSetting } from "../../src/domain/settings.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { startFederationWork } from "../../src/federation/background.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { serveFederatedSite, type FederatedSite } from "../support/federated-site.ts";
import { buildFixture } from "../support/fixture.ts";
import { startMastodonActor, type MastodonActor } from "../support/mastodon-actor.ts";
import { until } from "../support/until.ts";

describe.each(dialects)("the fediverse's background work on %s", (dialect) => {
  let db: TestDb;
  let site: FederatedSite;
  let mastodon: MastodonActor;
  let fixture: Awaited<ReturnType<typeof buildFixture>>;
  let loads = 0;
  let work: ReturnType<typeof startFederationWork>;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    fixture = await buildFixture(db);
    site = await serveFederatedSite(db, "127.0.0.2", { enable: false });
    mastodon = await startMastodonActor("127.0.0.3");
    const load = () => {
      loads++;
      return Promise.resolve(site.blog);
    };
    work = startFederationWork(load, db, site.origin, pino({ level: "silent" }), {
      checkEveryMs: 100,
      publishEveryMs: 100,
    });
  });
  afterAll(async () => {
    await work?.stop();
    await site?.close();
    await mastodon?.close();
    await db?.dispose();
  });

  it("does not load the federation while it is off and nothing is queued", async () => {
    // Several checks' worth of time: none of them may load it.
    await new Promise((r) => setTimeout(r, 600));
    expect(loads).toBe(0);
  });

  it("loads it once turned on, accepts a follow and publishes a new review", async () => {
    await saveSetting(db, "federationEnabled", true);
    await until(() => loads > 0);
    await mastodon.send("follow.json", `${site.origin}/ap/inbox`, {
      ACTIVITY_ID: "bg-follow",
      TARGET: `${site.origin}/@blog`,
    });
    // The Accept is delivered by the queue this work started (the test site runs none).
    await until(() => mastodon.received.find((a) => a.type === "Accept"));
    await createReview(db, {
      filmId: fixture.films.friday.id,
      authorId: fixture.author.id,
      body: "Published while the background work runs.",
      status: "published",
    });
    const create = await until(() => mastodon.received.find((a) => a.type === "Create"));
    expect(JSON.stringify(create)).toContain("His Girl Friday (1940)");
    expect(loads).toBe(1);
  });

  it("stops the publisher and the queue", async () => {
    await work.stop();
    const before = mastodon.received.length;
    await createReview(db, {
      filmId: fixture.films.friday.id,
      authorId: fixture.author.id,
      body: "Written after the stop: nobody sends it.",
      status: "published",
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(mastodon.received.length).toBe(before);
  });
});
