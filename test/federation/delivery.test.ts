// Delivery at scale and when servers misbehave, on loopback and both databases: two app
// instances sharing one database run a publishing round at the same moment and two queue
// workers share the deliveries, and every inbox is served exactly once (shared inboxes
// preferred); an inbox that never answers holds no worker past the deadline; a server that
// answers 410 Gone loses its followers; after `cinelog federation rotate-keys` the actor shows
// the new key and a delivery verifies against it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { followerCounts, saveFollower } from "../../src/domain/federation/followers.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { buildFederation, type BlogFederation } from "../../src/federation/federation.ts";
import { DatabaseMessageQueue } from "../../src/federation/message-queue.ts";
import { publishDueReviews } from "../../src/federation/publish.ts";
import { runCli } from "../support/cli.ts";
import { countingInboxes, type CountingInboxes } from "../support/counting-inboxes.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { serveFederatedSite, type FederatedSite } from "../support/federated-site.ts";
import { buildFixture } from "../support/fixture.ts";
import { until } from "../support/until.ts";

describe.each(dialects)("delivering to the fediverse on %s", (dialect) => {
  let db: TestDb;
  let site: FederatedSite;
  let second: BlogFederation;
  let secondWorker: AbortController;
  let secondRunning: Promise<void>;
  let lastWorker: AbortController | undefined;
  let lastRunning: Promise<void> | undefined;
  let inboxes: CountingInboxes;
  let fixture: Awaited<ReturnType<typeof buildFixture>>;
  let films: number[];

  beforeAll(async () => {
    db = await openTestDb(dialect);
    fixture = await buildFixture(db);
    films = Object.values(fixture.films).map((f) => f.id);
    site = await serveFederatedSite(db, "127.0.0.2");
    // Another app instance behind the same address, sharing the database and the queue.
    second = buildFederation({
      db,
      siteUrl: site.origin,
      logger: pino({ level: "silent" }),
      allowPrivateAddress: true,
      queue: new DatabaseMessageQueue(db, { pollMs: 50 }),
    });
    inboxes = countingInboxes();
    // The first round marks where federation began: what was published before is not sent.
    await publishDueReviews(site.blog, site.origin);
  });
  afterAll(async () => {
    secondWorker?.abort();
    lastWorker?.abort();
    await secondRunning;
    await lastRunning;
    await site?.close();
    await inboxes?.close();
    await db?.dispose();
  });

  let published = 0;
  const publishOne = async (body: string) => {
    const review = await createReview(db, {
      filmId: films[published++ % films.length]!,
      authorId: fixture.author.id,
      body,
      status: "published",
    });
    return `${site.origin}/ap/review/${review.id}`;
  };
  const createsOf = (object: string) =>
    inboxes.posts.filter((p) => p.type === "Create" && (p.object as { id?: string }).id === object);

  it("fans a review out once from two instances, each inbox served once", async () => {
    // Six servers on three addresses: four with a shared inbox (five followers each), two
    // without (three followers each, delivered one by one).
    const expected: string[] = [];
    for (let s = 0; s < 6; s++) {
      const server = await inboxes.start(`127.0.0.${3 + (s % 3)}`);
      const shared = s < 4;
      for (let f = 0; f < (shared ? 5 : 3); f++) {
        const actor = `${server.origin}/users/u${f}`;
        await saveFollower(db, {
          actorUri: actor,
          handle: null,
          name: null,
          inboxUri: `${actor}/inbox`,
          sharedInboxUri: shared ? `${server.origin}/inbox` : null,
          followId: null,
          status: "accepted",
        });
        if (!shared) expected.push(`${actor}/inbox`);
      }
      if (shared) expected.push(`${server.origin}/inbox`);
    }
    const object = await publishOne("Sent once, whoever asks.");
    const reports = await Promise.all([
      publishDueReviews(site.blog, site.origin),
      publishDueReviews(second, site.origin),
    ]);
    expect(reports.map((r) => r.created).sort()).toEqual([0, 1]);
    site.startQueue();
    secondWorker = new AbortController();
    secondRunning = second.federation.startQueue(undefined, { signal: secondWorker.signal });
    await until(() => createsOf(object).length >= expected.length);
    // Time for a duplicate to show, if there were one.
    await until(async () => (await second.queue.getDepth?.())?.queued === 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(
      createsOf(object)
        .map((p) => p.inbox)
        .sort(),
    ).toEqual(expected.sort());
  });

  it("moves past an inbox that never answers", async () => {
    await site.stopQueue();
    secondWorker.abort();
    await secondRunning;
    const hung = await inboxes.start("127.0.0.6");
    hung.status = 0;
    const healthy = await inboxes.start("127.0.0.7");
    for (const server of [hung, healthy]) {
      await saveFollower(db, {
        actorUri: `${server.origin}/users/one`,
        handle: null,
        name: null,
        inboxUri: `${server.origin}/users/one/inbox`,
        sharedInboxUri: `${server.origin}/inbox`,
        followId: null,
        status: "accepted",
      });
    }
    const object = await publishOne("No server holds the queue.");
    expect(await publishDueReviews(site.blog, site.origin)).toMatchObject({ created: 1 });
    // One worker taking one message at a time: without a deadline the hung inbox stops it.
    const worker = new AbortController();
    const queue = new DatabaseMessageQueue(db, { pollMs: 50, batchSize: 1, deadlineMs: 400 });
    const hungFirst = buildFederation({
      db,
      siteUrl: site.origin,
      logger: pino({ level: "silent" }),
      allowPrivateAddress: true,
      queue,
    });
    const running = hungFirst.federation.startQueue(undefined, { signal: worker.signal });
    try {
      await until(() => createsOf(object).some((p) => p.inbox === `${healthy.origin}/inbox`));
      const retried = await until(() =>
        db.kysely
          .selectFrom("federation_queue")
          .select(["last_error", "attempts"])
          .where("last_error", "like", "%not done within 400 ms%")
          .executeTakeFirst(),
      );
      expect(retried.attempts).toBe(1);
    } finally {
      worker.abort();
      hung.status = null;
      await hung.close();
      await running;
    }
    await db.kysely.deleteFrom("federation_queue").execute();
    await db.kysely
      .deleteFrom("federation_followers")
      .where("host", "in", ["127.0.0.6", "127.0.0.7"])
      .execute();
  });

  it("forgets the followers of an inbox that answers 410 Gone", async () => {
    const gone = await inboxes.start("127.0.0.8");
    gone.status = 410;
    for (const user of ["a", "b"]) {
      await saveFollower(db, {
        actorUri: `${gone.origin}/users/${user}`,
        handle: null,
        name: null,
        inboxUri: `${gone.origin}/users/${user}/inbox`,
        sharedInboxUri: `${gone.origin}/inbox`,
        followId: null,
        status: "accepted",
      });
    }
    const before = (await followerCounts(db)).accepted;
    await publishOne("Nobody home there any more.");
    // Fedify starts a federation's queue once: a fresh instance's worker takes over.
    lastWorker = new AbortController();
    lastRunning = buildFederation({
      db,
      siteUrl: site.origin,
      logger: pino({ level: "silent" }),
      allowPrivateAddress: true,
      queue: new DatabaseMessageQueue(db, { pollMs: 50 }),
    }).federation.startQueue(undefined, { signal: lastWorker.signal });
    expect(await publishDueReviews(site.blog, site.origin)).toMatchObject({ created: 1 });
    await until(async () => (await followerCounts(db)).accepted === before - 2);
    const left = await db.kysely
      .selectFrom("federation_followers")
      .select("id")
      .where("host", "=", "127.0.0.8")
      .execute();
    expect(left).toEqual([]);
  });

  it("signs with new keys after rotate-keys, and the actor shows them", async () => {
    const verifying = await inboxes.start("127.0.0.9", { verifyOneIn: 1 });
    await saveFollower(db, {
      actorUri: `${verifying.origin}/users/v`,
      handle: null,
      name: null,
      inboxUri: `${verifying.origin}/users/v/inbox`,
      sharedInboxUri: null,
      followId: null,
      status: "accepted",
    });
    const actorKey = async () => {
      const response = await fetch(`${site.origin}/@blog`, {
        headers: { accept: "application/activity+json" },
      });
      return ((await response.json()) as { publicKey: { publicKeyPem: string } }).publicKey
        .publicKeyPem;
    };
    const oldKey = await actorKey();
    const env = { DATABASE_URL: db.url, CINELOG_DATA_DIR: db.mediaDir.replace(/\/media$/, "") };
    const rotated = await runCli(["federation", "rotate-keys"], env);
    expect(rotated.stderr).toBe("");
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toContain("New key pairs made");
    const newKey = await actorKey();
    expect(newKey).toContain("BEGIN PUBLIC KEY");
    expect(newKey).not.toBe(oldKey);

    const object = await publishOne("Signed with the new key.");
    expect(await publishDueReviews(site.blog, site.origin)).toMatchObject({ created: 1 });
    const [post] = await until(
      () =>
        createsOf(object).filter((p) => p.inbox.startsWith(verifying.origin)).length > 0 &&
        createsOf(object).filter((p) => p.inbox.startsWith(verifying.origin)),
    );
    // Verified by fetching the actor's key now: the rotated one.
    expect(post!.signedBy).toBe(`${site.origin}/@blog#main-key`);
  });
});
